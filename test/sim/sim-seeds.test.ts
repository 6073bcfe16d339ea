// The second half of the simulator's seeds in `npm test` (the first half, the replay and the
// coverage checks are in sim.test.ts): a file of its own so that both halves run in parallel.
import { describe, expect, it } from 'vitest';
import { failuresIn, SEEDS_PER_CASE } from './seed-runs.js';

describe('simulator', () => {
  it.each([151, 201, 251])('seeds %i.. hold every invariant', async (firstSeed) => {
    expect(await failuresIn(firstSeed, SEEDS_PER_CASE)).toEqual([]);
  });
});
