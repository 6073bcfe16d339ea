// What every payout tx shares: its context, its refusals, the signer's standing, the order and
// case it changes, and the plan it becomes (a case plan: its events are case events).
import type { PayoutOrderMsg } from '../../codec/proto.js';
import { TianpingError, type ErrorCode } from '../../types/index.js';
import { readCase } from '../cases/read-case.js';
import { caseRecordWrite, copyCase, type CaseRecordMsg } from '../cases/record.js';
import { isCaseNo } from '../cases/terms.js';
import type { CasePlan } from '../cases/tx.js';
import type { Role } from '../genesis.js';
import type { MemberRecord } from '../members.js';
import type { StateView } from '../view.js';
import { readPayoutOrder, type PayoutChanges } from './orders.js';

export interface PayoutContext {
  readonly chainId: string;
  readonly timeMs: number;
  readonly height?: number | undefined;
}

export function refuse(code: ErrorCode, message: string): never {
  throw new TianpingError(code, message);
}

export function requireMember(member: MemberRecord | undefined, roles: readonly Role[], what: string): void {
  if (member === undefined || member.status !== 'active' || !roles.includes(member.role)) {
    refuse('SIGNER_NOT_MEMBER', `only active ${roles.join(', ')} keys ${what}`);
  }
}

/** The order named by `id` and a copy of its case's record to change. */
export async function orderAndCase(view: StateView, id: Uint8Array): Promise<{ order: PayoutOrderMsg; record: CaseRecordMsg }> {
  const order = await readPayoutOrder(view, id);
  if (order === undefined) refuse('PAYOUT_UNKNOWN', 'no payout order with this id');
  const record = isCaseNo(order.caseNo) ? await readCase(view, order.caseNo) : undefined;
  if (record === undefined) refuse('CASE_UNKNOWN', `no case ${JSON.stringify(order.caseNo)}`);
  return { order, record: copyCase(record) };
}

export const planOf = (changes: PayoutChanges): CasePlan => ({
  writes: [caseRecordWrite(changes.record), ...changes.writes()],
  events: changes.events,
});

