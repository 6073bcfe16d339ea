// Signed reads: the preHandler factory the routes use, and what the app wires once.
export {
  ACCEPT_SIGNATURE, AUTH_ERROR_CODES, describeAccess, REPLAY_CACHE_ENTRIES_MAX, SIGNATURE_ALGORITHM, SIGNATURE_HINT, createSignatureAuth, requestSigner,
  type AccessRule, type RequestSigner, type SignatureAuth, type SignatureAuthOptions,
} from './require-signature.js';
export { digestBody } from './content-digest.js';
export { signatureBase, type RequestView } from './signature-base.js';
