// Logs what peers do wrong as counts, not as one line per event: a member's node flooding junk at
// thousands of requests a second would otherwise write gigabytes of log a day (one warning with a
// stack per request) and cost more CPU in logging than in refusing. Every intervalMs the log gets
// ONE line per (peer, source, reason) seen in the interval, with its count. Failures that are our
// own fault (a handler threw) also log their first error of the interval with its stack, once.
import type { Logger } from 'pino';

/** Distinct (peer, source, reason) keys per interval; beyond it, events only add to `dropped`. */
const KEYS_MAX = 1024;

export type FaultSide = 'peer' | 'ours';

interface Entry {
  readonly peerId: string;
  readonly source: string;
  readonly reason: string;
  readonly side: FaultSide;
  count: number;
}

export interface FaultLogComponents {
  readonly logger: Logger;
  readonly intervalMs: number;
  readonly stopSignal: AbortSignal;
}

export class FaultLog {
  private entries = new Map<string, Entry>();
  /** Sources whose own-fault error was already logged with its stack this interval. */
  private errorLogged = new Set<string>();
  private dropped = 0;
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(private readonly c: FaultLogComponents) {
    this.timer = setInterval(() => this.flush(), c.intervalMs);
    // The log must not keep a stopping process alive.
    this.timer.unref();
    c.stopSignal.addEventListener('abort', () => {
      clearInterval(this.timer);
      this.flush();
    }, { once: true });
  }

  /**
   * Counts one event. `source` is a protocol or topic name, `reason` a stable short code. For our
   * own faults, `error` is logged (with its stack) the first time per source and interval.
   */
  record(peerId: string, source: string, reason: string, side: FaultSide, error?: unknown): void {
    if (side === 'ours' && error !== undefined && !this.errorLogged.has(source) && this.errorLogged.size < KEYS_MAX) {
      this.errorLogged.add(source);
      this.c.logger.error({ event: 'p2p.handler.failed', source, peerId, err: error },
        'handler failed (further failures of this interval are counted)');
    }
    const key = `${peerId}\u0000${source}\u0000${reason}`;
    const entry = this.entries.get(key);
    if (entry !== undefined) {
      entry.count++;
    } else if (this.entries.size < KEYS_MAX) {
      this.entries.set(key, { peerId, source, reason, side, count: 1 });
    } else {
      this.dropped++;
    }
  }

  /** Writes the counts of the interval and starts the next. */
  flush(): void {
    const { logger, intervalMs } = this.c;
    for (const { peerId, source, reason, side, count } of this.entries.values()) {
      const record = { event: 'p2p.peer.faults', peerId, source, reason, side, count, intervalMs };
      if (side === 'peer') logger.warn(record, 'refused or penalised peer traffic in the interval');
      else logger.error(record, 'our handler failed on peer traffic in the interval');
    }
    if (this.dropped > 0) {
      logger.warn({ event: 'p2p.peer.faults-dropped', count: this.dropped, intervalMs }, 'more distinct faults than counted');
    }
    this.entries = new Map();
    this.errorLogged = new Set();
    this.dropped = 0;
  }
}
