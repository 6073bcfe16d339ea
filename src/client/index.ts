// Face of the SDK for browsers and Node. File hashing lives in './file.js' (Node only) and is not
// re-exported here, so bundlers never see node:fs.
export { buildAnchorTx, randomNonce, DEFAULT_TX_LIFETIME_MS, type AnchorTxParams, type BuiltTx } from './tx.js';
export { TianpingClient, ApiError, ClientError, toApiError, type ClientErrorCode, type ClientOptions,
  type SubmitOptions, type PageOptions } from './client.js';
export type * from './views.js';
export { createHasher, hashEvidence, EVIDENCE_ALGORITHMS, type EvidenceAlgorithm } from '../crypto/hash.js';
export { generateKeyPair, keyPairFromSeed, verifyStrict, type KeyPair } from '../crypto/ed25519.js';
