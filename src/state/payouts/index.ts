// Payouts in state (docs/payouts.md): orders made from money received into a case, their
// approvals by the governed policy, holds, claims and results (with re-issue of a failed payout),
// and the daily reconciliation records. Pure: the block time, the state and the tx are all it reads.
export { accountCommitment, canonicalAccountJson, payoutId, type BankAccount } from '../../codec/payout-ids.js';
export {
  PAYOUT_CASE_PREFIX, PAYOUT_HOLD_PREFIX, PAYOUT_ORDER_PREFIX, PAYOUT_POLICY_KEY, RECONCILIATION_PREFIX, payoutCaseKey, payoutCasePrefix,
  payoutHoldKey, payoutOrderKey, payoutSeqKey, readPayoutCounter, reconciliationKey,
} from './keys.js';
export {
  APPROVER_ROLES, DEFAULT_PAYOUT_POLICY, PAYOUT_POLICY_PROPOSAL_KIND, PAYOUT_POLICY_SUBJECT, checkPayoutPolicy, checkPolicyProposal,
  enactPayoutPolicy, readPayoutPolicy, requiredRolesFor, type ApproverRole,
} from './policy.js';
export { HOLD_KINDS, ORDERS_PER_CASE_MAX, STATUS as PAYOUT_STATUS, orderPayouts, readPayoutOrder } from './orders.js';
export { allPayoutOrders, payoutOrdersOfCase } from './read.js';
export { RECONCILIATION_ENTRIES_MAX, isStatementDate, readReconciliation } from './reconciliation.js';
export { checkPayoutStateless, checkPayoutTx, isPayoutTx } from './tx.js';
export type { PayoutContext } from './common.js';
