// A node's role in /v1/status follows the validator set in force, not the genesis: two production
// node cores in one process, joined by an in-memory network, see a second node admitted as a
// validator by governance, restarted, and removed again. The role changes when each change takes
// effect (two heights after the block that passed it), and a restarted node reports the set its
// ledger holds, not the genesis one.
import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { joinRequestTx, memberChangeTx, governanceVoteTx } from '../../src/client/governance.js';
import type { BuiltTx } from '../../src/client/tx.js';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import { NodeVerifier, sha256 } from '../../src/crypto/index.js';
import { Ledger, MemStorage } from '../../src/ledger/index.js';
import type { ConsensusNetwork } from '../../src/wire/index.js';
import { NodeCore } from '../../src/node/index.js';
import { P2PError, type RequestHandler, type Topic, type TopicHandler } from '../../src/p2p/index.js';
import { DEFAULT_CATEGORIES, genesisHash, parseGenesis } from '../../src/state/index.js';
import { asTimeMs, toHex, utf8, type Clock } from '../../src/types/index.js';
import { seedKey } from '../helpers/chain.js';

/** Every endpoint reaches every other one: gossip is delivered once to each, requests go straight to the handler. */
class Hub {
  private readonly endpoints = new Map<string, Endpoint>();

  connect(nodeId: string): Endpoint {
    const endpoint = new Endpoint(this, nodeId);
    this.endpoints.set(nodeId, endpoint);
    return endpoint;
  }

  disconnect(nodeId: string): void {
    this.endpoints.delete(nodeId);
  }

  others(nodeId: string): Endpoint[] {
    return [...this.endpoints.values()].filter((e) => e.nodeId !== nodeId);
  }

  endpoint(nodeId: string): Endpoint | undefined {
    return this.endpoints.get(nodeId);
  }
}

class Endpoint implements ConsensusNetwork {
  readonly topics = new Map<Topic, TopicHandler>();
  readonly protocols = new Map<string, RequestHandler>();

  constructor(private readonly hub: Hub, readonly nodeId: string) {}

  publish(topic: Topic, data: Uint8Array): Promise<void> {
    for (const peer of this.hub.others(this.nodeId)) {
      const handler = peer.topics.get(topic);
      // Later, as a socket would: never inside the sender's own step.
      if (handler !== undefined) setImmediate(() => void Promise.resolve(handler(data.slice(), this.nodeId)).catch(() => undefined));
    }
    return Promise.resolve();
  }

  subscribe(topic: Topic, handler: TopicHandler): void {
    this.topics.set(topic, handler);
  }

  handle(name: string, handler: RequestHandler): Promise<void> {
    this.protocols.set(name, handler);
    return Promise.resolve();
  }

  request(nodeId: string, name: string, request: Uint8Array): Promise<Uint8Array> {
    const handler = this.hub.endpoint(nodeId)?.protocols.get(name);
    if (handler === undefined) return Promise.reject(new P2PError('PEER_NOT_CONNECTED'));
    return handler(request.slice(), this.nodeId);
  }

  connectedNodes(): string[] {
    return this.hub.others(this.nodeId).map((e) => e.nodeId);
  }
}

const first = seedKey('role-validator');
const second = seedKey('role-newcomer');
const GENESIS_TIME_MS = Date.now() - 60_000;
const clock: Clock = { nowMs: () => asTimeMs(Date.now()) };
const genesisJson = {
  chainId: 'tianping-role-test', genesisTimeMs: GENESIS_TIME_MS,
  validators: [{ name: 'first', publicKey: toHex(first.publicKey), power: 10 }],
  members: [], categories: [...DEFAULT_CATEGORIES],
};
const genesis = parseGenesis(genesisJson);
const hashOfGenesis = genesisHash(utf8(JSON.stringify(genesisJson)));

interface RunningCore {
  readonly core: NodeCore;
  readonly ledger: Ledger;
  readonly storage: MemStorage;
  stop(): Promise<void>;
}

async function startCore(hub: Hub, key: typeof first, storage = new MemStorage()): Promise<RunningCore> {
  const ledger = await Ledger.open(storage, genesis, hashOfGenesis);
  const nodeId = toHex(key.publicKey);
  const core = new NodeCore({
    genesis, ledger, key, verifier: new NodeVerifier(), clock, logger: pino({ level: 'silent' }), moniker: nodeId.slice(0, 8),
    version: 'test', mempool: { txsMax: 100, bytesMax: 1 << 20 }, network: hub.connect(nodeId),
    consensus: { ...DEFAULT_CONFIG.consensus, heartbeatIntervalMs: 300, blockDelayMs: 1, rebroadcastIntervalMs: 200 },
  });
  await core.start();
  return { core, ledger, storage, stop: async () => {
    hub.disconnect(nodeId);
    await core.stop();
    await ledger.close();
  } };
}

async function until(description: string, cond: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${description}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the role in /v1/status follows the validator set in force', () => {
  const running: RunningCore[] = [];
  afterEach(async () => {
    for (const node of running.splice(0)) await node.stop();
  });

  async function commit(core: NodeCore, tx: BuiltTx): Promise<number> {
    const { hash } = await core.submitTx(tx.bytes);
    return (await core.waitForCommit(hash, 10_000)).height;
  }

  it('an admitted node becomes a validator, stays one across a restart, and an observer once removed', async () => {
    const hub = new Hub();
    const a = await startCore(hub, first);
    let b = await startCore(hub, second);
    running.push(a, b);
    expect(a.core.status().role).toBe('validator');
    expect(b.core.status().role).toBe('observer');

    // Power 1 beside 10: the first validator keeps more than 2/3 alone, whatever the second does.
    const chainId = genesis.chainId;
    const join = joinRequestTx({ chainId, keyPair: second, name: 'second', organisation: 'Second Notary Office',
      role: 'validator', power: 1, evaluationReportDigest: sha256(utf8('evaluation of second')) });
    await commit(a.core, join);
    const passedAt = await commit(a.core, governanceVoteTx({ chainId, keyPair: first, proposalId: join.hash, approve: true }));
    // The set of passedAt + 1 still holds only the first: the second is a validator once it has
    // committed passedAt + 1, when the set in force is that of passedAt + 2.
    await until('the second node commits passedAt + 1', () => b.ledger.tip.height >= passedAt + 1);
    await until('the second node reports validator', () => b.core.status().role === 'validator');
    expect(a.core.status().role).toBe('validator');
    expect((await b.core.validators())?.validators.map((v) => v.publicKey)).toContain(toHex(second.publicKey));

    // A restart reads the set from the ledger (the genesis would say observer).
    running.splice(running.indexOf(b), 1);
    await b.stop();
    b.storage.reopen();
    b = await startCore(hub, second, b.storage);
    running.push(b);
    expect(b.core.status().role).toBe('validator');

    const removedAt = await commit(a.core, memberChangeTx({ chainId, keyPair: first, kind: 'remove', member: second.publicKey }));
    await until('the second node commits removedAt + 1', () => b.ledger.tip.height >= removedAt + 1);
    await until('the second node reports observer', () => b.core.status().role === 'observer');
    expect(a.core.status().role).toBe('validator');
    expect((await a.core.validators())?.validators.map((v) => v.publicKey)).toEqual([toHex(first.publicKey)]);
  });
});
