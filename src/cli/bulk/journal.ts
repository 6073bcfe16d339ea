// The journal of a bulk anchor (tianping anchor --batch/--list): one JSON object per line, in the
// receipts directory. It records what was hashed (item path, size, mtime, digest), what was about
// to be submitted (the batch's exact signed tx bytes and its items) and what committed, so that a
// run killed at any moment resumes without anchoring anything twice:
//
// - a batch record is written and fsynced BEFORE its tx is submitted, so no tx ever reaches a node
//   unless the journal names it;
// - on resume a journaled batch is resubmitted with the SAME bytes, so the chain's replay rule (a
//   committed tx hash is refused forever) makes a second anchor of those items impossible;
// - a journaled tx that can no longer commit (its expiry lies at or before the latest block time)
//   is marked superseded, and only then are its items signed into a new tx.
//
// Item records are buffered and reach the disk before the batch that names them; losing them in a
// crash only means hashing those files again. The journal holds the salts of a salted run, so it is
// created 0600 like the .salt files. Node only.
import { createReadStream } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { createInterface } from 'node:readline';

export const JOURNAL_FILE = 'journal.jsonl';
export const JOURNAL_VERSION = 1;

/** Buffered item lines are written out once they reach this size (or at the next sync). */
const FLUSH_BYTES = 1024 * 1024;

export type BatchMode = 'indexed' | 'root-only';

/** First line: what every batch of this journal is, so a resume with other options is refused. */
export interface RunRecord {
  readonly type: 'run';
  readonly version: typeof JOURNAL_VERSION;
  readonly chainId: string;
  /** Submitter public key, hex. */
  readonly signer: string;
  readonly mode: BatchMode;
  readonly algorithm: 'sha256' | 'sm3';
  readonly category: string;
  readonly salted: boolean;
}

export interface ItemRecord {
  readonly type: 'item';
  /** Sequence number: the n-th item record of the journal, from 0. */
  readonly n: number;
  /** Relative path, "/"-separated: the receipt is <path>.receipt.json in the receipts directory. */
  readonly path: string;
  readonly sizeBytes: number;
  readonly mtimeMs: number;
  /** The digest anchored: the file digest, or H(salt ‖ file digest) for a salted item. Hex. */
  readonly digest: string;
  /** Salted items only: the file digest and the salt, hex. */
  readonly fileDigest?: string;
  readonly salt?: string;
}

export interface BatchRecord {
  readonly type: 'batch';
  /** Sequence number of the batch, from 0. */
  readonly b: number;
  readonly txHash: string;
  /** The exact SignedTx bytes, base64: resubmitted as they are. */
  readonly tx: string;
  readonly expiresAtMs: number;
  /** The items in batch order, as runs [first item n, count]. */
  readonly items: readonly (readonly [number, number])[];
}

export interface CommittedRecord {
  readonly type: 'committed';
  readonly b: number;
  readonly height: number;
  readonly txIndex: number;
  readonly blockTimeMs: number;
}

export interface SupersededRecord {
  readonly type: 'superseded';
  readonly b: number;
  /** Why the tx can never commit. */
  readonly reason: string;
}

export type JournalRecord = RunRecord | ItemRecord | BatchRecord | CommittedRecord | SupersededRecord;

/** The journal cannot be read: a line in its middle is not a record. Never guessed around. */
export class JournalError extends Error {
  override name = 'JournalError';
}

export interface JournalContents {
  readonly records: JournalRecord[];
  /** Bytes of complete lines; a torn last line (a crash mid-write) lies beyond and is cut off. */
  readonly validBytes: number;
}

/** Reads a journal line by line (it may hold millions of items); undefined when there is none. */
export async function readJournal(path: string): Promise<JournalContents | undefined> {
  let sizeBytes: number;
  try {
    sizeBytes = (await stat(path)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const records: JournalRecord[] = [];
  let offsetBytes = 0;
  let lineNumber = 0;
  let torn: string | undefined;
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) {
    lineNumber++;
    if (torn !== undefined) throw new JournalError(`${path}:${lineNumber - 1}: not a journal record: ${torn.slice(0, 80)}`);
    const lineBytes = Buffer.byteLength(line, 'utf8') + 1;
    // A line without its newline was being written when the process died: it was never synced,
    // so nothing it names was ever submitted.
    if (offsetBytes + lineBytes > sizeBytes) break;
    const record = parseRecord(line);
    if (record === undefined) {
      torn = line;
      continue;
    }
    records.push(record);
    offsetBytes += lineBytes;
  }
  // An unparsable last line is the same torn write, seen after its newline reached the disk.
  return { records, validBytes: offsetBytes };
}

function parseRecord(line: string): JournalRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const type = (value as { type?: unknown }).type;
  return type === 'run' || type === 'item' || type === 'batch' || type === 'committed' || type === 'superseded'
    ? value as JournalRecord : undefined;
}

/** Appends records in order; sync() makes everything appended so far durable. */
export class JournalWriter {
  private buffered: string[] = [];
  private bufferedBytes = 0;
  // Every file operation runs after the previous one: appends from the hashing loop and from the
  // batch being committed never interleave mid-line.
  private queue: Promise<void> = Promise.resolve();

  private constructor(private readonly handle: FileHandle) {}

  /** Opens for appending (creating it 0600), first cutting a torn last line off at validBytes. */
  static async open(path: string, validBytes?: number): Promise<JournalWriter> {
    const handle = await open(path, 'a', 0o600);
    if (validBytes !== undefined) await handle.truncate(validBytes);
    return new JournalWriter(handle);
  }

  /** Buffered: durable only after the next sync(). */
  append(record: JournalRecord): Promise<void> {
    const line = JSON.stringify(record) + '\n';
    this.buffered.push(line);
    this.bufferedBytes += line.length;
    return this.bufferedBytes >= FLUSH_BYTES ? this.run(() => this.flushBuffer()) : Promise.resolve();
  }

  /** Writes out and fsyncs everything appended so far. */
  sync(): Promise<void> {
    return this.run(async () => {
      await this.flushBuffer();
      await this.handle.datasync();
    });
  }

  /** Appends the record and everything before it, and returns once all of it is on disk. */
  async appendSynced(record: JournalRecord): Promise<void> {
    // The records before it first, synced: a batch line never reaches the disk ahead of its items.
    await this.sync();
    await this.append(record);
    await this.sync();
  }

  async close(): Promise<void> {
    await this.run(() => this.flushBuffer());
    await this.handle.close();
  }

  private async flushBuffer(): Promise<void> {
    if (this.buffered.length === 0) return;
    const text = this.buffered.join('');
    this.buffered = [];
    this.bufferedBytes = 0;
    await this.handle.write(text);
  }

  private run(operation: () => Promise<void>): Promise<void> {
    const next = this.queue.then(operation);
    // A failed write fails its caller; later operations still run (and most likely fail too).
    this.queue = next.catch(() => undefined);
    return next;
  }
}

/** Consecutive item numbers as runs [first, count]: a batch of 10,000 items is usually one run. */
export function toRuns(numbers: readonly number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const n of numbers) {
    const last = runs[runs.length - 1];
    if (last !== undefined && last[0] + last[1] === n) last[1]++;
    else runs.push([n, 1]);
  }
  return runs;
}

export function fromRuns(runs: readonly (readonly [number, number])[]): number[] {
  const numbers: number[] = [];
  for (const [first, count] of runs) for (let i = 0; i < count; i++) numbers.push(first + i);
  return numbers;
}
