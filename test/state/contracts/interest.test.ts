// Worked examples of docs/contracts.md, "Delay interest" and "Penalty clauses", each computed by hand there.
import { describe, expect, it } from 'vitest';
import {
  STATUTORY_DELAY_RATES, U64_MAX_FEN, accruedDelayCharge, delayInterest, parseDay, penaltyAtDefault, suspensionBetween,
  type DelayTerms, type RateVersion, type Suspension,
} from '../../../src/state/contracts/index.js';
import { chinaTime, codeOf, dayOf } from './fixtures.js';

const DUE = dayOf('2026-03-28');
const PAID = dayOf('2026-04-27');
const PERIOD = { afterDay: DUE, throughDay: PAID };
const TEN_THOUSAND_YUAN = 1_000_000n;

function suspended(reason: Suspension['reason']): Suspension {
  // In force from 2026-04-01, lifted 2026-04-11: days 04-02 .. 04-11, ten of them.
  return { fromDay: dayOf('2026-04-01'), untilDay: dayOf('2026-04-11'), reason };
}

describe('statutory delay interest (法释〔2014〕8号)', () => {
  it('¥10,000.00 due 2026-03-28, paid 2026-04-27: 30 days × 1.75/10,000 = ¥52.50', () => {
    const result = delayInterest(TEN_THOUSAND_YUAN, PERIOD, [], STATUTORY_DELAY_RATES);
    expect(result).toMatchObject({ fen: 5_250n, days: 30, excludedDays: 0 });
  });

  it('a 10-day court-initiated retrial suspension inside the period leaves 20 days: ¥35.00', () => {
    expect(delayInterest(TEN_THOUSAND_YUAN, PERIOD, [suspended('RETRIAL')], STATUTORY_DELAY_RATES))
      .toMatchObject({ fen: 3_500n, days: 20, excludedDays: 10 });
    expect(delayInterest(TEN_THOUSAND_YUAN, PERIOD, [suspended('COURT_REVIEW')], STATUTORY_DELAY_RATES).fen).toBe(3_500n);
  });

  it('the same 10 days suspended with the creditor\'s agreement, or on the debtor\'s application, stop nothing: ¥52.50', () => {
    expect(delayInterest(TEN_THOUSAND_YUAN, PERIOD, [suspended('CREDITOR_AGREED')], STATUTORY_DELAY_RATES).fen).toBe(5_250n);
    expect(delayInterest(TEN_THOUSAND_YUAN, PERIOD, [suspended('DEBTOR_REVIEW_APPLICATION')], STATUTORY_DELAY_RATES).fen).toBe(5_250n);
  });

  it('overlapping suspensions exclude each day once; one still in force excludes through the end of the period', () => {
    const overlapping: Suspension[] = [suspended('RETRIAL'), { fromDay: dayOf('2026-04-06'), untilDay: dayOf('2026-04-16'), reason: 'COURT_REVIEW' }];
    expect(delayInterest(TEN_THOUSAND_YUAN, PERIOD, overlapping, STATUTORY_DELAY_RATES)).toMatchObject({ days: 15, excludedDays: 15 });
    const open: Suspension = { fromDay: dayOf('2026-04-20'), untilDay: undefined, reason: 'RETRIAL' };
    expect(delayInterest(TEN_THOUSAND_YUAN, PERIOD, [open], STATUTORY_DELAY_RATES)).toMatchObject({ days: 23, fen: 4_025n });
    const before: Suspension = { fromDay: dayOf('2026-03-01'), untilDay: dayOf('2026-03-30'), reason: 'RETRIAL' };
    expect(delayInterest(TEN_THOUSAND_YUAN, PERIOD, [before], STATUTORY_DELAY_RATES).days).toBe(28);
  });

  it('a suspension from court orders\' times: the day it begins accrues, the day it is lifted does not', () => {
    const suspension = suspensionBetween(chinaTime('2026-04-01', 9), chinaTime('2026-04-11', 15), 'RETRIAL');
    expect(suspension).toEqual(suspended('RETRIAL'));
    expect(codeOf(() => suspensionBetween(chinaTime('2026-04-11'), chinaTime('2026-04-01'), 'RETRIAL'))).toBe('SUSPENSION_INVALID');
    expect(codeOf(() => suspensionBetween(chinaTime('2026-04-01'), undefined, 'BANKRUPT' as 'RETRIAL'))).toBe('SUSPENSION_REASON_UNKNOWN');
  });

  it('¥100.00 paid one day late: ¥0.0175 rounds half up to ¥0.02', () => {
    expect(delayInterest(10_000n, { afterDay: DUE, throughDay: DUE + 1 }, [], STATUTORY_DELAY_RATES).fen).toBe(2n);
    // ¥20.00 for one day is 0.35 fen: rounds down to nothing; ¥200.00 is 3.5 fen: rounds up to 4.
    expect(delayInterest(2_000n, { afterDay: DUE, throughDay: DUE + 1 }, [], STATUTORY_DELAY_RATES).fen).toBe(0n);
    expect(delayInterest(20_000n, { afterDay: DUE, throughDay: DUE + 1 }, [], STATUTORY_DELAY_RATES).fen).toBe(4n);
  });

  it('money received on or before the day after which interest runs owes none', () => {
    expect(delayInterest(TEN_THOUSAND_YUAN, { afterDay: DUE, throughDay: DUE }, [], STATUTORY_DELAY_RATES).fen).toBe(0n);
    expect(delayInterest(TEN_THOUSAND_YUAN, { afterDay: DUE, throughDay: DUE - 5 }, [], STATUTORY_DELAY_RATES).fen).toBe(0n);
  });

  it('a rate change inside the period charges each rate for its own days: 17 × 1.75 + 13 × 2 per 10,000 = ¥55.75', () => {
    const rates: RateVersion[] = [
      ...STATUTORY_DELAY_RATES,
      { effectiveFromDay: parseDay('2026-04-15'), numerator: 200n, denominator: 1_000_000n, source: 'a test version' },
    ];
    const result = delayInterest(TEN_THOUSAND_YUAN, PERIOD, [], rates);
    expect(result.fen).toBe(5_575n);
    expect(result.segments.map((s) => [s.rate.numerator, s.days])).toEqual([[175n, 17], [200n, 13]]);
  });

  it('the exact sum over rate versions is rounded once: 1.5 + 2.5 fen = 4 fen, not 2 + 3', () => {
    const rates: RateVersion[] = [
      { effectiveFromDay: parseDay('2026-01-01'), numerator: 150n, denominator: 1_000_000n, source: 'test' },
      { effectiveFromDay: DUE + 2, numerator: 250n, denominator: 1_000_000n, source: 'test' },
    ];
    expect(delayInterest(10_000n, { afterDay: DUE, throughDay: DUE + 2 }, [], rates).fen).toBe(4n);
  });

  it('a period before the first rate version is refused, never charged a guessed rate', () => {
    const period = { afterDay: parseDay('2014-07-30'), throughDay: parseDay('2014-08-10') };
    expect(codeOf(() => delayInterest(TEN_THOUSAND_YUAN, period, [], STATUTORY_DELAY_RATES))).toBe('RATE_UNDEFINED');
    expect(delayInterest(TEN_THOUSAND_YUAN, { afterDay: parseDay('2014-07-31'), throughDay: parseDay('2014-08-01') }, [],
      STATUTORY_DELAY_RATES).days).toBe(1);
  });

  it('refuses rate tables out of order, rates outside [0, 1), and too many versions', () => {
    const v = (effectiveFromDay: number, numerator = 175n, denominator = 1_000_000n): RateVersion => ({ effectiveFromDay, numerator, denominator, source: 't' });
    expect(codeOf(() => delayInterest(1n, PERIOD, [], []))).toBe('RATE_TABLE_INVALID');
    expect(codeOf(() => delayInterest(1n, PERIOD, [], [v(10), v(10)]))).toBe('RATE_TABLE_INVALID');
    expect(codeOf(() => delayInterest(1n, PERIOD, [], [v(10, 1n, 1n)]))).toBe('RATE_TABLE_INVALID');
    expect(codeOf(() => delayInterest(1n, PERIOD, [], [v(10, -1n)]))).toBe('RATE_TABLE_INVALID');
    expect(codeOf(() => delayInterest(1n, PERIOD, [], Array.from({ length: 65 }, (_, i) => v(i))))).toBe('LIMIT_EXCEEDED');
  });

  it('interest that would exceed u64 fen is refused AMOUNT_OVERFLOW; a principal beyond u64 too', () => {
    const long = { afterDay: parseDay('2015-01-01'), throughDay: parseDay('9999-01-01') };
    expect(codeOf(() => delayInterest(U64_MAX_FEN, long, [], STATUTORY_DELAY_RATES))).toBe('AMOUNT_OVERFLOW');
    expect(codeOf(() => delayInterest(U64_MAX_FEN + 1n, PERIOD, [], STATUTORY_DELAY_RATES))).toBe('AMOUNT_OVERFLOW');
    expect(codeOf(() => delayInterest(-1n, PERIOD, [], STATUTORY_DELAY_RATES))).toBe('AMOUNT_NEGATIVE');
  });
});

describe('agreed penalty clauses (SPC mediation rules Art 15)', () => {
  it('an applied penalty clause charges the penalty by its terms and no delay interest', () => {
    const share: DelayTerms = { kind: 'penalty', clause: { kind: 'share-of-unpaid', numerator: 5n, denominator: 100n } };
    expect(penaltyAtDefault(share, TEN_THOUSAND_YUAN)).toBe(50_000n); // 5 % of ¥10,000 = ¥500.00
    expect(accruedDelayCharge(share, TEN_THOUSAND_YUAN, PERIOD, [])).toBe(0n);
    const fixed: DelayTerms = { kind: 'penalty', clause: { kind: 'fixed', amountFen: 30_000n } };
    expect(penaltyAtDefault(fixed, TEN_THOUSAND_YUAN)).toBe(30_000n);
    expect(penaltyAtDefault(fixed, 0n)).toBe(0n);
    // 5/10,000 a day for 30 days on ¥10,000 = ¥150.00; a retrial suspension does not shorten an agreed penalty.
    const daily: DelayTerms = { kind: 'penalty', clause: { kind: 'daily', numerator: 5n, denominator: 10_000n } };
    expect(accruedDelayCharge(daily, TEN_THOUSAND_YUAN, PERIOD, [suspended('RETRIAL')])).toBe(15_000n);
    expect(penaltyAtDefault(daily, TEN_THOUSAND_YUAN)).toBe(0n);
    expect(penaltyAtDefault({ kind: 'statutory', rates: STATUTORY_DELAY_RATES }, TEN_THOUSAND_YUAN)).toBe(0n);
  });

  it('refuses penalty rates outside their range and penalties of nothing', () => {
    const bad: DelayTerms[] = [
      { kind: 'penalty', clause: { kind: 'daily', numerator: 1n, denominator: 1n } },
      { kind: 'penalty', clause: { kind: 'share-of-unpaid', numerator: 2n, denominator: 1n } },
      { kind: 'penalty', clause: { kind: 'share-of-unpaid', numerator: 0n, denominator: 100n } },
    ];
    for (const terms of bad) expect(codeOf(() => penaltyAtDefault(terms, 1n))).toBe('PENALTY_INVALID');
    expect(codeOf(() => penaltyAtDefault({ kind: 'penalty', clause: { kind: 'fixed', amountFen: 0n } }, 1n))).toBe('AMOUNT_NOT_POSITIVE');
  });
});
