// The dispatcher's outbox (docs/payouts.md §6): one entry per payout it has started, written with
// sync: true before each step acts, so a crash at any point resumes from the step on disk and never
// sends a transfer it cannot account for. Steps: claiming → calling → answered → reported. The
// entry holds no bank details: those stay encrypted in the account store and are looked up again by
// the commitment, which fixes them, so a resumed call sends the same request.
import { ClassicLevel } from 'classic-level';
import type { BankTransferResult } from './bank-adapter.js';

export const OUTBOX_STEPS = ['claiming', 'calling', 'answered', 'reported'] as const;
export type OutboxStep = (typeof OUTBOX_STEPS)[number];

/** What the bank call is made of, fixed when the entry is first written. */
export interface OutboxPayload {
  readonly amountFen: number;
  readonly currency: string;
  /** Hex; the account store gives the details. */
  readonly accountCommitment: string;
  readonly fromAccount: string;
  readonly remittance: string;
  /** The case event whose verified receipt carried the order. */
  readonly eventSeq: number;
}

export interface OutboxEntry {
  /** The payout id in hex: the outbox key and the bank's idempotency key. */
  readonly id: string;
  readonly caseNo: string;
  readonly payload: OutboxPayload;
  readonly step: OutboxStep;
  /** Bank calls made (0 before the first). */
  readonly attempts: number;
  /** The order was claimed by another executor whose claim lapsed: the bank is asked before any call. */
  readonly takeover: boolean;
  readonly result?: BankTransferResult;
  readonly updatedAtMs: number;
}

export class OutboxError extends Error {
  override name = 'OutboxError';
}

export class Outbox {
  private constructor(private readonly db: ClassicLevel<string, OutboxEntry>) {}

  static async open(dir: string): Promise<Outbox> {
    const db = new ClassicLevel<string, OutboxEntry>(dir, { keyEncoding: 'utf8', valueEncoding: 'json' });
    try {
      await db.open();
    } catch (error) {
      const cause = (error as { cause?: unknown }).cause;
      throw new OutboxError(`cannot open the outbox ${dir}: ${cause instanceof Error ? cause.message : (error as Error).message}`);
    }
    return new Outbox(db);
  }

  async get(id: string): Promise<OutboxEntry | undefined> {
    return (await this.db.get(id)) ?? undefined;
  }

  /** Durable when it resolves: the step is on disk before the dispatcher acts on it. */
  async put(entry: OutboxEntry): Promise<void> {
    if (!OUTBOX_STEPS.includes(entry.step)) throw new OutboxError(`unknown outbox step "${String(entry.step)}"`);
    await this.db.put(entry.id, entry, { sync: true });
  }

  /** Forgets an entry nothing was sent for (the order is another executor's). */
  async delete(id: string): Promise<void> {
    await this.db.del(id, { sync: true });
  }

  /** Every entry not yet reported, by id: what a dispatcher resumes on start. */
  async unfinished(): Promise<OutboxEntry[]> {
    const entries: OutboxEntry[] = [];
    for await (const value of this.db.values()) if (value.step !== 'reported') entries.push(value);
    return entries;
  }

  async all(): Promise<OutboxEntry[]> {
    return this.db.values().all();
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}
