// Pipelined block sync (src/wire/block-sync.ts) over a fake network: a node far behind reaches the
// peers' tip with requests to several peers in flight at once, asks every peer for its tip (the
// first to answer may lag), refuses what a bad peer sends, does not verify the txs of blocks whose
// commit it checked, and a node stopped during the sync goes on from its tip.
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { checkBlock, commitExecuted, type BlockExecComponents } from '../../src/blocks/index.js';
import { pb } from '../../src/codec/index.js';
import { createValidatorSet, type ValidatorSet } from '../../src/consensus/tendermint/index.js';
import { NodeVerifier, type SignatureVerifier } from '../../src/crypto/index.js';
import { Ledger, MemStorage } from '../../src/ledger/index.js';
import { Mempool } from '../../src/mempool/index.js';
import { readValidatorSet } from '../../src/state/index.js';
import { asTimeMs, toHex } from '../../src/types/index.js';
import { BlockSync, type ConsensusNetwork } from '../../src/wire/index.js';
import { CertifiedChainWriter, decodeTxs } from '../../scripts/bench-catchup/chain-gen.js';
import { GENESIS_TIME_MS, anchorTxBytes, digestOf, makeTestChain } from '../helpers/chain.js';

const chain = makeTestChain();
const HEIGHTS = 40;
const TXS_PER_BLOCK = 5;
const logger = pino({ level: 'silent' });

/** The peers' chain: HEIGHTS blocks of anchors, each with its commit. */
async function servedChain(): Promise<Ledger> {
  const ledger = await Ledger.open(new MemStorage(), chain.genesis, chain.genesisHash);
  const writer = await CertifiedChainWriter.open(chain.genesis, ledger, new NodeVerifier(), [chain.validator]);
  for (let h = 1; h <= HEIGHTS; h++) {
    const txs = Array.from({ length: TXS_PER_BLOCK }, (_, i) => anchorTxBytes(chain, digestOf(`sync ${h} ${i}`)));
    await writer.append(decodeTxs(chain.genesis, txs), GENESIS_TIME_MS + h * 1_000);
  }
  return ledger;
}

type Serve = (from: number, to: number) => Promise<Uint8Array>;

/** Serves the chain; `answerMax` blocks an answer at most, as a server stops at its byte budget. */
function honest(ledger: Ledger, answerMax = Infinity): Serve {
  return async (from, to) => {
    const blocks = [];
    for (let h = from; h <= Math.min(to, ledger.tip.height, from + answerMax - 1); h++) blocks.push((await ledger.rawBlock(h))!);
    return pb.BlocksResponse.encode({ tipHeight: ledger.tip.height, blocks }).finish();
  };
}

/** A peer that has committed only up to `tip` (on the other side of a partition, say). */
function lagging(ledger: Ledger, tip: number): Serve {
  return async (from, to) => {
    const blocks = [];
    for (let h = from; h <= Math.min(to, tip); h++) blocks.push((await ledger.rawBlock(h))!);
    return pb.BlocksResponse.encode({ tipHeight: tip, blocks }).finish();
  };
}

/** A peer whose requests all fail (a lost request times out so). */
const unreachable: Serve = async () => {
  throw new Error('request timed out');
};

/** Serves the chain with one byte of a tx changed in every block from `fromHeight` on: the commit no longer names it. */
function tampering(ledger: Ledger, fromHeight: number): Serve {
  return async (from, to) => {
    const blocks = [];
    for (let h = from; h <= Math.min(to, ledger.tip.height); h++) {
      const raw = (await ledger.rawBlock(h))!;
      const block = new Uint8Array(raw.block); // a copy: Buffer.slice would be a view of the stored bytes
      if (h >= fromHeight) block[block.length - 1]! ^= 1;
      blocks.push({ block, commit: raw.commit });
    }
    return pb.BlocksResponse.encode({ tipHeight: ledger.tip.height, blocks }).finish();
  };
}

interface Client {
  readonly ledger: Ledger;
  readonly sync: BlockSync;
  readonly badPeers: string[];
  readonly requests: { peer: string; from: number }[];
  maxInFlight: number;
  txVerifications: number;
}

async function client(peers: Readonly<Record<string, Serve>>, o: { storage?: MemStorage; applyMax?: number } = {}): Promise<Client> {
  const storage = o.storage ?? new MemStorage();
  const ledger = await Ledger.open(storage, chain.genesis, chain.genesisHash);
  const base = new NodeVerifier();
  const set: ValidatorSet = createValidatorSet(await readValidatorSet(ledger.state));
  const validatorKeys = new Set(set.validators.map((v) => toHex(v.publicKey)));
  const state: Client = { ledger, sync: undefined as unknown as BlockSync, badPeers: [], requests: [], maxInFlight: 0, txVerifications: 0 };
  // Counts the signatures verified that are not the validators' (the txs').
  const verifier: SignatureVerifier = { verify: (key, message, signature) => {
    if (!validatorKeys.has(toHex(key))) state.txVerifications++;
    return base.verify(key, message, signature);
  } };
  const mempool = new Mempool({ chainId: chain.genesis.chainId, params: chain.genesis.params, verifier,
    clock: { nowMs: () => asTimeMs(GENESIS_TIME_MS) }, state: ledger.state }, { txsMax: 100, bytesMax: 1 << 20 });
  const exec: BlockExecComponents = { genesis: chain.genesis, ledger, mempool, verifier };
  let inFlight = 0;
  let queue = Promise.resolve();
  let applied = 0;
  const network: ConsensusNetwork = {
    connectedNodes: () => Object.keys(peers),
    request: async (peer, _protocol, bytes) => {
      const { fromHeight, toHeight } = pb.BlocksRequest.decode(bytes);
      state.requests.push({ peer, from: fromHeight });
      state.maxInFlight = Math.max(state.maxInFlight, ++inFlight);
      try {
        await new Promise((resolve) => setTimeout(resolve, 2));
        return await peers[peer]!(fromHeight, toHeight);
      } finally {
        inFlight--;
      }
    },
    publish: async () => {},
    subscribe: () => {},
    handle: async () => {},
  };
  const sync = new BlockSync({
    network, ledger, logger, chainId: chain.genesis.chainId, verifier, syncBlocksMax: 50,
    limits: { windowBlocks: 16, requestsMax: 3 },
    validatorsAt: () => set,
    // A stopped node runs no task: the apply of a block never starts.
    enqueue: (task) => {
      queue = queue.then(async () => (applied < (o.applyMax ?? Infinity) ? task() : undefined));
    },
    apply: async (blockBytes, commitBytes) => {
      applied++;
      await commitExecuted(exec, await checkBlock(exec, blockBytes, { certified: true }), commitBytes);
    },
    onBadPeer: (peer) => state.badPeers.push(peer),
  });
  return Object.assign(state, { sync });
}

describe('pipelined block sync', () => {
  it('brings a node far behind to the tip from several peers at once, without verifying a tx again', async () => {
    const served = await servedChain();
    const c = await client({ a: honest(served), b: honest(served) });
    c.sync.soon();
    await c.sync.whenIdle();
    expect(c.ledger.tip.height).toBe(HEIGHTS);
    expect(toHex(c.ledger.tip.blockHash)).toBe(toHex(served.tip.blockHash));
    expect(c.maxInFlight).toBeGreaterThan(1);
    expect(new Set(c.requests.map((r) => r.peer))).toEqual(new Set(['a', 'b']));
    // Every signature checked was a validator's precommit: the txs' signatures were covered by the commits.
    expect(c.txVerifications).toBe(0);
    expect(c.badPeers).toEqual([]);
  });

  it('spreads the rest of a range cut short by the answer budget over the peers', async () => {
    const served = await servedChain();
    const c = await client({ a: honest(served, 2), b: honest(served, 2), c: honest(served, 2) });
    c.sync.soon();
    await c.sync.whenIdle();
    expect(c.ledger.tip.height).toBe(HEIGHTS);
    expect(c.maxInFlight).toBe(3);
    // 2 heights an answer: every request after the first asks for 2.
    expect(c.requests.length).toBeLessThanOrEqual(HEIGHTS / 2 + 3);
  });

  it('asks every peer for its tip: the first to answer may lag behind the others', async () => {
    const served = await servedChain();
    // Listed first, the lagging and the unreachable peer are asked first.
    const c = await client({ behind: lagging(served, 5), down: unreachable, ahead: honest(served) });
    c.sync.soon();
    await c.sync.whenIdle();
    expect(c.ledger.tip.height).toBe(HEIGHTS);
    expect(toHex(c.ledger.tip.blockHash)).toBe(toHex(served.tip.blockHash));
    // Nobody sent anything bad: a failed request is no fault.
    expect(c.badPeers).toEqual([]);
  });

  it('ends the pass at the tip when no peer holds more, whether it answers or not', async () => {
    const served = await servedChain();
    const c = await client({ behind: lagging(served, 5), down: unreachable });
    c.sync.soon();
    await c.sync.whenIdle();
    expect(c.ledger.tip.height).toBe(5);
    c.sync.soon();
    await c.sync.whenIdle();
    expect(c.ledger.tip.height).toBe(5);
  });

  it('refuses the blocks of a peer whose blocks do not match their commits, and takes them from another', async () => {
    const served = await servedChain();
    const c = await client({ evil: tampering(served, 5), good: honest(served) });
    c.sync.soon();
    await c.sync.whenIdle();
    expect(c.badPeers).toContain('evil');
    expect(c.ledger.tip.height).toBe(HEIGHTS);
    for (const h of [5, 6, HEIGHTS]) expect(toHex((await c.ledger.header(h))!.hash)).toBe(toHex((await served.header(h))!.hash));
  });

  it('commits nothing a lone bad peer sends, and the pass ends', async () => {
    const served = await servedChain();
    const c = await client({ evil: tampering(served, 1) });
    c.sync.soon();
    await c.sync.whenIdle();
    expect(c.ledger.tip.height).toBe(0);
    expect(c.badPeers).toEqual(['evil']);
  });

  it('goes on from its tip after a stop in the middle of a sync', async () => {
    const served = await servedChain();
    const storage = new MemStorage();
    const first = await client({ a: honest(served) }, { storage, applyMax: 12 });
    first.sync.soon();
    // The 13th block waits in the queue of a node that has stopped: its pass never ends.
    while (first.ledger.tip.height < 12) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(first.ledger.tip.height).toBe(12);
    const second = await client({ a: honest(served) }, { storage });
    expect(second.ledger.tip.height).toBe(12);
    second.sync.soon();
    await second.sync.whenIdle();
    expect(second.ledger.tip.height).toBe(HEIGHTS);
    expect(toHex(second.ledger.tip.blockHash)).toBe(toHex(served.tip.blockHash));
  });
});
