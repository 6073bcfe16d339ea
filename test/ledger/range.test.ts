// A storage's bounded range (what block execution's ordered scans read): the same entries from
// LevelDB and from the in-memory fake, after a key, up to a limit, never past the prefix.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MemStorage, type Storage } from '../../src/ledger/index.js';
import { LevelStorage } from '../../src/ledger/level-storage.js';
import { fromUtf8, utf8 } from '../../src/types/index.js';

const dir = mkdtempSync(join(tmpdir(), 'tianping-range-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const KEYS = ['a', 'a/1', 'a/2', 'a/3', 'a/30', 'a0', 'b/1'];

async function filled(storage: Storage): Promise<Storage> {
  await storage.batch(KEYS.map((key) => ({ type: 'put' as const, key, value: utf8(`v ${key}`) })), { sync: true });
  return storage;
}

const shown = (entries: [string, Uint8Array][]): string[] => entries.map(([key, value]) => `${key}=${fromUtf8(value)}`);

describe.each([
  ['MemStorage', () => Promise.resolve(new MemStorage())],
  ['LevelStorage', () => LevelStorage.open(join(dir, 'db'))],
])('%s range', (_name, open) => {
  it('reads the prefix in key order, after a key, up to the limit', async () => {
    const storage = await filled(await open());
    expect(shown(await storage.range('a/', { limit: 100 }))).toEqual(['a/1=v a/1', 'a/2=v a/2', 'a/3=v a/3', 'a/30=v a/30']);
    expect(shown(await storage.range('a/', { after: 'a/2', limit: 100 }))).toEqual(['a/3=v a/3', 'a/30=v a/30']);
    expect(shown(await storage.range('a/', { after: 'a/1', limit: 2 }))).toEqual(['a/2=v a/2', 'a/3=v a/3']);
    expect(await storage.range('a/', { after: 'a/30', limit: 100 })).toEqual([]);
    expect(await storage.range('a/', { limit: 0 })).toEqual([]);
    // An `after` below the prefix starts at the prefix.
    expect(shown(await storage.range('a/', { after: '0', limit: 1 }))).toEqual(['a/1=v a/1']);
    expect(await storage.range('c/', { limit: 10 })).toEqual([]);
    await storage.close();
  });
});
