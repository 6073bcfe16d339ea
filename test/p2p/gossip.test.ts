import { afterEach, describe, expect, it } from 'vitest';
import { isP2PError } from '../../src/p2p/index.js';
import { utf8 } from '../../src/types/index.js';
import { fullyConnected, gossipReady, Harness, nodeIdOf, waitFor } from './harness.js';

const harness = new Harness();
afterEach(() => harness.stopAll());

describe('gossip', () => {
  it('delivers a vote from one member to the other three exactly once each', async () => {
    const hosts = await harness.startNetwork('g', 4);
    for (const host of hosts) host.listen('votes');
    // Connected is not enough: a peer's subscription reaches us a moment after its connection.
    await waitFor('subscriptions known everywhere', () => gossipReady(hosts, 'votes'));
    const [sender, ...others] = hosts as [typeof hosts[0], ...typeof hosts];

    // The same bytes twice are one message; the marker shows when delivery has run its course.
    await sender.p2p.publish('votes', utf8('vote-1'));
    await sender.p2p.publish('votes', utf8('vote-1'));
    await sender.p2p.publish('votes', utf8('marker'));
    await waitFor('marker at every other host', () => others.every((h) => h.texts('votes').includes('marker')));

    const members = new Set(hosts.map((h) => h.p2p.nodeId));
    for (const host of others) {
      expect(host.texts('votes').filter((t) => t === 'vote-1')).toHaveLength(1);
      for (const message of host.received.get('votes')!) {
        expect(members.has(message.fromNodeId) && message.fromNodeId !== host.p2p.nodeId).toBe(true);
      }
    }
    expect(sender.texts('votes')).toEqual([]); // emitSelf is off

    // Two members gossip the same bytes at once: the others still see one message.
    const [second, third, fourth] = others as [typeof hosts[0], typeof hosts[0], typeof hosts[0]];
    await Promise.all([sender.p2p.publish('votes', utf8('vote-2')), second.p2p.publish('votes', utf8('vote-2'))]);
    await sender.p2p.publish('votes', utf8('marker-2'));
    await waitFor('second marker', () => [third, fourth].every((h) => h.texts('votes').includes('marker-2')));
    for (const host of [third, fourth]) expect(host.texts('votes').filter((t) => t === 'vote-2')).toHaveLength(1);
  });

  it('waits for the subscription of a newly connected peer instead of dropping the message', async () => {
    const [a, b] = [nodeIdOf('w0'), nodeIdOf('w1')];
    const first = await harness.start({ label: 'w0', allowed: [a, b] });
    const second = await harness.start({ label: 'w1', allowed: [a, b], bootstrap: first.p2p.multiaddrs() });
    await waitFor('connected', () => fullyConnected([first, second]));
    // Published while the peer is connected but not subscribed: publish waits for its subscription.
    const published = first.p2p.publish('txs', utf8('early'));
    expect(first.p2p.topicPeers('txs')).toEqual([]);
    second.listen('txs');
    await published;
    await waitFor('early message delivered', () => second.texts('txs').includes('early'));
  });

  it('returns quietly when nobody subscribes', async () => {
    const alone = await harness.start({ label: 'alone', allowed: [nodeIdOf('alone')] });
    await expect(alone.p2p.publish('proposals', utf8('nobody listens'))).resolves.toBeUndefined();
    expect(alone.logged({ event: 'p2p.publish.no-peers' })).toBe(true);
  });

  it('rejects an oversized message before the handler, penalising the sender', async () => {
    const [a, b] = [nodeIdOf('o0'), nodeIdOf('o1')];
    // The sender's own limit is larger than the receiver's (misconfigured or hostile peer).
    const sender = await harness.start({ label: 'o0', allowed: [a, b], limits: { messageBytesMax: { txs: 4096 } } });
    const receiver = await harness.start({
      label: 'o1', allowed: [a, b], bootstrap: sender.p2p.multiaddrs(), limits: { messageBytesMax: { txs: 1024 } },
    });
    receiver.listen('txs');
    await waitFor('receiver subscribed', () => sender.p2p.topicPeers('txs').includes(receiver.p2p.nodeId));

    await expect(sender.p2p.publish('txs', new Uint8Array(4097))).rejects.toSatisfy(
      (error) => isP2PError(error, 'MESSAGE_TOO_LARGE'));
    await sender.p2p.publish('txs', new Uint8Array(2000).fill(0x61));
    await waitFor('oversize rejected, sender penalised', () => receiver.logged({ event: 'p2p.penalty', peerId: sender.p2p.peerId }));
    await sender.p2p.publish('txs', utf8('small'));
    await waitFor('small message delivered', () => receiver.texts('txs').includes('small'));
    expect(receiver.texts('txs')).toEqual(['small']);
  });
});
