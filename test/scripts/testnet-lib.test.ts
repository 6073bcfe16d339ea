import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, resolveDataPath } from '../../src/config/index.js';
import { readKeyFile } from '../../src/crypto/index.js';
import { DEFAULT_CATEGORIES, parseGenesis } from '../../src/state/genesis.js';
import { fromHex, toHex } from '../../src/types/index.js';
import {
  MARKER_FILE, NODE_JEMALLOC_CONF, P2P_PORT_OFFSET, TESTNET_SUBMITTER, TestnetError, createTestnetFiles, findJemallocLib,
  loadTestnetLayout, nodeMallocEnv, startTestnet, startTestnetNode, stopAll, type TestnetLayout,
} from '../../scripts/testnet-lib.js';
import { freePort } from '../e2e/node-process.js';
import { base58btc, peerIdOfEd25519 } from '../helpers/peer-id.js';

const root = mkdtempSync(join(tmpdir(), 'tianping-testnet-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let dirCount = 0;
const freshDir = (): string => join(root, `net-${dirCount++}`);

const modeOf = (path: string): number => statSync(path).mode & 0o777;

describe('nodeMallocEnv', () => {
  it('gives the glibc settings always, and preloads jemalloc with its settings where the machine has it', () => {
    const env = nodeMallocEnv();
    expect(env).toMatchObject({ MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072', MALLOC_TRIM_THRESHOLD_: '131072' });
    const lib = findJemallocLib();
    if (lib === undefined) expect(env.LD_PRELOAD).toBeUndefined();
    else expect(env).toMatchObject({ LD_PRELOAD: lib, MALLOC_CONF: NODE_JEMALLOC_CONF });
  });
});

describe('the independent peer id derivation used below', () => {
  it('matches a peer id computed by libp2p for the RFC 8032 test 1 key', () => {
    const key = fromHex('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a')!;
    expect(peerIdOfEd25519(key)).toBe('12D3KooWQK1wnefoLrcVHbbnf5tLzbopUd3K3bFAoJpA7YJgL5pV');
    expect(base58btc(Uint8Array.from([0, 0, 1]))).toBe('112');
  });
});

describe('createTestnetFiles: 4 validators and 1 observer', () => {
  const dir = freshDir();
  const layout = createTestnetFiles({ dir, validators: 4, observers: 1, basePort: 21000, chainId: 'tn-test', genesisTimeMs: 1_700_000_000_000 });
  const nodeKey = (name: string): string => toHex(readKeyFile(join(dir, name, 'node.key')).publicKey);

  it('writes one 0600 key per node and the submitter key', () => {
    expect(layout.nodes.map((n) => [n.name, n.role])).toEqual([
      ['node0', 'validator'], ['node1', 'validator'], ['node2', 'validator'], ['node3', 'validator'], ['observer0', 'observer']]);
    for (const node of layout.nodes) {
      expect(modeOf(join(node.dataDir, 'node.key')), node.name).toBe(0o600);
      expect(node.nodeId).toBe(nodeKey(node.name));
    }
    expect(layout.submitterKeyFile).toBe(join(resolve(dir), 'submitter.key'));
    expect(modeOf(layout.submitterKeyFile)).toBe(0o600);
  });

  it('writes a genesis the node accepts: 4 validators, the observer and the submitter as members', () => {
    const genesis = parseGenesis(JSON.parse(readFileSync(join(dir, 'genesis.json'), 'utf8')));
    expect(genesis.chainId).toBe('tn-test');
    expect(genesis.genesisTimeMs).toBe(1_700_000_000_000);
    expect(genesis.validators.map((v) => [v.name, v.publicKey, v.power])).toEqual(
      ['node0', 'node1', 'node2', 'node3'].map((name) => [name, nodeKey(name), 10]));
    const submitterKey = toHex(readKeyFile(join(dir, 'submitter.key')).publicKey);
    expect(genesis.members.map((m) => [m.name, m.role, m.publicKey])).toEqual([
      ['observer0', 'observer', nodeKey('observer0')], [TESTNET_SUBMITTER, 'submitter', submitterKey]]);
    expect(genesis.categories).toEqual([...DEFAULT_CATEGORIES]);
    expect(genesis.members[1]?.categories).toEqual([...DEFAULT_CATEGORIES]);
  });

  it('writes configs that load, on loopback, each pointing at the shared genesis', () => {
    layout.nodes.forEach((node, index) => {
      const config = loadConfig({ file: join(dir, node.name, 'config.json'), env: {}, flags: {} });
      expect(config.dataDir).toBe(join(resolve(dir), node.name));
      expect(config.moniker).toBe(node.name);
      expect(config.api).toMatchObject({ host: '127.0.0.1', port: 21000 + index });
      expect(config.p2p.listen).toEqual([`/ip4/127.0.0.1/tcp/${21000 + P2P_PORT_OFFSET + index}`]);
      expect(resolveDataPath(config, config.genesisFile)).toBe(join(resolve(dir), 'genesis.json'));
      expect(resolveDataPath(config, config.nodeKeyFile)).toBe(join(resolve(dir), node.name, 'node.key'));
    });
  });

  it('bootstraps every node from every other one, by the peer id of its key', () => {
    for (const node of layout.nodes) {
      const { bootstrap } = loadConfig({ file: node.configFile, env: {}, flags: {} }).p2p;
      const expected = layout.nodes.filter((other) => other.name !== node.name).map((other) =>
        `/ip4/127.0.0.1/tcp/${other.p2pPort}/p2p/${peerIdOfEd25519(fromHex(nodeKey(other.name))!)}`);
      expect(bootstrap).toEqual(expected);
      expect(bootstrap.some((addr) => addr.endsWith(node.peerId))).toBe(false);
      expect(node.peerId).toBe(peerIdOfEd25519(fromHex(node.nodeId)!));
      expect(node.peerId.startsWith('12D3KooW')).toBe(true);
    }
  });

  it('describes itself in nodes.json, which a later run reads back', () => {
    const stored = JSON.parse(readFileSync(join(dir, 'nodes.json'), 'utf8')) as {
      chainId: string; genesis: string; submitterKey: string;
      nodes: { name: string; role: string; apiUrl: string; p2pAddr: string; peerId: string; nodeId: string; dataDir: string;
        pid: unknown; command: string[] }[];
    };
    expect(stored.chainId).toBe('tn-test');
    expect(stored.genesis).toBe(layout.genesisFile);
    expect(stored.submitterKey).toBe(layout.submitterKeyFile);
    expect(stored.nodes[4]).toMatchObject({ name: 'observer0', role: 'observer', apiUrl: 'http://127.0.0.1:21004',
      p2pAddr: layout.nodes[4]!.p2pAddr, peerId: layout.nodes[4]!.peerId, nodeId: nodeKey('observer0'), pid: null });
    expect(stored.nodes[0]!.command.slice(-3)).toEqual(['start', '--config', layout.nodes[0]!.configFile]);
    expect(loadTestnetLayout(dir)).toEqual(layout);
  });

  it('is reused by a second call, which refuses different options', () => {
    expect(createTestnetFiles({ dir }).nodes.map((n) => n.nodeId)).toEqual(layout.nodes.map((n) => n.nodeId));
    expect(createTestnetFiles({ dir, validators: 4, observers: 1, basePort: 21000 }).chainId).toBe('tn-test');
    expect(() => createTestnetFiles({ dir, validators: 3 })).toThrow(/already holds a testnet with 4 validators/);
    expect(() => createTestnetFiles({ dir, basePort: 22000 })).toThrow(/base port 21000/);
  });
});

describe('createTestnetFiles: reset and refusals', () => {
  it('--reset makes new keys', () => {
    const dir = freshDir();
    const first = createTestnetFiles({ dir, validators: 1, observers: 0, basePort: 21200 });
    const second = createTestnetFiles({ dir, validators: 2, observers: 0, basePort: 21200, reset: true });
    expect(second.nodes).toHaveLength(2);
    expect(second.nodes[0]!.nodeId).not.toBe(first.nodes[0]!.nodeId);
  });

  it('neither writes into nor resets a directory that is not a testnet', () => {
    const dir = freshDir();
    mkdirSync(dir);
    writeFileSync(join(dir, 'genesis.json'), '{}');
    expect(() => createTestnetFiles({ dir })).toThrow(TestnetError);
    expect(() => createTestnetFiles({ dir, reset: true })).toThrow(/not a testnet/);
    expect(readFileSync(join(dir, 'genesis.json'), 'utf8')).toBe('{}');
  });

  it('an unfinished testnet is named as such and can be reset', () => {
    const dir = freshDir();
    mkdirSync(dir);
    writeFileSync(join(dir, MARKER_FILE), '');
    writeFileSync(join(dir, 'submitter.key'), '');
    expect(() => createTestnetFiles({ dir })).toThrow(/unfinished testnet/);
    expect(createTestnetFiles({ dir, reset: true, validators: 1, observers: 0 }).nodes).toHaveLength(1);
  });

  it('refuses a bad chain id before writing anything', () => {
    const dir = freshDir();
    expect(() => createTestnetFiles({ dir, chainId: 'no spaces' })).toThrow(/chainId/);
    expect(existsSync(dir)).toBe(false);
  });

  it('puts each node on its own address when given hosts, and reads them back from nodes.json', () => {
    const dir = freshDir();
    const hosts = ['10.9.0.10', '10.9.0.11'];
    const layout = createTestnetFiles({ dir, validators: 2, observers: 0, basePort: 21300, hosts });
    layout.nodes.forEach((node, index) => {
      const config = loadConfig({ file: node.configFile, env: {}, flags: {} });
      expect(config.api.host).toBe(hosts[index]);
      expect(config.p2p.listen).toEqual([`/ip4/${hosts[index]}/tcp/${21300 + P2P_PORT_OFFSET + index}`]);
      expect(node.apiUrl).toBe(`http://${hosts[index]}:${21300 + index}`);
    });
    expect(layout.nodes[0]!.p2pAddr.startsWith(`/ip4/${hosts[0]}/`)).toBe(true);
    expect(loadTestnetLayout(dir)).toEqual(layout);
    expect(() => createTestnetFiles({ dir: freshDir(), validators: 2, observers: 0, hosts: ['10.9.0.10'] })).toThrow(/hosts\[1\]/);
  });

  it('refuses counts and ports out of range', () => {
    expect(() => createTestnetFiles({ dir: freshDir(), validators: 0 })).toThrow('validators must be an integer >= 1, got 0');
    expect(() => createTestnetFiles({ dir: freshDir(), basePort: 65500 })).toThrow(/no room/);
  });
});

function runScript(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(resolve('node_modules/.bin/tsx'), [resolve('scripts/testnet.ts'), ...args], (error, stdout, stderr) => {
      done({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr });
    });
  });
}

describe('scripts/testnet.ts', () => {
  it('--no-start --json writes the files and prints one JSON line', async () => {
    const dir = freshDir();
    const result = await runScript(['--validators', '4', '--observers', '1', '--dir', dir, '--base-port', '21300', '--no-start', '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const summary = JSON.parse(lines[0]!) as { ok: boolean; chainId: string; nodes: { name: string; apiUrl: string; pid: unknown }[] };
    expect(summary.ok).toBe(true);
    expect(summary.nodes.map((n) => [n.name, n.apiUrl, n.pid])).toEqual([0, 1, 2, 3, 4].map((i) =>
      [i < 4 ? `node${i}` : 'observer0', `http://127.0.0.1:${21300 + i}`, null]));
    expect(loadTestnetLayout(dir)?.nodes).toHaveLength(5);
  });

  it('usage errors are one line on stderr with exit 2', async () => {
    const result = await runScript(['--validators', 'four', '--no-start']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('testnet: --validators must be a whole number, got "four" (see "npm run testnet -- --help")\n');
    const unknown = await runScript(['--frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('node processes', () => {
  let layout: TestnetLayout;

  it('starts a one-validator testnet, waits until healthy, and stops it cleanly', async () => {
    layout = createTestnetFiles({ dir: freshDir(), validators: 1, observers: 0, basePort: await freePort() - P2P_PORT_OFFSET });
    const handles = await startTestnet(layout, { env: { TIANPING_LOG_LEVEL: 'warn' } });
    const [handle] = handles;
    expect(handle?.running()).toBe(true);
    const status = await (await fetch(`${layout.nodes[0]!.apiUrl}/v1/status`)).json() as { nodeId: string; chainId: string };
    expect(status).toMatchObject({ nodeId: layout.nodes[0]!.nodeId, chainId: layout.chainId });
    // The node runs on jemalloc when the machine has it (nodeMallocEnv), on glibc malloc otherwise.
    const maps = `/proc/${handle!.pid}/maps`;
    if (existsSync(maps)) expect(readFileSync(maps, 'utf8').includes('libjemalloc')).toBe(findJemallocLib() !== undefined);
    await stopAll(handles);
    expect(await handle!.exited).toEqual({ code: 0, signal: null });
    expect(handle!.running()).toBe(false);
  });

  it('kill9 ends a node with SIGKILL, and the same node starts again on its files', async () => {
    const handle = startTestnetNode(layout, 'node0');
    await handle.waitHealthy();
    expect(await handle.kill9()).toEqual({ code: null, signal: 'SIGKILL' });
    const again = startTestnetNode(layout, 'node0');
    await again.waitHealthy();
    await again.stop();
    expect(again.running()).toBe(false);
  });

  it('a node that cannot start fails waitHealthy with its log tail', async () => {
    const dir = freshDir();
    const broken = createTestnetFiles({ dir, validators: 1, observers: 0, basePort: await freePort() - P2P_PORT_OFFSET });
    writeFileSync(join(dir, 'genesis.json'), '{"chainId": 5}');
    const handle = startTestnetNode(broken, 'node0');
    await expect(handle.waitHealthy()).rejects.toThrow(/node0 exited \(code 2\) before answering GET .*\/healthz; last lines of .*node\.log:\n.*chainId/s);
    expect(() => startTestnetNode(broken, 'node9')).toThrow('no node "node9"');
  });
});
