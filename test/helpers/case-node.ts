// A single-validator node in the test process for the judgment-contract tests: a genesis with the
// given members (a court, an oracle, a platform...), an in-memory ledger and a production NodeCore
// that commits alone, optionally behind the real app (for app.inject, or listening on loopback).
// Its heartbeat is 10 minutes away by default, so the height moves only for a tx or the case clock.
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { buildApp } from '../../src/api/index.js';
import type { NodeConfig } from '../../src/config/index.js';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import { NodeVerifier, type KeyPair } from '../../src/crypto/index.js';
import { Ledger, MemStorage } from '../../src/ledger/index.js';
import { NodeCore } from '../../src/node/index.js';
import { genesisHash, parseGenesis, type Genesis } from '../../src/state/index.js';
import { asTimeMs, toHex, utf8 } from '../../src/types/index.js';

/** A member of the genesis: its name (also its organisation), its role and its key. */
export type CaseNodeMember = readonly [name: string, role: string, key: KeyPair];

export interface CaseGenesisOptions {
  readonly chainId: string;
  readonly validator: KeyPair;
  /** Default 'node0'. */
  readonly validatorName?: string;
  readonly members: readonly CaseNodeMember[];
  readonly categories: readonly string[];
}

export interface CaseGenesis {
  readonly json: Record<string, unknown>;
  readonly genesis: Genesis;
  readonly validator: KeyPair;
}

/** The chain's genesis, started a minute ago: txs and due times from now on lie after it. */
export function caseGenesis(o: CaseGenesisOptions): CaseGenesis {
  const json = {
    chainId: o.chainId, genesisTimeMs: Date.now() - 60_000,
    validators: [{ name: o.validatorName ?? 'node0', publicKey: toHex(o.validator.publicKey), power: 10 }],
    members: o.members.map(([name, role, key]) => ({ name, organisation: name, role, publicKey: toHex(key.publicKey) })),
    categories: [...o.categories],
  };
  return { json, genesis: parseGenesis(json), validator: o.validator };
}

export interface CaseNodeOptions {
  readonly moniker: string;
  /** On top of the defaults with heartbeatIntervalMs 600,000 and blockDelayMs 1. */
  readonly consensus?: Partial<NodeConfig['consensus']>;
  /** 'inject': the app built, for app.inject(); 'listen': also listening on 127.0.0.1, any port. Default: no app. */
  readonly app?: 'inject' | 'listen';
}

export interface CaseNode {
  readonly genesis: Genesis;
  readonly core: NodeCore;
  /** With options.app. */
  readonly app: FastifyInstance | undefined;
  /** With app 'listen': the API's base URL. */
  readonly url: string;
  /** Stops the core, then closes the app. */
  stop(): Promise<void>;
}

export async function startCaseNode(chain: CaseGenesis, o: CaseNodeOptions): Promise<CaseNode> {
  const { genesis } = chain;
  const ledger = await Ledger.open(new MemStorage(), genesis, genesisHash(utf8(JSON.stringify(chain.json))));
  const core = new NodeCore({
    genesis, ledger, key: chain.validator, verifier: new NodeVerifier(), clock: { nowMs: () => asTimeMs(Date.now()) },
    logger: pino({ level: 'silent' }), moniker: o.moniker, version: 'test', mempool: { txsMax: 100, bytesMax: 1 << 20 },
    consensus: { ...DEFAULT_CONFIG.consensus, heartbeatIntervalMs: 600_000, blockDelayMs: 1, ...o.consensus },
  });
  const app = o.app === undefined ? undefined : await buildApp(core, { bodyBytesMax: 64 * 1024, commitWaitMsMax: 10_000,
    evidencePageMax: 100, logger: false, version: 'test', signatureWindowMs: 300_000 });
  await core.start();
  const url = o.app === 'listen' ? await app!.listen({ host: '127.0.0.1', port: 0 }) : '';
  return {
    genesis, core, app, url,
    stop: async () => {
      await core.stop();
      await app?.close();
    },
  };
}
