// POST /v1/txs/bulk: many signed txs in one request, for platforms that anchor one signed tx per
// item at high rates. HTTP handling (routing, parsing, serializing, the socket round trip) was a
// sixth of a node's CPU when every tx came on its own; here it is paid once per request. Each tx is
// still admitted on its own, through the same components.submitTx as POST /v1/txs, and gets its own
// result. Only a bad request as a whole (shape, base64, count, size, media type) or a halted node
// fails the request; then no tx of it was submitted (a halt part-way aside).
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { canonicalTxBatchTxs, decodeCanonical, pb, txHash, TX_BATCH_TXS_MAX } from '../../codec/index.js';
import { ERROR_CODES, isTianpingError, TianpingError, toHex } from '../../types/index.js';
import { paddedBase64Bytes } from '../base64.js';
import type { ApiComponents } from '../components.js';
import type { RouteOptions } from '../options.js';
import {
  PROTOBUF_MEDIA_TYPE, TxBulkBinarySchema, TxBulkJsonSchema, TxBulkQuerySchema, TxBulkResponseSchema, problemResponses,
  type TxBulkResponse, type TxBulkResult,
} from '../schemas.js';

/**
 * Admission verifies signatures synchronously, so a request of 1,024 txs would hold the event loop
 * for tens of milliseconds; after this much admitting, votes, proposals, gossip and other requests
 * get a turn. The same slice as for a TxBatch received by gossip (src/wire/tx-gossip.ts).
 */
const ADMIT_SLICE_MS = 5;

const tooMany = (count: number | string): TianpingError =>
  new TianpingError('TXS_TOO_MANY', `the request holds ${count} txs; the limit is ${TX_BATCH_TXS_MAX}`);

/**
 * Each tx in a buffer of its own and of its own size: a view into the request body would keep the
 * whole body alive for as long as any of its txs waits in the mempool. (Not view.slice(): on a
 * Buffer, which a parsed body is, slice makes another view.)
 */
function copyOut(view: Uint8Array): Uint8Array {
  const tx = Buffer.allocUnsafeSlow(view.length); // unpooled: a buffer of exactly this tx
  tx.set(view);
  return tx;
}

/**
 * The txs of a TxBatch body, each copied out (see copyOut). The same canonical decode as a
 * gossiped batch (decodeTxBatch), with this route's codes: a malformed or non-canonical envelope is
 * TX_BATCH_MALFORMED, one over TX_BATCH_TXS_MAX txs TXS_TOO_MANY, and an empty body no txs.
 */
export function txsOfBatchBody(body: Uint8Array): Uint8Array[] {
  // Canonical bodies are read in one pass; anything else gets decodeCanonical's verdict.
  const txs = canonicalTxBatchTxs(body) ?? decodeCanonical(pb.TxBatch, body, 'TxBatch', 'TX_BATCH_MALFORMED', 'TX_BATCH_MALFORMED').txs;
  if (txs.length > TX_BATCH_TXS_MAX) throw tooMany(txs.length);
  return txs.map(copyOut);
}

/** Canonical padded base64, each tx in a Uint8Array of its own. */
function txsOfBase64(texts: readonly string[]): Uint8Array[] {
  const txs = new Array<Uint8Array>(texts.length);
  for (let index = 0; index < texts.length; index++) {
    const tx = paddedBase64Bytes(texts[index]!);
    if (tx === undefined) throw new TianpingError('BASE64_INVALID', `txs[${index}] is not canonical padded base64`);
    txs[index] = tx;
  }
  return txs;
}

/** The txs of either body form; the schema has checked the JSON shape (1 to TX_BATCH_TXS_MAX strings). */
function txsOf(body: unknown): Uint8Array[] {
  let txs: Uint8Array[];
  if (body instanceof Uint8Array) {
    txs = txsOfBatchBody(body);
  } else {
    // Without a content type fastify parses nothing and validates nothing: the body is absent.
    const texts = (body as { txs?: unknown } | null | undefined)?.txs;
    if (!Array.isArray(texts)) {
      throw new TianpingError('REQUEST_INVALID', `a body is required: {"txs": ["<base64>", ...]} as application/json, or a TxBatch as ${PROTOBUF_MEDIA_TYPE}`);
    }
    txs = txsOfBase64(texts as string[]);
  }
  if (txs.length === 0) throw new TianpingError('REQUEST_INVALID', 'the request holds no transactions');
  return txs;
}

function refused(index: number, bytes: Uint8Array, error: TianpingError): TxBulkResult {
  const { status, title } = ERROR_CODES[error.code];
  return { index, hash: toHex(txHash(bytes)), status: 'refused', error: { code: error.code, status, title, detail: error.message } };
}

/** Submits the txs one after the other, in request order, as POST /v1/txs would one at a time. */
async function admitEach(components: ApiComponents, txs: readonly Uint8Array[]): Promise<TxBulkResponse> {
  const results = new Array<TxBulkResult>(txs.length);
  let accepted = 0;
  let sliceStartMs = performance.now();
  for (let index = 0; index < txs.length; index++) {
    if (performance.now() - sliceStartMs >= ADMIT_SLICE_MS) {
      await nextTurn();
      sliceStartMs = performance.now();
    }
    const bytes = txs[index]!;
    if (bytes.length === 0) {
      results[index] = refused(index, bytes, new TianpingError('TX_MALFORMED', 'the transaction is empty'));
      continue;
    }
    try {
      const { hash } = await components.submitTx(bytes);
      results[index] = { index, hash: toHex(hash), status: 'pending' };
      accepted++;
    } catch (error) {
      // A halted node (or a fault of ours) fails the request, as it fails POST /v1/txs.
      if (!isTianpingError(error) || error.code === 'NODE_HALTED') throw error;
      results[index] = refused(index, bytes, error);
    }
  }
  return { accepted, refused: txs.length - accepted, results };
}

/** Registered inside txsRoutes, whose protobuf body parser it shares. */
export const txsBulkRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { components }) => {
  app.post('/v1/txs/bulk', {
    // Before the schema: a list over the limit gets its own code, not the schema's REQUEST_INVALID.
    preValidation: async (request) => {
      const texts = (request.body as { txs?: unknown } | null | undefined)?.txs;
      if (Array.isArray(texts) && texts.length > TX_BATCH_TXS_MAX) throw tooMany(texts.length);
    },
    schema: {
      tags: ['transactions'],
      summary: 'Submit many signed transactions in one request',
      description: `Body: {"txs": ["<base64>", ...]} as application/json, or a TxBatch as ${PROTOBUF_MEDIA_TYPE}; `
        + `1 to ${TX_BATCH_TXS_MAX} txs, within the node's request body limit (api.bodyBytesMax). Each tx is admitted `
        + 'on its own, in order, as POST /v1/txs admits it, and gets its own result: pending with its hash, or refused '
        + 'with the code POST /v1/txs would answer (a refused tx does not stop the others). The request fails as a '
        + 'whole (4xx, no tx submitted) only when it is malformed, and with 503 NODE_HALTED when the node halted. '
        + 'There is no ?wait=commit: follow the txs by hash (GET /v1/txs/{hash}) or by their anchors.',
      querystring: TxBulkQuerySchema,
      body: {
        content: {
          'application/json': { schema: TxBulkJsonSchema },
          [PROTOBUF_MEDIA_TYPE]: { schema: TxBulkBinarySchema },
        },
      },
      response: {
        200: TxBulkResponseSchema,
        ...problemResponses('REQUEST_INVALID', 'BODY_MALFORMED', 'BASE64_INVALID', 'TX_BATCH_MALFORMED', 'TXS_TOO_MANY',
          'BODY_TOO_LARGE', 'MEDIA_TYPE_UNSUPPORTED', 'NODE_HALTED'),
      },
    },
  }, async (request) => admitEach(components, txsOf(request.body)));
};
