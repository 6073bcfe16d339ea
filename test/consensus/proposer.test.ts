// Weighted round-robin proposer (CometBFT proposer priority, integers only) and the thresholds.
import { describe, expect, it } from 'vitest';
import {
  createValidatorSet,
  isOneThirdPlus,
  isQuorum,
  nextHeightValidatorSet,
  proposerIndex,
  TOTAL_POWER_MAX,
  type ValidatorSet,
} from '../../src/consensus/tendermint/index.js';

const setOf = (powers: readonly number[]): ValidatorSet =>
  createValidatorSet(powers.map((power, i) => ({ publicKey: Uint8Array.of(i + 1), power })));

function countsOverHeights(powers: readonly number[], heights: number): number[] {
  let set = setOf(powers);
  const counts = powers.map(() => 0);
  for (let h = 0; h < heights; h++) {
    counts[proposerIndex(set, 0)]! += 1;
    set = nextHeightValidatorSet(set);
  }
  return counts;
}

describe('proposer selection', () => {
  it('equal powers take turns in public-key order', () => {
    const set = setOf([1, 1, 1, 1]);
    expect([0, 1, 2, 3, 4, 5].map((round) => proposerIndex(set, round))).toEqual([0, 1, 2, 3, 0, 1]);
  });

  it('over any multiple of the total power, each validator proposes exactly in proportion to its power', () => {
    expect(countsOverHeights([1, 2, 3, 4], 30)).toEqual([3, 6, 9, 12]);
    expect(countsOverHeights([10, 3, 1, 7, 2], 46)).toEqual([20, 6, 2, 14, 4]);
    const set = setOf([5, 1, 1]);
    const byRound = [0, 0, 0];
    for (let round = 0; round < 21; round++) byRound[proposerIndex(set, round)]! += 1;
    expect(byRound).toEqual([15, 3, 3]);
  });

  it('a heavy validator does not starve the light ones', () => {
    const counts = countsOverHeights([1, 100], 101);
    expect(counts).toEqual([1, 100]);
  });

  it('round r+1 of a height is round r of the next height when the set does not change', () => {
    const set = setOf([3, 1, 4, 1, 5]);
    const next = nextHeightValidatorSet(set);
    for (let round = 0; round < 10; round++) expect(proposerIndex(next, round)).toBe(proposerIndex(set, round + 1));
  });

  it('is deterministic and keeps priorities bounded (integers only)', () => {
    let set = setOf([7, 2, 9]);
    for (let h = 0; h < 500; h++) set = nextHeightValidatorSet(set);
    for (const priority of set.proposerPriorities) {
      expect(Number.isSafeInteger(priority)).toBe(true);
      expect(Math.abs(priority)).toBeLessThanOrEqual(2 * set.totalPower);
    }
    expect(set.proposerPriorities.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(set.validators.length);
  });

  it('refuses unsorted, duplicate, zero-power or oversized sets', () => {
    expect(() => createValidatorSet([{ publicKey: Uint8Array.of(2), power: 1 }, { publicKey: Uint8Array.of(1), power: 1 }])).toThrow();
    expect(() => createValidatorSet([{ publicKey: Uint8Array.of(1), power: 1 }, { publicKey: Uint8Array.of(1), power: 1 }])).toThrow();
    expect(() => setOf([1, 0])).toThrow();
    expect(() => setOf([TOTAL_POWER_MAX, 1])).toThrow();
  });
});

describe('thresholds', () => {
  it('2f + 1 is more than 2/3 of the power, f + 1 more than 1/3, in integers', () => {
    expect(isQuorum(3, 4)).toBe(true);
    expect(isQuorum(2, 3)).toBe(false);
    expect(isQuorum(67, 100)).toBe(true);
    expect(isQuorum(66, 99)).toBe(false);
    expect(isOneThirdPlus(2, 4)).toBe(true);
    expect(isOneThirdPlus(1, 3)).toBe(false);
    expect(isOneThirdPlus(34, 100)).toBe(true);
    expect(isQuorum(TOTAL_POWER_MAX, TOTAL_POWER_MAX)).toBe(true);
  });
});
