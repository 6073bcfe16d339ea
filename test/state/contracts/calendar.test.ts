// Calendar days in UTC+08:00, checked against Date (an independent proleptic Gregorian calendar).
import { describe, expect, it } from 'vitest';
import {
  TIME_MS_MAX, chinaDayOf, chinaDayStartMs, civilFromDays, daysFromCivil, formatDay, parseDay,
} from '../../../src/state/contracts/index.js';
import { Prng } from '../../sim/prng.js';
import { chinaTime, codeOf, dayOf } from './fixtures.js';

describe('calendar days in UTC+08:00', () => {
  it('a payment at 23:30 UTC falls on the next calendar day in China', () => {
    const paidAtMs = Date.UTC(2026, 3, 26, 23, 30); // 2026-04-26T23:30Z = 2026-04-27 07:30 in Beijing
    expect(formatDay(chinaDayOf(paidAtMs))).toBe('2026-04-27');
    expect(chinaDayOf(paidAtMs) - parseDay('2026-03-28')).toBe(30);
  });

  it('the China day begins at 16:00 UTC of the day before', () => {
    expect(formatDay(chinaDayOf(Date.UTC(2026, 3, 26, 15, 59, 59, 999)))).toBe('2026-04-26');
    expect(formatDay(chinaDayOf(Date.UTC(2026, 3, 26, 16, 0)))).toBe('2026-04-27');
    expect(chinaDayStartMs(parseDay('2026-04-27'))).toBe(Date.UTC(2026, 3, 26, 16, 0));
    expect(chinaDayOf(chinaTime('2026-04-27', 0, 0))).toBe(dayOf('2026-04-27'));
  });

  it('from 2026-03-28 through 2026-04-27 is 30 days', () => {
    expect(parseDay('2026-04-27') - parseDay('2026-03-28')).toBe(30);
  });

  it('agrees with the proleptic Gregorian calendar on seeded days from 1970 to 9999, both ways', () => {
    const prng = new Prng(14);
    const days = [0, 1, 59, 60, 365, 10_957, 11_016, 47_541, 2_932_896];
    for (let i = 0; i < 5_000; i++) days.push(prng.int(2_932_897));
    for (const day of days) {
      const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
      expect(formatDay(day)).toBe(iso);
      expect(parseDay(iso)).toBe(day);
      const { year, month, day: dayOfMonth } = civilFromDays(day);
      expect(daysFromCivil(year, month, dayOfMonth)).toBe(day);
    }
  });

  it('leap days: 2024-02-29 and 2000-02-29 exist, 2026-02-29 and 2100-02-29 do not', () => {
    expect(parseDay('2024-03-01') - parseDay('2024-02-29')).toBe(1);
    expect(parseDay('2000-03-01') - parseDay('2000-02-28')).toBe(2);
    expect(codeOf(() => parseDay('2026-02-29'))).toBe('DATE_INVALID');
    expect(codeOf(() => parseDay('2100-02-29'))).toBe('DATE_INVALID');
    expect(codeOf(() => parseDay('2026-13-01'))).toBe('DATE_INVALID');
    expect(codeOf(() => parseDay('26-03-28'))).toBe('DATE_INVALID');
  });

  it('refuses times that are not whole ms from 1970 through 9999', () => {
    for (const timeMs of [-1, 1.5, Number.NaN, TIME_MS_MAX + 1, Number.MAX_SAFE_INTEGER + 2]) {
      expect(codeOf(() => chinaDayOf(timeMs))).toBe('TIME_INVALID');
    }
    expect(formatDay(chinaDayOf(TIME_MS_MAX))).toBe('9999-12-31');
    expect(formatDay(chinaDayOf(0))).toBe('1970-01-01');
  });
});
