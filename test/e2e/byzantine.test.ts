// A Byzantine member against a real 4-validator testnet: node3 is stopped and its key is used by
// scripts/chaos/byzantine-peer.ts, which floods every gossip topic and request protocol with junk
// and signs conflicting votes and proposals. The three honest validators must keep committing one
// chain, ban the key, log the flood in a bounded number of lines, and record the equivocation.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestnetFiles, startTestnet, stopAll, type TestnetLayout, type TestnetNodeHandle } from '../../scripts/testnet-lib.js';
import { FAST_NODE_ENV, assertSameChain, heal, height, waitFor } from './network-helpers.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SECONDS = 8;
/** Lines an honest node may write about the Byzantine key during the run: bans, hang-ups, denials, interval counts. */
const LOG_LINES_MAX = 60;

interface Report {
  sent: Record<string, number>;
  refusedOrClosed: number;
  answered: number;
  banned: boolean;
  bannedFrom: string[];
  reached: string[];
  durationMs: number;
}

function runByzantine(dir: string, keyFile: string): Promise<{ report: Report; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'scripts/chaos/byzantine-peer.ts', '--dir', dir, '--key', keyFile,
      '--seconds', String(SECONDS), '--seed', '7'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('error', reject);
    child.on('exit', (code) => {
      const lines = stdout.trim().split('\n');
      if (code !== 0 || lines.length !== 1) reject(new Error(`byzantine-peer exited ${code}: ${stdout}\n${stderr}`));
      else resolve({ report: JSON.parse(lines[0]!) as Report, stderr });
    });
  });
}

function rssKiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? Number.NaN);
}

const logLines = (file: string): string[] => readFileSync(file, 'utf8').split('\n').filter((line) => line.length > 0);

describe('e2e: a Byzantine validator floods junk and equivocates', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tianping-byzantine-'));
  let layout: TestnetLayout;
  let handles: TestnetNodeHandle[] = [];

  beforeAll(async () => {
    layout = createTestnetFiles({ dir, validators: 4, observers: 0, basePort: 29_000 + (process.pid % 4) * 200 });
    heal(layout);
    handles = await startTestnet(layout, { env: FAST_NODE_ENV });
  }, 120_000);

  afterAll(async () => {
    await stopAll(handles);
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('is banned by every node, changes nothing of the chain, and its equivocation is recorded', async () => {
    const byzantine = layout.nodes.find((n) => n.name === 'node3')!;
    const honest = handles.filter((h) => h.name !== 'node3');
    await handles.find((h) => h.name === 'node3')!.stop();
    await waitFor('three validators commit', async () => (await height(honest[0]!.node.apiUrl)) >= 3);
    const linesBefore = honest.map((h) => logLines(h.node.logFile).length);
    const rssBefore = honest.map((h) => rssKiB(h.pid));
    const heightsBefore = await Promise.all(honest.map((h) => height(h.node.apiUrl)));

    const { report } = await runByzantine(dir, join(byzantine.dataDir, 'node.key'));

    const rssAfter = honest.map((h) => rssKiB(h.pid));
    const heightsAfter = await Promise.all(honest.map((h) => height(h.node.apiUrl)));
    const junkLines = honest.map((h, i) => logLines(h.node.logFile).slice(linesBefore[i])
      .filter((line) => line.includes(byzantine.peerId)));
    // Figures for the record (RSS in KiB).
    console.log(JSON.stringify({ report, rssBefore, rssAfter, heightsBefore, heightsAfter,
      junkLines: junkLines.map((lines) => lines.length) }));

    expect(report.reached.sort()).toEqual(['node0', 'node1', 'node2']);
    for (const kind of ['gossip-garbage', 'gossip-oversized', 'blocks-huge-range', 'push-many-votes', 'catchup-garbage',
      'equivocation-vote', 'equivocation-proposal']) {
      expect(report.sent[kind], kind).toBeGreaterThan(0);
    }
    expect(report.refusedOrClosed).toBeGreaterThan(0);
    expect(report.banned).toBe(true);
    expect(report.bannedFrom.sort()).toEqual(['node0', 'node1', 'node2']);
    // The honest validators kept committing through the flood.
    heightsAfter.forEach((h, i) => expect(h).toBeGreaterThanOrEqual(heightsBefore[i]! + 3));
    for (const [i, lines] of junkLines.entries()) {
      expect(lines.some((line) => line.includes('"p2p.ban"')), honest[i]!.name).toBe(true);
      expect(lines.length, honest[i]!.name).toBeLessThanOrEqual(LOG_LINES_MAX);
    }
    for (const h of honest) {
      await waitFor(`${h.name} records node3's equivocation`, async () => {
        const response = await fetch(`${h.node.apiUrl}/v1/equivocations`);
        const body = (await response.json()) as { equivocations: { offender: string }[] };
        return body.equivocations.some((e) => e.offender === byzantine.nodeId);
      }, 30_000);
    }
    await assertSameChain(honest);
  }, 180_000);
});
