// Coalesced socket writes (src/p2p/coalesce.ts) over a real loopback TCP socket pair: the chunks a
// connection sends within one tick leave as one writev, in order, and a connection without a
// socket is left alone.
import { once } from 'node:events';
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { MultiaddrConnection, Transport, Upgrader } from '@libp2p/interface';
import { afterEach, describe, expect, it } from 'vitest';
import { coalesceWrites, withCoalescedWrites } from '../../src/p2p/coalesce.js';

interface Pair {
  readonly client: Socket;
  readonly received: () => Buffer;
  readonly close: () => Promise<void>;
}

async function socketPair(): Promise<Pair> {
  const chunks: Buffer[] = [];
  const server: Server = createServer((socket) => socket.on('data', (data: Buffer) => chunks.push(data)));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  const client = connect(port, '127.0.0.1');
  client.setNoDelay(true);
  await once(client, 'connect');
  return {
    client,
    received: () => Buffer.concat(chunks),
    close: async () => {
      client.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}

type TestConnection = MultiaddrConnection & {
  socket: Socket;
  sendData(data: Iterable<Uint8Array>): { sentBytes: number; canSendMore: boolean };
};

/** A connection shaped like libp2p's TCP one: writes each chunk of the list on its own. */
function connection(socket: Socket): TestConnection {
  return {
    socket,
    sendData(data: Iterable<Uint8Array>) {
      let canSendMore = true;
      for (const chunk of data) canSendMore = socket.write(chunk);
      return { sentBytes: 0, canSendMore };
    },
  } as unknown as TestConnection;
}

/** Counts the socket's write paths: _write for a single chunk, _writev for coalesced ones. */
function countWrites(socket: Socket): { single: number; vectored: number } {
  const counts = { single: 0, vectored: 0 };
  const internals = socket as unknown as { _write: (...a: unknown[]) => void; _writev: (...a: unknown[]) => void };
  const write = internals._write.bind(socket);
  const writev = internals._writev.bind(socket);
  internals._write = (...args) => { counts.single++; write(...args); };
  internals._writev = (...args) => { counts.vectored++; writev(...args); };
  return counts;
}

const frames = (count: number): Uint8Array[][] => Array.from({ length: count }, (_, f) =>
  [Uint8Array.of(0, 4), Uint8Array.of(f, f), Uint8Array.of(1), Uint8Array.of(f + 1, f + 2, f + 3), new Uint8Array(16).fill(f)]);

async function waitFor(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
}

let pair: Pair | undefined;
afterEach(async () => {
  await pair?.close();
  pair = undefined;
});

/** Sends three frames in one tick over a fresh socket pair, and waits until all arrived in order. */
async function sendThreeFrames(coalesced: boolean) {
  pair = await socketPair();
  const maConn = connection(pair.client);
  if (coalesced) coalesceWrites(maConn);
  const counts = countWrites(pair.client);
  const sent = frames(3);
  for (const frame of sent) maConn.sendData(frame);
  const expected = Buffer.concat(sent.flat());
  await waitFor(() => pair!.received().length >= expected.length);
  expect(pair.received()).toEqual(expected);
  return { maConn, counts, expected };
}

describe('coalesceWrites', () => {
  it('sends the chunks of several frames sent in one tick as one writev, in order', async () => {
    const { maConn, counts, expected } = await sendThreeFrames(true);
    expect(counts).toEqual({ single: 0, vectored: 1 });
    // A later tick is a new write.
    maConn.sendData([Uint8Array.of(9)]);
    await waitFor(() => pair!.received().length > expected.length);
    expect(counts).toEqual({ single: 1, vectored: 1 });
  });

  it('without it, the same frames cost one write per chunk (what it exists to avoid)', async () => {
    const { counts } = await sendThreeFrames(false);
    expect(counts.single + counts.vectored).toBeGreaterThan(3);
  });

  it('keeps backpressure: a write past the buffer limit still reports that no more fits', async () => {
    pair = await socketPair();
    const maConn = connection(pair.client);
    coalesceWrites(maConn);
    const big = new Uint8Array(pair.client.writableHighWaterMark + 1);
    const result = maConn.sendData([big]);
    expect(result.canSendMore).toBe(false);
    await once(pair.client, 'drain');
  });

  it('leaves a connection without a socket as it is', () => {
    const sendData = (): void => undefined;
    const maConn = { sendData } as unknown as TestConnection;
    coalesceWrites(maConn);
    expect(maConn.sendData).toBe(sendData);
  });
});

describe('withCoalescedWrites', () => {
  it('wraps the connections a transport dials and accepts, and passes everything else through', async () => {
    pair = await socketPair();
    const upgraded: MultiaddrConnection[] = [];
    // Methods that read `this`: the wrapper must call them on the upgrader itself.
    class FakeUpgrader {
      readonly marker = 'upgrader';
      upgradeOutbound(maConn: MultiaddrConnection): Promise<string> { upgraded.push(maConn); return Promise.resolve(this.marker); }
      upgradeInbound(maConn: MultiaddrConnection): Promise<string> { upgraded.push(maConn); return Promise.resolve(this.marker); }
      otherMethod(): string { return this.marker; }
    }
    const upgrader = new FakeUpgrader() as unknown as Upgrader;
    const dialed = connection(pair.client);
    const accepted = connection(pair.client);
    const originalSend = dialed.sendData;
    const tag = Symbol('transport');
    const inner = {
      [tag]: true,
      name: 'fake',
      dial(_ma: unknown, options: { upgrader: Upgrader }) { return options.upgrader.upgradeOutbound(dialed, {} as never); },
      createListener(options: { upgrader: Upgrader }) {
        return { accept: () => options.upgrader.upgradeInbound(accepted, {} as never), upgrader: options.upgrader };
      },
    };
    const transport = withCoalescedWrites(() => inner as unknown as Transport)({});
    expect((transport as unknown as Record<symbol, unknown>)[tag]).toBe(true);
    expect((transport as unknown as { name: string }).name).toBe('fake');
    expect(await transport.dial({} as never, { upgrader } as never)).toBe('upgrader');
    const listener = transport.createListener({ upgrader } as never) as unknown as {
      accept(): Promise<unknown>; upgrader: Upgrader & { otherMethod(): string };
    };
    await listener.accept();
    expect(listener.upgrader.otherMethod()).toBe('upgrader');
    expect(upgraded).toEqual([dialed, accepted]);
    expect(dialed.sendData).not.toBe(originalSend);
  });
});
