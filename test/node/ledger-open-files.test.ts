// A node opens its ledger with memory.ledgerOpenFilesMax: the bound on the tables LevelDB keeps
// open and mapped (test/ledger/open-files.test.ts shows what the bound does inside LevelDB).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { initDevChain } from '../../src/cli/commands/init.js';
import { DEFAULT_CONFIG, type NodeConfig } from '../../src/config/defaults.js';
import { LevelStorage } from '../../src/ledger/index.js';
import { startNode } from '../../src/node/index.js';

const PORT = 28_013;
let dataDir: string;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'tianping-open-files-node-'));
  initDevChain({ dataDir, genesisPath: join(dataDir, 'genesis.json'), nodeKeyPath: join(dataDir, 'node.key'), chainId: 'open-files-test',
    validatorName: 'dev', force: false, nowMs: Date.now() - 60_000 });
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dataDir, { recursive: true, force: true });
});

function configOf(openFilesMax: number): NodeConfig {
  return { ...DEFAULT_CONFIG, dataDir, api: { ...DEFAULT_CONFIG.api, port: PORT },
    consensus: { ...DEFAULT_CONFIG.consensus, heartbeatIntervalMs: 600_000 }, log: { level: 'silent' },
    memory: { ...DEFAULT_CONFIG.memory, ledgerOpenFilesMax: openFilesMax } };
}

describe('the node\'s ledger', () => {
  it.each([DEFAULT_CONFIG.memory.ledgerOpenFilesMax, 500])('is opened with memory.ledgerOpenFilesMax %i', async (openFilesMax) => {
    const open = vi.spyOn(LevelStorage, 'open');
    const node = await startNode({ config: configOf(openFilesMax), logger: pino({ level: 'silent' }) });
    try {
      expect(open).toHaveBeenCalledWith(join(dataDir, 'ledger'), { openFilesMax });
    } finally {
      await node.close();
    }
  });
});
