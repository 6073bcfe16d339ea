import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { encodeCosignerKey } from '../../src/witness/index.js';
import { keyPairFromSeed } from '../../src/crypto/index.js';

const key = encodeCosignerKey('court.example/witness', keyPairFromSeed(new Uint8Array(32).fill(7)).publicKey);

function load(list: unknown): ReturnType<typeof loadConfig> {
  return loadConfig({ env: { TIANPING_WITNESSES_LIST: Array.isArray(list) ? list.join(',') : String(list) }, flags: {} });
}

describe('config witnesses.list', () => {
  it('takes "<URL> <verifier key>" items', () => {
    expect(load([`http://127.0.0.1:7380 ${key}`]).witnesses.list).toEqual([`http://127.0.0.1:7380 ${key}`]);
    expect(load([]).witnesses.list).toEqual([]);
  });

  it('refuses a bad URL, a bad key and a key listed twice, naming the item', () => {
    expect(() => load([`ftp://x ${key}`])).toThrow(/witnesses\.list\[0\].*must be "<http\(s\) URL>/);
    expect(() => load([`http://127.0.0.1:7380 ${key.replace(/\+[0-9a-f]{8}\+/, '+00000000+')}`]))
      .toThrow(/witnesses\.list\[0\].*witness verifier key is refused: the key ID/);
    expect(() => load([`http://a:1 ${key}`, `http://b:2 ${key}`])).toThrow(/witnesses\.list\[1\].*listed twice/);
    // A log key (type 0x01) is no witness key.
    expect(() => load([`http://a:1 ${key.slice(0, key.lastIndexOf('+') + 1)}AU${key.slice(key.lastIndexOf('+') + 3)}`]))
      .toThrow(/witnesses\.list\[0\]/);
  });

  it('bounds the interval', () => {
    expect(() => loadConfig({ env: { TIANPING_WITNESSES_INTERVAL_MS: '10' }, flags: {} })).toThrow(/witnesses\.intervalMs/);
  });
});
