// Payout orders (docs/payouts.md §1): made when money RECEIVED into a case is applied, one per payee
// whose part of the creditors' money is above zero, and re-issued when a payout fails. Every change
// of an order is a case event carrying the order as it stands after it (CaseEvent.payout), numbered
// by the case record's event counter like every case event; the order names that event (event_seq).
import type { tianping } from '../../codec/gen/tianping.js';
import { payoutId } from '../../codec/payout-ids.js';
import { pb, type PayoutOrderMsg, type PayoutPolicyMsg } from '../../codec/proto.js';
import { TianpingError, toHex } from '../../types/index.js';
import { splitByShares } from '../contracts/index.js';
import { arithmetic } from '../cases/errors.js';
import { EventKind, nextEvent, type EventDraft } from '../cases/events.js';
import { Status, type CaseRecordMsg } from '../cases/record.js';
import type { StateView } from '../view.js';
import {
  encodePayoutCounter, payoutCaseKey, payoutHoldKey, payoutOrderKey, payoutSeqKey, readPayoutCounter, type PayoutCounter,
} from './keys.js';
import { readPayoutPolicy, requiredRolesFor } from './policy.js';

export const ORDERS_PER_CASE_MAX = 65_536;
export const STATUS = {
  awaiting: 'awaiting-approval', approved: 'approved', claimed: 'claimed', settled: 'settled', failed: 'failed',
} as const;
/** Hold kinds by their PayoutHoldKind value; an order lists its holds in this order. */
export const HOLD_KINDS: Readonly<Record<number, string>> = { 1: 'dispute', 2: 'freeze', 3: 'suspension', 4: 'not-collecting' };
const HOLD_ORDER = Object.values(HOLD_KINDS);

export const isFinal = (order: PayoutOrderMsg): boolean => order.status === STATUS.settled || order.status === STATUS.failed;
export const sortHolds = (holds: Iterable<string>): string[] => HOLD_ORDER.filter((kind) => [...holds].includes(kind));

export async function readPayoutOrder(view: StateView, id: Uint8Array | string): Promise<PayoutOrderMsg | undefined> {
  const bytes = await view.get(payoutOrderKey(id));
  return bytes === undefined ? undefined : pb.PayoutOrder.decode(bytes) as unknown as PayoutOrderMsg;
}

const copyOrder = (order: PayoutOrderMsg): PayoutOrderMsg =>
  pb.PayoutOrder.decode(pb.PayoutOrder.encode(order).finish()) as unknown as PayoutOrderMsg;

/** What a tx does to a case's payouts: the orders it wrote and the events that record each change. */
export class PayoutChanges {
  readonly orders = new Map<string, PayoutOrderMsg>();
  readonly events: EventDraft[] = [];
  readonly extra: [string, Uint8Array][] = [];
  counter: PayoutCounter | undefined;

  constructor(readonly record: CaseRecordMsg, readonly timeMs: number, readonly signer: Uint8Array) {}

  /** The order after a change, recorded as event `kind` (the event carries a copy: later changes stay out of it). */
  emit(order: PayoutOrderMsg, kind: tianping.v1.CaseEventKind): void {
    order.eventSeq = this.record.eventsCount;
    this.events.push(nextEvent(this.record, kind, this.timeMs, {
      signer: this.signer, amountFen: order.amountFen, bankRef: order.bankRef, payout: copyOrder(order),
    }));
    this.orders.set(toHex(order.id), order);
  }

  writes(): [string, Uint8Array][] {
    const out: [string, Uint8Array][] = [...this.orders.values()].map((o) => [payoutOrderKey(o.id), pb.PayoutOrder.encode(o).finish()]);
    if (this.counter !== undefined) out.push([payoutSeqKey(this.record.terms.caseNo), encodePayoutCounter(this.counter)]);
    return [...out, ...this.extra];
  }
}

/** The hold kinds a new order of the case starts with (§1): the case's own, no account, a suspended case. */
async function initialHolds(view: StateView, record: CaseRecordMsg, commitment: Uint8Array): Promise<string[]> {
  const holds = new Set<string>();
  for (const kind of HOLD_ORDER) {
    const bytes = await view.get(payoutHoldKey(record.terms.caseNo, kind));
    if (bytes !== undefined && !pb.PayoutHold.decode(bytes).release) holds.add(kind);
  }
  if (commitment.length === 0) holds.add('not-collecting');
  if (record.status === Status.CASE_STATUS_SUSPENDED) holds.add('suspension');
  return sortHolds(holds);
}

export interface OrderSource {
  readonly chainId: string;
  readonly height: number;
  readonly payeeIndex: number;
  readonly amountFen: number;
  readonly sourceBankRef: string;
  readonly moneyReceivedAtMs: number;
  readonly reissueOf?: Uint8Array;
}

/** The next payout_seq of the case, counted into `changes` (refused once the case holds its most orders). */
export async function takeSeq(view: StateView, changes: PayoutChanges, orders: number): Promise<number> {
  const counter = changes.counter ?? await readPayoutCounter(view, changes.record.terms.caseNo);
  if (counter.orders + orders > ORDERS_PER_CASE_MAX) {
    throw new TianpingError('CASE_LIMIT_EXCEEDED', `a case holds at most ${ORDERS_PER_CASE_MAX} payout orders`);
  }
  changes.counter = { nextSeq: counter.nextSeq + 1, orders: counter.orders + orders };
  return counter.nextSeq;
}

/** A new order (PAYOUT_ORDERED), approved at once below the policy's bound (then PAYOUT_APPROVED too). */
export async function makeOrder(view: StateView, changes: PayoutChanges, policy: PayoutPolicyMsg, seq: number, source: OrderSource):
  Promise<PayoutOrderMsg> {
  const { record } = changes;
  const payee = record.terms.payees[source.payeeIndex]!;
  const commitment = payee.accountCommitment ?? new Uint8Array();
  const autoApproved = source.amountFen < policy.autoApproveBelowFen;
  const order = pb.PayoutOrder.create({
    id: payoutId(source.chainId, record.terms.caseNo, seq, source.payeeIndex), caseNo: record.terms.caseNo, payoutSeq: seq,
    payeeIndex: source.payeeIndex, payee: payee.party ?? null, accountCommitment: commitment, amountFen: source.amountFen,
    currency: record.terms.currency, caseAccountRef: record.terms.caseAccountRef, sourceBankRef: source.sourceBankRef,
    moneyReceivedAtMs: source.moneyReceivedAtMs, orderedHeight: source.height, reissueOf: source.reissueOf ?? new Uint8Array(),
    status: autoApproved ? STATUS.approved : STATUS.awaiting, approvals: [], requiredRoles: requiredRolesFor(policy, source.amountFen),
    holds: await initialHolds(view, record, commitment),
  }) as unknown as PayoutOrderMsg;
  changes.emit(order, EventKind.CASE_EVENT_KIND_PAYOUT_ORDERED);
  // A dispatcher follows PAYOUT_APPROVED events: an order approved when made has one too.
  if (autoApproved) changes.emit(order, EventKind.CASE_EVENT_KIND_PAYOUT_APPROVED);
  changes.extra.push([payoutCaseKey(record.terms.caseNo, order.id), new Uint8Array()]);
  return order;
}

export interface Receipt {
  readonly chainId: string;
  readonly height: number;
  readonly bankRef: string;
  readonly receivedAtMs: number;
}

/**
 * The creditors' part of a receipt split among the payees by weight (largest remainder), one order
 * per payee whose part is above zero, all under one payout_seq. Changes `record` (its event
 * counter); returns the writes and the events in payee order.
 */
export async function orderPayouts(view: StateView, record: CaseRecordMsg, creditorFen: bigint, receipt: Receipt, timeMs: number,
  signer: Uint8Array): Promise<{ writes: [string, Uint8Array][]; events: EventDraft[] }> {
  if (creditorFen === 0n) return { writes: [], events: [] };
  const parts = arithmetic(() => splitByShares(creditorFen, record.terms.payees.map((p) => BigInt(p.weight ?? 0))));
  const changes = new PayoutChanges(record, timeMs, signer);
  const policy = await readPayoutPolicy(view);
  const seq = await takeSeq(view, changes, parts.filter((p) => p > 0n).length);
  for (const [payeeIndex, part] of parts.entries()) {
    if (part === 0n) continue;
    await makeOrder(view, changes, policy, seq, {
      chainId: receipt.chainId, height: receipt.height, payeeIndex, amountFen: Number(part), sourceBankRef: receipt.bankRef,
      moneyReceivedAtMs: receipt.receivedAtMs,
    });
  }
  return { writes: changes.writes(), events: changes.events };
}
