// Face of the SDK for browsers and Node. File hashing lives in './file.js' (Node only) and is not
// re-exported here, so bundlers never see node:fs.
export { buildAnchorTx, randomNonce, DEFAULT_TX_LIFETIME_MS, type AnchorTxParams, type BuiltTx } from './tx.js';
export { buildBatchTx, batchTree, saltedDigest, randomSalt, rootOnlyReceipt, batchItemReceipt, INDEXED_BATCH_ITEMS_MAX, SALT_BYTES,
  type BatchTxParams, type BatchTree, type BatchItem } from './batch.js';
export { TianpingClient, ApiError, ClientError, toApiError, type ClientErrorCode, type ClientOptions,
  type SubmitOptions, type PageOptions, type ForeignProof } from './client.js';
export type * from './views.js';
export { joinRequestTx, memberChangeTx, rotateKeyTx, governanceVoteTx, MEMBER_ROLES, MEMBER_CHANGE_KINDS, type MemberRoleName,
  type MemberChangeKindName, type GovernanceTxCommon, type JoinRequestTxParams, type MemberChangeTxParams, type RotateKeyTxParams,
  type GovernanceVoteTxParams } from './governance.js';
export { requestSignatureBase, signRequest, SIGNATURE_LABEL, type SignRequestParams, type SignedRequestHeaders } from './http-signature.js';
export { createHasher, hashEvidence, EVIDENCE_ALGORITHMS, type EvidenceAlgorithm } from '../crypto/hash.js';
export { generateKeyPair, keyPairFromSeed, verifyStrict, type KeyPair } from '../crypto/ed25519.js';
export { encodeReceipt, decodeReceipt, ReceiptFormatError, RECEIPT_VERSION, RECEIPT_VERSION_TRUSTED, type ReceiptTrusted,
  type ReceiptHistoryProof, type Receipt, type ReceiptBatchPath,
  type ReceiptSetChange, type ReceiptValidator } from './receipt.js';
export { receiptToJson, receiptFromJson, formatReceiptJson, parseReceiptJson, parseReceiptBytes, RECEIPT_FORMAT,
  type ReceiptJson } from './receipt-json.js';
export { verifyReceipt, receiptFormatFailure, RECEIPT_CHECKS, RECEIPT_TRUSTED_CHECKS, receiptChecksFor, TrustAnchorError,
  type HeaderHashTrust, type ReceiptCheck, type ReceiptCheckId,
  type ReceiptEvidence, type ReceiptSigner, type ReceiptVerification, type TrustAnchor, type TrustedValidator, type VerifiedReceipt,
} from './receipt-verify.js';
export { encodeEventReceipt, decodeEventReceipt, eventReceiptToJson, eventReceiptFromJson, formatEventReceiptJson, parseAnyReceiptBytes,
  EVENT_RECEIPT_KIND, EVENT_RECEIPT_VERSION, type EventReceipt, type EventReceiptJson, type AnyReceipt } from './event-receipt.js';
export { verifyEventReceipt, EVENT_RECEIPT_CHECKS, type EventReceiptCheckId, type EventReceiptVerification, type VerifiedEventReceipt,
} from './event-receipt-verify.js';
export { createCaseTx, caseActionTx, reportPaymentTx, fileExecutionTx, identityCommitment, CASE_ACTIONS, IDENTITY_SALT_BYTES_MIN,
  type CaseTxCommon, type CreateCaseTxParams, type CaseActionTxParams, type PaymentReportTxParams, type ExecutionFilingTxParams,
} from './cases.js';
export { caseTermsFromJson, parseIsoTime, parseGrace, CASE_TERMS_FORMAT, type CaseTermsWire, type CasePartyWire } from './case-terms.js';
export { encodeTwoHopReceipt, decodeTwoHopReceipt, twoHopReceiptToJson, twoHopReceiptFromJson, parseTwoHopReceiptJson,
  formatTwoHopReceiptJson, parseReceiptFileBytes, TWO_HOP_RECEIPT_KIND, TWO_HOP_RECEIPT_VERSION, type TwoHopReceipt, type TwoHopReceiptJson,
  type TxInclusion, type TxInclusionJson, type ReceiptFile } from './two-hop.js';
export { verifyTwoHopReceipt, twoHopFormatFailure, TWO_HOP_CHECKS, TWO_HOP_MAIN_CHECKS, type TwoHopCheckId, type TwoHopVerification,
  type VerifiedTwoHop } from './two-hop-verify.js';
export { verifyC2spInclusion, C2SP_INCLUSION_CHECKS, type C2spInclusionCheckId, type C2spInclusionProof, type C2spInclusionVerification,
  type C2spLog, type RecordedCheckpoint } from './c2sp-inclusion.js';
export { foreignChainProposalTx, foreignHeaderUpdateTx, foreignMisbehaviourTx, foreignCheckpointUpdateTx, crossChainVerificationTx,
  FOREIGN_CHAIN_KINDS, type ForeignChainKindName, type ForeignChainRegistrationParams, type ForeignChainProposalTxParams,
  type ForeignHeaderUpdateParams, type ForeignHeaderUpdateTxParams, type ForeignMisbehaviourTxParams, type ForeignCheckpointUpdateTxParams,
  type CrossChainVerificationTxParams, type ForeignSetChangeParams, type ForeignSetParams, type ForeignValidatorParams } from './crosschain-tx.js';
export { payoutPolicyProposalTx, payoutApprovalTx, payoutHoldTx, payoutClaimTx, payoutResultTx, payoutReconciliationTx, PAYOUT_HOLD_KINDS,
  RECONCILIATION_STATES, type PayoutHoldKindName, type ReconciliationStateName, type PayoutPolicyParams, type PayoutPolicyProposalTxParams,
  type PayoutIdParam, type PayoutApprovalTxParams, type PayoutHoldTxParams, type PayoutClaimTxParams, type PayoutResultTxParams,
  type ReconciliationEntryParams, type PayoutReconciliationTxParams } from './payout-tx.js';
export { accountCommitment, canonicalAccountJson, payoutId, ACCOUNT_SALT_BYTES_MIN, type BankAccount } from '../codec/payout-ids.js';
