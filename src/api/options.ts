// Options of the HTTP API, set by the node from NodeConfig.api. Listening (host, port) stays with
// the caller: buildApp only builds.
import type { FastifyBaseLogger, preHandlerAsyncHookHandler } from 'fastify';
import type { SignatureVerifier } from '../crypto/ed25519.js';
import type { Clock, ErrorCode } from '../types/index.js';
import type { AccessRule } from './auth/index.js';
import type { ApiComponents } from './components.js';
import type { ConnectionBounds } from './connection-limits.js';

/**
 * The router refuses a longer path parameter with 414 URI_TOO_LONG before any route runs. Hashes,
 * digests and keys are 64 hex characters and web asset names are short, so nothing valid is near it.
 */
export const PATH_PARAM_CHARS_MAX = 100;

export interface ApiLimits {
  /** Largest request body accepted, JSON or protobuf. */
  readonly bodyBytesMax: number;
  /** Upper bound of ?wait=commit, and its default. */
  readonly commitWaitMsMax: number;
  /** Anchors returned by one evidence lookup at most, and the default page size. */
  readonly evidencePageMax: number;
}

export interface ApiOptions extends ApiLimits {
  /** A pino logger (the node's, so API lines share its destination), or false for none. */
  readonly logger?: FastifyBaseLogger | false;
  /** Node version, shown in the OpenAPI document. */
  readonly version: string;
  /** PEM certificate and key, read by the caller; the API serves HTTPS when given. */
  readonly https?: { readonly cert: string | Buffer; readonly key: string | Buffer };
  /** How far a signed request's created time and Date may lie from the clock, either way. */
  readonly signatureWindowMs: number;
  /** The node clock that signed requests are judged by; the system clock when omitted. */
  readonly clock?: Clock;
  /** Verifies request signatures; a NodeVerifier (node:crypto) when omitted. */
  readonly verifier?: SignatureVerifier;
  /** Time and count bounds of the server's connections; DEFAULT_CONNECTION_BOUNDS for those omitted. */
  readonly connections?: Partial<ConnectionBounds>;
  /** The node's metrics: served at GET /metrics, and told of every answer. Without them there is no /metrics. */
  readonly metrics?: ApiMetrics;
}

/** What the API needs of the node's metrics (src/metrics/), and nothing more. */
export interface ApiMetrics {
  /** The exposition's media type (Prometheus text format 0.0.4). */
  readonly contentType: string;
  /** Every series of the node, in the exposition format, as of now. */
  exposition(): Promise<string>;
  /** One answered request: its route template (never the raw URL), method, status and time to answer. */
  requestAnswered(route: string, method: string, statusCode: number, durationSeconds: number): void;
  /** One problem+json answer, by its stable code. */
  refused(code: ErrorCode): void;
}

/** What every resource plugin receives. */
export interface RouteOptions {
  readonly components: ApiComponents;
  readonly limits: ApiLimits;
  /** The node clock (the health probe compares it with the genesis time). */
  readonly clock: Clock;
  /** A preHandler admitting only requests signed by a member the rule allows (auth/). */
  readonly requireSignature: (rule: AccessRule) => preHandlerAsyncHookHandler;
}
