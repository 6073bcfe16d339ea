// The chaos checker's live phase against the node's real HTTP API (buildApp over a NodeCore on each
// node's LevelDB ledger, listening on a loopback port): a sound run passes, with every ack's receipt
// verified offline from the genesis, and each planted defect fails it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkRun, type CheckReport } from '../../scripts/chaos/checker.js';
import { PBTS_SLACK_MS, POLL_INTERVAL_MS_DEFAULT } from '../../scripts/chaos/check/pbts.js';
import type { TestnetLayout } from '../../scripts/testnet-files.js';
import { buildApp } from '../../src/api/index.js';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import { NodeVerifier } from '../../src/crypto/index.js';
import { Ledger, LevelStorage } from '../../src/ledger/index.js';
import { NodeCore } from '../../src/node/index.js';
import { genesisHash } from '../../src/state/index.js';
import { asTimeMs, toHex } from '../../src/types/index.js';
import { GENESIS_TIME_MS } from '../helpers/chain.js';
import { buildRun, HEIGHTS, writeJsonl, type FixtureOptions, type RunFixture } from './chaos-fixture.js';

let root: string;
const running: { app: FastifyInstance; ledger: Ledger }[] = [];

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'chaos-checker-live-'));
});
afterEach(async () => {
  for (const { app, ledger } of running.splice(0)) {
    await app.close();
    await ledger.close();
  }
  rmSync(root, { recursive: true, force: true });
});

/** Serves each node's ledger through the node's API on a free loopback port; the layout names those ports. */
async function serve(run: RunFixture): Promise<TestnetLayout> {
  const urls: string[] = [];
  for (const node of run.layout.nodes) {
    const ledger = await Ledger.open(await LevelStorage.open(join(node.dataDir, 'ledger')), run.genesis, genesisHash(run.genesisBytes));
    const core = new NodeCore({
      genesis: run.genesis, ledger, key: run.keys.get(node.name)!, verifier: new NodeVerifier(),
      clock: { nowMs: () => asTimeMs(GENESIS_TIME_MS + 60_000) }, logger: pino({ level: 'silent' }), moniker: node.name, version: 'test',
      mempool: { txsMax: 100, bytesMax: 1 << 20 }, consensus: DEFAULT_CONFIG.consensus,
    });
    const app = await buildApp(core, { bodyBytesMax: 1 << 20, commitWaitMsMax: 1_000, evidencePageMax: 100, logger: false,
      version: 'test', signatureWindowMs: 300_000 });
    running.push({ app, ledger });
    urls.push(await app.listen({ host: '127.0.0.1', port: 0 }));
  }
  return { ...run.layout, nodes: run.layout.nodes.map((n, i) => ({ ...n, apiUrl: urls[i]! })) };
}

async function live(options: FixtureOptions = {}, change?: (run: RunFixture) => void):
  Promise<{ run: RunFixture; report: CheckReport }> {
  const run = await buildRun(root, options);
  change?.(run);
  const layout = await serve(run);
  return { run, report: await checkRun({ dir: run.dir, layout, byzantineNodeIds: [], phase: 'live' }) };
}

function expectFailure(report: CheckReport, pattern: RegExp): void {
  expect(report.ok).toBe(false);
  expect(report.failures.some((f) => pattern.test(f)), report.failures.join('\n')).toBe(true);
}

const heightsSeen = (run: RunFixture, seenAt: (height: number, timeMs: number) => number): unknown[] =>
  run.layout.nodes.flatMap((node) => Array.from({ length: HEIGHTS }, (_, i) =>
    ({ node: node.name, height: i + 1, seenAtMs: seenAt(i + 1, GENESIS_TIME_MS + (i + 1) * 1_000) })));

describe('chaos checker, live phase', () => {
  it('passes a sound run: same headers everywhere, commits verified, every ack found and its receipt verified from the genesis', async () => {
    const { run, report } = await live();
    expect(report.failures).toEqual([]);
    expect(report.counts).toMatchObject({ nodes: 5, heights: HEIGHTS, commitsVerified: HEIGHTS, acksChecked: 5 * run.acks.length,
      receiptsVerified: 5 * run.acks.length, pbtsLowerChecked: HEIGHTS - 1, pbtsUpperChecked: HEIGHTS, recoveryMsMax: 2_000 });
  });

  it('fails on an acked anchor the nodes do not have', async () => {
    const digest = toHex(new Uint8Array(32).fill(3));
    const { report } = await live({}, (run) =>
      writeJsonl(join(run.dir, 'acks.jsonl'), [...run.acks, { ...run.acks[0]!, digest, txHash: 'ab'.repeat(32) }]));
    expectFailure(report, new RegExp(`node1: acked anchor ${digest} \\(tx (ab)+\\) at height 1: not found \\(404\\)`));
    expectFailure(report, new RegExp(`observer0: acked anchor ${digest} .*: no receipt \\(HTTP 404\\)`));
  });

  it('fails on an ack whose block hash is not the block of its height', async () => {
    const { report } = await live({}, (run) =>
      writeJsonl(join(run.dir, 'acks.jsonl'), [{ ...run.acks[2]!, blockHash: 'cd'.repeat(32) }]));
    expectFailure(report, /node0: acked anchor [0-9a-f]{64} .* at height 2: the node has it at height 2 in block [0-9a-f]{64}, acked block (cd)+/);
    expectFailure(report, /node3: acked anchor .*: the receipt proves tx [0-9a-f]{64} at height 2 in block/);
  });

  it('fails on a node that holds another block at one height', async () => {
    const { report } = await live({ fork: { node: 'node3', height: 4 } });
    expectFailure(report, /^fork: at height 4 node3 differs from node0 in hash, appHash/);
  });

  it('fails on a block time that does not increase', async () => {
    const { report } = await live({ timeOf: (h) => GENESIS_TIME_MS + Math.min(h, HEIGHTS - 1) * 1_000 });
    expectFailure(report, new RegExp(`node0 height ${HEIGHTS} \\(block [0-9a-f]{64}\\): block time \\d+ is not after the previous time`));
  });

  it('fails on block times outside the PBTS bounds of when their heights were seen', async () => {
    const lateMs = 2_000 + 500 + POLL_INTERVAL_MS_DEFAULT + PBTS_SLACK_MS + 1;
    // Every node was still seen at height 1 (below 2) lateMs after block 2's time: block 2 is too old.
    const { report } = await live({}, (run) => writeJsonl(join(run.dir, 'heights.jsonl'),
      heightsSeen(run, (height, timeMs) => (height === 1 ? timeMs + 1_000 + lateMs : height === 2 ? timeMs + lateMs + 100
        : height === 5 ? timeMs - 501 : timeMs + 100))));
    expectFailure(report, new RegExp(`node0 height 2 .*: block time \\d+ is ${lateMs} ms before \\d+, when every node was still seen below`));
    expectFailure(report, /node0 height 5 .*: block time \d+ is 501 ms after the height was seen \(precision 500 ms\)/);
    // Height 1's upper bound is the earliest sighting of 1 or above: 2 was seen late, 1 on time.
    expect(report.failures.filter((f) => /height [13467] /.test(f))).toEqual([]);
  });

  it('does not blame the chain for a poller that was starved: a height first seen late, below it seen on time', async () => {
    // All nodes first seen at height 3 14 s after its block time (the run's process had no CPU);
    // the poll before saw them at 2 on time, so nothing says block 3 was old when it committed.
    const { report } = await live({}, (run) => writeJsonl(join(run.dir, 'heights.jsonl'),
      heightsSeen(run, (height, timeMs) => (height === 3 ? timeMs + 14_000 : timeMs + 100))));
    expect(report.failures).toEqual([]);
    expect(report.counts['pbtsLowerChecked']).toBeGreaterThan(0);
  });

  it('holds no height to the lower bound that was first seen in one burst with the height below it', async () => {
    // The poller's first look found heights 1..3 already there (20 s after block 3): they say nothing about when they committed.
    const { report } = await live({}, (run) => writeJsonl(join(run.dir, 'heights.jsonl'),
      heightsSeen(run, (height, timeMs) => (height <= 3 ? GENESIS_TIME_MS + 3_000 + 20_000 : timeMs + 100))));
    expect(report.failures).toEqual([]);
    expect(report.counts['pbtsLowerChecked']).toBe(2);
  });

  it('fails when the chain did not move after the last heal, and on a late recovery', async () => {
    const { report } = await live({}, (run) => writeJsonl(join(run.dir, 'faults.jsonl'), [
      { id: 7, atMs: GENESIS_TIME_MS, kind: 'partition', nodes: ['node1', 'node2'], detail: {} },
      { id: 7, healedAtMs: GENESIS_TIME_MS + 60_000, recoveredAtMs: GENESIS_TIME_MS + 90_001 },
    ]));
    expectFailure(report, /liveness: fault 7 \(partition on node1, node2\) healed at \d+, recovered 30001 ms later/);
    expectFailure(report, new RegExp(`liveness: no height above ${HEIGHTS} after the last heal`));
  });

  it('fails on a node that does not answer', async () => {
    const run = await buildRun(root);
    const layout = await serve(run);
    const broken = { ...layout, nodes: layout.nodes.map((n) => (n.name === 'node2' ? { ...n, apiUrl: 'http://127.0.0.1:9' } : n)) };
    const report = await checkRun({ dir: run.dir, layout: broken, byzantineNodeIds: [], phase: 'live' });
    expectFailure(report, /node2: not reachable: GET \/v1\/status/);
    expect(report.counts['nodes']).toBe(4);
  });
});
