// What both ingest phases share: the committed rate over the steady part of a load (bench:net's
// definition: the blocks timed within the load without its first 20 %, at least 3 s), the
// pre-signed anchor txs, and the log line.
import type { KeyPair } from '../../src/crypto/index.js';
import { presignAnchorTxs, round, type PresignedTx } from '../bench-lib.js';

export const CATEGORY = 'copyright';
const TX_LIFETIME_MS = 60 * 60 * 1000;
export const WARMUP_FRACTION = 0.2;
const STEADY_MS_MIN = 3_000;
/** Pre-signed txs per second of maximum load: above what one node on 2 cores commits, so the load does not run out. */
export const PRESIGN_PER_SEC = 8_000;

export const log = (message: string): void => {
  process.stderr.write(`bench:ingest: ${message}\n`);
};

export interface BlockTiming {
  readonly height: number;
  readonly timeMs: number;
  readonly txCount: number;
}

export interface CommittedRate {
  readonly committedTps: number;
  readonly windowMs: number;
  readonly windowBlocks: number;
  readonly meanTxsPerBlock: number;
  readonly meanBlockIntervalMs: number;
}

/** Committed anchors/s of the blocks timed within (loadStart + 20 %, loadEnd]. */
export function steadyRate(blocks: readonly BlockTiming[], loadStartMs: number, loadEndMs: number): CommittedRate {
  const fromMs = Math.min(loadEndMs - STEADY_MS_MIN, loadStartMs + WARMUP_FRACTION * (loadEndMs - loadStartMs));
  const inWindow = blocks.filter((b) => b.timeMs > fromMs && b.timeMs <= loadEndMs);
  const txs = inWindow.reduce((sum, b) => sum + b.txCount, 0);
  const windowMs = loadEndMs - fromMs;
  const span = inWindow.length < 2 ? Number.NaN : (inWindow.at(-1)!.timeMs - inWindow[0]!.timeMs) / (inWindow.length - 1);
  return { committedTps: round((txs * 1000) / windowMs), windowMs: Math.round(windowMs), windowBlocks: inWindow.length,
    meanTxsPerBlock: inWindow.length === 0 ? 0 : round(txs / inWindow.length, 1), meanBlockIntervalMs: round(span) };
}

/** Anchor txs of the dev chain's submitter, nonces from firstNonce on (distinct across the calls of one run). */
export function presign(chainId: string, keyPair: KeyPair, count: number, firstNonce: number): PresignedTx[] {
  const startMs = performance.now();
  const txs = presignAnchorTxs({ chainId, keyPair, count, category: CATEGORY, firstNonce, expiresAtMs: Date.now() + TX_LIFETIME_MS });
  log(`  pre-signed ${count} txs in ${((performance.now() - startMs) / 1000).toFixed(1)} s`);
  return txs;
}
