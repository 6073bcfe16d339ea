// The deterministic simulator inside `npm test`: many seeds of production nodes, every one checked
// for agreement (blocks, stored bytes, state), no double signing by honest validators, evidence of
// received equivocation, liveness after the faults heal, answered commits that survive crashes, and,
// with validator-set changes through governance (about half the seeds), certificates checked
// against the set of their height and one set per height on every node; with judgment contracts
// (about seven seeds in ten), the same case state, events and amounts owed on every node at every
// height, and a default for every missed instalment. A failure names its seed:
// reproduce with `npm run sim -- --seed S`.
// Seeds 121-240 run in sim-seeds.test.ts, so that the two halves run in parallel.
import { describe, expect, it } from 'vitest';
import { failuresIn, resultsOf, SAMPLE_RUN, SEEDS_PER_CASE } from './seed-runs.js';
import { runSimulation } from './simulator.js';

// Forty seeds a case take about half a minute on an idle core, and several times that on a busy
// machine: the suite's 60 s default would fail a case for the machine's load, not for a seed.
describe('simulator', { timeout: 900_000 }, () => {
  it.each([1, 41, 81])('seeds %i.. hold every invariant', async (firstSeed) => {
    expect(await failuresIn(firstSeed, SEEDS_PER_CASE)).toEqual([]);
  });

  it('one seed replays exactly the same run (7 and 4242 change the set, 90001 does not)', async () => {
    for (const seed of [7, 4242, 90_001]) {
      const first = await runSimulation(seed);
      expect(await runSimulation(seed)).toEqual(first);
      expect(first.commits).toBeGreaterThan(0);
    }
  });

  // What seeds 1-60 inject is a property of the seed plan, the same on every Node.js line: it is
  // checked where the full set runs (.ci/run's first line), not again on a line that runs a sample
  // to check the runtime, where it alone would run 40 more seeds.
  it.skipIf(SAMPLE_RUN)('the seeds cover the faults they claim to (a simulator that injects nothing proves nothing)', async () => {
    const results = await resultsOf(1, 60);
    expect(new Set(results.map((result) => result.nodeCount))).toEqual(new Set([4, 5, 6, 7]));
    expect(results.some((result) => result.byzantineCount > 0 && result.equivocations > 0)).toBe(true);
    expect(results.some((result) => result.evidenceRecorded > 0)).toBe(true);
    expect(results.some((result) => result.crashes > 0)).toBe(true);
    expect(results.some((result) => result.messagesDropped > 0)).toBe(true);
    expect(results.some((result) => result.maxRound > 0)).toBe(true);
    expect(results.every((result) => result.maxHeight > 0)).toBe(true);
    // Set changes: about half the seeds, several sets in force, spares that join and vote, restarts
    // with a changed set in the ledger, and Byzantine ghost votes and forged catch-up certificates.
    const changing = results.filter((result) => result.setChangesPlanned > 0);
    expect(changing.length).toBeGreaterThan(15);
    expect(changing.length).toBeLessThan(45);
    expect(changing.every((result) => result.setChangesCommitted === result.setChangesPlanned)).toBe(true);
    expect(changing.filter((result) => result.setsInForce > 2).length).toBeGreaterThan(10);
    expect(results.some((result) => result.sparesThatVoted > 0)).toBe(true);
    expect(results.some((result) => result.restartsAfterChange > 0)).toBe(true);
    expect(results.some((result) => result.ghostVotes > 0)).toBe(true);
    expect(results.some((result) => result.forgedCommits > 0)).toBe(true);
    expect(results.every((result) => result.certificatesChecked === result.commits)).toBe(true);
    // Judgment contracts: created under the faults, in default, filed (by the creditor or by the
    // contract), suspended and resumed, with case states compared across nodes at many heights.
    const withCases = results.filter((result) => result.casesPlanned > 0);
    expect(withCases.length).toBeGreaterThan(30);
    expect(withCases.every((result) => result.casesCreated === result.casesPlanned && result.caseStatesCompared > 0)).toBe(true);
    expect(withCases.filter((result) => result.caseDefaults > 0).length).toBeGreaterThan(20);
    expect(withCases.filter((result) => result.caseFilings > 0).length).toBeGreaterThan(10);
    expect(withCases.filter((result) => result.caseSuspensions > 0).length).toBeGreaterThan(10);
    expect(withCases.every((result) => result.caseEventsChecked > 0)).toBe(true);
  });
});
