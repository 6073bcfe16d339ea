// Where payouts live in state (docs/payouts.md §1): each order under its id, the case's orders
// as an index of empty values, the case's payout counter, the policy, the case's own holds, and one
// reconciliation record per statement date. Case numbers appear in keys as the hex of their UTF-8
// bytes, as under case/ (cases/keys.ts).
import { hexOf, readU32be, toHex, u32be, utf8 } from '../../types/index.js';
import type { StateView } from '../view.js';

export const PAYOUT_ORDER_PREFIX = 'pay/o/';
export const payoutOrderKey = (id: Uint8Array | string): string => `${PAYOUT_ORDER_PREFIX}${hexOf(id)}`;

export const PAYOUT_CASE_PREFIX = 'pay/c/';
export const payoutCasePrefix = (caseNo: string): string => `${PAYOUT_CASE_PREFIX}${toHex(utf8(caseNo))}/`;
export const payoutCaseKey = (caseNo: string, id: Uint8Array | string): string => `${payoutCasePrefix(caseNo)}${hexOf(id)}`;

export const payoutSeqKey = (caseNo: string): string => `pay/seq/${toHex(utf8(caseNo))}`;
export const PAYOUT_POLICY_KEY = 'pay/policy';

export const PAYOUT_HOLD_PREFIX = 'pay/hold/';
/** A hold the case itself is under, by kind name: its record (PayoutHold; `release` true once lifted). */
export const payoutHoldKey = (caseNo: string, kind: string): string => `${PAYOUT_HOLD_PREFIX}${toHex(utf8(caseNo))}/${kind}`;

export const RECONCILIATION_PREFIX = 'pay/recon/';
export const reconciliationKey = (date: string): string => `${RECONCILIATION_PREFIX}${date}`;

/**
 * The case's payout counter: the next payout_seq and how many orders the case holds (the bound of
 * docs/payouts.md §10), as u32be ‖ u32be; both 0 when unset.
 */
export interface PayoutCounter {
  readonly nextSeq: number;
  readonly orders: number;
}

export async function readPayoutCounter(view: StateView, caseNo: string): Promise<PayoutCounter> {
  const bytes = await view.get(payoutSeqKey(caseNo));
  return bytes === undefined ? { nextSeq: 0, orders: 0 } : { nextSeq: readU32be(bytes, 0), orders: readU32be(bytes, 4) };
}

export function encodePayoutCounter(counter: PayoutCounter): Uint8Array {
  const out = new Uint8Array(8);
  out.set(u32be(counter.nextSeq), 0);
  out.set(u32be(counter.orders), 4);
  return out;
}
