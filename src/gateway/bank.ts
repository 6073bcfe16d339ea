// The reference bank's rules (docs/payouts.md §7): accounts, transfers executed at most once per
// idempotency key, the day's statement, and the fault switches the payout tests turn. Operations
// run one at a time (a balance is read, changed and written without another in between), and each
// is durable (store.ts) before it answers or a webhook leaves.
import { sha256 } from '../crypto/hash.js';
import { toHex } from '../types/index.js';
import { GatewayError } from './errors.js';
import type {
  Account, AccountOpen, Credit, CreditAnswer, Faults, FaultsPatch, StatementEntry, TransferAnswer, TransferRequest, WebhookMode,
} from './schemas.js';
import type { GatewayStore } from './store.js';

export const DEFAULT_CURRENCY = 'CNY';
/** Value dates are China's calendar days (UTC+08:00): the day a court's bank books the money on. */
const CHINA_OFFSET_MS = 8 * 3600_000;

/** Where a transfer's final status goes once it is durable (webhooks.ts). */
export interface FinalStatusSink {
  deliver(answer: TransferAnswer, mode: WebhookMode): void;
}

export interface BankDeps {
  readonly store: GatewayStore;
  readonly nowMs: () => number;
  readonly webhooks?: FinalStatusSink;
}

export interface TransferOutcome {
  readonly answer: TransferAnswer;
  /** The timeoutAfterAccept fault: the transfer is done, the caller must never hear so. */
  readonly hold: boolean;
  /** The key was known: this is its first answer again, nothing was executed now. */
  readonly replay: boolean;
}

export const DEFAULT_FAULTS: Faults = {
  failNext: 0, timeoutAfterAccept: 0, rejectNext: 0, webhook: 'normal', idempotency: true, duplicateStatementEntry: 0,
};

/** The China calendar date (YYYY-MM-DD) of an instant. */
export function valueDateOf(ms: number): string {
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** YYYY-MM-DD naming a real calendar day (no 2024-02-30). */
export function isCalendarDate(text: string): boolean {
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(text)) return false;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === text;
}

/** JSON with object keys sorted at every level: one text for one payload, whatever the key order sent. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Hex SHA-256 of the request's canonical JSON: what decides "same payload" for a reused key. */
export function payloadDigest(request: TransferRequest): string {
  return toHex(sha256(new TextEncoder().encode(canonicalJson(request))));
}

export class Bank {
  private current: Faults = { ...DEFAULT_FAULTS };
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: BankDeps) {}

  faults(): Faults {
    return { ...this.current };
  }

  /** Applies the switches given; the others keep their values. Counters count down as they fire. */
  setFaults(patch: FaultsPatch): Faults {
    const { duplicateStatementEntry, ...rest } = patch;
    const duplicates = duplicateStatementEntry === undefined ? {}
      : { duplicateStatementEntry: typeof duplicateStatementEntry === 'boolean' ? Number(duplicateStatementEntry) : duplicateStatementEntry };
    this.current = { ...this.current, ...stripUndefined(rest), ...duplicates };
    return this.faults();
  }

  openAccount(input: AccountOpen): Promise<Account> {
    return this.serial(async () => {
      if (await this.deps.store.account(input.id) !== undefined) throw new GatewayError('ACCOUNT_EXISTS', `account ${input.id} exists already`);
      const account: Account = { ...input, currency: input.currency ?? DEFAULT_CURRENCY };
      await this.deps.store.commit({ accounts: [account] });
      return account;
    });
  }

  async account(id: string): Promise<Account> {
    const account = await this.deps.store.account(id);
    if (account === undefined) throw new GatewayError('ACCOUNT_UNKNOWN', `no account ${id}`);
    return account;
  }

  /** Money coming in to one of our accounts (a debtor's payment): a credit line of the statement. */
  credit(id: string, credit: Credit): Promise<CreditAnswer> {
    return this.serial(async () => {
      const account = await this.account(id);
      const balanceFen = account.balanceFen + credit.amountFen;
      if (!Number.isSafeInteger(balanceFen)) throw new GatewayError('BODY_INVALID', 'the balance would exceed 2^53 fen');
      const valueDate = valueDateOf(this.deps.nowMs());
      const bankRef = this.bankRef(valueDate);
      const entry: StatementEntry = { endToEndId: credit.endToEndId, amountFen: credit.amountFen, direction: 'credit', valueDate, bankRef, account: id };
      await this.deps.store.commit({ accounts: [{ ...account, balanceFen }], entries: [entry] });
      return { account: id, amountFen: credit.amountFen, endToEndId: credit.endToEndId, bankRef, valueDate, balanceFen };
    });
  }

  /**
   * Executes a transfer once per key: the same key with the same payload answers the first answer
   * again, with another payload IDEMPOTENCY_KEY_REUSED. A short balance (or the rejectNext fault)
   * makes a failed transfer, which is an answer too and kept under its key.
   */
  transfer(key: string, request: TransferRequest): Promise<TransferOutcome> {
    // Taken before the queue: the time the request arrived, whatever runs ahead of it.
    const receivedAtMs = this.deps.nowMs();
    return this.serial(async () => {
      if (this.current.failNext > 0) {
        this.current.failNext -= 1;
        throw new GatewayError('UNAVAILABLE', 'the bank is unavailable (failNext); nothing was executed');
      }
      const digest = payloadDigest(request);
      const known = this.current.idempotency ? await this.deps.store.transfer(key) : undefined;
      if (known !== undefined && known.payloadDigest !== digest) {
        throw new GatewayError('IDEMPOTENCY_KEY_REUSED', `key ${key} was used for another transfer; nothing was executed`);
      }
      const answer = known?.answer ?? await this.execute(key, request, digest, receivedAtMs);
      const hold = this.current.timeoutAfterAccept > 0;
      if (hold) this.current.timeoutAfterAccept -= 1;
      return { answer, hold, replay: known !== undefined };
    });
  }

  async transferStatus(key: string): Promise<TransferAnswer> {
    const known = await this.deps.store.transfer(key);
    if (known === undefined) throw new GatewayError('TRANSFER_UNKNOWN', `no transfer with key ${key}`);
    return known.answer;
  }

  async statement(date: string): Promise<StatementEntry[]> {
    if (!isCalendarDate(date)) throw new GatewayError('DATE_INVALID', `"${date}" is not a calendar date YYYY-MM-DD`);
    return this.deps.store.statement(date);
  }

  /** Waits for the operations already started (for a clean close). */
  async drain(): Promise<void> {
    await this.queue.catch(() => undefined);
  }

  private async execute(key: string, request: TransferRequest, digest: string, receivedAtMs: number): Promise<TransferAnswer> {
    const account = await this.account(request.fromAccount);
    const executedAtMs = this.deps.nowMs();
    const valueDate = valueDateOf(executedAtMs);
    const bankRef = this.bankRef(valueDate);
    const failureReason = this.failureOf(account, request);
    const answer: TransferAnswer = failureReason === undefined
      ? { key, status: 'settled', bankRef, valueDate, receivedAtMs }
      : { key, status: 'failed', bankRef, valueDate, failureReason, receivedAtMs };
    const transfer = { key, payloadDigest: digest, request, answer, executedAtMs };
    if (failureReason !== undefined) {
      await this.deps.store.commit({ transfer });
    } else {
      const entry: StatementEntry = {
        endToEndId: request.endToEndId, amountFen: request.amountFen, direction: 'debit', valueDate, bankRef, account: account.id,
      };
      const copies = this.current.duplicateStatementEntry > 0 ? 2 : 1;
      if (copies === 2) this.current.duplicateStatementEntry -= 1;
      await this.deps.store.commit({
        accounts: [{ ...account, balanceFen: account.balanceFen - request.amountFen }], transfer, entries: Array(copies).fill(entry),
      });
    }
    this.deps.webhooks?.deliver(answer, this.current.webhook);
    return answer;
  }

  private failureOf(account: Account, request: TransferRequest): string | undefined {
    if (this.current.rejectNext > 0) {
      this.current.rejectNext -= 1;
      return 'REJECTED';
    }
    if (request.currency !== account.currency) return 'CURRENCY_MISMATCH';
    if (account.balanceFen < request.amountFen) return 'INSUFFICIENT_FUNDS';
    return undefined;
  }

  private bankRef(valueDate: string): string {
    return `GW${valueDate.replaceAll('-', '')}-${String(this.deps.store.nextSeq()).padStart(10, '0')}`;
  }

  private serial<T>(operation: () => Promise<T>): Promise<T> {
    const next = this.queue.catch(() => undefined).then(operation);
    this.queue = next;
    return next;
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
