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
import { FAST_NODE_ENV, assertSameChain, heal, height, sleep, waitFor } from './network-helpers.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SECONDS = 10;
/** TIANPING_E2E_BASE_PORT moves the testnet's ports (API base+i, p2p base+100+i) off those of other runs. */
const BASE_PORT = Number(process.env.TIANPING_E2E_BASE_PORT ?? 29_000 + (process.pid % 4) * 200);
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
  /** Per node, when it stopped letting the peer in, in ms after the junk started. */
  refusedAtMs: Record<string, number>;
  hangUps: Record<string, number>;
}

interface LogRecord { event?: string; peerId?: string; reason?: string; side?: string; count?: number; time?: number }

const records = (lines: readonly string[]): LogRecord[] => lines.flatMap((line) => {
  try {
    return [JSON.parse(line) as LogRecord];
  } catch {
    return [];
  }
});

/** Penalties a node gave the peer, by reason, from its interval counts (a busy refusal alone is no penalty). */
function penalties(lines: readonly string[], peerId: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of records(lines)) {
    if (r.event !== 'p2p.peer.faults' || r.peerId !== peerId || r.side !== 'peer' || r.reason === 'busy') continue;
    out[r.reason!] = (out[r.reason!] ?? 0) + (r.count ?? 0);
  }
  return out;
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
    layout = createTestnetFiles({ dir, validators: 4, observers: 0, basePort: BASE_PORT });
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

    const startedMs = Date.now();
    const { report } = await runByzantine(dir, join(byzantine.dataDir, 'node.key'));
    const endedMs = Date.now();

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
    expect(report.sent['request-flood'], 'request-flood').toBeGreaterThan(0);
    expect(report.banned).toBe(true);
    expect(report.bannedFrom.sort()).toEqual(['node0', 'node1', 'node2']);
    // Banned by every node within the flood, not in the grace period after it.
    for (const name of ['node0', 'node1', 'node2']) expect(report.refusedAtMs[name], name).toBeLessThan(SECONDS * 1000);
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
    // The last interval's counts are logged up to faultLogIntervalMs (10 s) after the flood.
    await sleep(Math.max(0, endedMs + 11_000 - Date.now()));
    const figures = honest.map((h, i) => {
      const lines = logLines(h.node.logFile).slice(linesBefore[i]);
      const ban = records(lines).find((r) => r.event === 'p2p.ban' && r.peerId === byzantine.peerId);
      return { node: h.name, penalties: penalties(lines, byzantine.peerId),
        banAfterPeerStartMs: ban?.time === undefined ? undefined : ban.time - startedMs };
    });
    console.log(JSON.stringify({ figures }));
    for (const f of figures) expect(Object.values(f.penalties).reduce((a, b) => a + b, 0), f.node).toBeGreaterThanOrEqual(10);
  }, 180_000);
});
