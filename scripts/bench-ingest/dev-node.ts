// One dev node (a single-validator chain, as `tianping start --dev` makes) for the single-node
// benches (bench:ingest, bench:scale): its data directory written by `tianping init`, run either as
// its own process (a TestnetNode for scripts/testnet-lib.ts) or as the production node core in this
// process, composed as startNode composes it but without the API server and without p2p, so txs
// reach the mempool through NodeCore.submitTx and nothing else. Also the full LevelDB compaction
// that makes "bytes on disk" comparable between runs.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ClassicLevel } from 'classic-level';
import { pino } from 'pino';
import { loadConfig } from '../../src/config/index.js';
import { installNodeSha256, NodeVerifier, readKeyFile, type KeyPair } from '../../src/crypto/index.js';
import type { Ledger } from '../../src/ledger/index.js';
import { NodeCore, systemClock } from '../../src/node/index.js';
import { FileHighWater } from '../../src/node/high-water.js';
import { openLedger, LEDGER_DIR } from '../../src/node/ledger-open.js';
import { preflight } from '../../src/node/preflight.js';
import { VERSION } from '../../src/node/version.js';
import { genesisHash, type Genesis } from '../../src/state/index.js';
import { toHex } from '../../src/types/index.js';
import type { TestnetLayout, TestnetNode } from '../testnet-lib.js';

export const DEV_CHAIN_ID = 'tianping-dev';
const CLI_MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

/** The CLI as a command line: this Node, tsx's loader, src/cli/main.ts. */
function cliCommand(): string[] {
  const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return [process.execPath, '--import', tsxLoader, CLI_MAIN];
}

export interface DevNodeFiles {
  readonly node: TestnetNode;
  /** A one-node layout, so startTestnetNode and stopAll of scripts/testnet-lib.ts run it. */
  readonly layout: TestnetLayout;
  /** The dev chain's submitter key (a member with the submitter role). */
  readonly submitter: KeyPair;
}

/**
 * `tianping init` in DIR/NAME (the dev chain `start --dev` would create), and the command line
 * that starts it on 127.0.0.1:port as `tianping start --dev` with warnings logged only.
 */
export function initDevNode(dir: string, name: string, port: number): DevNodeFiles {
  const dataDir = join(dir, name);
  const cli = cliCommand();
  execFileSync(cli[0]!, [...cli.slice(1), 'init', '--data-dir', dataDir, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const nodeId = toHex(readKeyFile(join(dataDir, 'node.key')).publicKey);
  const node: TestnetNode = {
    name, role: 'validator', apiPort: port, apiUrl: `http://127.0.0.1:${port}`, p2pPort: 0, p2pAddr: '', peerId: '', nodeId,
    dataDir, configFile: '', logFile: join(dir, `${name}-node.log`),
    command: [...cli, 'start', '--dev', '--data-dir', dataDir, '--port', String(port), '--log-level', 'warn'],
  };
  const layout: TestnetLayout = { dir, chainId: DEV_CHAIN_ID, basePort: port, genesisFile: join(dataDir, 'genesis.json'),
    submitterKeyFile: join(dataDir, 'submitter.key'), nodes: [node] };
  return { node, layout, submitter: readKeyFile(layout.submitterKeyFile) };
}

/** The production node core on a dev data directory, started in this process (no API, no p2p). */
export interface InProcessNode {
  readonly core: NodeCore;
  readonly ledger: Ledger;
  readonly genesis: Genesis;
  close(): Promise<void>;
}

/**
 * Opens the data directory as startNode does (configuration from defaults and `env`, preflight,
 * openLedger with its self-check, the high-water mark) and starts NodeCore on it. `env` takes
 * TIANPING_* settings as a node's environment would (--node-env).
 */
export async function startInProcessNode(dataDir: string, env: Readonly<Record<string, string>> = {}): Promise<InProcessNode> {
  installNodeSha256();
  const config = loadConfig({ env, flags: { 'data-dir': resolve(dataDir) } });
  const logger = pino({ level: config.log.level === 'info' ? 'warn' : config.log.level });
  const { genesis, genesisBytes, key } = preflight(config, systemClock, logger);
  const verifier = new NodeVerifier();
  const { ledger, mark } = await openLedger({ dataDir: resolve(dataDir), genesis, genesisHash: genesisHash(genesisBytes), verifier,
    canRepair: false });
  const core = new NodeCore({
    genesis, ledger, key, verifier, clock: systemClock, logger: logger.child({ module: 'node' }), moniker: config.moniker,
    version: VERSION, mempool: config.mempool, consensus: config.consensus,
    highWater: { store: new FileHighWater(resolve(dataDir)), mark },
  });
  await core.start();
  return {
    core, ledger, genesis,
    async close() {
      await core.stop();
      await ledger.close();
    },
  };
}

/**
 * Compacts a closed ledger fully (`compactRange` over the whole key space), so that its size on
 * disk is its data, not how far LevelDB's background compactions happened to get.
 */
export async function compactLedger(dataDir: string): Promise<void> {
  const db = new ClassicLevel<Uint8Array, Uint8Array>(join(dataDir, LEDGER_DIR), { keyEncoding: 'view', valueEncoding: 'view' });
  await db.open();
  try {
    // Every key of ours is ASCII: [empty, 0xff × 16] covers the whole key space.
    await db.compactRange(new Uint8Array(), new Uint8Array(16).fill(0xff));
  } finally {
    await db.close();
  }
}
