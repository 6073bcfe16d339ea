// The node pushes its checkpoints to the witnesses of its config (witnesses.list), as `tianping
// witness submit` does from a timer (the same exchange: witness/submit.ts), and keeps the newest
// checkpoint each one cosigned (node/witness-cosigned.ts) so that receipts can carry them
// (docs/receipt-format.md §13.5).
//
// A round sends the latest checkpoint note to every witness that is not backing off, all at once,
// so that they cosign the same note and their lines can be served together. A round starts at most
// every intervalMs, and only when a block committed since the last one; with everyHeights > 0 it
// also starts once that many heights committed. One round at a time. A witness that fails (cannot
// be reached, refuses) is retried after a backoff that doubles from intervalMs up to BACKOFF_MAX_MS;
// a refusal that says the chain forked (WITNESS_FORK) is logged as an error, since a witness would
// only say so if another history of this chain had been signed.
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Clock, Timers } from '../types/index.js';
import {
  parseCosignerKey, postAddCheckpoint, proofLines, submitCheckpoint, verifyCosignatures, type CosignerKey, type WitnessReply,
} from '../witness/index.js';
import { COSIGNED_FILE, CosignedFile, mergeCosigned, type CosignedCheckpoint, type WitnessRecord } from './witness-cosigned.js';

/** The longest a failed witness waits before it is tried again. */
export const BACKOFF_MAX_MS = 10 * 60_000;
/** How long one request to a witness may take: a hung witness must not hold the rounds. */
export const WITNESS_REQUEST_TIMEOUT_MS = 10_000;

export interface WitnessTarget {
  readonly url: string;
  /** The verifier key as configured (the record's key). */
  readonly verifierKey: string;
  readonly key: CosignerKey;
}

/** Reads config witnesses.list items ("<URL> <verifier key>", checked by the config loader). */
export function witnessTargets(list: readonly string[]): WitnessTarget[] {
  return list.map((item) => {
    const [url, verifierKey] = item.split(' ') as [string, string];
    return { url: url.replace(/\/+$/, ''), verifierKey, key: parseCosignerKey(verifierKey) };
  });
}

export interface WitnessPushOptions {
  readonly witnesses: readonly WitnessTarget[];
  readonly intervalMs: number;
  readonly everyHeights: number;
  /** The folder of the ledger: the record is kept there. */
  readonly dataDir: string;
  /** The node's latest checkpoint, signed (NodeCore.checkpoint). */
  checkpoint(): Promise<string>;
  /** The committed height. */
  tipHeight(): number;
  /** The consistency proof between two sizes, hex hashes (NodeCore.historyConsistency). */
  consistency(from: number, to: number): Promise<{ readonly proof: readonly string[] }>;
  readonly timers: Timers;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Sends to a witness (default: HTTP POST to <url>/add-checkpoint); tests inject their own. */
  post?(url: string, body: string): Promise<WitnessReply>;
}

interface Backoff {
  readonly failures: number;
  readonly retryAtMs: number;
}

export class WitnessPush {
  private readonly file: CosignedFile;
  private records = new Map<string, WitnessRecord>();
  private readonly backoff = new Map<string, Backoff>();
  private cancelTimer: (() => void) | undefined;
  private round: Promise<void> | undefined;
  /** The height of the checkpoint last sent (its header's height); 0 before any round. */
  private lastHeight = 0;
  private stopped = false;

  constructor(private readonly o: WitnessPushOptions) {
    this.file = new CosignedFile(join(o.dataDir, COSIGNED_FILE));
  }

  /** Reads the record. A file that does not read is logged and replaced at the next cosignature: it is no consensus state. */
  start(): void {
    try {
      this.records = this.file.load();
    } catch (error) {
      this.o.logger.error({ err: error, file: this.file.path, code: 'WITNESS_RECORD_INVALID' },
        'the record of witness cosignatures does not read: starting without it (receipts carry cosignatures again after the next round)');
    }
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelTimer?.();
    await this.round;
  }

  /** After each commit: a round once everyHeights heights committed since the last one. */
  committed(height: number): void {
    if (this.o.everyHeights > 0 && height - this.lastHeight >= this.o.everyHeights) void this.runRound();
  }

  /** The newest checkpoint cosigned by at least `count` witnesses, with all their lines (mergeCosigned). */
  cosigned(count: number): CosignedCheckpoint | undefined {
    return mergeCosigned(this.records, count);
  }

  get witnessCount(): number {
    return this.o.witnesses.length;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.cancelTimer = this.o.timers.schedule(() => {
      void this.runRound().finally(() => this.schedule(this.o.intervalMs));
    }, delayMs);
  }

  /** One round at a time: a round asked for while one runs is that round. */
  runRound(): Promise<void> {
    this.round ??= this.pushAll().catch((error: unknown) => {
      this.o.logger.warn({ err: error }, 'witness push round failed');
    }).finally(() => {
      this.round = undefined;
    });
    return this.round;
  }

  private async pushAll(): Promise<void> {
    const height = this.o.tipHeight();
    if (height < 1 || height <= this.lastHeight || this.stopped) return;
    const note = await this.o.checkpoint();
    this.lastHeight = height;
    const now = this.o.clock.nowMs();
    const due = this.o.witnesses.filter((witness) => (this.backoff.get(witness.verifierKey)?.retryAtMs ?? 0) <= now);
    const results = await Promise.all(due.map((witness) => this.pushOne(witness, note, height - 1)));
    if (results.some((changed) => changed)) this.file.save(this.records);
  }

  /** Sends the note to one witness; true when its record changed. */
  private async pushOne(witness: WitnessTarget, note: string, size: number): Promise<boolean> {
    const record = this.records.get(witness.verifierKey) ?? { held: 0 };
    let result;
    try {
      result = await submitCheckpoint(note, size, record.held, {
        proof: async (from) => proofLines((await this.o.consistency(from, size)).proof),
        post: (body) => (this.o.post ?? postWitness)(witness.url, body),
      });
    } catch (error) {
      this.failed(witness, 'WITNESS_UNREACHABLE', (error as Error).message);
      return false;
    }
    if (!result.ok && result.held !== undefined && result.held > size) {
      // Another node of the chain pushed a newer checkpoint: nothing failed, the next round goes on from there.
      this.records.set(witness.verifierKey, { ...record, held: result.held });
      return true;
    }
    if (!result.ok) {
      this.failed(witness, result.code, result.message);
      if (result.held === undefined || result.held === record.held) return false;
      this.records.set(witness.verifierKey, { ...record, held: result.held });
      return true;
    }
    const cosigned = note + result.cosignatures;
    // A line that does not verify under the key configured is no cosignature to serve.
    if (!verifyCosignatures(cosigned, [witness.key], 1).ok) {
      this.failed(witness, 'WITNESS_COSIGNATURE_INVALID', 'the witness answered with no valid cosignature under its configured key');
      return false;
    }
    this.backoff.delete(witness.verifierKey);
    this.records.set(witness.verifierKey, { held: size, cosigned: { size, note: cosigned } });
    this.o.logger.debug({ witness: witness.url, size }, 'checkpoint cosigned by witness');
    return true;
  }

  private failed(witness: WitnessTarget, code: string, message: string): void {
    const failures = (this.backoff.get(witness.verifierKey)?.failures ?? 0) + 1;
    const delay = Math.min(BACKOFF_MAX_MS, this.o.intervalMs * 2 ** Math.min(failures - 1, 20));
    this.backoff.set(witness.verifierKey, { failures, retryAtMs: this.o.clock.nowMs() + delay });
    const fields = { witness: witness.url, code, failures, retryInMs: delay };
    if (code === 'WITNESS_FORK') this.o.logger.error(fields, `witness refused the checkpoint as a fork of one it cosigned: ${message}`);
    else this.o.logger.warn(fields, `witness did not cosign: ${message}`);
  }
}

function postWitness(url: string, body: string): Promise<WitnessReply> {
  return postAddCheckpoint(url, body, WITNESS_REQUEST_TIMEOUT_MS);
}
