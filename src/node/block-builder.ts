// The single-validator path: build, sign the one precommit, commit. The Tendermint path uses the
// same buildBlock/commitExecuted with a certificate from many validators.
import { encodeCommit, voteSignBytes, VOTE_PRECOMMIT, type DecodedTx } from '../codec/index.js';
import { sign, type KeyPair } from '../crypto/ed25519.js';
import { assert, type Hash32, type TianpingError } from '../types/index.js';
import { buildBlock, commitExecuted, type BlockExecComponents } from './block-exec.js';

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
