// Builds and commits one block of a single-validator chain directly, without the consensus driver:
// for tests of the ledger and the mempool at a block boundary, where a height's rounds, WAL and
// timers would only add noise. It uses the node's own buildBlock/commitExecuted and signs the one
// precommit of round 0, so the stored block and commit are those the driver would write.
import { encodeCommit, voteSignBytes, VOTE_PRECOMMIT, type DecodedTx } from '../../src/codec/index.js';
import { sign, type KeyPair } from '../../src/crypto/ed25519.js';
import { assert, type Hash32, type TianpingError } from '../../src/types/index.js';
import { buildBlock, commitExecuted, type BlockExecComponents } from '../../src/blocks/index.js';

export interface BuilderComponents extends BlockExecComponents {
  readonly key: KeyPair;
  /** This validator's index in the set ordered by public key. */
  readonly validatorIndex: number;
}

export interface BuiltBlock {
  readonly height: number;
  readonly hash: Hash32;
  readonly timeMs: number;
  readonly included: readonly DecodedTx[];
  readonly rejected: readonly { tx: DecodedTx; error: TianpingError }[];
}

export async function buildAndCommit(c: BuilderComponents, height: number, timeMs: number): Promise<BuiltBlock> {
  const tip = c.ledger.tip;
  assert(height === tip.height + 1, `build height ${height} follows tip ${tip.height}`);
  assert(timeMs > tip.timeMs, 'block time is after the previous block time');
  const exec: BlockExecComponents = c;
  const block = await buildBlock(exec, height, timeMs, c.key.publicKey);
  const signature = sign(c.key.seed, voteSignBytes(c.genesis.chainId, height, 0, VOTE_PRECOMMIT, block.hash));
  const commitBytes = encodeCommit({ height, round: 0, blockHash: block.hash,
    signatures: [{ validatorIndex: c.validatorIndex, signature }] });
  await commitExecuted(exec, block, commitBytes);
  return { height, hash: block.hash, timeMs, included: block.result.included, rejected: block.result.rejected };
}
