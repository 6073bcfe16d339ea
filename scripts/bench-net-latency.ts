// The half-load phase of bench:net (scripts/bench-net.ts): p50/p99 submit-to-commit latency at
// half the committed rate, in the maximum-load phase's own submission mode.
//   single: every tx is one POST /v1/txs?wait=commit, and every tx is a latency sample;
//   bulk:   the txs due in each tick go out as one POST /v1/txs/bulk (round-robin over the
//           validators, not waited for, their per-tx results checked), except every K-th tx, which
//           goes alone with ?wait=commit as a latency sample.
// Single submission costs the nodes ~1.8x the CPU per anchor of bulk: half of a bulk maximum sent
// as single txs overloads the chain, and would measure that overload rather than half load.
//
// Both are an open loop: tx i is due at start + i / rate whatever the nodes answer, and its
// latency counts from that due time, so a slow answer neither delays later sends nor hides the
// queueing it causes (no coordinated omission).
import type { Agent } from 'node:http';
import { encodeTxBatch } from '../src/codec/index.js';
import { keepAliveAgent, percentile, postBytes, postJson, problemCode, type HttpAnswer, type PresignedTx } from './bench-lib.js';
import { SUBMIT_TIMEOUT_MS, type SubmitMode } from './bench-net-submit.js';

/** Sockets per validator: each ?wait=commit holds one until its block. */
const SOCKETS_MAX = 4_096;
/** Single mode sends each tx within 5 ms of its due time, as a client of one-tx requests would. */
const HALF_LOAD_SINGLE_TICK_MS = 5;
/**
 * Bulk mode collects 50 ms of txs per request, as a bulk client batches what comes in: at ~600
 * txs/s that is ~30 txs per request and 20 requests/s, so the HTTP cost per anchor stays near the
 * maximum phase's, for at most 50 ms (25 on average) added to every tx's latency, samples
 * included: they wait for the tick like the rest.
 */
export const HALF_LOAD_BULK_TICK_MS = 50;
/**
 * Default samples per second in bulk mode: ~900 samples over the 18 s counted of a full run, so
 * that p99 rests on ~9 samples above it, while 50 one-tx requests/s add little of the CPU that
 * makes single submission heavier (under a tenth of the txs at ~600/s).
 */
export const LATENCY_SAMPLES_PER_SEC = 50;
const PROTOBUF_MEDIA_TYPE = 'application/x-protobuf';

export interface HalfLoadOptions {
  readonly urls: readonly URL[];
  readonly txs: readonly PresignedTx[];
  readonly rateTps: number;
  readonly durationMs: number;
  /** Txs due before this are sent but not sampled: the chain settles into the rate first. */
  readonly warmupMs: number;
  readonly submit: SubmitMode;
  readonly bulkSize: number;
  /** Every K-th tx is a sample in bulk mode; undefined: K for ~LATENCY_SAMPLES_PER_SEC. */
  readonly sampleEvery: number | undefined;
  readonly commitWaitMs: number;
  readonly log: (message: string) => void;
}

export interface HalfLoadResult {
  readonly submit: SubmitMode;
  readonly targetTps: number;
  readonly sentTps: number;
  /** Every K-th tx was sent alone with ?wait=commit (1: all of them). */
  readonly sampleEvery: number;
  /** Samples sent per second, warm-up included. */
  readonly sampleTps: number;
  /** Samples counted: answered after the warm-up. */
  readonly samples: number;
  /** HTTP requests sent, samples included. */
  readonly requests: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly commitTimeouts: number;
  /** Refusals and network errors by code, in txs (a failed bulk request counts each of its txs). */
  readonly errors: Readonly<Record<string, number>>;
}

export function emptyHalfLoadResult(submit: SubmitMode): HalfLoadResult {
  return { submit, targetTps: 0, sentTps: 0, sampleEvery: 1, sampleTps: 0, samples: 0, requests: 0, p50Ms: Number.NaN,
    p90Ms: Number.NaN, p99Ms: Number.NaN, maxMs: Number.NaN, commitTimeouts: 0, errors: {} };
}

/** K such that every K-th tx makes at least ~LATENCY_SAMPLES_PER_SEC samples per second (1 below that rate). */
export function defaultSampleEvery(rateTps: number): number {
  return Math.max(1, Math.floor(rateTps / LATENCY_SAMPLES_PER_SEC));
}

interface BulkAnswer {
  readonly results: readonly { readonly status: 'pending' | 'refused'; readonly error?: { readonly code: string } }[];
}

/** State of one run of the phase, shared by its senders. */
class HalfLoadRun {
  readonly agents: Agent[];
  readonly latenciesMs: number[] = [];
  readonly errors: Record<string, number> = {};
  readonly inFlight: Promise<void>[] = [];
  readonly startMs = performance.now();
  commitTimeouts = 0;
  requests = 0;
  samplesSent = 0;
  bulkRequests = 0;

  constructor(readonly o: HalfLoadOptions) {
    this.agents = o.urls.map(() => keepAliveAgent(SOCKETS_MAX));
  }

  countError(code: string, txs = 1): void {
    this.errors[code] = (this.errors[code] ?? 0) + txs;
  }

  readonly countNetworkError = (txs: number) => (error: unknown): void => {
    this.countError(error instanceof Error ? error.message : String(error), txs);
  };

  /** One tx alone with ?wait=commit, its latency from its due time; validators in turn by sample. */
  sendSample(index: number, dueMs: number): void {
    const validator = this.samplesSent++ % this.o.urls.length;
    const path = `/v1/txs?wait=commit&timeoutMs=${this.o.commitWaitMs}`;
    this.requests++;
    this.inFlight.push(postJson(this.agents[validator]!, this.o.urls[validator]!, path, this.o.txs[index]!.jsonBody,
      this.o.commitWaitMs + SUBMIT_TIMEOUT_MS).then((answer) => this.onSampleAnswer(answer, dueMs), this.countNetworkError(1)));
  }

  private onSampleAnswer(answer: HttpAnswer, dueMs: number): void {
    const latencyMs = performance.now() - dueMs;
    const counted = dueMs - this.startMs >= this.o.warmupMs;
    if (answer.status === 200) {
      if (counted) this.latenciesMs.push(latencyMs);
      return;
    }
    const code = problemCode(answer);
    if (code === 'COMMIT_TIMEOUT') {
      // Never committed within the wait: it counts, at the least latency it may have had.
      this.commitTimeouts++;
      if (counted) this.latenciesMs.push(latencyMs);
      return;
    }
    this.countError(code);
  }

  /** Up to bulkSize txs in one POST /v1/txs/bulk, not waited for; its refusals count by code. */
  sendBulk(group: readonly PresignedTx[]): void {
    const validator = this.bulkRequests++ % this.o.urls.length;
    const body = encodeTxBatch(group.map((tx) => tx.bytes));
    this.requests++;
    this.inFlight.push(postBytes(this.agents[validator]!, this.o.urls[validator]!, '/v1/txs/bulk', body, PROTOBUF_MEDIA_TYPE,
      SUBMIT_TIMEOUT_MS).then((answer) => {
      if (answer.status !== 200) {
        this.countError(problemCode(answer), group.length);
        return;
      }
      for (const result of (JSON.parse(answer.body) as BulkAnswer).results) {
        if (result.status !== 'pending') this.countError(result.error?.code ?? 'UNKNOWN');
      }
    }, this.countNetworkError(group.length)));
  }
}

/** Sends txs [from, to) as they fall due: in single mode each alone, in bulk mode samples alone and the rest grouped. */
function sendDue(run: HalfLoadRun, from: number, to: number, sampleEvery: number): void {
  const { o } = run;
  let group: PresignedTx[] = [];
  for (let index = from; index < to; index++) {
    const dueMs = run.startMs + (index * 1000) / o.rateTps;
    // Samples enter the mempools with the bulk txs of their tick and ride in the same blocks, so
    // their submit-to-commit latency stands for every tx's.
    if (o.submit === 'single' || index % sampleEvery === 0) {
      run.sendSample(index, dueMs);
      continue;
    }
    group.push(o.txs[index]!);
    if (group.length === o.bulkSize) {
      run.sendBulk(group);
      group = [];
    }
  }
  if (group.length > 0) run.sendBulk(group);
}

export async function halfLoad(o: HalfLoadOptions): Promise<HalfLoadResult> {
  const run = new HalfLoadRun(o);
  const sampleEvery = o.submit === 'single' ? 1 : (o.sampleEvery ?? defaultSampleEvery(o.rateTps));
  let sent = 0;
  await new Promise<void>((resolveSent) => {
    const tick = (): void => {
      const elapsedMs = performance.now() - run.startMs;
      const due = Math.min(o.txs.length, Math.floor((Math.min(elapsedMs, o.durationMs) * o.rateTps) / 1000));
      sendDue(run, sent, due, sampleEvery);
      sent = Math.max(sent, due);
      if (elapsedMs >= o.durationMs || sent >= o.txs.length) {
        clearInterval(timer);
        resolveSent();
      }
    };
    const timer = setInterval(tick, o.submit === 'single' ? HALF_LOAD_SINGLE_TICK_MS : HALF_LOAD_BULK_TICK_MS);
  });
  const sentMs = performance.now() - run.startMs;
  o.log(`  half load: sent ${sent} in ${(sentMs / 1000).toFixed(1)} s (${run.samplesSent} with ?wait=commit, ${run.requests} requests); `
    + 'waiting for their commits');
  await Promise.all(run.inFlight);
  for (const agent of run.agents) agent.destroy();
  const sorted = run.latenciesMs.sort((a, b) => a - b);
  return {
    submit: o.submit, targetTps: o.rateTps, sentTps: (sent * 1000) / sentMs, sampleEvery, sampleTps: (run.samplesSent * 1000) / sentMs,
    samples: sorted.length, requests: run.requests,
    p50Ms: percentile(sorted, 50), p90Ms: percentile(sorted, 90), p99Ms: percentile(sorted, 99),
    maxMs: sorted.at(-1) ?? Number.NaN, commitTimeouts: run.commitTimeouts, errors: run.errors,
  };
}
