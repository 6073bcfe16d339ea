// The production node core of a test chain's one validator, on an in-memory ledger, with its API
// built (not listening): what the in-process node tests share. The clock runs from the chain's
// genesis time plus a minute, so that txs the helpers sign are within their expiry.
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { buildApp } from '../../src/api/index.js';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import { NodeVerifier } from '../../src/crypto/index.js';
import { Ledger, MemStorage } from '../../src/ledger/index.js';
import { NodeCore } from '../../src/node/index.js';
import { asTimeMs, type Clock } from '../../src/types/index.js';
import { GENESIS_TIME_MS, type TestChain } from './chain.js';

export interface MemNode {
  readonly core: NodeCore;
  readonly app: FastifyInstance;
  stop(): Promise<void>;
}

/** A clock at the chain's genesis time plus a minute, moving with the real one from now on. */
export function chainClock(): Clock {
  const startedAtMs = Date.now();
  return { nowMs: () => asTimeMs(GENESIS_TIME_MS + 60_000 + (Date.now() - startedAtMs)) };
}

/** Starts the core (heartbeat a minute away, blocks as soon as txs arrive) and builds its API. */
export async function startMemNode(chain: TestChain, clock: Clock = chainClock()): Promise<MemNode> {
  const ledger = await Ledger.open(new MemStorage(), chain.genesis, chain.genesisHash);
  const core = new NodeCore({
    genesis: chain.genesis, ledger, key: chain.validator, verifier: new NodeVerifier(), clock, logger: pino({ level: 'silent' }),
    moniker: 'test', version: 'test', mempool: { txsMax: 100, bytesMax: 8 << 20 },
    consensus: { ...DEFAULT_CONFIG.consensus, heartbeatIntervalMs: 60_000, blockDelayMs: 1 },
  });
  const app = await buildApp(core, { bodyBytesMax: 4 << 20, commitWaitMsMax: 5_000, evidencePageMax: 100, logger: false, version: 'test',
    signatureWindowMs: 300_000 });
  await core.start();
  return {
    core, app,
    async stop() {
      await core.stop();
      await app.close();
    },
  };
}
