// docs/deployment.md played on one machine: four organisations, each with a network namespace of its
// own (its "machine", with its own address) and a directory of its own. Each makes its node key
// with `tianping keygen`; only the public keys reach the court, which builds the genesis with
// `tianping genesis`; each organisation checks the genesis hash, writes the config the guide shows
// (its own address; the other three by address and peer id as bootstrap) and runs `tianping start`
// in its namespace. From the root namespace, where platforms and courts would be, an anchor goes
// through one organisation's node and every node must serve the same block and a receipt for it.
// Needs root and the ip and ss commands; skipped without them, except under CI=true, where it fails.
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNetns, netnsAvailable, planNetns, removeNetns, type Netns } from '../../scripts/chaos/netns.js';
import { startTestnetNode, stopAll, type TestnetLayout, type TestnetNode, type TestnetNodeHandle }
  from '../../scripts/testnet-lib.js';
import { parseReceiptJson } from '../../src/client/receipt-json.js';
import { verifyReceipt } from '../../src/client/receipt-verify.js';
import { parseGenesis } from '../../src/state/index.js';
import { FAST_NODE_ENV, anchor, blockHash, waitFor } from './network-helpers.js';
import { PROJECT_ROOT, runCli } from './node-process.js';

/** Chaos runs take slots 0..249 (seed % 250): this one never meets theirs. */
const NETNS_SLOT = 250;
// Every organisation uses the same ports, as separate machines would: each has its own address.
const API_PORT = 8080;
const P2P_PORT = 26656;
const CHAIN_ID = 'court-net';
const ORGANISATIONS = ['court', 'notary', 'copyright-platform', 'fintech-platform'] as const;
const PLATFORM_APP = 'copyright-app';
const IN_CI = process.env['CI'] === 'true';
const available = netnsAvailable(['ip', 'ss']);
if (!available.ok && !IN_CI) {
  console.warn(`deployment e2e test SKIPPED: ${available.why} (each node runs in a network namespace, which needs root `
    + 'and the ip and ss commands of iproute2); under CI=true it fails instead');
}

/** Only the consensus pace of the tests (short rounds, frequent empty blocks); the rest is the guide's. */
const NODE_ENV: Record<string, string> = Object.fromEntries(Object.entries(FAST_NODE_ENV)
  .filter(([name]) => name.startsWith('TIANPING_CONSENSUS_')));

interface Organisation {
  readonly name: string;
  readonly dir: string;
  readonly dataDir: string;
  readonly namespace: string;
  readonly address: string;
  publicKey: string;
  peerId: string;
}

async function cli(args: readonly string[]): Promise<string> {
  const result = await runCli(args);
  if (result.code !== 0) throw new Error(`tianping ${args.join(' ')} exited ${result.code}:\n${result.stderr}${result.stdout}`);
  return result.stdout;
}

/** Like Promise.all, but settles only once every command has ended: none writes after the cleanup. */
async function allEnded<T>(promises: readonly Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed !== undefined) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
}

const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The genesis ceremony: the court collects the public keys, builds the file, announces its hash. */
async function genesisCeremony(orgs: readonly Organisation[], appKey: string): Promise<{ file: string; hash: string }> {
  const court = orgs[0]!;
  const file = join(court.dir, 'ceremony', 'genesis.json');
  const built = JSON.parse(await cli(['genesis', '--chain-id', CHAIN_ID,
    ...orgs.flatMap((o) => ['--validator', `${o.name}=${o.publicKey}`]),
    '--member', `${PLATFORM_APP}=${appKey}:submitter:copyright`, '--organisation', `${PLATFORM_APP}=copyright-platform`,
    '--out', file, '--json'])) as { genesisHash: string; validators: { name: string; peerId: string }[] };
  for (const org of orgs) org.peerId = built.validators.find((v) => v.name === org.name)!.peerId;
  return { file, hash: built.genesisHash };
}

/** The config of docs/deployment.md: own address for API and p2p, the other three as bootstrap. */
function writeConfig(org: Organisation, orgs: readonly Organisation[]): string {
  const bootstrap = orgs.filter((o) => o !== org).map((o) => `/ip4/${o.address}/tcp/${P2P_PORT}/p2p/${o.peerId}`);
  if (bootstrap.some((addr) => addr.includes('/127.'))) throw new Error(`a loopback bootstrap address: ${bootstrap.join(' ')}`);
  const file = join(org.dir, 'config.json');
  writeFileSync(file, JSON.stringify({
    dataDir: org.dataDir, moniker: org.name,
    api: { host: org.address, port: API_PORT },
    p2p: { listen: [`/ip4/${org.address}/tcp/${P2P_PORT}`], bootstrap },
  }, null, 2) + '\n');
  return file;
}

/** How the test starts and stops the node: `ip netns exec NS node --import tsx src/cli/main.ts start`. */
function nodeOf(org: Organisation, configFile: string): TestnetNode {
  const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return {
    name: org.name, role: 'validator', host: org.address, apiPort: API_PORT, apiUrl: `http://${org.address}:${API_PORT}`,
    p2pPort: P2P_PORT, p2pAddr: `/ip4/${org.address}/tcp/${P2P_PORT}/p2p/${org.peerId}`, peerId: org.peerId,
    nodeId: org.publicKey, dataDir: org.dataDir, configFile, logFile: join(org.dir, 'node.log'),
    command: ['ip', 'netns', 'exec', org.namespace, process.execPath, '--import', tsxLoader,
      join(PROJECT_ROOT, 'src', 'cli', 'main.ts'), 'start', '--config', configFile],
  };
}

/** Peer addresses of the established TCP connections on the p2p port inside a namespace. */
function p2pPeersOf(namespace: string): string[] {
  const ss = spawnSync('ip', ['netns', 'exec', namespace, 'ss', '-Htn', 'state', 'established'], { encoding: 'utf8' });
  if (ss.status !== 0) throw new Error(`ss in ${namespace}: ${ss.stderr}`);
  const peers = new Set<string>();
  for (const line of ss.stdout.trim().split('\n').filter((l) => l !== '')) {
    const [local, remote] = line.trim().split(/\s+/).slice(-2) as [string, string];
    const split = (endpoint: string): [string, number] => {
      const at = endpoint.lastIndexOf(':');
      return [endpoint.slice(0, at), Number(endpoint.slice(at + 1))];
    };
    const [, localPort] = split(local);
    const [remoteAddress, remotePort] = split(remote);
    if (localPort === P2P_PORT || remotePort === P2P_PORT) peers.add(remoteAddress);
  }
  return [...peers].sort();
}

describe.skipIf(!available.ok && !IN_CI)('e2e: a deployment across four organisations, one network namespace each', () => {
  const net: Netns = planNetns(NETNS_SLOT, ORGANISATIONS.length);
  // Made in beforeAll, not here: a skipped suite is still collected, and would leave the directory.
  let base = '';
  let orgs: Organisation[] = [];
  let appKeyFile = '';
  let layout: TestnetLayout;
  let handles: TestnetNodeHandle[] = [];
  let genesis: { file: string; hash: string };
  const org = (name: string): Organisation => orgs.find((o) => o.name === name)!;
  const url = (name: string): string => `http://${org(name).address}:${API_PORT}`;
  const start = async (name: string): Promise<void> => {
    const handle = startTestnetNode(layout, name, { env: NODE_ENV });
    handles = [...handles.filter((h) => h.name !== name), handle];
    await handle.waitHealthy(60_000);
  };

  beforeAll(async () => {
    if (!available.ok) throw new Error(`network namespaces unavailable (${available.why}): required when CI=true`);
    base = mkdtempSync(join(tmpdir(), 'tianping-deployment-'));
    orgs = ORGANISATIONS.map((name, index) => ({
      name, dir: join(base, name), dataDir: join(base, name, 'data'), namespace: net.nodes[index]!.namespace,
      address: net.nodes[index]!.address, publicKey: '', peerId: '',
    }));
    appKeyFile = join(org('copyright-platform').dir, 'app', 'submitter.key');
    createNetns(net);
    // On its own machine, each organisation makes its node key; the platform also its app key.
    const keys = await allEnded([
      ...orgs.map((o) => cli(['keygen', '--out', join(o.dataDir, 'node.key'), '--label', `${o.name} node`])),
      cli(['keygen', '--out', appKeyFile, '--label', PLATFORM_APP]),
    ]);
    orgs.forEach((o, i) => (o.publicKey = keys[i]!.trim()));
    genesis = await genesisCeremony(orgs, keys[orgs.length]!.trim());
    const nodes = orgs.map((o) => {
      copyFileSync(genesis.file, join(o.dataDir, 'genesis.json'));
      return nodeOf(o, writeConfig(o, orgs));
    });
    layout = { dir: base, chainId: CHAIN_ID, basePort: API_PORT, genesisFile: genesis.file, submitterKeyFile: appKeyFile, nodes };
    await allEnded(orgs.map((o) => start(o.name)));
  }, 120_000);

  afterAll(async () => {
    await stopAll(handles);
    removeNetns(net);
    if (base !== '') rmSync(base, { recursive: true, force: true });
  }, 60_000);

  it('every organisation holds the announced genesis, byte for byte', () => {
    for (const o of orgs) expect(sha256Hex(readFileSync(join(o.dataDir, 'genesis.json'))), o.name).toBe(genesis.hash);
  });

  it('each node is connected to the other three over their namespace addresses, on the p2p port', async () => {
    const expected = (o: Organisation): string[] => orgs.filter((x) => x !== o).map((x) => x.address).sort();
    await waitFor('every node connected to the three others',
      async () => orgs.every((o) => JSON.stringify(p2pPeersOf(o.namespace)) === JSON.stringify(expected(o))), 30_000);
    for (const o of orgs) expect(p2pPeersOf(o.namespace), o.name).toEqual(expected(o));
  });

  it('an anchor through the platform\'s node is served by all four with one block hash and a valid receipt', async () => {
    const platform = org('copyright-platform');
    const file = join(platform.dir, 'app', 'work-0001.bin');
    writeFileSync(file, randomBytes(4096));
    const out = JSON.parse(await cli(['anchor', file, '--node', url(platform.name), '--key', appKeyFile,
      '--category', 'copyright', '--json'])) as { anchors: { digest: string; status: string; height: number; blockHash: string }[] };
    const anchored = out.anchors[0]!;
    expect(anchored.status).toBe('committed');
    for (const o of orgs) {
      await waitFor(`${o.name} holds height ${anchored.height}`, async () => (await blockHash(url(o.name), anchored.height)) !== undefined);
      expect(await blockHash(url(o.name), anchored.height), o.name).toBe(anchored.blockHash);
      const response = await fetch(`${url(o.name)}/v1/evidence/${anchored.digest}/receipt`);
      expect(response.status, o.name).toBe(200);
      const text = await response.text();
      const trust = parseGenesis(JSON.parse(readFileSync(join(o.dataDir, 'genesis.json'), 'utf8')));
      const verification = verifyReceipt(parseReceiptJson(text), { file: readFileSync(file) }, trust);
      if (!verification.valid) throw new Error(`${o.name}: receipt check ${verification.failed} failed: ${verification.reason}`);
      expect(verification.receipt.blockHash, o.name).toBe(anchored.blockHash);
      if (o.name === 'court') writeFileSync(join(o.dir, 'receipt.json'), text);
    }
    // The court checks its copy offline, as the guide tells: the file, the receipt, its genesis.
    const court = org('court');
    const verdict = JSON.parse(await cli(['verify', file, '--receipt', join(court.dir, 'receipt.json'),
      '--trust', join(court.dataDir, 'genesis.json'), '--json'])) as { valid: boolean };
    expect(verdict.valid).toBe(true);
  });

  /** Stops the node, anchors through another while it is down, runs `between`, restarts it. */
  async function downWhileAnchoring(name: string, via: string, between: () => void): Promise<void> {
    const handle = handles.find((h) => h.name === name)!;
    expect((await handle.stop()).code, `${name} stops cleanly`).toBe(0);
    const meanwhile = await anchor(layout, url(via), `while-${name}-is-down`);
    between();
    await start(name);
    await waitFor(`${name} has the block committed while it was down`,
      async () => (await blockHash(url(name), meanwhile.height)) === meanwhile.blockHash, 30_000);
    const lookup = await fetch(`${url(name)}/v1/evidence/${meanwhile.digest}`);
    expect(lookup.status).toBe(200);
    const { anchors } = (await lookup.json()) as { anchors: { txHash: string; blockHash: string }[] };
    expect(anchors.map((a) => [a.txHash, a.blockHash])).toEqual([[meanwhile.hash, meanwhile.blockHash]]);
  }

  it('a node stopped for an upgrade catches up from the other three when it comes back', async () => {
    await downWhileAnchoring('fintech-platform', 'notary', () => undefined);
  });

  it('a node restored from key, genesis and config alone re-fetches the whole chain from the others', async () => {
    const notary = org('notary');
    await downWhileAnchoring(notary.name, 'court', () => {
      // The restore of docs/deployment.md: the backed-up files stay, the ledger and its mark go.
      for (const entry of ['ledger', 'high-water.json']) rmSync(join(notary.dataDir, entry), { recursive: true });
    });
    expect(await blockHash(url(notary.name), 1)).toBe(await blockHash(url('court'), 1));
  });
});
