// Requests signed as the SDK signs them (src/client/http-signature.ts), injected into the app:
// what a member's client sends, without a network.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { signRequest } from '../../src/client/http-signature.js';
import type { KeyPair } from '../../src/crypto/ed25519.js';
import { TEST_NOW_MS, VERIFIER_PAIR } from './fake-components.js';

/** inject() needs a full URL for signing; the host plays no part in what is covered. */
const ORIGIN = 'http://node.test';

export interface SignedInject {
  readonly url: string;
  readonly method?: 'GET' | 'POST';
  readonly body?: string;
  readonly headers?: Record<string, string>;
  /** Default: the verifier (a court), which may read everything enumerable. */
  readonly keyPair?: KeyPair;
  /** Default: TEST_NOW_MS, where the fake node clock starts. */
  readonly nowMs?: number;
  readonly nonce?: string;
}

/** The signature headers for a request, as the SDK makes them. */
export function signedHeaders(request: SignedInject): Record<string, string> {
  return {
    ...signRequest({
      method: request.method ?? 'GET', url: ORIGIN + request.url, keyPair: request.keyPair ?? VERIFIER_PAIR,
      nowMs: request.nowMs ?? TEST_NOW_MS,
      ...(request.body === undefined ? {} : { body: request.body }),
      ...(request.nonce === undefined ? {} : { nonce: request.nonce }),
    }),
  };
}

export function injectSigned(app: FastifyInstance, request: SignedInject): Promise<LightMyRequestResponse> {
  return app.inject({
    method: request.method ?? 'GET', url: request.url,
    headers: { ...signedHeaders(request), ...request.headers },
    ...(request.body === undefined ? {} : { payload: request.body }),
  });
}
