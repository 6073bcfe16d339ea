// The generated protobuf classes under short names, and the one decoding rule for untrusted bytes.
import './protobuf-config.js';
import { tianping } from './gen/tianping.js';
import { TianpingError, equalBytes, type ErrorCode } from '../types/index.js';

export const pb = tianping.v1;
export type SignedTxMsg = tianping.v1.SignedTx;
export type TxBodyMsg = tianping.v1.TxBody;
export type AnchorEvidenceMsg = tianping.v1.AnchorEvidence;
export type EvidenceRecordMsg = tianping.v1.EvidenceRecord;
export type TxLocationMsg = tianping.v1.TxLocation;
export type HeaderMsg = tianping.v1.Header;
export type BlockMsg = tianping.v1.Block;
export type CommitMsg = tianping.v1.Commit;
export type VoteMsg = tianping.v1.Vote;
export type ProposalMsg = tianping.v1.Proposal;
export type ValidatorSetMsg = tianping.v1.ValidatorSet;
export type EquivocationRecordMsg = tianping.v1.EquivocationRecord;
export type ReportEquivocationMsg = tianping.v1.ReportEquivocation;
export type ProposalRecordMsg = tianping.v1.ProposalRecord;
// The cross-chain messages as decoded: protobufjs types nested messages by their loose $Properties
// (every field optional), but a decoded message holds full instances with defaults; these aliases say
// so, as the case records' do (state/cases/record.ts).
export type ForeignValidatorSetMsg = Omit<tianping.v1.ValidatorSet, 'validators'> & { validators: tianping.v1.Validator[] };
export type TianpingTrustAnchorMsg = Omit<tianping.v1.TianpingTrustAnchor, 'nextValidators'> & {
  nextValidators?: ForeignValidatorSetMsg | null;
};
export type C2spLogAnchorMsg = tianping.v1.C2spLogAnchor;
export type ForeignChainRegistrationMsg = Omit<tianping.v1.ForeignChainRegistration, 'tianping' | 'c2sp'> & {
  tianping?: TianpingTrustAnchorMsg | null;
  c2sp?: C2spLogAnchorMsg | null;
};
export type ForeignChainProposalMsg = Omit<tianping.v1.ForeignChainProposal, 'registration'> & {
  registration?: ForeignChainRegistrationMsg | null;
};
export type ValidatorSetChangeMsg = Omit<tianping.v1.ValidatorSetChange, 'nextValidators'> & {
  nextValidators?: ForeignValidatorSetMsg | null;
};
export type ForeignHeaderUpdateMsg = Omit<tianping.v1.ForeignHeaderUpdate, 'setChanges' | 'nextValidators'> & {
  setChanges: ValidatorSetChangeMsg[];
  nextValidators?: ForeignValidatorSetMsg | null;
};
export type ForeignMisbehaviourMsg = Omit<tianping.v1.ForeignMisbehaviour, 'first' | 'second'> & {
  first?: ForeignHeaderUpdateMsg | null;
  second?: ForeignHeaderUpdateMsg | null;
};
export type ForeignCheckpointUpdateMsg = tianping.v1.ForeignCheckpointUpdate;
export type CrossChainVerificationMsg = tianping.v1.CrossChainVerification;
export type ForeignChainRecordMsg = Omit<tianping.v1.ForeignChainRecord, 'registration'> & {
  registration?: ForeignChainRegistrationMsg | null;
};
export type ForeignTrustedHeaderMsg = Omit<tianping.v1.ForeignTrustedHeader, 'nextValidators'> & {
  nextValidators?: ForeignValidatorSetMsg | null;
};
export type ForeignFreezeRecordMsg = tianping.v1.ForeignFreezeRecord;
export type CrossChainVerificationRecordMsg = Omit<tianping.v1.CrossChainVerificationRecord, 'verification'> & {
  verification?: CrossChainVerificationMsg | null;
};
/** A payout order (docs/payouts.md §1); its nested messages are full instances once decoded. */
export type PayoutOrderMsg = Omit<tianping.v1.PayoutOrder, 'payee' | 'approvals'> & {
  payee?: tianping.v1.CaseParty | null;
  approvals: tianping.v1.PayoutApprovalMark[];
};
export type PayoutPolicyMsg = Omit<tianping.v1.PayoutPolicy, 'tiers'> & { tiers: tianping.v1.PayoutPolicyTier[] };
export type PayoutApprovalMsg = tianping.v1.PayoutApproval;
export type PayoutHoldMsg = tianping.v1.PayoutHold;
export type PayoutClaimMsg = tianping.v1.PayoutClaim;
export type PayoutResultMsg = tianping.v1.PayoutResult;
export type PayoutReconciliationMsg = Omit<tianping.v1.PayoutReconciliation, 'entries'> & { entries: tianping.v1.ReconciliationEntry[] };
export type ReconciliationEntryMsg = tianping.v1.ReconciliationEntry;
export type PayoutReconciliationRecordMsg = Omit<tianping.v1.PayoutReconciliationRecord, 'reconciliation'> & {
  reconciliation?: PayoutReconciliationMsg | null;
};
export const PayoutHoldKind = tianping.v1.PayoutHoldKind;
export const ReconciliationState = tianping.v1.ReconciliationState;
export const ForeignChainKind = tianping.v1.ForeignChainKind;
export const HashAlgorithm = tianping.v1.HashAlgorithm;
export const VoteType = tianping.v1.VoteType;

/**
 * Node's Buffer.compare where the runtime has one (a memcmp: ~2 µs for a 34 KB batch tx against
 * ~100 µs for a byte loop in JavaScript), the byte loop elsewhere (the SDK in a browser). Read from
 * globalThis so that codec/ imports nothing of Node and runs unchanged in both.
 */
const nativeCompare = (globalThis as { Buffer?: { compare(a: Uint8Array, b: Uint8Array): number } }).Buffer?.compare;

/** Whether a and b hold the same bytes. */
const sameBytes: (a: Uint8Array, b: Uint8Array) => boolean = nativeCompare === undefined ? equalBytes
  : (a, b) => a.length === b.length && nativeCompare(a, b) === 0;

interface MessageType<T> {
  decode(reader: Uint8Array): T;
  encode(message: NoInfer<T>): { finish(): Uint8Array };
}

/**
 * Decodes bytes from outside and accepts them only if re-encoding gives the same bytes. Protobuf
 * allows many encodings of one message (field order, unknown fields, non-minimal varints); since
 * hashes are taken over exact bytes, accepting those would let one signed body travel under
 * several hashes.
 */
export function decodeCanonical<T>(type: MessageType<T>, bytes: Uint8Array, what: string,
  malformed: ErrorCode = 'TX_MALFORMED', notCanonical: ErrorCode = 'TX_NOT_CANONICAL'): T {
  let message: T;
  try {
    message = type.decode(bytes);
  } catch (error) {
    throw new TianpingError(malformed, `${what} does not decode: ${(error as Error).message}`);
  }
  if (!sameBytes(type.encode(message).finish(), bytes)) {
    throw new TianpingError(notCanonical, `${what} is not canonically encoded`);
  }
  return message;
}
