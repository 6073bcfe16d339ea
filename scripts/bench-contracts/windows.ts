// Phase 2 of bench:contracts: control and contracts windows in turn on the same testnet, anchors
// sent at one fixed rate in each, the validators' CPU read from /proc over each window; then the
// blocks of each window read back from the headers (anchors committed, the clock's events).
import { cpuSnapshot, getJson, percentile, sleep, type CpuSnapshot, type PresignedTx } from '../bench-lib.js';
import { halfLoad } from '../bench-net-latency.js';
import type { TestnetNodeHandle } from '../testnet-lib.js';
import { fixed, log, type Args } from './args.js';
import { dueBy, type Schedule } from './setup.js';

const BULK_SIZE = 128;
const COMMIT_WAIT_MS = 60_000;
/**
 * After the last window the clock works through what is still due; the wait ends once no event has
 * come for this long. Without txs, only the heartbeat makes blocks (every 10 s by default), each
 * taking at most caseEventsPerBlockMax entries: two heartbeats without an event mean it is done or stuck.
 */
const CARRY_OVER_IDLE_MS = 25_000;

export interface BlockFacts {
  readonly height: number;
  readonly timeMs: number;
  readonly txCount: number;
  /** Case events in the block (the header's event count, absent when none). */
  readonly eventCount: number;
}

/** Heights, times, tx and event counts from the public headers. */
export async function blockFacts(url: string, fromHeight: number, toHeight: number): Promise<BlockFacts[]> {
  const out: BlockFacts[] = [];
  for (let height = fromHeight; height <= toHeight; height++) {
    const h = await getJson<{ height: number; timeMs: number; txCount: number; eventCount?: number }>(`${url}/v1/headers/${height}`, 30_000);
    out.push({ height: h.height, timeMs: h.timeMs, txCount: h.txCount, eventCount: h.eventCount ?? 0 });
  }
  return out;
}

export const latestHeight = async (url: string): Promise<number> =>
  (await getJson<{ height: number }>(`${url}/v1/headers/latest`)).height;

/** One window as measured while it ran. */
export interface WindowRun {
  readonly kind: 'control' | 'contracts';
  readonly round: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly from: CpuSnapshot;
  readonly to: CpuSnapshot;
  readonly sentTps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: Readonly<Record<string, number>>;
}

/** Anchors at args.anchorRate for the window, from its start time; CPU snapshots at its start and end. */
async function runWindow(args: Args, handles: readonly TestnetNodeHandle[], kind: WindowRun['kind'], round: number, startMs: number,
  txs: readonly PresignedTx[]): Promise<WindowRun> {
  const waitMs = startMs - Date.now();
  if (waitMs > 0) await sleep(waitMs);
  else log(`  ${kind} window ${round + 1} starts ${fixed(-waitMs)} ms late`);
  const actualStartMs = Date.now();
  const from = cpuSnapshot(handles);
  let to: CpuSnapshot | undefined;
  const endTimer = setTimeout(() => { to = cpuSnapshot(handles); }, args.windowMs);
  log(`${kind} window ${round + 1}: ${args.anchorRate} anchors/s for ${args.windowMs / 1000} s`);
  try {
    const result = await halfLoad({ urls: handles.map((h) => new URL(h.node.apiUrl)), txs, rateTps: args.anchorRate,
      durationMs: args.windowMs, warmupMs: 0, submit: 'bulk', bulkSize: BULK_SIZE, sampleEvery: undefined,
      commitWaitMs: COMMIT_WAIT_MS, log });
    if (to === undefined) {
      await sleep(Math.max(0, actualStartMs + args.windowMs - Date.now()));
      to ??= cpuSnapshot(handles);
    }
    return { kind, round, startMs: actualStartMs, endMs: to.atMs, from, to, sentTps: result.sentTps, p50Ms: result.p50Ms,
      p99Ms: result.p99Ms, errors: result.errors };
  } finally {
    clearTimeout(endTimer);
  }
}

/** Every round's control window, then its contracts window, at the times of the schedule. */
export async function runWindows(args: Args, handles: readonly TestnetNodeHandle[], s: Schedule,
  anchorsFor: (window: number) => readonly PresignedTx[]): Promise<WindowRun[]> {
  const runs: WindowRun[] = [];
  for (let r = 0; r < s.rounds; r++) {
    runs.push(await runWindow(args, handles, 'control', r, s.controlStartsMs[r]!, anchorsFor(2 * r)));
    runs.push(await runWindow(args, handles, 'contracts', r, s.contractStartsMs[r]!, anchorsFor(2 * r + 1)));
  }
  return runs;
}

/** The blocks from fromHeight on, read until they hold `expected` events or none came for CARRY_OVER_IDLE_MS. */
export async function awaitEvents(url: string, fromHeight: number, expected: number): Promise<BlockFacts[]> {
  const blocks: BlockFacts[] = [];
  let events = 0;
  let next = fromHeight;
  let lastEventMs = Date.now();
  for (;;) {
    const tip = await latestHeight(url);
    for (const b of await blockFacts(url, next, tip)) {
      blocks.push(b);
      events += b.eventCount;
      if (b.eventCount > 0) lastEventMs = Date.now();
    }
    next = tip + 1;
    if (events >= expected || Date.now() - lastEventMs >= CARRY_OVER_IDLE_MS) return blocks;
    await sleep(1_000);
  }
}

/** A window's figures: validators' CPU per committed anchor, and the clock's work per block. */
export interface WindowFigures {
  readonly kind: WindowRun['kind'];
  readonly round: number;
  readonly windowMs: number;
  readonly blocks: number;
  readonly anchorsCommitted: number;
  /** CPU of all validators over the window, ms, and per committed anchor. */
  readonly nodeCpuMs: number;
  readonly nodeCpuMsPerAnchor: number;
  readonly machineCpuPercent: number;
  readonly clientCpuPercent: number;
  readonly sentTps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: Readonly<Record<string, number>>;
  readonly clock: ClockFigures;
}

/** The clock's events in the blocks from a window's start to the next window's (the carry-over included). */
export interface ClockFigures {
  readonly events: number;
  readonly blocksWithEvents: number;
  readonly maxEventsPerBlock: number;
  readonly p99EventsPerBlock: number;
  readonly meanEventsPerBlock: number;
  /** Blocks that left due entries for the next block, and the most entries left. */
  readonly carriedBlocks: number;
  readonly maxBacklog: number;
  /** Blocks at or after the last due time that still processed entries, and how long after it the last entry was processed. */
  readonly drainBlocks: number;
  readonly lastEntryLagMs: number;
}

function clockFigures(s: Schedule, kind: WindowRun['kind'], round: number, blocks: readonly BlockFacts[]): ClockFigures {
  const withEvents = blocks.filter((b) => b.eventCount > 0);
  const counts = withEvents.map((b) => b.eventCount).sort((a, b) => a - b);
  const events = counts.reduce((a, b) => a + b, 0);
  let carriedBlocks = 0;
  let maxBacklog = 0;
  let drainBlocks = 0;
  let lastEntryLagMs = Number.NaN;
  if (kind === 'contracts') {
    const lastDueMs = s.contractStartsMs[round]! + 1 + Math.floor(((s.contracts - 1) * s.spreadMs) / s.contracts);
    let processed = 0;
    for (const b of blocks) {
      processed += b.eventCount;
      const backlog = dueBy(s, round, b.timeMs) - processed;
      if (backlog > 0) carriedBlocks++;
      maxBacklog = Math.max(maxBacklog, backlog);
      if (b.timeMs >= lastDueMs && (backlog > 0 || b.eventCount > 0)) drainBlocks++;
      if (processed >= s.contracts && Number.isNaN(lastEntryLagMs)) lastEntryLagMs = b.timeMs - lastDueMs;
    }
  }
  return {
    events, blocksWithEvents: withEvents.length, maxEventsPerBlock: counts.at(-1) ?? 0,
    p99EventsPerBlock: counts.length === 0 ? 0 : percentile(counts, 99),
    meanEventsPerBlock: counts.length === 0 ? 0 : events / counts.length,
    carriedBlocks, maxBacklog, drainBlocks, lastEntryLagMs,
  };
}

/** The figures of every window from the blocks since the first window's start. */
export function windowFigures(s: Schedule, runs: readonly WindowRun[], blocks: readonly BlockFacts[]): WindowFigures[] {
  return runs.map((run, i) => {
    const inWindow = blocks.filter((b) => b.timeMs > run.startMs && b.timeMs <= run.endMs);
    // The clock's work of a window runs on into the gap after it: up to the next window's start.
    const untilMs = runs[i + 1]?.startMs ?? Number.POSITIVE_INFINITY;
    const clockBlocks = blocks.filter((b) => b.timeMs > run.startMs && b.timeMs <= untilMs);
    const anchorsCommitted = inWindow.reduce((a, b) => a + b.txCount, 0);
    const nodeCpuMs = run.from.nodesMs.reduce<number>((sum, ms, k) => sum + ((run.to.nodesMs[k] ?? Number.NaN) - (ms ?? Number.NaN)), 0);
    const wallMs = run.to.atMs - run.from.atMs;
    const percentOf = (a: number | undefined, b: number | undefined): number =>
      (a === undefined || b === undefined ? Number.NaN : ((b - a) * 100) / wallMs);
    return {
      kind: run.kind, round: run.round, windowMs: wallMs, blocks: inWindow.length, anchorsCommitted, nodeCpuMs,
      nodeCpuMsPerAnchor: anchorsCommitted > 0 ? nodeCpuMs / anchorsCommitted : Number.NaN,
      machineCpuPercent: percentOf(run.from.machineBusyMs, run.to.machineBusyMs), clientCpuPercent: percentOf(run.from.clientMs, run.to.clientMs),
      sentTps: run.sentTps, p50Ms: run.p50Ms, p99Ms: run.p99Ms, errors: run.errors,
      clock: clockFigures(s, run.kind, run.round, clockBlocks),
    };
  });
}
