// Block times against real time (docs/consensus.md, proposer-based timestamps). A block's time is
// its proposer's clock when it built it, and a correct validator prevotes a first proposal only if
//   receive − (MSG_DELAY + PRECISION) ≤ blockTime ≤ receive + PRECISION.
// The runner's poller saw each height first at seenAtMs (the earliest over nodes), on the same
// machine's clock as the nodes. So:
// - upper: the block existed before any later height was seen, so blockTime ≤ seen(h') + PRECISION
//   for the earliest sighting of any h' ≥ h;
// - lower, for blocks decided in round 0 and seen while the poller was watching: the block was
//   received by the prevoters at most MSG_DELAY + PRECISION after its time, committed soon after,
//   and seen within one poll interval, so blockTime ≥ seen(h) − (poll + PRECISION + MSG_DELAY + slack).
//   "While watching" means h − 1 was first seen strictly before h: the poller logs every height up
//   to a node's tip at once, so heights that were already there at its first poll (the chain's
//   start) or that a node reached in a burst share one seenAtMs, and say nothing about when they
//   committed.
//   The slack covers round 0's prevote and precommit timeouts (1 s each by default) and a loaded
//   machine's processing. A block decided in a later round may be a re-proposal that keeps its
//   first time (line 28 of the paper): it is legitimately older, so it gets no lower bound.
import type { ChainParams } from '../../../src/state/genesis.js';
import type { Findings } from './findings.js';
import type { HeaderView } from './live-chain.js';
import type { HeightSeen } from './run-files.js';

/** What the lower bound allows beyond poll interval, precision and message delay. */
export const PBTS_SLACK_MS = 5_000;
/**
 * How late a height may be seen after it committed: the runner polls every node's status every
 * 250 ms (scripts/chaos/observe.ts), and an answer may take up to its 1.5 s timeout.
 */
export const POLL_INTERVAL_MS_DEFAULT = 2_000;

export interface TimeCheckInput {
  readonly nodeName: string;
  readonly headers: readonly (HeaderView | undefined)[];
  readonly heights: readonly HeightSeen[];
  readonly params: Pick<ChainParams, 'pbtsPrecisionMs' | 'pbtsMessageDelayMs'>;
  readonly genesisTimeMs: number;
  readonly pollIntervalMs: number;
}

export function checkBlockTimes(input: TimeCheckInput, findings: Findings): void {
  const { headers, params } = input;
  const earliest = new Map<number, number>();
  for (const seen of input.heights) earliest.set(seen.height, Math.min(earliest.get(seen.height) ?? Infinity, seen.seenAtMs));
  // The earliest sighting of h or any height above it, for h = 1..headers.length.
  const laterSeen = new Array<number>(headers.length + 2).fill(Infinity);
  let top = headers.length;
  for (const height of earliest.keys()) top = Math.max(top, height);
  let running = Infinity;
  for (let height = top; height >= 1; height--) {
    running = Math.min(running, earliest.get(height) ?? Infinity);
    if (height <= headers.length) laterSeen[height] = running;
  }
  const lowerMarginMs = input.pollIntervalMs + params.pbtsPrecisionMs + params.pbtsMessageDelayMs + PBTS_SLACK_MS;
  let prevTimeMs = input.genesisTimeMs;
  for (let height = 1; height <= headers.length; height++) {
    const h = headers[height - 1];
    if (h === undefined) continue;
    const at = `${input.nodeName} height ${height} (block ${h.hash})`;
    if (h.timeMs <= prevTimeMs) findings.fail(`${at}: block time ${h.timeMs} is not after the previous time ${prevTimeMs}`);
    prevTimeMs = h.timeMs;
    const upper = laterSeen[height]!;
    if (upper !== Infinity && h.timeMs > upper + params.pbtsPrecisionMs) {
      findings.fail(`${at}: block time ${h.timeMs} is ${h.timeMs - upper} ms after the height was seen (precision ${params.pbtsPrecisionMs} ms)`);
    }
    const seen = earliest.get(height);
    const watched = seen !== undefined && (earliest.get(height - 1) ?? Infinity) < seen;
    if (seen !== undefined && watched && h.commit.round === 0) {
      findings.add('pbtsLowerChecked');
      if (h.timeMs < seen - lowerMarginMs) {
        findings.fail(`${at}: block time ${h.timeMs} is ${seen - h.timeMs} ms before the height was first seen at ${seen} `
          + `(allowed ${lowerMarginMs} ms: poll ${input.pollIntervalMs} + precision + message delay + slack ${PBTS_SLACK_MS})`);
      }
    }
    if (upper !== Infinity) findings.add('pbtsUpperChecked');
  }
}
