// Timing GET /v1/evidence/:digest for present and absent digests, one lookup at a time (a latency,
// not a throughput): in this process through the node's read path (NodeCore.evidence, what the
// route calls), and over HTTP against the node process on one keep-alive connection. Present and
// absent digests are interleaved in a random order, so neither runs on caches the other warmed.
import { randomBytes, randomInt } from 'node:crypto';
import type { NodeCore } from '../../src/node/index.js';
import { toHex } from '../../src/types/index.js';
import { getText, keepAliveAgent, percentile, round } from '../bench-lib.js';

const HTTP_TIMEOUT_MS = 10_000;

export interface LatencyFigures {
  readonly count: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly meanMs: number;
}

export interface LookupFigures {
  readonly present: LatencyFigures;
  readonly absent: LatencyFigures;
}

interface Probe {
  readonly digest: Uint8Array;
  readonly present: boolean;
}

/**
 * `count` present digests drawn from the samples (with replacement) and `count` random ones
 * (absent but for a 2^-256 chance), shuffled together; the first `warmup` of them are not counted.
 */
export function probes(samples: readonly Uint8Array[], count: number): Probe[] {
  if (samples.length === 0) throw new Error('no present digest to look up');
  const out: Probe[] = [];
  for (let i = 0; i < count; i++) {
    out.push({ digest: samples[randomInt(samples.length)]!, present: true });
    out.push({ digest: randomBytes(32), present: false });
  }
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function figures(times: number[]): LatencyFigures {
  const sorted = times.sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return { count: sorted.length, p50Ms: round(percentile(sorted, 50), 3), p90Ms: round(percentile(sorted, 90), 3),
    p99Ms: round(percentile(sorted, 99), 3), maxMs: round(sorted.at(-1) ?? Number.NaN, 3), meanMs: round(sum / sorted.length, 3) };
}

async function timeAll(list: readonly Probe[], warmup: number, lookup: (probe: Probe) => Promise<void>): Promise<LookupFigures> {
  const present: number[] = [];
  const absent: number[] = [];
  for (const [i, probe] of list.entries()) {
    const startMs = performance.now();
    await lookup(probe);
    const ms = performance.now() - startMs;
    if (i >= warmup) (probe.present ? present : absent).push(ms);
  }
  return { present: figures(present), absent: figures(absent) };
}

/** Through the node's read path in this process; a present digest must come back, an absent one must not. */
export function lookupInProcess(core: NodeCore, list: readonly Probe[], warmup: number): Promise<LookupFigures> {
  return timeAll(list, warmup, async (probe) => {
    const { total } = await core.evidence(probe.digest, 'sha256', { offset: 0, limit: 100 });
    if ((total > 0) !== probe.present) throw new Error(`in-process lookup of ${toHex(probe.digest)}: total ${total}`);
  });
}

/** GET /v1/evidence/:digest over one keep-alive connection: 200 for a present digest, 404 for an absent one. */
export async function lookupHttp(apiUrl: string, list: readonly Probe[], warmup: number): Promise<LookupFigures> {
  const agent = keepAliveAgent(1);
  const url = new URL(apiUrl);
  try {
    return await timeAll(list, warmup, async (probe) => {
      const answer = await getText(agent, url, `/v1/evidence/${toHex(probe.digest)}`, HTTP_TIMEOUT_MS);
      if (answer.status !== (probe.present ? 200 : 404)) {
        throw new Error(`GET /v1/evidence/${toHex(probe.digest)}: ${answer.status} ${answer.body.slice(0, 200)}`);
      }
    });
  } finally {
    agent.destroy();
  }
}
