// Face of the Tendermint consensus core (docs/consensus.md is its specification). The driver creates
// one core per node with createTendermintCore(context) and feeds it events; it never touches the
// state's fields except to read them.
export { createTendermintCore, step, type StepResult, type TendermintCore } from './step.js';
export type { ConsensusEvent, CatchUpRequest, PeerId } from './events.js';
export type { ConsensusEffect } from './effects.js';
export {
  createConsensusState,
  type ConsensusState,
  type Decision,
  type Status,
  type Step,
  type Validity,
} from './state.js';
export {
  DEFAULT_CONSENSUS_PARAMS,
  isTimely,
  messageDelayMs,
  timeoutDurationMs,
  type TimeoutStep,
} from './params.js';
export {
  checkSign,
  SIGN_STEP_PRECOMMIT,
  SIGN_STEP_PREVOTE,
  SIGN_STEP_PROPOSAL,
  type DurableRecord,
  type SignedRecord,
  type SignStep,
} from './privval.js';
export {
  createValidatorSet,
  indexOfPublicKey,
  isOneThirdPlus,
  isQuorum,
  nextHeightValidatorSet,
  proposerIndex,
  TOTAL_POWER_MAX,
} from './validators.js';
export { buildCertificate, certificateVotes, verifyCertificate, type CertificateCheck } from './certificate.js';
export { admission, type Admission } from './receive.js';
export {
  VOTE_PRECOMMIT,
  VOTE_PREVOTE,
  type CommitCertificate,
  type CommitSignature,
  type ConsensusBlock,
  type ConsensusContext,
  type ConsensusParams,
  type ConsensusSigner,
  type Evidence,
  type Proposal,
  type RoundOrNone,
  type SignatureVerifier,
  type Validator,
  type ValidatorSet,
  type Vote,
  type VoteType,
} from './types.js';
