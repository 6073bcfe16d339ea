import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keyPairFromSeed, generateKeyPair } from '../../src/crypto/ed25519.js';
import { KeyFileError, readKeyFile, writeKeyFile } from '../../src/crypto/keyfile.js';
import { toHex } from '../../src/types/index.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tianping-keyfile-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const seedA = new Uint8Array(32).fill(7);

function writeRaw(path: string, text: string, mode = 0o600): void {
  writeFileSync(path, text, { mode });
  chmodSync(path, mode);
}

describe('writeKeyFile', () => {
  it('writes owner-only (0600) and reads back the same pair', () => {
    const path = join(dir, 'sub', 'node.key');
    const pair = keyPairFromSeed(seedA);
    writeKeyFile(path, pair, 'node-1');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const back = readKeyFile(path);
    expect(toHex(back.seed)).toBe(toHex(pair.seed));
    expect(toHex(back.publicKey)).toBe(toHex(pair.publicKey));
    const body = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    expect(body).toMatchObject({ type: 'tianping-ed25519-key', label: 'node-1', publicKey: toHex(pair.publicKey) });
  });

  it('refuses to overwrite an existing file and leaves it unchanged', () => {
    const path = join(dir, 'node.key');
    writeKeyFile(path, keyPairFromSeed(seedA));
    const before = readFileSync(path, 'utf8');
    expect(() => writeKeyFile(path, generateKeyPair())).toThrow(/EEXIST/);
    expect(readFileSync(path, 'utf8')).toBe(before);
  });
});

describe('readKeyFile', () => {
  it('refuses a file that group or others may read (0644)', () => {
    const path = join(dir, 'node.key');
    writeKeyFile(path, keyPairFromSeed(seedA));
    chmodSync(path, 0o644);
    expect(() => readKeyFile(path)).toThrow(KeyFileError);
    expect(() => readKeyFile(path)).toThrow(/readable by others.*644/);
  });

  it('refuses a public key that does not match the seed', () => {
    const path = join(dir, 'node.key');
    const other = keyPairFromSeed(new Uint8Array(32).fill(8));
    writeRaw(path, JSON.stringify({ type: 'tianping-ed25519-key', label: '', publicKey: toHex(other.publicKey), seed: toHex(seedA) }));
    expect(() => readKeyFile(path)).toThrow(/public key does not match the seed/);
  });

  it('refuses a file that is not JSON', () => {
    const path = join(dir, 'node.key');
    writeRaw(path, 'seed=0707\n');
    expect(() => readKeyFile(path)).toThrow(KeyFileError);
    expect(() => readKeyFile(path)).toThrow(/is not JSON/);
  });

  it('refuses JSON of another type or with a bad seed', () => {
    const pub = toHex(keyPairFromSeed(seedA).publicKey);
    const cases = [
      { type: 'other-key', publicKey: pub, seed: toHex(seedA) },
      { type: 'tianping-ed25519-key', publicKey: pub, seed: toHex(seedA).slice(2) },
      { type: 'tianping-ed25519-key', publicKey: pub, seed: 'zz'.repeat(32) },
    ];
    cases.forEach((body, i) => {
      const path = join(dir, `k${i}.key`);
      writeRaw(path, JSON.stringify(body));
      expect(() => readKeyFile(path), `case ${i}`).toThrow(/is not a tianping-ed25519-key file/);
    });
  });

  it('reports a missing file as a KeyFileError', () => {
    expect(() => readKeyFile(join(dir, 'absent.key'))).toThrow(KeyFileError);
  });
});
