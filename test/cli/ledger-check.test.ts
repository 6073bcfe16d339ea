// tianping ledger check on a stopped node's data directory: sound, with its newest LevelDB log cut
// in half, with 16 bytes of it flipped, and while a node holds it.
import { cpSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initDevChain } from '../../src/cli/commands/init.js';
import { DEFAULT_CONFIG, type NodeConfig } from '../../src/config/defaults.js';
import { startNode } from '../../src/node/index.js';
import { runCli } from '../e2e/node-process.js';
import { anchorMany, devChainOf, flipNewestLog, truncateNewestLog } from '../helpers/ledger-damage.js';

const PORT = 28_021;
const root = mkdtempSync(join(tmpdir(), 'tianping-ledger-check-'));
const dirs = { sound: join(root, 'sound'), truncated: join(root, 'truncated'), flipped: join(root, 'flipped') };
let flippedLog = '';

const configOf = (dataDir: string): NodeConfig => ({ ...DEFAULT_CONFIG, dataDir, api: { ...DEFAULT_CONFIG.api, port: PORT },
  consensus: { ...DEFAULT_CONFIG.consensus, heartbeatIntervalMs: 600_000, blockDelayMs: 1 }, log: { level: 'silent' } });

beforeAll(async () => {
  initDevChain({ dataDir: dirs.sound, genesisPath: join(dirs.sound, 'genesis.json'), nodeKeyPath: join(dirs.sound, 'node.key'),
    chainId: 'ledger-check-test', validatorName: 'dev', force: false, nowMs: Date.now() - 60_000 });
  const node = await startNode({ config: configOf(dirs.sound), logger: pino({ level: 'silent' }) });
  const { genesis, submitter } = devChainOf(dirs.sound);
  await anchorMany(node.apiUrl, genesis, submitter, 'check', 12);
  await node.close();
  // Copies made before anything opens the database again (an open folds the log into a table).
  cpSync(dirs.sound, dirs.truncated, { recursive: true });
  cpSync(dirs.sound, dirs.flipped, { recursive: true });
  truncateNewestLog(join(dirs.truncated, 'ledger'));
  flippedLog = flipNewestLog(join(dirs.flipped, 'ledger')).path;
}, 60_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('tianping ledger check', () => {
  it('a sound directory: exit 0', async () => {
    const result = await runCli(['ledger', 'check', '--data-dir', dirs.sound, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { sound: boolean; tipHeight: number; highWaterHeight: number; problems: unknown[] };
    expect(report).toMatchObject({ sound: true, problems: [] });
    expect(report.tipHeight).toBeGreaterThanOrEqual(12);
    expect(report.highWaterHeight).toBe(report.tipHeight);
  }, 30_000);

  it('the newest log cut in half: exit 1, the tip below the high-water mark', async () => {
    const result = await runCli(['ledger', 'check', '--data-dir', dirs.truncated]);
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toMatch(/the tip \d+ is below the high-water mark \d+: committed blocks \d+\.\.\d+ were lost/);
  }, 30_000);

  it('16 bytes flipped in the newest log: exit 1, naming the log file; and again at the next check', async () => {
    const first = await runCli(['ledger', 'check', '--data-dir', dirs.flipped, '--json']);
    expect(first.code, first.stderr).toBe(1);
    const report = JSON.parse(first.stdout) as { sound: boolean; problems: { height: number; what: string; file: string | null }[] };
    expect(report.sound).toBe(false);
    expect(report.problems.some((p) => p.file === flippedLog && /dropped/.test(p.what))).toBe(true);
    // LevelDB deleted that log while opening; the damage stays recorded.
    const second = await runCli(['ledger', 'check', '--data-dir', dirs.flipped]);
    expect(second.code).toBe(1);
    expect(second.stdout).toContain(flippedLog);
  }, 30_000);

  it('refuses while a node runs on the directory: exit 2', async () => {
    const node = await startNode({ config: configOf(dirs.sound), logger: pino({ level: 'silent' }) });
    try {
      const result = await runCli(['ledger', 'check', '--data-dir', dirs.sound]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/locked by a running node: stop it first/);
    } finally {
      await node.close();
    }
  }, 30_000);

  it('--config: the genesis where the config names it (outside the data directory), as the node reads it', async () => {
    const moved = join(root, 'moved');
    cpSync(dirs.sound, moved, { recursive: true });
    renameSync(join(moved, 'genesis.json'), join(root, 'consortium-genesis.json'));
    const configFile = join(root, 'moved-config.json');
    writeFileSync(configFile, JSON.stringify({ dataDir: moved, genesisFile: '../consortium-genesis.json' }));
    const result = await runCli(['ledger', 'check', '--config', configFile, '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ sound: true, dataDir: moved });
    // Without the config the genesis is looked for in the data directory, and is not there.
    const without = await runCli(['ledger', 'check', '--data-dir', moved]);
    expect(without.code).toBe(2);
    expect(without.stderr).toContain(join(moved, 'genesis.json'));
  }, 30_000);

  it('usage: an unknown subcommand is exit 2', async () => {
    expect((await runCli(['ledger', 'repair'])).code).toBe(2);
  }, 30_000);
});
