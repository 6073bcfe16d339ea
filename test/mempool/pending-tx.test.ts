// Block checking reuses the decoded txs of the mempool: only for the exact bytes admitted.
import { describe, expect, it } from 'vitest';
import { NodeVerifier } from '../../src/crypto/index.js';
import { Ledger, MemStorage } from '../../src/ledger/index.js';
import { Mempool } from '../../src/mempool/index.js';
import { asTimeMs, type Clock } from '../../src/types/index.js';
import { GENESIS_TIME_MS, anchorTxBytes, digestOf, makeTestChain } from '../helpers/chain.js';

const clock: Clock = { nowMs: () => asTimeMs(GENESIS_TIME_MS + 1_000) };

describe('Mempool.pendingTx', () => {
  it('returns the admitted decoded tx for its exact bytes, and nothing for other or removed bytes', async () => {
    const chain = makeTestChain();
    const ledger = await Ledger.open(new MemStorage(), chain.genesis, chain.genesisHash);
    const mempool = new Mempool({ chainId: chain.genesis.chainId, params: chain.genesis.params, verifier: new NodeVerifier(),
      clock, state: ledger.state, committedHeight: () => ledger.tip.height }, { txsMax: 10, bytesMax: 1 << 20 });
    const bytes = anchorTxBytes(chain, digestOf('kept'));
    const admitted = await mempool.add(bytes);
    expect(mempool.pendingTx(Uint8Array.from(bytes))).toBe(admitted);

    const other = anchorTxBytes(chain, digestOf('never admitted'));
    expect(mempool.pendingTx(other)).toBeUndefined();
    const altered = Uint8Array.from(bytes);
    altered[altered.length - 1] = (altered[altered.length - 1] ?? 0) ^ 1;
    expect(mempool.pendingTx(altered)).toBeUndefined();

    mempool.remove([admitted.hash]);
    expect(mempool.pendingTx(bytes)).toBeUndefined();
  });
});
