// Shared inputs for the contract arithmetic tests. Times are built with Date.UTC, independently of
// the calendar code under test: a time in China is the UTC time eight hours earlier.
import {
  FEE_POLICY_CUMULATIVE_V1, STATUTORY_DELAY_RATES, openingBalances, type AllocationTerms, type CaseBalances,
  type DelayTerms, type Suspension,
} from '../../../src/state/contracts/index.js';

const HOUR_MS = 3_600_000;

/** The ms of a wall-clock time in China (UTC+08:00): chinaTime('2026-03-28', 17) is 09:00Z. */
export function chinaTime(date: string, hour = 12, minute = 0): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day, hour, minute) - 8 * HOUR_MS;
}

/** The DayNumber of a date, by Date: days since 1970-01-01. */
export function dayOf(date: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

export const STATUTORY: DelayTerms = { kind: 'statutory', rates: STATUTORY_DELAY_RATES };

export function terms(overrides: Partial<AllocationTerms> = {}): AllocationTerms {
  return { order: 'principal-first', delay: STATUTORY, suspensions: [] as Suspension[], feePolicy: FEE_POLICY_CUMULATIVE_V1, ...overrides };
}

/** A contract of one or more CNY instalments (fen, due date in China at 17:00), no grace. */
export function balancesOf(...instalments: [bigint, string][]): CaseBalances {
  return openingBalances(
    instalments.map(([fen, date]) => ({ amount: { fen, currency: 'CNY' }, dueTimeMs: chinaTime(date, 17) })),
    { currency: 'CNY', graceMs: 0, graceDelaysInterest: false },
  );
}

/** Runs `fn` and returns the code of the ContractError it throws (fails the test if it throws none). */
export function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof Error && 'code' in error) return String(error.code);
    throw error;
  }
  throw new Error('expected a refusal, got a result');
}
