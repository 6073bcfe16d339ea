// Signs HTTP requests with a member key (HTTP Message Signatures, RFC 9421, alg "ed25519"), as
// the node asks for the enumeration reads (blocks with their transactions, transactions by hash,
// anchors by submitter). Runs in Node and in browsers: only noble (through crypto/) and types/.
//
// The signature covers ("@method" "@path" "@query" "date"), plus "content-digest" when the
// request has a body (RFC 9530, sha-256); its parameters are created, keyid (the public key in
// lowercase hex), alg and a random nonce, so that two equal requests in the same second still
// differ (the node refuses a signature it has seen before). Browsers do not let a page set the
// Date header, so a browser page cannot make these reads; Node and other runtimes can.
import { sign, type KeyPair } from '../crypto/ed25519.js';
import { sha256 } from '../crypto/hash.js';
import { toBase64, toHex, utf8 } from '../types/index.js';

export const SIGNATURE_LABEL = 'sig1';
export const SIGNATURE_ALGORITHM = 'ed25519';

export interface SignRequestParams {
  readonly method: string;
  /** The full URL the request goes to; its path and query are what the node sees. */
  readonly url: string | URL;
  /** The exact bytes (or text, sent as UTF-8) of the body; none for GET. */
  readonly body?: Uint8Array | string;
  readonly keyPair: KeyPair;
  /** Signing time; Date.now() when omitted. */
  readonly nowMs?: number;
  /** The signature label (an RFC 8941 key); "sig1" when omitted. */
  readonly label?: string;
  /** Printable ASCII without quotes or backslashes; 16 random bytes in hex when omitted. */
  readonly nonce?: string;
}

/** Header fields to add to the request, names in lowercase. */
export interface SignedRequestHeaders {
  readonly date: string;
  readonly 'content-digest'?: string;
  readonly 'signature-input': string;
  readonly signature: string;
}

const LABEL_RE = /^[a-z*][a-z0-9_\-.*]*$/;
const NONCE_RE = /^[\x20\x21\x23-\x5b\x5d-\x7e]+$/;
// Fetch normalizes these method names to upper case before sending; the base must say what is sent.
const NORMALIZED_METHODS = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);

/** What a signature base is built from, besides the key: everything the node will see. */
interface Prepared {
  readonly headers: { date: string; 'content-digest'?: string };
  readonly label: string;
  readonly signatureParams: string;
  readonly base: string;
}

function prepare(params: Omit<SignRequestParams, 'keyPair'> & { readonly keyId: string }): Prepared {
  const label = params.label ?? SIGNATURE_LABEL;
  if (!LABEL_RE.test(label)) throw new RangeError(`signature label "${label}" is not a lowercase structured-field key`);
  const nonce = params.nonce ?? randomNonce();
  if (!NONCE_RE.test(nonce)) throw new RangeError('nonce must be printable ASCII without " or \\');
  const upper = params.method.toUpperCase();
  const method = NORMALIZED_METHODS.has(upper) ? upper : params.method;
  const url = new URL(params.url);
  const nowMs = params.nowMs ?? Date.now();
  const date = new Date(nowMs).toUTCString();
  const created = Math.floor(nowMs / 1000);

  const lines: string[] = [
    `"@method": ${method}`,
    // The path and query exactly as fetch sends them: the URL's serialization, percent-encoding kept.
    `"@path": ${url.pathname === '' ? '/' : url.pathname}`,
    `"@query": ?${url.search.slice(1)}`,
    `"date": ${date}`,
  ];
  const covered = ['"@method"', '"@path"', '"@query"', '"date"'];
  const headers: { date: string; 'content-digest'?: string } = { date };
  if (params.body !== undefined) {
    const body = typeof params.body === 'string' ? utf8(params.body) : params.body;
    const digest = `sha-256=:${toBase64(sha256(body))}:`;
    headers['content-digest'] = digest;
    lines.push(`"content-digest": ${digest}`);
    covered.push('"content-digest"');
  }
  const signatureParams = `(${covered.join(' ')});created=${created};keyid="${params.keyId}";alg="${SIGNATURE_ALGORITHM}";nonce="${nonce}"`;
  lines.push(`"@signature-params": ${signatureParams}`);
  return { headers, label, signatureParams, base: lines.join('\n') };
}

/**
 * The RFC 9421 signature base signRequest signs, for a given key id: one line per covered
 * component, then the "@signature-params" line, joined by "\n" with none at the end.
 */
export function requestSignatureBase(params: Omit<SignRequestParams, 'keyPair'> & { readonly keyId: string }): string {
  return prepare(params).base;
}

/** Signs a request: the header fields to send with it (Date, Content-Digest, Signature-Input, Signature). */
export function signRequest(params: SignRequestParams): SignedRequestHeaders {
  const prepared = prepare({ ...params, keyId: toHex(params.keyPair.publicKey) });
  const signature = sign(params.keyPair.seed, utf8(prepared.base));
  return {
    ...prepared.headers,
    'signature-input': `${prepared.label}=${prepared.signatureParams}`,
    signature: `${prepared.label}=:${toBase64(signature)}:`,
  };
}

function randomNonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return toHex(bytes);
}
