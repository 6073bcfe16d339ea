// GET /v1/status of a real node core reports its process's memory (what a soak run watches for
// leaks), through the response schema, which would drop a field it does not list.
import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/api/index.js';
import { NodeVerifier } from '../../src/crypto/index.js';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import { Ledger, MemStorage } from '../../src/ledger/index.js';
import { NodeCore } from '../../src/node/index.js';
import { asTimeMs } from '../../src/types/index.js';
import { GENESIS_TIME_MS, makeTestChain } from '../helpers/chain.js';

let core: NodeCore | undefined;
let app: FastifyInstance | undefined;
afterEach(async () => {
  await core?.stop();
  await app?.close();
});

describe('GET /v1/status: the process', () => {
  it('reports the RSS and the heap in use of the node process', async () => {
    const chain = makeTestChain();
    const ledger = await Ledger.open(new MemStorage(), chain.genesis, chain.genesisHash);
    core = new NodeCore({
      genesis: chain.genesis, ledger, key: chain.validator, verifier: new NodeVerifier(),
      clock: { nowMs: () => asTimeMs(GENESIS_TIME_MS + 60_000) }, logger: pino({ level: 'silent' }),
      moniker: 'test', version: 'test', mempool: { txsMax: 100, bytesMax: 8 << 20 },
      consensus: { ...DEFAULT_CONFIG.consensus, heartbeatIntervalMs: 60_000 },
    });
    app = await buildApp(core, { bodyBytesMax: 4 << 20, commitWaitMsMax: 5_000, evidencePageMax: 100, logger: false,
      version: 'test', signatureWindowMs: 300_000 });
    const response = await app.inject({ url: '/v1/status' });
    expect(response.statusCode).toBe(200);
    const { process: memory } = response.json() as { process?: { rssBytes: number; heapUsedBytes: number } };
    const { rss, heapUsed } = process.memoryUsage();
    expect(memory).toBeDefined();
    // This test runs in the node's process: its figures are of the same order as ours.
    expect(memory!.rssBytes).toBeGreaterThan(rss / 4);
    expect(memory!.rssBytes).toBeLessThan(rss * 4);
    expect(memory!.heapUsedBytes).toBeGreaterThan(heapUsed / 4);
    expect(memory!.heapUsedBytes).toBeLessThan(memory!.rssBytes);
  });
});
