// The p2p series of two real libp2p hosts: peers connected, payload bytes per protocol and
// direction (gossip and request-response, both sides), penalties per protocol for a rejected
// gossip message and a request the handler blames on the peer.
import { afterEach, describe, expect, it } from 'vitest';
import { NodeMetrics, parseExposition, type Exposition } from '../../src/metrics/index.js';
import { PeerFaultError } from '../../src/p2p/index.js';
import { utf8 } from '../../src/types/index.js';
import { fullyConnected, Harness, nodeIdOf, waitFor } from '../p2p/harness.js';
import { valueOf } from './node.js';

const harness = new Harness();
afterEach(() => harness.stopAll());

const scrape = async (metrics: NodeMetrics): Promise<Exposition> => parseExposition(await metrics.exposition());

describe('p2p series', () => {
  it('count peers, bytes by protocol and direction, and penalties by protocol', async () => {
    const [a, b] = [nodeIdOf('m0'), nodeIdOf('m1')];
    const [metricsA, metricsB] = [new NodeMetrics(), new NodeMetrics()];
    const first = await harness.start({ label: 'm0', allowed: [a, b], metrics: metricsA });
    const second = await harness.start({ label: 'm1', allowed: [a, b], bootstrap: first.p2p.multiaddrs(), metrics: metricsB });
    await waitFor('connected', () => fullyConnected([first, second]));
    second.listen('votes', (text) => (text === 'junk' ? 'reject' : 'accept'));
    await second.p2p.handle('blocks', async (request) => {
      if (request[0] === 0xff) throw new PeerFaultError('malformed', 'junk');
      return new Uint8Array(100);
    });
    await waitFor('subscribed', () => first.p2p.topicPeers('votes').includes(second.p2p.nodeId));

    await first.p2p.publish('votes', utf8('a vote'));
    await first.p2p.publish('votes', utf8('junk'));
    await waitFor('both delivered', () => second.texts('votes').length === 2);
    expect(await first.p2p.request(b, 'blocks', new Uint8Array(10))).toHaveLength(100);
    await expect(first.p2p.request(b, 'blocks', Uint8Array.of(0xff))).rejects.toThrow();

    const [sent, got] = [await scrape(metricsA), await scrape(metricsB)];
    expect(valueOf(sent, 'tianping_p2p_peers_connected')).toBe(1);
    expect(valueOf(got, 'tianping_p2p_peers_connected')).toBe(1);
    expect(valueOf(sent, 'tianping_p2p_bytes_total', { protocol: 'votes', direction: 'out' })).toBe('a vote'.length + 'junk'.length);
    expect(valueOf(got, 'tianping_p2p_bytes_total', { protocol: 'votes', direction: 'in' })).toBe('a vote'.length + 'junk'.length);
    // Requests of 10 and 1 bytes; one response of 100 (the refused one has no body).
    expect(valueOf(sent, 'tianping_p2p_bytes_total', { protocol: 'blocks', direction: 'out' })).toBe(11);
    expect(valueOf(got, 'tianping_p2p_bytes_total', { protocol: 'blocks', direction: 'in' })).toBe(11);
    expect(valueOf(got, 'tianping_p2p_bytes_total', { protocol: 'blocks', direction: 'out' })).toBe(100);
    expect(valueOf(sent, 'tianping_p2p_bytes_total', { protocol: 'blocks', direction: 'in' })).toBe(100);
    expect(valueOf(got, 'tianping_p2p_penalties_total', { protocol: 'votes' })).toBe(1);
    expect(valueOf(got, 'tianping_p2p_penalties_total', { protocol: 'blocks' })).toBe(1);
    expect(valueOf(sent, 'tianping_p2p_penalties_total', { protocol: 'votes' })).toBeUndefined();
  });
});
