// A case in state: its terms, status and balances (CaseRecord, key case/r/<hex case no>), and the
// conversions between the record's wire form (uint64 numbers) and the arithmetic's (bigint fen,
// day numbers). Every amount a case holds stays at most CASE_AMOUNT_MAX_FEN after each tx; the
// codec reads 64-bit integers exactly below 2^53, and the clock's one-off penalty at most doubles a
// balance, so what it writes stays exact too (docs/contracts.md, "The template").
import type { tianping } from '../../codec/gen/tianping.js';
import { keepFields, leadingField } from '../../codec/fields.js';
import { pb } from '../../codec/proto.js';
import { assert, concatBytes } from '../../types/index.js';
import {
  STATUTORY_DELAY_RATES, chinaDayOf, chinaDayStartMs, civilFromDays, daysFromCivil, feePolicy, suspensionBetween,
  type AllocationTerms, type CaseBalances, type DelayTerms, type SuspensionReason,
} from '../contracts/index.js';
import type { StateView } from '../view.js';
import { arithmetic, refuse } from './errors.js';
import { caseRecordKey } from './keys.js';

export type CaseTermsMsg = tianping.v1.CaseTerms;
/** A decoded record: its nested messages are full instances (the generated types leave them optional). */
export type CaseRecordMsg = Omit<tianping.v1.CaseRecord, 'terms' | 'instalments' | 'suspensions'> & {
  terms: CaseTermsMsg;
  instalments: tianping.v1.CaseInstalmentState[];
  suspensions: tianping.v1.CaseSuspensionState[];
};
export const Status = pb.CaseStatus;
export type CaseStatusValue = tianping.v1.CaseStatus;

/** 2^52 − 1 fen (about ¥45 trillion): the most any amount of a case holds after a tx. */
export const CASE_AMOUNT_MAX_FEN = 2n ** 52n - 1n;

export async function readCase(view: StateView, caseNo: string): Promise<CaseRecordMsg | undefined> {
  const bytes = await view.get(caseRecordKey(caseNo));
  return bytes === undefined ? undefined : pb.CaseRecord.decode(bytes) as unknown as CaseRecordMsg;
}

/**
 * The terms fields the block clock's steps read: case number (2), currency (9), acceleration (12),
 * delay (13), automatic filing (17). lifecycle.ts's defaultInstalment and what it calls read no other.
 */
const CLOCK_TERMS_FIELDS: ReadonlySet<number> = new Set([2, 9, 12, 13, 17]);

/**
 * A record as the block clock reads it, thousands a block: the terms (set at creation, never
 * changed) stay as their bytes, and only the terms fields the clock's steps read are decoded; the
 * rest of the record is decoded in full. clockRecordBytes writes back the same terms bytes and the
 * rest encoded, which is what encoding the whole record gives: protobuf writes fields in number
 * order and the terms are field 1 (test/state/cases/clock-record.test.ts compares the two).
 */
export interface ClockRecord {
  readonly record: CaseRecordMsg;
  /** The record's field 1 as stored: tag, length and terms. */
  readonly termsField: Uint8Array;
}

export async function readClockRecord(view: StateView, key: string): Promise<ClockRecord | undefined> {
  const bytes = await view.get(key);
  if (bytes === undefined) return undefined;
  const terms = leadingField(bytes);
  assert(terms?.field === 1, () => `the case record at ${key} begins with its terms`);
  const record = pb.CaseRecord.decode(bytes.subarray(terms.end)) as unknown as CaseRecordMsg;
  record.terms = pb.CaseTerms.decode(keepFields(bytes.subarray(terms.valueStart, terms.end), CLOCK_TERMS_FIELDS));
  return { record, termsField: bytes.subarray(0, terms.end) };
}

export function clockRecordBytes(read: ClockRecord): Uint8Array {
  const record = read.record as Omit<CaseRecordMsg, 'terms'> & { terms: CaseTermsMsg | null };
  const terms = record.terms;
  record.terms = null;
  try {
    return concatBytes(read.termsField, pb.CaseRecord.encode(record as CaseRecordMsg).finish());
  } finally {
    record.terms = terms;
  }
}

/** A copy to change: records are decoded once per read, and the plan must not alter what it read. */
export function copyCase(record: CaseRecordMsg): CaseRecordMsg {
  return pb.CaseRecord.decode(pb.CaseRecord.encode(record).finish()) as unknown as CaseRecordMsg;
}

/** A bigint of fen as the wire's number, refused above the case bound (checked before it is written). */
export function wireFen(fen: bigint, what: string): number {
  if (fen < 0n || fen > CASE_AMOUNT_MAX_FEN) refuse('CASE_AMOUNT_OVERFLOW', `${what} (${fen} fen) exceeds ${CASE_AMOUNT_MAX_FEN} fen`);
  return Number(fen);
}

/** For the clock, whose writes no tx can refuse: exact below 2^53 by the bound above. */
export function clockWireFen(fen: bigint): number {
  return Number(fen);
}

export const fenOf = (value: number | undefined | null): bigint => BigInt(value ?? 0);

export function delayTermsOf(terms: CaseTermsMsg): DelayTerms {
  const delay = terms.delay;
  const Kind = pb.CaseDelayKind;
  const ratio = { numerator: fenOf(delay?.numerator), denominator: fenOf(delay?.denominator) };
  switch (delay?.kind) {
    case Kind.CASE_DELAY_KIND_STATUTORY: return { kind: 'statutory', rates: STATUTORY_DELAY_RATES };
    case Kind.CASE_DELAY_KIND_PENALTY_FIXED: return { kind: 'penalty', clause: { kind: 'fixed', amountFen: fenOf(delay.amountFen) } };
    case Kind.CASE_DELAY_KIND_PENALTY_SHARE_OF_UNPAID: return { kind: 'penalty', clause: { kind: 'share-of-unpaid', ...ratio } };
    case Kind.CASE_DELAY_KIND_PENALTY_DAILY: return { kind: 'penalty', clause: { kind: 'daily', ...ratio } };
    default: return refuse('CASE_TERMS_INVALID', 'the delay term is statutory interest or one penalty clause');
  }
}

export function allocationTermsOf(record: CaseRecordMsg): AllocationTerms {
  const terms = record.terms!;
  return arithmetic(() => ({
    order: terms.paymentOrder === pb.CasePaymentOrder.CASE_PAYMENT_ORDER_CHARGES_FIRST ? 'charges-first' : 'principal-first',
    delay: delayTermsOf(terms),
    suspensions: record.suspensions.map((s) =>
      suspensionBetween(s.fromMs, s.untilMs === 0 ? undefined : s.untilMs, s.reasonCode as SuspensionReason)),
    feePolicy: feePolicy(terms.feePolicy),
  }));
}

export function balancesOf(record: CaseRecordMsg): CaseBalances {
  return {
    currency: record.terms.currency,
    instalments: record.instalments.map((i, index) => ({
      index, dueDay: i.dueDay, countedThroughDay: i.countedThroughDay, principalFen: fenOf(i.principalFen), chargeFen: fenOf(i.chargeFen),
    })),
    fee: record.feeOpen ? { recoveredFen: fenOf(record.feeRecoveredFen), chargedFen: fenOf(record.feeChargedFen) } : undefined,
  };
}

/** The balances back into the record; `toWire` checks amounts (wireFen in a tx, clockWireFen in the clock). */
export function setBalances(record: CaseRecordMsg, balances: CaseBalances, toWire: (fen: bigint, what: string) => number): void {
  balances.instalments.forEach((b, index) => {
    const state = record.instalments[index]!;
    state.dueDay = b.dueDay;
    state.countedThroughDay = b.countedThroughDay;
    state.principalFen = toWire(b.principalFen, `instalment ${index} principal`);
    state.chargeFen = toWire(b.chargeFen, `instalment ${index} charges`);
  });
  record.feeOpen = balances.fee !== undefined;
  record.feeRecoveredFen = toWire(balances.fee?.recoveredFen ?? 0n, 'money recovered');
  record.feeChargedFen = toWire(balances.fee?.chargedFen ?? 0n, 'fee charged');
}

/**
 * CPL Art 250: execution is applied for within two years of the last day of performance; for
 * instalments, of the last instalment (since 2022-01-01). The end of the China day two calendar
 * years after the last due day (29 February → 28 February). Tracked and warned about, never enforced.
 */
export function applicationPeriodEndMs(lastDueAtMs: number): number {
  const date = civilFromDays(chinaDayOf(lastDueAtMs));
  if (date.year + 2 > 9999) return 253_402_271_999_999;
  const day = daysFromCivil(date.year + 2, date.month, date.month === 2 && date.day === 29 ? 28 : date.day);
  return chinaDayStartMs(day + 1) - 1;
}

export const APPLICATION_PERIOD_EXPIRED = 'APPLICATION_PERIOD_EXPIRED';

export function periodWarning(record: CaseRecordMsg, atMs: number): string {
  return atMs > record.applicationPeriodEndsAtMs ? APPLICATION_PERIOD_EXPIRED : '';
}
