// The state's key layout. Keys are strings; fixed-width hex keeps LevelDB order equal to numeric
// order, so "every anchor of a digest, oldest first" is a prefix scan or a counted series of gets.
// Key builders take bytes or their hex already made: block execution builds several keys from one
// digest and one signer per tx, and hex-encoding each again was a visible share of it.
import { assert, hexOf, readU32be, toHex } from '../types/index.js';
import type { StateView } from './view.js';

export const KEY_APP_HASH = 'meta/app-hash';
/** Every member record lives under this prefix, by public key (hex). */
export const MEMBER_PREFIX = 'member/';
export const memberKey = (publicKey: Uint8Array | string): string => `${MEMBER_PREFIX}${hexOf(publicKey)}`;
export const categoryKey = (name: string): string => `category/${name}`;
/** A tx by hash, or by its hex (DecodedTx.id). */
export const txKey = (hash: Uint8Array | string): string => `tx/${hexOf(hash)}`;
export const evidenceCountKey = (algorithm: number, digest: Uint8Array | string): string => `evn/${algorithm}/${hexOf(digest)}`;
export const memberNameKey = (name: string): string => `member-name/${name}`;
/** Keys once registered and since rotated away or removed: never registered again. */
export const retiredKeyKey = (publicKey: Uint8Array | string): string => `retired-key/${hexOf(publicKey)}`;
/** Every governance proposal lives under this prefix, by id (hex). */
export const PROPOSAL_PREFIX = 'gov/p/';
export const proposalKey = (id: Uint8Array): string => `${PROPOSAL_PREFIX}${toHex(id)}`;
/** The one open proposal about a key (the key to admit, or the member concerned). */
export const openProposalKey = (subject: Uint8Array): string => `gov/open/${toHex(subject)}`;
export const joinsInBlockKey = 'gov/joins-in-block';
export const submitterCountKey = (submitter: Uint8Array | string): string => `subn/${hexOf(submitter)}`;
export const submitterAnchorKey = (submitter: Uint8Array | string, seq: number): string =>
  `sub/${hexOf(submitter)}/${seq.toString(16).padStart(8, '0')}`;
export const evidenceKey = (algorithm: number, digest: Uint8Array | string, seq: number): string =>
  `ev/${algorithm}/${hexOf(digest)}/${seq.toString(16).padStart(8, '0')}`;

/**
 * Case events a block may hold at most (2^16). The clock's per-block limit and the txs' own events
 * together stay below it (executeBlock asserts it).
 */
export const BLOCK_EVENTS_MAX = 0x10000;
/**
 * The events of the block at `height` (BlockEvents), in the order the header's events root commits
 * to them; absent for a block without events. Fixed-width hex: numeric order.
 */
export function blockEventsKey(height: number): string {
  assert(Number.isSafeInteger(height) && height >= 1 && height < 2 ** 48, () => `event height ${height} fits 12 hex digits`);
  return `bev/${height.toString(16).padStart(12, '0')}`;
}

/** A counter key's value (the anchors of a digest, of a submitter), written as a u32be; 0 when unset. */
export async function readCounter(view: StateView, key: string): Promise<number> {
  const bytes = await view.get(key);
  return bytes === undefined ? 0 : readU32be(bytes);
}
