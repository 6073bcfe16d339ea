// Delivers each transfer's final status to the configured URL, signed (webhook-signature.ts).
// A delivery is retried with backoff until the receiver answers 2xx or the attempts run out; it is
// kept in memory only: a receiver that misses one asks GET /transfers/:key, as the dispatcher does
// after any doubt. The `webhook` fault picks how the bank misbehaves: "twice" sends two deliveries,
// "late" one after a delay, "never" none.
import { deadline } from '../types/index.js';
import type { FinalStatusSink } from './bank.js';
import type { TransferAnswer, WebhookMode } from './schemas.js';
import { WEBHOOK_SIGNATURE_HEADER, signWebhook } from './webhook-signature.js';

export interface WebhookLogger {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
}

export interface WebhookOptions {
  readonly url: string;
  readonly secret: string;
  readonly nowMs: () => number;
  readonly logger?: WebhookLogger;
  /** The "late" mode's delay (default 5 s). */
  readonly lateDelayMs?: number;
  /** First retry delay, doubled each time up to retryDelayMaxMs (defaults 0.5 s and 30 s). */
  readonly retryDelayMs?: number;
  readonly retryDelayMaxMs?: number;
  /** Attempts per delivery, the first included (default 10). */
  readonly attemptsMax?: number;
  /** How long one attempt may take (default 5 s). */
  readonly attemptTimeoutMs?: number;
}

const silent: WebhookLogger = { info: () => undefined, warn: () => undefined };

export class WebhookDispatcher implements FinalStatusSink {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly pending = new Set<Promise<void>>();
  private readonly aborter = new AbortController();
  private closed = false;

  constructor(private readonly options: WebhookOptions) {}

  deliver(answer: TransferAnswer, mode: WebhookMode): void {
    const logger = this.options.logger ?? silent;
    if (this.closed) return;
    if (mode === 'never') {
      logger.info({ key: answer.key, mode }, 'webhook withheld (fault)');
      return;
    }
    const body = JSON.stringify(answer);
    const delayMs = mode === 'late' ? (this.options.lateDelayMs ?? 5000) : 0;
    const copies = mode === 'twice' ? 2 : 1;
    for (let i = 0; i < copies; i++) this.track(this.send(answer.key, body, delayMs));
  }

  /** Resolves once every delivery started so far has succeeded or given up. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** Drops what is scheduled and aborts what is in flight. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.aborter.abort();
    await this.idle();
  }

  private track(delivery: Promise<void>): void {
    this.pending.add(delivery);
    void delivery.finally(() => this.pending.delete(delivery));
  }

  private async send(key: string, body: string, firstDelayMs: number): Promise<void> {
    const logger = this.options.logger ?? silent;
    const attemptsMax = this.options.attemptsMax ?? 10;
    let delayMs = this.options.retryDelayMs ?? 500;
    if (firstDelayMs > 0 && !await this.sleep(firstDelayMs)) return;
    for (let attempt = 1; attempt <= attemptsMax && !this.closed; attempt++) {
      const outcome = await this.attempt(body);
      if (outcome === 'ok') {
        logger.info({ key, attempt }, 'webhook delivered');
        return;
      }
      logger.warn({ key, attempt, outcome }, 'webhook delivery failed');
      if (attempt === attemptsMax || !await this.sleep(delayMs)) break;
      delayMs = Math.min(delayMs * 2, this.options.retryDelayMaxMs ?? 30_000);
    }
    if (!this.closed) logger.warn({ key, attemptsMax }, 'webhook given up; the receiver must ask GET /transfers/:key');
  }

  /** 'ok' for a 2xx answer, otherwise what went wrong (a status or an error's name). */
  private async attempt(body: string): Promise<string> {
    // Signed at each attempt: a retry carries a fresh timestamp, within the receiver's window.
    const timestampS = Math.floor(this.options.nowMs() / 1000);
    // Not AbortSignal.any with the dispatcher's signal: Node 20 keeps an entry per call in that
    // long-lived signal for ever (src/types/deadline.ts).
    const attemptDeadline = deadline(this.options.attemptTimeoutMs ?? 5000, this.aborter.signal);
    try {
      const response = await fetch(this.options.url, {
        method: 'POST', body, signal: attemptDeadline.signal,
        headers: { 'content-type': 'application/json', [WEBHOOK_SIGNATURE_HEADER]: signWebhook(this.options.secret, timestampS, body) },
      });
      await response.arrayBuffer().catch(() => undefined);
      return response.ok ? 'ok' : `status ${response.status}`;
    } catch (error) {
      return (error as Error).name;
    } finally {
      attemptDeadline.release();
    }
  }

  /** Waits; false when the dispatcher closed meanwhile. */
  private sleep(delayMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const onAbort = (): void => resolve(false);
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.aborter.signal.removeEventListener('abort', onAbort);
        resolve(!this.closed);
      }, delayMs);
      this.timers.add(timer);
      this.aborter.signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}
