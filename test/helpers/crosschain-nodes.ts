// Two chains in the test process for the cross-chain tests: a side chain (one validator, a platform
// that anchors; its API listening on loopback) and a main chain (the judgment-contract test chain:
// a validator, a court, a platform) whose node composes two-hop receipts from the side node.
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { buildApp } from '../../src/api/index.js';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import { NodeVerifier, keyPairFromSeed, sha256, type KeyPair } from '../../src/crypto/index.js';
import { Ledger, MemStorage } from '../../src/ledger/index.js';
import { NodeCore } from '../../src/node/index.js';
import { genesisHash } from '../../src/state/index.js';
import { asTimeMs, utf8 } from '../../src/types/index.js';
import { CHAIN_ID, court, platform, validatorA } from '../state/cases/fixture.js';
import { caseGenesis, startCaseNode, type CaseGenesis, type CaseNode } from './case-node.js';

export const SIDE_CHAIN = 'side-chain-api';
export const sideValidator: KeyPair = keyPairFromSeed(sha256(utf8('crosschain test side validator')));

export const mainChain = caseGenesis({ chainId: CHAIN_ID, validator: validatorA, validatorName: 'val-0', categories: ['notarial'],
  members: [['platform', 'submitter', platform], ['court', 'court', court]] });
export const sideChain = caseGenesis({ chainId: SIDE_CHAIN, validator: sideValidator, categories: ['notarial'],
  members: [['side-platform', 'submitter', platform]] });

export interface MainNode {
  readonly core: NodeCore;
  readonly app: FastifyInstance;
  /** With listen: the API's base URL. */
  readonly url: string;
  stop(): Promise<void>;
}

/** The main chain's node, composing two-hop receipts from `sources` (name → side node URL). */
export async function startMain(chain: CaseGenesis, sources: Readonly<Record<string, string>>, listen = false): Promise<MainNode> {
  const ledger = await Ledger.open(new MemStorage(), chain.genesis, genesisHash(utf8(JSON.stringify(chain.json))));
  const core = new NodeCore({
    genesis: chain.genesis, ledger, key: chain.validator, verifier: new NodeVerifier(), clock: { nowMs: () => asTimeMs(Date.now()) },
    logger: pino({ level: 'silent' }), moniker: 'main', version: 'test', mempool: { txsMax: 100, bytesMax: 1 << 20 },
    consensus: { ...DEFAULT_CONFIG.consensus, heartbeatIntervalMs: 600_000, blockDelayMs: 1 },
    crosschainSources: { urls: new Map(Object.entries(sources)) },
  });
  const app = await buildApp(core, { bodyBytesMax: 1 << 20, commitWaitMsMax: 10_000, evidencePageMax: 100, logger: false, version: 'test',
    signatureWindowMs: 300_000 });
  await core.start();
  const url = listen ? await app.listen({ host: '127.0.0.1', port: 0 }) : '';
  return {
    core, app, url,
    stop: async () => {
      await core.stop();
      await app.close();
    },
  };
}

export function startSide(): Promise<CaseNode> {
  return startCaseNode(sideChain, { moniker: 'side', app: 'listen' });
}
