// The HTTP phase of bench:ingest: the dev node as its own process (`tianping start --dev`), loaded
// at its maximum through its API with bench:net's submitters, then at half that rate with
// bench:net's open-loop latency sampler; afterwards its ledger and a copy taken before the load are
// compacted, and the difference divided by the anchors committed is the bytes per anchor.
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { cpuPercents, cpuSnapshot, dirBytes, getJson, heightOfFirstBlockAfter, keepAliveAgent, round, withCpuProfile,
  type CpuPercents } from '../bench-lib.js';
import { headers, StatusPoller, STATUS_POLL_MS } from '../bench-chain.js';
import { halfLoad, type HalfLoadResult } from '../bench-net-latency.js';
import { newSubmitCounters, submitBulk, submitSingle, SUBMIT_TIMEOUT_MS, type SubmitCounters } from '../bench-net-submit.js';
import { drainMempools, warmUp } from '../bench-run.js';
import { checkPortsFree, startTestnetNode, stopAll, type TestnetNodeHandle } from '../testnet-lib.js';
import type { Args } from './args.js';
import { compactLedger, initDevNode } from './dev-node.js';
import { log, presign, PRESIGN_PER_SEC, steadyRate, type CommittedRate } from './window.js';

const BACKLOG_PAUSE_MS = 20;
const DRAIN_MS = 120_000;
const CHAIN_CATCH_UP_MS = 30_000;
const HALF_LOAD_WARMUP_MS = 2_000;
const COMMIT_WAIT_MS = 30_000;
/** Half-load txs pre-signed per second of half load, beyond the rate: the open loop must not run out. */
const HALF_PRESIGN_MARGIN = 1.5;

export interface DiskFigures {
  /** Anchors committed in all (warm-up, both loads): every tx of blocks 1..tip. */
  readonly anchors: number;
  readonly baselineBytes: number;
  readonly afterBytes: number;
  readonly afterBytesUncompacted: number;
  readonly bytesPerAnchor: number;
  readonly bytesPerAnchorUncompacted: number;
  /** Bytes of a signed anchor tx as sent (the part of a block each anchor adds). */
  readonly txBytes: number;
  readonly compactMs: number;
}

export interface HttpResult {
  readonly submit: Args['submit'];
  readonly max: CommittedRate & { readonly acceptedTps: number; readonly ranOut: boolean; readonly requests: number;
    readonly refused: Readonly<Record<string, number>>; readonly cpu: CpuPercents; readonly nodeCpuMsPerAnchor: number };
  readonly half: HalfLoadResult;
  readonly disk: DiskFigures;
}

interface Running {
  readonly register: (handle: TestnetNodeHandle | undefined) => void;
}

async function maxLoad(args: Args, handle: TestnetNodeHandle, txs: Parameters<typeof warmUp>[1]):
  Promise<{ counters: SubmitCounters; startMs: number; endMs: number; cpu: CpuPercents; startHeight: number }> {
  const apiUrl = handle.node.apiUrl;
  const poller = new StatusPoller([apiUrl]);
  await poller.poll();
  const startHeight = poller.heightMin;
  poller.start();
  const counters = newSubmitCounters();
  const agent = keepAliveAgent(args.connections);
  const cpuBefore = cpuSnapshot([handle]);
  const startMs = Date.now();
  const ctx = { txs, agent, url: new URL(apiUrl), endMs: startMs + args.loadMs, counters, pauseMs: BACKLOG_PAUSE_MS, bulkSize: args.bulkSize,
    backlogged: () => poller.mempoolMax > args.backlog };
  try {
    await Promise.all(Array.from({ length: args.connections }, () => (args.submit === 'bulk' ? submitBulk(ctx) : submitSingle(ctx))));
  } finally {
    agent.destroy();
  }
  const endMs = Date.now();
  const cpu = cpuPercents(cpuBefore, cpuSnapshot([handle]));
  const drained = await drainMempools(poller, { timeoutMs: DRAIN_MS, progressEveryMs: 5_000, pollMs: STATUS_POLL_MS,
    progress: () => poller.describe(), log });
  poller.stop();
  if (!drained.drained) log(`  the mempool did not drain within ${DRAIN_MS / 1000} s`);
  return { counters, startMs, endMs, cpu, startHeight };
}

async function diskFigures(dataDir: string, baselineDir: string, anchors: number, txBytes: number): Promise<DiskFigures> {
  const afterBytesUncompacted = dirBytes(dataDir);
  const startMs = performance.now();
  await compactLedger(baselineDir);
  await compactLedger(dataDir);
  const compactMs = performance.now() - startMs;
  const baselineBytes = dirBytes(baselineDir);
  const afterBytes = dirBytes(dataDir);
  return { anchors, baselineBytes, afterBytes, afterBytesUncompacted, txBytes, compactMs: Math.round(compactMs),
    bytesPerAnchor: round((afterBytes - baselineBytes) / anchors, 1),
    bytesPerAnchorUncompacted: round((afterBytesUncompacted - baselineBytes) / anchors, 1) };
}

export async function httpPhase(args: Args, dir: string, running: Running): Promise<HttpResult> {
  const files = initDevNode(dir, 'http', args.basePort);
  await checkPortsFree(files.layout);
  const layout = withCpuProfile(files.layout, args.cpuProf);
  const chainId = files.layout.chainId;
  log(`http: the dev node as a process on port ${args.basePort}; first start, stopped, copied as the disk baseline`);
  let handle = startTestnetNode(layout, 'http', { env: args.nodeEnv });
  running.register(handle);
  await handle.waitHealthy();
  await stopAll([handle]);
  const baselineDir = join(dir, 'http-baseline');
  cpSync(files.node.dataDir, baselineDir, { recursive: true });

  log(`  presigning ${args.loadMs / 1000} s at up to ${PRESIGN_PER_SEC} txs/s`);
  const warm = presign(chainId, files.submitter, 1, 1);
  const txs = presign(chainId, files.submitter, (args.loadMs / 1000) * PRESIGN_PER_SEC, 10);
  handle = startTestnetNode(layout, 'http', { env: args.nodeEnv });
  running.register(handle);
  await handle.waitHealthy();
  await warmUp([handle], warm, { what: 'anchor', submitTimeoutMs: SUBMIT_TIMEOUT_MS, chainId });

  log(`  maximum load: ${args.loadMs / 1000} s, ${args.submit}${args.submit === 'bulk' ? ` of ${args.bulkSize}` : ''} over ${args.connections} connections`);
  const load = await maxLoad(args, handle, txs);
  const apiUrl = handle.node.apiUrl;
  const tip = await heightOfFirstBlockAfter(apiUrl, load.endMs, CHAIN_CATCH_UP_MS, STATUS_POLL_MS);
  const blocks = await headers(apiUrl, load.startHeight + 1, tip);
  const rate = steadyRate(blocks, load.startMs, load.endMs);
  const loadTxs = blocks.filter((b) => b.timeMs > load.startMs && b.timeMs <= load.endMs).reduce((sum, b) => sum + b.txCount, 0);
  const nodeCpuMs = ((load.cpu.nodes[0] ?? Number.NaN) * (load.endMs - load.startMs)) / 100;
  const ranOut = load.counters.next >= txs.length && load.endMs < load.startMs + args.loadMs - 100;
  log(`  ${rate.committedTps} committed/s in the steady window (${rate.windowBlocks} blocks)${ranOut ? ', RAN OUT of pre-signed txs' : ''}`);

  const halfRate = Math.max(1, Math.floor(rate.committedTps / 2));
  const halfTxs = presign(chainId, files.submitter, Math.ceil((halfRate * args.halfMs * HALF_PRESIGN_MARGIN) / 1000), 10 + txs.length);
  log(`  half load: ${halfRate} txs/s for ${args.halfMs / 1000} s`);
  const half = await halfLoad({ urls: [new URL(apiUrl)], txs: halfTxs, rateTps: halfRate, durationMs: args.halfMs,
    warmupMs: HALF_LOAD_WARMUP_MS, submit: 'bulk', bulkSize: args.bulkSize, sampleEvery: undefined, commitWaitMs: COMMIT_WAIT_MS, log });
  const drainPoller = new StatusPoller([apiUrl]);
  await drainMempools(drainPoller, { timeoutMs: DRAIN_MS, progressEveryMs: 5_000, pollMs: STATUS_POLL_MS, progress: () => drainPoller.describe(), log });
  const lastHeight = (await getJson<{ height: number }>(`${apiUrl}/v1/headers/latest`)).height;
  const all = await headers(apiUrl, 1, lastHeight);
  await stopAll([handle]);
  running.register(undefined);
  const exit = await handle.exited;
  if (exit.code !== 0) log(`  the dev node did not stop cleanly (${exit.signal ?? `code ${exit.code}`}); its log: ${files.node.logFile}`);

  const anchors = all.reduce((sum, b) => sum + b.txCount, 0);
  const disk = await diskFigures(files.node.dataDir, baselineDir, anchors, txs[0]!.bytes.length);
  log(`  ${disk.bytesPerAnchor} bytes per anchor compacted (${anchors} anchors)`);
  return {
    submit: args.submit,
    max: { ...rate, acceptedTps: round((load.counters.accepted * 1000) / (load.endMs - load.startMs)), ranOut,
      requests: load.counters.requests, refused: load.counters.refused, cpu: load.cpu,
      nodeCpuMsPerAnchor: round(nodeCpuMs / Math.max(1, loadTxs), 4) },
    half, disk,
  };
}
