// Reconciliation records (docs/payouts.md §8): a day's bank statement matched against the chain,
// reported by an executor or finance key, one per statement date. The chain keeps the report's
// digest and the entries concerning orders; an entry naming a payout changes nothing else.
import { pb, type PayoutReconciliationMsg, type PayoutReconciliationRecordMsg } from '../../codec/proto.js';
import type { DecodedTx } from '../../codec/tx.js';
import { HASH_BYTES, utf8 } from '../../types/index.js';
import { BANK_REF_RE } from '../cases/payments.js';
import { CASE_NO_BYTES_MAX } from '../cases/terms.js';
import type { CasePlan } from '../cases/tx.js';
import type { MemberRecord } from '../members.js';
import type { StateView } from '../view.js';
import { refuse, requireMember, type PayoutContext } from './common.js';
import { reconciliationKey } from './keys.js';

export const RECONCILIATION_ENTRIES_MAX = 10_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const STATES_MAX = pb.ReconciliationState.RECONCILIATION_STATE_UNKNOWN;

const invalid = (message: string): never => refuse('RECONCILIATION_INVALID', message);

/** YYYY-MM-DD naming a real calendar day. */
export function isStatementDate(date: string): boolean {
  const match = DATE_RE.exec(date);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const civil = new Date(Date.UTC(year, month - 1, day));
  return year >= 1970 && civil.getUTCFullYear() === year && civil.getUTCMonth() === month - 1 && civil.getUTCDate() === day;
}

export function checkReconciliationFields(reconciliation: PayoutReconciliationMsg): void {
  if (!isStatementDate(reconciliation.statementDate)) invalid('the statement date is a calendar day written YYYY-MM-DD');
  if (reconciliation.reportDigest.length !== HASH_BYTES) invalid(`the report digest is ${HASH_BYTES} bytes`);
  const entries = reconciliation.entries;
  if (entries.length > RECONCILIATION_ENTRIES_MAX) invalid(`at most ${RECONCILIATION_ENTRIES_MAX} entries`);
  entries.forEach((entry, i) => {
    if (!BANK_REF_RE.test(entry.endToEndId)) invalid(`entry ${i}: the end-to-end id must match ${BANK_REF_RE}`);
    if (entry.state < 1 || entry.state > STATES_MAX) invalid(`entry ${i}: the state is settled, unpaid, mismatched, duplicate or unknown`);
    if (!Number.isSafeInteger(entry.amountFen) || entry.amountFen < 0) invalid(`entry ${i}: the amount is a non-negative integer of fen`);
    if (utf8(entry.caseNo).length > CASE_NO_BYTES_MAX) invalid(`entry ${i}: the case number exceeds ${CASE_NO_BYTES_MAX} bytes`);
  });
}

export async function planReconciliation(tx: DecodedTx, view: StateView, ctx: PayoutContext, member: MemberRecord | undefined):
  Promise<CasePlan> {
  requireMember(member, ['executor', 'finance'], 'report reconciliations');
  const reconciliation = tx.body.payoutReconciliation as PayoutReconciliationMsg;
  const key = reconciliationKey(reconciliation.statementDate);
  if ((await view.get(key)) !== undefined) invalid(`the statement of ${reconciliation.statementDate} is reconciled already`);
  const record = pb.PayoutReconciliationRecord.encode({
    reconciliation, reporter: tx.body.signer, height: ctx.height ?? 0, txHash: tx.hash, timeMs: ctx.timeMs,
  }).finish();
  return { writes: [[key, record]], events: [] };
}

export async function readReconciliation(view: StateView, date: string): Promise<PayoutReconciliationRecordMsg | undefined> {
  if (!isStatementDate(date)) return undefined;
  const bytes = await view.get(reconciliationKey(date));
  return bytes === undefined ? undefined : pb.PayoutReconciliationRecord.decode(bytes) as PayoutReconciliationRecordMsg;
}
