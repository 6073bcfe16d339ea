// The API stops taking new txs once a few proposals' worth wait (API_BACKLOG_PROPOSALS), while txs
// from peers are still admitted up to the mempool's own limit.
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { buildApp } from '../../src/api/index.js';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import { NodeVerifier } from '../../src/crypto/index.js';
import { Ledger, MemStorage } from '../../src/ledger/index.js';
import { API_BACKLOG_PROPOSALS, NodeCore } from '../../src/node/node.js';
import { asTimeMs, toBase64 } from '../../src/types/index.js';
import { GENESIS_TIME_MS, anchorTxBytes, digestOf, makeTestChain } from '../helpers/chain.js';

const clock = { nowMs: () => asTimeMs(GENESIS_TIME_MS + 60_000) };

describe('API backlog limit', () => {
  it('refuses submissions with 503 MEMPOOL_FULL past the backlog, and still admits txs from peers', async () => {
    const chain = makeTestChain();
    const ledger = await Ledger.open(new MemStorage(), chain.genesis, chain.genesisHash);
    const proposeTxsMax = 2;
    // Not started: no block is made, so every admitted tx stays pending.
    const core = new NodeCore({
      genesis: chain.genesis, ledger, key: chain.validator, verifier: new NodeVerifier(), clock,
      logger: pino({ level: 'silent' }), moniker: 'test', version: 'test', mempool: { txsMax: 100, bytesMax: 1 << 20 },
      consensus: { ...DEFAULT_CONFIG.consensus, proposeTxsMax },
    });
    const app = await buildApp(core, {
      bodyBytesMax: 64 * 1024, commitWaitMsMax: 5_000, evidencePageMax: 100, logger: false, version: 'test',
      signatureWindowMs: DEFAULT_CONFIG.api.signatureWindowMs, clock,
    });
    const backlog = API_BACKLOG_PROPOSALS * proposeTxsMax;
    expect(core.submitBacklogMax).toBe(backlog);
    const submit = (label: string) => app.inject({ method: 'POST', url: '/v1/txs', headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ tx: toBase64(anchorTxBytes(chain, digestOf(label))) }) });
    for (let i = 0; i < backlog; i++) expect((await submit(`tx ${i}`)).statusCode).toBe(202);

    const refused = await submit('one too many');
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((refused.json() as { code: string }).code).toBe('MEMPOOL_FULL');
    expect(core.mempool.size).toBe(backlog);

    // Gossip admits through the mempool itself, whose limit is mempool.txsMax.
    await core.mempool.add(anchorTxBytes(chain, digestOf('from a peer')));
    expect(core.mempool.size).toBe(backlog + 1);
    await app.close();
  });
});
