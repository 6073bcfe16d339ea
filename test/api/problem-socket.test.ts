// Errors the HTTP server answers without a route: a request line or headers that do not parse or
// are too large (refused by Node's parser before fastify sees a request), and a request that
// arrives while the app closes. Each must still be problem+json with a stable code. These need a
// real socket on the loopback address: inject() skips the HTTP parser and refuses a closing app.
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ERROR_CODES, type ErrorCode } from '../../src/types/index.js';
import type { EquivocationView } from '../../src/api/components.js';
import { FakeComponents, makeApp } from './fake-components.js';

let app: FastifyInstance | undefined;
afterEach(async () => { await app?.close(); app = undefined; });

interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Splits what came back on a socket into its HTTP responses (Content-Length framed). */
function parseResponses(text: string): RawResponse[] {
  const responses: RawResponse[] = [];
  let rest = text;
  while (rest.length > 0) {
    const end = rest.indexOf('\r\n\r\n');
    if (end === -1) throw new Error(`incomplete response: ${rest.slice(0, 200)}`);
    const [statusLine, ...lines] = rest.slice(0, end).split('\r\n');
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const length = Number(headers['content-length'] ?? '0');
    responses.push({ status: Number(statusLine!.split(' ')[1]), headers, body: rest.slice(end + 4, end + 4 + length) });
    rest = rest.slice(end + 4 + length);
  }
  return responses;
}

async function listen(fake = new FakeComponents()): Promise<number> {
  ({ app } = await makeApp(fake));
  await app.listen({ host: '127.0.0.1', port: 0 });
  return (app.server.address() as { port: number }).port;
}

/** Writes each chunk once `before` (if any) resolves for it, and returns all the socket received. */
function exchange(port: number, chunks: readonly { text: string; before?: () => Promise<void> }[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    const timer = setTimeout(() => { socket.destroy(); reject(new Error(`no close within 5 s; got: ${received.slice(0, 300)}`)); }, 5000);
    socket.setEncoding('latin1');
    socket.on('data', (data: string) => { received += data; });
    socket.on('error', () => { /* a reset after the answer is the server closing, as it should */ });
    socket.on('close', () => { clearTimeout(timer); resolve(received); });
    void (async () => {
      for (const chunk of chunks) {
        await chunk.before?.();
        socket.write(chunk.text);
      }
    })();
  });
}

function expectSocketProblem(response: RawResponse | undefined, status: number, code: ErrorCode): Record<string, unknown> {
  expect(response, 'a response').toBeDefined();
  expect(response!.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response!.headers['x-content-type-options']).toBe('nosniff');
  const body = JSON.parse(response!.body) as Record<string, unknown>;
  expect({ status: response!.status, bodyStatus: body['status'], code: body['code'] }).toEqual({ status, bodyStatus: status, code });
  expect(body['type']).toBe(`/problems/${code.toLowerCase().replaceAll('_', '-')}`);
  expect(body['title']).toBe(ERROR_CODES[code].title);
  expect(typeof body['detail']).toBe('string');
  expect(typeof body['instance']).toBe('string');
  return body;
}

describe('errors of the HTTP parser', () => {
  it('answers a request line that is not HTTP with REQUEST_MALFORMED 400', async () => {
    const port = await listen();
    const [response, ...more] = parseResponses(await exchange(port, [{ text: 'HELLO THERE\r\n\r\n' }]));
    expectSocketProblem(response, 400, 'REQUEST_MALFORMED');
    expect(more).toEqual([]);
  });

  it('answers a header line without a colon with REQUEST_MALFORMED 400', async () => {
    const port = await listen();
    const [response] = parseResponses(await exchange(port, [{ text: 'GET /healthz HTTP/1.1\r\nHost 127.0.0.1\r\n\r\n' }]));
    expectSocketProblem(response, 400, 'REQUEST_MALFORMED');
  });

  it('answers a URL beyond the header size limit with HEADERS_TOO_LARGE 431', async () => {
    const port = await listen();
    const [response] = parseResponses(await exchange(port, [
      { text: `GET /v1/evidence/${'a'.repeat(20_000)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n` },
    ]));
    const body = expectSocketProblem(response, 431, 'HEADERS_TOO_LARGE');
    expect(String(body['detail'])).not.toContain('aaaa');
    expect(response!.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers a request whose headers time out with REQUEST_TIMEOUT 408', async () => {
    // Node reports a slow request on a timer checked every 30 s; the report itself is what matters.
    const port = await listen();
    const accepted = new Promise<Socket>((resolve) => app!.server.once('connection', resolve));
    const text = exchange(port, [{
      before: async () => {
        const socket = await accepted;
        app!.server.emit('clientError', Object.assign(new Error('Request timeout'), { code: 'ERR_HTTP_REQUEST_TIMEOUT' }), socket);
      },
      text: '',
    }]);
    const [response, ...more] = parseResponses(await text);
    const body = expectSocketProblem(response, 408, 'REQUEST_TIMEOUT');
    expect(body['instance']).toBe('');
    expect(more).toEqual([]);
  });
});

/** Holds GET /v1/equivocations until released, so that a request is in flight while the app closes. */
class SlowFake extends FakeComponents {
  #release: (() => void) | undefined;
  #entered: (() => void) | undefined;
  readonly entered = new Promise<void>((resolve) => { this.#entered = resolve; });

  release(): void {
    this.#release?.();
  }

  override async equivocations(): Promise<EquivocationView[]> {
    this.#entered?.();
    await new Promise<void>((resolve) => { this.#release = resolve; });
    return super.equivocations();
  }
}

describe('while the app closes', () => {
  it('finishes the request in flight and answers the next one on that connection with NODE_CLOSING 503', async () => {
    const fake = new SlowFake();
    const port = await listen(fake);
    let closed: Promise<void> | undefined;
    const text = await exchange(port, [
      { text: 'GET /v1/equivocations HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n' },
      {
        // The first request is being served: close the app, then send a second one on the same
        // (busy, so still open) connection, and only then let the first one finish.
        before: async () => {
          await fake.entered;
          closed = app!.close();
          await new Promise((resolve) => setTimeout(resolve, 50));
        },
        text: 'GET /v1/status HTTP/1.1\r\nHost: 127.0.0.1\r\nx-request-id: late-1\r\n\r\n',
      },
      { before: async () => { await new Promise((resolve) => setTimeout(resolve, 50)); fake.release(); }, text: '' },
    ]);
    await closed;
    app = undefined;
    const [first, second, ...more] = parseResponses(text);
    expect(first?.status).toBe(200);
    const body = expectSocketProblem(second, 503, 'NODE_CLOSING');
    expect(body['instance']).toBe('/v1/status');
    expect(second!.headers['x-request-id']).toBe('late-1');
    expect(second!.headers['connection']).toBe('close');
    expect(more).toEqual([]);
  });
});
