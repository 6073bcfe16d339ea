// GET /metrics: the node's series in the Prometheus text format, for a Prometheus server to scrape.
// Unsigned, like /healthz: it tells heights, rates and latencies, no data of the chain that a
// member's signature guards. An operator who exposes the API beyond the consortium keeps /metrics
// to the monitoring network at the proxy.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { ApiMetrics } from '../options.js';
import { problemCodeOf } from '../problem.js';
import { problemResponses, textResponse } from '../schemas.js';

/** The route label of a request no route matched (a 404, or one the router refused): one series for all. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * Records every answer, on the app itself so that it covers every route and the not-found answers:
 * its route template (fastify's routeOptions.url, never the raw URL, so that the label's values are
 * the routes, not whatever paths clients send), method, status and time, and the code of a problem.
 */
export function recordAnswers(app: FastifyInstance, metrics: ApiMetrics): void {
  app.addHook('onResponse', async (request, reply) => {
    metrics.requestAnswered(request.routeOptions.url ?? UNMATCHED_ROUTE, request.method, reply.statusCode, reply.elapsedTime / 1000);
    const code = problemCodeOf(reply);
    if (code !== undefined) metrics.refused(code);
  });
}

export const metricsRoutes: FastifyPluginAsyncTypebox<{ readonly metrics: ApiMetrics }> = async (app, { metrics }) => {
  app.get('/metrics', {
    schema: {
      tags: ['node'],
      summary: 'The node\'s metrics in the Prometheus text format (chain, consensus, mempool, p2p, API, ledger, process)',
      response: { 200: textResponse(metrics.contentType, 'Every series of this node, as of now'), ...problemResponses() },
    },
  }, async (_request, reply) => reply.type(metrics.contentType).send(await metrics.exposition()));
};
