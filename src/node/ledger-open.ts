// Opening the ledger at start, and refusing to serve one that is not what this node committed. A
// damaged LevelDB log is "recovered" by LevelDB itself, silently, by dropping records: a node that
// opened it as is would answer 404 for anchors it had answered committed, and build a different
// block at a height it had committed. So before the node serves anything:
// 1. LevelDB's LOG is read for what it dropped while opening (it names the damaged file);
// 2. the newest blocks are checked against themselves (node/ledger-check.ts);
// 3. the tip is compared with the high-water mark kept outside the database (node/high-water.ts).
// Damage the node cannot repair is recorded in <dataDir>/ledger-damage.json (by the next open
// LevelDB has deleted the damaged log and rotated its LOG) and the node refuses to start with
// LEDGER_DAMAGED until the operator restores the ledger and removes that file. A ledger that is
// only behind its mark is repaired from peers by block sync (the node starts repairing), or, with
// no peers, refused.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SignatureVerifier } from '../crypto/ed25519.js';
import { Ledger, LedgerError, LevelStorage, levelDamageReports, type LedgerMetrics, type Storage } from '../ledger/index.js';
import type { Genesis } from '../state/index.js';
import { equalBytes, toHex, type Hash32 } from '../types/index.js';
import { readHighWater, writeFileAtomic, type HighWaterMark } from './high-water.js';
import { checkBlocks, fileInError } from './ledger-check.js';

export const LEDGER_DIR = 'ledger';
export const DAMAGE_FILE = 'ledger-damage.json';
/** Newest blocks re-checked at every start: bounded, so a start costs the same at any height. */
export const SELF_CHECK_BLOCKS = 64;
/** Of each of those blocks, the txs (and of each indexed batch, the items) whose index entries are read. */
export const SELF_CHECK_INDEX_SAMPLE = 32;

export interface OpenedLedger {
  readonly ledger: Ledger;
  readonly mark: HighWaterMark | undefined;
  /** Set when the ledger is behind its high-water mark and the node must re-fetch up to it. */
  readonly repairTo: { readonly height: number; readonly blockHash: Hash32 } | undefined;
}

export interface OpenLedgerOptions {
  readonly dataDir: string;
  readonly genesis: Genesis;
  readonly genesisHash: Hash32;
  readonly verifier: SignatureVerifier;
  /** The node has peers to re-fetch lost blocks from (p2p is configured). */
  readonly canRepair: boolean;
  /** Times the ledger's synced writes (ledger/ledger.ts); none when omitted. */
  readonly metrics?: LedgerMetrics;
  /** LevelDB's max_open_files (`memory.ledgerOpenFilesMax`); LevelDB's default when omitted. */
  readonly openFilesMax?: number;
}

/** The damage recorded by an earlier start, if any. */
export function readDamageRecord(dataDir: string): { file: string; detail: string } | undefined {
  try {
    return JSON.parse(readFileSync(join(dataDir, DAMAGE_FILE), 'utf8')) as { file: string; detail: string };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return { file: DAMAGE_FILE, detail: `unreadable damage record: ${(error as Error).message}` };
  }
}

/** Records damage found for every later start: LevelDB keeps no trace of it past the next open. */
export async function recordDamage(dataDir: string, error: LedgerError): Promise<LedgerError> {
  await writeFileAtomic(join(dataDir, DAMAGE_FILE), `${JSON.stringify({ code: error.code, file: error.file ?? '',
    detail: error.message })}\n`);
  return error;
}

const AFTER = 'restore the data directory from a backup, or delete the ledger directory and the high-water mark '
  + `to re-sync from peers; then remove ${DAMAGE_FILE}`;

export async function openLedger(o: OpenLedgerOptions): Promise<OpenedLedger> {
  const ledgerDir = join(o.dataDir, LEDGER_DIR);
  const recorded = readDamageRecord(o.dataDir);
  if (recorded !== undefined) {
    throw new LedgerError('LEDGER_DAMAGED', `ledger damaged (found at an earlier start, ${join(o.dataDir, DAMAGE_FILE)}): `
      + `${recorded.detail}`, recorded.file);
  }
  const storage = await LevelStorage.open(ledgerDir,
    o.openFilesMax === undefined ? {} : { openFilesMax: o.openFilesMax });
  try {
    return await check(o, ledgerDir, storage);
  } catch (error) {
    await storage.close();
    throw error;
  }
}

async function check(o: OpenLedgerOptions, ledgerDir: string, storage: Storage): Promise<OpenedLedger> {
  const dropped = levelDamageReports(ledgerDir);
  if (dropped.length > 0) {
    const first = dropped[0]!;
    throw await recordDamage(o.dataDir, new LedgerError('LEDGER_DAMAGED', `ledger damaged: LevelDB dropped data of `
      + `${join(ledgerDir, first.file)} while opening (${first.detail}; ${dropped.length} report(s) in its LOG): ${AFTER}`,
    join(ledgerDir, first.file)));
  }
  let ledger: Ledger;
  try {
    ledger = await Ledger.open(storage, o.genesis, o.genesisHash, o.metrics);
  } catch (error) {
    if (!(error instanceof LedgerError) || error.code === 'GENESIS_MISMATCH') throw error;
    const file = fileInError(error);
    throw await recordDamage(o.dataDir, new LedgerError('LEDGER_DAMAGED', `ledger damaged in ${file ?? ledgerDir}: `
      + `${error.message}: ${AFTER}`, file ?? ledgerDir));
  }
  const tip = ledger.tip.height;
  const problems = await checkBlocks(ledger, { chainId: o.genesis.chainId, verifier: o.verifier,
    fromHeight: Math.max(1, tip - SELF_CHECK_BLOCKS + 1), toHeight: tip, problemsMax: 8, indexSampleMax: SELF_CHECK_INDEX_SAMPLE });
  if (problems.length > 0) {
    const first = problems[0]!;
    const where = first.file ?? ledgerDir;
    throw await recordDamage(o.dataDir, new LedgerError('LEDGER_DAMAGED', `ledger damaged in ${where}: first bad height `
      + `${first.height} (${first.what}; ${problems.length} problem(s) in the newest ${SELF_CHECK_BLOCKS} blocks): ${AFTER}`, where));
  }
  const mark = readHighWater(o.dataDir);
  if (mark === undefined || mark.committed.height === 0) return { ledger, mark, repairTo: undefined };
  const markHeight = mark.committed.height;
  if (markHeight <= tip) {
    const at = await ledger.header(markHeight);
    if (at === undefined || !equalBytes(at.hash, mark.committed.blockHash)) {
      throw await recordDamage(o.dataDir, new LedgerError('HIGH_WATER_MISMATCH', `the ledger in ${ledgerDir} holds block `
        + `${toHex(at?.hash ?? new Uint8Array())} at height ${markHeight}, the high-water mark ${toHex(mark.committed.blockHash)}: `
        + `this is not the chain this node committed; ${AFTER}`, ledgerDir));
    }
    return { ledger, mark, repairTo: undefined };
  }
  if (!o.canRepair) {
    throw new LedgerError('LEDGER_DAMAGED', `ledger lost committed blocks: its tip is ${tip}, its high-water mark ${markHeight} `
      + `(LevelDB dropped the end of a log in ${ledgerDir}), and with no peers (p2p.listen is empty) the node cannot `
      + 're-fetch them: restore the data directory from a backup', ledgerDir);
  }
  return { ledger, mark, repairTo: mark.committed };
}
