// One node per data directory. LevelDB locks its own directory, but a second node learns only
// "Database failed to open", after it has already read its files; and two nodes on one directory
// would sign with one key, which consensus forbids (docs/consensus.md: never run one validator key
// in two processes). So the node takes a lock of its own first: <dataDir>/node.lock, a one-line
// JSON record of who holds it, created atomically. A live holder is named in the refusal; a lock
// left by a process that is gone (a crash, a kill -9) is taken over with a warning.
import { hostname } from 'node:os';
import { join } from 'node:path';
import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import type { Logger } from 'pino';
import { StartupError } from './startup-error.js';

export const LOCK_FILE = 'node.lock';

// Lock files this process holds: a lock naming our own pid is ours only if it is in here. Otherwise
// an earlier process had our pid (a container restarted: the node is pid 1 again) and it is stale.
const heldHere = new Set<string>();

/** What node.lock holds. */
export interface LockRecord {
  readonly pid: number;
  readonly host: string;
  readonly startedAtMs: number;
  /** The same time, for people reading the file. */
  readonly startedAt: string;
}

export interface DataDirLock {
  readonly path: string;
  /** Removes the lock file if it is still ours. Idempotent. */
  release(): void;
}

/** Whether a process with this pid runs on this host. EPERM: it runs, as another user. */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readRecord(path: string): LockRecord | 'missing' | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable';
  }
  try {
    const record = JSON.parse(text) as Partial<LockRecord>;
    if (!Number.isSafeInteger(record.pid) || typeof record.host !== 'string') return 'unreadable';
    return record as LockRecord;
  } catch {
    return 'unreadable';
  }
}

/** Creates the lock file only if none exists: written whole under a private name, then linked. */
function tryCreate(path: string, record: LockRecord): boolean {
  const temporary = `${path}.${record.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(record)}\n`, { mode: 0o644 });
  try {
    linkSync(temporary, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(temporary);
  }
}

/**
 * Takes <dataDir>/node.lock or throws StartupError DATA_DIR_LOCKED naming the directory, the lock
 * file and the holder. The directory must exist.
 */
export function lockDataDir(dataDir: string, logger: Logger, nowMs = Date.now()): DataDirLock {
  const path = join(dataDir, LOCK_FILE);
  const ours: LockRecord = { pid: process.pid, host: hostname(), startedAtMs: nowMs, startedAt: new Date(nowMs).toISOString() };
  // A few rounds: another node may take over the same stale lock between our read and our create.
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(path, ours)) {
      heldHere.add(path);
      return { path, release: () => releaseIfOurs(path, ours) };
    }
    const holder = readRecord(path);
    if (holder === 'missing') continue;
    if (holder === 'unreadable' || holder.host !== ours.host) {
      // Another host's process cannot be checked from here (a shared file system, or a container
      // that was replaced and got a new host name). LevelDB's lock, taken next, still refuses a
      // second opener of the ledger while the first runs.
      logger.warn({ event: 'datadir.lock.foreign', lockFile: path, holder },
        'taking over a data directory lock this host cannot check (unreadable, or written on another host); the ledger lock still guards the data');
    } else if (heldHere.has(path) || (holder.pid !== process.pid && processAlive(holder.pid))) {
      throw new StartupError('DATA_DIR_LOCKED', `data directory ${dataDir} is in use by another node: ${path} is held by pid `
        + `${holder.pid} (running since ${holder.startedAt}); stop that node first, or give this one another data directory`);
    } else {
      logger.warn({ event: 'datadir.lock.stale', lockFile: path, holder },
        'taking over a stale data directory lock: its process is gone (the node did not stop cleanly)');
    }
    try {
      unlinkSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  throw new StartupError('DATA_DIR_LOCKED', `data directory ${dataDir}: could not take ${path} (another node is starting on it)`);
}

function releaseIfOurs(path: string, ours: LockRecord): void {
  heldHere.delete(path);
  const holder = readRecord(path);
  if (typeof holder === 'string' || holder.pid !== ours.pid || holder.startedAtMs !== ours.startedAtMs) return;
  try {
    unlinkSync(path);
  } catch {
    // Gone already: nothing to release.
  }
}

/**
 * LevelDB's own lock failing (a process that ignores node.lock, or one on another host of a shared
 * file system) surfaces as "Database failed to open" with LEVEL_LOCKED as its cause; this turns it
 * into the refusal an operator can act on. Anything else is returned unchanged.
 */
export function explainLedgerOpenFailure(error: unknown, dataDir: string): unknown {
  for (let cause: unknown = error, depth = 0; cause instanceof Error && depth < 5; cause = cause.cause, depth++) {
    const code = (cause as { code?: unknown }).code;
    if (code === 'LEVEL_LOCKED' || /\bLOCK\b.*(temporarily unavailable|already held)/i.test(cause.message)) {
      return new StartupError('DATA_DIR_LOCKED', `data directory ${dataDir}: the ledger's LevelDB lock is held by another `
        + `process (${cause.message}); stop the other node using ${join(dataDir, 'ledger')} first`, { cause: error });
    }
  }
  return error;
}
