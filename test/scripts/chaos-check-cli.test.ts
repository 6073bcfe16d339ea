// npx tsx scripts/chaos/check.ts: reads the layout from RUN_DIR/testnet, takes the Byzantine nodes
// from --byzantine and from the run's 'byzantine' faults, prints each failure and one JSON line,
// and exits 1 on a failed run, 0 on a passed one.
import { execFile } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeLayoutFile } from '../../scripts/testnet-files.js';
import { buildRun, writeWalVote, type RunFixture } from './chaos-fixture.js';

const run$ = promisify(execFile);
let root: string;
let run: RunFixture;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'chaos-check-cli-'));
  run = await buildRun(root);
  writeLayoutFile(run.layout);
  // node1 double signs at height 3: a failure unless node1 is Byzantine.
  const signer = run.keys.get('node1')!;
  const node1 = run.layout.nodes.find((n) => n.name === 'node1')!;
  await writeWalVote(node1.dataDir, signer, run.validators.indexOf(signer), 3, 0, new Uint8Array(32).fill(9));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

async function check(...args: string[]): Promise<{ code: number; lines: string[] }> {
  try {
    const { stdout } = await run$('npx', ['tsx', 'scripts/chaos/check.ts', '--dir', root, '--phase', 'offline', ...args]);
    return { code: 0, lines: stdout.trim().split('\n') };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, lines: failed.stdout.trim().split('\n') };
  }
}

describe('chaos check command', () => {
  it('prints the failures and the report, and exits 1', async () => {
    const { code, lines } = await check();
    expect(code).toBe(1);
    expect(lines[0]).toMatch(/^FAIL double sign: honest node1 /);
    const report = JSON.parse(lines.at(-1)!) as { ok: boolean; counts: Record<string, number> };
    expect(report.ok).toBe(false);
    expect(report.counts['equivocations']).toBe(1);
  }, 60_000);

  it('excuses a validator named Byzantine by a fault of the run, and exits 0', async () => {
    appendFileSync(join(root, 'faults.jsonl'), JSON.stringify({ id: 9, atMs: 1, kind: 'byzantine', nodes: ['node1'], detail: {} }) + '\n');
    const { code, lines } = await check();
    expect(lines).toHaveLength(1);
    expect(code).toBe(0);
    expect(JSON.parse(lines[0]!)).toMatchObject({ ok: true, failures: [], counts: { byzantineEquivocations: 1 } });
  }, 60_000);
});
