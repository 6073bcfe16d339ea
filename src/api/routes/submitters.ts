// Anchors by submitter: enumeration, so a signed read (auth/require-signature.ts). A submitter may list its own
// anchors; verifiers (courts), validators and observers may list anyone's.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { fromHex, TianpingError } from '../../types/index.js';
import { AUTH_ERROR_CODES, describeAccess, type AccessRule } from '../auth/index.js';
import type { RouteOptions } from '../options.js';
import { PageQuerySchema, SubmitterAnchorsSchema, SubmitterParamsSchema, problemResponses } from '../schemas.js';
import { anchorView } from '../views.js';

export const SUBMITTER_ANCHOR_READERS: AccessRule = { roles: ['verifier', 'validator', 'observer'], allowSelf: 'key' };

export const submittersRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { components, limits, requireSignature }) => {
  app.get('/v1/submitters/:key/anchors', {
    preHandler: requireSignature(SUBMITTER_ANCHOR_READERS),
    schema: {
      tags: ['evidence'],
      summary: 'Anchors made by one submitter key, oldest first',
      description: `${describeAccess(SUBMITTER_ANCHOR_READERS)} Pages with ?offset and ?limit ` +
        `(at most ${limits.evidencePageMax}, also the default). A key with no anchors answers total 0.`,
      params: SubmitterParamsSchema,
      querystring: PageQuerySchema,
      response: { 200: SubmitterAnchorsSchema, ...problemResponses('REQUEST_INVALID', ...AUTH_ERROR_CODES) },
    },
  }, async (request) => {
    const keyHex = request.params.key.toLowerCase();
    const key = fromHex(keyHex);
    // The schema admits 64 hex characters only; this guards the type, not the input.
    if (key === undefined) throw new TianpingError('REQUEST_INVALID', 'key is not hex');
    const offset = request.query.offset ?? 0;
    const limit = Math.min(request.query.limit ?? limits.evidencePageMax, limits.evidencePageMax);
    const { total, anchors } = await components.anchorsBySubmitter(key, { offset, limit });
    return { submitter: keyHex, total, offset, limit, anchors: anchors.map(anchorView) };
  });
};
