// Blocks are the largest things we move: a proposal at the gossip cap, and a block-sync response
// at the default response limit, must both arrive whole.
import { afterEach, expect, it } from 'vitest';
import { createP2P, DEFAULT_P2P_LIMITS, GOSSIP_MESSAGE_BYTES_CAP, isP2PError } from '../../src/p2p/index.js';
import { pino } from 'pino';
import { equalBytes } from '../../src/types/index.js';
import { CHAIN_ID, fullyConnected, Harness, nodeIdOf, seedOf, waitFor } from './harness.js';

const harness = new Harness();
afterEach(() => harness.stopAll());

it('delivers a proposal at the gossip cap and a block-sync response at the response limit', async () => {
  const allowed = [nodeIdOf('l0'), nodeIdOf('l1')];
  const limits = { messageBytesMax: { proposals: GOSSIP_MESSAGE_BYTES_CAP } };
  const sender = await harness.start({ label: 'l0', allowed, limits });
  const receiver = await harness.start({ label: 'l1', allowed, limits, bootstrap: sender.p2p.multiaddrs() });
  receiver.listen('proposals');
  await waitFor('receiver subscribed', () => sender.p2p.topicPeers('proposals').includes(receiver.p2p.nodeId));

  const proposal = new Uint8Array(GOSSIP_MESSAGE_BYTES_CAP).fill(9);
  await sender.p2p.publish('proposals', proposal);
  await waitFor('proposal delivered', () => (receiver.received.get('proposals') ?? []).length === 1);
  // equalBytes, not toEqual: vitest's deep equality enumerates every index of a 4 MiB array.
  expect(equalBytes(receiver.received.get('proposals')![0]!.data, proposal)).toBe(true);

  const block = new Uint8Array(DEFAULT_P2P_LIMITS.responseBytesMax).fill(3);
  await sender.p2p.handle('blocks', async () => block);
  await waitFor('connected', () => fullyConnected([sender, receiver]));
  expect(equalBytes(await receiver.p2p.request(sender.p2p.nodeId, 'blocks', new Uint8Array(1)), block)).toBe(true);
});

it('refuses a topic limit above the gossip cap before starting anything', async () => {
  const error = await createP2P({
    chainId: CHAIN_ID, nodeSeed: seedOf('cap'), listenAddrs: ['/ip4/127.0.0.1/tcp/0'], bootstrap: [],
    allowedNodes: [], logger: pino({ level: 'silent' }),
    limits: { messageBytesMax: { proposals: GOSSIP_MESSAGE_BYTES_CAP + 1 } },
  }).then(() => undefined, (e: unknown) => e);
  expect(isP2PError(error, 'INVALID_CONFIG')).toBe(true);
});
