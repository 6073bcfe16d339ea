// Holds (docs/payouts.md §4): a court or officer key puts a typed hold on one order, or on the case:
// then on every unsettled order of the case and on those it makes later, until released. A held
// order cannot be claimed. Each order a hold or release changes has its PAYOUT_HELD or
// PAYOUT_RELEASED event. The case's own holds are kept under pay/hold/<case>/<kind> (the overlay
// deletes nothing: a release rewrites the record with `release` set).
import type { tianping } from '../../codec/gen/tianping.js';
import { pb, type PayoutOrderMsg } from '../../codec/proto.js';
import type { DecodedTx } from '../../codec/tx.js';
import { HASH_BYTES, utf8 } from '../../types/index.js';
import { EventKind } from '../cases/events.js';
import { readCase } from '../cases/read-case.js';
import { Status, copyCase, type CaseRecordMsg } from '../cases/record.js';
import { isCaseNo } from '../cases/terms.js';
import type { CasePlan } from '../cases/tx.js';
import type { MemberRecord } from '../members.js';
import type { OrderedState } from '../view.js';
import { payoutCasePrefix, payoutHoldKey } from './keys.js';
import { HOLD_KINDS, ORDERS_PER_CASE_MAX, PayoutChanges, isFinal, readPayoutOrder, sortHolds } from './orders.js';
import { planOf, refuse, requireMember, type PayoutContext } from './common.js';

export const HOLD_REASON_BYTES_MAX = 512;
const CLOSED: readonly number[] = [Status.CASE_STATUS_CLOSED, Status.CASE_STATUS_TERMINATED];

export function checkHoldFields(hold: tianping.v1.PayoutHold): void {
  if (!isCaseNo(hold.caseNo)) refuse('PAYOUT_FIELD_INVALID', 'the hold names its case by a valid case number');
  if (hold.payoutId.length !== 0 && hold.payoutId.length !== HASH_BYTES) refuse('PAYOUT_FIELD_INVALID', `a payout id is ${HASH_BYTES} bytes`);
  if (HOLD_KINDS[hold.kind] === undefined) refuse('PAYOUT_FIELD_INVALID', 'the hold kind is dispute, freeze, suspension or not-collecting');
  if (utf8(hold.reason).length > HOLD_REASON_BYTES_MAX) refuse('PAYOUT_FIELD_INVALID', `the reason exceeds ${HOLD_REASON_BYTES_MAX} bytes`);
}

/** Puts `kind` on the order or lifts it; false when that changes nothing. */
function change(order: PayoutOrderMsg, kind: string, release: boolean): boolean {
  const has = order.holds.includes(kind);
  if (release === !has) return false;
  order.holds = release ? order.holds.filter((k) => k !== kind) : sortHolds([...order.holds, kind]);
  return true;
}

const eventOf = (release: boolean): number => (release ? EventKind.CASE_EVENT_KIND_PAYOUT_RELEASED : EventKind.CASE_EVENT_KIND_PAYOUT_HELD);

async function holdOne(view: OrderedState, changes: PayoutChanges, hold: tianping.v1.PayoutHold, kind: string): Promise<void> {
  const order = await readPayoutOrder(view, hold.payoutId);
  if (order === undefined || order.caseNo !== hold.caseNo) refuse('PAYOUT_UNKNOWN', 'no payout order with this id in this case');
  if (isFinal(order)) refuse('PAYOUT_HOLD_INVALID', `the order is ${order.status}: nothing to hold or release`);
  if (!change(order, kind, hold.release)) {
    refuse('PAYOUT_HOLD_INVALID', hold.release ? `no ${kind} hold is in force on the order` : `a ${kind} hold is in force on the order already`);
  }
  changes.emit(order, eventOf(hold.release));
}

/** Every unsettled order of the case, in id order. */
async function unsettledOrders(view: OrderedState, caseNo: string): Promise<PayoutOrderMsg[]> {
  const out: PayoutOrderMsg[] = [];
  for (const [key] of await view.scan(payoutCasePrefix(caseNo), { limit: ORDERS_PER_CASE_MAX })) {
    const order = await readPayoutOrder(view, key.slice(key.lastIndexOf('/') + 1));
    if (order !== undefined && !isFinal(order)) out.push(order);
  }
  return out;
}

async function holdCase(view: OrderedState, changes: PayoutChanges, hold: tianping.v1.PayoutHold, kind: string): Promise<void> {
  const key = payoutHoldKey(hold.caseNo, kind);
  const bytes = await view.get(key);
  const inForce = bytes !== undefined && !pb.PayoutHold.decode(bytes).release;
  if (hold.release !== inForce) {
    refuse('PAYOUT_HOLD_INVALID', hold.release ? `no ${kind} hold is in force on the case` : `the case is under a ${kind} hold already`);
  }
  changes.extra.push([key, pb.PayoutHold.encode(hold).finish()]);
  for (const order of await unsettledOrders(view, hold.caseNo)) {
    if (change(order, kind, hold.release)) changes.emit(order, eventOf(hold.release));
  }
}

export async function planHold(tx: DecodedTx, view: OrderedState, ctx: PayoutContext, member: MemberRecord | undefined): Promise<CasePlan> {
  requireMember(member, ['court', 'officer'], 'put or lift payout holds');
  const hold = tx.body.payoutHold as tianping.v1.PayoutHold;
  const found = await readCase(view, hold.caseNo);
  if (found === undefined) refuse('CASE_UNKNOWN', `no case ${JSON.stringify(hold.caseNo)}`);
  const record: CaseRecordMsg = copyCase(found);
  if (!hold.release && CLOSED.includes(record.status)) refuse('PAYOUT_HOLD_INVALID', 'a closed or terminated case takes no new hold');
  const kind = HOLD_KINDS[hold.kind]!;
  const changes = new PayoutChanges(record, ctx.timeMs, tx.body.signer);
  if (hold.payoutId.length === 0) await holdCase(view, changes, hold, kind);
  else await holdOne(view, changes, hold, kind);
  return planOf(changes);
}
