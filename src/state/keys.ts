// The state's key layout. Keys are strings; fixed-width hex keeps LevelDB order equal to numeric
// order, so "every anchor of a digest, oldest first" is a prefix scan or a counted series of gets.
import { toHex } from '../types/index.js';

export const KEY_APP_HASH = 'meta/app-hash';
export const memberKey = (publicKey: Uint8Array | string): string =>
  `member/${typeof publicKey === 'string' ? publicKey : toHex(publicKey)}`;
export const categoryKey = (name: string): string => `category/${name}`;
export const txKey = (hash: Uint8Array): string => `tx/${toHex(hash)}`;
export const evidenceCountKey = (algorithm: number, digest: Uint8Array): string => `evn/${algorithm}/${toHex(digest)}`;
export const memberNameKey = (name: string): string => `member-name/${name}`;
/** Keys once registered and since rotated away or removed: never registered again. */
export const retiredKeyKey = (publicKey: Uint8Array | string): string =>
  `retired-key/${typeof publicKey === 'string' ? publicKey : toHex(publicKey)}`;
export const proposalKey = (id: Uint8Array): string => `gov/p/${toHex(id)}`;
/** The one open proposal about a key (the key to admit, or the member concerned). */
export const openProposalKey = (subject: Uint8Array): string => `gov/open/${toHex(subject)}`;
export const joinsInBlockKey = 'gov/joins-in-block';
export const submitterCountKey = (submitter: Uint8Array): string => `subn/${toHex(submitter)}`;
export const submitterAnchorKey = (submitter: Uint8Array, seq: number): string =>
  `sub/${toHex(submitter)}/${seq.toString(16).padStart(8, '0')}`;
export const evidenceKey = (algorithm: number, digest: Uint8Array, seq: number): string =>
  `ev/${algorithm}/${toHex(digest)}/${seq.toString(16).padStart(8, '0')}`;
