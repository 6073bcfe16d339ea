// The state's key layout. Keys are strings; fixed-width hex keeps LevelDB order equal to numeric
// order, so "every anchor of a digest, oldest first" is a prefix scan or a counted series of gets.
import { toHex } from '../types/index.js';

export const KEY_APP_HASH = 'meta/app-hash';
export const memberKey = (publicKey: Uint8Array | string): string =>
  `member/${typeof publicKey === 'string' ? publicKey : toHex(publicKey)}`;
export const categoryKey = (name: string): string => `category/${name}`;
export const txKey = (hash: Uint8Array): string => `tx/${toHex(hash)}`;
export const evidenceCountKey = (algorithm: number, digest: Uint8Array): string => `evn/${algorithm}/${toHex(digest)}`;
export const evidenceKey = (algorithm: number, digest: Uint8Array, seq: number): string =>
  `ev/${algorithm}/${toHex(digest)}/${seq.toString(16).padStart(8, '0')}`;
