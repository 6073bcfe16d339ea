// Statutory delay interest (加倍部分债务利息): principal × days × rate on the unpaid principal of
// each instalment, days counted in UTC+08:00 from the day after the interest starts through the day
// the money is received, less the days of suspensions whose reason stops interest. The rate is a
// versioned table: each version applies to the days from its effectiveFromDay on, so a case that
// spans a change of the law is charged each rate for its own days. One exact sum, rounded half up
// to the fen once per instalment and payment (docs/contracts.md, "Delay interest").
import { checkDay, chinaDayOf, daysFromCivil, type DayNumber, type DayRange } from './calendar.js';
import { refuse } from './errors.js';
import { addRatio, checkFen, checkU64, RATIO_ZERO, roundRatio, type Ratio } from './money.js';

export interface RateVersion {
  /** The first day (UTC+08:00) the rate applies to. */
  readonly effectiveFromDay: DayNumber;
  /** A daily rate numerator / denominator, in [0, 1). */
  readonly numerator: bigint;
  readonly denominator: bigint;
  readonly source: string;
}

export const RATE_VERSIONS_MAX = 64;

/** 法释〔2014〕8号 Art 1: 1.75 / 10,000 of the unpaid money debt per day, in force from 2014-08-01. */
export const STATUTORY_DELAY_RATES: readonly RateVersion[] = Object.freeze([
  Object.freeze({
    effectiveFromDay: daysFromCivil(2014, 8, 1),
    numerator: 175n,
    denominator: 1_000_000n,
    source: '法释〔2014〕8号 Art 1 (in force 2014-08-01)',
  }),
]);

export function checkRateTable(rates: readonly RateVersion[]): readonly RateVersion[] {
  if (rates.length === 0) refuse('RATE_TABLE_INVALID', 'a rate table needs at least one version');
  if (rates.length > RATE_VERSIONS_MAX) refuse('LIMIT_EXCEEDED', `more than ${RATE_VERSIONS_MAX} rate versions`);
  rates.forEach((rate, i) => {
    checkDay(rate.effectiveFromDay, 'effectiveFromDay');
    if (i > 0 && rate.effectiveFromDay <= rates[i - 1]!.effectiveFromDay) {
      refuse('RATE_TABLE_INVALID', 'rate versions must take effect on strictly increasing days', { version: i });
    }
    if (rate.denominator <= 0n || rate.numerator < 0n || rate.numerator >= rate.denominator) {
      refuse('RATE_TABLE_INVALID', 'a daily rate must lie in [0, 1)', { version: i });
    }
  });
  return rates;
}

/**
 * Why execution was suspended, and whether the suspended days stop delay interest. Only the periods
 * 法释〔2014〕8号 Art 3 names are excluded: suspension or deferral to review the document when the
 * debtor did not apply for it, and suspension in a retrial. Every other suspension, the creditor's
 * agreement to wait first of all, leaves the debt in delay and the interest running.
 */
export const SUSPENSION_REASONS = Object.freeze({
  COURT_REVIEW: { stopsInterest: true, source: '法释〔2014〕8号 Art 3 (review of the document, not on the debtor\'s application)' },
  RETRIAL: { stopsInterest: true, source: '法释〔2014〕8号 Art 3 (suspension of execution in a retrial)' },
  DEBTOR_REVIEW_APPLICATION: { stopsInterest: false, source: '法释〔2014〕8号 Art 3 (review on the debtor\'s application is not excluded)' },
  CREDITOR_AGREED: { stopsInterest: false, source: 'CPL 中止执行 (the applicant agrees to postpone); not an Art 3 period' },
  THIRD_PARTY_OBJECTION: { stopsInterest: false, source: 'CPL 中止执行 (a third party\'s valid objection); not an Art 3 period' },
  SUCCESSOR_PENDING: { stopsInterest: false, source: 'CPL 中止执行 (a party died or dissolved, successor pending); not an Art 3 period' },
  SETTLEMENT: { stopsInterest: false, source: '法释〔2018〕3号 Art 2 (execution settlement); not an Art 3 period' },
  OTHER: { stopsInterest: false, source: 'SPC execution rules Arts 102–104; not an Art 3 period' },
} as const);

export type SuspensionReason = keyof typeof SUSPENSION_REASONS;

/**
 * A suspension that took effect on fromDay and was lifted on untilDay (undefined while it lasts).
 * Its days are those after fromDay through untilDay, the convention of a delay period: the day a
 * suspension begins is still a day of delay, the day it is lifted is not.
 */
export interface Suspension {
  readonly fromDay: DayNumber;
  readonly untilDay: DayNumber | undefined;
  readonly reason: SuspensionReason;
}

export const SUSPENSIONS_MAX = 256;

/** The suspension a court order made at `suspendedAtMs` and lifted at `liftedAtMs` (undefined while in force). */
export function suspensionBetween(suspendedAtMs: number, liftedAtMs: number | undefined, reason: SuspensionReason): Suspension {
  const suspension = {
    fromDay: chinaDayOf(suspendedAtMs),
    untilDay: liftedAtMs === undefined ? undefined : chinaDayOf(liftedAtMs),
    reason,
  };
  checkSuspensions([suspension]);
  return suspension;
}

export function checkSuspensions(suspensions: readonly Suspension[]): void {
  if (suspensions.length > SUSPENSIONS_MAX) refuse('LIMIT_EXCEEDED', `more than ${SUSPENSIONS_MAX} suspensions`);
  for (const suspension of suspensions) {
    if (!Object.hasOwn(SUSPENSION_REASONS, suspension.reason)) {
      refuse('SUSPENSION_REASON_UNKNOWN', `suspension reason ${JSON.stringify(suspension.reason)} is not in the published list`);
    }
    checkDay(suspension.fromDay, 'suspension fromDay');
    if (suspension.untilDay !== undefined && checkDay(suspension.untilDay, 'suspension untilDay') < suspension.fromDay) {
      refuse('SUSPENSION_INVALID', 'a suspension cannot be lifted before it began');
    }
  }
}

/** The excluded day ranges within `period`, merged and in order (overlapping suspensions count once). */
function excludedRanges(period: DayRange, suspensions: readonly Suspension[]): DayRange[] {
  const clipped = suspensions
    .filter((s) => SUSPENSION_REASONS[s.reason].stopsInterest)
    .map((s) => ({ afterDay: Math.max(s.fromDay, period.afterDay), throughDay: Math.min(s.untilDay ?? period.throughDay, period.throughDay) }))
    .filter((r) => r.throughDay > r.afterDay)
    .sort((a, b) => a.afterDay - b.afterDay);
  const merged: DayRange[] = [];
  for (const range of clipped) {
    const last = merged[merged.length - 1];
    if (last !== undefined && range.afterDay <= last.throughDay) {
      merged[merged.length - 1] = { afterDay: last.afterDay, throughDay: Math.max(last.throughDay, range.throughDay) };
    } else {
      merged.push(range);
    }
  }
  return merged;
}

function overlapDays(a: DayRange, b: DayRange): number {
  return Math.max(0, Math.min(a.throughDay, b.throughDay) - Math.max(a.afterDay, b.afterDay));
}

export interface RateSegment {
  readonly rate: RateVersion;
  /** Days charged at this rate, suspended days excluded. */
  readonly days: number;
}

export interface DelayBreakdown {
  readonly fen: bigint;
  /** Days charged, and days of the period excluded by suspensions that stop interest. */
  readonly days: number;
  readonly excludedDays: number;
  readonly segments: readonly RateSegment[];
}

/**
 * Delay interest on `principalFen` for the days of `period`: Σ principal × days × rate over the
 * rate versions, exact, then rounded half up once. A period that starts before the table's first
 * version is refused (RATE_UNDEFINED), never charged a guessed rate.
 */
export function delayInterest(principalFen: bigint, period: DayRange, suspensions: readonly Suspension[],
  rates: readonly RateVersion[]): DelayBreakdown {
  checkFen(principalFen, 'principal');
  checkRateTable(rates);
  checkSuspensions(suspensions);
  if (period.throughDay <= period.afterDay) return { fen: 0n, days: 0, excludedDays: 0, segments: [] };
  checkDay(period.afterDay, 'period afterDay');
  checkDay(period.throughDay, 'period throughDay');
  if (period.afterDay + 1 < rates[0]!.effectiveFromDay) {
    refuse('RATE_UNDEFINED', 'the period begins before the first version of the rate table', { afterDay: period.afterDay });
  }
  const excluded = excludedRanges(period, suspensions);
  const segments: RateSegment[] = [];
  let exact: Ratio = RATIO_ZERO;
  rates.forEach((rate, i) => {
    const next = rates[i + 1];
    const span = {
      afterDay: Math.max(period.afterDay, rate.effectiveFromDay - 1),
      throughDay: Math.min(period.throughDay, next === undefined ? period.throughDay : next.effectiveFromDay - 1),
    };
    if (span.throughDay <= span.afterDay) return;
    const days = span.throughDay - span.afterDay - excluded.reduce((sum, range) => sum + overlapDays(span, range), 0);
    if (days === 0) return;
    segments.push({ rate, days });
    exact = addRatio(exact, { numerator: principalFen * BigInt(days) * rate.numerator, denominator: rate.denominator });
  });
  const excludedDays = excluded.reduce((sum, range) => sum + (range.throughDay - range.afterDay), 0);
  const days = segments.reduce((sum, segment) => sum + segment.days, 0);
  return { fen: checkU64(roundRatio(exact), 'delay interest'), days, excludedDays, segments };
}
