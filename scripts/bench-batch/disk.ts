// Phase 5: disk bytes per indexed item on a single dev node (start --dev), both ledgers (before
// and after the batches) compacted.
import { execFileSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ClassicLevel } from 'classic-level';
import { readKeyFile } from '../../src/crypto/index.js';
import { toHex } from '../../src/types/index.js';
import { dirBytes, getJson, keepAliveAgent, presignBatchTxs } from '../bench-lib.js';
import { startTestnetNode, stopAll, type TestnetLayout, type TestnetNode, type TestnetNodeHandle } from '../testnet-lib.js';
import type { Args } from './args.js';
import type { HeaderView } from './chain.js';
import {
  CATEGORY, COMMIT_WAIT_MS, DEV_PORT_OFFSET, fixed, ITEMS_PER_BATCH, log, PROGRESS_EVERY_MS, SUBMIT_TIMEOUT_MS, submitBatch, sum,
  TX_LIFETIME_MS,
} from './common.js';
import { setGenesisParams } from './testnet.js';

// Phase 5.
export const DISK_CONNECTIONS = 4;

export interface DiskResult {
  readonly items: number;
  readonly batches: number;
  readonly anchorMs: number;
  readonly baselineBytes: number;
  readonly afterBytes: number;
  readonly baselineBytesUncompacted: number;
  readonly afterBytesUncompacted: number;
  readonly bytesPerItem: number;
  readonly bytesPerItemUncompacted: number;
  readonly txBytesPerItem: number;
  readonly compactMs: number;
  readonly height: number;
}

const CLI_MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

function devNode(dir: string, port: number): TestnetNode {
  const dataDir = join(dir, 'dev');
  const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const cli = [process.execPath, '--import', tsxLoader, CLI_MAIN];
  // `tianping init` writes the dev chain `start --dev` would (its node key is needed to know the node).
  execFileSync(cli[0]!, [...cli.slice(1), 'init', '--data-dir', dataDir, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const nodeId = toHex(readKeyFile(join(dataDir, 'node.key')).publicKey);
  return {
    name: 'dev', role: 'validator', apiPort: port, apiUrl: `http://127.0.0.1:${port}`, p2pPort: 0, p2pAddr: '', peerId: '', nodeId,
    dataDir, configFile: '', logFile: join(dir, 'dev-node.log'),
    command: [...cli, 'start', '--dev', '--data-dir', dataDir, '--port', String(port), '--log-level', 'warn'],
  };
}

async function compactLedger(ledgerDir: string): Promise<void> {
  const db = new ClassicLevel<Uint8Array, Uint8Array>(ledgerDir, { keyEncoding: 'view', valueEncoding: 'view' });
  await db.open();
  try {
    // Every key of ours is ASCII: [empty, 0xff × 16] covers the whole key space.
    await db.compactRange(new Uint8Array(), new Uint8Array(16).fill(0xff));
  } finally {
    await db.close();
  }
}

async function diskPerItem(args: Args, dir: string, register: (handle: TestnetNodeHandle | undefined) => void): Promise<DiskResult> {
  const node = devNode(dir, args.basePort + DEV_PORT_OFFSET);
  const layout: TestnetLayout = { dir, chainId: 'tianping-dev', basePort: args.basePort + DEV_PORT_OFFSET,
    genesisFile: join(node.dataDir, 'genesis.json'), submitterKeyFile: join(node.dataDir, 'submitter.key'), nodes: [node] };
  const genesis = setGenesisParams(layout.genesisFile, args.genesisParams);
  const keyPair = readKeyFile(layout.submitterKeyFile);
  const batches = args.diskItems / ITEMS_PER_BATCH;
  const txs = presignBatchTxs({ chainId: genesis.chainId, keyPair, count: batches, itemsPerBatch: ITEMS_PER_BATCH, category: CATEGORY,
    firstNonce: 1, expiresAtMs: Date.now() + TX_LIFETIME_MS });

  // First start: the ledger with its genesis state; stopped, it is the baseline.
  let handle = startTestnetNode(layout, 'dev', { env: { ...args.nodeEnv } });
  register(handle);
  await handle.waitHealthy();
  await stopAll([handle]);
  const baselineDir = join(dir, 'dev-baseline');
  cpSync(node.dataDir, baselineDir, { recursive: true });

  handle = startTestnetNode(layout, 'dev', { env: { ...args.nodeEnv } });
  register(handle);
  await handle.waitHealthy();
  const url = new URL(node.apiUrl);
  const agent = keepAliveAgent(DISK_CONNECTIONS);
  const startMs = performance.now();
  let next = 0;
  const counters = { mempoolFull: 0 };
  const refused: string[] = [];
  const progress = setInterval(() => log(`  disk: ${next} of ${batches} batches sent`), PROGRESS_EVERY_MS);
  try {
    await Promise.all(Array.from({ length: DISK_CONNECTIONS }, async () => {
      while (next < txs.length) {
        const tx = txs[next++]!;
        const answer = await submitBatch(agent, url, `/v1/txs?wait=commit&timeoutMs=${COMMIT_WAIT_MS}`, tx, COMMIT_WAIT_MS + SUBMIT_TIMEOUT_MS, counters);
        if (!answer.ok) refused.push(`${answer.code} ${answer.body.slice(0, 200)}`);
      }
    }));
  } finally {
    clearInterval(progress);
    agent.destroy();
  }
  const anchorMs = performance.now() - startMs;
  if (refused.length > 0) throw new Error(`the dev node refused ${refused.length} batches: ${refused[0]}`);
  const height = (await getJson<HeaderView>(`${node.apiUrl}/v1/headers/latest`)).height;
  await stopAll([handle]);
  register(undefined);
  const exit = await handle.exited;
  if (exit.code !== 0) log(`  the dev node did not stop cleanly (${exit.signal ?? `code ${exit.code}`})`);

  const baselineBytesUncompacted = dirBytes(baselineDir);
  const afterBytesUncompacted = dirBytes(node.dataDir);
  const t = performance.now();
  await compactLedger(join(baselineDir, 'ledger'));
  await compactLedger(join(node.dataDir, 'ledger'));
  const compactMs = performance.now() - t;
  const baselineBytes = dirBytes(baselineDir);
  const afterBytes = dirBytes(node.dataDir);
  const items = batches * ITEMS_PER_BATCH;
  return {
    items, batches, anchorMs, baselineBytes, afterBytes, baselineBytesUncompacted, afterBytesUncompacted,
    bytesPerItem: (afterBytes - baselineBytes) / items,
    bytesPerItemUncompacted: (afterBytesUncompacted - baselineBytesUncompacted) / items,
    txBytesPerItem: sum(txs.map((tx) => tx.bytes.length)) / items, compactMs, height,
  };
}

export async function diskPhase(args: Args, dir: string, register: (handle: TestnetNodeHandle | undefined) => void): Promise<DiskResult> {
  log(`phase 5: ${args.diskItems} indexed items on a dev node, ledgers compacted`);
  const disk = await diskPerItem(args, dir, register);
  log(`  ${fixed(disk.bytesPerItem, 1)} bytes per item compacted (${fixed(disk.bytesPerItemUncompacted, 1)} before compaction)`);
  return disk;
}
