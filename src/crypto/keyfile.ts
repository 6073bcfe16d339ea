// Key files: JSON with the 32-byte seed and the public key in hex, written with 0600 permissions
// (owner read/write only) and refused on load when group or others may read them.
import { chmodSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { keyPairFromSeed, type KeyPair, SEED_BYTES } from './ed25519.js';
import { equalBytes, fromHex, toHex } from '../types/index.js';

const KEY_FILE_TYPE = 'tianping-ed25519-key';

export class KeyFileError extends Error {
  override name = 'KeyFileError';
}

export function writeKeyFile(path: string, pair: KeyPair, label = ''): void {
  mkdirSync(dirname(path), { recursive: true });
  const body = { type: KEY_FILE_TYPE, label, publicKey: toHex(pair.publicKey), seed: toHex(pair.seed) };
  writeFileSync(path, JSON.stringify(body, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
}

export function readKeyFile(path: string): KeyPair {
  let text: string;
  try {
    const mode = statSync(path).mode & 0o777;
    if ((mode & 0o077) !== 0) {
      throw new KeyFileError(`key file ${path} is readable by others (mode ${mode.toString(8)}): chmod 600 it`);
    }
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof KeyFileError) throw error;
    throw new KeyFileError(`cannot read key file ${path}: ${(error as Error).message}`);
  }
  let parsed: { type?: unknown; seed?: unknown; publicKey?: unknown };
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    throw new KeyFileError(`key file ${path} is not JSON`);
  }
  const seed = typeof parsed.seed === 'string' ? fromHex(parsed.seed) : undefined;
  if (parsed.type !== KEY_FILE_TYPE || seed === undefined || seed.length !== SEED_BYTES) {
    throw new KeyFileError(`key file ${path} is not a ${KEY_FILE_TYPE} file`);
  }
  const pair = keyPairFromSeed(seed);
  const stated = typeof parsed.publicKey === 'string' ? fromHex(parsed.publicKey) : undefined;
  if (stated === undefined || !equalBytes(stated, pair.publicKey)) {
    throw new KeyFileError(`key file ${path}: public key does not match the seed`);
  }
  return pair;
}
