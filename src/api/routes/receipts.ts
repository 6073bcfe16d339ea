// Receipts (docs/receipt-format.md). The receipt of an anchor is public like the lookup by digest:
// whoever holds the file may have its proof. The inclusion proof of a tx by hash (the shared part
// of every receipt of a root-only batch, which the platform completes with its own item paths) is
// enumeration, so it needs a member's signed request.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { fromHex, TianpingError } from '../../types/index.js';
import type { RouteOptions } from '../options.js';
import { AlgorithmSchema, EvidenceParamsSchema, TxHashParamsSchema, problemResponses } from '../schemas.js';
import { TX_READERS } from './txs.js';

const ReceiptSchema = Type.Object({
  format: Type.Literal('tianping-receipt'),
  version: Type.Integer({ minimum: 1, maximum: 2 }),
}, { additionalProperties: true, description: 'A receipt in its JSON form (docs/receipt-format.md): version 1, or 2 with ?trusted=H or ?witnessed=K' });

const ReceiptQuerySchema = Type.Object({
  algorithm: Type.Optional(AlgorithmSchema),
  tx: Type.Optional(Type.String({ pattern: '^[0-9a-fA-F]{64}$', description: 'The anchor of this tx, instead of the earliest' })),
  // A string as for other heights: the coercion of an integer schema would read "1.5" as 1.
  trusted: Type.Optional(Type.String({
    pattern: '^[1-9][0-9]{0,15}$',
    description: 'A committed height H above the anchor: the receipt is version 2, proved against header H by its history tree '
      + '(docs/receipt-format.md §13)',
  })),
  // A count, not a flag: a verifier asks for as many cosignatures as its policy's k. The node serves
  // the newest checkpoint that many of its witnesses cosigned, with every line it has for it.
  witnessed: Type.Optional(Type.String({
    pattern: '^[1-9][0-9]?$',
    description: 'K in 1..99: the receipt is version 2, proved against the header H whose checkpoint at least K of the node\'s '
      + 'witnesses cosigned most recently, with that cosigned checkpoint attached (docs/receipt-format.md §13.5). Not with trusted.',
  })),
}, { additionalProperties: false });

export const receiptsRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { components, requireSignature }) => {
  app.get('/v1/evidence/:digest/receipt', {
    schema: {
      tags: ['evidence'],
      summary: 'A self-contained receipt of an anchor, verifiable offline from the genesis',
      description: 'The earliest anchor of the digest, or the one made by ?tx=HASH. JSON, or protobuf with Accept: application/x-protobuf. '
        + 'With ?trusted=H, version 2: proved against the committed header H with no validator set (reads up to O(H) headers '
        + 'the first time, see docs/receipt-format.md §13). With ?witnessed=K, version 2 against the header whose checkpoint K '
        + 'witnesses cosigned, the cosigned note attached (§13.5).',
      params: EvidenceParamsSchema,
      querystring: ReceiptQuerySchema,
      response: {
        200: ReceiptSchema,
        ...problemResponses('DIGEST_INVALID', 'REQUEST_INVALID', 'EVIDENCE_NOT_FOUND', 'TRUSTED_HEIGHT_UNKNOWN', 'TRUSTED_HEIGHT_NOT_ABOVE',
          'WITNESSED_CHECKPOINT_NOT_FOUND', 'HISTORY_PROOF_BUSY'),
      },
    },
  }, async (request, reply) => {
    const digest = fromHex(request.params.digest);
    if (digest === undefined) throw new TianpingError('DIGEST_INVALID');
    const txHash = request.query.tx === undefined ? undefined : fromHex(request.query.tx);
    const trusted = request.query.trusted === undefined ? undefined : Number(request.query.trusted);
    const algorithm = request.query.algorithm ?? 'sha256';
    let receipt;
    if (request.query.witnessed !== undefined) {
      if (trusted !== undefined) throw new TianpingError('REQUEST_INVALID', 'give either trusted or witnessed: each picks the header H');
      const cosignatures = Number(request.query.witnessed);
      if (components.witnessedReceipt === undefined) {
        throw new TianpingError('WITNESSED_CHECKPOINT_NOT_FOUND', 'this node pushes its checkpoints to no witnesses');
      }
      receipt = await components.witnessedReceipt(digest, algorithm, txHash, cosignatures);
    } else {
      receipt = await components.receipt(digest, algorithm, txHash, trusted);
    }
    if ((request.headers.accept ?? '').includes('application/x-protobuf')) {
      // A Buffer bypasses the JSON serializer: the exact protobuf bytes go out.
      return reply.type('application/x-protobuf').send(Buffer.from(receipt.bytes) as never);
    }
    return receipt.json;
  });

  app.get('/v1/txs/:hash/inclusion', {
    preHandler: requireSignature(TX_READERS),
    schema: {
      tags: ['evidence'],
      summary: 'The proof that a committed tx is in its block, with header, commit and validator-set changes',
      description: 'A receipt without the item: a platform adds its own batch audit path for each item of a root-only batch.',
      params: TxHashParamsSchema,
      response: { 200: ReceiptSchema, ...problemResponses('HASH_INVALID', 'TX_NOT_FOUND', 'AUTH_REQUIRED', 'AUTH_INVALID',
        'AUTH_STALE', 'AUTH_REPLAYED', 'AUTH_FORBIDDEN') },
    },
  }, async (request) => {
    const hash = fromHex(request.params.hash);
    if (hash === undefined) throw new TianpingError('HASH_INVALID');
    return (await components.txInclusion(hash)).json;
  });
};
