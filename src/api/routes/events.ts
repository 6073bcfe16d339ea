// Case events of a block, one receipt each (docs/receipt-format.md, "Event receipts"): the proof,
// verifiable offline from the genesis, that an event is a leaf of the events tree whose root the
// committed header carries. Addressed by height and position, which enumerates every case's events,
// so reading needs a signed request of the roles that may read whole blocks. The case-level route
// (by case number and event number) maps onto this one.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Static } from '@sinclair/typebox';
import { TianpingError } from '../../types/index.js';
import { AUTH_ERROR_CODES, describeAccess } from '../auth/index.js';
import type { RouteOptions } from '../options.js';
import { BlockEventParamsSchema, EventReceiptSchema, PROTOBUF_MEDIA_TYPE, problemResponses } from '../schemas.js';
import { BLOCK_READERS } from './blocks.js';

export const eventsRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { components, requireSignature }) => {
  app.get('/v1/blocks/:height/events/:index/receipt', {
    preHandler: requireSignature(BLOCK_READERS),
    schema: {
      tags: ['blocks'],
      summary: 'A self-contained receipt of one case event, verifiable offline from the genesis',
      description: `${describeAccess(BLOCK_READERS)} JSON, or protobuf with Accept: ${PROTOBUF_MEDIA_TYPE}.`,
      params: BlockEventParamsSchema,
      response: { 200: EventReceiptSchema, ...problemResponses('HEIGHT_INVALID', 'REQUEST_INVALID', 'EVENT_NOT_FOUND', ...AUTH_ERROR_CODES) },
    },
  }, async (request, reply) => {
    const height = Number(request.params.height);
    // The pattern admits 16 digits, some of which lie beyond 2^53.
    if (!Number.isSafeInteger(height)) throw new TianpingError('HEIGHT_INVALID', 'height is beyond 2^53');
    const receipt = await components.eventReceipt(height, Number(request.params.index));
    if ((request.headers.accept ?? '').includes(PROTOBUF_MEDIA_TYPE)) {
      // A Buffer bypasses the JSON serializer: the exact protobuf bytes go out.
      return reply.type(PROTOBUF_MEDIA_TYPE).send(Buffer.from(receipt.bytes) as never);
    }
    // The schema's (mutable) type of the same JSON: the serializer only reads it.
    return receipt.json as Static<typeof EventReceiptSchema>;
  });
};
