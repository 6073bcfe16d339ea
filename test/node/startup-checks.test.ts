// startNode checks the whole configuration before it writes anything to the data directory, says
// when a chain's genesis is still ahead, and keeps a second node off a data directory in use.
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { ClassicLevel } from 'classic-level';
import { pino, type Logger } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { initDevChain } from '../../src/cli/commands/init.js';
import { loadConfig, type NodeConfig } from '../../src/config/index.js';
import { LOCK_FILE, StartupError, startNode, type RunningNode } from '../../src/node/index.js';
import { asTimeMs } from '../../src/types/index.js';

const dirs: string[] = [];
const nodes: RunningNode[] = [];
afterEach(async () => {
  for (const node of nodes.splice(0)) await node.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A dev chain's data directory (genesis, node key, submitter key), as `tianping init` writes it. */
function devDataDir(genesisTimeMs = Date.now() - 60_000): string {
  const dir = mkdtempSync(join(tmpdir(), 'tianping-startup-'));
  dirs.push(dir);
  initDevChain({ dataDir: dir, genesisPath: join(dir, 'genesis.json'), nodeKeyPath: join(dir, 'node.key'),
    chainId: 'tianping-startup', validatorName: 'v0', force: false, nowMs: genesisTimeMs });
  return dir;
}

function config(dir: string, flags: Record<string, string> = {}): NodeConfig {
  return loadConfig({ env: {}, flags: { 'data-dir': dir, port: '0', 'log-level': 'silent', ...flags } });
}

/** Every entry under dir with its size and modification time: what "left as it was" means. */
function listing(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort().map((name) => {
    const stat = statSync(join(dir, name));
    return `${name} ${stat.isDirectory() ? 'dir' : stat.size} ${stat.mtimeMs}`;
  });
}

function capture(): { logger: Logger; lines: () => string } {
  let text = '';
  const sink = new Writable({ write(chunk: Buffer, _encoding, done) { text += chunk.toString(); done(); } });
  return { logger: pino({ level: 'info' }, sink), lines: () => text };
}

async function refusal(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    const node = await promise;
    nodes.push(node as RunningNode);
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('the node started');
}

describe('startNode checks everything before writing', () => {
  const silent = pino({ level: 'silent' });
  const cases: [string, (dir: string) => Record<string, string>, string, RegExp][] = [
    ['a listen address that is no multiaddr', () => ({ 'p2p-listen': '/ip4/999.1.2.3/tcp/26656' }), 'CONFIG_INVALID',
      /p2p\.listen\[0\] "\/ip4\/999\.1\.2\.3\/tcp\/26656" is not a valid multiaddr/],
    ['a listen address of an unknown protocol', () => ({ 'p2p-listen': '/ip4/127.0.0.1/tcp/1,/nonsense/5' }), 'CONFIG_INVALID',
      /p2p\.listen\[1\]/],
    ['a TLS certificate that does not exist', (dir) => ({ 'api.tlsCertFile': join(dir, 'missing.pem'), 'api.tlsKeyFile': 'node.key' }),
      'CONFIG_INVALID', /api\.tlsCertFile .*missing\.pem cannot be read/],
    ['a TLS pair that is no certificate', () => ({ 'api.tlsCertFile': 'genesis.json', 'api.tlsKeyFile': 'node.key' }),
      'CONFIG_INVALID', /do not form a usable certificate and key/],
    ['a node key file that does not exist', () => ({ nodeKeyFile: 'other.key' }), 'KEY_FILE', /cannot read key file .*other\.key/],
    ['a genesis file that does not exist', () => ({ genesisFile: 'nope.json' }), 'GENESIS_UNREADABLE', /cannot read genesis/],
  ];

  it.each(cases)('%s leaves the data directory as it was', async (_name, flags, code, message) => {
    const dir = devDataDir();
    const before = listing(dir);
    const error = await refusal(startNode({ config: config(dir, flags(dir)), logger: silent }));
    expect(error.code ?? (error.name === 'KeyFileError' ? 'KEY_FILE' : error.name)).toBe(code);
    expect(error.message).toMatch(message);
    expect(listing(dir)).toEqual(before);
  });

  it('a genesis with an unknown key leaves the data directory as it was', async () => {
    const dir = devDataDir();
    const path = join(dir, 'genesis.json');
    writeFileSync(path, JSON.stringify({ ...JSON.parse(readFileSync(path, 'utf8')) as object, paramz: {} }));
    const before = listing(dir);
    const error = await refusal(startNode({ config: config(dir), logger: silent }));
    expect(error.code).toBe('GENESIS_UNKNOWN_KEY');
    expect(listing(dir)).toEqual(before);
  });

  it('a data directory path that is a file is refused', async () => {
    const dir = devDataDir();
    const error = await refusal(startNode({ config: config(join(dir, 'genesis.json')), logger: silent }));
    expect(error.code).toBe('DATA_DIR_UNUSABLE');
  });
});

describe('a genesis time ahead of the clock', () => {
  it('beyond 7 days is refused before anything is written', async () => {
    const dir = devDataDir(Date.UTC(2030, 0, 1));
    const before = listing(dir);
    const clock = { nowMs: () => asTimeMs(Date.UTC(2030, 0, 1) - 8 * 24 * 3_600_000) };
    const error = await refusal(startNode({ config: config(dir), logger: pino({ level: 'silent' }), clock }));
    expect(error).toBeInstanceOf(StartupError);
    expect(error.code).toBe('GENESIS_TOO_FAR_AHEAD');
    expect(error.message).toMatch(/genesisTimeMs 1893456000000 \(2030-01-01T00:00:00\.000Z\) is 192 h ahead/);
    expect(listing(dir)).toEqual(before);
  });

  it('within 7 days the node starts, logs when the chain starts and /healthz is 503 GENESIS_PENDING', async () => {
    const startsMs = Date.now() + 3_600_000;
    const dir = devDataDir(startsMs);
    const { logger, lines } = capture();
    const node = await startNode({ config: config(dir), logger });
    nodes.push(node);
    expect(lines()).toContain(`the chain starts at ${new Date(startsMs).toISOString()}`);
    const response = await fetch(`${node.apiUrl}/healthz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ code: 'GENESIS_PENDING' });
  });
});

describe('one node per data directory', () => {
  it('a second node in the same process is refused naming the lock and the pid; a clean stop frees it', async () => {
    const dir = devDataDir();
    const first = await startNode({ config: config(dir), logger: pino({ level: 'silent' }) });
    const lock = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')) as Record<string, unknown>;
    expect(lock).toMatchObject({ pid: process.pid });
    expect(typeof lock['host']).toBe('string');
    expect(typeof lock['startedAtMs']).toBe('number');
    const error = await refusal(startNode({ config: config(dir), logger: pino({ level: 'silent' }) }));
    expect(error.code).toBe('DATA_DIR_LOCKED');
    expect(error.message).toContain(`data directory ${dir} is in use by another node: ${join(dir, LOCK_FILE)} is held by pid ${process.pid}`);
    await first.close();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    nodes.push(await startNode({ config: config(dir), logger: pino({ level: 'silent' }) }));
  });

  it('a stale lock (its process gone) is taken over with a warning', async () => {
    const dir = devDataDir();
    // A pid far above any pid_max, so no process has it.
    const stale = { pid: 2 ** 30, host: hostname(), startedAtMs: 1, startedAt: new Date(1).toISOString() };
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify(stale));
    chmodSync(join(dir, LOCK_FILE), 0o644);
    const { logger, lines } = capture();
    nodes.push(await startNode({ config: config(dir), logger }));
    expect(lines()).toContain('taking over a stale data directory lock');
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
  });

  it.each([
    ['left by an earlier process with our pid (a restarted container)', () => ({ pid: process.pid, host: hostname() }),
      'taking over a stale data directory lock'],
    ['written on another host', () => ({ pid: 1, host: 'other-host' }), 'taking over a data directory lock this host cannot check'],
    ['that is no lock record', () => 'garbage', 'taking over a data directory lock this host cannot check'],
  ])('a lock %s is taken over with a warning', async (_name, record, warning) => {
    const dir = devDataDir();
    const held = record();
    writeFileSync(join(dir, LOCK_FILE), typeof held === 'string' ? held
      : JSON.stringify({ ...held, startedAtMs: 1, startedAt: new Date(1).toISOString() }));
    const { logger, lines } = capture();
    nodes.push(await startNode({ config: config(dir), logger }));
    expect(lines()).toContain(warning);
  });

  it("LevelDB's own lock held elsewhere is reported as DATA_DIR_LOCKED, not 'Database failed to open'", async () => {
    const dir = devDataDir();
    const db = new ClassicLevel(join(dir, 'ledger'));
    await db.open();
    try {
      const error = await refusal(startNode({ config: config(dir), logger: pino({ level: 'silent' }) }));
      expect(error.code).toBe('DATA_DIR_LOCKED');
      expect(error.message).toMatch(/the ledger's LevelDB lock is held by another process/);
      // Our lock is not left behind by the failed start.
      expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    } finally {
      await db.close();
    }
  });
});
