// The batch lookup index (src/ledger/batch-index.ts): an indexed batch's items are answered from it
// exactly as from the block, a digest that shares only the state key's prefix with an item is not
// that item, and a batch too small to be indexed (or a block from before the index) still answers
// from the block.
import { describe, expect, it } from 'vitest';
import { buildBatchTx } from '../../src/client/batch.js';
import { NodeVerifier } from '../../src/crypto/index.js';
import { ITEM_TAIL_FROM, Ledger, MemStorage } from '../../src/ledger/index.js';
import { Mempool } from '../../src/mempool/index.js';
import { ReadModel } from '../../src/read/index.js';
import { asTimeMs, heightKey, type Clock } from '../../src/types/index.js';
import { buildAndCommit, type BuilderComponents } from '../helpers/block-builder.js';
import { GENESIS_TIME_MS, digestOf, makeTestChain } from '../helpers/chain.js';

const verifier = new NodeVerifier();
const chain = makeTestChain();
const page = { offset: 0, limit: 10 };
/** Keys of the batch index (ledger-owned, beside the block). */
const batchIndexKey = (height: number, txIndex: number): string => `bx/${heightKey(height)}/${txIndex.toString(16).padStart(4, '0')}`;

/** One block with an indexed batch of `items` digests (one of them given) and nothing else. */
async function oneBatch(items: number) {
  const storage = new MemStorage();
  const ledger = await Ledger.open(storage, chain.genesis, chain.genesisHash);
  const clock: Clock = { nowMs: () => asTimeMs(GENESIS_TIME_MS + 1000) };
  const mempool = new Mempool({ chainId: chain.genesis.chainId, params: chain.genesis.params, verifier, clock, state: ledger.state },
    { txsMax: 100, bytesMax: 1 << 22 });
  const builder: BuilderComponents = { genesis: chain.genesis, ledger, mempool, verifier, key: chain.validator, validatorIndex: 0 };
  const digests = Array.from({ length: items }, (_, i) => digestOf(`batch item ${i}`));
  const tx = buildBatchTx({ chainId: chain.genesis.chainId, keyPair: chain.submitter, algorithm: 'sha256', category: 'copyright',
    externalRef: 'case 7', kind: 'indexed', digests, nonce: 1, nowMs: GENESIS_TIME_MS });
  await mempool.add(tx.bytes);
  await buildAndCommit(builder, 1, GENESIS_TIME_MS + 2000);
  return { storage, ledger, read: new ReadModel(ledger), digests };
}

describe('batch lookup index', () => {
  it('answers every item of an indexed batch as the block does', async () => {
    const { storage, read, digests } = await oneBatch(100);
    expect(await storage.get(batchIndexKey(1, 0))).toBeDefined();
    const fromIndex = await Promise.all(digests.map((d) => read.evidence(d, 'sha256', page)));
    await storage.batch([{ type: 'del', key: batchIndexKey(1, 0) }], { sync: true });
    const fromBlock = await Promise.all(digests.map((d) => read.evidence(d, 'sha256', page)));
    expect(fromIndex).toEqual(fromBlock);
    expect(fromIndex[37]).toMatchObject({ total: 1, anchors: [{ height: 1, txIndex: 0, category: 'copyright', externalRef: 'case 7' }] });
  });

  it('answers from the index alone: the block is not read', async () => {
    const { storage, read, digests } = await oneBatch(100);
    await storage.batch([{ type: 'del', key: `b/${heightKey(1)}` }], { sync: true });
    expect((await read.evidence(digests[99]!, 'sha256', page)).anchors[0]).toMatchObject({ height: 1, txIndex: 0 });
  });

  it('does not take a digest that shares only the state key prefix for the item', async () => {
    const { read, digests } = await oneBatch(100);
    for (const at of [ITEM_TAIL_FROM, 31]) {
      const other = digests[5]!.slice();
      other[at]! ^= 0x01;
      expect(await read.evidence(other, 'sha256', page)).toEqual({ total: 0, anchors: [] });
    }
  });

  it('leaves a small batch unindexed and still finds its items in the block', async () => {
    const { storage, read, digests } = await oneBatch(3);
    expect(await storage.get(batchIndexKey(1, 0))).toBeUndefined();
    expect((await read.evidence(digests[2]!, 'sha256', page)).total).toBe(1);
  });
});
