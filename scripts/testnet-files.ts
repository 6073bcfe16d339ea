// The files of a local testnet: one folder per node (key, config), the genesis, a submitter key and
// nodes.json, which describes the whole layout. nodes.json is written last, so its presence marks
// a complete testnet that a later run reuses instead of regenerating (keys and genesis survive).
import '../src/polyfills.js';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildGenesis } from '../src/cli/commands/genesis.js';
import { loadConfig } from '../src/config/index.js';
import { generateKeyPair, writeKeyFile } from '../src/crypto/index.js';
import { nodeIdToPeerId } from '../src/p2p/index.js';
import { DEFAULT_CATEGORIES } from '../src/state/genesis.js';
import { toHex } from '../src/types/index.js';

/** API ports are base + index; p2p ports base + P2P_PORT_OFFSET + index. */
export const DEFAULT_BASE_PORT = 8100;
export const P2P_PORT_OFFSET = 100;
export const DEFAULT_VALIDATORS = 4;
export const DEFAULT_OBSERVERS = 1;
export const DEFAULT_TESTNET_CHAIN_ID = 'tianping-testnet';
export const TESTNET_SUBMITTER = 'testnet-platform';
export const VALIDATOR_POWER = 10;
export const LAYOUT_FILE = 'nodes.json';
/** Written first into a new testnet directory: --reset deletes only directories that hold it. */
export const MARKER_FILE = '.tianping-testnet';
// Ports of one testnet must not overlap: the p2p range starts P2P_PORT_OFFSET above the API range.
const NODES_MAX = P2P_PORT_OFFSET;

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI_MAIN = join(PROJECT_ROOT, 'src', 'cli', 'main.ts');

export class TestnetError extends Error {
  override name = 'TestnetError';
}

export type TestnetRole = 'validator' | 'observer';

export interface TestnetNode {
  readonly name: string;
  readonly role: TestnetRole;
  /** The IPv4 address the node listens on; absent: 127.0.0.1 (unless the testnet was made with hosts). */
  readonly host?: string;
  readonly apiPort: number;
  readonly apiUrl: string;
  readonly p2pPort: number;
  /** Full multiaddr with /p2p/<peer id>, as other nodes list it in p2p.bootstrap. */
  readonly p2pAddr: string;
  readonly peerId: string;
  /** Hex ed25519 public key of node.key. */
  readonly nodeId: string;
  readonly dataDir: string;
  readonly configFile: string;
  readonly logFile: string;
  /** argv that starts this node (argv[0] is the Node.js binary). */
  readonly command: readonly string[];
}

export interface TestnetLayout {
  readonly dir: string;
  readonly chainId: string;
  readonly basePort: number;
  readonly genesisFile: string;
  readonly submitterKeyFile: string;
  readonly nodes: readonly TestnetNode[];
}

export interface TestnetOptions {
  readonly dir: string;
  /** Defaults apply to a new testnet; for an existing one, a given value must match it. */
  readonly validators?: number;
  readonly observers?: number;
  readonly basePort?: number;
  readonly chainId?: string;
  /** Wipe DIR first (only when it holds a testnet or is empty). */
  readonly reset?: boolean;
  /** Genesis time of a new testnet (default: now). */
  readonly genesisTimeMs?: number;
  /**
   * The IPv4 address node K listens on (API and p2p) is hosts[K] (default 127.0.0.1 for every
   * node): nodes in network namespaces each have their own address.
   */
  readonly hosts?: readonly string[];
}

/** Writes a new testnet under opts.dir, or returns the one already there. */
export function createTestnetFiles(opts: TestnetOptions): TestnetLayout {
  const dir = resolve(opts.dir);
  if (opts.reset === true) wipeTestnetDir(dir);
  const existing = loadTestnetLayout(dir);
  if (existing !== undefined) {
    checkMatches(existing, opts);
    return existing;
  }
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new TestnetError(existsSync(join(dir, MARKER_FILE))
      ? `${dir} holds an unfinished testnet (no ${LAYOUT_FILE}); use --reset to make a new one`
      : `${dir} is not empty and is not a testnet; choose another directory`);
  }
  return writeNewTestnet(dir, opts);
}

/** The testnet described by DIR/nodes.json, or undefined when there is none. */
export function loadTestnetLayout(dirGiven: string): TestnetLayout | undefined {
  const dir = resolve(dirGiven);
  const file = join(dir, LAYOUT_FILE);
  if (!existsSync(file)) return undefined;
  let parsed: StoredLayout;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as StoredLayout;
  } catch (error) {
    throw new TestnetError(`${file} is not JSON: ${(error as Error).message}; use --reset to make a new testnet`);
  }
  const { chainId, basePort } = parsed;
  if (!Array.isArray(parsed.nodes) || typeof chainId !== 'string' || typeof basePort !== 'number') {
    throw new TestnetError(`${file} does not describe a testnet (chainId, basePort, nodes); use --reset to make a new one`);
  }
  // Ports and paths follow from DIR and basePort as when the testnet was made; the command is
  // rebuilt for the Node.js and tsx of this run.
  const nodes = parsed.nodes.map((stored, index) => {
    if (typeof stored.name !== 'string' || typeof stored.nodeId !== 'string' || (stored.role !== 'validator' && stored.role !== 'observer')) {
      throw new TestnetError(`${file}: nodes[${index}] lacks name, role or nodeId; use --reset to make a new testnet`);
    }
    const host = typeof stored.host === 'string' ? stored.host : LOOPBACK;
    return describeNode(dir, stored.name, stored.role, index, basePort, stored.nodeId, host);
  });
  return { dir, chainId, basePort, genesisFile: join(dir, 'genesis.json'),
    submitterKeyFile: join(dir, 'submitter.key'), nodes };
}

/** nodes.json: the layout plus each node's pid (null when not running). */
export function writeLayoutFile(layout: TestnetLayout, pids: Readonly<Record<string, number | null>> = {}): string {
  const file = join(layout.dir, LAYOUT_FILE);
  const document = {
    chainId: layout.chainId, dir: layout.dir, basePort: layout.basePort,
    genesis: layout.genesisFile, submitterKey: layout.submitterKeyFile,
    nodes: layout.nodes.map((node) => ({
      name: node.name, role: node.role, host: node.host, apiUrl: node.apiUrl, p2pAddr: node.p2pAddr, peerId: node.peerId,
      nodeId: node.nodeId, dataDir: node.dataDir, configFile: node.configFile, logFile: node.logFile,
      pid: pids[node.name] ?? null, command: node.command,
    })),
  };
  const temporary = `${file}.tmp-${process.pid}`;
  writeFileSync(temporary, JSON.stringify(document, null, 2) + '\n');
  renameSync(temporary, file);
  return file;
}

export function nodeByName(layout: TestnetLayout, name: string): TestnetNode {
  const node = layout.nodes.find((n) => n.name === name);
  if (node === undefined) {
    throw new TestnetError(`no node "${name}" in the testnet at ${layout.dir} (nodes: ${layout.nodes.map((n) => n.name).join(', ')})`);
  }
  return node;
}

interface StoredLayout {
  readonly chainId?: unknown;
  readonly basePort?: unknown;
  readonly nodes?: readonly { readonly name?: unknown; readonly role?: unknown; readonly nodeId?: unknown; readonly host?: unknown }[];
}

function wipeTestnetDir(dir: string): void {
  if (!existsSync(dir)) return;
  // A mistyped --dir (".", a home directory, a dev chain's ./data) must never be deleted.
  if (!existsSync(join(dir, MARKER_FILE)) && readdirSync(dir).length > 0) {
    throw new TestnetError(`--reset: ${dir} is not a testnet (no ${MARKER_FILE} file); not deleting it`);
  }
  rmSync(dir, { recursive: true, force: true });
}

function checkMatches(layout: TestnetLayout, opts: TestnetOptions): void {
  const count = (role: TestnetRole): number => layout.nodes.filter((n) => n.role === role).length;
  const differences = [
    opts.validators !== undefined && opts.validators !== count('validator') ? `${count('validator')} validators` : '',
    opts.observers !== undefined && opts.observers !== count('observer') ? `${count('observer')} observers` : '',
    opts.basePort !== undefined && opts.basePort !== layout.basePort ? `base port ${layout.basePort}` : '',
    opts.chainId !== undefined && opts.chainId !== layout.chainId ? `chain id ${layout.chainId}` : '',
  ].filter((text) => text !== '');
  if (differences.length > 0) {
    throw new TestnetError(`${layout.dir} already holds a testnet with ${differences.join(', ')}; `
      + 'run without those options to restart it, or add --reset to make a new one');
  }
}

function checkCount(value: number, name: string, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) throw new TestnetError(`${name} must be an integer >= ${min}, got ${value}`);
  return value;
}

function writeNewTestnet(dir: string, opts: TestnetOptions): TestnetLayout {
  const validators = checkCount(opts.validators ?? DEFAULT_VALIDATORS, 'validators', 1);
  const observers = checkCount(opts.observers ?? DEFAULT_OBSERVERS, 'observers', 0);
  const basePort = checkCount(opts.basePort ?? DEFAULT_BASE_PORT, 'base port', 1);
  if (validators + observers > NODES_MAX) throw new TestnetError(`at most ${NODES_MAX} nodes, got ${validators + observers}`);
  if (basePort + P2P_PORT_OFFSET + validators + observers - 1 > 65535) {
    throw new TestnetError(`base port ${basePort} leaves no room for ${validators + observers} API and p2p ports below 65536`);
  }
  const chainId = opts.chainId ?? DEFAULT_TESTNET_CHAIN_ID;
  const roles: TestnetRole[] = [...Array<TestnetRole>(validators).fill('validator'), ...Array<TestnetRole>(observers).fill('observer')];
  const keys = roles.map(() => generateKeyPair());
  const nodes = roles.map((role, index) => describeNode(dir, role === 'validator' ? `node${index}` : `observer${index - validators}`,
    role, index, basePort, toHex(keys[index]!.publicKey), hostOf(opts.hosts, index)));
  const submitter = generateKeyPair();
  // Built (and so checked: chain id, keys) before anything is written.
  const genesis = testnetGenesis(chainId, opts.genesisTimeMs ?? Date.now(), nodes, toHex(submitter.publicKey));
  const layout: TestnetLayout = { dir, chainId, basePort, genesisFile: join(dir, 'genesis.json'),
    submitterKeyFile: join(dir, 'submitter.key'), nodes };
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, MARKER_FILE), 'A local Tianping testnet made by scripts/testnet.ts; --reset may delete this directory.\n');
  nodes.forEach((node, index) => writeKeyFile(join(node.dataDir, 'node.key'), keys[index]!, `testnet ${chainId} ${node.name}`));
  writeKeyFile(layout.submitterKeyFile, submitter, `testnet ${chainId} ${TESTNET_SUBMITTER}`);
  for (const node of nodes) writeNodeConfig(layout, node);
  writeFileSync(layout.genesisFile, genesis, { mode: 0o644, flag: 'wx' });
  writeLayoutFile(layout);
  return layout;
}

/** Validators of power VALIDATOR_POWER, observers as members, one submitter for every category. */
function testnetGenesis(chainId: string, genesisTimeMs: number, nodes: readonly TestnetNode[], submitterKey: string): string {
  const observers = nodes.filter((n) => n.role === 'observer').map((n) => ({
    name: n.name, organisation: n.name, role: 'observer' as const, publicKey: n.nodeId, categories: [] }));
  return buildGenesis({
    chainId, genesisTimeMs,
    validators: nodes.filter((n) => n.role === 'validator').map((n) => ({ name: n.name, publicKey: n.nodeId, power: VALIDATOR_POWER })),
    members: [...observers, { name: TESTNET_SUBMITTER, organisation: TESTNET_SUBMITTER, role: 'submitter',
      publicKey: submitterKey, categories: [...DEFAULT_CATEGORIES] }],
    categories: [...DEFAULT_CATEGORIES], params: {},
  }).text;
}

function hostOf(hosts: readonly string[] | undefined, index: number): string {
  if (hosts === undefined) return LOOPBACK;
  const host = hosts[index];
  if (host === undefined || !/^[0-9]{1,3}(\.[0-9]{1,3}){3}$/.test(host)) {
    throw new TestnetError(`hosts[${index}] must be an IPv4 address, got ${String(host)}`);
  }
  return host;
}

function describeNode(dir: string, name: string, role: TestnetRole, index: number, basePort: number, nodeId: string,
  host: string): TestnetNode {
  const dataDir = join(dir, name);
  const configFile = join(dataDir, 'config.json');
  const peerId = nodeIdToPeerId(nodeId);
  const apiPort = basePort + index;
  const p2pPort = basePort + P2P_PORT_OFFSET + index;
  return {
    name, role, host, apiPort, apiUrl: `http://${host}:${apiPort}`, p2pPort,
    p2pAddr: `${listenAddr(host, p2pPort)}/p2p/${peerId}`, peerId, nodeId, dataDir, configFile,
    logFile: join(dataDir, 'node.log'), command: nodeCommand(configFile),
  };
}

const LOOPBACK = '127.0.0.1';
const listenAddr = (host: string, port: number): string => `/ip4/${host}/tcp/${port}`;

/**
 * tsx is given as a file URL, so that the command works from any working directory (Node
 * resolves a bare "--import tsx" against the cwd).
 */
function nodeCommand(configFile: string): string[] {
  const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return [process.execPath, '--import', tsxLoader, CLI_MAIN, 'start', '--config', configFile];
}

function writeNodeConfig(layout: TestnetLayout, node: TestnetNode): void {
  const config = {
    dataDir: node.dataDir,
    moniker: node.name,
    // Relative to dataDir: every node reads the one genesis of the testnet.
    genesisFile: '../genesis.json',
    nodeKeyFile: 'node.key',
    api: { host: node.host ?? LOOPBACK, port: node.apiPort },
    p2p: {
      listen: [listenAddr(node.host ?? LOOPBACK, node.p2pPort)],
      bootstrap: layout.nodes.filter((other) => other.name !== node.name).map((other) => other.p2pAddr),
    },
  };
  writeFileSync(node.configFile, JSON.stringify(config, null, 2) + '\n', { mode: 0o644, flag: 'wx' });
  // The node reads the same file with the same loader: a config it would refuse fails here, at once.
  loadConfig({ file: node.configFile, env: {}, flags: {} });
}
