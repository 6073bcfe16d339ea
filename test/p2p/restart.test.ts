import { afterEach, expect, it } from 'vitest';
import { utf8 } from '../../src/types/index.js';
import { gossipReady, Harness, nodeIdOf, portOf, waitFor, type TestHost } from './harness.js';

const harness = new Harness();
afterEach(() => harness.stopAll());

it('a member restarted with the same key and port is redialled and receives again', async () => {
  const hosts = await harness.startNetwork('s', 4);
  for (const host of hosts) host.listen('votes');
  await waitFor('ready', () => gossipReady(hosts, 'votes'));
  const [first, ...others] = hosts as [TestHost, ...TestHost[]];
  const port = portOf(first);

  // The first host has no bootstrap list of its own: only the others' redial loops bring it back.
  await harness.stop(first);
  await waitFor('others saw it go', () => others.every((h) => !h.p2p.connectedNodes().includes(first.p2p.nodeId)));

  const restarted = await harness.start({ label: 's0', allowed: hosts.map((h) => h.p2p.nodeId), port });
  expect(restarted.p2p.nodeId).toBe(nodeIdOf('s0'));
  restarted.listen('votes');
  const all = [restarted, ...others];
  await waitFor('reconnected and subscribed', () => gossipReady(all, 'votes'));

  await others[0]!.p2p.publish('votes', utf8('after restart'));
  await waitFor('restarted host received', () => restarted.texts('votes').includes('after restart'));
  await restarted.p2p.publish('votes', utf8('from the restarted'));
  await waitFor('others received', () => others.every((h) => h.texts('votes').includes('from the restarted')));
});
