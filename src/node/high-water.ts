// The high-water mark: what this node has committed and signed, kept OUTSIDE the LevelDB directory
// (CometBFT's priv_validator_state.json, plus the committed tip). LevelDB recovers a damaged log by
// silently dropping records, and the consensus WAL lives in the same database: without a record
// elsewhere, a node that lost its newest blocks would answer 404 for anchors it had answered
// committed, and a validator that lost its WAL could sign a second, different vote.
//
// The file, <dataDir>/high-water.json, is JSON: format, committed {height, blockHash}, signed
// {height, round, step, signBytesHash, signBytes, signature} or null, and checksum (SHA-256 hex of
// the JSON text of the other three fields in that order). It is replaced atomically: temp file,
// fsync, rename, fsync of the directory. The driver writes it after each commit and before any
// signature leaves the node; the pure consensus core never sees the file.
import { open, rename, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DurableRecord, SignStep, SignedRecord } from '../consensus/tendermint/index.js';
import { sha256 } from '../crypto/index.js';
import { LedgerError } from '../ledger/index.js';
import { asHash32, asHeight, asRound, equalBytes, fromHex, toHex, utf8, type Hash32, type ObserverLike } from '../types/index.js';

export const HIGH_WATER_FILE = 'high-water.json';
const FORMAT = 'tianping-high-water/1';
/** The file is a few hundred bytes; a larger one is not ours. */
const MARK_BYTES_MAX = 64 * 1024;

export interface HighWaterMark {
  /** The highest height this node committed, and its block hash. Height 0: nothing committed yet. */
  readonly committed: { readonly height: number; readonly blockHash: Hash32 };
  /** The last vote or proposal this validator signed (the double-sign guard's record), or null. */
  readonly signed: SignedRecord | null;
}

/** Where the driver keeps the mark; the simulator and in-memory tests run without one. */
export interface HighWaterStore {
  write(mark: HighWaterMark): Promise<void>;
}

function body(mark: HighWaterMark): string {
  const s = mark.signed;
  return JSON.stringify({
    format: FORMAT,
    committed: { height: mark.committed.height, blockHash: toHex(mark.committed.blockHash) },
    signed: s === null ? null : { height: s.height, round: s.round, step: s.signStep, signBytesHash: toHex(sha256(s.signBytes)),
      signBytes: toHex(s.signBytes), signature: toHex(s.signature) },
  });
}

export function encodeHighWater(mark: HighWaterMark): string {
  const text = body(mark);
  return `${text.slice(0, -1)},"checksum":"${toHex(sha256(utf8(text)))}"}\n`;
}

/** The mark in `text`; LEDGER_DAMAGED when it does not parse or its checksum differs. */
export function decodeHighWater(text: string, file: string): HighWaterMark {
  const bad = (why: string): LedgerError =>
    new LedgerError('LEDGER_DAMAGED', `high-water mark ${file} is damaged (${why}): restore it or the data directory from a backup`,
      file);
  let json: { format?: unknown; committed?: { height?: unknown; blockHash?: unknown };
    signed?: { height?: unknown; round?: unknown; step?: unknown; signBytes?: unknown; signature?: unknown } | null;
    checksum?: unknown };
  try {
    json = JSON.parse(text) as typeof json;
  } catch {
    throw bad('not JSON');
  }
  if (json.format !== FORMAT) throw bad(`format is not ${FORMAT}`);
  const c = json.committed;
  const s = json.signed;
  try {
    const mark: HighWaterMark = {
      committed: { height: asHeight(Number(c?.height)), blockHash: asHash32(hexBytes(c?.blockHash)) },
      signed: s === null || s === undefined ? null : {
        height: asHeight(Number(s.height)), round: asRound(Number(s.round)), signStep: signStepOf(s.step),
        signBytes: hexBytes(s.signBytes), signature: hexBytes(s.signature),
      },
    };
    if (json.checksum !== toHex(sha256(utf8(body(mark))))) throw bad('checksum differs');
    return mark;
  } catch (error) {
    if (error instanceof LedgerError) throw error;
    throw bad((error as Error).message);
  }
}

function hexBytes(value: unknown): Uint8Array {
  const bytes = typeof value === 'string' ? fromHex(value) : undefined;
  if (bytes === undefined) throw new Error('a field is not hex');
  return bytes;
}

function signStepOf(value: unknown): SignStep {
  if (value === 1 || value === 2 || value === 3) return value;
  throw new Error(`sign step ${String(value)}`);
}

/** The mark in <dataDir>/high-water.json, undefined when there is none (a new node, or one made before marks). */
export function readHighWater(dataDir: string): HighWaterMark | undefined {
  const path = join(dataDir, HIGH_WATER_FILE);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  if (bytes.length > MARK_BYTES_MAX) throw new LedgerError('LEDGER_DAMAGED', `high-water mark ${path} is too large`, path);
  return decodeHighWater(bytes.toString('utf8'), path);
}

/** Writes `text` to `path` atomically and durably: temp file, fsync, rename, fsync of the directory. */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const temp = `${path}.tmp`;
  const file = await open(temp, 'w', 0o600);
  try {
    await file.writeFile(text);
    await file.sync();
  } finally {
    await file.close();
  }
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  const dir = await open(dirname(path), 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

export class FileHighWater implements HighWaterStore {
  readonly path: string;

  /** `syncSeconds`: each write, timed whole (write, fsync, rename, fsync of the directory). */
  constructor(dataDir: string, private readonly syncSeconds?: ObserverLike) {
    this.path = join(dataDir, HIGH_WATER_FILE);
  }

  async write(mark: HighWaterMark): Promise<void> {
    const { syncSeconds } = this;
    if (syncSeconds === undefined) return writeFileAtomic(this.path, encodeHighWater(mark));
    const startMs = performance.now();
    await writeFileAtomic(this.path, encodeHighWater(mark));
    syncSeconds.observe((performance.now() - startMs) / 1000);
  }
}

function laterThan(a: SignedRecord, b: SignedRecord): boolean {
  if (a.height !== b.height) return a.height > b.height;
  if (a.round !== b.round) return a.round > b.round;
  return a.signStep > b.signStep;
}

/** Whether `signed` is a different signature than the mark's (so the mark must be written before it leaves). */
export function signedChanged(mark: HighWaterMark | undefined, signed: SignedRecord | null): boolean {
  if (signed === null) return false;
  const last = mark?.signed ?? null;
  return last === null || laterThan(signed, last) || laterThan(last, signed) || !equalBytes(last.signBytes, signed.signBytes);
}

/**
 * The record the core restarts from: the consensus WAL's, with the mark's last signature when that
 * is later (the WAL lives in the ledger's database and may have lost its newest records), so that
 * nothing at or below that signature is signed again. The signed message itself is not in the
 * WAL's own messages then, and a validator back in that round could wait for its own vote forever:
 * the record resumes at the round after the mark's (moving to a later round is always allowed).
 */
export function guardRecord(wal: DurableRecord | null, signed: SignedRecord | null): DurableRecord | null {
  if (signed === null) return wal;
  if (wal !== null && wal.lastSigned !== null && !laterThan(signed, wal.lastSigned)) return wal;
  const next = asRound(signed.round + 1);
  if (wal !== null && wal.height > signed.height) return { ...wal, lastSigned: signed };
  if (wal !== null && wal.height === signed.height) {
    return { ...wal, round: wal.round > next ? wal.round : next, lastSigned: signed };
  }
  return { height: signed.height, round: next, lastSigned: signed, locked: null, valid: null, ownVotes: [], ownProposals: [] };
}
