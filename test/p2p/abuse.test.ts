// A member's node sending junk: requests that are its fault get it penalised and banned like
// invalid gossip, its requests in flight are bounded, what it does is logged as counts per
// interval (never a line per request), and an oversized gossip frame does not shield what follows.
import { afterAll, describe, expect, it } from 'vitest';
import { isP2PError, PeerFaultError, type P2PErrorCode } from '../../src/p2p/index.js';
import { utf8 } from '../../src/types/index.js';
import { Harness, nodeIdOf, waitFor, type TestHost } from './harness.js';

const harness = new Harness();
afterAll(async () => harness.stopAll());

async function codeOf(promise: Promise<unknown>): Promise<unknown> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  return isP2PError(error) ? error.code : error;
}

const connected = (from: TestHost, to: TestHost): boolean => from.p2p.connectedNodes().includes(to.p2p.nodeId);

async function pair(prefix: string, serverLimits: object, clientLimits: object = {}): Promise<[TestHost, TestHost]> {
  const allowed = [nodeIdOf(`${prefix}0`), nodeIdOf(`${prefix}1`)];
  const server = await harness.start({ label: `${prefix}0`, allowed, limits: serverLimits });
  const client = await harness.start({ label: `${prefix}1`, allowed, bootstrap: server.p2p.multiaddrs(), limits: clientLimits });
  await waitFor('connected', () => connected(client, server) && connected(server, client));
  return [server, client];
}

describe('request-response abuse', () => {
  it('refuses a request the handler blames on the peer, penalises it, and bans it at the threshold', async () => {
    const [server, client] = await pair('ra', { penaltiesMax: 3 });
    let ourBug = 0;
    await server.p2p.handle('catchup', async (request) => {
      if (request[0] === 0xff) throw new PeerFaultError('malformed', 'junk');
      if (request[0] === 0xee) throw new Error(`our bug ${++ourBug}`);
      return request;
    });
    // Our own failure is not the peer's fault: no penalty however often it happens.
    for (let i = 0; i < 5; i++) {
      expect(await codeOf(client.p2p.request(server.p2p.nodeId, 'catchup', Uint8Array.of(0xee)))).toBe('REMOTE_ERROR');
    }
    expect(server.logged({ event: 'p2p.penalty' })).toBe(false);
    const codes: unknown[] = [];
    for (let i = 0; i < 2; i++) codes.push(await codeOf(client.p2p.request(server.p2p.nodeId, 'catchup', Uint8Array.of(0xff))));
    expect(codes).toEqual<P2PErrorCode[]>(['REQUEST_REFUSED', 'REQUEST_REFUSED']);
    expect(server.logged({ event: 'p2p.penalty', peerId: client.p2p.peerId })).toBe(true);
    expect(server.logged({ event: 'p2p.ban' })).toBe(false);
    await codeOf(client.p2p.request(server.p2p.nodeId, 'catchup', Uint8Array.of(0xff)));
    await waitFor('ban', () => server.logged({ event: 'p2p.ban', peerId: client.p2p.peerId }));
    await waitFor('disconnected', () => !connected(server, client) && !connected(client, server));
    await waitFor('redial refused', () => server.logged({ event: 'p2p.gater.deny', direction: 'inbound', peerId: client.p2p.peerId }));
    expect(connected(server, client)).toBe(false);
  });

  it('penalises a request over the size limit (our requesters never send one)', async () => {
    const [server, client] = await pair('rb', { requestBytesMax: 64, penaltiesMax: 2 }, { requestBytesMax: 4096 });
    await server.p2p.handle('blocks', async (request) => request);
    expect(await codeOf(client.p2p.request(server.p2p.nodeId, 'blocks', new Uint8Array(100)))).toBe('REQUEST_TOO_LARGE');
    await waitFor('penalty', () => server.logged({ event: 'p2p.penalty', peerId: client.p2p.peerId }));
    await codeOf(client.p2p.request(server.p2p.nodeId, 'blocks', new Uint8Array(100)));
    await waitFor('ban', () => server.logged({ event: 'p2p.ban', peerId: client.p2p.peerId }));
  });

  it('serves at most inboundRequestsPerPeerMax requests of one protocol per peer at once, refusing the rest quickly', async () => {
    const [server, client] = await pair('rc', { inboundRequestsPerPeerMax: 2 });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    let entered = 0;
    await server.p2p.handle('push', async () => {
      entered++;
      await gate;
      return new Uint8Array(1);
    });
    const started = performance.now();
    const outcomes = Array.from({ length: 6 }, () =>
      codeOf(client.p2p.request(server.p2p.nodeId, 'push', new Uint8Array(1), { timeoutMs: 10_000 })));
    // Four are refused while two are held by the handler: they end long before the 10 s timeout.
    const refused = await Promise.race([
      Promise.all(outcomes.map((o) => o.then((code) => code))).then(() => 'all-ended'),
      new Promise((resolve) => setTimeout(() => resolve('waited'), 2_000)),
    ]);
    expect(refused).toBe('waited');
    expect(entered).toBe(2);
    release();
    const codes = await Promise.all(outcomes);
    expect(codes.filter((code) => code === undefined)).toHaveLength(2);
    expect(codes.filter((code) => code === 'PROTOCOL_ERROR')).toHaveLength(4);
    expect(performance.now() - started).toBeLessThan(9_000);
    // Busy refusals are counted, not penalised: an honest peer may burst.
    expect(server.logged({ event: 'p2p.penalty' })).toBe(false);
    await server.p2p.stop();
    expect(server.logs.filter((r) => r.event === 'p2p.peer.faults' && r.reason === 'busy').map((r) => r.count)).toEqual([4]);
  });

  it('penalises every busyRefusalsPerPenalty-th stream refused as over the limit, so a flood of streams gets its peer banned', async () => {
    const [server, client] = await pair('re', { inboundRequestsPerPeerMax: 1, busyRefusalsPerPenalty: 5, penaltiesMax: 2 });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    let entered = 0;
    // Valid requests: only their number beyond the limit is at fault.
    await server.p2p.handle('catchup', async () => {
      entered++;
      await gate;
      return new Uint8Array(1);
    });
    const held = codeOf(client.p2p.request(server.p2p.nodeId, 'catchup', new Uint8Array(1), { timeoutMs: 10_000 }));
    await waitFor('one request in flight', () => entered === 1);
    const codes: unknown[] = [];
    for (let i = 0; i < 4; i++) codes.push(await codeOf(client.p2p.request(server.p2p.nodeId, 'catchup', new Uint8Array(1))));
    // Four refusals: under the threshold, no penalty.
    expect(codes).toEqual(['PROTOCOL_ERROR', 'PROTOCOL_ERROR', 'PROTOCOL_ERROR', 'PROTOCOL_ERROR']);
    expect(server.logged({ event: 'p2p.penalty' })).toBe(false);
    await codeOf(client.p2p.request(server.p2p.nodeId, 'catchup', new Uint8Array(1)));
    await waitFor('penalty at the fifth', () => server.logged({ event: 'p2p.penalty', peerId: client.p2p.peerId }));
    for (let i = 0; i < 5 && connected(server, client); i++) await codeOf(client.p2p.request(server.p2p.nodeId, 'catchup', new Uint8Array(1)));
    await waitFor('ban at the tenth', () => server.logged({ event: 'p2p.ban', peerId: client.p2p.peerId }));
    await waitFor('disconnected', () => !connected(server, client));
    release();
    await held;
  });

  it('logs junk as one line per peer and reason per interval, without a stack per request', async () => {
    const [server, client] = await pair('rd', { penaltiesMax: 1_000, faultLogIntervalMs: 60_000 });
    await server.p2p.handle('blocks', async (request) => {
      if (request[0] === 1) throw new PeerFaultError('out-of-bounds', 'heights 1..2^64');
      throw new Error('our bug');
    });
    const junk = 40;
    for (let i = 0; i < junk; i++) {
      await codeOf(client.p2p.request(server.p2p.nodeId, 'blocks', Uint8Array.of(1 + (i % 2))));
    }
    const perRequest = server.logs.filter((r) => r.level !== undefined && (r.level as number) >= 40);
    // One error line with the first failure's stack; nothing else yet (counts come at the interval).
    expect(perRequest.map((r) => r.event)).toEqual(['p2p.handler.failed']);
    await server.p2p.stop();
    const summary = server.logs.filter((r) => r.event === 'p2p.peer.faults');
    expect(summary.map((r) => [r.reason, r.side, r.count])).toEqual([['out-of-bounds', 'peer', junk / 2],
      ['handler-failed', 'ours', junk / 2]]);
    expect(server.logs.filter((r) => r.err !== undefined)).toHaveLength(1);
  });
});

describe('an oversized gossip frame', () => {
  it('gets the sender penalised and does not shield the junk it sends afterwards', async () => {
    const [a, b] = [nodeIdOf('og0'), nodeIdOf('og1')];
    const small = { txs: 1024, proposals: 1024, votes: 1024, evidence: 1024 };
    // The receiver reads gossip frames of at most 1 KiB + the RPC envelope room (64 KiB).
    const receiver = await harness.start({ label: 'og0', allowed: [a, b], limits: { messageBytesMax: small, penaltiesMax: 4 } });
    const sender = await harness.start({ label: 'og1', allowed: [a, b], bootstrap: receiver.p2p.multiaddrs(),
      limits: { messageBytesMax: { ...small, proposals: 512 * 1024 } } });
    receiver.listen('proposals');
    receiver.listen('votes', (text) => (text.startsWith('junk') ? 'reject' : 'accept'));
    const ready = (): boolean => ['proposals', 'votes'].every((t) => sender.p2p.topicPeers(t as 'votes').includes(receiver.p2p.nodeId));
    await waitFor('ready', ready);

    await sender.p2p.publish('proposals', new Uint8Array(256 * 1024).fill(7));
    await waitFor('oversized frame penalised', () => receiver.logged({ event: 'p2p.penalty', peerId: sender.p2p.peerId }));
    // It starts over on a new connection; its junk there is read and counted up to the ban.
    await waitFor('ready again', ready);
    for (let i = 0; i < 10 && !receiver.logged({ event: 'p2p.ban' }); i++) {
      await sender.p2p.publish('votes', utf8(`junk-${i}`));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await waitFor('junk after the oversized frame banned', () => receiver.logged({ event: 'p2p.ban', peerId: sender.p2p.peerId }));
    expect(receiver.texts('votes').length).toBeGreaterThan(0);
  });
});
