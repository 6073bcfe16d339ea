// The chain the receipt vector generators build (gen-receipt-vectors.ts and its parts): blocks made
// as the node makes them (prev hash, history root, tx root, set hashes, a commit signed by the
// set's noble keys), from fixed seeds, without the node. Ed25519 signatures are deterministic, so
// the same code always writes the same bytes.
import { blockHashOfHeader, encodeCommit, encodeHeader, sortValidators, validatorSetHash } from '../src/codec/block.js';
import { VOTE_PRECOMMIT, voteSignBytes } from '../src/codec/sign-bytes.js';
import { txHash } from '../src/codec/tx.js';
import { sign } from '../src/crypto/ed25519.js';
import { sha256 } from '../src/crypto/hash.js';
import { leafHash, rootFromLeafHashes } from '../src/merkle/index.js';
import type { ReceiptSetChange } from '../src/client/receipt.js';
import { toHex, u32be, utf8 } from '../src/types/index.js';
import type { Block, BlockSpec, Validator } from './receipt-vectors-types.js';

/** 2026-01-01T00:00:00Z; block h is at GENESIS_TIME_MS + h × 5 s (+ 123 ms, so times are not round). */
export const GENESIS_TIME_MS = 1_767_225_600_000;
export const blockTime = (height: number): number => GENESIS_TIME_MS + height * 5_000 + 123;
export const entries = (set: readonly Validator[]): { publicKey: Uint8Array; power: number }[] =>
  sortValidators(set.map((v) => ({ publicKey: v.key.publicKey, power: v.power })));

/** Signs a precommit for the header with the given validators of the (sorted) set. */
export function signCommit(chainId: string, set: readonly Validator[], height: number, round: number, blockHash: Uint8Array,
  signers: readonly Validator[]): Uint8Array {
  const sorted = [...set].sort((a, b) => compareKeys(a, b));
  const message = voteSignBytes(chainId, height, round, VOTE_PRECOMMIT, blockHash);
  const signatures = signers
    .map((s) => ({ validatorIndex: sorted.indexOf(s), signature: sign(s.key.seed, message) }))
    .sort((a, b) => a.validatorIndex - b.validatorIndex);
  if (signatures.some((s) => s.validatorIndex < 0)) throw new Error('a signer is not in the set');
  return encodeCommit({ height, round, blockHash, signatures });
}

function compareKeys(a: Validator, b: Validator): number {
  const x = a.key.publicKey;
  const y = b.key.publicKey;
  for (let i = 0; i < 32; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return 0;
}

/** How a block hash enters the history tree. */
type HistoryLeaf = (blockHash: Uint8Array) => Uint8Array;
/**
 * The chain of the version 1 vectors hashes each block hash with leaf_hash before it enters the
 * history root. No version 1 check reads the history root, and changing it would change every
 * committed vector, so it stays; the chain of the version 2 vectors follows §4 as the node does.
 */
export const V1_HISTORY_LEAF: HistoryLeaf = (hash) => leafHash(hash);
/** §4: the block hash is itself the leaf node of the history tree. */
export const HISTORY_LEAF: HistoryLeaf = (hash) => hash;

/** A chain built block by block, as the node would: prev hash, history root, tx root, set hashes. */
export class Chain {
  readonly blocks: Block[] = [];

  constructor(readonly chainId: string, readonly historyLeaf: HistoryLeaf = V1_HISTORY_LEAF) {}

  add(spec: BlockSpec): Block {
    const height = this.blocks.length + 1;
    const txs = spec.txs ?? [];
    const previous = this.blocks.map((b) => b.hash);
    const nextSet = spec.nextSet ?? spec.set;
    const proposer = spec.set[height % spec.set.length]!;
    const timeMs = spec.timeMs ?? blockTime(height);
    const headerBytes = encodeHeader({
      chainId: this.chainId, height, timeMs,
      prevBlockHash: previous[height - 2] ?? new Uint8Array(32),
      historyRoot: rootFromLeafHashes(previous.map(this.historyLeaf)),
      txRoot: rootFromLeafHashes(txs.map((tx) => leafHash(txHash(tx)))),
      appHash: sha256(utf8(`${this.chainId} app state after block ${height}`)),
      resultsHash: rootFromLeafHashes(txs.map(() => leafHash(u32be(0)))),
      validatorsHash: validatorSetHash(entries(spec.set)),
      nextValidatorsHash: validatorSetHash(entries(nextSet)),
      proposer: proposer.key.publicKey,
      txCount: txs.length,
      ...(spec.eventsRoot === undefined ? {} : { eventsRoot: spec.eventsRoot, eventCount: spec.eventCount ?? 0 }),
    });
    const hash = blockHashOfHeader(headerBytes);
    const signers = spec.set.filter((v) => !(spec.absent ?? []).includes(v.name));
    const commitBytes = signCommit(this.chainId, spec.set, height, spec.round ?? 0, hash, signers);
    const block = { height, timeMs, headerBytes, hash, txs, commitBytes, set: spec.set, nextSet };
    this.blocks.push(block);
    return block;
  }

  at(height: number): Block {
    const block = this.blocks[height - 1];
    if (block === undefined) throw new Error(`no block ${height}`);
    return block;
  }

  /** Block h - 1 of every change that takes effect at some h in (fromHeight, toHeight]. */
  setChanges(fromHeight: number, toHeight: number): ReceiptSetChange[] {
    return this.blocks
      .filter((b) => b.height >= fromHeight && b.height < toHeight
        && toHex(validatorSetHash(entries(b.set))) !== toHex(validatorSetHash(entries(b.nextSet))))
      .map((b) => ({ header: b.headerBytes, commit: b.commitBytes, nextValidators: entries(b.nextSet) }));
  }
}
