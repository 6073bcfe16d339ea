// The payout txs (docs/payouts.md §3–§5, §8): approvals, holds, claims, results and reconciliations.
// Like a case tx, a check computes the whole outcome (writes and event drafts) against the state it
// is given, and the block writes it as a case plan: the events are case events of the order's case.
import type { tianping } from '../../codec/gen/tianping.js';
import { payoutId } from '../../codec/payout-ids.js';
import type { DecodedTx } from '../../codec/tx.js';
import { pb, type PayoutReconciliationMsg } from '../../codec/proto.js';
import { HASH_BYTES, equalBytes, utf8 } from '../../types/index.js';
import { EventKind } from '../cases/events.js';
import { BANK_REF_RE } from '../cases/payments.js';
import { Status, fenOf, wireFen } from '../cases/record.js';
import type { CasePlan } from '../cases/tx.js';
import type { MemberRecord } from '../members.js';
import type { OrderedState, StateView } from '../view.js';
import { orderAndCase, planOf, refuse, requireMember, type PayoutContext } from './common.js';
import { checkHoldFields, planHold } from './holds.js';
import { PayoutChanges, STATUS, isFinal, makeOrder, takeSeq } from './orders.js';
import { APPROVER_ROLES, readPayoutPolicy } from './policy.js';
import { checkReconciliationFields, planReconciliation } from './reconciliation.js';

export const FAILURE_REASON_BYTES_MAX = 512;

const PAYOUT_ACTIONS = new Set(['payoutApproval', 'payoutHold', 'payoutClaim', 'payoutResult', 'payoutReconciliation']);
export const isPayoutTx = (tx: DecodedTx): boolean => PAYOUT_ACTIONS.has(tx.body.action ?? '');

const checkId = (id: Uint8Array): void => {
  if (id.length !== HASH_BYTES) refuse('PAYOUT_FIELD_INVALID', `a payout id is ${HASH_BYTES} bytes`);
};
const checkAmount = (amountFen: number): void => {
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0) refuse('PAYOUT_FIELD_INVALID', 'the amount is a positive integer of fen');
};

/** The fields each payout tx carries, before any state is read. */
export function checkPayoutStateless(tx: DecodedTx): void {
  const body = tx.body;
  switch (body.action) {
    case 'payoutApproval': {
      const approval = body.payoutApproval as tianping.v1.PayoutApproval;
      checkId(approval.payoutId);
      checkAmount(approval.amountFen);
      return;
    }
    case 'payoutClaim': return checkId((body.payoutClaim as tianping.v1.PayoutClaim).payoutId);
    case 'payoutResult': {
      const result = body.payoutResult as tianping.v1.PayoutResult;
      checkId(result.payoutId);
      checkAmount(result.amountFen);
      if (!BANK_REF_RE.test(result.bankRef)) refuse('PAYOUT_FIELD_INVALID', `the bank reference must match ${BANK_REF_RE}`);
      if (utf8(result.failureReason).length > FAILURE_REASON_BYTES_MAX) refuse('PAYOUT_FIELD_INVALID', 'the failure reason exceeds 512 bytes');
      return;
    }
    case 'payoutHold': return checkHoldFields(body.payoutHold as tianping.v1.PayoutHold);
    default: return checkReconciliationFields(body.payoutReconciliation as PayoutReconciliationMsg);
  }
}

async function planApproval(tx: DecodedTx, view: StateView, ctx: PayoutContext, member: MemberRecord | undefined): Promise<CasePlan> {
  requireMember(member, APPROVER_ROLES, 'approve payouts');
  const approval = tx.body.payoutApproval as tianping.v1.PayoutApproval;
  const { order, record } = await orderAndCase(view, approval.payoutId);
  if (order.status !== STATUS.awaiting) refuse('PAYOUT_STATE_INVALID', `the order is ${order.status}, not awaiting approval`);
  if (approval.amountFen !== order.amountFen) refuse('PAYOUT_AMOUNT_MISMATCH', `the order is of ${order.amountFen} fen`);
  const role = member!.role;
  if (!order.requiredRoles.includes(role) || order.approvals.some((a) => a.role === role)) {
    refuse('PAYOUT_ROLE_NOT_REQUIRED', `the order needs one approval from each of ${order.requiredRoles.join(', ')}; ${role} is not one still needed`);
  }
  order.approvals.push(pb.PayoutApprovalMark.create({ approver: tx.body.signer, role, height: ctx.height ?? 0 }));
  if (order.requiredRoles.every((r) => order.approvals.some((a) => a.role === r))) order.status = STATUS.approved;
  const changes = new PayoutChanges(record, ctx.timeMs, tx.body.signer);
  // Each approval is recorded by a PAYOUT_APPROVED event; the order is approved when its status says so.
  changes.emit(order, EventKind.CASE_EVENT_KIND_PAYOUT_APPROVED);
  return planOf(changes);
}

async function planClaim(tx: DecodedTx, view: StateView, ctx: PayoutContext, member: MemberRecord | undefined): Promise<CasePlan> {
  requireMember(member, ['executor'], 'claim payouts');
  const { order, record } = await orderAndCase(view, (tx.body.payoutClaim as tianping.v1.PayoutClaim).payoutId);
  if (order.status !== STATUS.approved && order.status !== STATUS.claimed) {
    refuse('PAYOUT_STATE_INVALID', `the order is ${order.status}: only an approved order is claimed`);
  }
  if (order.holds.length > 0) refuse('PAYOUT_HELD', `the order is held (${order.holds.join(', ')})`);
  if (record.status === Status.CASE_STATUS_SUSPENDED) refuse('PAYOUT_HELD', 'the case is suspended: its payouts wait');
  const live = order.status === STATUS.claimed && order.claimExpiresAtMs > ctx.timeMs;
  if (live && !equalBytes(order.claimant, tx.body.signer)) refuse('PAYOUT_CLAIMED', `another executor's claim lasts until ${order.claimExpiresAtMs}`);
  const policy = await readPayoutPolicy(view);
  order.status = STATUS.claimed;
  order.claimant = tx.body.signer;
  order.claimExpiresAtMs = ctx.timeMs + policy.claimLeaseMs;
  const changes = new PayoutChanges(record, ctx.timeMs, tx.body.signer);
  changes.emit(order, EventKind.CASE_EVENT_KIND_PAYOUT_CLAIMED);
  return planOf(changes);
}

async function planResult(tx: DecodedTx, view: StateView, ctx: PayoutContext, member: MemberRecord | undefined): Promise<CasePlan> {
  requireMember(member, ['executor'], 'report payout results');
  const result = tx.body.payoutResult as tianping.v1.PayoutResult;
  const { order, record } = await orderAndCase(view, result.payoutId);
  if (isFinal(order)) refuse('PAYOUT_ALREADY_SETTLED', `the order's result is recorded: ${order.status}`);
  if (order.status !== STATUS.claimed) refuse('PAYOUT_STATE_INVALID', `the order is ${order.status}: a result follows a claim`);
  // The claimant of record reports, also after its lease lapsed, as long as nobody took it over.
  if (!equalBytes(order.claimant, tx.body.signer)) refuse('PAYOUT_NOT_CLAIMANT', 'another executor holds the claim');
  if (result.amountFen !== order.amountFen) refuse('PAYOUT_AMOUNT_MISMATCH', `the order is of ${order.amountFen} fen`);
  const height = ctx.height ?? 0;
  const changes = new PayoutChanges(record, ctx.timeMs, tx.body.signer);
  order.bankRef = result.bankRef;
  order.settledHeight = height;
  if (result.settled) {
    order.status = STATUS.settled;
    record.paidOutFen = wireFen(fenOf(record.paidOutFen) + fenOf(order.amountFen), 'money paid out');
    changes.emit(order, EventKind.CASE_EVENT_KIND_PAYOUT_SETTLED);
    return planOf(changes);
  }
  order.status = STATUS.failed;
  order.failureReason = result.failureReason;
  // The new order's id is known before it is made: the failed order's event names it and comes first.
  const seq = await takeSeq(view, changes, 1);
  order.reissuedAs = payoutId(ctx.chainId, order.caseNo, seq, order.payeeIndex);
  changes.emit(order, EventKind.CASE_EVENT_KIND_PAYOUT_FAILED);
  await makeOrder(view, changes, await readPayoutPolicy(view), seq, {
    chainId: ctx.chainId, height, payeeIndex: order.payeeIndex, amountFen: order.amountFen, sourceBankRef: order.sourceBankRef,
    moneyReceivedAtMs: order.moneyReceivedAtMs, reissueOf: order.id,
  });
  return planOf(changes);
}

/** The outcome of a payout tx, or its refusal (a TianpingError with a stable code). */
export function checkPayoutTx(tx: DecodedTx, view: OrderedState, ctx: PayoutContext, member: MemberRecord | undefined): Promise<CasePlan> {
  switch (tx.body.action) {
    case 'payoutApproval': return planApproval(tx, view, ctx, member);
    case 'payoutClaim': return planClaim(tx, view, ctx, member);
    case 'payoutResult': return planResult(tx, view, ctx, member);
    case 'payoutHold': return planHold(tx, view, ctx, member);
    default: return planReconciliation(tx, view, ctx, member);
  }
}
