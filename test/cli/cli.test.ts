import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readKeyFile } from '../../src/crypto/index.js';
import { peerIdToNodeId } from '../../src/p2p/index.js';
import { DEFAULT_CATEGORIES, parseGenesis } from '../../src/state/genesis.js';
import { toHex } from '../../src/types/index.js';
import { runCli } from './run-cli.js';

const root = mkdtempSync(join(tmpdir(), 'tianping-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let dirCount = 0;
const freshDir = (): string => mkdtempSync(join(root, `case-${dirCount++}-`));

/** A loopback port with nothing listening on it: bound once, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise<void>((done) => server.close(() => done()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('tianping --help', () => {
  it('lists the commands and exits 0; no command exits 2', async () => {
    const help = await runCli(['--help'], { cwd: root });
    expect(help.code).toBe(0);
    for (const name of ['keygen', 'init', 'start', 'anchor', 'verify']) expect(help.stdout).toContain(name);
    const bare = await runCli([], { cwd: root });
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('Usage: tianping');
  });

  it('every command has its own help', async () => {
    for (const name of ['keygen', 'init', 'start', 'anchor', 'verify']) {
      const result = await runCli([name, '--help'], { cwd: root });
      expect(result.code, name).toBe(0);
      expect(result.stdout, name).toContain(`Usage: tianping ${name}`);
    }
  });

  it('an unknown command exits 2 with one line', async () => {
    const result = await runCli(['frobnicate'], { cwd: root });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('tianping: unknown command "frobnicate" (see "tianping --help")\n');
  });
});

describe('tianping keygen', () => {
  it('writes a 0600 key file, prints its public key, and refuses to overwrite it', async () => {
    const dir = freshDir();
    const first = await runCli(['keygen', '--out', 'a.key'], { cwd: dir });
    expect(first.code).toBe(0);
    const pair = readKeyFile(join(dir, 'a.key'));
    expect(first.stdout).toBe(`${toHex(pair.publicKey)}\n`);
    expect(statSync(join(dir, 'a.key')).mode & 0o777).toBe(0o600);
    const before = readFileSync(join(dir, 'a.key'), 'utf8');
    const second = await runCli(['keygen', '--out', 'a.key'], { cwd: dir });
    expect(second.code).toBe(2);
    expect(second.stderr).toContain('already exists');
    expect(readFileSync(join(dir, 'a.key'), 'utf8')).toBe(before);
  });

  it('--json prints the file, public key and the peer id a node with this key has', async () => {
    const dir = freshDir();
    const result = await runCli(['keygen', '--out', 'b.key', '--json'], { cwd: dir });
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout) as { file: string; publicKey: string; peerId: string };
    expect(doc.publicKey).toBe(toHex(readKeyFile(join(dir, 'b.key')).publicKey));
    expect(doc.file).toBe(join(dir, 'b.key'));
    // The peer id embeds the public key (p2p/identity.ts): it converts back to the same node id.
    expect(doc.peerId).toMatch(/^12D3KooW[1-9A-HJ-NP-Za-km-z]+$/);
    expect(peerIdToNodeId(doc.peerId)).toBe(doc.publicKey);
  });
});

describe('tianping init', () => {
  it('writes node key, submitter key and a genesis that parses, then refuses to run again', async () => {
    const dir = freshDir();
    const result = await runCli(['init', '--data-dir', 'chain', '--chain-id', 'test-chain', '--json'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const nodeKey = readKeyFile(join(dir, 'chain', 'node.key'));
    const submitterKey = readKeyFile(join(dir, 'chain', 'submitter.key'));
    const genesis = parseGenesis(JSON.parse(readFileSync(join(dir, 'chain', 'genesis.json'), 'utf8')));
    expect(genesis.chainId).toBe('test-chain');
    expect(genesis.validators).toEqual([{ name: 'node0', publicKey: toHex(nodeKey.publicKey), power: 10 }]);
    expect(genesis.members).toHaveLength(1);
    expect(genesis.members[0]).toMatchObject({ name: 'dev-platform', role: 'submitter', publicKey: toHex(submitterKey.publicKey) });
    expect(genesis.members[0]?.categories).toEqual([...DEFAULT_CATEGORIES]);
    expect(genesis.categories).toEqual([...DEFAULT_CATEGORIES]);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, chainId: 'test-chain', nodePublicKey: toHex(nodeKey.publicKey) });

    const again = await runCli(['init', '--data-dir', 'chain'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('genesis.json already exists; use --force');

    const forced = await runCli(['init', '--data-dir', 'chain', '--force', '--chain-id', 'second'], { cwd: dir });
    expect(forced.code, forced.stderr).toBe(0);
    const rewritten = parseGenesis(JSON.parse(readFileSync(join(dir, 'chain', 'genesis.json'), 'utf8')));
    expect(rewritten.chainId).toBe('second');
    // Keys are kept, never regenerated.
    expect(rewritten.validators[0]?.publicKey).toBe(toHex(nodeKey.publicKey));
    expect(rewritten.members[0]?.publicKey).toBe(toHex(submitterKey.publicKey));
  });

  it('takes the data dir from TIANPING_DATA_DIR and the validator name from --moniker', async () => {
    const dir = freshDir();
    const result = await runCli(['init', '--moniker', 'court-1'], { cwd: dir, env: { TIANPING_DATA_DIR: 'envdata' } });
    expect(result.code, result.stderr).toBe(0);
    const genesis = parseGenesis(JSON.parse(readFileSync(join(dir, 'envdata', 'genesis.json'), 'utf8')));
    expect(genesis.validators[0]?.name).toBe('court-1');
    expect(genesis.chainId).toBe('tianping-dev');
  });

  it('refuses an invalid chain id with the genesis message, writing nothing', async () => {
    const dir = freshDir();
    const result = await runCli(['init', '--data-dir', 'x', '--chain-id', 'bad chain'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^tianping init: genesis: chainId "bad chain" does not match/);
    expect(existsSync(join(dir, 'x'))).toBe(false);
  });

  it('refuses a validator named like the dev platform (one name index), writing nothing', async () => {
    const dir = freshDir();
    const result = await runCli(['init', '--data-dir', 'x', '--moniker', 'dev-platform', '--json'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, error: { code: 'GENESIS_DUPLICATE_NAME' } });
    expect(existsSync(join(dir, 'x'))).toBe(false);
  });
});

describe('bad flags and arguments exit 2 with one line', () => {
  const cases: [string[], string][] = [
    [['keygen', '--bogus'], "tianping keygen: Unknown option '--bogus' (see \"tianping keygen --help\")\n"],
    [['anchor'], 'tianping anchor: missing argument (see "tianping anchor --help")\n'],
    [['verify', 'a', 'b'], 'tianping verify: unexpected argument "b" (see "tianping verify --help")\n'],
    [['verify', 'a', '--algorithm', 'md5'], 'tianping verify: --algorithm must be sha256 or sm3, got "md5" (see "tianping verify --help")\n'],
    [['verify', 'a', '--node', '127.0.0.1:8080'], 'tianping verify: --node "127.0.0.1:8080" must be an http:// or https:// URL, e.g. http://127.0.0.1:8080 (see "tianping verify --help")\n'],
    [['start', '--port', 'abc'], 'tianping start: config: api.port from --port must be an integer 0..65535, got "abc"\n'],
    [['start', '--set', 'api.prot=1'], 'tianping start: config: unknown setting "api.prot" from --set (did you mean api.port?)\n'],
  ];
  for (const [args, stderr] of cases) {
    it(args.join(' '), async () => {
      const result = await runCli(args, { cwd: root });
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(stderr);
    });
  }

  it('--json adds a machine-readable error document', async () => {
    const result = await runCli(['verify', 'a', '--algorithm', 'md5', '--json'], { cwd: root });
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({ ok: false, error: { code: 'USAGE', message: '--algorithm must be sha256 or sm3, got "md5"' } });
  });
});

describe('tianping verify and anchor without a node', () => {
  it('verify exits 2 when the node is unreachable', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'evidence.txt'), 'some evidence');
    const port = await closedPort();
    const result = await runCli(['verify', 'evidence.txt', '--node', `http://127.0.0.1:${port}`], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^tianping verify: cannot reach node at http://127\\.0\\.0\\.1:${port}: ECONNREFUSED`));
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    const json = await runCli(['verify', 'evidence.txt', '--node', `http://127.0.0.1:${port}`, '--json'], { cwd: dir });
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { code: 'NODE_UNREACHABLE' } });
  });

  it('verify exits 2 on an unreadable file', async () => {
    const result = await runCli(['verify', 'absent.txt'], { cwd: freshDir() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^tianping verify: cannot read absent\.txt: ENOENT/);
  });

  it('anchor needs a key, and a category when there is no genesis', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'f.txt'), 'x');
    const noKey = await runCli(['anchor', 'f.txt'], { cwd: dir });
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain('tianping init');
    expect((await runCli(['keygen', '--out', 'keys/submitter.key'], { cwd: dir })).code).toBe(0);
    const noCategory = await runCli(['anchor', 'f.txt'], { cwd: dir, env: { TIANPING_DATA_DIR: 'keys' } });
    expect(noCategory.code).toBe(2);
    expect(noCategory.stderr).toContain('--category is required: there is no keys/genesis.json');
  });

  it('anchor exits 2 when the node is unreachable', async () => {
    const dir = freshDir();
    expect((await runCli(['init', '--data-dir', 'data'], { cwd: dir })).code).toBe(0);
    writeFileSync(join(dir, 'f.txt'), 'x');
    const port = await closedPort();
    const result = await runCli(['anchor', 'f.txt', '--node', `http://127.0.0.1:${port}`], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('cannot reach node');
  });
});
