// The gateway's durable record on LevelDB (classic-level), in a data directory of its own:
// accounts, transfers by idempotency key (kept forever, with the digest of the request that made
// them) and statement entries by value date. Every change is one atomic batch written with
// sync: true: a transfer's debit, its key and its statement line become durable together, before
// the bank answers, so an answer once given survives a crash.
import { ClassicLevel } from 'classic-level';
import type { Account, StatementEntry, TransferAnswer, TransferRequest } from './schemas.js';

/** What a transfer's key remembers: the first answer, and what it answered. */
export interface TransferRecord {
  readonly key: string;
  /** Hex SHA-256 of the request's canonical JSON (bank.ts payloadDigest). */
  readonly payloadDigest: string;
  readonly request: TransferRequest;
  readonly answer: TransferAnswer;
  readonly executedAtMs: number;
}

/** Everything one operation changes, written at once. */
export interface StoreWrite {
  readonly accounts?: readonly Account[];
  readonly transfer?: TransferRecord;
  readonly entries?: readonly StatementEntry[];
}

// Key layout: a/<account id>, t/<idempotency key>, s/<value date>/<seq 12 digits>, m/seq. Ids and
// keys are ASCII without '/', dates sort as text, and the sequence keeps a day's entries in order.
const ACCOUNT = 'a/';
const TRANSFER = 't/';
const STATEMENT = 's/';
const SEQ_KEY = 'm/seq';
const SEQ_DIGITS = 12;

export class GatewayStore {
  private seq: number;

  private constructor(private readonly db: ClassicLevel<string, unknown>, seq: number) {
    this.seq = seq;
  }

  static async open(dir: string): Promise<GatewayStore> {
    const db = new ClassicLevel<string, unknown>(dir, { keyEncoding: 'utf8', valueEncoding: 'json' });
    await db.open();
    const seq = await db.get(SEQ_KEY);
    return new GatewayStore(db, typeof seq === 'number' ? seq : 0);
  }

  account(id: string): Promise<Account | undefined> {
    return this.read<Account>(ACCOUNT + id);
  }

  transfer(key: string): Promise<TransferRecord | undefined> {
    return this.read<TransferRecord>(TRANSFER + key);
  }

  async statement(date: string): Promise<StatementEntry[]> {
    const prefix = `${STATEMENT}${date}/`;
    const rows = await this.db.iterator({ gte: prefix, lt: `${prefix}\xff` }).all();
    return rows.map(([, value]) => value as StatementEntry);
  }

  /**
   * The next number of this bank's sequence (bank references, statement lines). Taken in memory and
   * written with the batch that uses it: the bank serialises its operations, so no two take one.
   */
  nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  async commit(write: StoreWrite): Promise<void> {
    const batch = this.db.batch();
    for (const account of write.accounts ?? []) batch.put(ACCOUNT + account.id, account);
    if (write.transfer !== undefined) batch.put(TRANSFER + write.transfer.key, write.transfer);
    for (const entry of write.entries ?? []) batch.put(`${STATEMENT}${entry.valueDate}/${String(this.nextSeq()).padStart(SEQ_DIGITS, '0')}`, entry);
    batch.put(SEQ_KEY, this.seq);
    await batch.write({ sync: true });
  }

  async close(): Promise<void> {
    await this.db.close();
  }

  private async read<T>(key: string): Promise<T | undefined> {
    const value = await this.db.get(key);
    return value === undefined ? undefined : (value as T);
  }
}
