// A dev node (no peers) on a real LevelDB directory: anchors committed and every answer recorded;
// the node stopped and its newest LevelDB log damaged as a disk does it; then started again. It
// must refuse to start, naming the damage, and never serve an answer that differs from the one it
// gave before (the node that opened such a ledger as is answered 404 for committed anchors, and
// made a different block at a height it had committed).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initDevChain } from '../../src/cli/commands/init.js';
import { DEFAULT_CONFIG, type NodeConfig } from '../../src/config/defaults.js';
import { LedgerError } from '../../src/ledger/index.js';
import { startNode, type RunningNode } from '../../src/node/index.js';
import { HIGH_WATER_FILE, decodeHighWater } from '../../src/node/high-water.js';
import { anchorMany, answersOf, devChainOf, flipNewestLog, truncateNewestLog, type Answer } from '../helpers/ledger-damage.js';

const PORT = 28_011;
const ANCHORS = 18;
let dataDir: string;

function configOf(dir: string): NodeConfig {
  return { ...DEFAULT_CONFIG, dataDir: dir, api: { ...DEFAULT_CONFIG.api, port: PORT },
    consensus: { ...DEFAULT_CONFIG.consensus, heartbeatIntervalMs: 600_000, blockDelayMs: 1 }, log: { level: 'silent' } };
}

const start = (): Promise<RunningNode> => startNode({ config: configOf(dataDir), logger: pino({ level: 'silent' }) });

/** Commits ANCHORS anchors (about one block each) and returns what the node answered for them, and its tip. */
async function commitAndRecord(): Promise<{ digests: string[]; answers: Map<string, Answer>; tip: { height: number; hash: string } }> {
  const node = await start();
  try {
    const { genesis, submitter } = devChainOf(dataDir);
    const digests = await anchorMany(node.apiUrl, genesis, submitter, 'damage', ANCHORS);
    const answers = await answersOf(node.apiUrl, digests);
    const status = (await (await fetch(`${node.apiUrl}/v1/status`)).json()) as { latestHeight: number; latestBlockHash: string };
    for (const answer of answers.values()) expect(answer.status).toBe(200);
    return { digests, answers, tip: { height: status.latestHeight, hash: status.latestBlockHash } };
  } finally {
    await node.close();
  }
}

/** Starts the node again: it refuses (returned), or it answers exactly as before (checked here). */
async function restartAndCompare(digests: string[], before: Map<string, Answer>): Promise<unknown> {
  let node: RunningNode;
  try {
    node = await start();
  } catch (error) {
    return error;
  }
  try {
    const after = await answersOf(node.apiUrl, digests);
    for (const digest of digests) expect(after.get(digest), digest).toEqual(before.get(digest));
  } finally {
    await node.close();
  }
  return undefined;
}

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'tianping-damage-'));
  initDevChain({ dataDir, genesisPath: join(dataDir, 'genesis.json'), nodeKeyPath: join(dataDir, 'node.key'), chainId: 'damage-test',
    validatorName: 'dev', force: false, nowMs: Date.now() - 60_000 });
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

describe('a dev node whose ledger was damaged while stopped', () => {
  it('keeps a high-water mark of its tip outside the LevelDB directory', async () => {
    const { tip } = await commitAndRecord();
    const mark = decodeHighWater(readFileSync(join(dataDir, HIGH_WATER_FILE), 'utf8'), HIGH_WATER_FILE);
    expect(mark.committed.height).toBe(tip.height);
    expect(Buffer.from(mark.committed.blockHash).toString('hex')).toBe(tip.hash);
    expect(mark.signed?.height).toBe(tip.height);
  });

  it('the newest log cut in half: refuses to start, naming the ledger directory and the lost heights', async () => {
    const { digests, answers, tip } = await commitAndRecord();
    truncateNewestLog(join(dataDir, 'ledger'));
    const refused = await restartAndCompare(digests, answers);
    expect(refused).toBeInstanceOf(LedgerError);
    expect((refused as LedgerError).code).toBe('LEDGER_DAMAGED');
    expect((refused as LedgerError).message).toContain(join(dataDir, 'ledger'));
    expect((refused as LedgerError).message).toContain(`high-water mark ${tip.height}`);
    // Still refused at the next start: nothing was "repaired" by opening it.
    expect(await restartAndCompare(digests, answers)).toBeInstanceOf(LedgerError);
  }, 60_000);

  it('16 bytes flipped in the middle of the newest log: refuses to start, naming the damaged log file, at every start', async () => {
    const { digests, answers } = await commitAndRecord();
    const { path } = flipNewestLog(join(dataDir, 'ledger'));
    const refused = await restartAndCompare(digests, answers);
    expect(refused).toBeInstanceOf(LedgerError);
    expect((refused as LedgerError).code).toBe('LEDGER_DAMAGED');
    expect((refused as LedgerError).message).toContain(path);
    expect((refused as LedgerError).file).toBe(path);
    // LevelDB has dropped the damaged records and deleted that log by now; the damage record remains.
    const again = await restartAndCompare(digests, answers);
    expect(again).toBeInstanceOf(LedgerError);
    expect((again as LedgerError).message).toContain(path);
  }, 60_000);
});
