// POST /v1/payouts/webhook (docs/payouts.md §6, "Webhooks"): the bank gateway tells the dispatcher
// a transfer's final status. The body is signed, X-Signature: t=<unix s>,v1=<hex HMAC-SHA256(secret,
// "<t>.<body>")>, over the exact bytes received, so this route reads the raw body itself. A status
// taken here goes the way a status query's answer goes (Dispatcher.bankUpdate): a duplicate or a
// late one changes nothing.
import Fastify, { type FastifyInstance, type FastifyPluginAsync, type FastifyReply } from 'fastify';
import { problemBody, registerProblemHandlers } from '../api/problem.js';
import { PROBLEM_MEDIA_TYPE } from '../api/schemas.js';
import { WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TOLERANCE_S, verifyWebhook } from '../gateway/webhook-signature.js';
import type { ErrorCode } from '../types/index.js';
import { parseTransferResult, type BankTransferResult } from './bank-adapter.js';
import type { BankUpdateResult } from './dispatcher.js';

export const WEBHOOK_PATH = '/v1/payouts/webhook';
const WEBHOOK_BODY_BYTES_MAX = 64 * 1024;

export interface WebhookOptions {
  /** The current secret first, then the previous one while a rotation is under way. */
  readonly secrets: readonly string[];
  readonly bankUpdate: (outcome: BankTransferResult) => Promise<BankUpdateResult>;
  /** Unix ms. */
  readonly nowMs: () => number;
  readonly toleranceS?: number;
}

function problem(reply: FastifyReply, code: ErrorCode, detail: string): FastifyReply {
  const body = problemBody(code, detail, WEBHOOK_PATH);
  return reply.code(body.status).type(PROBLEM_MEDIA_TYPE).send(body);
}

/** The transfer's status document the gateway sends, read as a status query's answer is. */
function outcomeOf(body: Uint8Array): BankTransferResult | undefined {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(body).toString('utf8'));
  } catch {
    return undefined;
  }
  const key = (value as { key?: unknown } | null)?.key;
  return typeof key === 'string' && key !== '' ? parseTransferResult(key, value) : undefined;
}

/** The route as a plugin: the node mounts it on its API, the standalone dispatcher on its own listener. */
export const payoutWebhookRoutes: FastifyPluginAsync<WebhookOptions> = async (app, o) => {
  // Signed bytes must be the bytes received: this context takes every body raw, whatever its type.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_BYTES_MAX }, (_request, body, done) => done(null, body));
  app.post(WEBHOOK_PATH, async (request, reply) => {
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const header = request.headers[WEBHOOK_SIGNATURE_HEADER];
    const toleranceS = o.toleranceS ?? WEBHOOK_TOLERANCE_S;
    const verdict = verifyWebhook(o.secrets.filter((secret) => secret !== ''), Array.isArray(header) ? header[0] : header, body,
      Math.floor(o.nowMs() / 1000), toleranceS);
    if (!verdict.ok && verdict.reason === 'stale') return problem(reply, 'WEBHOOK_STALE', `the signed timestamp is more than ${toleranceS} s from now`);
    if (!verdict.ok) {
      return problem(reply, 'WEBHOOK_SIGNATURE_INVALID', verdict.reason === 'malformed' ? 'X-Signature is missing or malformed'
        : 'X-Signature does not verify with an accepted secret');
    }
    const outcome = outcomeOf(body);
    if (outcome === undefined) return problem(reply, 'REQUEST_INVALID', 'the body is not a transfer status {key, status, bankRef}');
    const result = await o.bankUpdate(outcome);
    return reply.code(200).send({ result });
  });
};

/** A listener of its own for the standalone dispatcher: the webhook route and problem+json errors. */
export async function buildWebhookApp(options: WebhookOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  registerProblemHandlers(app);
  await app.register(payoutWebhookRoutes, options);
  return app;
}
