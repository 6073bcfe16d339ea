// bench:clock end to end on a few contracts: every entry is processed, its figures come out as one
// JSON line, and a bad option is a usage error (exit 2).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/index.js';

const run = promisify(execFile);
const BENCH = ['--import', 'tsx', 'scripts/bench-clock.ts'];

describe('bench:clock', () => {
  it('processes every contract\'s entry, at most E a block, and prints its figures last', async () => {
    const { stdout } = await run(process.execPath, [...BENCH, '--contracts', '30', '--events-max', '7', '--settle', '0']);
    const figures = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, number>;
    expect(figures).toMatchObject({ bench: 'clock', contracts: 30, caseEventsPerBlockMax: 7, entries: 30, blocks: 5,
      openFilesMax: DEFAULT_CONFIG.memory.ledgerOpenFilesMax });
    expect(figures.execWallUsPerEntry).toBeGreaterThan(0);
    expect(figures.processCpuUsPerEntry).toBeGreaterThan(0);
  }, 60_000);

  it('refuses a bad option with exit code 2', async () => {
    const failed = await run(process.execPath, [...BENCH, '--events-max', '0']).then(() => undefined, (error: unknown) => error);
    expect(failed).toMatchObject({ code: 2 });
    expect((failed as { stderr: string }).stderr).toMatch(/--events-max must be a whole number in 1\.\.10000/);
    const fewFiles = await run(process.execPath, [...BENCH, '--open-files', '64']).then(() => undefined, (error: unknown) => error);
    expect(fewFiles).toMatchObject({ code: 2 });
    expect((fewFiles as { stderr: string }).stderr).toMatch(/--open-files must be a whole number in 74\.\.50000/);
  }, 60_000);
});
