// The exact bytes that get signed. Each starts with a domain tag so that a signature made for one
// purpose can never be replayed as another, and with the length-prefixed chain id so that it can
// never be replayed on another chain. docs/architecture.md documents every byte.
import { concatBytes, utf8, u64be, u32be, i32be, assert, HASH_BYTES } from '../types/index.js';

export const TX_DOMAIN = utf8('tianping/tx/v1');
export const VOTE_DOMAIN = utf8('tianping/vote/v1');
export const PROPOSAL_DOMAIN = utf8('tianping/proposal/v1');
export const ROTATE_DOMAIN = utf8('tianping/rotate/v1');
export const CHAIN_ID_BYTES_MAX = 64;
const NIL_HASH = new Uint8Array(HASH_BYTES);

export function chainIdBytes(chainId: string): Uint8Array {
  const bytes = utf8(chainId);
  assert(bytes.length > 0 && bytes.length <= CHAIN_ID_BYTES_MAX, 'chain id must be 1..64 bytes');
  return concatBytes(Uint8Array.of(bytes.length), bytes);
}

export function txSignBytes(chainId: string, body: Uint8Array): Uint8Array {
  return concatBytes(TX_DOMAIN, chainIdBytes(chainId), body);
}

/**
 * What the new key signs in a RotateKeyRequest, proving possession: domain ‖ chain id ‖ the old
 * key. Here rather than in state/ because the SDK builds the proof and imports only codec/.
 */
export function rotateProofBytes(chainId: string, oldKey: Uint8Array): Uint8Array {
  return concatBytes(ROTATE_DOMAIN, chainIdBytes(chainId), oldKey);
}

export const VOTE_PREVOTE = 1;
export const VOTE_PRECOMMIT = 2;

export function voteSignBytes(chainId: string, height: number, round: number, type: number,
  blockHash: Uint8Array | undefined): Uint8Array {
  assert(type === VOTE_PREVOTE || type === VOTE_PRECOMMIT, 'vote type must be prevote or precommit');
  const hash = blockHash === undefined || blockHash.length === 0 ? NIL_HASH : blockHash;
  assert(hash.length === HASH_BYTES, 'vote block hash must be 32 bytes');
  return concatBytes(VOTE_DOMAIN, chainIdBytes(chainId), u64be(height), u32be(round), Uint8Array.of(type), hash);
}

export function proposalSignBytes(chainId: string, height: number, round: number, validRound: number,
  blockHash: Uint8Array): Uint8Array {
  assert(blockHash.length === HASH_BYTES, 'proposal block hash must be 32 bytes');
  return concatBytes(PROPOSAL_DOMAIN, chainIdBytes(chainId), u64be(height), u32be(round), i32be(validRound), blockHash);
}
