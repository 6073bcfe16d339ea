// The HTTP server's connection bounds, through real sockets on a listening app: an idle kept-alive
// connection, a silent one and a slowloris are closed after their bounds; one address cannot hold
// more than its cap while others still get in; and a ?wait=commit request longer than every other
// bound still gets its answer.
import { connect, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import { DEFAULT_CONNECTION_BOUNDS, checkingIntervalMs, type ConnectionBounds } from '../../src/api/connection-limits.js';
import { asTimeMs, toBase64 } from '../../src/types/index.js';
import { FakeComponents, GENESIS_TIME_MS, expectProblem, makeApp } from './fake-components.js';

const BOUNDS: ConnectionBounds = {
  keepAliveTimeoutMs: 300, headersTimeoutMs: 400, requestTimeoutMs: 800, connectionTimeoutMs: 3_000,
  connectionsMax: 50, connectionsPerClientMax: 3,
};

let app: FastifyInstance | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await app?.close();
  app = undefined;
});

async function listening(fake = new FakeComponents(), commitWaitMsMax = 50): Promise<{ port: number; fake: FakeComponents }> {
  const built = await makeApp(fake, { connections: BOUNDS, commitWaitMsMax });
  app = built.app;
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { port: address.port, fake };
}

interface Conn {
  readonly socket: Socket;
  /** Everything received so far. */
  received(): string;
  /** Resolves with the ms from connect to close. */
  readonly closed: Promise<number>;
}

async function open(port: number, localAddress?: string): Promise<Conn> {
  const socket = connect({ host: '127.0.0.1', port, ...(localAddress === undefined ? {} : { localAddress }) });
  sockets.push(socket);
  let text = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => { text += chunk; });
  socket.on('error', () => undefined);
  const startedMs = Date.now();
  const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now() - startedMs)));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return { socket, received: () => text, closed };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const GET_HEALTH = 'GET /healthz HTTP/1.1\r\nhost: x\r\n\r\n';

describe('HTTP connection bounds', () => {
  it('closes a kept-alive connection idle past keepAliveTimeoutMs', async () => {
    const { port } = await listening();
    const conn = await open(port);
    conn.socket.write(GET_HEALTH);
    await new Promise((resolve) => conn.socket.once('data', resolve));
    const answeredMs = Date.now();
    await conn.closed;
    const idleMs = Date.now() - answeredMs;
    expect(conn.received()).toMatch(/^HTTP\/1\.1 200 /);
    expect(idleMs).toBeGreaterThanOrEqual(BOUNDS.keepAliveTimeoutMs - 50);
    // Node waits 1 s past the advertised Keep-Alive timeout, so that a client reusing the
    // connection at the last moment does not race its close.
    expect(idleMs).toBeLessThan(BOUNDS.keepAliveTimeoutMs + 1_000 + 500);
  });

  it('closes a connection that sends nothing after headersTimeoutMs, with 408', async () => {
    const { port } = await listening();
    const conn = await open(port);
    const ms = await conn.closed;
    expect(conn.received()).toMatch(/^HTTP\/1\.1 408 /);
    expect(ms).toBeGreaterThanOrEqual(BOUNDS.headersTimeoutMs - 50);
    expect(ms).toBeLessThan(BOUNDS.headersTimeoutMs + 2 * checkingIntervalMs(BOUNDS) + 300);
  });

  it('closes a slowloris (headers one byte at a time) after headersTimeoutMs', async () => {
    const { port } = await listening();
    const conn = await open(port);
    const dribble = `GET /healthz HTTP/1.1\r\nhost: x\r\n${'x-slow: a\r\n'.repeat(100)}\r\n`;
    let stopped = false;
    void conn.closed.then(() => { stopped = true; });
    const writing = (async () => {
      for (const byte of dribble) {
        if (stopped) return;
        conn.socket.write(byte);
        await sleep(20);
      }
    })();
    const ms = await conn.closed;
    await writing;
    // 100 header lines take over 20 s at this pace: only the headers bound ends it.
    expect(ms).toBeLessThan(BOUNDS.headersTimeoutMs + 2 * checkingIntervalMs(BOUNDS) + 300);
    expect(conn.received()).toMatch(/^HTTP\/1\.1 408 /);
    expect(conn.received()).toContain('"code":"REQUEST_TIMEOUT"');
  });

  it('closes the connection of one address beyond its cap at once, while its others still work', async () => {
    const { port } = await listening();
    const held = await Promise.all(Array.from({ length: BOUNDS.connectionsPerClientMax }, () => open(port)));
    const extra = await open(port);
    const ms = await extra.closed;
    expect(ms).toBeLessThan(BOUNDS.headersTimeoutMs - 100);
    expect(extra.received()).toBe('');
    // The held connections answer as before.
    for (const conn of held) conn.socket.write(GET_HEALTH);
    await sleep(100);
    for (const conn of held) expect(conn.received()).toMatch(/^HTTP\/1\.1 200 /);
    // Once one of them closes, the address may connect again.
    held[0]!.socket.destroy();
    await held[0]!.closed;
    await sleep(20);
    const again = await open(port);
    again.socket.write(GET_HEALTH);
    await sleep(100);
    expect(again.received()).toMatch(/^HTTP\/1\.1 200 /);
  });

  it('logs 20 refused connections as one line per interval, not one per socket', async () => {
    let logged = '';
    const sink = new Writable({ write(chunk: Buffer, _encoding, done) { logged += chunk.toString(); done(); } });
    const built = await makeApp(new FakeComponents(), {
      connections: { ...BOUNDS, connectionsMax: 4, connectionsPerClientMax: 2 }, logger: pino({ level: 'warn' }, sink),
    });
    app = built.app;
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as { port: number };
    const held = await Promise.all([open(port), open(port)]);
    // 20 more from the same address: each closed at once.
    const extra = await Promise.all(Array.from({ length: 20 }, () => open(port)));
    const closedMs = await Promise.all(extra.map((conn) => conn.closed));
    expect(Math.max(...closedMs)).toBeLessThan(BOUNDS.headersTimeoutMs);
    for (const conn of held) conn.socket.write(GET_HEALTH);
    await sleep(100);
    for (const conn of held) expect(conn.received()).toMatch(/^HTTP\/1\.1 200 /);
    const lines = logged.split('\n').filter((line) => line.includes('connections refused'));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ refused: 1, addresses: { '127.0.0.1': 1 } });
  });

  it('drops a connection beyond connectionsMax whatever its address', async () => {
    const built = await makeApp(new FakeComponents(), { connections: { ...BOUNDS, connectionsMax: 4, connectionsPerClientMax: 2 } });
    app = built.app;
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as { port: number };
    // Loopback answers for all of 127/8: four connections from two addresses fill the server.
    const held = await Promise.all([open(port), open(port), open(port, '127.0.0.2'), open(port, '127.0.0.2')]);
    const extra = await open(port, '127.0.0.3');
    expect(await extra.closed).toBeLessThan(BOUNDS.headersTimeoutMs);
    expect(extra.received()).toBe('');
    for (const conn of held) conn.socket.write(GET_HEALTH);
    await sleep(100);
    for (const conn of held) expect(conn.received()).toMatch(/^HTTP\/1\.1 200 /);
  });

  it('answers a ?wait=commit held longer than every other bound but the idle one', async () => {
    const fake = new FakeComponents();
    const { port } = await listening(fake, 2_500);
    const conn = await open(port);
    const body = JSON.stringify({ tx: toBase64(new Uint8Array([10, 3, 1, 2, 3, 18, 64, ...new Array<number>(64).fill(7)])) });
    const waiting = fake.whenWaiting();
    conn.socket.write(`POST /v1/txs?wait=commit HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n`
      + `content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    await waiting;
    // Past the keep-alive, headers and request bounds, with nothing moving on the socket.
    await sleep(BOUNDS.requestTimeoutMs + 2 * checkingIntervalMs(BOUNDS) + 200);
    expect(conn.socket.destroyed).toBe(false);
    fake.commitPending();
    await sleep(100);
    expect(conn.received()).toMatch(/^HTTP\/1\.1 200 /);
    expect(conn.received()).toContain('"status":"committed"');
  });

  it('uses the node defaults when the caller gives no bounds', () => {
    const { keepAliveTimeoutMs, headersTimeoutMs, requestTimeoutMs, connectionTimeoutMs, connectionsMax, connectionsPerClientMax } =
      DEFAULT_CONFIG.api;
    expect(DEFAULT_CONNECTION_BOUNDS).toEqual({ keepAliveTimeoutMs, headersTimeoutMs, requestTimeoutMs, connectionTimeoutMs,
      connectionsMax, connectionsPerClientMax });
  });
});

describe('GET /healthz before the genesis time', () => {
  it('is 503 GENESIS_PENDING until the clock reaches the genesis time, then 200', async () => {
    const fake = new FakeComponents();
    fake.nowMs = GENESIS_TIME_MS - 1;
    const built = await makeApp(fake, { clock: { nowMs: () => asTimeMs(fake.nowMs) } });
    app = built.app;
    const pending = expectProblem(await app.inject({ url: '/healthz' }), 503, 'GENESIS_PENDING', '/healthz');
    expect(pending['detail']).toContain(new Date(GENESIS_TIME_MS).toISOString());
    fake.nowMs = GENESIS_TIME_MS;
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
  });
});
