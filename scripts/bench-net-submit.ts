// The submitters of bench:net's maximum-load phase (scripts/bench-net.ts): each loops over one
// keep-alive connection to one validator, taking pre-signed txs from a shared cursor until the load
// ends or the txs run out.
//   single: one POST /v1/txs per tx ({"tx": base64}), as a platform without bulk submission sends;
//   bulk:   POST /v1/txs/bulk with up to K txs as a protobuf TxBatch, as TianpingClient.submitMany.
// Both retry MEMPOOL_FULL after a pause and count every other refusal by code.
import type { Agent } from 'node:http';
import { encodeTxBatch } from '../src/codec/index.js';
import { postBytes, postJson, problemCode, sleep, type HttpAnswer, type PresignedTx } from './bench-lib.js';

export const SUBMIT_MODES = ['single', 'bulk'] as const;
export type SubmitMode = (typeof SUBMIT_MODES)[number];

const MEMPOOL_FULL_BACKOFF_MS = 20;
export const SUBMIT_TIMEOUT_MS = 30_000;
const PROTOBUF_MEDIA_TYPE = 'application/x-protobuf';

/** Shared by every submitter of one run. */
export interface SubmitCounters {
  /** Index of the next tx to hand out: txs handed out so far. */
  next: number;
  accepted: number;
  /** MEMPOOL_FULL answers: per request in single mode, per tx in bulk mode. */
  mempoolFullAnswers: number;
  backlogPauses: number;
  requests: number;
  readonly refused: Record<string, number>;
}

export function newSubmitCounters(): SubmitCounters {
  return { next: 0, accepted: 0, mempoolFullAnswers: 0, backlogPauses: 0, requests: 0, refused: {} };
}

export interface SubmitterContext {
  readonly txs: readonly PresignedTx[];
  readonly agent: Agent;
  readonly url: URL;
  readonly endMs: number;
  readonly counters: SubmitCounters;
  /** True while the validators hold too much: the submitter pauses for pauseMs. */
  readonly backlogged: () => boolean;
  readonly pauseMs: number;
  /** Txs per request in bulk mode. */
  readonly bulkSize: number;
}

/** Posts once more after a network error (a keep-alive socket closed under us); the second error throws. */
async function postWithRetry(send: () => Promise<HttpAnswer>, retried: { value: boolean }): Promise<HttpAnswer> {
  for (;;) {
    try {
      return await send();
    } catch (error) {
      if (retried.value) throw error;
      retried.value = true;
    }
  }
}

const countRefusal = (counters: SubmitCounters, code: string, txs = 1): void => {
  counters.refused[code] = (counters.refused[code] ?? 0) + txs;
};

/** Waits while backlogged; false once the load is over. */
async function mayGo(ctx: SubmitterContext): Promise<boolean> {
  while (Date.now() < ctx.endMs && ctx.counters.next < ctx.txs.length) {
    if (!ctx.backlogged()) return true;
    ctx.counters.backlogPauses++;
    await sleep(ctx.pauseMs);
  }
  return false;
}

export async function submitSingle(ctx: SubmitterContext): Promise<void> {
  const { counters } = ctx;
  while (await mayGo(ctx)) {
    const tx = ctx.txs[counters.next++]!;
    const retried = { value: false };
    for (;;) {
      counters.requests++;
      const answer = await postWithRetry(() => postJson(ctx.agent, ctx.url, '/v1/txs', tx.jsonBody, SUBMIT_TIMEOUT_MS), retried);
      if (answer.status === 202) {
        counters.accepted++;
        break;
      }
      const code = problemCode(answer);
      if (code === 'MEMPOOL_FULL') {
        counters.mempoolFullAnswers++;
        await sleep(MEMPOOL_FULL_BACKOFF_MS);
        continue;
      }
      // A duplicate after a resend means the first send got in.
      if (code === 'TX_DUPLICATE' && retried.value) counters.accepted++;
      else countRefusal(counters, code);
      break;
    }
  }
}

interface BulkAnswer {
  readonly results: readonly { readonly index: number; readonly status: 'pending' | 'refused'; readonly error?: { readonly code: string } }[];
}

export async function submitBulk(ctx: SubmitterContext): Promise<void> {
  const { counters } = ctx;
  while (await mayGo(ctx)) {
    const start = counters.next;
    counters.next = Math.min(ctx.txs.length, start + ctx.bulkSize);
    let group = ctx.txs.slice(start, counters.next);
    const retried = { value: false };
    while (group.length > 0) {
      counters.requests++;
      const body = encodeTxBatch(group.map((tx) => tx.bytes));
      const answer = await postWithRetry(() => postBytes(ctx.agent, ctx.url, '/v1/txs/bulk', body, PROTOBUF_MEDIA_TYPE, SUBMIT_TIMEOUT_MS),
        retried);
      if (answer.status !== 200) {
        countRefusal(counters, problemCode(answer), group.length);
        break;
      }
      const again: PresignedTx[] = [];
      for (const result of (JSON.parse(answer.body) as BulkAnswer).results) {
        const code = result.error?.code;
        if (result.status === 'pending' || (code === 'TX_DUPLICATE' && retried.value)) {
          counters.accepted++;
        } else if (code === 'MEMPOOL_FULL') {
          counters.mempoolFullAnswers++;
          again.push(group[result.index]!);
        } else {
          countRefusal(counters, code ?? 'UNKNOWN');
        }
      }
      group = again;
      if (group.length > 0) await sleep(MEMPOOL_FULL_BACKOFF_MS);
    }
  }
}
