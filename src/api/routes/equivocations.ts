// Equivocations recorded on chain: public, like the chain itself. A member or a court checks here
// which validator signed two conflicting statements, and can re-verify both signatures from the
// statements given.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { RouteOptions } from '../options.js';
import { EquivocationsResponseSchema, problemResponses, type EquivocationsResponse } from '../schemas.js';

export const equivocationsRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { components }) => {
  app.get('/v1/equivocations', {
    schema: {
      tags: ['consensus'],
      summary: 'Every equivocation recorded on chain',
      description: 'Validators that signed two conflicting votes or proposals, with the proof and the report that recorded it.',
      response: { 200: EquivocationsResponseSchema, ...problemResponses() },
    },
  }, async (): Promise<EquivocationsResponse> => {
    const equivocations = await components.equivocations();
    return { equivocations: equivocations.map((e) => ({ ...e, statements: e.statements.map((s) => ({ ...s })) })) };
  });
};
