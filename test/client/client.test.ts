import { describe, expect, it } from 'vitest';
import { ApiError, ClientError, TianpingClient } from '../../src/client/index.js';
import { fromBase64 } from '../../src/types/index.js';

interface Call { url: string; method: string; body: unknown }

function stubFetch(respond: (call: Call) => Response): { fetch: typeof fetch; calls: Call[] } {
  const calls: Call[] = [];
  const fake = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const call = { url: String(input), method: init?.method ?? 'GET', body: init?.body === undefined ? undefined : JSON.parse(String(init.body)) };
    calls.push(call);
    return respond(call);
  };
  return { fetch: fake as typeof fetch, calls };
}

const json = (status: number, body: unknown, type = 'application/json'): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

describe('TianpingClient', () => {
  it('submits base64 tx bytes with wait=commit and returns the commit', async () => {
    const committed = { hash: 'ab', status: 'committed', height: 3, index: 0, blockHash: 'cd', blockTimeMs: 5, blockTime: '1970-01-01T00:00:00.005Z' };
    const { fetch, calls } = stubFetch(() => json(200, committed));
    const client = new TianpingClient('http://node.test:8080/', { fetch });
    const result = await client.submit(Uint8Array.of(1, 2, 3), { wait: 'commit', timeoutMs: 5000 });
    expect(result).toEqual(committed);
    expect(calls[0]?.method).toBe('POST');
    expect(calls[0]?.url).toBe('http://node.test:8080/v1/txs?wait=commit&timeoutMs=5000');
    const sent = (calls[0]?.body as { tx: string }).tx;
    expect(Array.from(fromBase64(sent)!)).toEqual([1, 2, 3]);
  });

  it('builds the lookup URLs', async () => {
    const { fetch, calls } = stubFetch(() => json(200, {}));
    const client = new TianpingClient('http://n', { fetch });
    await client.evidence('AB'.repeat(32), 'sm3', { offset: 10, limit: 5 });
    await client.evidence(new Uint8Array(32));
    await client.tx(Uint8Array.of(0xfe));
    await client.block('latest');
    await client.block(7);
    await client.headers('latest');
    await client.headers(7);
    await client.anchorsBySubmitter('AB'.repeat(32), { offset: 2, limit: 3 });
    await client.anchorsBySubmitter(Uint8Array.of(0xfe));
    await client.status();
    expect(calls.map((c) => c.url)).toEqual([
      `http://n/v1/evidence/${'ab'.repeat(32)}?algorithm=sm3&offset=10&limit=5`,
      `http://n/v1/evidence/${'00'.repeat(32)}?algorithm=sha256`,
      'http://n/v1/txs/fe',
      'http://n/v1/blocks/latest',
      'http://n/v1/blocks/7',
      'http://n/v1/headers/latest',
      'http://n/v1/headers/7',
      `http://n/v1/submitters/${'ab'.repeat(32)}/anchors?offset=2&limit=3`,
      'http://n/v1/submitters/fe/anchors',
      'http://n/v1/status',
    ]);
  });

  it('turns a problem+json answer into an ApiError with its code', async () => {
    const problem = { type: 'about:blank', title: 'No anchor of this digest', status: 404, code: 'EVIDENCE_NOT_FOUND', detail: 'digest 00.. was never anchored' };
    const { fetch } = stubFetch(() => json(404, problem, 'application/problem+json'));
    const error = await new TianpingClient('http://n', { fetch }).evidence(new Uint8Array(32)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, code: 'EVIDENCE_NOT_FOUND', title: problem.title, detail: problem.detail });
    expect((error as ApiError).message).toBe('EVIDENCE_NOT_FOUND: digest 00.. was never anchored (HTTP 404)');
  });

  it('keeps the HTTP status when the error body is not problem+json', async () => {
    const { fetch } = stubFetch(() => new Response('<html>Bad Gateway</html>', { status: 502 }));
    const error = await new TianpingClient('http://n', { fetch }).status().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ApiError', status: 502, code: 'HTTP_502', detail: '<html>Bad Gateway</html>' });
  });

  it('reports a success that is not JSON as RESPONSE_INVALID', async () => {
    const { fetch } = stubFetch(() => new Response('hello', { status: 200 }));
    const error = await new TianpingClient('http://n', { fetch }).status().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientError);
    expect((error as ClientError).code).toBe('RESPONSE_INVALID');
  });

  it('reports a refused connection as NODE_UNREACHABLE', async () => {
    const refused = (async () => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    }) as typeof fetch;
    const error = await new TianpingClient('http://127.0.0.1:9', { fetch: refused }).status().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientError);
    expect((error as ClientError).code).toBe('NODE_UNREACHABLE');
    expect((error as ClientError).message).toContain('ECONNREFUSED');
  });

  it('reports an aborted request as REQUEST_TIMEOUT', async () => {
    const aborting = (async () => {
      throw new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    }) as typeof fetch;
    const error = await new TianpingClient('http://n', { fetch: aborting }).status().catch((e: unknown) => e);
    expect((error as ClientError).code).toBe('REQUEST_TIMEOUT');
  });
});
