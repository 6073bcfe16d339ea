// Cross-chain verification in state (docs/crosschain.md): foreign chains registered by governance,
// each with a light client (kinds.ts: a Tianping network followed through its commits, a C2SP
// transparency log through its checkpoints), and the courts' verification records under cases.
// Pure: the block time, the state and the injected verifier are all it reads.
export { FOREIGN_KINDS, UPDATE_ACTIONS, type AnchorContext, type AnchorState, type ForeignKind, type UpdateCheck } from './kinds.js';
export type { CrossChainContext, CrossChainPlan } from './context.js';
export {
  FOREIGN_CHAINS_MAX, FOREIGN_CHAIN_COUNT_KEY, FOREIGN_CHAIN_PREFIX, FOREIGN_NAME_RE, FREEZE_PREFIX, TRUSTED_HEADER_PREFIX, VERIFICATION_PREFIX,
  caseNoOfVerificationKey, foreignChainKey, freezeKey, trustedHeaderKey, trustedHeaderPrefix, verificationCountKey, verificationKey,
  verificationPrefix,
} from './keys.js';
export { foreignStanding, readForeignChain, trustedHeaderAt, type ForeignStanding } from './record.js';
export { allForeignChains, allVerifications, newestTrustedHeaders, readFreeze, trustedHeaders, verificationsOfCase } from './read.js';
export { newestTrustedBelow, trustedHeadersAbove } from './trusted.js';
export {
  FOREIGN_PROPOSAL_KINDS, FOREIGN_SUBJECT_DOMAIN, TRUSTING_PERIOD_MAX_MS, TRUSTING_PERIOD_MIN_MS, checkForeignChainProposal, checkRegistration,
  enactForeignChain, foreignChainSubject, isForeignProposalKind, recheckForeignProposal, type ForeignProposalCheck, type ForeignProposalKind,
} from './registration.js';
export { FUTURE_BOUND_MS, SET_CHANGES_MAX } from './tianping-client.js';
export { CONSISTENCY_PROOF_HASHES_MAX, openLogCheckpoint } from './c2sp-client.js';
export { WITNESS_KEYS_MAX } from './anchors.js';
export { FAILED_CHECK_BYTES_MAX, checkVerificationFields } from './verification.js';
export { applyCrossChainPlan, checkCrossChainStateless, checkCrossChainTx, isCrossChainTx } from './tx.js';
