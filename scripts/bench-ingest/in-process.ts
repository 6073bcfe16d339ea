// The in-process phase of bench:ingest: the production node core in this process (dev-node.ts),
// txs handed to NodeCore.submitTx as the API would after decoding a request, without HTTP. The
// same two loads as the HTTP phase: as fast as it admits them, then an open loop at half the
// committed rate whose every K-th tx is a latency sample (due time to waitForCommit's answer).
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { asHash32, TianpingError } from '../../src/types/index.js';
import { percentile, round, sleep, type PresignedTx } from '../bench-lib.js';
import { defaultSampleEvery, HALF_LOAD_BULK_TICK_MS } from '../bench-net-latency.js';
import type { Args } from './args.js';
import { initDevNode, startInProcessNode, type InProcessNode } from './dev-node.js';
import { log, presign, PRESIGN_PER_SEC, steadyRate, type BlockTiming, type CommittedRate } from './window.js';

/** Txs handed over between two yields to the event loop: block production shares this thread. */
const SUBMIT_CHUNK = 64;
const BACKLOG_PAUSE_MS = 5;
const HALF_LOAD_WARMUP_MS = 2_000;
const COMMIT_WAIT_MS = 30_000;
const DRAIN_MS = 120_000;

export interface InProcessLatency {
  readonly rateTps: number;
  readonly sampleEvery: number;
  readonly samples: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly refused: Readonly<Record<string, number>>;
}

export interface InProcessResult {
  readonly max: CommittedRate & { readonly acceptedTps: number; readonly ranOut: boolean; readonly processCpuPercent: number;
    readonly processCpuMsPerAnchor: number };
  readonly half: InProcessLatency;
}

const count = (refused: Record<string, number>, code: string): void => {
  refused[code] = (refused[code] ?? 0) + 1;
};

/** submitTx, MEMPOOL_FULL retried after a pause; false (counted) for any other refusal. */
async function submit(node: InProcessNode, tx: PresignedTx, refused: Record<string, number>): Promise<boolean> {
  for (;;) {
    try {
      await node.core.submitTx(tx.bytes);
      return true;
    } catch (error) {
      const code = error instanceof TianpingError ? error.code : 'ERROR';
      if (code !== 'MEMPOOL_FULL') {
        count(refused, code);
        return false;
      }
      await sleep(BACKLOG_PAUSE_MS);
    }
  }
}

async function blocksOf(node: InProcessNode, fromHeight: number): Promise<BlockTiming[]> {
  const out: BlockTiming[] = [];
  for (let height = fromHeight; height <= node.ledger.tip.height; height++) {
    const header = (await node.ledger.header(height))!.header;
    out.push({ height, timeMs: header.timeMs, txCount: header.txCount });
  }
  return out;
}

async function drain(node: InProcessNode, afterMs: number): Promise<void> {
  const deadline = Date.now() + DRAIN_MS;
  while ((node.core.mempool.size > 0 || node.ledger.tip.timeMs <= afterMs) && Date.now() < deadline) await sleep(20);
}

async function maxLoad(args: Args, node: InProcessNode, txs: readonly PresignedTx[]): Promise<InProcessResult['max']> {
  const startHeight = node.ledger.tip.height + 1;
  const refused: Record<string, number> = {};
  let accepted = 0;
  let next = 0;
  const cpuBefore = process.cpuUsage();
  const startMs = Date.now();
  const endMs = startMs + args.loadMs;
  while (Date.now() < endMs && next < txs.length) {
    if (node.core.mempool.size > args.backlog) {
      await sleep(BACKLOG_PAUSE_MS);
      continue;
    }
    for (const stop = Math.min(txs.length, next + SUBMIT_CHUNK); next < stop;) if (await submit(node, txs[next++]!, refused)) accepted++;
    await yieldToLoop();
  }
  const loadEndMs = Date.now();
  const cpu = process.cpuUsage(cpuBefore);
  await drain(node, loadEndMs);
  const blocks = await blocksOf(node, startHeight);
  const rate = steadyRate(blocks, startMs, loadEndMs);
  const loadTxs = blocks.filter((b) => b.timeMs > startMs && b.timeMs <= loadEndMs).reduce((sum, b) => sum + b.txCount, 0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  if (Object.keys(refused).length > 0) log(`  refused: ${JSON.stringify(refused)}`);
  return { ...rate, acceptedTps: round((accepted * 1000) / (loadEndMs - startMs)), ranOut: next >= txs.length && loadEndMs < endMs - 100,
    processCpuPercent: round((cpuMs * 100) / (loadEndMs - startMs)), processCpuMsPerAnchor: round(cpuMs / Math.max(1, loadTxs), 4) };
}

/** Open loop: tx i due at start + i / rate; every K-th one's latency runs from its due time to its commit. */
async function halfLoad(args: Args, node: InProcessNode, txs: readonly PresignedTx[], rateTps: number): Promise<InProcessLatency> {
  const sampleEvery = defaultSampleEvery(rateTps);
  const refused: Record<string, number> = {};
  const latencies: number[] = [];
  const waits: Promise<void>[] = [];
  const startMs = performance.now();
  let sent = 0;
  while (performance.now() - startMs < args.halfMs && sent < txs.length) {
    const due = Math.min(txs.length, Math.floor(((performance.now() - startMs) * rateTps) / 1000));
    for (; sent < due; sent++) {
      const tx = txs[sent]!;
      const dueMs = startMs + (sent * 1000) / rateTps;
      if (!(await submit(node, tx, refused)) || sent % sampleEvery !== 0 || dueMs - startMs < HALF_LOAD_WARMUP_MS) continue;
      waits.push(node.core.waitForCommit(asHash32(Uint8Array.from(Buffer.from(tx.hash, 'hex'))), COMMIT_WAIT_MS).then(
        () => void latencies.push(performance.now() - dueMs),
        (error: unknown) => count(refused, error instanceof TianpingError ? error.code : 'ERROR')));
    }
    await sleep(HALF_LOAD_BULK_TICK_MS);
  }
  await Promise.all(waits);
  const sorted = latencies.sort((a, b) => a - b);
  return { rateTps, sampleEvery, samples: sorted.length, p50Ms: round(percentile(sorted, 50)), p90Ms: round(percentile(sorted, 90)),
    p99Ms: round(percentile(sorted, 99)), maxMs: round(sorted.at(-1) ?? Number.NaN), refused };
}

/** Runs fn under a V8 CPU profile of this process written to DIR/in-process-ingest.cpuprofile when --cpu-prof DIR is given. */
async function profiled<T>(dir: string | undefined, fn: () => Promise<T>): Promise<T> {
  if (dir === undefined) return fn();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(join(dir, 'in-process-ingest.cpuprofile'), JSON.stringify(profile));
    session.disconnect();
  }
}

export async function inProcessPhase(args: Args, dir: string): Promise<InProcessResult> {
  // The port is never listened on: the in-process node has no API server.
  const files = initDevNode(dir, 'in-process', args.basePort + 1);
  const chainId = files.layout.chainId;
  log(`in-process: the node core in this process; presigning ${args.loadMs / 1000} s at up to ${PRESIGN_PER_SEC} txs/s`);
  const txs = presign(chainId, files.submitter, (args.loadMs / 1000) * PRESIGN_PER_SEC, 10);
  const node = await startInProcessNode(files.node.dataDir, args.nodeEnv);
  try {
    const [warm] = presign(chainId, files.submitter, 1, 1);
    await node.core.submitTx(warm!.bytes);
    await node.core.waitForCommit(asHash32(Uint8Array.from(Buffer.from(warm!.hash, 'hex'))), COMMIT_WAIT_MS);
    const max = await profiled(args.cpuProf, () => maxLoad(args, node, txs));
    log(`  ${max.committedTps} committed/s in the steady window (${max.windowBlocks} blocks)${max.ranOut ? ', RAN OUT of pre-signed txs' : ''}`);
    const rate = Math.max(1, Math.floor(max.committedTps / 2));
    const halfTxs = presign(chainId, files.submitter, Math.ceil((rate * args.halfMs * 1.5) / 1000), 10 + txs.length);
    log(`  half load: ${rate} txs/s for ${args.halfMs / 1000} s`);
    const half = await halfLoad(args, node, halfTxs, rate);
    return { max, half };
  } finally {
    await node.close();
  }
}
