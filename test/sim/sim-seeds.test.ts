// The second half of the simulator's seeds in `npm test` (the first half, the replay and the
// coverage checks are in sim.test.ts): a file of its own so that both halves run in parallel.
import { describe, expect, it } from 'vitest';
import { failuresIn, SEEDS_PER_CASE } from './seed-runs.js';

// Forty seeds a case take about half a minute on an idle core, and several times that on a busy
// machine: the suite's 60 s default would fail a case for the machine's load, not for a seed.
describe('simulator', { timeout: 900_000 }, () => {
  it.each([121, 161, 201])('seeds %i.. hold every invariant', async (firstSeed) => {
    expect(await failuresIn(firstSeed, SEEDS_PER_CASE)).toEqual([]);
  });
});
