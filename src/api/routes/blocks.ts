// Committed blocks by height, and the latest one.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { TianpingError } from '../../types/index.js';
import type { RouteOptions } from '../options.js';
import { BlockParamsSchema, BlockSchema, problemResponses } from '../schemas.js';
import { blockView } from '../views.js';

export const blocksRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { components }) => {
  // The static path wins over /:height in fastify's router, whatever the registration order.
  app.get('/v1/blocks/latest', {
    schema: {
      tags: ['blocks'],
      summary: 'The latest committed block',
      response: { 200: BlockSchema, ...problemResponses('BLOCK_NOT_FOUND') },
    },
  }, async () => {
    const block = await components.block('latest');
    if (block === undefined) throw new TianpingError('BLOCK_NOT_FOUND', 'no block has committed yet');
    return blockView(block);
  });

  app.get('/v1/blocks/:height', {
    schema: {
      tags: ['blocks'],
      summary: 'The committed block at a height',
      params: BlockParamsSchema,
      response: { 200: BlockSchema, ...problemResponses('HEIGHT_INVALID', 'BLOCK_NOT_FOUND') },
    },
  }, async (request) => {
    const height = Number(request.params.height);
    // The pattern admits 16 digits, some of which lie beyond 2^53.
    if (!Number.isSafeInteger(height)) throw new TianpingError('HEIGHT_INVALID', 'height is beyond 2^53');
    const block = await components.block(height);
    if (block === undefined) throw new TianpingError('BLOCK_NOT_FOUND', `no block at height ${height}`);
    return blockView(block);
  });
};
