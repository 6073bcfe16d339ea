// The payout dispatcher (docs/payouts.md §6): takes the orders its source proved, checks the payee's
// account, writes the outbox entry, claims the order on chain, calls the bank under the payout id as
// idempotency key, records the answer and reports it on chain. Every step is on disk (sync) before
// it acts, and a dispatcher started on the same outbox resumes each unfinished entry from its step:
// before `calling` it claims again; from `calling` on it asks the bank by key before sending, and
// sends the same request only when the bank has no transfer under that key. So each order is paid
// at most once whatever crashes, and at least once as long as the bank and a node answer.
import type { Logger } from 'pino';
import type { Clock } from '../types/index.js';
import { toHex } from '../types/index.js';
import type { AccountSource } from './account-store.js';
import type { ChainAnswer, PayoutChain } from './chain.js';
import type { OrderSource, VerifiedOrder } from './order-source.js';
import type { Outbox, OutboxEntry } from './outbox.js';
import { BankRefusal, type BankAdapter, type BankTransferRequest, type BankTransferResult } from './bank-adapter.js';

/** How often the source is asked for approved orders; a round's payouts run on meanwhile. */
const POLL_INTERVAL_MS = 500;

export const FAILPOINTS = ['before-outbox', 'after-outbox', 'after-call', 'after-answer', 'during-retry'] as const;
export type Failpoint = (typeof FAILPOINTS)[number];

export interface DispatcherOptions {
  readonly source: OrderSource;
  readonly chain: PayoutChain;
  /** The bank's transfer and status calls; the statement is reconciliation's. */
  readonly bank: Pick<BankAdapter, 'transfer' | 'status'>;
  readonly accounts: AccountSource;
  readonly outbox: Outbox;
  /** The court's case account the transfers leave from. */
  readonly fromAccount: string;
  readonly logger: Logger;
  readonly clock: Clock;
  /** Waits; tests pass one that returns at once. */
  readonly sleep: (ms: number) => Promise<void>;
  /** Called at each crash-test point; the CLI's kills the process there (TIANPING_PAYOUTS_FAILPOINT). */
  readonly failpoint?: (step: Failpoint) => void;
  /** Orders in flight at once. Default 8. */
  readonly concurrency?: number;
  /** Between two polls of the source. Default 2 s. */
  readonly pollIntervalMs?: number;
  /** Backoff of the retries on an unknown outcome: first wait, doubling up to the most. Default 500 ms, 30 s. */
  readonly retryInitialMs?: number;
  readonly retryMaxMs?: number;
}

/** What happened to a bank status handed in (a webhook). */
export type BankUpdateResult = 'taken' | 'ignored';

/** Resume an unfinished entry: 'new' for one this round has just written. */
type Origin = 'new' | 'resumed';

export class Dispatcher {
  readonly #o: DispatcherOptions;
  readonly #inFlight = new Map<string, Promise<void>>();
  // Final statuses from webhooks, taken by the entry's call loop exactly as a status query's answer.
  readonly #heard = new Map<string, BankTransferResult>();
  readonly #wake = new Map<string, () => void>();
  #slots: number;
  readonly #queue: (() => void)[] = [];
  #stopped = false;
  #loop: Promise<void> | undefined;
  #stopLoop: (() => void) | undefined;

  constructor(options: DispatcherOptions) {
    this.#o = options;
    this.#slots = options.concurrency ?? 8;
  }

  /**
   * Resumes the outbox, then polls the source every pollIntervalMs until stop(). A round does not
   * wait for the payouts it started: an order approved while others are being paid is picked up
   * by the next poll (ids in flight are skipped), so the time from approval to the bank is one
   * poll interval at most, not the slowest payout of the round before.
   */
  start(): void {
    this.#loop ??= (async () => {
      while (!this.#stopped) {
        await this.#round();
        if (this.#stopped) break;
        await new Promise<void>((resolve) => {
          this.#stopLoop = resolve;
          void this.#o.sleep(this.#o.pollIntervalMs ?? POLL_INTERVAL_MS).then(resolve);
        });
      }
    })();
  }

  /** Stops polling and waits for the orders in flight to reach a step on disk. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#stopLoop?.();
    for (const wake of this.#wake.values()) wake();
    await this.#loop;
    await Promise.allSettled([...this.#inFlight.values()]);
  }

  /** One round: every unfinished outbox entry resumed, then every order the source proves. Resolves when all are done. */
  async runOnce(): Promise<void> {
    await Promise.all(await this.#round());
  }

  /** Starts the round's payouts and returns them unfinished. */
  async #round(): Promise<Promise<void>[]> {
    const tasks: Promise<void>[] = [];
    for (const entry of await this.#o.outbox.unfinished()) tasks.push(this.#run(entry.id, () => this.#drive(entry, 'resumed')));
    let orders: VerifiedOrder[] = [];
    try {
      orders = await this.#o.source.poll(new Set(this.#inFlight.keys()));
    } catch (error) {
      this.#o.logger.error({ event: 'payout.poll-failed', err: error }, 'reading the approved orders failed; next round retries');
    }
    for (const order of orders) tasks.push(this.#run(order.id, () => this.#start(order)));
    return tasks;
  }

  /**
   * A transfer's final status from the bank's webhook: taken by its entry as from a status query
   * when the entry waits for the bank; a duplicate or late one (entry answered, reported, unknown) changes nothing.
   */
  async bankUpdate(outcome: BankTransferResult): Promise<BankUpdateResult> {
    const entry = await this.#o.outbox.get(outcome.key);
    const log = this.#o.logger.child({ payoutId: outcome.key });
    if (entry?.step !== 'calling') {
      log.info({ event: 'payout.webhook-ignored', step: entry?.step ?? 'none' }, 'bank status not needed: the entry is not waiting for the bank');
      return 'ignored';
    }
    this.#heard.set(outcome.key, outcome);
    this.#wake.get(outcome.key)?.();
    log.info({ event: 'payout.webhook', status: outcome.status }, 'bank status received');
    if (!this.#inFlight.has(outcome.key)) await this.#run(outcome.key, () => this.#drive(entry, 'resumed'));
    return 'taken';
  }

  /** One task per payout id at a time, at most `concurrency` at once; an error is logged and the entry waits for the next round. */
  #run(id: string, task: () => Promise<void>): Promise<void> {
    if (this.#inFlight.has(id) || this.#stopped) return Promise.resolve();
    const log = this.#o.logger.child({ payoutId: id });
    const running = (async () => {
      await this.#acquire();
      try {
        await task();
      } catch (error) {
        log.error({ event: 'payout.step-failed', err: error }, `payout stopped at its step: ${(error as Error).message}`);
      } finally {
        this.#release();
        this.#inFlight.delete(id);
      }
    })();
    this.#inFlight.set(id, running);
    return running;
  }

  async #acquire(): Promise<void> {
    if (this.#slots > 0) {
      this.#slots--;
      return;
    }
    await new Promise<void>((resolve) => this.#queue.push(resolve));
  }

  #release(): void {
    const next = this.#queue.shift();
    if (next !== undefined) next();
    else this.#slots++;
  }

  /** Steps 2–3: the account checked, the entry written (claiming) before anything else. */
  async #start(order: VerifiedOrder): Promise<void> {
    const log = this.#o.logger.child({ payoutId: order.id, caseNo: order.caseNo });
    const known = await this.#o.outbox.get(order.id);
    if (known !== undefined) {
      if (known.step !== 'reported') await this.#drive(known, 'resumed');
      return;
    }
    const commitment = toHex(order.order.accountCommitment);
    const account = await this.#o.accounts.lookup(commitment);
    if (!account.ok) {
      log.warn({ event: 'payout.account-refused', reason: account.reason }, `order not paid: ${account.reason}`);
      return;
    }
    this.#failpoint('before-outbox');
    const entry: OutboxEntry = {
      id: order.id, caseNo: order.caseNo, step: 'claiming', attempts: 0, takeover: order.takeover, updatedAtMs: this.#o.clock.nowMs(),
      payload: { amountFen: order.order.amountFen, currency: order.order.currency, accountCommitment: commitment,
        fromAccount: this.#o.fromAccount, remittance: `${order.caseNo} payout ${order.order.payoutSeq}/${order.order.payeeIndex}`,
        eventSeq: order.eventSeq },
    };
    await this.#o.outbox.put(entry);
    log.info({ event: 'payout.outbox', step: 'claiming', amountFen: entry.payload.amountFen, takeover: entry.takeover }, 'order taken');
    this.#failpoint('after-outbox');
    await this.#drive(entry, 'new');
  }

  async #drive(first: OutboxEntry, origin: Origin): Promise<void> {
    let entry: OutboxEntry | undefined = first;
    let resumed = origin === 'resumed';
    while (entry !== undefined && !this.#stopped) {
      switch (entry.step) {
        case 'claiming': entry = await this.#claim(entry); resumed = false; break;
        case 'calling': entry = await this.#call(entry, resumed); break;
        case 'answered': entry = await this.#report(entry); break;
        case 'reported': return;
      }
    }
  }

  /** Step 4: the claim committed, or the entry dropped (another executor's). A takeover asks the bank first. */
  async #claim(entry: OutboxEntry): Promise<OutboxEntry | undefined> {
    const log = this.#log(entry);
    const answer = await this.#o.chain.claim(entry.id);
    if (!answer.committed) {
      const reason = answer.code === 'PAYOUT_CLAIMED' ? 'another executor holds a live claim: it pays' : answer.message;
      log.info({ event: 'payout.claim-refused', code: answer.code }, `claim refused, entry dropped: ${reason}`);
      await this.#o.outbox.delete(entry.id);
      return undefined;
    }
    log.info({ event: 'payout.claimed', height: answer.height }, 'claim committed');
    if (entry.takeover) {
      const known = await this.#o.bank.status(entry.id);
      if (known !== undefined) return this.#answered(entry, known, 'the bank already has this transfer (taken-over claim)');
    }
    return { ...entry, step: 'calling' };
  }

  /** Step 5: the transfer, sent under the payout id; on an unknown outcome the bank is asked, then the same request sent again. */
  async #call(entry: OutboxEntry, resumed: boolean): Promise<OutboxEntry | undefined> {
    const log = this.#log(entry);
    const request = await this.#request(entry);
    let askFirst = resumed;
    let backoff = this.#o.retryInitialMs ?? 500;
    let current = entry;
    while (!this.#stopped) {
      const heard = this.#heard.get(entry.id);
      if (heard !== undefined) return this.#answered(current, heard, 'from the bank\'s webhook');
      if (askFirst) {
        const known = await this.#askStatus(current, log);
        if (known === 'unknown') {
          backoff = await this.#backoff(entry.id, backoff);
          continue;
        }
        if (known !== undefined) return this.#answered(current, known, 'from a status query');
      }
      current = { ...current, step: 'calling', attempts: current.attempts + 1, updatedAtMs: this.#o.clock.nowMs() };
      await this.#o.outbox.put(current);
      log.info({ event: 'payout.call', attempt: current.attempts }, 'calling the bank');
      const outcome = await this.#transfer(entry.id, request, log);
      if (outcome !== undefined) {
        this.#failpoint('after-call');
        return this.#answered(current, outcome, 'from the transfer call');
      }
      this.#failpoint('during-retry');
      backoff = await this.#backoff(entry.id, backoff);
      askFirst = true;
    }
    return undefined;
  }

  /** The bank's answer, or undefined when its outcome is unknown. A definite refusal throws: resending cannot help. */
  async #transfer(id: string, request: BankTransferRequest, log: Logger): Promise<BankTransferResult | undefined> {
    try {
      return await this.#o.bank.transfer(id, request);
    } catch (error) {
      if (error instanceof BankRefusal) throw error;
      log.warn({ event: 'payout.unknown-outcome', err: error }, 'the bank\'s answer is unknown: asking it by key before sending again');
      return undefined;
    }
  }

  /** The bank's transfer under the id, undefined when it has none, 'unknown' when it cannot say now. */
  async #askStatus(entry: OutboxEntry, log: Logger): Promise<BankTransferResult | undefined | 'unknown'> {
    try {
      return await this.#o.bank.status(entry.id);
    } catch (error) {
      if (error instanceof BankRefusal) throw error;
      log.warn({ event: 'payout.status-unknown', err: error }, 'the bank cannot say whether it has the transfer: waiting');
      return 'unknown';
    }
  }

  /** Waits the backoff (a webhook for the id cuts it short); returns the next one, doubled up to the most. */
  async #backoff(id: string, ms: number): Promise<number> {
    await new Promise<void>((resolve) => {
      this.#wake.set(id, resolve);
      void this.#o.sleep(ms).then(resolve);
    });
    this.#wake.delete(id);
    return Math.min(ms * 2, this.#o.retryMaxMs ?? 30_000);
  }

  /** The request is rebuilt from the stored details each time: the commitment fixes them, so it is the same request. */
  async #request(entry: OutboxEntry): Promise<BankTransferRequest> {
    const account = await this.#o.accounts.lookup(entry.payload.accountCommitment);
    if (!account.ok) throw new Error(`the payee's account is no longer usable: ${account.reason}`);
    const { bank, name, number } = account.account;
    return { fromAccount: entry.payload.fromAccount, to: { bank, name, number }, amountFen: entry.payload.amountFen,
      currency: entry.payload.currency, endToEndId: entry.id, remittance: entry.payload.remittance };
  }

  /** Step 6, first half: the bank's answer on disk before it is reported. */
  async #answered(entry: OutboxEntry, outcome: BankTransferResult, how: string): Promise<OutboxEntry> {
    const next: OutboxEntry = { ...entry, step: 'answered', result: outcome, updatedAtMs: this.#o.clock.nowMs() };
    await this.#o.outbox.put(next);
    this.#heard.delete(entry.id);
    this.#log(entry).info({ event: 'payout.answered', status: outcome.status, bankRef: outcome.bankRef }, `bank answer recorded (${how})`);
    this.#failpoint('after-answer');
    return next;
  }

  /** Step 6, second half: the PayoutResult committed (or already there), then step reported. */
  async #report(entry: OutboxEntry): Promise<OutboxEntry | undefined> {
    const log = this.#log(entry);
    const outcome = entry.result;
    if (outcome === undefined) throw new Error('an answered entry holds no bank answer');
    const answer: ChainAnswer = await this.#o.chain.report(entry.id, entry.payload.amountFen, outcome);
    if (!answer.committed && answer.code === 'PAYOUT_NOT_CLAIMANT') {
      // Another executor took the lapsed claim over: claim again (refused while its claim lives:
      // it pays, asking the bank first and finding this transfer), or take it back and report.
      log.warn({ event: 'payout.not-claimant' }, 'the claim was taken over: claiming again before reporting');
      const back: OutboxEntry = { ...entry, step: 'claiming', takeover: true, updatedAtMs: this.#o.clock.nowMs() };
      await this.#o.outbox.put(back);
      return back;
    }
    if (!answer.committed && answer.code !== 'PAYOUT_ALREADY_SETTLED') {
      throw new Error(`the result was refused (${answer.code}: ${answer.message}); kept as answered for the next round`);
    }
    const done: OutboxEntry = { ...entry, step: 'reported', updatedAtMs: this.#o.clock.nowMs() };
    await this.#o.outbox.put(done);
    log.info({ event: 'payout.reported', status: outcome.status, ...(answer.committed ? { height: answer.height } : { code: answer.code }) },
      'result on chain');
    return undefined;
  }

  #log(entry: OutboxEntry): Logger {
    return this.#o.logger.child({ payoutId: entry.id, caseNo: entry.caseNo });
  }

  #failpoint(step: Failpoint): void {
    this.#o.failpoint?.(step);
  }
}
