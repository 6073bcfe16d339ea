// Transactions: submit a signed tx (JSON with base64, or raw protobuf bytes) or many of them
// (txs-bulk.ts), and look one up (a signed read for members: listing transactions by hash is
// enumeration: auth/require-signature.ts).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { asHash32, fromHex, toHex, TianpingError, type Hash32 } from '../../types/index.js';
import { paddedBase64Bytes } from '../base64.js';
import { ROLES } from '../../state/genesis.js';
import { AUTH_ERROR_CODES, describeAccess, type AccessRule } from '../auth/index.js';
import type { RouteOptions } from '../options.js';
import {
  PROTOBUF_MEDIA_TYPE, TxCommittedSchema, TxHashParamsSchema, TxPendingSchema, TxStatusSchema,
  TxSubmitBinarySchema, TxSubmitJsonSchema, TxSubmitQuerySchema, problemResponses,
} from '../schemas.js';
import { committedView } from '../views.js';
import { txsBulkRoutes } from './txs-bulk.js';

/** The signed bytes out of either body form; the schema has already checked the JSON shape. */
function signedBytes(body: unknown): Uint8Array {
  if (body instanceof Uint8Array) {
    if (body.length === 0) throw new TianpingError('TX_MALFORMED', 'the request body holds no transaction bytes');
    return body;
  }
  // Without a content type fastify parses nothing and validates nothing: the body is absent.
  const text = (body as { tx?: unknown } | null | undefined)?.tx;
  if (typeof text !== 'string') {
    throw new TianpingError('REQUEST_INVALID', `a body is required: {"tx": "<base64>"} as application/json, or the bytes as ${PROTOBUF_MEDIA_TYPE}`);
  }
  const bytes = paddedBase64Bytes(text);
  if (bytes === undefined) throw new TianpingError('BASE64_INVALID', 'tx is not canonical padded base64');
  return bytes;
}

/** Path hashes are schema-checked hex, so this cannot fail on input that reached a handler. */
function hashParam(hex: string): Hash32 {
  const bytes = fromHex(hex);
  if (bytes === undefined) throw new TianpingError('HASH_INVALID');
  return asHash32(bytes);
}

/** Any active member may follow a transaction by hash (a submitter checks its own). */
export const TX_READERS: AccessRule = { roles: ROLES };

/** What a judgment-contract tx may be refused with at admission (docs/contracts.md). */
const CASE_TX_CODES = ['CASE_SIGNER_NOT_ALLOWED', 'CASE_UNKNOWN', 'CASE_EXISTS', 'CASE_TRANSITION_INVALID', 'CASE_TEMPLATE_UNKNOWN',
  'CASE_DOCUMENT_NOT_ANCHORED', 'CASE_TERMS_INVALID', 'CASE_REASON_UNKNOWN', 'CASE_SCHEDULE_EMPTY', 'CASE_SCHEDULE_OUT_OF_ORDER',
  'CASE_SCHEDULE_IN_PAST', 'CASE_AMOUNT_OVERFLOW', 'CASE_AMOUNT_NOT_POSITIVE', 'CASE_CURRENCY_INVALID', 'CASE_CURRENCY_MISMATCH',
  'CASE_LIMIT_EXCEEDED', 'PAYMENT_INVALID', 'PAYMENT_DUPLICATE', 'CASE_BLOCK_FULL'] as const;

export const txsRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, options) => {
  const { components, limits, requireSignature } = options;
  // Registered inside this plugin only: no other route accepts protobuf bodies. The bulk route
  // takes the same body limit: api.bodyBytesMax bounds the bytes and TX_BATCH_TXS_MAX the count.
  app.addContentTypeParser(PROTOBUF_MEDIA_TYPE, { parseAs: 'buffer', bodyLimit: limits.bodyBytesMax },
    (_request, body, done) => { done(null, body); });
  await app.register(txsBulkRoutes, options);

  app.post('/v1/txs', {
    schema: {
      tags: ['transactions'],
      summary: 'Submit a signed transaction',
      description: 'Body: {"tx": "<base64>"} as application/json, or the raw bytes as application/x-protobuf. ' +
        'Without ?wait=commit the answer is 202 once the tx is in the mempool; with it, 200 once it has committed.',
      querystring: TxSubmitQuerySchema,
      body: {
        content: {
          'application/json': { schema: TxSubmitJsonSchema },
          [PROTOBUF_MEDIA_TYPE]: { schema: TxSubmitBinarySchema },
        },
      },
      response: {
        200: TxCommittedSchema,
        202: TxPendingSchema,
        ...problemResponses('REQUEST_INVALID', 'BODY_MALFORMED', 'BASE64_INVALID', 'TX_MALFORMED', 'TX_NOT_CANONICAL',
          'SIGNER_NOT_MEMBER', 'CATEGORY_NOT_ALLOWED', 'TX_DUPLICATE', 'TX_ALREADY_COMMITTED', 'BODY_TOO_LARGE',
          'TX_TOO_LARGE', 'MEDIA_TYPE_UNSUPPORTED', 'TX_WRONG_CHAIN', 'TX_BAD_SIGNATURE', 'TX_KEY_INVALID',
          'TX_EXPIRED', 'TX_EXPIRY_TOO_FAR', 'TX_NONCE_INVALID', 'TX_ACTION_MISSING', 'CATEGORY_UNKNOWN',
          'ALGORITHM_UNSUPPORTED', 'EVIDENCE_FIELD_INVALID', 'MEMPOOL_FULL', 'NODE_HALTED', 'COMMIT_TIMEOUT',
          ...CASE_TX_CODES),
      },
    },
  }, async (request, reply) => {
    const { hash } = await components.submitTx(signedBytes(request.body));
    if (request.query.wait !== 'commit') {
      return reply.code(202).send({ hash: toHex(hash), status: 'pending' as const });
    }
    const timeoutMs = Math.min(request.query.timeoutMs ?? limits.commitWaitMsMax, limits.commitWaitMsMax);
    const info = await components.waitForCommit(hash, timeoutMs);
    return reply.code(200).send(committedView(info));
  });

  app.get('/v1/txs/:hash', {
    preHandler: requireSignature(TX_READERS),
    schema: {
      tags: ['transactions'],
      summary: 'Status of a transaction: pending or committed (with its block)',
      description: describeAccess(TX_READERS),
      params: TxHashParamsSchema,
      response: { 200: TxStatusSchema, ...problemResponses('HASH_INVALID', 'TX_NOT_FOUND', ...AUTH_ERROR_CODES) },
    },
  }, async (request) => {
    const status = await components.txStatus(hashParam(request.params.hash));
    switch (status.status) {
      case 'unknown':
        throw new TianpingError('TX_NOT_FOUND', `no transaction ${request.params.hash.toLowerCase()} is pending or committed`);
      case 'pending':
        return { hash: status.hash, status: 'pending' as const };
      case 'committed':
        return committedView(status);
    }
  });
};
