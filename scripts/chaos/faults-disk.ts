// The storage faults: a ledger on a small tmpfs filled until ENOSPC, and a LevelDB log
// whose tail is cut while the node is down. Both end as an operator would end them: free the
// space and restart; for a ledger the node refuses as LEDGER_DAMAGED, move it aside and let the
// node fetch the blocks again from its peers.
import { execFileSync } from 'node:child_process';
import {
  cpSync, existsSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, truncateSync, writeSync, closeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { Cluster } from './cluster.js';
import { dirBytes } from './observe.js';

const MIB = 1024 * 1024;
/** Room above what the node holds when it moves onto the tmpfs: minutes of writes at chaos rates. */
const TMPFS_HEADROOM_BYTES = 16 * MIB;
const FILLER_FILE = 'chaos-filler.bin';
const FILL_CHUNK_BYTES = MIB;
const FILL_BYTES_MAX = 4096 * MIB;
const LEDGER_DIR = 'ledger';
const DAMAGE_FILES = ['ledger-damage.json'];
const HIGH_WATER_FILE = 'high-water.json';

/** tmpfs mounts made by this run, unmounted on any exit. */
export const activeMounts = new Set<string>();

export function unmountAll(): void {
  for (const dir of activeMounts) {
    try {
      execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
    } catch {
      // already gone
    }
    activeMounts.delete(dir);
  }
}

/**
 * The tmpfs holds the ledger only: with the whole data directory on it, the node's log (stdout
 * into <dataDir>/node.log) fills first and the process dies of a failed log write before the
 * ledger is ever refused a write, which is not the fault under test.
 */
const ledgerOf = (cluster: Cluster, name: string): string => join(cluster.layout.nodes.find((n) => n.name === name)!.dataDir, LEDGER_DIR);

/** Stops the node, moves its ledger onto a tmpfs just larger than it, restarts it. */
export async function moveOntoTmpfs(cluster: Cluster, name: string): Promise<{ tmpfsBytes: number }> {
  const dataDir = ledgerOf(cluster, name);
  await cluster.stop(name);
  const tmpfsBytes = Math.ceil((dirBytes(dataDir) + TMPFS_HEADROOM_BYTES) / MIB) * MIB;
  const onDisk = `${dataDir}.ondisk`;
  rmSync(onDisk, { recursive: true, force: true });
  renameSync(dataDir, onDisk);
  mkdirSync(dataDir);
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${tmpfsBytes},mode=0755`, 'tmpfs', dataDir], { stdio: ['ignore', 'ignore', 'pipe'] });
  activeMounts.add(dataDir);
  cpSync(onDisk, dataDir, { recursive: true });
  await cluster.start(name);
  return { tmpfsBytes };
}

/** Writes a filler file until the file system says ENOSPC; returns the bytes written. */
export function fillUntilFull(cluster: Cluster, name: string): number {
  const dataDir = ledgerOf(cluster, name);
  const fd = openSync(join(dataDir, FILLER_FILE), 'w');
  const chunk = Buffer.alloc(FILL_CHUNK_BYTES, 0x5a);
  let written = 0;
  try {
    while (written < FILL_BYTES_MAX) written += writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
  return written;
}

/** Removes the filler; the caller decides from the node's state whether it must restart. */
export function removeFiller(cluster: Cluster, name: string): void {
  const dataDir = ledgerOf(cluster, name);
  rmSync(join(dataDir, FILLER_FILE), { force: true });
}

/** Stops the node, copies its ledger back to disk and unmounts the tmpfs (the caller restarts it). */
export async function moveOffTmpfs(cluster: Cluster, name: string): Promise<void> {
  const dataDir = ledgerOf(cluster, name);
  await cluster.stop(name);
  const onDisk = `${dataDir}.ondisk`;
  rmSync(onDisk, { recursive: true, force: true });
  cpSync(dataDir, onDisk, { recursive: true });
  execFileSync('umount', [dataDir], { stdio: ['ignore', 'ignore', 'pipe'] });
  activeMounts.delete(dataDir);
  rmSync(dataDir, { recursive: true, force: true });
  renameSync(onDisk, dataDir);
}

export interface TruncateResult {
  readonly file: string | null;
  readonly sizeBytes: number;
  readonly cutBytes: number;
}

/** Cuts cutPercent of the newest non-empty LevelDB *.log of a stopped node (at least one byte). */
export function truncateNewestLog(dataDir: string, cutPercent: number): TruncateResult {
  const ledgerDir = join(dataDir, LEDGER_DIR);
  const logs = existsSync(ledgerDir)
    ? readdirSync(ledgerDir).filter((f) => /^\d+\.log$/.test(f)).map((f) => ({ f, size: statSync(join(ledgerDir, f)).size }))
      .filter((l) => l.size > 0).sort((a, b) => Number.parseInt(b.f, 10) - Number.parseInt(a.f, 10))
    : [];
  const newest = logs[0];
  if (newest === undefined) return { file: null, sizeBytes: 0, cutBytes: 0 };
  const cutBytes = Math.max(1, Math.floor((newest.size * cutPercent) / 100));
  truncateSync(join(ledgerDir, newest.f), newest.size - cutBytes);
  return { file: join(LEDGER_DIR, newest.f), sizeBytes: newest.size, cutBytes };
}

/**
 * The operator's answer to LEDGER_DAMAGED: the ledger and the damage record go aside (kept for a
 * post-mortem); the high-water mark stays unless keepMark is false, so the node re-fetches up to
 * it and its double-sign guard survives. Returns the folder the files went to.
 */
export function moveLedgerAside(dataDir: string, tag: string, keepMark: boolean): string {
  const aside = join(dataDir, `damaged-${tag}`);
  mkdirSync(aside, { recursive: true });
  const names = [LEDGER_DIR, ...DAMAGE_FILES, ...(keepMark ? [] : [HIGH_WATER_FILE])];
  for (const name of names) {
    if (existsSync(join(dataDir, name))) renameSync(join(dataDir, name), join(aside, name));
  }
  return aside;
}
