// The case state machine: which action applies in which state, and the steps the txs and the clock
// share (filing, default, acceleration, taking up instalments that fell due while a case was held).
// ACTIVE → DEFAULTED → FILED; SUSPENDED and back to the state it left; SETTLED (and back, on the
// settlement's default); TERMINATED; PERFORMED; CLOSED (docs/contracts.md, "The state machine").
import { pb } from '../../codec/proto.js';
import { sha256 } from '../../crypto/hash.js';
import { assert, concatBytes, u32be, u64be, utf8 } from '../../types/index.js';
import { accelerate, addCharge, chinaDayOf, penaltyAtDefault, startExecution } from '../contracts/index.js';
import { nextEvent, EventKind, type EventDraft } from './events.js';
import { caseDueKey } from './keys.js';
import type { CaseActionName } from './reasons.js';
import {
  Status, balancesOf, clockWireFen, delayTermsOf, fenOf, periodWarning, setBalances, type CaseRecordMsg, type CaseStatusValue,
} from './record.js';

/** Where a case may be for each action to apply. A fully performed case (PERFORMED, CLOSED) never resumes. */
export const ACTION_FROM: Readonly<Record<CaseActionName | 'FILE', readonly CaseStatusValue[]>> = Object.freeze({
  SUSPEND: [Status.CASE_STATUS_ACTIVE, Status.CASE_STATUS_DEFAULTED, Status.CASE_STATUS_FILED],
  RESUME: [Status.CASE_STATUS_SUSPENDED],
  SETTLE: [Status.CASE_STATUS_ACTIVE, Status.CASE_STATUS_DEFAULTED, Status.CASE_STATUS_FILED, Status.CASE_STATUS_SUSPENDED],
  DEFAULT_SETTLEMENT: [Status.CASE_STATUS_SETTLED],
  TERMINATE: [Status.CASE_STATUS_ACTIVE, Status.CASE_STATUS_DEFAULTED, Status.CASE_STATUS_FILED, Status.CASE_STATUS_SUSPENDED,
    Status.CASE_STATUS_SETTLED],
  CLOSE: [Status.CASE_STATUS_PERFORMED, Status.CASE_STATUS_TERMINATED, Status.CASE_STATUS_SETTLED],
  FILE: [Status.CASE_STATUS_DEFAULTED],
});

/** States in which the debt runs: an unpaid instalment defaults, money received may perform the case. */
export const RUNNING: readonly CaseStatusValue[] = [Status.CASE_STATUS_ACTIVE, Status.CASE_STATUS_DEFAULTED, Status.CASE_STATUS_FILED];

const FILING_DOMAIN = utf8('tianping/case-filing/v1');
const EMPTY = new Uint8Array();

/**
 * The execution filing's id: SHA-256 over a domain tag, the chain id, the case number and the seq
 * of the case's first DEFAULT event. The same on every node, and the same whether the creditor,
 * the court or the contract itself filed.
 */
export function filingId(chainId: string, caseNo: string, defaultSeq: number): Uint8Array {
  const chain = utf8(chainId);
  const caseBytes = utf8(caseNo);
  return sha256(concatBytes(FILING_DOMAIN, u32be(chain.length), chain, u32be(caseBytes.length), caseBytes, u64be(defaultSeq)));
}

/** A suspension still in force ends at `timeMs`. */
export function liftSuspension(record: CaseRecordMsg, timeMs: number): void {
  const open = record.suspensions.find((s) => s.untilMs === 0);
  if (open !== undefined) open.untilMs = timeMs;
}

/** A DEFAULTED case is filed for execution: money received from now on bears the execution fee. */
export function fileExecution(record: CaseRecordMsg, chainId: string, legalAtMs: number, fields: Partial<EventDraft> = {}): EventDraft {
  const id = filingId(chainId, record.terms.caseNo, record.defaultSeq);
  const balances = startExecution(balancesOf(record));
  record.feeOpen = balances.fee !== undefined;
  record.status = Status.CASE_STATUS_FILED;
  record.filingId = id;
  return nextEvent(record, EventKind.CASE_EVENT_KIND_FILED, legalAtMs, {
    filingId: id, applicationPeriodEndsAtMs: record.applicationPeriodEndsAtMs, warning: periodWarning(record, legalAtMs), ...fields,
  });
}

/**
 * Instalments that fell due while the case was held (suspended or settled) and are still unpaid
 * are taken up again when it runs again: each gets a due-queue entry at `timeMs`, which sorts after
 * the clock's cursor (block times increase), so the clock of this block evaluates it. Their default,
 * if they are still unpaid then, has the resumption as its legal time.
 */
export function takeUpOverdue(record: CaseRecordMsg, timeMs: number): [string, Uint8Array][] {
  const writes: [string, Uint8Array][] = [];
  record.instalments.forEach((instalment, index) => {
    if (instalment.defaulted || instalment.principalFen === 0 || instalment.legalAtMs > timeMs) return;
    instalment.legalAtMs = timeMs;
    writes.push([caseDueKey(timeMs, record.terms.caseNo, index), EMPTY]);
  });
  return writes;
}

/**
 * Instalment `index` is unpaid at its legal time: the DEFAULT event; on the case's first default the
 * agreed one-off penalty and, with the acceleration clause, every later instalment falling due now;
 * with auto_file the filing. The clock's step; it changes `record` and returns the events in order.
 * `chainId` undefined: the step is applied again to a read record (read-case.ts), which never files
 * (the clock writes the record of a step that does).
 */
export function defaultInstalment(record: CaseRecordMsg, index: number, legalAtMs: number, chainId: string | undefined): EventDraft[] {
  const events: EventDraft[] = [];
  const instalment = record.instalments[index]!;
  const first = record.status === Status.CASE_STATUS_ACTIVE;
  instalment.defaulted = true;
  if (first) {
    record.status = Status.CASE_STATUS_DEFAULTED;
    record.defaultSeq = record.eventsCount;
    record.defaultedAtMs = legalAtMs;
  }
  events.push(nextEvent(record, EventKind.CASE_EVENT_KIND_DEFAULT, legalAtMs, {
    instalmentIndex: index, amountFen: instalment.principalFen, applicationPeriodEndsAtMs: record.applicationPeriodEndsAtMs,
    warning: periodWarning(record, legalAtMs),
  }));
  if (record.terms.acceleration && !record.accelerated) events.push(accelerateCase(record, legalAtMs));
  if (first) chargePenalty(record, index);
  if (record.terms.autoFile && record.status === Status.CASE_STATUS_DEFAULTED) {
    assert(chainId !== undefined, () => `case ${record.terms.caseNo}: a step applied again to its read record files for execution`);
    events.push(fileExecution(record, chainId, legalAtMs));
  }
  return events;
}

function accelerateCase(record: CaseRecordMsg, legalAtMs: number): EventDraft {
  record.accelerated = true;
  let fen = 0n;
  record.instalments.forEach((instalment) => {
    if (instalment.defaulted || instalment.principalFen === 0) return;
    instalment.defaulted = true;
    instalment.legalAtMs = legalAtMs;
    fen += fenOf(instalment.principalFen);
  });
  setBalances(record, accelerate(balancesOf(record), chinaDayOf(legalAtMs)), clockWireFen);
  return nextEvent(record, EventKind.CASE_EVENT_KIND_ACCELERATED, legalAtMs, { amountFen: clockWireFen(fen) });
}

/**
 * A one-off penalty (fixed, or a share of the principal unpaid at default) is owed once, at the
 * case's first default, on the principal then in default (all of it after acceleration); it is
 * booked on the instalment that defaulted.
 */
function chargePenalty(record: CaseRecordMsg, index: number): void {
  // Statutory interest and a daily penalty owe nothing at default: no sum, no arithmetic (the terms
  // were checked at creation), for the clock's thousands of defaults a block.
  const kind = record.terms.delay?.kind;
  if (kind === pb.CaseDelayKind.CASE_DELAY_KIND_STATUTORY || kind === pb.CaseDelayKind.CASE_DELAY_KIND_PENALTY_DAILY) return;
  const unpaid = record.instalments.reduce((sum, i) => (i.defaulted ? sum + fenOf(i.principalFen) : sum), 0n);
  const penalty = penaltyAtDefault(delayTermsOf(record.terms!), unpaid);
  if (penalty === 0n) return;
  setBalances(record, addCharge(balancesOf(record), index, penalty), clockWireFen);
}

export const statusName = (status: CaseStatusValue): string => pb.CaseStatus[status].replace('CASE_STATUS_', '');
