// Judgment contracts in state: the case txs, the block clock, the records and events, and the read
// of what a case owes. The money and calendar arithmetic they run on is ../contracts (a pure leaf);
// the rules, states and reason codes are in docs/contracts.md.
export { applyCasePlan, checkCaseTx, checkEventRoom, isCaseTx, type CaseCheckContext, type CasePlan } from './tx.js';
export { nextCaseDueAtMs, runCaseClock, type ClockContext } from './clock.js';
export { caseEventLocationWrite, decodeBlockEvents, decodeEvent, encodeBlockEvents, encodeEvent, EventKind, type BlockEvent, type CaseEventMsg, type EventDraft } from './events.js';
export {
  CASE_DUE_CURSOR_KEY, CASE_DUE_PREFIX, CASE_EVENT_PREFIX, CASE_PARTY_PREFIX, CASE_RECORD_PREFIX, UNMATCHED_COUNT_KEY, UNMATCHED_PAYMENT_PREFIX,
  caseDueKey, caseEventKey, caseEventPrefix, caseFilingKey, caseNoOfKey, casePartyKey, casePartyPrefix, casePaymentKey, caseRecordKey,
  decodeEventLocation, encodeEventLocation, parseCaseDueKey, unmatchedPaymentKey, type EventLocation,
} from './keys.js';
export { ACTION_FROM, filingId, statusName } from './lifecycle.js';
export { CASE_REASONS, isReasonOf, type CaseActionName } from './reasons.js';
export {
  APPLICATION_PERIOD_EXPIRED, CASE_AMOUNT_MAX_FEN, Status, applicationPeriodEndMs, type CaseRecordMsg, type CaseTermsMsg,
} from './record.js';
export { readCase } from './read-case.js';
export { CASE_NO_RE, TEMPLATE_VERSIONS, isCaseNo } from './terms.js';
export { BANK_REF_RE } from './payments.js';
export { caseOwedAt, type OwedAt } from './owed.js';
