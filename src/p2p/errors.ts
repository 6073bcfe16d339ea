// Typed errors of the p2p layer. Callers (the node driver, catch-up, block sync) branch on `code`,
// never on message text, so a code once used keeps its meaning.

export const P2P_ERROR_CODES = [
  /** A node id is not 32 bytes of hex, or a peer id is not an ed25519 one. */
  'INVALID_NODE_ID',
  /** A bootstrap or listen address does not parse, or a bootstrap address lacks /p2p/<peerId>. */
  'INVALID_MULTIADDR',
  /** The seed is not 32 bytes, or another setting is out of range. */
  'INVALID_CONFIG',
  /** A protocol name is not of the allowed shape. */
  'INVALID_PROTOCOL_NAME',
  /** subscribe() or handle() was called twice for the same topic or protocol. */
  'ALREADY_REGISTERED',
  /** A message to publish exceeds this node's own per-topic limit. */
  'MESSAGE_TOO_LARGE',
  /** request() to a node with no open connection (requests never dial: the redial loop does). */
  'PEER_NOT_CONNECTED',
  /** The remote node does not serve the protocol. */
  'PROTOCOL_UNSUPPORTED',
  /** No complete response within the timeout. */
  'REQUEST_TIMEOUT',
  /** The request exceeds the limit (ours before sending, or the remote's as it answered). */
  'REQUEST_TOO_LARGE',
  /** The response announced more bytes than the caller accepts. */
  'RESPONSE_TOO_LARGE',
  /** The remote handler failed; it tells no more, so internal details do not leak between members. */
  'REMOTE_ERROR',
  /** The remote refused the request as our fault (malformed, non-canonical, out of bounds); it penalised us. */
  'REQUEST_REFUSED',
  /** Malformed frame, stream reset or closed early. */
  'PROTOCOL_ERROR',
  /** A length prefix that is not a minimal varint of at most 4 bytes, or bytes after the one frame: never sent by our code. */
  'MALFORMED_FRAME',
  /** gossipsub refused to publish for a reason other than "no subscribers". */
  'PUBLISH_FAILED',
  /** The host was stopped. */
  'STOPPED',
] as const;

export type P2PErrorCode = (typeof P2P_ERROR_CODES)[number];

export class P2PError extends Error {
  override name = 'P2PError';
  readonly code: P2PErrorCode;

  constructor(code: P2PErrorCode, message?: string, options?: { cause?: unknown }) {
    super(message ?? code, options);
    this.code = code;
  }
}

export function isP2PError(error: unknown, code?: P2PErrorCode): error is P2PError {
  return error instanceof P2PError && (code === undefined || error.code === code);
}

/**
 * Why a request is the requesting peer's fault: 'malformed' (does not decode), 'non-canonical' (a
 * second encoding of a message), 'out-of-bounds' (a field no honest node sends, e.g. a height past
 * 2^53), 'abuse' (well-formed, but asks for more work than any honest node does).
 */
export type PeerFault = 'malformed' | 'non-canonical' | 'out-of-bounds' | 'abuse';

/**
 * Thrown by a request handler to say the request is the peer's fault: the peer is answered
 * "refused" and penalised as for an invalid gossip message. Any other error is taken as ours.
 */
export class PeerFaultError extends Error {
  override name = 'PeerFaultError';
  readonly fault: PeerFault;

  constructor(fault: PeerFault, message?: string, options?: { cause?: unknown }) {
    super(message ?? fault, options);
    this.fault = fault;
  }
}

export function isPeerFaultError(error: unknown): error is PeerFaultError {
  return error instanceof PeerFaultError;
}
