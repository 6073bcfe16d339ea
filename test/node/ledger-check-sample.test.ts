// The start's self-check reads a bounded sample of each block's index entries (ledger-check.ts,
// indexSampleMax): the first, the last and evenly spread positions, every one when there are few.
import { describe, expect, it } from 'vitest';
import { samplePositions } from '../../src/node/ledger-check.js';

describe('samplePositions', () => {
  it('reads every position when there are no more than the sample, or when no sample is set', () => {
    expect(samplePositions(0, 32)).toEqual([]);
    expect(samplePositions(5, 32)).toEqual([0, 1, 2, 3, 4]);
    expect(samplePositions(32, 32)).toHaveLength(32);
    expect(samplePositions(10_000, undefined)).toHaveLength(10_000);
  });

  it('reads the first, the last and evenly spread positions, distinct and in order, at most the sample', () => {
    const picked = samplePositions(10_000, 32);
    expect(picked).toHaveLength(32);
    expect(picked[0]).toBe(0);
    expect(picked.at(-1)).toBe(9_999);
    for (let i = 1; i < picked.length; i++) expect(picked[i]!).toBeGreaterThan(picked[i - 1]!);
    expect(samplePositions(40, 32).length).toBeLessThanOrEqual(32);
    expect(samplePositions(3, 1)).toEqual([2]);
  });
});
