// Turns a produce effect into a committed block: reap the mempool, execute, build the header, sign
// the precommit, write everything in one synced batch, then tell the mempool and the waiters.
import { encodeBlock, encodeCommit, encodeHeader, blockHashOfHeader, voteSignBytes, VOTE_PRECOMMIT,
  type DecodedTx } from '../codec/index.js';
import { sign, type KeyPair, type SignatureVerifier } from '../crypto/ed25519.js';
import type { Ledger } from '../ledger/index.js';
import type { Mempool } from '../mempool/index.js';
import { executeBlock, type Genesis } from '../state/index.js';
import { assert, type Hash32, type TianpingError } from '../types/index.js';

export interface BuilderComponents {
  readonly genesis: Genesis;
  readonly ledger: Ledger;
  readonly mempool: Mempool;
  readonly verifier: SignatureVerifier;
  readonly key: KeyPair;
  /** This validator's index in the set ordered by public key. */
  readonly validatorIndex: number;
  readonly validatorsHash: Hash32;
}

export interface BuiltBlock {
  readonly height: number;
  readonly hash: Hash32;
  readonly timeMs: number;
  readonly included: readonly DecodedTx[];
  readonly rejected: readonly { tx: DecodedTx; error: TianpingError }[];
}

export async function buildAndCommit(c: BuilderComponents, height: number, timeMs: number): Promise<BuiltBlock> {
  const { genesis, ledger, mempool } = c;
  const tip = ledger.tip;
  assert(height === tip.height + 1, `build height ${height} follows tip ${tip.height}`);
  assert(timeMs > tip.timeMs, 'block time is after the previous block time');
  const candidates = mempool.reap(genesis.params.blockTxsMax, genesis.params.blockBytesMax);
  const result = await executeBlock(ledger.state, {
    chainId: genesis.chainId, height, timeMs, params: genesis.params, verifier: c.verifier,
    isVerified: mempool.isVerified,
  }, candidates, 'propose');
  const headerBytes = encodeHeader({
    chainId: genesis.chainId, height, timeMs, prevBlockHash: tip.blockHash, historyRoot: ledger.historyRoot(),
    txRoot: result.txRoot, appHash: result.appHash, resultsHash: result.resultsHash,
    validatorsHash: c.validatorsHash, nextValidatorsHash: c.validatorsHash, proposer: c.key.publicKey,
    txCount: result.included.length,
  });
  const hash = blockHashOfHeader(headerBytes);
  const signature = sign(c.key.seed, voteSignBytes(genesis.chainId, height, 0, VOTE_PRECOMMIT, hash));
  const commitBytes = encodeCommit({ height, round: 0, blockHash: hash,
    signatures: [{ validatorIndex: c.validatorIndex, signature }] });
  await ledger.commitBlock({
    height, hash, timeMs, headerBytes, commitBytes, appHash: result.appHash, stateWrites: result.writes,
    blockBytes: encodeBlock(headerBytes, result.included.map((tx) => tx.bytes)),
  });
  mempool.remove([...result.included, ...result.rejected.map((r) => r.tx)].map((tx) => tx.hash));
  return { height, hash, timeMs, included: result.included, rejected: result.rejected };
}
