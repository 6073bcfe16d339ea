// Block times against real time (docs/consensus.md, proposer-based timestamps). A block's time is
// its proposer's clock when it built it, and a correct validator prevotes a first proposal only if
//   receive − (MSG_DELAY + PRECISION) ≤ blockTime ≤ receive + PRECISION.
// The runner's poller saw each height first at seenAtMs (the earliest over nodes), on the same
// machine's clock as the nodes. So:
// - upper: the block existed before any later height was seen, so blockTime ≤ seen(h') + PRECISION
//   for the earliest sighting of any h' ≥ h;
// - lower, for blocks decided in round 0: the block was received by the prevoters at most
//   MSG_DELAY + PRECISION after its time and committed soon after, so blockTime ≥ commit(h) − margin.
//   When the poller first saw h bounds commit(h) from above only (a starved poller sees late, no
//   fault of the chain); a bound from below comes from the last poll that
//   saw a node still below h: below(m, h) = the latest first-sighting on node m of a height under h
//   made strictly before m was first seen at h. Every node committed h after its below(m, h), so
//   the first commit came after min over m of below(m, h) (skipped if some node has none: it was
//   first seen at h in a burst, or at its first poll), and
//   blockTime ≥ min below(m, h) − (poll + PRECISION + MSG_DELAY + slack).
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
  const below = lastSeenBelow(input.heights);
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
    const belowAtMs = below.get(height);
    if (belowAtMs !== undefined && h.commit.round === 0) {
      findings.add('pbtsLowerChecked');
      if (h.timeMs < belowAtMs - lowerMarginMs) {
        findings.fail(`${at}: block time ${h.timeMs} is ${belowAtMs - h.timeMs} ms before ${belowAtMs}, when every node was `
          + `still seen below the height (allowed ${lowerMarginMs} ms: poll ${input.pollIntervalMs} + precision + message delay `
          + `+ slack ${PBTS_SLACK_MS})`);
      }
    }
    if (upper !== Infinity) findings.add('pbtsUpperChecked');
  }
}

/**
 * For each height h: the earliest, over nodes, of the last time the node was seen below h before it
 * was first seen at h; absent when some node seen at h has no such time (seen at h in a burst or at
 * its first poll), since then nothing bounds when that node committed.
 */
function lastSeenBelow(heights: readonly HeightSeen[]): Map<number, number> {
  const byNode = new Map<string, HeightSeen[]>();
  for (const seen of heights) {
    const list = byNode.get(seen.node);
    if (list === undefined) byNode.set(seen.node, [seen]);
    else list.push(seen);
  }
  const result = new Map<number, number>();
  const unbounded = new Set<number>();
  for (const sightings of byNode.values()) {
    sightings.sort((a, b) => a.height - b.height);
    let lastDistinctAtMs: number | undefined;
    let previousAtMs: number | undefined;
    for (const { height, seenAtMs } of sightings) {
      // The latest sighting of a lower height made strictly before this one.
      if (previousAtMs !== undefined && previousAtMs < seenAtMs) lastDistinctAtMs = previousAtMs;
      const bound = lastDistinctAtMs !== undefined && lastDistinctAtMs < seenAtMs ? lastDistinctAtMs : undefined;
      if (bound === undefined) unbounded.add(height);
      else result.set(height, Math.min(result.get(height) ?? Infinity, bound));
      previousAtMs = seenAtMs;
    }
  }
  for (const height of unbounded) result.delete(height);
  return result;
}
