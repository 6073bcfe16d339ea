// A witness for the chain's checkpoints (c2sp.org/tlog-witness) and cosignature/v1 verification
// (c2sp.org/tlog-cosignature): see docs/checkpoints.md, "Witnesses". cosignature.ts and protocol.ts
// are pure; store.ts holds the durable record, witness.ts serialises requests over it, app.ts
// serves them.
export { WITNESS_REFUSALS, WitnessError, isWitnessError, type WitnessErrorCode, type WitnessRefusalCode } from './errors.js';
export {
  COSIGNATURE_V1_TYPE, cosignatureMessage, cosignerKeyId, ed25519Cosigner, encodeCosignerKey, parseCosignerKey, verifyCosignatures,
  type CosignatureCheck, type Cosigner, type CosignerKey,
} from './cosignature.js';
export {
  PROOF_LINES_MAX, addCheckpointBody, decideAddCheckpoint, parseAddCheckpoint, parseLogSpec,
  type AddCheckpointRequest, type Decision, type LogConfig, type Recorded,
} from './protocol.js';
export { FileWitnessStore, MemoryWitnessStore, decodeState, encodeState, writeFileDurably, type WitnessState, type WitnessStore } from './store.js';
export { SIZE_MEDIA_TYPE, TEXT_MEDIA_TYPE, Witness, type WitnessAnswer, type WitnessDeps } from './witness.js';
export { WITNESS_BODY_BYTES_MAX, buildWitnessApp, type WitnessAppOptions } from './app.js';
export {
  heldSize, postAddCheckpoint, proofLines, submitCheckpoint, type SubmitDeps, type SubmitResult, type WitnessReply,
} from './submit.js';

