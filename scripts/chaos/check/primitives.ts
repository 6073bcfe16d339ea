// The checker's own hashing and signing rules, written from the documented formats
// (docs/receipt-format.md, proto/tianping.proto) with @noble directly, not through the node's
// crypto or merkle modules: a checker that called the code under test would agree with its bugs.
// What it does take from the project is the protobuf codec (src/codec's generated classes), to
// decode and re-encode message fields, and the genesis parser.
import * as ed from '@noble/ed25519';
import { sha256 as nobleSha256, sha512 } from '@noble/hashes/sha2.js';
import { pb } from '../../../src/codec/index.js';

ed.hashes.sha512 = sha512;

export const HASH_BYTES = 32;
const ZERO_HASH = new Uint8Array(HASH_BYTES);
const encoder = new TextEncoder();

export const sha256 = (bytes: Uint8Array): Uint8Array => nobleSha256(bytes);

export function hex(bytes: Uint8Array | null | undefined): string {
  return Buffer.from(bytes ?? new Uint8Array()).toString('hex');
}

export function unhex(text: string): Uint8Array | undefined {
  if (text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) return undefined;
  return new Uint8Array(Buffer.from(text, 'hex'));
}

export function same(a: Uint8Array | null | undefined, b: Uint8Array | null | undefined): boolean {
  return Buffer.from(a ?? new Uint8Array()).equals(Buffer.from(b ?? new Uint8Array()));
}

function concat(...parts: readonly Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}

function u64be(n: number): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(n));
  return out;
}

function u32be(n: number, signed = false): Uint8Array {
  const out = new Uint8Array(4);
  if (signed) new DataView(out.buffer).setInt32(0, n);
  else new DataView(out.buffer).setUint32(0, n);
  return out;
}

/** RFC 8032 verification with zip215 off, the SDK's rule; never throws. */
export function verifySignature(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  try {
    return ed.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}

// ---- sign bytes: the fixed binary layouts of proto/tianping.proto ----

const VOTE_DOMAIN = encoder.encode('tianping/vote/v1');
const PROPOSAL_DOMAIN = encoder.encode('tianping/proposal/v1');
export const PREVOTE = 1;
export const PRECOMMIT = 2;
/** Steps of the double-sign guard: proposal 1, prevote 2, precommit 3. */
export type SignStep = 1 | 2 | 3;
export const STEP_NAMES: Readonly<Record<SignStep, string>> = { 1: 'proposal', 2: 'prevote', 3: 'precommit' };

function chainIdPart(chainId: string): Uint8Array {
  const bytes = encoder.encode(chainId);
  return concat(Uint8Array.of(bytes.length), bytes);
}

export function voteSignBytes(chainId: string, height: number, round: number, type: number, blockHash: Uint8Array): Uint8Array {
  const hash = blockHash.length === 0 ? ZERO_HASH : blockHash;
  return concat(VOTE_DOMAIN, chainIdPart(chainId), u64be(height), u32be(round), Uint8Array.of(type), hash);
}

export function proposalSignBytes(chainId: string, height: number, round: number, validRound: number, blockHash: Uint8Array):
  Uint8Array {
  return concat(PROPOSAL_DOMAIN, chainIdPart(chainId), u64be(height), u32be(round), u32be(validRound, true), blockHash);
}

export interface Statement {
  readonly height: number;
  readonly round: number;
  readonly step: SignStep;
  /** Hex of the block hash the statement names (32 zero bytes for a nil vote). */
  readonly blockHash: string;
}

/** What a vote or proposal sign-bytes string says, or undefined when it is neither of this chain. */
export function parseSignBytes(chainId: string, bytes: Uint8Array): Statement | undefined {
  const id = chainIdPart(chainId);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const starts = (domain: Uint8Array): boolean =>
    bytes.length > domain.length + id.length && same(bytes.subarray(0, domain.length), domain)
    && same(bytes.subarray(domain.length, domain.length + id.length), id);
  if (starts(VOTE_DOMAIN) && bytes.length === VOTE_DOMAIN.length + id.length + 8 + 4 + 1 + HASH_BYTES) {
    const at = VOTE_DOMAIN.length + id.length;
    const type = bytes[at + 12];
    if (type !== PREVOTE && type !== PRECOMMIT) return undefined;
    return { height: Number(view.getBigUint64(at)), round: view.getUint32(at + 8), step: type === PREVOTE ? 2 : 3,
      blockHash: hex(bytes.subarray(at + 13)) };
  }
  if (starts(PROPOSAL_DOMAIN) && bytes.length === PROPOSAL_DOMAIN.length + id.length + 8 + 4 + 4 + HASH_BYTES) {
    const at = PROPOSAL_DOMAIN.length + id.length;
    return { height: Number(view.getBigUint64(at)), round: view.getUint32(at + 8), step: 1, blockHash: hex(bytes.subarray(at + 16)) };
  }
  return undefined;
}

// ---- RFC 6962 trees (docs/receipt-format.md: leaf 0x00, node 0x01, empty = SHA-256("")) ----

export const leafHash = (data: Uint8Array): Uint8Array => sha256(concat(Uint8Array.of(0), data));
const nodeHash = (left: Uint8Array, right: Uint8Array): Uint8Array => sha256(concat(Uint8Array.of(1), left, right));

/** Root over leaves (each leaf_hash'ed here), by the recursive definition: split at the largest power of 2 below n. */
export function merkleRoot(leaves: readonly Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return sha256(new Uint8Array());
  const tree = (from: number, to: number): Uint8Array => {
    if (to - from === 1) return leafHash(leaves[from]!);
    let split = 1;
    while (split * 2 < to - from) split *= 2;
    return nodeHash(tree(from, from + split), tree(from + split, to));
  };
  return tree(0, leaves.length);
}

/**
 * The running root over block hashes 1..n: a stack of perfect subtree roots, largest first. The
 * root folds them right to left, which is the RFC 6962 shape (each split is at the largest power
 * of two), so every header's history root costs O(log n) hashes.
 *
 * The leaves are the block hashes THEMSELVES, not leaf_hash(block hash): that is what the chain
 * writes (src/ledger appends each block hash to its frontier as a leaf hash), while
 * docs/receipt-format.md says the history tree's leaves are block hashes under leaf_hash like the
 * other trees. The checker follows the chain's headers; the difference is reported, not hidden:
 * see HISTORY_LEAVES_UNPREFIXED.
 */
export const HISTORY_LEAVES_UNPREFIXED = true;

export class HistoryTree {
  private readonly stack: { size: number; hash: Uint8Array }[] = [];

  append(blockHash: Uint8Array): void {
    let entry = { size: 1, hash: HISTORY_LEAVES_UNPREFIXED ? blockHash : leafHash(blockHash) };
    while (this.stack.length > 0 && this.stack[this.stack.length - 1]!.size === entry.size) {
      const left = this.stack.pop()!;
      entry = { size: left.size * 2, hash: nodeHash(left.hash, entry.hash) };
    }
    this.stack.push(entry);
  }

  root(): Uint8Array {
    if (this.stack.length === 0) return sha256(new Uint8Array());
    let root = this.stack[this.stack.length - 1]!.hash;
    for (let i = this.stack.length - 2; i >= 0; i--) root = nodeHash(this.stack[i]!.hash, root);
    return root;
  }
}

// ---- validator sets ----

export interface SetMember {
  readonly publicKey: Uint8Array;
  readonly power: number;
}

/** Ordered by public key bytes: the validator index of votes and commits. */
export function sortSet(set: readonly SetMember[]): SetMember[] {
  return [...set].sort((a, b) => Buffer.compare(Buffer.from(a.publicKey), Buffer.from(b.publicKey)));
}

const VALSET_DOMAIN = encoder.encode('tianping/valset/v1');

/** SHA-256("tianping/valset/v1" ‖ encoded ValidatorSet), validators ordered by public key. */
export function setHash(set: readonly SetMember[]): Uint8Array {
  const encoded = pb.ValidatorSet.encode({ validators: sortSet(set).map((v) => ({ publicKey: v.publicKey, power: v.power })) }).finish();
  return sha256(concat(VALSET_DOMAIN, encoded));
}

export function decodeSet(bytes: Uint8Array): SetMember[] {
  return pb.ValidatorSet.decode(bytes).validators.map((v) => ({ publicKey: v.publicKey ?? new Uint8Array(), power: Number(v.power ?? 0) }));
}

export interface CommitSig {
  readonly validatorIndex: number;
  readonly signature: Uint8Array;
}

export interface CommitCheck {
  /** Why the commit does not prove the block, or undefined when it does. */
  readonly problem: string | undefined;
  /** Signers whose signature verified, by public key hex. */
  readonly signers: readonly string[];
}

/** A commit proves a block when distinct members of the set with valid precommit signatures hold > 2/3 of its power. */
export function checkCommit(chainId: string, height: number, round: number, blockHash: Uint8Array,
  signatures: readonly CommitSig[], set: readonly SetMember[]): CommitCheck {
  const sorted = sortSet(set);
  const total = sorted.reduce((sum, v) => sum + v.power, 0);
  const message = voteSignBytes(chainId, height, round, PRECOMMIT, blockHash);
  const seen = new Set<number>();
  const signers: string[] = [];
  let signed = 0;
  for (const s of signatures) {
    const member = sorted[s.validatorIndex];
    if (member === undefined) return { problem: `signature by index ${s.validatorIndex}, beyond the set of ${sorted.length}`, signers };
    if (seen.has(s.validatorIndex)) return { problem: `two signatures by index ${s.validatorIndex}`, signers };
    seen.add(s.validatorIndex);
    if (!verifySignature(member.publicKey, message, s.signature)) {
      return { problem: `the signature of validator ${hex(member.publicKey).slice(0, 16)} (index ${s.validatorIndex}) does not verify`,
        signers };
    }
    signers.push(hex(member.publicKey));
    signed += member.power;
  }
  if (signed * 3 <= total * 2) return { problem: `signed power ${signed} of ${total} is not more than 2/3`, signers };
  return { problem: undefined, signers };
}
