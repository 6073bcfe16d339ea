// The progress of a bulk anchor on stderr: on a terminal one line redrawn in place, otherwise
// (a log file, a CI job) a plain line now and then, so logs stay readable and small.

export interface ProgressCounts {
  /** Items to anchor in this run, journaled ones included. */
  readonly total: number;
  /** Items whose digest is known (hashed now, or read from the journal). */
  readonly hashed: number;
  /** Items in a batch that was submitted. */
  readonly submitted: number;
  /** Items in a committed batch. */
  readonly committed: number;
}

export interface ProgressOptions {
  /** Read at every draw: the run keeps counting, the progress line only looks. */
  readonly counts: () => ProgressCounts;
  readonly write: (text: string) => void;
  readonly isTty: boolean;
  readonly nowMs?: () => number;
  /** Between redraws on a terminal. */
  readonly ttyIntervalMs?: number;
  /** Between plain lines elsewhere. */
  readonly plainIntervalMs?: number;
}

const TTY_INTERVAL_MS = 250;
const PLAIN_INTERVAL_MS = 10_000;

export class Progress {
  private readonly nowMs: () => number;
  private timer: ReturnType<typeof setInterval> | undefined;
  private startedAtMs = 0;
  // Items already done when the progress started (from the journal) do not count toward the rates.
  private baseline: ProgressCounts = { total: 0, hashed: 0, submitted: 0, committed: 0 };
  private drawn = false;
  private started = false;

  constructor(private readonly options: ProgressOptions) {
    this.nowMs = options.nowMs ?? (() => Date.now());
  }

  start(): void {
    this.started = true;
    this.startedAtMs = this.nowMs();
    this.baseline = { ...this.options.counts() };
    const intervalMs = this.options.isTty ? (this.options.ttyIntervalMs ?? TTY_INTERVAL_MS) : (this.options.plainIntervalMs ?? PLAIN_INTERVAL_MS);
    this.timer = setInterval(() => this.draw(), intervalMs);
    // Progress never keeps the process alive on its own.
    this.timer.unref();
  }

  /** Prints the final state and ends the redrawn line. */
  stop(): void {
    if (!this.started) return;
    this.started = false;
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    this.draw();
    if (this.options.isTty && this.drawn) this.options.write('\n');
    this.drawn = false;
  }

  /** Writes a message without breaking the redrawn line. */
  note(text: string): void {
    if (this.options.isTty && this.drawn) this.options.write('\r\x1b[K');
    this.options.write(text.endsWith('\n') ? text : text + '\n');
    if (this.options.isTty && this.drawn) this.draw();
  }

  line(): string {
    const { total, hashed, submitted, committed } = this.options.counts();
    const elapsedSeconds = Math.max((this.nowMs() - this.startedAtMs) / 1000, 1e-3);
    const base = this.baseline;
    const hashRate = (hashed - base.hashed) / elapsedSeconds;
    const commitRate = (committed - base.committed) / elapsedSeconds;
    // The slower stage sets the pace: hashing until everything is hashed, then committing. A stage
    // that has not moved yet gives no estimate rather than a made-up one.
    const etas = [
      hashed < total ? (hashRate > 0 ? (total - hashed) / hashRate : undefined) : 0,
      committed < total ? (commitRate > 0 ? (total - committed) / commitRate : undefined) : 0,
    ];
    const known = etas.every((eta) => eta !== undefined) ? Math.max(...(etas as number[])) : undefined;
    const rate = committed > base.committed ? commitRate : hashRate;
    return `hashed ${hashed}/${total} · submitted ${submitted} · committed ${committed} · ${formatRate(rate)} items/s · ETA ${known === undefined ? '?' : formatSeconds(known)}`;
  }

  private draw(): void {
    if (this.options.isTty) {
      this.options.write(`\r\x1b[K${this.line()}`);
      this.drawn = true;
    } else {
      this.options.write(`${this.line()}\n`);
    }
  }
}

function formatRate(rate: number): string {
  return rate >= 100 ? String(Math.round(rate)) : rate.toFixed(1);
}

export function formatSeconds(seconds: number): string {
  const s = Math.ceil(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
