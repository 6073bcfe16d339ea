// The testnet of bench:batch: its genesis parameters, its start with the warm-up batches
// committed, and its stop.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readKeyFile, type KeyPair } from '../../src/crypto/index.js';
import { parseGenesis, type Genesis } from '../../src/state/genesis.js';
import { presignBatchTxs, withCpuProfile, type PresignedBatch } from '../bench-lib.js';
import { warmUp as warmUpTxs } from '../bench-run.js';
import { createTestnetFiles, startTestnet, stopAll, type TestnetLayout, type TestnetNodeHandle } from '../testnet-lib.js';
import type { Args } from './args.js';
import { CATEGORY, ITEMS_PER_BATCH, log, seconds, SUBMIT_TIMEOUT_MS, TX_LIFETIME_MS, VALIDATORS } from './common.js';

/** Sets genesis parameters in a genesis file no node has started from yet; checked by the node's own parser. */
export function setGenesisParams(file: string, params: Readonly<Record<string, number>>): Genesis {
  const document = JSON.parse(readFileSync(file, 'utf8')) as { params?: Record<string, number> };
  if (Object.keys(params).length > 0) {
    document.params = { ...(document.params ?? {}), ...params };
    parseGenesis(document);
    writeFileSync(file, JSON.stringify(document, null, 2) + '\n');
  }
  return parseGenesis(document);
}

/** Batch i through validator i, each waited for: the mesh, gossip and block production all work. */
export const warmUp = (handles: readonly TestnetNodeHandle[], txs: readonly PresignedBatch[]): Promise<void> =>
  warmUpTxs(handles, txs, { what: 'batch', submitTimeoutMs: SUBMIT_TIMEOUT_MS });

/** A testnet of this bench, started, with its warm-up batches committed. */
export interface BenchTestnet {
  readonly layout: TestnetLayout;
  readonly keyPair: KeyPair;
  readonly genesis: Genesis;
  readonly handles: TestnetNodeHandle[];
  /** Pre-signed batches beyond the warm-up ones, for the caller. */
  readonly extra: PresignedBatch[];
  /** The warm-up batches, committed. */
  readonly warm: PresignedBatch[];
}

/** The nodes running now, for the signal handler and the final clean-up to stop. */
export interface RunningNodes {
  handles: TestnetNodeHandle[];
  dev: TestnetNodeHandle | undefined;
}

export async function bootTestnet(args: Args, dir: string, name: string, extraBatches: number, running: RunningNodes):
  Promise<BenchTestnet> {
  const layout = createTestnetFiles({ dir: join(dir, name), validators: VALIDATORS, observers: 0, basePort: args.basePort });
  const keyPair = readKeyFile(layout.submitterKeyFile);
  const genesis = setGenesisParams(layout.genesisFile, args.genesisParams);
  const startMs = performance.now();
  const txs = presignBatchTxs({ chainId: layout.chainId, keyPair, count: VALIDATORS + extraBatches, itemsPerBatch: ITEMS_PER_BATCH,
    category: CATEGORY, firstNonce: 1, expiresAtMs: Date.now() + TX_LIFETIME_MS });
  log(`pre-signed ${txs.length} indexed batches of ${ITEMS_PER_BATCH} items in ${seconds(performance.now() - startMs)}`);
  log(`starting ${VALIDATORS} validators in ${layout.dir} (API ports ${args.basePort}..; env `
    + `${Object.entries(args.nodeEnv).map(([k, v]) => `${k}=${v}`).join(' ')}`
    + `${Object.keys(args.genesisParams).length === 0 ? '' : `; genesis params ${JSON.stringify(args.genesisParams)}`})`);
  const handles = await startTestnet(withCpuProfile(layout, args.cpuProfDir), { env: args.nodeEnv });
  running.handles = handles;
  const warm = txs.slice(0, VALIDATORS);
  await warmUp(handles, warm);
  return { layout, keyPair, genesis, handles, warm, extra: txs.slice(VALIDATORS) };
}

/** Stops the testnet's nodes; how each that did not exit with 0 ended goes into unclean. */
export async function stopTestnet(net: BenchTestnet, unclean: string[]): Promise<void> {
  await stopAll(net.handles);
  const exits = await Promise.all(net.handles.map((h) => h.exited));
  unclean.push(...exits.filter((e) => e.code !== 0).map((e) => e.signal ?? `code ${e.code}`));
}
