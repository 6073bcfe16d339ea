// The offline check of a stopped node's data directory (`tianping ledger check`): LevelDB's own
// report of what it dropped while opening, then every height from 1 to the tip (node/ledger-check.ts)
// and the history roots, then the high-water mark against the tip. Opening the database is itself
// the moment LevelDB drops a damaged log's records, so damage found in its LOG is recorded for the
// node's next start, as the node does.
import { join } from 'node:path';
import type { SignatureVerifier } from '../crypto/ed25519.js';
import { Ledger, LedgerError, LevelStorage, levelDamageReports } from '../ledger/index.js';
import type { Genesis } from '../state/index.js';
import { equalBytes, toHex, type Hash32 } from '../types/index.js';
import { readHighWater, type HighWaterMark } from './high-water.js';
import { checkBlocks, checkHistoryRoots, fileInError, type LedgerProblem } from './ledger-check.js';
import { DAMAGE_FILE, LEDGER_DIR, readDamageRecord, recordDamage } from './ledger-open.js';

export interface AuditReport {
  readonly tipHeight: number | undefined;
  readonly markHeight: number | undefined;
  readonly problems: readonly LedgerProblem[];
}

/** The database is held by a running node: LevelDB's lock. */
export class LedgerInUseError extends Error {
  override name = 'LedgerInUseError';
  readonly code = 'LEDGER_IN_USE';
}

const AUDIT_PROBLEMS_MAX = 1000;

export async function auditDataDir(o: { dataDir: string; genesis: Genesis; genesisHash: Hash32; verifier: SignatureVerifier }):
  Promise<AuditReport> {
  const ledgerDir = join(o.dataDir, LEDGER_DIR);
  const problems: LedgerProblem[] = [];
  const recorded = readDamageRecord(o.dataDir);
  if (recorded !== undefined) {
    problems.push({ height: 0, what: `damage recorded at an earlier start (${DAMAGE_FILE}): ${recorded.detail}`, file: recorded.file });
  }
  let storage: LevelStorage;
  try {
    storage = await LevelStorage.open(ledgerDir);
  } catch (error) {
    const cause = (error as { cause?: { code?: unknown } }).cause;
    if (cause?.code === 'LEVEL_LOCKED') {
      throw new LedgerInUseError(`the ledger ${ledgerDir} is locked by a running node: stop it first`);
    }
    throw error;
  }
  try {
    for (const dropped of levelDamageReports(ledgerDir)) {
      problems.push({ height: 0, what: `LevelDB dropped data while opening: ${dropped.detail}`, file: join(ledgerDir, dropped.file) });
    }
    if (problems.length > 0 && recorded === undefined) {
      await recordDamage(o.dataDir, new LedgerError('LEDGER_DAMAGED', `ledger damaged: ${problems[0]!.what}`, problems[0]!.file));
    }
    let ledger: Ledger;
    try {
      ledger = await Ledger.open(storage, o.genesis, o.genesisHash);
    } catch (error) {
      const file = fileInError(error);
      problems.push({ height: 0, what: `does not open: ${(error as Error).message}`, ...(file === undefined ? {} : { file }) });
      return { tipHeight: undefined, markHeight: undefined, problems };
    }
    const tip = ledger.tip.height;
    problems.push(...await checkBlocks(ledger, { chainId: o.genesis.chainId, verifier: o.verifier, fromHeight: 1, toHeight: tip,
      problemsMax: AUDIT_PROBLEMS_MAX }));
    problems.push(...await checkHistoryRoots(ledger, tip, AUDIT_PROBLEMS_MAX));
    let mark: HighWaterMark | undefined;
    try {
      mark = readHighWater(o.dataDir);
    } catch (error) {
      problems.push({ height: 0, what: (error as Error).message, file: join(o.dataDir, 'high-water.json') });
    }
    if (mark !== undefined) problems.push(...await markProblems(ledger, mark));
    return { tipHeight: tip, markHeight: mark?.committed.height, problems };
  } finally {
    await storage.close();
  }
}

async function markProblems(ledger: Ledger, mark: HighWaterMark): Promise<LedgerProblem[]> {
  const height = mark.committed.height;
  if (height > ledger.tip.height) {
    return [{ height, what: `the tip ${ledger.tip.height} is below the high-water mark ${height}: committed blocks `
      + `${ledger.tip.height + 1}..${height} were lost` }];
  }
  if (height === 0) return [];
  const at = await ledger.header(height).catch(() => undefined);
  if (at === undefined || !equalBytes(at.hash, mark.committed.blockHash)) {
    return [{ height, what: `block hash ${toHex(at?.hash ?? new Uint8Array())} differs from the high-water mark's `
      + toHex(mark.committed.blockHash) }];
  }
  return [];
}
