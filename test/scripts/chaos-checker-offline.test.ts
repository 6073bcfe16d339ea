// The chaos checker's offline phase on real LevelDB ledgers: a sound run passes, and each planted
// defect fails it with a message naming the node, the height and (for acks) the digest.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkRun, type CheckReport } from '../../scripts/chaos/checker.js';
import { pb } from '../../src/codec/index.js';
import { toHex } from '../../src/types/index.js';
import { digestOf } from '../helpers/chain.js';
import { buildRun, editLedger, heightKey, HEIGHTS, writeJsonl, writeWalVote, type FixtureOptions, type RunFixture } from './chaos-fixture.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'chaos-checker-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

const node = (run: RunFixture, name: string) => run.layout.nodes.find((n) => n.name === name)!;

async function offline(run: RunFixture, byzantineNodeIds: string[] = []): Promise<CheckReport> {
  return checkRun({ dir: run.dir, layout: run.layout, byzantineNodeIds, phase: 'offline' });
}

async function built(options: FixtureOptions = {}): Promise<RunFixture> {
  return buildRun(root, options);
}

function expectFailure(report: CheckReport, pattern: RegExp): void {
  expect(report.ok).toBe(false);
  expect(report.failures.some((f) => pattern.test(f)), report.failures.join('\n')).toBe(true);
}

describe('chaos checker, offline phase', () => {
  it('passes a sound run and counts what it verified', async () => {
    const run = await built();
    await writeWalVote(node(run, 'node1').dataDir, run.keys.get('node1')!, 0, HEIGHTS + 1, 0, new Uint8Array(32).fill(7));
    const report = await offline(run);
    expect(report.failures).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.counts).toMatchObject({ nodes: 5, heights: HEIGHTS, acks: run.acks.length, acksChecked: 5 * run.acks.length,
      commitsVerified: 5 * HEIGHTS, equivocations: 0 });
    // 4 precommits per commit on 5 nodes, and the WAL's vote twice (own vote and last signed).
    expect(report.counts['votesSeen']).toBe(5 * HEIGHTS * 4 + 2);
  });

  it('fails on an acked anchor that no ledger holds', async () => {
    const run = await built();
    const digest = toHex(digestOf('never anchored'));
    writeJsonl(join(run.dir, 'acks.jsonl'), [...run.acks, { ...run.acks[0]!, digest, txHash: 'ab'.repeat(32) }]);
    const report = await offline(run);
    expectFailure(report, new RegExp(`node0: acked anchor ${digest} .* at height 1: no such tx in the block`));
  });

  it('fails on an ack whose block hash is not the block of its height', async () => {
    const run = await built();
    const wrong = { ...run.acks[3]!, blockHash: 'cd'.repeat(32) };
    writeJsonl(join(run.dir, 'acks.jsonl'), [...run.acks.slice(0, 3), wrong]);
    expectFailure(await offline(run), new RegExp(`node2: acked anchor ${wrong.digest} .* at height ${wrong.height}: the ledger holds block ${run.acks[3]!.blockHash}`));
  });

  it('fails on a node whose ledger forked at one height, and names the double signs the fork needed', async () => {
    const run = await built({ fork: { node: 'node3', height: 4 } });
    const report = await offline(run);
    expectFailure(report, /^fork: node3 holds block [0-9a-f]{64} at height 4, 4 node\(s\) hold/);
    expectFailure(report, /double sign: honest .* signed two precommits at height 4 round 0/);
    // The acks of heights 4.. are not in node3's blocks.
    expectFailure(report, /node3: acked anchor [0-9a-f]{64} .* at height 4: the ledger holds block/);
  });

  it('fails on a flipped byte in a stored header', async () => {
    const run = await built();
    await editLedger(node(run, 'node2').dataDir, async (db) => {
      const bytes = (await db.get(`b/${heightKey(3)}`))!;
      const appHash = pb.Header.decode(pb.Block.decode(bytes).header).appHash;
      const at = Buffer.from(bytes).indexOf(Buffer.from(appHash));
      const flipped = Uint8Array.from(bytes);
      flipped[at] = flipped[at]! ^ 0x01;
      await db.put(`b/${heightKey(3)}`, flipped);
    });
    const report = await offline(run);
    expectFailure(report, /node2 height 3: stored header \(hd\/\) differs/);
    expectFailure(report, /node2 height 3 \(block [0-9a-f]{64}\): commit is for height 3 block/);
    expectFailure(report, /node2 height 4 .*prev hash [0-9a-f]{64} does not link/);
    expectFailure(report, /fork: node2 holds block [0-9a-f]{64} at height 3/);
  });

  it('fails on a commit with a bad signature', async () => {
    const run = await built();
    await editLedger(node(run, 'node1').dataDir, async (db) => {
      const commit = pb.Commit.decode((await db.get(`c/${heightKey(2)}`))!);
      const signature = Uint8Array.from(commit.signatures[1]!.signature!);
      signature[5] = signature[5]! ^ 0x40;
      commit.signatures[1]!.signature = signature;
      await db.put(`c/${heightKey(2)}`, pb.Commit.encode(commit).finish());
    });
    expectFailure(await offline(run), /node1 height 2 \(block [0-9a-f]{64}\): commit round 0: the signature of validator [0-9a-f]{16} \(index 1\) does not verify/);
  });

  it('fails on a commit signed by too little power', async () => {
    const run = await built();
    await editLedger(node(run, 'observer0').dataDir, async (db) => {
      const commit = pb.Commit.decode((await db.get(`c/${heightKey(5)}`))!);
      commit.signatures = commit.signatures.slice(0, 2);
      await db.put(`c/${heightKey(5)}`, pb.Commit.encode(commit).finish());
    });
    expectFailure(await offline(run), /observer0 height 5 .*: commit round 0: signed power 20 of 40 is not more than 2\/3/);
  });

  it('fails on a block time that does not increase', async () => {
    const run = await built({ timeOf: (h) => 1_760_000_000_000 + Math.min(h, HEIGHTS - 1) * 1_000 });
    expectFailure(await offline(run), new RegExp(`node0 height ${HEIGHTS} .*: block time \\d+ is not after the previous block time`));
  });

  it('fails on an honest validator that signed two precommits for one height and round, and only counts a Byzantine one', async () => {
    const run = await built();
    const signer = run.keys.get('node1')!;
    const index = run.validators.findIndex((v) => v === signer);
    await writeWalVote(node(run, 'node1').dataDir, signer, index, 3, 0, new Uint8Array(32).fill(9));
    expectFailure(await offline(run), /double sign: honest node1 \([0-9a-f]{16}\) signed two precommits at height 3 round 0: .*WAL own vote of node1/);
    const excused = await offline(run, [toHex(signer.publicKey)]);
    expect(excused.failures).toEqual([]);
    expect(excused.counts['byzantineEquivocations']).toBe(1);
  });

  it('fails on a high-water mark naming a block the ledger does not hold', async () => {
    const run = await built();
    writeFileSync(join(node(run, 'node3').dataDir, 'high-water.json'),
      JSON.stringify({ format: 'tianping-high-water/1', committed: { height: HEIGHTS + 2, blockHash: 'ee'.repeat(32) }, signed: null }));
    expectFailure(await offline(run), new RegExp(`node3: high-water mark says height ${HEIGHTS + 2} committed .* the ledger ends at ${HEIGHTS}`));
  });

  it('fails on a late recovery and on a heal the chain never recovered from', async () => {
    const run = await built();
    writeJsonl(join(run.dir, 'faults.jsonl'), [
      { id: 1, atMs: 10, kind: 'partition', nodes: ['node1'], detail: {} },
      { id: 1, healedAtMs: 1_000, recoveredAtMs: 32_000 },
      { id: 2, atMs: 40_000, kind: 'pause', nodes: ['node2'], detail: {} },
      { id: 2, healedAtMs: 41_000, recoveredAtMs: null },
    ]);
    const report = await offline(run);
    expectFailure(report, /liveness: fault 1 \(partition on node1\) healed at 1000, recovered 31000 ms later/);
    expectFailure(report, /liveness: fault 2 \(pause on node2\) healed at 41000 and the chain never recovered/);
    expect(report.counts['recoveryMsMax']).toBe(31_000);
  });

  it('fails when a node has no ledger', async () => {
    const run = await built();
    rmSync(join(node(run, 'node2').dataDir, 'ledger'), { recursive: true });
    expectFailure(await offline(run), /node2: no ledger directory/);
  });
});
