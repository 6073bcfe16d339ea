// Membership on a running chain, with real processes: a 5th node outside the genesis is refused,
// applies with a join request, is admitted by 3 of 4 validators, syncs from genesis, becomes a
// validator and proposes blocks in turn; then it is removed, cut off the wire, its txs refused,
// and the chain goes on with 4. The chain never stops, and every node's /v1/status role follows
// the validator set in force, not the genesis.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestnetFiles, startTestnet, startTestnetNode, stopAll, type TestnetLayout, type TestnetNode,
  type TestnetNodeHandle } from '../../scripts/testnet-lib.js';
import { encodeSignedTx, encodeTxBody, txSignBytes } from '../../src/codec/index.js';
import { generateKeyPair, readKeyFile, sign, writeKeyFile, sha256, type KeyPair } from '../../src/crypto/index.js';
import { nodeIdToPeerId } from '../../src/p2p/index.js';
import { fromHex, toBase64, toHex, utf8 } from '../../src/types/index.js';
import { FAST_NODE_ENV, anchor, height, sleep, waitFor } from './network-helpers.js';
import { parseReceiptJson } from '../../src/client/receipt-json.js';
import { verifyReceipt } from '../../src/client/receipt-verify.js';
import { parseGenesis } from '../../src/state/index.js';

type Action = Parameters<typeof encodeTxBody>[0];

async function submit(layout: TestnetLayout, url: string, key: KeyPair, action: Action): Promise<{ status: number; body: Record<string, unknown> }> {
  const body = encodeTxBody({ chainId: layout.chainId, signer: key.publicKey, nonce: Date.now() + Math.floor(Math.random() * 1e6),
    expiresAtMs: Date.now() + 600_000, ...action });
  const tx = encodeSignedTx(body, sign(key.seed, txSignBytes(layout.chainId, body)));
  const response = await fetch(`${url}/v1/txs?wait=commit&timeoutMs=30000`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tx: toBase64(tx) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** A node directory and config for a key the genesis does not know. */
function outsiderNode(layout: TestnetLayout, name: string, key: KeyPair): TestnetNode {
  const template = layout.nodes[0]!;
  const index = layout.nodes.length;
  const dataDir = join(layout.dir, name);
  mkdirSync(dataDir, { recursive: true });
  writeKeyFile(join(dataDir, 'node.key'), key);
  const apiPort = layout.basePort + index;
  const p2pPort = layout.basePort + 100 + index;
  const peerId = nodeIdToPeerId(toHex(key.publicKey));
  const configFile = join(dataDir, 'config.json');
  writeFileSync(configFile, JSON.stringify({
    dataDir, moniker: name, genesisFile: '../genesis.json', nodeKeyFile: 'node.key',
    api: { host: '127.0.0.1', port: apiPort },
    p2p: { listen: [`/ip4/127.0.0.1/tcp/${p2pPort}`], bootstrap: layout.nodes.map((n) => n.p2pAddr) },
  }, null, 2));
  return { ...template, name, role: 'validator', apiPort, apiUrl: `http://127.0.0.1:${apiPort}`, p2pPort,
    p2pAddr: `/ip4/127.0.0.1/tcp/${p2pPort}/p2p/${peerId}`, peerId, nodeId: toHex(key.publicKey), dataDir, configFile,
    logFile: join(dataDir, 'node.log'),
    command: template.command.map((part) => (part === template.configFile ? configFile : part)) };
}

interface Status {
  readonly role: string;
  readonly latestHeight: number;
  readonly nodeId: string;
}

async function status(url: string): Promise<Status> {
  return (await (await fetch(`${url}/v1/status`)).json()) as Status;
}

/** The node's role against the set its own ledger holds for the height it decides next. */
async function expectRoleOfItsSet(url: string): Promise<Status> {
  const now = await status(url);
  const response = await fetch(`${url}/v1/validators?height=${now.latestHeight + 1}`);
  const set = (await response.json()) as { validators: { publicKey: string }[] };
  expect(now.role).toBe(set.validators.some((v) => v.publicKey === now.nodeId) ? 'validator' : 'observer');
  return now;
}

/**
 * A vote is checked against the voter's committed state: wait until the node the vote goes to has
 * committed the block that opened the proposal (the answer came from another node, which may be a
 * block ahead).
 */
async function heldBy(url: string, opened: Record<string, unknown>): Promise<void> {
  await waitFor('the voter\'s node holds the proposal', async () => (await height(url)) >= (opened['height'] as number));
}

async function proposers(url: string, from: number, to: number): Promise<Set<string>> {
  const seen = new Set<string>();
  for (let h = from; h <= to; h++) {
    const response = await fetch(`${url}/v1/headers/${h}`);
    if (response.status === 200) seen.add(((await response.json()) as { proposer: string }).proposer);
  }
  return seen;
}

describe('e2e: a node joins by the validators\' vote, then is removed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tianping-gov-'));
  let layout: TestnetLayout;
  let handles: TestnetNodeHandle[] = [];
  let newcomer: TestnetNodeHandle;
  const newcomerKey = generateKeyPair();
  const url = (name: string): string => handles.find((h) => h.name === name)!.node.apiUrl;
  const validatorKey = (name: string): KeyPair => readKeyFile(join(layout.nodes.find((n) => n.name === name)!.dataDir, 'node.key'));
  // The chain must never stop: a watcher records the longest time between two height changes.
  let longestStallMs = 0;
  let watching = true;

  beforeAll(async () => {
    // 23200-26299: apart from network.test.ts (21000-23099) and a chaos run (27000-27104).
    layout = createTestnetFiles({ dir, validators: 4, observers: 0, basePort: 23_200 + (process.pid % 150) * 20 });
    handles = await startTestnet(layout, { env: FAST_NODE_ENV });
    void (async () => {
      let last = -1;
      let lastChangeMs = Date.now();
      while (watching) {
        const h = await height(url('node0')).catch(() => last);
        if (h !== last) {
          last = h;
          lastChangeMs = Date.now();
        }
        longestStallMs = Math.max(longestStallMs, Date.now() - lastChangeMs);
        await sleep(200);
      }
    })();
  }, 120_000);

  afterAll(async () => {
    watching = false;
    await stopAll(newcomer === undefined ? handles : [...handles, newcomer]);
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  let early: { digest: string };

  it('refuses the outsider, admits it by 3 of 4 votes, and it syncs and proposes in turn', async () => {
    early = await anchor(layout, url('node0'), 'before-changes');
    const node = outsiderNode(layout, 'node4', newcomerKey);
    newcomer = startTestnetNode({ ...layout, nodes: [...layout.nodes, node] }, 'node4', { env: FAST_NODE_ENV });
    await newcomer.waitHealthy(120_000);
    await sleep(3_000);
    expect(await height(node.apiUrl)).toBe(0);
    expect((await status(node.apiUrl)).role).toBe('observer');
    for (const name of ['node0', 'node1', 'node2', 'node3']) expect((await status(url(name))).role).toBe('validator');

    const join = await submit(layout, url('node0'), newcomerKey, { joinRequest: {
      name: 'node4', organisation: 'Newcomer Notary Office', role: 1, power: 10, addresses: [node.p2pAddr],
      evaluationReportDigest: sha256(utf8('admission evaluation report of node4')) } });
    expect(join.status, JSON.stringify(join.body)).toBe(200);
    const proposalId = fromHex(join.body['hash'] as string)!;
    for (const voter of ['node0', 'node1', 'node2']) {
      await heldBy(url(voter), join.body);
      const vote = await submit(layout, url(voter), validatorKey(voter), { governanceVote: { proposalId, approve: true } });
      expect(vote.status, JSON.stringify(vote.body)).toBe(200);
    }
    const admittedAt = await height(url('node0'));
    await waitFor('node4 syncs from genesis', async () => (await height(node.apiUrl)) >= admittedAt + 2, 90_000);
    // Passed at admittedAt at the latest, in force from two heights later: node4 has committed
    // the height before, so it reports the set it is now in.
    expect((await expectRoleOfItsSet(node.apiUrl)).role).toBe('validator');
    for (const name of ['node0', 'node1', 'node2', 'node3']) expect((await status(url(name))).role).toBe('validator');
    const validators = (await (await fetch(`${url('node0')}/v1/validators`)).json()) as { validators: { publicKey: string }[] };
    expect(validators.validators.map((v) => v.publicKey)).toContain(toHex(newcomerKey.publicKey));
    await waitFor('node4 proposes a block', async () => {
      const top = await height(url('node0'));
      return (await proposers(url('node0'), admittedAt + 2, top)).has(toHex(newcomerKey.publicKey));
    }, 60_000);
  });

  it('removes it: cut off, its txs refused, and the chain goes on with 4', async () => {
    const remove = await submit(layout, url('node0'), validatorKey('node0'), { memberChange: { kind: 1, member: newcomerKey.publicKey, reason: 'test removal' } });
    expect(remove.status, JSON.stringify(remove.body)).toBe(200);
    const proposalId = fromHex(remove.body['hash'] as string)!;
    // With node4 in the set the power is 50: the opener's approval and three votes make 40 > 2/3.
    for (const voter of ['node1', 'node2', 'node3']) {
      await heldBy(url(voter), remove.body);
      const vote = await submit(layout, url(voter), validatorKey(voter), { governanceVote: { proposalId, approve: true } });
      expect(vote.status, JSON.stringify(vote.body)).toBe(200);
    }
    // Passed by the last vote, at removedAt at the latest; it takes effect two heights later, and
    // then the others' gaters cut node4: it may still fetch a block or two, never the chain beyond.
    const removedAt = await height(url('node0'));
    await waitFor('the chain moves on without node4', async () => (await height(url('node0'))) >= removedAt + 10);
    expect(await height(newcomer.node.apiUrl)).toBeLessThanOrEqual(removedAt + 4);
    // node4 may be cut before it commits the height after the removal passed: its role is that of
    // the last set it saw, and once it holds removedAt + 1 that set is without it.
    const cut = await expectRoleOfItsSet(newcomer.node.apiUrl);
    if (cut.latestHeight > removedAt) expect(cut.role).toBe('observer');
    for (const name of ['node0', 'node1', 'node2', 'node3']) expect((await expectRoleOfItsSet(url(name))).role).toBe('validator');
    const validators = (await (await fetch(`${url('node0')}/v1/validators`)).json()) as { validators: { publicKey: string }[] };
    expect(validators.validators).toHaveLength(4);
    const refused = await submit(layout, url('node0'), newcomerKey, { memberChange: { kind: 2, member: validatorKey('node1').publicKey } });
    expect(refused.status).toBe(403);
    expect(refused.body['code']).toBe('GOV_NOT_VALIDATOR');
    expect(longestStallMs).toBeLessThan(15_000);
  });

  it('receipts of anchors before, between and after the set changes verify offline from the genesis alone', async () => {
    const genesis = parseGenesis(JSON.parse(readFileSync(layout.genesisFile, 'utf8')));
    const late = await anchor(layout, url('node2'), 'after-changes');
    // The anchor is answered by node2 once it committed there; node3 may be a moment behind.
    await waitFor('node3 holds the late anchor', async () => (await height(url('node3'))) >= late.height);
    for (const [digest, name] of [[early.digest, 'node1'], [late.digest, 'node3']] as const) {
      const response = await fetch(`${url(name)}/v1/evidence/${digest}/receipt`);
      expect(response.status).toBe(200);
      const receipt = parseReceiptJson(await response.text());
      const verification = verifyReceipt(receipt, { fileDigest: fromHex(digest)! }, genesis);
      expect(verification.valid, JSON.stringify(verification)).toBe(true);
      if (digest === late.digest) expect(receipt.setChanges.length).toBeGreaterThanOrEqual(2);
    }
  });
});
