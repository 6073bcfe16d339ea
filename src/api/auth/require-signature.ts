// Signed reads: enumeration — blocks with their transactions, transactions by hash,
// anchors by submitter — is for members whose role allows it, and a member proves itself by
// signing the request with its key (HTTP Message Signatures, RFC 9421, ed25519). Lookup by
// digest, headers, validators, members and status stay public and never pass through here.
//
// A request is accepted when, in this order: it carries Signature-Input and Signature (else
// AUTH_REQUIRED); the first Signature-Input member parses, names alg="ed25519", a keyid that is a
// public key in lowercase hex, an integer `created`, and covers "@method", "@path", "date",
// "@query" when the target has a query and "content-digest" when the request has a body (else
// AUTH_INVALID); `created`, Date and any `expires` lie within the window around the node clock
// (else AUTH_STALE); the body matches Content-Digest and the signature verifies over the base
// rebuilt from the request (else AUTH_INVALID); the key is an active member whose role the route
// allows, or the key the route is about (else AUTH_FORBIDDEN); and the signature was not
// accepted before (else AUTH_REPLAYED).
import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { SignatureVerifier } from '../../crypto/ed25519.js';
import { sha256 } from '../../crypto/hash.js';
import type { Role } from '../../state/genesis.js';
import { fromHex, TianpingError, toBase64, utf8, type Clock, type ErrorCode } from '../../types/index.js';
import type { ApiComponents } from '../components.js';
import { announcesBody, checkContentDigest, receivedBodyDigest } from './content-digest.js';
import { ReplayCache } from './replay-cache.js';
import { SignatureBaseError, componentName, signatureBase, splitTarget, type RequestView } from './signature-base.js';
import { StructuredFieldError, parseDictionary, type BareItem, type InnerList, type Member } from './structured-fields.js';

/** The one algorithm accepted: member keys are ed25519 keys. */
export const SIGNATURE_ALGORITHM = 'ed25519';

/** What an unsigned caller is told to send; also the shape the SDK's signRequest produces. */
export const SIGNATURE_HINT = 'sign the request with a member key per RFC 9421: ' +
  'Signature-Input: sig1=("@method" "@path" "@query" "date");created=<unix seconds>;keyid="<public key, lowercase hex>";alg="ed25519";nonce="<random>" ' +
  'and Signature: sig1=:<base64 ed25519 signature>: ("content-digest" covered too, with Content-Digest: sha-256=:<base64>:, when there is a body)';

/** The Accept-Signature (RFC 9421 §5.1) of a 401 AUTH_REQUIRED: the components and alg this node wants. */
export const ACCEPT_SIGNATURE = 'sig1=("@method" "@path" "@query" "date");alg="ed25519"';

/** Replay-cache entries kept at most; a few MB, and far above the signed-read rate of any node. */
export const REPLAY_CACHE_ENTRIES_MAX = 100_000;

const KEYID_RE = /^[0-9a-f]{64}$/;
const SIGNATURE_PARAMS = new Set(['created', 'expires', 'nonce', 'alg', 'keyid', 'tag']);
// IMF-fixdate (RFC 9110 §5.6.7), the one Date form senders must generate.
const IMF_FIXDATE_RE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

export interface AccessRule {
  /** Roles whose active members may make this read. */
  readonly roles: readonly Role[];
  /**
   * A path parameter holding a public key (hex): the holder of that key may make the read
   * whatever its role, as long as it is an active member (a submitter reading its own anchors).
   */
  readonly allowSelf?: string;
}

/** Every code a signed route may answer with besides its own. */
export const AUTH_ERROR_CODES = ['AUTH_REQUIRED', 'AUTH_INVALID', 'AUTH_STALE', 'AUTH_REPLAYED', 'AUTH_FORBIDDEN'] as const satisfies readonly ErrorCode[];

/** The sentence a signed route's documentation carries. */
export function describeAccess(rule: AccessRule): string {
  const self = rule.allowSelf !== undefined ? ` and the holder of the :${rule.allowSelf} key` : '';
  return `Signed read: the request must carry an RFC 9421 signature (alg "ed25519", keyid = member public key in hex) ` +
    `by an active member with role ${rule.roles.join(', ')}${self}.`;
}

/** Who signed an accepted request. */
export interface RequestSigner {
  readonly publicKey: string;
  readonly name: string;
  readonly role: string;
}

export interface SignatureAuthOptions {
  readonly components: Pick<ApiComponents, 'member'>;
  readonly verifier: SignatureVerifier;
  readonly clock: Clock;
  readonly windowMs: number;
  readonly replayCacheEntriesMax?: number;
}

export interface SignatureAuth {
  /** A preHandler that lets the request through only as the rule says. */
  requireSignature(rule: AccessRule): preHandlerAsyncHookHandler;
}

const signers = new WeakMap<FastifyRequest, RequestSigner>();

/** The member that signed the request, once requireSignature let it through. */
export function requestSigner(request: FastifyRequest): RequestSigner | undefined {
  return signers.get(request);
}

function fail(code: ErrorCode, detail: string): never {
  throw new TianpingError(code, detail);
}

/** SHA-256 of no bytes: what Content-Digest must say when it is covered on a request without a body. */
const EMPTY_SHA256 = sha256(new Uint8Array());

/** The request as the signature base sees it: header lines exactly as received. */
function requestView(request: FastifyRequest): RequestView {
  const raw = request.raw;
  return {
    method: raw.method ?? request.method,
    target: raw.url ?? request.url,
    fieldLines(name) {
      const lines: string[] = [];
      const rawHeaders = raw.rawHeaders;
      for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
        if (rawHeaders[i]!.toLowerCase() === name) lines.push(rawHeaders[i + 1]!);
      }
      return lines.length === 0 ? undefined : lines;
    },
  };
}

/** One header field with its lines joined, as RFC 9110 §5.3 combines them. */
function combinedField(view: RequestView, name: string): string | undefined {
  return view.fieldLines(name)?.join(', ');
}

function parseField(name: string, value: string): ReadonlyMap<string, Member> {
  try {
    return parseDictionary(value);
  } catch (error) {
    if (error instanceof StructuredFieldError) fail('AUTH_INVALID', `${name} is not a structured dictionary: ${error.message}`);
    throw error;
  }
}

interface SignatureInput {
  readonly label: string;
  readonly params: InnerList;
  readonly signature: Uint8Array;
  readonly publicKey: Uint8Array;
  readonly keyid: string;
  readonly createdMs: number;
  readonly expiresMs: number | undefined;
  readonly covered: ReadonlySet<string>;
}

function param(params: InnerList, name: string): BareItem | undefined {
  return params.params.get(name);
}

/** Reads the first Signature-Input member and its Signature; shape errors are AUTH_INVALID. */
function readSignature(inputField: string, signatureField: string): SignatureInput {
  const inputs = parseField('Signature-Input', inputField);
  const signatures = parseField('Signature', signatureField);
  // The first label is the one verified: a client sends one signature; one added by a proxy
  // along the way comes after it.
  const first = inputs.entries().next();
  if (first.done === true) fail('AUTH_INVALID', 'Signature-Input names no signature');
  const [label, params] = first.value;
  if (params.kind !== 'inner-list') fail('AUTH_INVALID', `Signature-Input ${label} is not an inner list of components`);
  const signatureMember = signatures.get(label);
  if (signatureMember === undefined) fail('AUTH_INVALID', `Signature has no member ${label}`);
  if (signatureMember.kind !== 'item' || signatureMember.value.type !== 'bytes' || signatureMember.value.value.length !== 64) {
    fail('AUTH_INVALID', `Signature ${label} is not a 64-byte ed25519 signature in a byte sequence (:base64:)`);
  }
  for (const name of params.params.keys()) {
    if (!SIGNATURE_PARAMS.has(name)) fail('AUTH_INVALID', `unknown signature parameter "${name}"`);
  }
  const alg = param(params, 'alg');
  if (alg?.type !== 'string' || alg.value !== SIGNATURE_ALGORITHM) fail('AUTH_INVALID', 'the signature must name alg="ed25519"');
  const keyid = param(params, 'keyid');
  if (keyid?.type !== 'string' || !KEYID_RE.test(keyid.value)) {
    fail('AUTH_INVALID', 'keyid must be the member public key as 64 lowercase hex characters');
  }
  const created = param(params, 'created');
  if (created?.type !== 'integer' || created.value < 0) fail('AUTH_INVALID', 'created must be an integer: the signing time in Unix seconds');
  const expires = param(params, 'expires');
  if (expires !== undefined && expires.type !== 'integer') fail('AUTH_INVALID', 'expires must be an integer of Unix seconds');
  for (const name of ['nonce', 'tag']) {
    const value = param(params, name);
    if (value !== undefined && value.type !== 'string') fail('AUTH_INVALID', `${name} must be a string`);
  }
  const covered = new Set<string>();
  for (const item of params.items) {
    try {
      covered.add(componentName(item));
    } catch (error) {
      if (error instanceof SignatureBaseError) fail('AUTH_INVALID', error.message);
      throw error;
    }
  }
  return {
    label, params, signature: signatureMember.value.value, publicKey: fromHex(keyid.value)!, keyid: keyid.value,
    createdMs: created.value * 1000,
    expiresMs: expires?.type === 'integer' ? expires.value * 1000 : undefined,
    covered,
  };
}

function requireCovered(input: SignatureInput, name: string, why: string): void {
  if (!input.covered.has(name)) fail('AUTH_INVALID', `the signature must cover "${name}" ${why}`);
}

/** The Date header as milliseconds; only IMF-fixdate is accepted, the form every sender generates. */
function dateMs(value: string): number {
  const ms = Date.parse(value);
  if (!IMF_FIXDATE_RE.test(value) || Number.isNaN(ms) || new Date(ms).toUTCString() !== value) {
    fail('AUTH_INVALID', `Date must be an IMF-fixdate such as "Tue, 14 Nov 2023 22:13:20 GMT", got "${value}"`);
  }
  return ms;
}

function checkWindow(what: string, ms: number, nowMs: number, windowMs: number): void {
  if (Math.abs(nowMs - ms) > windowMs) {
    fail('AUTH_STALE', `${what} (${new Date(ms).toISOString()}) is more than ${windowMs} ms from the node clock (${new Date(nowMs).toISOString()})`);
  }
}

export function createSignatureAuth(options: SignatureAuthOptions): SignatureAuth {
  const replays = new ReplayCache({ entriesMax: options.replayCacheEntriesMax ?? REPLAY_CACHE_ENTRIES_MAX });
  const { components, verifier, clock, windowMs } = options;

  /** Everything up to the signature itself: who signed, and until when the signature is acceptable. */
  function authenticate(request: FastifyRequest): { input: SignatureInput; acceptableUntilMs: number } {
    const view = requestView(request);
    const inputField = combinedField(view, 'signature-input');
    const signatureField = combinedField(view, 'signature');
    if (inputField === undefined || signatureField === undefined) fail('AUTH_REQUIRED', `this read is for members: ${SIGNATURE_HINT}`);
    const input = readSignature(inputField, signatureField);

    requireCovered(input, '@method', 'so that it cannot be replayed as another method');
    requireCovered(input, '@path', 'so that it cannot be replayed on another path');
    requireCovered(input, 'date', 'so that its age can be checked');
    if (splitTarget(view.target).query !== undefined) requireCovered(input, '@query', 'when the URL has a query');
    const hasBody = announcesBody(request);
    if (hasBody) requireCovered(input, 'content-digest', 'when the request has a body');

    const nowMs = clock.nowMs();
    const dateField = combinedField(view, 'date');
    if (dateField === undefined) fail('AUTH_INVALID', 'the covered Date header is absent');
    const date = dateMs(dateField);
    checkWindow('created', input.createdMs, nowMs, windowMs);
    checkWindow('Date', date, nowMs, windowMs);
    if (input.expiresMs !== undefined) {
      if (input.expiresMs < input.createdMs) fail('AUTH_INVALID', 'expires lies before created');
      if (nowMs > input.expiresMs) fail('AUTH_STALE', `the signature expired at ${new Date(input.expiresMs).toISOString()}`);
    }

    if (input.covered.has('content-digest') || hasBody) {
      const digestField = combinedField(view, 'content-digest');
      if (digestField === undefined) fail('AUTH_INVALID', 'the covered Content-Digest header is absent');
      const received = receivedBodyDigest(request);
      // A body the node never read (on GET, say) cannot be checked against its digest.
      if (received === undefined && hasBody) fail('AUTH_INVALID', `a ${request.method} request carries no body the node reads`);
      const check = checkContentDigest(digestField, received ?? EMPTY_SHA256);
      if (!check.ok) fail('AUTH_INVALID', check.reason);
    }

    let base: string;
    try {
      base = signatureBase(input.params, view);
    } catch (error) {
      if (error instanceof SignatureBaseError) fail('AUTH_INVALID', error.message);
      throw error;
    }
    if (!verifier.verify(input.publicKey, utf8(base), input.signature)) {
      fail('AUTH_INVALID', `signature ${input.label} does not verify under keyid ${input.keyid}`);
    }
    // Until then the window (or expires) still accepts this signature: the replay cache keeps it that long.
    const acceptableUntilMs = Math.min(input.createdMs + windowMs, date + windowMs, input.expiresMs ?? Infinity);
    return { input, acceptableUntilMs };
  }

  return {
    requireSignature(rule) {
      const allowed = new Set<string>(rule.roles);
      return async (request, reply) => {
        let authenticated: ReturnType<typeof authenticate>;
        try {
          authenticated = authenticate(request);
        } catch (error) {
          // RFC 9421 §5.1: tells the caller which signature this node wants.
          if (error instanceof TianpingError && error.code === 'AUTH_REQUIRED') reply.header('accept-signature', ACCEPT_SIGNATURE);
          throw error;
        }
        const { input, acceptableUntilMs } = authenticated;
        const member = await components.member(input.keyid);
        if (member === undefined) fail('AUTH_FORBIDDEN', `key ${input.keyid} is not a member`);
        if (member.status !== 'active') fail('AUTH_FORBIDDEN', `member ${member.name} is ${member.status}`);
        const self = rule.allowSelf === undefined ? undefined
          : (request.params as Record<string, unknown> | undefined)?.[rule.allowSelf];
        const isSelf = typeof self === 'string' && self.toLowerCase() === input.keyid;
        if (!isSelf && !allowed.has(member.role)) {
          fail('AUTH_FORBIDDEN', `role ${member.role} may not make this read; it is for ${[...allowed].join(', ')}` +
            (rule.allowSelf !== undefined ? ', and for the key it is about' : ''));
        }
        // Last, and with no await after the check: two copies of one request cannot both pass.
        const verdict = replays.admit(toBase64(input.signature), acceptableUntilMs, clock.nowMs());
        if (verdict === 'replayed') fail('AUTH_REPLAYED', `signature ${input.label} was already used; sign each request anew (a fresh nonce makes equal requests differ)`);
        if (verdict === 'beyond-horizon') fail('AUTH_STALE', 'the node saw too many signed requests to remember one this old; sign it anew');
        signers.set(request, { publicKey: input.keyid, name: member.name, role: member.role });
      };
    },
  };
}
