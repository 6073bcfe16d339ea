// Committed blocks by height, and the latest one. A block lists its transactions, so reading it is
// for members whose role allows enumeration (auth/require-signature.ts); its header and commit stay public.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { TianpingError } from '../../types/index.js';
import { AUTH_ERROR_CODES, describeAccess, type AccessRule } from '../auth/index.js';
import type { BlockSummary } from '../components.js';
import type { RouteOptions } from '../options.js';
import { BlockParamsSchema, BlockSchema, HeaderSchema, problemResponses } from '../schemas.js';
import { blockView, headerView } from '../views.js';

/** Who may list a block's transactions: the nodes, and the courts that verify. */
export const BLOCK_READERS: AccessRule = { roles: ['validator', 'observer', 'verifier'] };

/** The pattern admits 16 digits, some of which lie beyond 2^53. */
function heightParam(text: string): number {
  const height = Number(text);
  if (!Number.isSafeInteger(height)) throw new TianpingError('HEIGHT_INVALID', 'height is beyond 2^53');
  return height;
}

export const blocksRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { components, requireSignature }) => {
  async function blockAt(height: number | 'latest'): Promise<BlockSummary> {
    const block = await components.block(height);
    if (block === undefined) {
      throw new TianpingError('BLOCK_NOT_FOUND', height === 'latest' ? 'no block has committed yet' : `no block at height ${height}`);
    }
    return block;
  }

  const signed = requireSignature(BLOCK_READERS);

  // The static path wins over /:height in fastify's router, whatever the registration order.
  app.get('/v1/blocks/latest', {
    preHandler: signed,
    schema: {
      tags: ['blocks'],
      summary: 'The latest committed block, with its transaction hashes',
      description: describeAccess(BLOCK_READERS),
      response: { 200: BlockSchema, ...problemResponses('BLOCK_NOT_FOUND', ...AUTH_ERROR_CODES) },
    },
  }, async () => blockView(await blockAt('latest')));

  app.get('/v1/blocks/:height', {
    preHandler: signed,
    schema: {
      tags: ['blocks'],
      summary: 'The committed block at a height, with its transaction hashes',
      description: describeAccess(BLOCK_READERS),
      params: BlockParamsSchema,
      response: { 200: BlockSchema, ...problemResponses('HEIGHT_INVALID', 'BLOCK_NOT_FOUND', ...AUTH_ERROR_CODES) },
    },
  }, async (request) => blockView(await blockAt(heightParam(request.params.height))));

  app.get('/v1/headers/latest', {
    schema: {
      tags: ['blocks'],
      summary: 'The header and commit of the latest block (public: no transaction hashes)',
      response: { 200: HeaderSchema, ...problemResponses('BLOCK_NOT_FOUND') },
    },
  }, async () => headerView(await blockAt('latest')));

  app.get('/v1/headers/:height', {
    schema: {
      tags: ['blocks'],
      summary: 'The header and commit of the block at a height (public: no transaction hashes)',
      params: BlockParamsSchema,
      response: { 200: HeaderSchema, ...problemResponses('HEIGHT_INVALID', 'BLOCK_NOT_FOUND') },
    },
  }, async (request) => headerView(await blockAt(heightParam(request.params.height))));
};
