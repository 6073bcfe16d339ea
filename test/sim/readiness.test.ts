// Readiness (GET /readyz) of the production node, driven by the simulator: a validator cut off by a
// partition, or down while the others commit, must answer not ready (QUORUM_UNREACHABLE, then
// NODE_SYNCING while it fetches the blocks it missed) and ready again once it has caught up; the
// nodes that kept a quorum stay ready throughout. The route's mapping to HTTP is test/api/readyz.test.ts.
import { describe, expect, it } from 'vitest';
import type { ReadinessView } from '../../src/api/components.js';
import { optionsFromSeed, type SimOptions } from './options.js';
import { Simulation } from './simulator.js';

/** A fault-free 4-validator chain of equal power, with one fault of the test's choosing before the heal. */
function options(seed: number, faults: Pick<SimOptions, 'partitions' | 'crashes'>): SimOptions {
  const base = optionsFromSeed(seed);
  return {
    ...base, nodeCount: 4, spareCount: 0, powers: [10, 10, 10, 10], byzantineNodes: [], setChanges: [],
    bootAtMs: [0, 0, 0, 0], clockSkewMs: [0, 0, 0, 0], healAtMs: 9_000, dropPerMille: 0, duplicatePerMille: 0,
    delayMinMs: 5, delayMaxMs: 30, faultDelayMaxMs: 30, crashMidStepPerMille: 0, anchorIntervalMs: 100,
    heartbeatIntervalMs: 300, blockDelayMs: 20, cases: [], ...faults,
  };
}

interface Observed {
  /** Per node: each change of answer (a code or 'ready') with the simulated time it began. */
  readonly answers: { atMs: number; answer: string; height: number }[][];
}

async function run(opts: SimOptions): Promise<Observed> {
  const sim = new Simulation(opts);
  const answers: Observed['answers'] = [[], [], [], []];
  sim.watchReadiness = (node: number, readiness: ReadinessView) => {
    const answer = readiness.ready ? 'ready' : readiness.code;
    const seen = answers[node]!;
    if (seen.at(-1)?.answer !== answer) seen.push({ atMs: sim.nowMs(), answer, height: readiness.height });
  };
  await sim.run();
  return { answers };
}

const sequence = (observed: Observed, node: number): string[] => observed.answers[node]!.map((a) => a.answer);

describe('readiness of the real node under faults (simulator)', () => {
  it('a validator partitioned alone: QUORUM_UNREACHABLE while cut off, NODE_SYNCING after, then ready; the others stay ready', async () => {
    const cutOff = { startMs: 2_000, endMs: 6_000, sideOfNode: [0, 0, 0, 1], oneWay: false };
    const observed = await run(options(11, { partitions: [cutOff], crashes: [] }));
    const answers = observed.answers[3]!;
    const cut = answers.find((a) => a.answer === 'QUORUM_UNREACHABLE');
    expect(cut, JSON.stringify(answers)).toBeDefined();
    expect(cut!.atMs).toBeGreaterThanOrEqual(cutOff.startMs);
    expect(cut!.atMs).toBeLessThan(cutOff.endMs);
    const syncing = answers.find((a) => a.answer === 'NODE_SYNCING' && a.atMs >= cutOff.endMs);
    expect(syncing, JSON.stringify(answers)).toBeDefined();
    const last = answers.at(-1)!;
    expect(last.answer).toBe('ready');
    expect(last.atMs).toBeGreaterThan(syncing!.atMs);
    for (const node of [0, 1, 2]) {
      // Ready from the first block on: never cut off, never behind.
      expect(sequence(observed, node).slice(-1), `node ${node}: ${JSON.stringify(observed.answers[node])}`).toEqual(['ready']);
      expect(observed.answers[node]!.filter((a) => a.atMs >= 1_000).map((a) => a.answer)).not.toContain('QUORUM_UNREACHABLE');
    }
  });

  it('a validator down while the others commit is NODE_SYNCING after its restart, and ready once at their height', async () => {
    const observed = await run(options(12, { partitions: [], crashes: [{ node: 2, crashAtMs: 1_500, restartAtMs: 5_000 }] }));
    const after = observed.answers[2]!.filter((a) => a.atMs >= 5_000);
    const syncing = after.find((a) => a.answer === 'NODE_SYNCING');
    expect(syncing, JSON.stringify(after)).toBeDefined();
    expect(after.at(-1)!.answer).toBe('ready');
    // It was behind by more than a block when it said so, and ready only at a later height.
    expect(after.at(-1)!.height).toBeGreaterThan(syncing!.height + 1);
  });

  it('with two of four validators cut off, nobody hears a quorum, and all are ready after the heal', async () => {
    const split = { startMs: 2_000, endMs: 5_000, sideOfNode: [0, 0, 1, 1], oneWay: false };
    const observed = await run(options(13, { partitions: [split], crashes: [] }));
    for (const node of [0, 1, 2, 3]) {
      const during = observed.answers[node]!.filter((a) => a.atMs >= split.startMs && a.atMs < split.endMs).map((a) => a.answer);
      expect(during, `node ${node}`).toContain('QUORUM_UNREACHABLE');
      expect(sequence(observed, node).at(-1), `node ${node}`).toBe('ready');
    }
  });
});
