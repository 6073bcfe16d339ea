// Integer money: checked amounts, decimal yuan text, and largest-remainder splits among payees.
import { describe, expect, it } from 'vitest';
import {
  U64_MAX_FEN, checkFen, checkPositiveFen, formatYuan, money, parseYuan, roundHalfUp, splitByShares, sumFen,
} from '../../../src/state/contracts/index.js';
import { codeOf } from './fixtures.js';

describe('amounts in fen', () => {
  it('accepts 0 .. u64 max fen and refuses beyond, below zero and floats', () => {
    expect(checkFen(U64_MAX_FEN, 'a')).toBe(U64_MAX_FEN);
    expect(checkFen(0, 'a')).toBe(0n);
    expect(codeOf(() => checkFen(U64_MAX_FEN + 1n, 'a'))).toBe('AMOUNT_OVERFLOW');
    expect(codeOf(() => checkFen(-1n, 'a'))).toBe('AMOUNT_NEGATIVE');
    expect(codeOf(() => checkFen(0.1 + 0.2, 'a'))).toBe('AMOUNT_NOT_INTEGER');
    expect(codeOf(() => checkFen(2 ** 53, 'a'))).toBe('AMOUNT_NOT_INTEGER');
    expect(codeOf(() => checkPositiveFen(0n, 'a'))).toBe('AMOUNT_NOT_POSITIVE');
    expect(codeOf(() => checkPositiveFen(-5, 'a'))).toBe('AMOUNT_NOT_POSITIVE');
    expect(codeOf(() => sumFen([U64_MAX_FEN, 1n], 'a'))).toBe('AMOUNT_OVERFLOW');
    expect(codeOf(() => money(1n, 'cny'))).toBe('CURRENCY_INVALID');
  });

  it('reads and writes decimal yuan without floats', () => {
    expect(parseYuan('10000.00')).toBe(1_000_000n);
    expect(parseYuan('0.5')).toBe(50n);
    expect(parseYuan('12')).toBe(1_200n);
    expect(parseYuan('184467440737095516.15')).toBe(U64_MAX_FEN);
    expect(codeOf(() => parseYuan('184467440737095516.16'))).toBe('AMOUNT_OVERFLOW');
    for (const bad of ['', '1.234', '-1', '01', '1e3', '1,000', ' 1', '.5']) expect(codeOf(() => parseYuan(bad))).toBe('AMOUNT_MALFORMED');
    expect(formatYuan(5_250n)).toBe('52.50');
    expect(formatYuan(2n)).toBe('0.02');
    expect(formatYuan(U64_MAX_FEN)).toBe('184467440737095516.15');
  });

  it('rounds half up: 1.75 → 2, 1.5 → 2, 1.49 → 1, 0.35 → 0', () => {
    expect([roundHalfUp(175n, 100n), roundHalfUp(3n, 2n), roundHalfUp(149n, 100n), roundHalfUp(35n, 100n)]).toEqual([2n, 2n, 1n, 0n]);
  });
});

describe('largest-remainder splits', () => {
  it('¥100.00 among three equal shares: the fen left over goes to the payee listed first', () => {
    expect(splitByShares(10_000n, [1n, 1n, 1n])).toEqual([3_334n, 3_333n, 3_333n]);
    expect(splitByShares(7n, [1n, 1n, 1n, 1n])).toEqual([2n, 2n, 2n, 1n]);
  });

  it('the largest remainder wins over an earlier place in the list', () => {
    expect(splitByShares(5n, [1n, 2n])).toEqual([2n, 3n]); // exact 1.67 and 3.33
    expect(splitByShares(5n, [2n, 1n])).toEqual([3n, 2n]); // exact 3.33 and 1.67
    expect(splitByShares(100n, [6_000n, 3_000n, 1_000n])).toEqual([60n, 30n, 10n]);
    expect(splitByShares(0n, [1n, 2n])).toEqual([0n, 0n]);
  });

  it('refuses no payees, too many, and weights that are not positive integers', () => {
    expect(codeOf(() => splitByShares(1n, []))).toBe('SHARES_INVALID');
    expect(codeOf(() => splitByShares(1n, [1n, 0n]))).toBe('SHARES_INVALID');
    expect(codeOf(() => splitByShares(1n, [-1n]))).toBe('SHARES_INVALID');
    expect(codeOf(() => splitByShares(1n, [1 as unknown as bigint]))).toBe('SHARES_INVALID');
    expect(codeOf(() => splitByShares(1n, Array.from({ length: 65 }, () => 1n)))).toBe('LIMIT_EXCEEDED');
  });
});
