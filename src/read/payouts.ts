// The payout reads over the ledger (docs/payouts.md §1, §3, §8): orders as state keeps them
// (pay/o/<id>, a case's under pay/c/), each with the deadline alert the newest block time gives it
// and the state the newest reconciliation naming it gave it; the policy in force; and the money
// received the chain recorded (case/pay/ and case/unmatched/), which reconciliation matches a bank
// statement against. Every page is bounded, and so is the number of entries a request examines.
import type {
  MoneyReceivedListView, PayoutListQuery, PayoutListView, PayoutPolicyView, PayoutView,
} from '../api/components.js';
import type { tianping } from '../codec/gen/tianping.js';
import { pb, type PayoutOrderMsg, type PayoutReconciliationRecordMsg } from '../codec/index.js';
import { PAYOUT_STATUSES, type PayoutStatusName, type ReconciliationStateName } from '../contract/payouts.js';
import { LedgerError, type Ledger } from '../ledger/index.js';
import { UNMATCHED_PAYMENT_PREFIX, isCaseNo, readCase } from '../state/cases/index.js';
import { readTxLocation } from '../state/index.js';
import {
  DEFAULT_PAYOUT_POLICY, PAYOUT_ORDER_PREFIX, RECONCILIATION_PREFIX, payoutCasePrefix, payoutOrderKey, readPayoutPolicy,
} from '../state/payouts/index.js';
import { TianpingError, toHex } from '../types/index.js';

/** Orders one list request examines at most, matched or not: a filter cannot make a request unbounded. */
export const PAYOUTS_SCAN_MAX = 1_000;
/** Orders shown inside a case's own view; GET /v1/payouts?case= pages through the rest. */
export const CASE_VIEW_PAYOUTS_MAX = 1_000;
/** Payment reports one money-received page examines at most. */
export const MONEY_RECEIVED_SCAN_MAX = 1_000;

const DAY_MS = 86_400_000;
const UNSETTLED: readonly string[] = ['awaiting-approval', 'approved', 'claimed'];
const PAYMENT_PREFIX = 'case/pay/';
const STATE_NAMES: Readonly<Record<number, ReconciliationStateName>> = {
  1: 'settled', 2: 'unpaid', 3: 'mismatched', 4: 'duplicate', 5: 'unknown',
};
const PAYOUT_ID_RE = /^[0-9a-f]{64}$/;

/** What every order of one answer is viewed against: the newest block time, the alert days, the reconciliations. */
interface ViewContext {
  readonly nowMs: number;
  readonly alertDays: readonly number[];
  readonly reconciliations: ReadonlyMap<string, ReconciliationStateName>;
}

const hex = (bytes: Uint8Array | null | undefined): string => toHex(bytes ?? new Uint8Array());

/** The largest alert day passed since the money arrived, for an order still to be paid; else 0. */
export function alertDaysOf(status: string, moneyReceivedAtMs: number, nowMs: number, alertDays: readonly number[]): number {
  if (!UNSETTLED.includes(status)) return 0;
  const elapsed = nowMs - moneyReceivedAtMs;
  return alertDays.reduce((passed, day) => (elapsed >= day * DAY_MS && day > passed ? day : passed), 0);
}

export function payoutView(o: PayoutOrderMsg, ctx: ViewContext): PayoutView {
  const id = hex(o.id);
  const memberKey = o.payee?.memberKey;
  const payee = memberKey != null && memberKey.length > 0 ? { kind: 'member' as const, id: toHex(memberKey) }
    : { kind: 'commitment' as const, id: hex(o.payee?.identityCommitment) };
  if (!(PAYOUT_STATUSES as readonly string[]).includes(o.status)) {
    throw new LedgerError('LEDGER_CORRUPT', `ledger corrupt: payout ${id} has status ${JSON.stringify(o.status)}`);
  }
  return {
    id, caseNo: o.caseNo, payoutSeq: o.payoutSeq, payeeIndex: o.payeeIndex, payee, accountCommitment: hex(o.accountCommitment),
    amountFen: o.amountFen, currency: o.currency, status: o.status as PayoutStatusName, holds: [...o.holds],
    requiredRoles: [...o.requiredRoles],
    approvals: o.approvals.map((a) => ({ approver: hex(a.approver), role: a.role, height: a.height })),
    claimant: hex(o.claimant), claimExpiresAtMs: o.claimExpiresAtMs, bankRef: o.bankRef, failureReason: o.failureReason,
    reissueOf: hex(o.reissueOf), reissuedAs: hex(o.reissuedAs), moneyReceivedAtMs: o.moneyReceivedAtMs, orderedHeight: o.orderedHeight,
    eventSeq: o.eventSeq, alertDays: alertDaysOf(o.status, o.moneyReceivedAtMs, ctx.nowMs, ctx.alertDays),
    reconciliation: ctx.reconciliations.get(id) ?? '',
  };
}

/**
 * For each id asked for, the state of the newest reconciliation entry naming it: the record of the
 * highest height wins (one record per statement date, recorded in any order). Reconciliations are
 * one a day, so reading them all for an answer stays small beside the orders it is for.
 */
async function reconciliationStates(ledger: Ledger, ids: ReadonlySet<string>): Promise<Map<string, ReconciliationStateName>> {
  const found = new Map<string, { height: number; state: ReconciliationStateName }>();
  if (ids.size === 0) return new Map();
  for await (const [, value] of ledger.state.entries(RECONCILIATION_PREFIX)) {
    const record = pb.PayoutReconciliationRecord.decode(value) as unknown as PayoutReconciliationRecordMsg;
    for (const entry of record.reconciliation?.entries ?? []) {
      const state = STATE_NAMES[entry.state];
      if (!ids.has(entry.endToEndId) || state === undefined) continue;
      const before = found.get(entry.endToEndId);
      if (before === undefined || record.height >= before.height) found.set(entry.endToEndId, { height: record.height, state });
    }
  }
  return new Map([...found].map(([id, { state }]) => [id, state]));
}

async function viewsOf(ledger: Ledger, orders: readonly PayoutOrderMsg[]): Promise<PayoutView[]> {
  const policy = await readPayoutPolicy(ledger.state);
  const reconciliations = await reconciliationStates(ledger, new Set(orders.map((o) => hex(o.id))));
  const ctx: ViewContext = { nowMs: ledger.tip.timeMs, alertDays: policy.alertDays, reconciliations };
  return orders.map((o) => payoutView(o, ctx));
}

async function orderAt(ledger: Ledger, idHex: string): Promise<PayoutOrderMsg | undefined> {
  const bytes = await ledger.state.get(payoutOrderKey(idHex));
  return bytes === undefined ? undefined : pb.PayoutOrder.decode(bytes) as unknown as PayoutOrderMsg;
}

async function caseOrderPrefix(ledger: Ledger, caseNo: string): Promise<string> {
  if (!isCaseNo(caseNo) || await readCase(ledger.state, caseNo) === undefined) {
    throw new TianpingError('CASE_UNKNOWN', `no case ${JSON.stringify(caseNo)}`);
  }
  return payoutCasePrefix(caseNo);
}

/**
 * A page of orders by id: all of them, or a case's (pay/c/ index; CASE_UNKNOWN); `status` filters
 * what the scan finds. At most PAYOUTS_SCAN_MAX entries are examined: `next` is set whenever the
 * scan stopped before the end, so a page may hold fewer orders than `limit`.
 */
export async function readPayouts(ledger: Ledger, query: PayoutListQuery): Promise<PayoutListView> {
  const prefix = query.caseNo === undefined ? PAYOUT_ORDER_PREFIX : await caseOrderPrefix(ledger, query.caseNo);
  const after = query.after === undefined ? undefined : prefix + query.after;
  const orders: PayoutOrderMsg[] = [];
  let lastId: string | undefined;
  let examined = 0;
  for (const [key, value] of await ledger.state.scan(prefix, { after, limit: PAYOUTS_SCAN_MAX })) {
    examined++;
    lastId = key.slice(prefix.length);
    const order = query.caseNo === undefined ? pb.PayoutOrder.decode(value) as unknown as PayoutOrderMsg : await orderAt(ledger, lastId);
    if (order === undefined) throw new LedgerError('LEDGER_CORRUPT', `ledger corrupt: ${key} names an order with no record`);
    if (query.status !== undefined && order.status !== query.status) continue;
    orders.push(order);
    if (orders.length === query.limit) break;
  }
  const stoppedEarly = lastId !== undefined && (orders.length === query.limit || examined === PAYOUTS_SCAN_MAX);
  return { payouts: await viewsOf(ledger, orders), ...(stoppedEarly ? { next: lastId! } : {}) };
}

/** One order by id (lowercase hex); PAYOUT_UNKNOWN. */
export async function readPayout(ledger: Ledger, id: string): Promise<PayoutView> {
  const order = PAYOUT_ID_RE.test(id) ? await orderAt(ledger, id) : undefined;
  if (order === undefined) throw new TianpingError('PAYOUT_UNKNOWN', `no payout order ${id}`);
  return (await viewsOf(ledger, [order]))[0]!;
}

/** The first CASE_VIEW_PAYOUTS_MAX orders of a case by id, for its view; none for a case without orders. */
export async function readCasePayouts(ledger: Ledger, caseNo: string): Promise<PayoutView[]> {
  const prefix = payoutCasePrefix(caseNo);
  const orders: PayoutOrderMsg[] = [];
  for (const [key] of await ledger.state.scan(prefix, { limit: CASE_VIEW_PAYOUTS_MAX })) {
    const order = await orderAt(ledger, key.slice(prefix.length));
    if (order === undefined) throw new LedgerError('LEDGER_CORRUPT', `ledger corrupt: ${key} names an order with no record`);
    orders.push(order);
  }
  return viewsOf(ledger, orders);
}

export async function readPolicyView(ledger: Ledger): Promise<PayoutPolicyView> {
  const policy = await readPayoutPolicy(ledger.state);
  return {
    tiers: policy.tiers.map((t) => ({ upToFen: t.upToFen, roles: [...t.roles] })), autoApproveBelowFen: policy.autoApproveBelowFen,
    alertDays: [...policy.alertDays], claimLeaseMs: policy.claimLeaseMs, source: policy === DEFAULT_PAYOUT_POLICY ? 'default' : 'governance',
  };
}

type Received = MoneyReceivedListView['received'][number];

/** The RECEIVED report a case/pay/ entry names (its value is the tx hash); undefined for money paid out. */
async function receivedOfCase(ledger: Ledger, key: string, txHash: Uint8Array): Promise<Received | undefined> {
  const location = await readTxLocation(ledger.state, txHash);
  const stored = location === undefined ? undefined : await ledger.block(location.height);
  const tx = location === undefined ? undefined : stored?.txs[location.index];
  if (tx === undefined) throw new LedgerError('LEDGER_CORRUPT', `ledger corrupt: ${key} names tx ${toHex(txHash)}, not in the chain`);
  const report = pb.TxBody.decode(pb.SignedTx.decode(tx).body).paymentReport as tianping.v1.PaymentReport | null | undefined;
  if (report == null) throw new LedgerError('LEDGER_CORRUPT', `ledger corrupt: ${key} names tx ${toHex(txHash)}, not a payment report`);
  if (report.direction !== pb.PaymentDirection.PAYMENT_DIRECTION_RECEIVED) return undefined;
  return { bankRef: report.bankRef, caseNo: report.caseNo, amountFen: report.amountFen, currency: report.currency,
    receivedAtMs: report.receivedAtMs, height: location!.height };
}

function receivedUnmatched(value: Uint8Array): Received {
  const record = pb.UnmatchedPayment.decode(value);
  const report = record.report;
  return { bankRef: report?.bankRef ?? '', caseNo: '', amountFen: report?.amountFen ?? 0, currency: report?.currency ?? '',
    receivedAtMs: report?.receivedAtMs ?? 0, height: record.height };
}

/**
 * Money received the chain recorded, for reconciliation: RECEIVED reports of cases by case and bank
 * reference (case/pay/, money paid out skipped), then unmatched money (case/unmatched/). At most
 * MONEY_RECEIVED_SCAN_MAX entries are examined; `next` (the last key examined) continues.
 */
export async function readMoneyReceived(ledger: Ledger, page: { after?: string | undefined; limit: number }): Promise<MoneyReceivedListView> {
  const received: Received[] = [];
  let examined = 0;
  let lastKey: string | undefined;
  const limit = Math.min(page.limit, MONEY_RECEIVED_SCAN_MAX);
  for (const prefix of [PAYMENT_PREFIX, UNMATCHED_PAYMENT_PREFIX]) {
    if (page.after !== undefined && page.after >= prefix + '\uffff') continue;
    const after = page.after !== undefined && page.after.startsWith(prefix) ? page.after : undefined;
    for (const [key, value] of await ledger.state.scan(prefix, { after, limit: MONEY_RECEIVED_SCAN_MAX - examined })) {
      examined++;
      lastKey = key;
      const entry = prefix === PAYMENT_PREFIX ? await receivedOfCase(ledger, key, value) : receivedUnmatched(value);
      if (entry !== undefined) received.push(entry);
      if (received.length === limit || examined === MONEY_RECEIVED_SCAN_MAX) break;
    }
    if (received.length === limit || examined === MONEY_RECEIVED_SCAN_MAX) break;
  }
  const full = received.length === limit || examined === MONEY_RECEIVED_SCAN_MAX;
  return { received, ...(full && lastKey !== undefined ? { next: lastKey } : {}) };
}

