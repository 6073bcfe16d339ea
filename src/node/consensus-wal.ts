// The consensus WAL record: what a validator must not forget across a crash (DurableRecord), written
// synced before its signed messages leave. The record names its blocks by hash and the ledger keeps
// each block once beside it (Ledger.writeConsensusWal): locked, valid and own proposal are mostly
// one block of up to thousands of txs, and the record is rewritten at every vote of a height, so
// carrying the blocks whole wrote ~1 MB per record (2-4 records a height) through LevelDB.
import { pb } from '../codec/index.js';
import type { ConsensusBlock, DurableRecord, Proposal, SignStep } from '../consensus/tendermint/index.js';
import { asHeight, asRound, equalBytes, toHex, type Hash32 } from '../types/index.js';
import { consensusBlock, proposalFromMessage, voteFromMessage, voteMessage } from '../wire/index.js';

/** A block a WAL record names: stored under its hash beside the record. */
export interface WalBlock {
  readonly hash: Hash32;
  readonly bytes: Uint8Array;
}

export interface EncodedWal {
  readonly record: Uint8Array;
  /** Every block the record names, each once. */
  readonly blocks: readonly WalBlock[];
}

export class WalCorruptError extends Error {
  override name = 'WalCorruptError';
  /** Stable, for operators' tooling: the node refuses to start rather than sign from a broken record. */
  readonly code = 'WAL_CORRUPT';
}

export function encodeWal(r: DurableRecord): EncodedWal {
  const blocks = new Map<string, WalBlock>();
  const named = (block: ConsensusBlock): Uint8Array => {
    blocks.set(toHex(block.hash), { hash: block.hash, bytes: block.bytes });
    return block.hash;
  };
  const record = pb.ConsensusWal.encode({
    height: r.height, round: r.round,
    ...(r.lastSigned === null ? {} : { lastSigned: { height: r.lastSigned.height, round: r.lastSigned.round,
      signStep: r.lastSigned.signStep, signBytes: r.lastSigned.signBytes, signature: r.lastSigned.signature } }),
    ...(r.locked === null ? {} : { locked: { round: r.locked.round, blockHash: named(r.locked.block) } }),
    ...(r.valid === null ? {} : { valid: { round: r.valid.round, blockHash: named(r.valid.block) } }),
    ownVotes: r.ownVotes.map(voteMessage),
    ownProposalRefs: r.ownProposals.map((p) => ({ round: p.round, validRound: p.validRound, blockHash: named(p.block),
      proposerIndex: p.proposerIndex, signature: p.signature })),
  }).finish();
  return { record, blocks: [...blocks.values()] };
}

/**
 * The record, with its blocks from `blocks` (hex hash → bytes). The WAL is our own synced write: a
 * record that does not decode, or names a block that is not stored, is corruption, and we stop.
 */
export function decodeWal(record: Uint8Array, blocks: ReadonlyMap<string, Uint8Array>): DurableRecord {
  const m = pb.ConsensusWal.decode(record);
  const decoded = new Map<string, ConsensusBlock>();
  const blockOf = (inline: Uint8Array | null | undefined, hash: Uint8Array | null | undefined): ConsensusBlock => {
    // Records written before blocks were kept apart carry them inline.
    if (inline !== null && inline !== undefined && inline.length > 0) return consensusBlock(inline);
    const id = toHex(hash ?? new Uint8Array());
    const known = decoded.get(id);
    if (known !== undefined) return known;
    const bytes = blocks.get(id);
    if (bytes === undefined) throw new WalCorruptError(`consensus WAL names block ${id}, which is not stored`);
    const block = consensusBlock(bytes);
    if (!equalBytes(block.hash, hash ?? new Uint8Array())) {
      throw new WalCorruptError(`consensus WAL block stored as ${id} has hash ${toHex(block.hash)}`);
    }
    decoded.set(id, block);
    return block;
  };
  const roundBlock = (rb: typeof m.locked) =>
    rb ? { round: asRound(rb.round ?? 0), block: blockOf(rb.block, rb.blockHash) } : null;
  const height = asHeight(m.height);
  const s = m.lastSigned;
  const ownProposals: Proposal[] = [
    ...m.ownProposals.map((p) => proposalFromMessage(pb.Proposal.create(p))),
    ...m.ownProposalRefs.map((p) => ({ height, round: asRound(p.round ?? 0),
      validRound: (p.validRound ?? -1) === -1 ? -1 as const : asRound(p.validRound ?? 0),
      block: blockOf(undefined, p.blockHash), proposerIndex: p.proposerIndex ?? 0, signature: p.signature ?? new Uint8Array() })),
  ];
  return {
    height, round: asRound(m.round),
    lastSigned: s ? { height: asHeight(s.height ?? 0), round: asRound(s.round ?? 0), signStep: (s.signStep ?? 1) as SignStep,
      signBytes: s.signBytes ?? new Uint8Array(), signature: s.signature ?? new Uint8Array() } : null,
    locked: roundBlock(m.locked), valid: roundBlock(m.valid),
    ownVotes: m.ownVotes.map((v) => voteFromMessage(pb.Vote.create(v))),
    ownProposals,
  };
}
