// LevelStorage's openFilesMax (memory.ledgerOpenFilesMax) bounds the tables LevelDB keeps mapped:
// LevelDB 1.20 maps each table it opens, and a table stays mapped (with the pages reads touched in
// RSS) until the table cache closes it. Counted in /proc/self/maps after reading every key of a
// ledger of more tables than the bound keeps open.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LevelStorage } from '../../src/ledger/index.js';

const VALUE_BYTES = 64 * 1024;
// ~160 MB of incompressible values, written in a scattered key order so that LevelDB compacts them
// into tables of ~2 MB (in key order, whole memtables would move down as they are): ~80 tables.
const VALUES = 2_500;
const OPEN_FILES_MAX = 74; // LevelDB keeps 10 of them for other files: 64 tables

const dir = mkdtempSync(join(tmpdir(), 'tianping-open-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function mappedTables(ledgerDir: string): number {
  const tables = new Set<string>();
  for (const line of readFileSync('/proc/self/maps', 'utf8').split('\n')) {
    const path = line.slice(line.indexOf('/'));
    if (line.includes('/') && path.startsWith(ledgerDir) && path.endsWith('.ldb')) tables.add(path);
  }
  return tables.size;
}

async function readAll(storage: LevelStorage): Promise<number> {
  let read = 0;
  for (let i = 0; i < VALUES; i++) if ((await storage.get(`v/${String(i).padStart(6, '0')}`)) !== undefined) read++;
  return read;
}

describe.runIf(existsSync('/proc/self/maps'))('LevelStorage openFilesMax', () => {
  it('keeps at most openFilesMax - 10 tables mapped, where LevelDB\'s default keeps them all', async () => {
    const ledgerDir = join(dir, 'ledger');
    const writer = await LevelStorage.open(ledgerDir);
    for (let start = 0; start < VALUES; start += 100) {
      const ops = [];
      for (let i = start; i < start + 100; i++) {
        ops.push({ type: 'put' as const, key: `v/${String((i * 7_919) % VALUES).padStart(6, '0')}`, value: randomBytes(VALUE_BYTES) });
      }
      await writer.batch(ops, { sync: false });
    }
    await writer.close();

    const unbounded = await LevelStorage.open(ledgerDir);
    expect(await readAll(unbounded)).toBe(VALUES);
    const allTables = mappedTables(ledgerDir);
    await unbounded.close();
    expect(allTables).toBeGreaterThan(OPEN_FILES_MAX - 10);

    const bounded = await LevelStorage.open(ledgerDir, { openFilesMax: OPEN_FILES_MAX });
    expect(await readAll(bounded)).toBe(VALUES);
    const boundedTables = mappedTables(ledgerDir);
    await bounded.close();
    expect(boundedTables).toBeGreaterThan(0);
    expect(boundedTables).toBeLessThanOrEqual(OPEN_FILES_MAX - 10);
  }, 120_000);
});
