// Reads of payouts for the API, the CLI and the dispatcher: lists by scan (ScannableState), single
// records by key. Block execution reads orders by key only (orders.ts, holds.ts).
import { pb, type PayoutOrderMsg } from '../../codec/proto.js';
import type { ScannableState } from '../view.js';
import { PAYOUT_ORDER_PREFIX, payoutCasePrefix, payoutOrderKey } from './keys.js';

const decodeOrder = (bytes: Uint8Array): PayoutOrderMsg => pb.PayoutOrder.decode(bytes) as unknown as PayoutOrderMsg;

/** Every payout order of the chain, by id. */
export async function* allPayoutOrders(state: ScannableState): AsyncIterable<PayoutOrderMsg> {
  for await (const [, value] of state.entries(PAYOUT_ORDER_PREFIX)) yield decodeOrder(value);
}

/**
 * A case's orders in payout_seq then payee order: the index holds them by id, so they are read
 * and sorted (a case holds at most 65,536).
 */
export async function* payoutOrdersOfCase(state: ScannableState, caseNo: string): AsyncIterable<PayoutOrderMsg> {
  if (caseNo.length === 0) return;
  const orders: PayoutOrderMsg[] = [];
  const prefix = payoutCasePrefix(caseNo);
  for await (const [key] of state.entries(prefix)) {
    const bytes = await state.get(payoutOrderKey(key.slice(prefix.length)));
    if (bytes !== undefined) orders.push(decodeOrder(bytes));
  }
  orders.sort((a, b) => a.payoutSeq - b.payoutSeq || a.payeeIndex - b.payeeIndex);
  yield* orders;
}
