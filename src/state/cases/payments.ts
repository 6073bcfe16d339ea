// Payment reports: oracle keys report money received into a case account and money paid out of
// it. Money received is allocated by the contract's terms (fee, principal, delay charges, surplus:
// contracts/allocation.ts). Money reported for a case number the chain does not know is recorded as
// unmatched under its bank reference, to be claimed: never refused, never lost. A bank reference
// is reported once per case (and once among unmatched money).
import type { tianping } from '../../codec/gen/tianping.js';
import { pb } from '../../codec/proto.js';
import type { DecodedTx } from '../../codec/tx.js';
import { u32be } from '../../types/index.js';
import { applyReceipt, chinaDayOf, owedAsOf, type Allocation, type Portion } from '../contracts/index.js';
import { readCounter } from '../keys.js';
import { orderPayouts } from '../payouts/orders.js';
import type { MemberRecord } from '../members.js';
import type { StateView } from '../view.js';
import { arithmetic, refuse } from './errors.js';
import { EventKind, nextEvent, type EventDraft } from './events.js';
import { UNMATCHED_COUNT_KEY, casePaymentKey, unmatchedPaymentKey } from './keys.js';
import { RUNNING, liftSuspension } from './lifecycle.js';
import { readCase } from './read-case.js';
import {
  CASE_AMOUNT_MAX_FEN, Status, allocationTermsOf, balancesOf, caseRecordWrite, copyCase, fenOf, setBalances, wireFen, type CaseRecordMsg,
} from './record.js';
import { isCaseNo } from './terms.js';
import type { CaseCheckContext, CasePlan } from './tx.js';

export const BANK_REF_RE = /^[0-9A-Za-z._:/-]{1,64}$/;
/** A reported case number that matches no case is kept as given, up to this many bytes. */
export const REPORTED_CASE_NO_BYTES_MAX = 256;

type Report = tianping.v1.PaymentReport;

function checkReport(report: Report, timeMs: number): bigint {
  if (!BANK_REF_RE.test(report.bankRef)) refuse('PAYMENT_INVALID', `the bank reference must match ${BANK_REF_RE}`);
  if (report.direction !== pb.PaymentDirection.PAYMENT_DIRECTION_RECEIVED && report.direction !== pb.PaymentDirection.PAYMENT_DIRECTION_PAID) {
    refuse('PAYMENT_INVALID', 'the direction is RECEIVED or PAID');
  }
  if (!/^[A-Z]{3}$/.test(report.currency)) refuse('CASE_CURRENCY_INVALID', 'the currency is three capital letters');
  if (report.amountFen === 0) refuse('CASE_AMOUNT_NOT_POSITIVE', 'a payment of nothing');
  if (!Number.isSafeInteger(report.amountFen) || fenOf(report.amountFen) > CASE_AMOUNT_MAX_FEN) {
    refuse('CASE_AMOUNT_OVERFLOW', `a payment exceeds ${CASE_AMOUNT_MAX_FEN} fen`);
  }
  if (!Number.isSafeInteger(report.receivedAtMs) || report.receivedAtMs <= 0 || report.receivedAtMs > timeMs) {
    refuse('PAYMENT_INVALID', `the money's time must lie in (0, ${timeMs}], the block time`);
  }
  if (new TextEncoder().encode(report.caseNo).length > REPORTED_CASE_NO_BYTES_MAX) {
    refuse('PAYMENT_INVALID', `the case number exceeds ${REPORTED_CASE_NO_BYTES_MAX} bytes`);
  }
  return fenOf(report.amountFen);
}

async function planUnmatched(tx: DecodedTx, report: Report, view: StateView, ctx: CaseCheckContext): Promise<CasePlan> {
  if (report.direction === pb.PaymentDirection.PAYMENT_DIRECTION_PAID) refuse('CASE_UNKNOWN', `no case ${JSON.stringify(report.caseNo)} to pay out of`);
  const key = unmatchedPaymentKey(report.bankRef);
  if ((await view.get(key)) !== undefined) refuse('PAYMENT_DUPLICATE', `bank reference ${report.bankRef} is already recorded as unmatched`);
  const seq = await readCounter(view, UNMATCHED_COUNT_KEY);
  const record = pb.UnmatchedPayment.encode({ report, reporter: tx.body.signer, height: ctx.height ?? 0, txHash: tx.hash, seq }).finish();
  const event: EventDraft = {
    caseNo: '', seq, kind: EventKind.CASE_EVENT_KIND_PAYMENT_UNMATCHED, legalAtMs: report.receivedAtMs, signer: tx.body.signer,
    instalmentIndex: -1, amountFen: report.amountFen, bankRef: report.bankRef, reportedCaseNo: report.caseNo,
  };
  return { writes: [[key, record], [UNMATCHED_COUNT_KEY, u32be(seq + 1)]], events: [event] };
}

const sumOf = (portions: readonly Portion[]): bigint => portions.reduce((sum, p) => sum + p.fen, 0n);

/** Applies money received; its events and the creditors' part of it (what is paid out to the payees). */
function receive(record: CaseRecordMsg, report: Report, fen: bigint, ctx: CaseCheckContext, signer: Uint8Array):
  { events: EventDraft[]; creditorFen: bigint } {
  const terms = allocationTermsOf(record);
  const day = chinaDayOf(report.receivedAtMs);
  const { balances, allocation } = arithmetic(() => applyReceipt(balancesOf(record), { amount: { fen, currency: report.currency }, day }, terms));
  setBalances(record, balances, wireFen);
  record.receivedFen = wireFen(fenOf(record.receivedFen) + fen, 'money received');
  record.creditorFen = wireFen(fenOf(record.creditorFen) + allocation.creditorFen, 'the creditors\' money');
  record.surplusFen = wireFen(fenOf(record.surplusFen) + allocation.surplusFen, 'surplus');
  const events = [nextEvent(record, EventKind.CASE_EVENT_KIND_PAYMENT_RECEIVED, report.receivedAtMs, receivedFields(report, allocation, signer))];
  const held = record.status === Status.CASE_STATUS_SUSPENDED || record.status === Status.CASE_STATUS_SETTLED;
  if (RUNNING.includes(record.status) || held) {
    const owed = arithmetic(() => owedAsOf(balances, day, terms));
    if (owed.debtFen === 0n && owed.feeShortfallFen === 0n) {
      liftSuspension(record, ctx.timeMs);
      record.status = Status.CASE_STATUS_PERFORMED;
      events.push(nextEvent(record, EventKind.CASE_EVENT_KIND_PERFORMED, report.receivedAtMs));
    }
  }
  return { events, creditorFen: allocation.creditorFen };
}

function receivedFields(report: Report, allocation: Allocation, signer: Uint8Array): Partial<EventDraft> {
  return {
    signer, amountFen: report.amountFen, bankRef: report.bankRef, feeFen: Number(allocation.feeFen),
    principalFen: Number(sumOf(allocation.principal)), chargesFen: Number(sumOf(allocation.charges)), surplusFen: Number(allocation.surplusFen),
  };
}

function payOut(record: CaseRecordMsg, report: Report, fen: bigint, signer: Uint8Array): EventDraft[] {
  const paid = fenOf(record.paidOutFen) + fen;
  if (paid > fenOf(record.creditorFen)) refuse('PAYMENT_INVALID', 'more paid out of the case than its creditors received');
  record.paidOutFen = wireFen(paid, 'money paid out');
  return [nextEvent(record, EventKind.CASE_EVENT_KIND_PAYMENT_PAID, report.receivedAtMs, { signer, amountFen: report.amountFen, bankRef: report.bankRef })];
}

export async function checkPayment(tx: DecodedTx, view: StateView, ctx: CaseCheckContext, member: MemberRecord | undefined): Promise<CasePlan> {
  if (member?.status !== 'active' || member.role !== 'oracle') refuse('CASE_SIGNER_NOT_ALLOWED', 'only active oracle keys report payments');
  const report = tx.body.paymentReport as Report;
  const fen = checkReport(report, ctx.timeMs);
  const found = isCaseNo(report.caseNo) ? await readCase(view, report.caseNo) : undefined;
  if (found === undefined) return planUnmatched(tx, report, view, ctx);
  const payKey = casePaymentKey(report.caseNo, report.bankRef);
  if ((await view.get(payKey)) !== undefined) refuse('PAYMENT_DUPLICATE', `bank reference ${report.bankRef} is already reported for this case`);
  if (report.currency !== found.terms.currency) refuse('CASE_CURRENCY_MISMATCH', `the case is in ${found.terms.currency}`);
  const record = copyCase(found);
  if (report.direction === pb.PaymentDirection.PAYMENT_DIRECTION_PAID) {
    const events = payOut(record, report, fen, tx.body.signer);
    return { writes: [caseRecordWrite(record), [payKey, tx.hash]], events };
  }
  const received = receive(record, report, fen, ctx, tx.body.signer);
  // The creditors' part goes out to the payees: one payout order each (docs/payouts.md §1).
  const payouts = await orderPayouts(view, record, received.creditorFen,
    { chainId: ctx.chainId, height: ctx.height ?? 0, bankRef: report.bankRef, receivedAtMs: report.receivedAtMs }, ctx.timeMs, tx.body.signer);
  return {
    writes: [caseRecordWrite(record), [payKey, tx.hash], ...payouts.writes],
    events: [...received.events, ...payouts.events],
  };
}
