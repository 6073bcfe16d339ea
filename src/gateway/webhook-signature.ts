// Webhook signatures: `X-Signature: t=<unix s>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`
// (docs/payouts.md §6). The gateway signs, the dispatcher verifies; this file imports nothing but
// node:crypto so that the node can take it without pulling in the gateway.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const WEBHOOK_SIGNATURE_HEADER = 'x-signature';
/** How far a signature's timestamp may lie from the receiver's clock, either way. */
export const WEBHOOK_TOLERANCE_S = 300;

const SIGNATURE_BYTES = 32;
/** A header with more parts than this is not one we wrote; bounding it bounds the work. */
const HEADER_PARTS_MAX = 8;

function mac(secret: string, timestampS: number, body: string | Uint8Array): Buffer {
  const hmac = createHmac('sha256', secret);
  hmac.update(`${timestampS}.`);
  hmac.update(body);
  return hmac.digest();
}

/** The X-Signature header value for `body` sent at `timestampS`. */
export function signWebhook(secret: string, timestampS: number, body: string | Uint8Array): string {
  if (!Number.isSafeInteger(timestampS) || timestampS < 0) throw new RangeError(`timestamp ${timestampS} is not whole seconds`);
  return `t=${timestampS},v1=${mac(secret, timestampS, body).toString('hex')}`;
}

export type WebhookVerdict =
  | { readonly ok: true; readonly timestampS: number; /** Index in `secrets` of the secret that signed. */ readonly secretIndex: number }
  | { readonly ok: false; readonly reason: 'malformed' | 'stale' | 'signature' };

interface ParsedHeader {
  readonly timestampS: number;
  readonly signatures: Buffer[];
}

function parseHeader(header: string): ParsedHeader | undefined {
  const parts = header.split(',');
  if (parts.length > HEADER_PARTS_MAX) return undefined;
  let timestampS: number | undefined;
  const signatures: Buffer[] = [];
  for (const part of parts) {
    const [name, value, extra] = part.trim().split('=');
    if (value === undefined || extra !== undefined) return undefined;
    if (name === 't') {
      if (timestampS !== undefined || !/^[0-9]{1,12}$/.test(value)) return undefined;
      timestampS = Number(value);
    } else if (name === 'v1') {
      if (!/^[0-9a-fA-F]{64}$/.test(value)) return undefined;
      signatures.push(Buffer.from(value, 'hex'));
    }
    // Other schemes (v0, a future v2) are ignored, as a receiver that knows only v1 must.
  }
  return timestampS === undefined || signatures.length === 0 ? undefined : { timestampS, signatures };
}

/**
 * Checks a webhook's signature against each secret (the current one and, during a rotation, the
 * previous one) in constant time, and its timestamp against `nowS` within `toleranceS`. Every
 * secret is tried against every v1 signature: the time taken does not tell which one matched.
 */
export function verifyWebhook(secrets: readonly string[], header: string | undefined, body: string | Uint8Array, nowS: number,
  toleranceS: number = WEBHOOK_TOLERANCE_S): WebhookVerdict {
  const parsed = header === undefined ? undefined : parseHeader(header);
  if (parsed === undefined) return { ok: false, reason: 'malformed' };
  if (Math.abs(nowS - parsed.timestampS) > toleranceS) return { ok: false, reason: 'stale' };
  let secretIndex = -1;
  secrets.forEach((secret, index) => {
    const expected = mac(secret, parsed.timestampS, body);
    for (const signature of parsed.signatures) {
      if (signature.length === SIGNATURE_BYTES && timingSafeEqual(expected, signature) && secretIndex === -1) secretIndex = index;
    }
  });
  return secretIndex === -1 ? { ok: false, reason: 'signature' } : { ok: true, timestampS: parsed.timestampS, secretIndex };
}
