// What the phases of bench:batch share: the chain's shape, the timeouts of a submit, the log line,
// number formatting, CPU snapshots and the submission of one pre-signed batch.
import { keepAliveAgent, postJson, problemCode, sleep, type PresignedBatch } from '../bench-lib.js';

export { cpuPercents, cpuSnapshot, type CpuPercents, type CpuSnapshot } from '../bench-lib.js';

/** Signed indexed batches of 1,000, committed by 4 validators (raised from 15,000: the leaner pipeline). */
export const TARGET_INDEXED_RECORDS_PER_SEC = 50_000;
export const TARGET_ROOT_ONLY_ITEMS_PER_SEC = 100_000;
export const TARGET_DISK_BYTES_PER_ITEM = 100;

export const VALIDATORS = 4;
export const ITEMS_PER_BATCH = 1_000;
/** The dev node's API on the base port + this (see --base-port). */
export const DEV_PORT_OFFSET = 50;
export const CATEGORY = 'copyright';
export const TX_LIFETIME_MS = 60 * 60 * 1000;

// Phase 1.
export const WARMUP_FRACTION = 0.2;
export { STATUS_POLL_MS } from '../bench-chain.js';
export const PROGRESS_EVERY_MS = 2_000;
const MEMPOOL_FULL_BACKOFF_MS = 50;
export const SUBMIT_TIMEOUT_MS = 60_000;
export const COMMIT_WAIT_MS = 60_000;

// Phase 2.
export const ROOT_ONLY_SAMPLE = 100;

export const log = (message: string): void => {
  process.stderr.write(`bench:batch: ${message}\n`);
};

export const fixed = (value: number, digits = 0): string => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
export const seconds = (ms: number): string => `${fixed(ms / 1000, 2)} s`;
export const passText = (pass: boolean): string => (pass ? 'PASS' : 'FAIL');
export const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
export const mean = (values: readonly number[]): number => (values.length === 0 ? Number.NaN : sum(values) / values.length);


/** Submits one tx, retrying on MEMPOOL_FULL and once on a closed keep-alive socket. */
export async function submitBatch(agent: ReturnType<typeof keepAliveAgent>, url: URL, path: string, tx: PresignedBatch, timeoutMs: number,
  counters: { mempoolFull: number }): Promise<{ ok: boolean; code: string; body: string }> {
  let retried = false;
  for (;;) {
    let answer;
    try {
      answer = await postJson(agent, url, path, tx.jsonBody, timeoutMs);
    } catch (error) {
      if (retried) throw error;
      retried = true;
      continue;
    }
    if (answer.status === 202 || answer.status === 200) return { ok: true, code: 'OK', body: answer.body };
    const code = problemCode(answer);
    if (code === 'MEMPOOL_FULL') {
      counters.mempoolFull++;
      await sleep(MEMPOOL_FULL_BACKOFF_MS);
      continue;
    }
    // A duplicate after a resend means the first send got in.
    if (code === 'TX_DUPLICATE' && retried) return { ok: true, code: 'OK', body: answer.body };
    return { ok: false, code, body: answer.body };
  }
}
