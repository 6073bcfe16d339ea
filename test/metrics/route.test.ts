// GET /metrics as the API builds it: present only with metrics, documented in the OpenAPI document
// like every route (tag node, its text/plain media type), and its hook labels a request no route
// matched by one value instead of its path.
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { NodeMetrics, parseExposition } from '../../src/metrics/index.js';
import { expectProblem, makeApp } from '../api/fake-components.js';
import { METRICS_CONTENT_TYPE, valueOf } from './node.js';

let app: FastifyInstance | undefined;
afterEach(async () => { await app?.close(); app = undefined; });

describe('GET /metrics in the API', () => {
  it('is no route when the API is built without metrics', async () => {
    ({ app } = await makeApp());
    expectProblem(await app.inject({ url: '/metrics' }), 404, 'ROUTE_NOT_FOUND');
  });

  it('is documented with its media type under the node tag', async () => {
    ({ app } = await makeApp(undefined, { metrics: new NodeMetrics() }));
    const doc = (await app.inject({ url: '/docs/json' })).json<{ paths: Record<string, Record<string, {
      tags: string[]; responses: Record<string, { content?: Record<string, unknown> }> }>> }>();
    const operation = doc.paths['/metrics']?.['get'];
    expect(operation?.tags).toEqual(['node']);
    expect(Object.keys(operation?.responses['200']?.content ?? {})).toEqual([METRICS_CONTENT_TYPE]);
    expect(Object.keys(operation?.responses ?? {})).toContain('500');
  });

  it('labels requests no route matched as one route, whatever their path, and counts their code', async () => {
    const metrics = new NodeMetrics();
    ({ app } = await makeApp(undefined, { metrics }));
    for (const path of ['/a', '/b/c', '/v1/nope']) expectProblem(await app.inject({ url: path }), 404, 'ROUTE_NOT_FOUND');
    const response = await app.inject({ url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(METRICS_CONTENT_TYPE);
    const exposition = parseExposition(response.body);
    expect(valueOf(exposition, 'tianping_api_request_duration_seconds_count', { route: 'unmatched', method: 'GET', status_code: '404' }))
      .toBe(3);
    expect(valueOf(exposition, 'tianping_api_refusals_total', { code: 'ROUTE_NOT_FOUND' })).toBe(3);
  });
});
