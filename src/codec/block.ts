// Blocks, headers, commits and validator sets: encodings and the hashes over their exact bytes.
import { pb, type HeaderMsg, type CommitMsg, type BlockMsg } from './proto.js';
import { sha256 } from '../crypto/hash.js';
import { concatBytes, utf8, type Hash32, compareBytes } from '../types/index.js';

export const VALSET_DOMAIN = utf8('tianping/valset/v1');

export interface ValidatorEntry {
  readonly publicKey: Uint8Array;
  readonly power: number;
}

export function encodeHeader(header: ConstructorParameters<typeof pb.Header>[0]): Uint8Array {
  return pb.Header.encode(pb.Header.create(header ?? {})).finish();
}

export function blockHashOfHeader(headerBytes: Uint8Array): Hash32 {
  return sha256(headerBytes);
}

export function encodeBlock(headerBytes: Uint8Array, txs: readonly Uint8Array[]): Uint8Array {
  return pb.Block.encode({ header: headerBytes, txs: [...txs] }).finish();
}

export function decodeBlock(bytes: Uint8Array): { block: BlockMsg; header: HeaderMsg; hash: Hash32 } {
  const block = pb.Block.decode(bytes);
  return { block, header: pb.Header.decode(block.header), hash: blockHashOfHeader(block.header) };
}

export function encodeCommit(commit: CommitMsg | ConstructorParameters<typeof pb.Commit>[0]): Uint8Array {
  return pb.Commit.encode(pb.Commit.create(commit ?? {})).finish();
}

export function decodeCommit(bytes: Uint8Array): CommitMsg {
  return pb.Commit.decode(bytes);
}

/** Validators in canonical order: by public key bytes. Indexes in commits refer to this order. */
export function sortValidators<T extends ValidatorEntry>(validators: readonly T[]): T[] {
  return [...validators].sort((a, b) => compareBytes(a.publicKey, b.publicKey));
}

export function validatorSetHash(validators: readonly ValidatorEntry[]): Hash32 {
  const sorted = sortValidators(validators);
  const encoded = pb.ValidatorSet.encode({
    validators: sorted.map((v) => ({ publicKey: v.publicKey, power: v.power })),
  }).finish();
  return sha256(concatBytes(VALSET_DOMAIN, encoded));
}
