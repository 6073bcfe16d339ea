// Tx batches over real libp2p hosts on 127.0.0.1, each with a real mempool: the txs one node
// admitted reach the others' mempools in a few messages, and a peer that relays a malformed batch or
// an invalid tx is penalised while the valid txs of its batch are still admitted.
import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { encodeTxBatch } from '../../src/codec/index.js';
import { NodeVerifier } from '../../src/crypto/index.js';
import { Mempool } from '../../src/mempool/index.js';
import { TxGossip } from '../../src/wire/index.js';
import { genesisWrites, MapStateView } from '../../src/state/index.js';
import { asTimeMs, type Clock } from '../../src/types/index.js';
import { GENESIS_TIME_MS, anchorTxBytes, digestOf, makeTestChain } from '../helpers/chain.js';
import { gossipReady, Harness, waitFor, type TestHost } from '../p2p/harness.js';
import { systemTimers } from '../../src/node/system-env.js';

const chain = makeTestChain();
const clock: Clock = { nowMs: () => asTimeMs(GENESIS_TIME_MS + 60_000) };
const harness = new Harness();
afterEach(() => harness.stopAll());

interface GossipNode {
  readonly host: TestHost;
  readonly mempool: Mempool;
  readonly gossip: TxGossip;
  /** Gossip messages this node's handler ran for. */
  batchesReceived: number;
}

function attach(host: TestHost): GossipNode {
  const mempool = new Mempool({ chainId: chain.genesis.chainId, params: chain.genesis.params, verifier: new NodeVerifier(),
    clock, state: new MapStateView(genesisWrites(chain.genesis)) }, { txsMax: 10_000, bytesMax: 16 << 20 });
  const gossip = new TxGossip({
    mempool, logger: pino({ level: 'silent' }), timers: systemTimers, onTxsAdmitted: () => undefined,
    publish: (batch) => { host.p2p.publish('txs', batch).catch(() => undefined); },
  });
  const node: GossipNode = { host, mempool, gossip, batchesReceived: 0 };
  host.p2p.subscribe('txs', (data) => {
    node.batchesReceived++;
    return gossip.onBatch(data);
  });
  return node;
}

async function network(prefix: string, n: number): Promise<GossipNode[]> {
  const hosts = await harness.startNetwork(prefix, n);
  const nodes = hosts.map(attach);
  await waitFor('txs topic ready everywhere', () => gossipReady(hosts, 'txs'));
  return nodes;
}

describe('tx gossip in batches between nodes', () => {
  it('puts the txs one node admitted into every other mempool, in a few messages', async () => {
    const [origin, ...others] = (await network('tb', 3)) as [GossipNode, ...GossipNode[]];
    const count = 200;
    for (let i = 0; i < count; i++) {
      const bytes = anchorTxBytes(chain, digestOf(`batched ${i}`), { nonce: i });
      await origin.mempool.add(bytes);
      origin.gossip.queue(bytes);
    }
    await waitFor('every tx in every mempool', () => others.every((node) => node.mempool.size === count));
    for (const node of others) expect(node.batchesReceived).toBeLessThanOrEqual(10);
    // Admitted from gossip, not gossiped again: the origin got nothing back.
    expect(origin.batchesReceived).toBe(0);
  });

  it('penalises the peer that relays a malformed batch or an invalid tx, and admits the valid txs', async () => {
    const [sender, receiver] = (await network('tp', 2)) as [GossipNode, GossipNode];
    const penalised = (): number => receiver.host.logs.filter((r) => r.event === 'p2p.penalty' && r.peerId === sender.host.p2p.peerId).length;

    await sender.host.p2p.publish('txs', Uint8Array.of(0x0a, 0x09, 0x01));
    await waitFor('malformed batch penalised', () => penalised() === 1);
    expect(receiver.mempool.size).toBe(0);

    const good = anchorTxBytes(chain, digestOf('good'));
    const forged = anchorTxBytes(chain, digestOf('forged'));
    forged[forged.length - 1]! ^= 1;
    await sender.host.p2p.publish('txs', encodeTxBatch([good, forged]));
    await waitFor('invalid tx penalised', () => penalised() === 2);
    expect(receiver.mempool.size).toBe(1);

    // Txs it already holds are nobody's fault.
    await sender.host.p2p.publish('txs', encodeTxBatch([good, anchorTxBytes(chain, digestOf('another'))]));
    await waitFor('second valid tx admitted', () => receiver.mempool.size === 2);
    expect(penalised()).toBe(2);
  });
});
