// Money as integers of fen (0.01 CNY): bigint throughout, so that no product of amount × days × rate
// can lose a digit, and a result is checked against u64 (the width amounts have on the wire) before
// it leaves this folder. No floating-point value ever holds money.
import { refuse } from './errors.js';

/** The largest amount: amounts are u64 fen on the wire. */
export const U64_MAX_FEN = (1n << 64n) - 1n;
const CURRENCY_RE = /^[A-Z]{3}$/;
const YUAN_RE = /^(0|[1-9][0-9]{0,19})(?:\.([0-9]{1,2}))?$/;

export interface Money {
  readonly fen: bigint;
  readonly currency: string;
}

/** An exact non-negative fraction; sums of products are kept exact and rounded once. */
export interface Ratio {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

export function checkCurrency(currency: string): string {
  if (!CURRENCY_RE.test(currency)) refuse('CURRENCY_INVALID', `currency ${JSON.stringify(currency)} is not three capital letters`);
  return currency;
}

export function checkSameCurrency(expected: string, actual: string, what: string): void {
  if (expected !== actual) refuse('CURRENCY_MISMATCH', `${what} is in ${actual}, the case in ${expected}`, { expected, actual });
}

/** An amount in [0, u64 max] fen. A number must be a safe integer: a float is refused, never rounded. */
export function checkFen(value: bigint | number, what: string): bigint {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    refuse('AMOUNT_NOT_INTEGER', `${what} (${value}) is not an integer number of fen`);
  }
  const fen = BigInt(value);
  if (fen < 0n) refuse('AMOUNT_NEGATIVE', `${what} is negative`, { fen: fen.toString() });
  return checkU64(fen, what);
}

/** An amount in [1, u64 max] fen: instalments and receipts. */
export function checkPositiveFen(value: bigint | number, what: string): bigint {
  if ((typeof value === 'bigint' || Number.isSafeInteger(value)) && BigInt(value) <= 0n) {
    refuse('AMOUNT_NOT_POSITIVE', `${what} must be more than zero`, { fen: value.toString() });
  }
  return checkFen(value, what);
}

export function checkU64(fen: bigint, what: string): bigint {
  if (fen > U64_MAX_FEN) refuse('AMOUNT_OVERFLOW', `${what} exceeds u64 fen`, { fen: fen.toString() });
  return fen;
}

export function money(fen: bigint | number, currency: string): Money {
  return { fen: checkFen(fen, 'amount'), currency: checkCurrency(currency) };
}

/** The sum of amounts, refused once it exceeds u64 fen. */
export function sumFen(values: Iterable<bigint>, what: string): bigint {
  let total = 0n;
  for (const value of values) total = checkU64(total + value, what);
  return total;
}

/** numerator / denominator rounded half up (0.5 fen → 1 fen), for numerator ≥ 0 and denominator > 0. */
export function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (2n * numerator + denominator) / (2n * denominator);
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export const RATIO_ZERO: Ratio = { numerator: 0n, denominator: 1n };

export function addRatio(a: Ratio, b: Ratio): Ratio {
  const numerator = a.numerator * b.denominator + b.numerator * a.denominator;
  const denominator = a.denominator * b.denominator;
  const divisor = gcd(numerator, denominator);
  return { numerator: numerator / divisor, denominator: denominator / divisor };
}

export function roundRatio(ratio: Ratio): bigint {
  return roundHalfUp(ratio.numerator, ratio.denominator);
}

/** "10000.00", "0.5", "12" → fen. Decimal text only: the path from a form or a TERMS.json to fen never meets a float. */
export function parseYuan(text: string): bigint {
  const match = YUAN_RE.exec(text);
  if (match === null) refuse('AMOUNT_MALFORMED', `${JSON.stringify(text)} is not an amount in yuan (digits, at most two decimals)`);
  const fraction = (match[2] ?? '').padEnd(2, '0');
  return checkU64(BigInt(match[1]!) * 100n + BigInt(fraction), 'amount');
}

/** fen → "10000.00" (no grouping: the form parseYuan reads back). */
export function formatYuan(fen: bigint): string {
  const sign = fen < 0n ? '-' : '';
  const magnitude = fen < 0n ? -fen : fen;
  return `${sign}${magnitude / 100n}.${(magnitude % 100n).toString().padStart(2, '0')}`;
}
