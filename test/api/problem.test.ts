import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { pino } from 'pino';
import { PATH_PARAM_CHARS_MAX } from '../../src/api/index.js';
import { classifyError, problemType } from '../../src/api/problem.js';
import { ERROR_CODES, TianpingError, type ErrorCode } from '../../src/types/index.js';
import { FakeComponents, TEST_LIMITS, expectProblem, makeApp } from './fake-components.js';

let app: FastifyInstance | undefined;
afterEach(async () => { await app?.close(); app = undefined; });

describe('problem types', () => {
  it('gives every code its own relative /problems/ URI', () => {
    const codes = Object.keys(ERROR_CODES) as ErrorCode[];
    const types = codes.map(problemType);
    expect(new Set(types).size).toBe(codes.length);
    expect(problemType('TX_EXPIRED')).toBe('/problems/tx-expired');
    for (const type of types) expect(type).toMatch(/^\/problems\/[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it('classifies errors: ours by code, client errors by status, the rest as INTERNAL', () => {
    expect(classifyError(new TianpingError('TX_EXPIRED', 'expired at 5'))).toMatchObject({ code: 'TX_EXPIRED', detail: 'expired at 5', internal: false });
    expect(classifyError(Object.assign(new Error('bad url'), { statusCode: 400, code: 'FST_ERR_BAD_URL' }))).toMatchObject({ code: 'REQUEST_INVALID', internal: false });
    expect(classifyError(Object.assign(new Error('gone'), { statusCode: 404 }))).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
    const internal = classifyError(Object.assign(new Error('EIO: /var/lib/secret'), { statusCode: 500 }));
    expect(internal).toMatchObject({ code: 'INTERNAL', internal: true });
    expect(internal.detail).not.toContain('secret');
    expect(classifyError('a string thrown')).toMatchObject({ code: 'INTERNAL', internal: true });
  });
});

describe('error responses', () => {
  it('answers ROUTE_NOT_FOUND 404 for an unknown route or method, without the query', async () => {
    ({ app } = await makeApp());
    expectProblem(await app.inject({ url: '/v1/nothing?secret=1' }), 404, 'ROUTE_NOT_FOUND', '/v1/nothing');
    expectProblem(await app.inject({ method: 'DELETE', url: '/v1/txs' }), 404, 'ROUTE_NOT_FOUND', '/v1/txs');
    expectProblem(await app.inject({ url: '/web/missing.js' }), 404, 'ROUTE_NOT_FOUND', '/web/missing.js');
  });

  it('answers INTERNAL 500 without leaking the cause, and logs the cause', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk: Buffer, _encoding, done) { lines.push(chunk.toString()); done(); } });
    const fake = new FakeComponents();
    fake.statusFailure = new Error('LEVEL_IO_ERROR /srv/tianping/data/ledger is corrupt');
    ({ app } = await makeApp(fake, { logger: pino({ level: 'info' }, sink) }));
    const response = await app.inject({ url: '/v1/status', headers: { 'x-request-id': 'trace-42' } });
    const body = expectProblem(response, 500, 'INTERNAL', '/v1/status');
    expect(response.body).not.toContain('LEVEL_IO_ERROR');
    expect(response.body).not.toContain('/srv/');
    expect(body['title']).toBe(ERROR_CODES.INTERNAL.title);
    const logged = lines.map((line) => JSON.parse(line) as { reqId?: string; err?: { message?: string } });
    expect(logged).toContainEqual(expect.objectContaining({
      reqId: 'trace-42', err: expect.objectContaining({ message: fake.statusFailure.message }),
    }));
  });
});

describe('errors raised before any route runs', () => {
  // The router, the body parsers and the not-found handler answer these without a route handler:
  // each must still be problem+json with its code, its status, the request id and nosniff.
  const JSON_TYPE = { 'content-type': 'application/json' };
  const cases: [string, InjectOptions, number, ErrorCode, string][] = [
    ['unknown route', { url: '/v1/nothing' }, 404, 'ROUTE_NOT_FOUND', '/v1/nothing'],
    // Fastify has no 405: a known path with a method it does not serve is an unknown route.
    ['method not served on a known path', { method: 'PUT', url: '/v1/status' }, 404, 'ROUTE_NOT_FOUND', '/v1/status'],
    ['path parameter over the router limit', { url: `/v1/txs/${'a'.repeat(PATH_PARAM_CHARS_MAX + 1)}` }, 414, 'URI_TOO_LONG',
      `/v1/txs/${'a'.repeat(PATH_PARAM_CHARS_MAX + 1)}`],
    ['long parameter with a query', { url: `/v1/evidence/${'f'.repeat(4000)}?algorithm=sha256` }, 414, 'URI_TOO_LONG',
      `/v1/evidence/${'f'.repeat(4000)}`],
    ['path that is not percent-encoding', { url: '/v1/txs/%zz' }, 400, 'REQUEST_INVALID', '/v1/txs/%zz'],
    ['malformed JSON', { method: 'POST', url: '/v1/txs', headers: JSON_TYPE, payload: '{"tx": ' }, 400, 'BODY_MALFORMED', '/v1/txs'],
    ['empty JSON body', { method: 'POST', url: '/v1/txs', headers: JSON_TYPE, payload: '' }, 400, 'BODY_MALFORMED', '/v1/txs'],
    ['body over the limit', { method: 'POST', url: '/v1/txs', headers: JSON_TYPE,
      payload: JSON.stringify({ tx: 'A'.repeat(TEST_LIMITS.bodyBytesMax) }) }, 413, 'BODY_TOO_LARGE', '/v1/txs'],
    ['unsupported content type', { method: 'POST', url: '/v1/txs', headers: { 'content-type': 'text/plain' }, payload: 'x' },
      415, 'MEDIA_TYPE_UNSUPPORTED', '/v1/txs'],
  ];

  it.each(cases)('%s', async (_name, request, status, code, instance) => {
    ({ app } = await makeApp());
    const response = await app.inject({ ...request, headers: { ...request.headers, 'x-request-id': 'edge-1' } });
    const body = expectProblem(response, status, code, instance);
    expect(body['title']).toBe(ERROR_CODES[code].title);
    expect(response.headers['x-request-id']).toBe('edge-1');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('does not echo an over-long path in the detail', async () => {
    ({ app } = await makeApp());
    const response = await app.inject({ url: `/v1/txs/${'b'.repeat(5000)}` });
    const body = expectProblem(response, 414, 'URI_TOO_LONG');
    expect(body['detail']).not.toContain('bbbb');
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('request ids and headers', () => {
  it('echoes a tame x-request-id, and replaces a missing or wild one by a UUID', async () => {
    ({ app } = await makeApp());
    const given = await app.inject({ url: '/healthz', headers: { 'x-request-id': 'lb-7f3a.1' } });
    expect(given.headers['x-request-id']).toBe('lb-7f3a.1');
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    expect((await app.inject({ url: '/healthz' })).headers['x-request-id']).toMatch(uuid);
    const wild = await app.inject({ url: '/healthz', headers: { 'x-request-id': 'x'.repeat(129) } });
    expect(wild.headers['x-request-id']).toMatch(uuid);
    const spaced = await app.inject({ url: '/healthz', headers: { 'x-request-id': 'a b' } });
    expect(spaced.headers['x-request-id']).toMatch(uuid);
  });

  it('sets the request id and nosniff on error responses too', async () => {
    ({ app } = await makeApp());
    const response = await app.inject({ url: '/v1/txs/zz', headers: { 'x-request-id': 'req-1' } });
    expectProblem(response, 400, 'HASH_INVALID');
    expect(response.headers['x-request-id']).toBe('req-1');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });
});
