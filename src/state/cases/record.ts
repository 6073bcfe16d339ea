// A case in state: its terms, status and balances (CaseRecord, key case/r/<hex case no>), and the
// conversions between the record's wire form (uint64 numbers) and the arithmetic's (bigint fen,
// day numbers). Every amount a case holds stays at most CASE_AMOUNT_MAX_FEN after each tx; the
// codec reads 64-bit integers exactly below 2^53, and the clock's one-off penalty at most doubles a
// balance, so what it writes stays exact too (docs/contracts.md, "The template").
import { decodeCaseRecord, encodeCaseRecord } from '../../codec/case-codec.js';
import type { tianping } from '../../codec/gen/tianping.js';
import { pb } from '../../codec/proto.js';
import { assert } from '../../types/index.js';
import {
  STATUTORY_DELAY_RATES, chinaDayOf, chinaDayStartMs, civilFromDays, daysFromCivil, feePolicy, suspensionBetween,
  type AllocationTerms, type CaseBalances, type DelayTerms, type SuspensionReason,
} from '../contracts/index.js';
import type { StateView } from '../view.js';
import { arithmetic, refuse } from './errors.js';
import { caseRecordKey, caseTermsKey } from './keys.js';

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

/** A stored record (case/r/), its terms not yet attached: readCase and readClockRecord attach them. */
export const decodeStoredRecord = (bytes: Uint8Array): CaseRecordMsg => decodeCaseRecord(bytes) as unknown as CaseRecordMsg;

export const decodeTerms = (bytes: Uint8Array): CaseTermsMsg => pb.CaseTerms.decode(bytes);

/**
 * The terms fields the block clock's steps read besides the case number, copied into the record at
 * creation (clock_terms): currency, acceleration, delay, automatic filing. lifecycle.ts's
 * defaultInstalment and what it calls read no other. A message of its own, not a CaseTerms: the
 * generated code encodes and decodes a message field by field, and CaseTerms has twenty.
 */
export function clockTermsOf(terms: CaseTermsMsg): tianping.v1.CaseClockTerms {
  return pb.CaseClockTerms.create({ currency: terms.currency, acceleration: terms.acceleration, delay: terms.delay ?? null, autoFile: terms.autoFile });
}

/**
 * A record as the block clock reads it, thousands a block: case/r/ alone, its `terms` holding the
 * case number (`caseNo`, from the key) and the copy of the few fields the clock's steps read
 * (clock_terms), nothing else. The clock writes it back only after a filing (read-case.ts): the
 * terms are never part of the stored record.
 */
export async function readClockRecord(view: StateView, key: string, caseNo: string): Promise<CaseRecordMsg | undefined> {
  const bytes = await view.get(key);
  if (bytes === undefined) return undefined;
  const record = decodeStoredRecord(bytes);
  const clock = record.clockTerms;
  assert(clock != null, () => `the case record at ${key} holds the terms its clock reads`);
  record.terms = { caseNo, currency: clock.currency, acceleration: clock.acceleration, delay: clock.delay, autoFile: clock.autoFile } as CaseTermsMsg;
  return record;
}

/** The record's stored bytes: everything but the terms (kept at case/t/, written once). */
export function caseRecordBytes(record: CaseRecordMsg): Uint8Array {
  return encodeCaseRecord(record);
}

/** The write of a case's record under its key. */
export const caseRecordWrite = (record: CaseRecordMsg): [string, Uint8Array] =>
  [caseRecordKey(record.terms.caseNo), caseRecordBytes(record)];

/** The write of a new case's terms, once, at its creation. */
export const caseTermsWrite = (terms: CaseTermsMsg): [string, Uint8Array] =>
  [caseTermsKey(terms.caseNo), pb.CaseTerms.encode(terms).finish()];

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
