// Committed data survives a simulated power loss: every write not synced at the crash is dropped
// (MemStorage), and the ledger still holds every block whose commit had returned.
import { describe, expect, it } from 'vitest';
import { Ledger, MemStorage } from '../../src/ledger/index.js';
import { Mempool } from '../../src/mempool/index.js';
import { evidenceRecords } from '../../src/read/index.js';
import { buildAndCommit, type BuilderComponents } from '../helpers/block-builder.js';
import { NodeVerifier } from '../../src/crypto/index.js';
import { asTimeMs, TianpingError, type Clock } from '../../src/types/index.js';
import { GENESIS_TIME_MS, anchorTxBytes, digestOf, makeTestChain, type TestChain } from '../helpers/chain.js';

const verifier = new NodeVerifier();

async function openNode(chain: TestChain, storage: MemStorage, nowMs: number) {
  const ledger = await Ledger.open(storage, chain.genesis, chain.genesisHash);
  const clock: Clock = { nowMs: () => asTimeMs(nowMs) };
  const mempool = new Mempool({ chainId: chain.genesis.chainId, params: chain.genesis.params, verifier, clock, state: ledger.state },
    { txsMax: 1000, bytesMax: 1 << 20 });
  const builder: BuilderComponents = { genesis: chain.genesis, ledger, mempool, verifier, key: chain.validator, validatorIndex: 0 };
  return { ledger, mempool, builder };
}

describe('ledger durability under power loss', () => {
  it('keeps every committed anchor and drops only unsynced writes', async () => {
    const chain = makeTestChain();
    const storage = new MemStorage();
    let node = await openNode(chain, storage, GENESIS_TIME_MS + 1000);
    const committed: string[] = [];
    for (let height = 1; height <= 5; height++) {
      for (let i = 0; i < 3; i++) {
        const label = `doc-${height}-${i}`;
        await node.mempool.add(anchorTxBytes(chain, digestOf(label), { nonce: height * 10 + i }));
        committed.push(label);
      }
      await buildAndCommit(node.builder, height, GENESIS_TIME_MS + 1000 + height);
    }
    // An unsynced write after the last commit (as a careless index update would be) is lost.
    await storage.batch([{ type: 'put', key: 's/junk', value: new Uint8Array([1]) }], { sync: false });
    storage.crash();
    storage.reopen();
    node = await openNode(chain, storage, GENESIS_TIME_MS + 2000);
    expect(node.ledger.tip.height).toBe(5);
    expect(await storage.get('s/junk')).toBeUndefined();
    for (const label of committed) {
      const { total, records } = await evidenceRecords(node.ledger, 1, digestOf(label), 0, 10);
      expect(total, label).toBe(1);
      expect(records[0]!.height).toBeGreaterThan(0);
    }
    await node.ledger.checkConsistency();
  });

  it('a block whose synced write failed is absent as a whole, and the chain goes on from the tip', async () => {
    const chain = makeTestChain();
    const storage = new MemStorage();
    let node = await openNode(chain, storage, GENESIS_TIME_MS + 1000);
    await node.mempool.add(anchorTxBytes(chain, digestOf('first'), { nonce: 1 }));
    await buildAndCommit(node.builder, 1, GENESIS_TIME_MS + 1001);
    await node.mempool.add(anchorTxBytes(chain, digestOf('second'), { nonce: 2 }));
    storage.failNextSync = true;
    await expect(buildAndCommit(node.builder, 2, GENESIS_TIME_MS + 1002)).rejects.toThrow(/ENOSPC/);
    expect(node.ledger.tip.height).toBe(1);
    storage.crash();
    storage.reopen();
    node = await openNode(chain, storage, GENESIS_TIME_MS + 2000);
    expect(node.ledger.tip.height).toBe(1);
    expect((await evidenceRecords(node.ledger, 1, digestOf('second'), 0, 10)).total).toBe(0);
    expect((await evidenceRecords(node.ledger, 1, digestOf('first'), 0, 10)).total).toBe(1);
    await node.ledger.checkConsistency();
  });

  it('refuses a committed tx again after restart (replay)', async () => {
    const chain = makeTestChain();
    const storage = new MemStorage();
    let node = await openNode(chain, storage, GENESIS_TIME_MS + 1000);
    const bytes = anchorTxBytes(chain, digestOf('replayed'), { nonce: 7 });
    await node.mempool.add(bytes);
    await buildAndCommit(node.builder, 1, GENESIS_TIME_MS + 1001);
    storage.crash();
    storage.reopen();
    node = await openNode(chain, storage, GENESIS_TIME_MS + 2000);
    const error = await node.mempool.add(bytes).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TianpingError);
    expect((error as TianpingError).code).toBe('TX_ALREADY_COMMITTED');
  });

  it('refuses to open a data directory of another genesis', async () => {
    const chain = makeTestChain();
    const other = makeTestChain('another-chain');
    const storage = new MemStorage();
    await openNode(chain, storage, GENESIS_TIME_MS);
    await expect(Ledger.open(storage, other.genesis, other.genesisHash)).rejects.toThrow(/another genesis/);
  });

  it('keeps every anchor of one digest, oldest first, across blocks', async () => {
    const chain = makeTestChain();
    const node = await openNode(chain, new MemStorage(), GENESIS_TIME_MS + 1000);
    for (let height = 1; height <= 3; height++) {
      await node.mempool.add(anchorTxBytes(chain, digestOf('same'), { nonce: height }));
      await buildAndCommit(node.builder, height, GENESIS_TIME_MS + 1000 + height);
    }
    const { total, records } = await evidenceRecords(node.ledger, 1, digestOf('same'), 0, 10);
    expect(total).toBe(3);
    expect(records.map((r) => r.height)).toEqual([1, 2, 3]);
  });
});
