// Phase 1: signed indexed batches at maximum load on the testnet, committed records/s read from
// the chain itself (header tx counts × items, block times) over a steady window.
import { heightOfFirstBlockAfter, keepAliveAgent, sleep, type PresignedBatch } from '../bench-lib.js';
import type { TestnetNodeHandle } from '../testnet-lib.js';
import type { Args } from './args.js';
import { ChainStalledError, drain, headers, stallReport, type StatusPoller } from './chain.js';
import {
  cpuPercents, cpuSnapshot, ITEMS_PER_BATCH, log, PROGRESS_EVERY_MS, STATUS_POLL_MS, SUBMIT_TIMEOUT_MS, submitBatch,
  sum, TARGET_INDEXED_RECORDS_PER_SEC, WARMUP_FRACTION, type CpuPercents, type CpuSnapshot,
} from './common.js';

/**
 * Batches pre-signed per second of load: twice the target, so the target can be shown to hold and a
 * chain that commits well above it does not run out (the submitters then stop early and the window
 * covers a chain that only works through its backlog, which flatters it). Four times the 50,000
 * target would hold ~550 MB of request bodies in the client for a 30 s load.
 */
export const PRESIGN_BATCHES_PER_SEC = (2 * TARGET_INDEXED_RECORDS_PER_SEC) / ITEMS_PER_BATCH;
/** Submitters pause while some validator's mempool holds more batches than this (keeps the drain short). */
const BACKLOG_BATCHES_MAX = 150;
const WARMUP_MIN_MS = 3_000;
const CHAIN_CATCH_UP_MS = 60_000;

export interface LoadResult {
  readonly committedRecordsPerSec: number;
  readonly acceptedRecordsPerSec: number;
  readonly windowMs: number;
  readonly windowBlocks: number;
  readonly meanBlockIntervalMs: number;
  readonly meanBatchesPerBlock: number;
  readonly maxBatchesPerBlock: number;
  /** Blocks of the window committed in a round above 0, and the highest such round. */
  readonly laterRoundBlocks: number;
  readonly maxRound: number;
  readonly submittedBatches: number;
  readonly acceptedBatches: number;
  readonly mempoolFullAnswers: number;
  readonly backlogPauses: number;
  readonly refused: Readonly<Record<string, number>>;
  readonly ranOutOfTxs: boolean;
  readonly cpu: CpuPercents | undefined;
  /** Indexes (into the pre-signed txs) of the batches the nodes accepted. */
  readonly acceptedIndexes: readonly number[];
  readonly drainMs: number;
  readonly drained: boolean;
}

/** What the submitters did: counts, and the accepted count and CPU when the warm-up ended. */
interface Submitted {
  readonly startMs: number;
  readonly endMs: number;
  readonly submitted: number;
  readonly acceptedIndexes: readonly number[];
  readonly mempoolFull: number;
  readonly backlogPauses: number;
  readonly refused: Readonly<Record<string, number>>;
  readonly acceptedAtWindowStart: number | undefined;
  readonly windowStartCpu: CpuSnapshot | undefined;
}

/** C submitters per validator send the pre-signed batches until loadMs is over, the txs run out or the chain stalls. */
async function submitAll(args: Args, handles: readonly TestnetNodeHandle[], txs: readonly PresignedBatch[], poller: StatusPoller,
  loadMs: number, warmupMs: number): Promise<Submitted> {
  const urls = handles.map((h) => new URL(h.node.apiUrl));
  const agents = urls.map(() => keepAliveAgent(args.connections));
  let next = 0;
  const acceptedIndexes: number[] = [];
  const counters = { mempoolFull: 0 };
  let backlogPauses = 0;
  const refused: Record<string, number> = {};
  const startMs = Date.now();
  const endMs = startMs + loadMs;
  let acceptedAtWindowStart: number | undefined;
  let windowStartCpu: CpuSnapshot | undefined;

  const submitter = async (validator: number): Promise<void> => {
    while (Date.now() < endMs && next < txs.length && !poller.stalled) {
      if (poller.mempoolMax > BACKLOG_BATCHES_MAX) {
        backlogPauses++;
        await sleep(STATUS_POLL_MS);
        continue;
      }
      const index = next++;
      const answer = await submitBatch(agents[validator]!, urls[validator]!, '/v1/txs', txs[index]!, SUBMIT_TIMEOUT_MS, counters);
      if (answer.ok) acceptedIndexes.push(index);
      else refused[answer.code] = (refused[answer.code] ?? 0) + 1;
    }
  };

  const progress = setInterval(() => {
    log(`  load ${((Date.now() - startMs) / 1000).toFixed(0).padStart(3)} s: accepted ${acceptedIndexes.length} batches, ${poller.describe()}`);
  }, PROGRESS_EVERY_MS);
  const windowTimer = setTimeout(() => {
    acceptedAtWindowStart = acceptedIndexes.length;
    windowStartCpu = cpuSnapshot(handles);
  }, warmupMs);
  try {
    await Promise.all(urls.flatMap((_, validator) => Array.from({ length: args.connections }, () => submitter(validator))));
  } finally {
    clearInterval(progress);
    clearTimeout(windowTimer);
    for (const agent of agents) agent.destroy();
  }
  return { startMs, endMs, submitted: next, acceptedIndexes, mempoolFull: counters.mempoolFull, backlogPauses, refused,
    acceptedAtWindowStart, windowStartCpu };
}

export async function indexedLoad(args: Args, handles: readonly TestnetNodeHandle[], txs: readonly PresignedBatch[], poller: StatusPoller):
  Promise<LoadResult> {
  const loadMs = args.loadSeconds * 1000;
  const warmupMs = Math.max(WARMUP_MIN_MS, loadMs * WARMUP_FRACTION);
  const startHeight = poller.heightMin;
  const sent = await submitAll(args, handles, txs, poller, loadMs, warmupMs);
  if (poller.stalled) throw new ChainStalledError(`the chain stopped committing (seen under load): ${await stallReport(handles, poller)}`);
  const ranOutOfTxs = sent.submitted >= txs.length && Date.now() < sent.endMs;
  if (ranOutOfTxs) {
    // The APIs took every pre-signed batch before the load's end (a fast chain, or a short --quick
    // load): the chain still works through the backlog at full speed, so the window runs until
    // the mempools are empty.
    log('  every pre-signed batch was accepted before the end of the load: the window runs until the mempools drain');
    await drain(poller, handles);
  }
  const loadEndMs = Date.now();
  const cpu = sent.windowStartCpu === undefined ? undefined : cpuPercents(sent.windowStartCpu, cpuSnapshot(handles));
  const windowStartMs = sent.startMs + warmupMs;
  if (loadEndMs - windowStartMs < 1000) {
    throw new Error(`the steady window is under 1 s (load ran ${loadEndMs - sent.startMs} ms): use more --seconds`);
  }
  // Once node0 has a block younger than the load, every block of the window is committed.
  const tipHeight = await heightOfFirstBlockAfter(handles[0]!.node.apiUrl, loadEndMs, CHAIN_CATCH_UP_MS, STATUS_POLL_MS);
  const chain = await headers(handles[0]!.node.apiUrl, startHeight + 1, tipHeight);
  // Every tx of this phase is a batch of ITEMS_PER_BATCH items; every block proposed within the
  // window counts, over the window (a slow chain's sparse blocks are not stretched).
  const inWindow = chain.filter((b) => b.timeMs > windowStartMs && b.timeMs <= loadEndMs);
  log(`  blocks (height: batches, round, ms after the previous): ${chain.map((b, i) => `${b.height}: ${b.txCount}, r${b.round}`
    + `${i === 0 ? '' : `, +${b.timeMs - chain[i - 1]!.timeMs}`}`).join('; ')}`);
  const windowMs = loadEndMs - windowStartMs;
  const batchesInWindow = sum(inWindow.map((b) => b.txCount));
  const blockSpanMs = inWindow.length >= 2 ? inWindow.at(-1)!.timeMs - inWindow[0]!.timeMs : Number.NaN;
  log('  draining the mempools');
  const drained = await drain(poller, handles);
  return {
    committedRecordsPerSec: (batchesInWindow * ITEMS_PER_BATCH * 1000) / windowMs,
    acceptedRecordsPerSec: ((sent.acceptedIndexes.length - (sent.acceptedAtWindowStart ?? 0)) * ITEMS_PER_BATCH * 1000) / windowMs,
    windowMs, windowBlocks: inWindow.length,
    meanBlockIntervalMs: blockSpanMs / (inWindow.length - 1),
    meanBatchesPerBlock: inWindow.length === 0 ? 0 : batchesInWindow / inWindow.length,
    maxBatchesPerBlock: Math.max(0, ...inWindow.map((b) => b.txCount)),
    laterRoundBlocks: inWindow.filter((b) => b.round > 0).length, maxRound: Math.max(0, ...inWindow.map((b) => b.round)),
    submittedBatches: sent.submitted, acceptedBatches: sent.acceptedIndexes.length, mempoolFullAnswers: sent.mempoolFull,
    backlogPauses: sent.backlogPauses, refused: sent.refused, ranOutOfTxs, cpu, acceptedIndexes: sent.acceptedIndexes,
    drainMs: drained.ms, drained: drained.drained,
  };
}
