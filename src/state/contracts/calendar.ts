// Calendar days in China Standard Time (UTC+08:00, no daylight saving since 1991), in integer
// arithmetic only: the state machine reads no time zone database and no Date, so every node counts
// the same days from the same block and payment times. A day is a DayNumber, the count of days since
// 1970-01-01 in UTC+08:00; civil dates convert with the proleptic Gregorian algorithms of Howard
// Hinnant's "chrono-Compatible Low-Level Date Algorithms" (written here from their description).
import { refuse } from './errors.js';

/** Days since 1970-01-01, counted in UTC+08:00. */
export type DayNumber = number;

export const DAY_MS = 86_400_000;
export const CHINA_OFFSET_MS = 8 * 3_600_000;
/** The last ms of 9999-12-31 in UTC+08:00: times beyond are typos, and every day count stays small. */
export const TIME_MS_MAX = 253_402_271_999_999;
/** The day of 9999-12-31 in UTC+08:00 and 1970-01-01, the bounds of a DayNumber. */
export const DAY_MAX = 2_932_896;
export const DAY_MIN = 0;
const YEAR_MIN = 1970;
const YEAR_MAX = 9999;
const DATE_RE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

/** a ÷ b rounded toward −∞, exact for safe integers (no float division is trusted to floor). */
function floorDiv(a: number, b: number): number {
  const remainder = ((a % b) + b) % b;
  return (a - remainder) / b;
}

export function checkTimeMs(timeMs: number, what: string): number {
  if (!Number.isSafeInteger(timeMs) || timeMs < 0 || timeMs > TIME_MS_MAX) {
    refuse('TIME_INVALID', `${what} (${timeMs}) is not a time in ms from 1970 through 9999 (UTC+08:00)`);
  }
  return timeMs;
}

export function checkDay(day: DayNumber, what: string): DayNumber {
  if (!Number.isSafeInteger(day) || day < DAY_MIN || day > DAY_MAX) refuse('DATE_INVALID', `${what} (${day}) is not a day number`);
  return day;
}

/** The calendar day in UTC+08:00 of a time: 2026-04-26T23:30Z is 2026-04-27 in China. */
export function chinaDayOf(timeMs: number): DayNumber {
  checkTimeMs(timeMs, 'time');
  return floorDiv(timeMs + CHINA_OFFSET_MS, DAY_MS);
}

/** The first millisecond of a day in UTC+08:00 (16:00 UTC of the day before). */
export function chinaDayStartMs(day: DayNumber): number {
  return checkDay(day, 'day') * DAY_MS - CHINA_OFFSET_MS;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1]!;
}

/** The DayNumber of a civil date (year, month 1–12, day 1–31). */
export function daysFromCivil(year: number, month: number, day: number): DayNumber {
  if (!Number.isSafeInteger(year) || year < YEAR_MIN || year > YEAR_MAX || !Number.isSafeInteger(month) || month < 1 ||
      month > 12 || !Number.isSafeInteger(day) || day < 1 || day > daysInMonth(year, month)) {
    refuse('DATE_INVALID', `${year}-${month}-${day} is not a date between 1970 and 9999`);
  }
  // Years start on 1 March, so that the leap day is the last day of the shifted year; an era is 400 years.
  const shiftedYear = month <= 2 ? year - 1 : year;
  const era = floorDiv(shiftedYear, 400);
  const yearOfEra = shiftedYear - era * 400;
  const dayOfYear = floorDiv(153 * (month > 2 ? month - 3 : month + 9) + 2, 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + floorDiv(yearOfEra, 4) - floorDiv(yearOfEra, 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export function civilFromDays(dayNumber: DayNumber): CivilDate {
  checkDay(dayNumber, 'day');
  const shifted = dayNumber + 719_468;
  const era = floorDiv(shifted, 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = floorDiv(dayOfEra - floorDiv(dayOfEra, 1460) + floorDiv(dayOfEra, 36_524) - floorDiv(dayOfEra, 146_096), 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + floorDiv(yearOfEra, 4) - floorDiv(yearOfEra, 100));
  const shiftedMonth = floorDiv(5 * dayOfYear + 2, 153);
  const day = dayOfYear - floorDiv(153 * shiftedMonth + 2, 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** "2026-03-28" → its DayNumber. */
export function parseDay(text: string): DayNumber {
  const match = DATE_RE.exec(text);
  if (match === null) refuse('DATE_INVALID', `${JSON.stringify(text)} is not a date YYYY-MM-DD`);
  return daysFromCivil(Number(match[1]), Number(match[2]), Number(match[3]));
}

export function formatDay(dayNumber: DayNumber): string {
  const { year, month, day } = civilFromDays(dayNumber);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The days d with afterDay < d ≤ throughDay: a delay runs from the day after the due date through
 * the day the money is received, so a period is named by its two ends the same way.
 */
export interface DayRange {
  readonly afterDay: DayNumber;
  readonly throughDay: DayNumber;
}

export function daysIn(range: DayRange): number {
  return Math.max(0, range.throughDay - range.afterDay);
}
