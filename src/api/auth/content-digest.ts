// Content-Digest (RFC 9530): the SHA-256 of the body a signed request carries. The signature
// covers the header, the header must match the bytes received, so the signature covers the body.
// The bytes are hashed as they stream into the body parser: the body is never held twice.
import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import type { FastifyRequest, preParsingAsyncHookHandler } from 'fastify';
import { equalBytes } from '../../types/index.js';
import { StructuredFieldError, parseDictionary } from './structured-fields.js';

export const CONTENT_DIGEST_ALGORITHM = 'sha-256';

/** SHA-256 of each body read from a request that carries Content-Digest. */
const bodyDigests = new WeakMap<FastifyRequest, Uint8Array>();

/**
 * preParsing hook: hashes the body on its way to the parser, for requests that carry
 * Content-Digest (the only ones whose digest anyone will check).
 */
export const digestBody: preParsingAsyncHookHandler = async (request, _reply, payload) => {
  if (request.headers['content-digest'] === undefined) return payload;
  const hash = createHash('sha256');
  const tap = new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      hash.update(chunk);
      done(null, chunk);
    },
    flush(done: TransformCallback) {
      bodyDigests.set(request, new Uint8Array(hash.digest()));
      done();
    },
  });
  payload.on('error', (error) => tap.destroy(error));
  return payload.pipe(tap);
};

/** Whether the request announces a body (RFC 9112 §6.3: a length above zero, or chunks). */
export function announcesBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  if (request.headers['transfer-encoding'] !== undefined) return true;
  return length !== undefined && length !== '0';
}

/** The SHA-256 of the body the node read, or undefined when it read none. */
export function receivedBodyDigest(request: FastifyRequest): Uint8Array | undefined {
  return bodyDigests.get(request);
}

export type DigestCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * Checks a Content-Digest field value against the digest of the bytes received. Other algorithms
 * may be listed beside sha-256 (RFC 9530 lets a recipient ignore them); sha-256 must be there.
 */
export function checkContentDigest(fieldValue: string, received: Uint8Array): DigestCheck {
  let dictionary: ReturnType<typeof parseDictionary>;
  try {
    dictionary = parseDictionary(fieldValue);
  } catch (error) {
    if (error instanceof StructuredFieldError) return { ok: false, reason: `Content-Digest is not a structured dictionary: ${error.message}` };
    throw error;
  }
  const member = dictionary.get(CONTENT_DIGEST_ALGORITHM);
  if (member === undefined) return { ok: false, reason: 'Content-Digest carries no sha-256 digest' };
  if (member.kind !== 'item' || member.value.type !== 'bytes' || member.value.value.length !== 32) {
    return { ok: false, reason: 'the sha-256 member of Content-Digest is not 32 bytes in a byte sequence (:base64:)' };
  }
  if (!equalBytes(member.value.value, received)) return { ok: false, reason: 'Content-Digest does not match the body received' };
  return { ok: true };
}
