// The read model, the face NodeCore sees: queries over committed blocks and state in the API's
// shapes, and the receipts a court verifies offline. Below node/ and beside wire/ and blocks/; it
// reads the ledger and never writes.
export { ReadModel } from './read-model.js';
export { evidenceRecords, submitterRecords } from './evidence.js';
export { receiptOf, txInclusion, type ReceiptMsg } from './receipts.js';
export { HistoryTree, historyTreeOf, LEAF_READS_MAX } from './history.js';
export {
  readCaseVerifications, readForeignChainDetail, readForeignChains, readLightBlock, readVerificationCounts, foreignChainOf, registrationOf,
  recordingUpdate,
} from './crosschain.js';
export { setChangesBetween } from './receipts.js';
export {
  CASE_VIEW_PAYOUTS_MAX, MONEY_RECEIVED_SCAN_MAX, PAYOUTS_SCAN_MAX, alertDaysOf, readCasePayouts, readMoneyReceived, readPayout,
  readPayouts, readPolicyView,
} from './payouts.js';
