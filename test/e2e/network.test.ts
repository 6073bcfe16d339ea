// A consortium of 4 validators and 1 observer, each its own OS process on 127.0.0.1, under the
// faults a court would ask about: a crashed validator, two of four down, and network partitions
// (cut with the nodes' deny lists, i.e. the connection gater). Ends by checking that every node
// holds identical block hashes at every height.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestnetFiles, startTestnet, startTestnetNode, stopAll, type TestnetLayout, type TestnetNodeHandle }
  from '../../scripts/testnet-lib.js';
import { sortValidators, voteSignBytes, VOTE_PREVOTE } from '../../src/codec/index.js';
import { readKeyFile, sign } from '../../src/crypto/index.js';
import { encodeVote } from '../../src/wire/index.js';
import { createP2P } from '../../src/p2p/index.js';
import { asHash32, asHeight, asRound, fromHex } from '../../src/types/index.js';
import { FAST_NODE_ENV, anchor, assertSameChain, heal, height, partition, sleep, waitFor } from './network-helpers.js';

const STALL_OBSERVE_MS = 4_000;
/** How long one pair of conflicting votes gets to show up on chain before another pair is sent. */
const EQUIVOCATION_RECORD_WAIT_MS = 5_000;
const EQUIVOCATION_ATTEMPTS_MAX = 6;

interface RecordedEquivocation {
  offender: string;
  offenceHeight: number;
  offenceRound: number;
  kind: string;
  reporter: string;
  height: number;
  txHash: string;
  statements: { type: string; height: number; round: number; blockHash: string; validatorIndex: number }[];
}

async function equivocationsOf(url: string, offender: string): Promise<RecordedEquivocation[]> {
  const response = await fetch(`${url}/v1/equivocations`);
  if (response.status !== 200) throw new Error(`GET /v1/equivocations: ${response.status}`);
  const body = (await response.json()) as { equivocations: RecordedEquivocation[] };
  return body.equivocations.filter((e) => e.offender === offender);
}

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
    // 21000-23099: apart from governance.test.ts (23200-26299) and a chaos run (27000-27104).
    const basePort = 21_000 + (process.pid % 100) * 20;
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

  it('records a Byzantine validator that prevotes for two blocks, identically on every node', async () => {
    // node3 stops cleanly; its key then signs from a bare libp2p host in this process: the honest
    // nodes see a validator they admit (same key, same peer id) sending two conflicting prevotes.
    const node = (name: string) => layout.nodes.find((n) => n.name === name)!;
    const byzantine = node('node3');
    await handle('node3').stop();
    const key = readKeyFile(join(byzantine.dataDir, 'node.key'));
    const validators = sortValidators(layout.nodes.filter((n) => n.role === 'validator')
      .map((n) => ({ publicKey: fromHex(n.nodeId)!, power: 10, nodeId: n.nodeId })));
    const validatorIndex = validators.findIndex((v) => v.nodeId === byzantine.nodeId);
    const host = await createP2P({
      chainId: layout.chainId, nodeSeed: key.seed, listenAddrs: ['/ip4/127.0.0.1/tcp/0'],
      bootstrap: [node('node0').p2pAddr, node('node1').p2pAddr], allowedNodes: layout.nodes.map((n) => n.nodeId),
      logger: pino({ level: 'silent' }),
    });
    const honest = ['node0', 'node1', 'node2', 'observer0'];
    const ROUND = 3;
    let recorded: RecordedEquivocation | undefined;
    try {
      await waitFor('the Byzantine host reaches node0 and node1 on the votes topic', async () => {
        const peers = host.topicPeers('votes');
        return peers.includes(node('node0').nodeId) && peers.includes(node('node1').nodeId);
      });
      // The pair must reach a node while it still decides that height; a height that moves on
      // first drops the votes, so another pair for the new height is sent.
      for (let attempt = 0; attempt < EQUIVOCATION_ATTEMPTS_MAX && recorded === undefined; attempt++) {
        const offenceHeight = (await height(url('node0'))) + 1;
        for (const blockHash of [randomBytes(32), randomBytes(32)]) {
          const signature = sign(key.seed, voteSignBytes(layout.chainId, offenceHeight, ROUND, VOTE_PREVOTE, blockHash));
          await host.publish('votes', encodeVote({ type: VOTE_PREVOTE, height: asHeight(offenceHeight), round: asRound(ROUND),
            blockHash: asHash32(blockHash), validatorIndex, signature }));
        }
        const deadline = Date.now() + EQUIVOCATION_RECORD_WAIT_MS;
        while (recorded === undefined && Date.now() < deadline) {
          recorded = (await equivocationsOf(url('node0'), byzantine.nodeId))[0];
          if (recorded === undefined) await sleep(250);
        }
      }
      if (recorded === undefined) throw new Error(`no equivocation of node3 recorded after ${EQUIVOCATION_ATTEMPTS_MAX} attempts`);
      expect(recorded).toMatchObject({ offenceRound: ROUND, kind: 'prevote' });
      expect(recorded.height).toBeGreaterThanOrEqual(recorded.offenceHeight);
      expect(honest.map((n) => node(n).nodeId)).toContain(recorded.reporter);
      expect(recorded.statements.map((s) => [s.type, s.height, s.round, s.validatorIndex]))
        .toEqual([['prevote', recorded.offenceHeight, ROUND, validatorIndex], ['prevote', recorded.offenceHeight, ROUND, validatorIndex]]);
      expect(recorded.statements[0]!.blockHash).not.toBe(recorded.statements[1]!.blockHash);
      const first = recorded;
      for (const name of honest) {
        let found: RecordedEquivocation | undefined;
        await waitFor(`${name} lists node3's equivocation`, async () => {
          found = (await equivocationsOf(url(name), byzantine.nodeId))
            .find((e) => e.offenceHeight === first.offenceHeight && e.offenceRound === ROUND && e.kind === 'prevote');
          return found !== undefined;
        });
        // Same recording height, same report tx: the record is chain state, not a local view.
        expect(found).toEqual(first);
      }
    } finally {
      await host.stop();
    }
    await restart('node3');
    const target = await height(url('node0'));
    await waitFor('node3 catches up', async () => (await height(url('node3'))) >= target);
    const seenByNode3 = await equivocationsOf(url('node3'), byzantine.nodeId);
    expect(seenByNode3).toContainEqual(recorded);
  });

  it('every node holds identical block hashes at every height', async () => {
    const top = await assertSameChain(handles);
    expect(top).toBeGreaterThan(5);
  });
});
