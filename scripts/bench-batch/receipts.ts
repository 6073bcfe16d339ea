// Phases 3 and 4: receipts/s served by GET /v1/evidence/:digest/receipt for items of indexed
// batches, then offline verification time per receipt (verifyReceipt, noble signatures).
import { randomInt } from 'node:crypto';
import { receiptFromJson } from '../../src/client/receipt-json.js';
import type { Receipt } from '../../src/client/receipt.js';
import { verifyReceipt } from '../../src/client/receipt-verify.js';
import type { Genesis } from '../../src/state/genesis.js';
import { toHex } from '../../src/types/index.js';
import { getText, keepAliveAgent, percentile, problemCode, type PresignedBatch } from '../bench-lib.js';
import type { TestnetNodeHandle } from '../testnet-lib.js';
import type { Args } from './args.js';
import { cpuPercents, cpuSnapshot, fixed, ITEMS_PER_BATCH, log, mean, type CpuPercents, type CpuSnapshot } from './common.js';

// Phase 3.
const RECEIPT_ITEMS_SAMPLED = 2_000;
const RECEIPT_WARMUP_MS = 1_000;
const RECEIPT_TIMEOUT_MS = 30_000;

// --- phase 3: receipts served ------------------------------------------------------------------

export interface ServedReceipt {
  readonly digest: Uint8Array;
  readonly json: string;
}

export interface ReceiptsResult {
  readonly clients: number;
  readonly windowMs: number;
  readonly served: number;
  readonly servedPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: Readonly<Record<string, number>>;
  readonly meanBytes: number;
  readonly cpu: CpuPercents;
  readonly collected: readonly ServedReceipt[];
}

async function serveReceipts(args: Args, handles: readonly TestnetNodeHandle[], items: readonly Uint8Array[], keep: number):
  Promise<ReceiptsResult> {
  const urls = handles.map((h) => new URL(h.node.apiUrl));
  const perNode = Math.ceil(args.clients / urls.length);
  const agents = urls.map(() => keepAliveAgent(perNode));
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  const collected: ServedReceipt[] = [];
  let served = 0;
  let bytes = 0;
  let cursor = 0;
  const startMs = performance.now();
  const windowStartMs = startMs + RECEIPT_WARMUP_MS;
  const endMs = windowStartMs + args.receiptSeconds * 1000;
  let cpuFrom: CpuSnapshot | undefined;
  const cpuTimer = setTimeout(() => (cpuFrom = cpuSnapshot(handles)), RECEIPT_WARMUP_MS);
  const client = async (index: number): Promise<void> => {
    const validator = index % urls.length;
    while (performance.now() < endMs) {
      const digest = items[cursor++ % items.length]!;
      const sentMs = performance.now();
      let answer;
      try {
        answer = await getText(agents[validator]!, urls[validator]!, `/v1/evidence/${toHex(digest)}/receipt`, RECEIPT_TIMEOUT_MS);
      } catch (error) {
        const code = (error as Error).message;
        errors[code] = (errors[code] ?? 0) + 1;
        continue;
      }
      const doneMs = performance.now();
      if (answer.status !== 200) {
        const code = problemCode(answer);
        errors[code] = (errors[code] ?? 0) + 1;
        continue;
      }
      if (collected.length < keep) collected.push({ digest, json: answer.body });
      if (sentMs >= windowStartMs && doneMs <= endMs) {
        served++;
        bytes += answer.body.length;
        latencies.push(doneMs - sentMs);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: args.clients }, (_, i) => client(i)));
  } finally {
    clearTimeout(cpuTimer);
    for (const agent of agents) agent.destroy();
  }
  const cpu = cpuPercents(cpuFrom ?? cpuSnapshot(handles), cpuSnapshot(handles));
  const windowMs = endMs - windowStartMs;
  latencies.sort((a, b) => a - b);
  return { clients: args.clients, windowMs, served, servedPerSec: (served * 1000) / windowMs, p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99), errors, meanBytes: served === 0 ? Number.NaN : bytes / served, cpu, collected };
}

/** Random (batch, item) digests of committed batches, for the receipt clients. */
function sampleItems(txs: readonly PresignedBatch[], count: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < count && txs.length > 0; i++) {
    const tx = txs[randomInt(txs.length)]!;
    const item = randomInt(ITEMS_PER_BATCH);
    out.push(tx.digests.subarray(32 * item, 32 * (item + 1)));
  }
  return out;
}

export async function receiptsPhase(args: Args, handles: readonly TestnetNodeHandle[], committed: readonly PresignedBatch[]):
  Promise<ReceiptsResult> {
  log(`phase 3: receipts served for ${args.receiptSeconds} s, ${args.clients} clients`);
  const receipts = await serveReceipts(args, handles, sampleItems(committed, RECEIPT_ITEMS_SAMPLED), args.verifyCount);
  log(`  ${fixed(receipts.servedPerSec, 1)} receipts/s, p50 ${fixed(receipts.p50Ms)} ms, p99 ${fixed(receipts.p99Ms)} ms`);
  return receipts;
}

/** Phase 4 over the receipts served, topped up from node0 when phase 3 kept fewer than args.verifyCount. */
export async function verifyPhase(args: Args, handles: readonly TestnetNodeHandle[], committed: readonly PresignedBatch[],
  served: ServedReceipt[], genesis: Genesis): Promise<{ asServed: VerifyResult; withoutPath: VerifyResult }> {
  if (served.length < args.verifyCount) {
    const agent = keepAliveAgent(1);
    const url = new URL(handles[0]!.node.apiUrl);
    for (const digest of sampleItems(committed, args.verifyCount - served.length)) {
      const answer = await getText(agent, url, `/v1/evidence/${toHex(digest)}/receipt`, RECEIPT_TIMEOUT_MS);
      if (answer.status === 200) served.push({ digest, json: answer.body });
    }
    agent.destroy();
  }
  log(`phase 4: verifyReceipt over ${served.length} receipts of indexed batches`);
  const times = verifyTimes(served, genesis);
  const verify = times.asServed;
  log(`  p50 ${fixed(verify.p50Ms, 2)} ms, mean ${fixed(verify.meanMs, 2)} ms per receipt; ${verify.valid} valid`);
  return times;
}

// --- phase 4: offline verification -------------------------------------------------------------

export interface VerifyResult {
  readonly receipts: number;
  readonly valid: number;
  readonly p50Ms: number;
  readonly meanMs: number;
  readonly p99Ms: number;
}

function verifyTimes(receipts: readonly ServedReceipt[], genesis: Genesis): { asServed: VerifyResult; withoutPath: VerifyResult } {
  const parsed = receipts.map((r) => ({ digest: r.digest, receipt: receiptFromJson(JSON.parse(r.json)) }));
  // One run first, not counted: noble builds its precomputed tables on the first signature.
  if (parsed[0] !== undefined) verifyReceipt(parsed[0].receipt, { fileDigest: parsed[0].digest }, genesis);
  const timed = (variant: (receipt: Receipt) => Receipt, what: string): VerifyResult => {
    const times: number[] = [];
    let valid = 0;
    for (const { digest, receipt } of parsed) {
      const input = variant(receipt);
      const t = performance.now();
      const verdict = verifyReceipt(input, { fileDigest: digest }, genesis);
      times.push(performance.now() - t);
      if (verdict.valid) valid++;
      else log(`  receipt of ${toHex(digest)} (${what}) invalid: ${verdict.failed}: ${verdict.reason}`);
    }
    return summarizeTimes(times, valid);
  };
  return {
    asServed: timed((receipt) => receipt, 'as served'),
    // For an indexed batch the path may be empty (docs/receipt-format.md, check 6): the verifier
    // then finds the digest in the tx at item_index and builds no batch tree. What that would save.
    withoutPath: timed((receipt) => (receipt.batch === undefined ? receipt : { ...receipt, batch: { ...receipt.batch, path: [] } }),
      'without its batch path'),
  };
}

export function summarizeTimes(times: readonly number[], valid: number): VerifyResult {
  const sorted = [...times].sort((a, b) => a - b);
  return { receipts: times.length, valid, p50Ms: percentile(sorted, 50), meanMs: mean(sorted), p99Ms: percentile(sorted, 99) };
}
