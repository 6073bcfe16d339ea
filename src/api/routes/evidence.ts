// Evidence lookup by digest: public, since whoever holds the file may learn everything about its
// anchors (auth/require-signature.ts).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { fromHex, TianpingError } from '../../types/index.js';
import type { RouteOptions } from '../options.js';
import { EvidenceParamsSchema, EvidenceQuerySchema, EvidenceResponseSchema, problemResponses } from '../schemas.js';
import { anchorView } from '../views.js';

export const evidenceRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { components, limits }) => {
  app.get('/v1/evidence/:digest', {
    schema: {
      tags: ['evidence'],
      summary: 'Every anchor of a digest, oldest first',
      description: `Pages with ?offset and ?limit (at most ${limits.evidencePageMax}, also the default). ` +
        '404 EVIDENCE_NOT_FOUND when the digest was never anchored.',
      params: EvidenceParamsSchema,
      querystring: EvidenceQuerySchema,
      response: { 200: EvidenceResponseSchema, ...problemResponses('DIGEST_INVALID', 'REQUEST_INVALID', 'EVIDENCE_NOT_FOUND') },
    },
  }, async (request) => {
    const digestHex = request.params.digest.toLowerCase();
    const digest = fromHex(digestHex);
    if (digest === undefined) throw new TianpingError('DIGEST_INVALID');
    const algorithm = request.query.algorithm ?? 'sha256';
    const offset = request.query.offset ?? 0;
    const limit = Math.min(request.query.limit ?? limits.evidencePageMax, limits.evidencePageMax);
    const { total, anchors } = await components.evidence(digest, algorithm, { offset, limit });
    if (total === 0) throw new TianpingError('EVIDENCE_NOT_FOUND', `${algorithm} digest ${digestHex} has no anchor on this chain`);
    return { digest: digestHex, algorithm, total, offset, limit, anchors: anchors.map(anchorView) };
  });
};
