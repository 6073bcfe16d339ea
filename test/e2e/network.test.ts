// A consortium of 4 validators and 1 observer, each its own OS process on 127.0.0.1, under the
// faults a court would ask about: a crashed validator, two of four down, and network partitions
// (cut with the nodes' deny lists, i.e. the connection gater). Ends by checking that every node
// holds identical block hashes at every height.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestnetFiles, startTestnet, startTestnetNode, stopAll, type TestnetLayout, type TestnetNodeHandle }
  from '../../scripts/testnet-lib.js';
import { FAST_NODE_ENV, anchor, assertSameChain, heal, height, partition, sleep, waitFor } from './network-helpers.js';

const STALL_OBSERVE_MS = 4_000;

describe('e2e: 4 validators + 1 observer', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tianping-net-'));
  let layout: TestnetLayout;
  let handles: TestnetNodeHandle[] = [];
  const handle = (name: string): TestnetNodeHandle => handles.find((h) => h.name === name)!;
  const url = (name: string): string => handle(name).node.apiUrl;
  const restart = async (name: string): Promise<void> => {
    const fresh = startTestnetNode(layout, name, { env: FAST_NODE_ENV });
    handles = handles.map((h) => (h.name === name ? fresh : h));
    await fresh.waitHealthy();
  };
  /** Heights do not move on any of these nodes over a few seconds (after in-flight commits settle). */
  const assertStalled = async (names: readonly string[]): Promise<void> => {
    await sleep(1_500);
    const before = await Promise.all(names.map((n) => height(url(n))));
    await sleep(STALL_OBSERVE_MS);
    const after = await Promise.all(names.map((n) => height(url(n))));
    expect(after).toEqual(before);
  };
  const advances = async (name: string, by: number): Promise<void> => {
    const start = await height(url(name));
    await waitFor(`${name} passes height ${start + by}`, async () => (await height(url(name))) >= start + by);
  };

  beforeAll(async () => {
    const basePort = 21_000 + (process.pid % 400) * 20;
    layout = createTestnetFiles({ dir, validators: 4, observers: 1, basePort });
    heal(layout);
    handles = await startTestnet(layout, { env: FAST_NODE_ENV });
  }, 120_000);

  afterAll(async () => {
    await stopAll(handles);
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('an anchor sent to one validator is found on every node with the same block hash', async () => {
    const anchored = await anchor(layout, url('node1'), 'everywhere');
    for (const h of handles) {
      await waitFor(`${h.name} has the anchor`, async () => {
        const response = await fetch(`${h.node.apiUrl}/v1/evidence/${anchored.digest}`);
        if (response.status !== 200) return false;
        const body = (await response.json()) as { anchors: { blockHash: string; height: number; txHash: string }[] };
        expect(body.anchors[0]).toMatchObject({ blockHash: anchored.blockHash, height: anchored.height, txHash: anchored.hash });
        return true;
      });
    }
  });

  it('keeps committing with one validator killed, and the restarted one catches up', async () => {
    await handle('node3').kill9();
    await advances('node0', 3);
    await anchor(layout, url('node0'), 'during-crash');
    await restart('node3');
    const target = await height(url('node0'));
    await waitFor('node3 catches up', async () => (await height(url('node3'))) >= target);
    await assertSameChain(handles);
  });

  it('stops with two of four validators down, and resumes when they return', async () => {
    await Promise.all([handle('node2').stop(), handle('node3').stop()]);
    await assertStalled(['node0', 'node1', 'observer0']);
    await Promise.all([restart('node2'), restart('node3')]);
    await advances('node0', 2);
    await advances('node3', 1);
  });

  it('halts on both sides of a 2|2 partition and resumes when it heals', async () => {
    partition(layout, [['node0', 'node1', 'observer0'], ['node2', 'node3']]);
    await assertStalled(['node0', 'node2']);
    heal(layout);
    await advances('node0', 2);
    await advances('node2', 2);
  });

  it('goes on on the majority side of a 3|1 partition; the minority catches up after healing', async () => {
    partition(layout, [['node0', 'node1', 'node2', 'observer0'], ['node3']]);
    await sleep(1_500);
    const minorityHeight = await height(url('node3'));
    await advances('node0', 3);
    expect(await height(url('node3'))).toBeLessThanOrEqual(minorityHeight + 1);
    heal(layout);
    const target = await height(url('node0'));
    await waitFor('node3 catches up after healing', async () => (await height(url('node3'))) >= target);
  });

  it('every node holds identical block hashes at every height', async () => {
    const top = await assertSameChain(handles);
    expect(top).toBeGreaterThan(5);
  });
});
