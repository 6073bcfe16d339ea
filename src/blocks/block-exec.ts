// Building a block (as proposer) and checking one (as validator) against the ledger's tip: both
// execute the txs with the state machine at the block's time and agree on every header field.
// The result is kept until the block commits, so a block is executed once per node.
import { decodeBlock, decodeTx, encodeBlock, encodeHeader, blockHashOfHeader, type DecodedTx, type HeaderMsg } from '../codec/index.js';
import type { SignatureVerifier } from '../crypto/ed25519.js';
import type { Ledger } from '../ledger/index.js';
import type { Mempool } from '../mempool/index.js';
import { executeBlock, type ExecuteResult, type Genesis } from '../state/index.js';
import { TianpingError, equalBytes, isTianpingError, type Hash32 } from '../types/index.js';

export interface ExecutedBlock {
  readonly height: number;
  readonly hash: Hash32;
  readonly timeMs: number;
  readonly headerBytes: Uint8Array;
  readonly blockBytes: Uint8Array;
  readonly result: ExecuteResult;
}

export interface BlockExecComponents {
  readonly genesis: Genesis;
  readonly ledger: Ledger;
  readonly mempool: Mempool;
  readonly verifier: SignatureVerifier;
  /** Txs a block this node builds holds at most (the chain's blockTxsMax when absent). */
  readonly proposeTxsMax?: number;
  /** Bytes of txs such a block holds at most (the chain's blockBytesMax when absent). */
  readonly proposeBytesMax?: number;
}

export async function buildBlock(c: BlockExecComponents, height: number, timeMs: number, proposer: Uint8Array):
  Promise<ExecutedBlock> {
  const { genesis, ledger, mempool } = c;
  const tip = ledger.tip;
  const candidates = mempool.reap(Math.min(genesis.params.blockTxsMax, c.proposeTxsMax ?? Infinity),
    Math.min(genesis.params.blockBytesMax, c.proposeBytesMax ?? Infinity));
  const result = await executeBlock(ledger.state, {
    chainId: genesis.chainId, height, timeMs, params: genesis.params, verifier: c.verifier, isVerified: mempool.isVerified,
  }, candidates, 'propose');
  const headerBytes = encodeHeader({
    chainId: genesis.chainId, height, timeMs, prevBlockHash: tip.blockHash, historyRoot: ledger.historyRoot(),
    txRoot: result.txRoot, appHash: result.appHash, resultsHash: result.resultsHash,
    validatorsHash: result.validatorsHash, nextValidatorsHash: result.nextValidatorsHash, proposer,
    txCount: result.included.length, eventsRoot: result.eventsRoot, eventCount: result.events.length,
  });
  // Txs that turned invalid (expired while waiting) leave the mempool now, not at commit.
  mempool.remove(result.rejected.map((r) => r.tx.id));
  return { height, hash: blockHashOfHeader(headerBytes), timeMs, headerBytes, result,
    blockBytes: encodeBlock(headerBytes, result.included.map((tx) => tx.bytes)) };
}

function invalid(message: string): never {
  throw new TianpingError('BLOCK_INVALID', `invalid block: ${message}`);
}

/** A tx of a received block, as the mempool holds it or decoded; one that does not decode makes the block invalid. */
function blockTx(c: BlockExecComponents, bytes: Uint8Array, index: number): DecodedTx {
  const pending = c.mempool.pendingTx(bytes);
  if (pending !== undefined) return pending;
  try {
    return decodeTx(bytes, c.genesis.params.txBytesMax);
  } catch (error) {
    if (isTianpingError(error)) invalid(`tx ${index}: ${error.message}`);
    throw error;
  }
}

function checkHeader(c: BlockExecComponents, header: HeaderMsg, txCount: number, blockBytes: number): void {
  const tip = c.ledger.tip;
  const { genesis } = c;
  if (header.chainId !== genesis.chainId) invalid('chain id');
  if (header.height !== tip.height + 1) invalid(`height ${header.height} does not follow ${tip.height}`);
  if (!equalBytes(header.prevBlockHash, tip.blockHash)) invalid('previous block hash');
  if (!equalBytes(header.historyRoot, c.ledger.historyRoot())) invalid('history root');
  if (header.timeMs <= tip.timeMs) invalid('time is not after the previous block');
  if (header.txCount !== txCount) invalid('tx count');
  if (txCount > genesis.params.blockTxsMax || blockBytes > genesis.params.blockBytesMax) invalid('block too large');
}

/** How a block to check reached this node. */
export interface CheckOptions {
  /**
   * The block carries a commit certificate this node has verified (block sync), or the core
   * decided it on a precommit quorum: validators holding more than 2/3 of the power executed it,
   * signatures included, before they precommitted. Its txs' signatures are not verified again
   * (docs/consensus.md, "Blocks with a checked commit"); every other rule still runs.
   */
  readonly certified?: boolean;
}

const verifiedByCommit = (): boolean => true;

/** Executes a received block; throws TianpingError when any rule fails. */
export async function checkBlock(c: BlockExecComponents, blockBytes: Uint8Array, options: CheckOptions = {}): Promise<ExecutedBlock> {
  let decoded: ReturnType<typeof decodeBlock>;
  try {
    decoded = decodeBlock(blockBytes);
  } catch {
    invalid('does not decode');
  }
  const { block, header, hash } = decoded;
  // One header, one encoding: a field written with its default value (an empty events root in a
  // block without events) would give the same content a second block hash.
  if (!equalBytes(encodeHeader(header), block.header)) invalid('header is not canonically encoded');
  checkHeader(c, header, block.txs.length, blockBytes.length);
  const txs = block.txs.map((bytes, index) => blockTx(c, bytes, index));
  const result = await executeBlock(c.ledger.state, {
    chainId: c.genesis.chainId, height: header.height, timeMs: header.timeMs, params: c.genesis.params,
    verifier: c.verifier, isVerified: options.certified === true ? verifiedByCommit : c.mempool.isVerified,
  }, txs, 'validate');
  if (!equalBytes(result.txRoot, header.txRoot)) invalid('tx root');
  if (!equalBytes(result.appHash, header.appHash)) invalid('app hash');
  if (!equalBytes(result.resultsHash, header.resultsHash)) invalid('results hash');
  // Empty and 0 in a block without events: such a header carries neither field.
  if (!equalBytes(result.eventsRoot, header.eventsRoot)) invalid('events root');
  if (result.events.length !== header.eventCount) invalid('event count');
  if (!equalBytes(result.validatorsHash, header.validatorsHash)) invalid('validator set hash');
  if (!equalBytes(result.nextValidatorsHash, header.nextValidatorsHash)) invalid('next validator set hash');
  return { height: header.height, hash, timeMs: header.timeMs, headerBytes: block.header, blockBytes, result };
}

export async function isValidBlock(c: BlockExecComponents, blockBytes: Uint8Array):
  Promise<{ ok: true; block: ExecutedBlock } | { ok: false; reason: string }> {
  try {
    return { ok: true, block: await checkBlock(c, blockBytes) };
  } catch (error) {
    if (isTianpingError(error)) return { ok: false, reason: error.message };
    throw error;
  }
}

/** Writes an executed block with its commit in one synced batch, then clears its txs from the mempool. */
export async function commitExecuted(c: BlockExecComponents, block: ExecutedBlock, commitBytes: Uint8Array): Promise<void> {
  await c.ledger.commitBlock({
    height: block.height, hash: block.hash, timeMs: block.timeMs, headerBytes: block.headerBytes,
    blockBytes: block.blockBytes, commitBytes, appHash: block.result.appHash, stateWrites: block.result.writes,
  });
  c.mempool.remove(block.result.included.map((tx) => tx.id));
}
