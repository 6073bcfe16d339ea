// Regression: a block of many indexed batches writes hundreds of thousands of state keys. The app
// hash once concatenated them with one spread call, which V8 refuses past ~120,000 arguments, so a
// block of ~30 batches of 1,000 halted every node that built or checked it.
import { describe, expect, it } from 'vitest';
import { decodeTx, encodeSignedTx, encodeTxBody, txSignBytes } from '../../src/codec/index.js';
import { NodeVerifier, sign, sha256 } from '../../src/crypto/index.js';
import { MapStateView, executeBlock, genesisWrites } from '../../src/state/index.js';
import { u32be } from '../../src/types/index.js';
import { GENESIS_TIME_MS, makeTestChain } from '../helpers/chain.js';

describe('a block of 40 indexed batches of 1,000 items', () => {
  it('executes, proposed and validated alike, with the same app hash', async () => {
    const chain = makeTestChain();
    const timeMs = GENESIS_TIME_MS + 1_000;
    const txs = Array.from({ length: 40 }, (_, b) => {
      const digests = Array.from({ length: 1_000 }, (_, i) => sha256(u32be(b * 1_000 + i)));
      const body = encodeTxBody({ chainId: chain.genesis.chainId, signer: chain.submitter.publicKey, nonce: b + 1,
        expiresAtMs: timeMs + 60_000, anchorBatch: { algorithm: 1, category: 'copyright', indexed: { digests } } });
      return decodeTx(encodeSignedTx(body, sign(chain.submitter.seed, txSignBytes(chain.genesis.chainId, body))),
        chain.genesis.params.txBytesMax);
    });
    const ctx = { chainId: chain.genesis.chainId, height: 1, timeMs, params: chain.genesis.params, verifier: new NodeVerifier() };
    const proposed = await executeBlock(new MapStateView(genesisWrites(chain.genesis)), ctx, txs, 'propose');
    expect(proposed.included).toHaveLength(40);
    expect(proposed.writes.length).toBeGreaterThan(40_000);
    const validated = await executeBlock(new MapStateView(genesisWrites(chain.genesis)), ctx, txs, 'validate');
    expect(validated.appHash).toEqual(proposed.appHash);
  });
});
