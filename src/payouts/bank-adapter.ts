// What the payout dispatcher asks of a bank (docs/payouts.md §7): a transfer under an idempotency
// key, the status of a key, the day's statement. HttpBankAdapter speaks to the reference gateway
// (src/gateway/); a real bank's connector implements the same interface. The adapter's one rule:
// when it cannot know whether the bank executed a transfer (time-out, 5xx, a broken answer), it
// says so with BankUnknownOutcome and never guesses; the dispatcher then asks by key and resends
// under the same key.

export interface BankPayee {
  readonly bank: string;
  readonly name: string;
  readonly number: string;
}

export interface BankTransferRequest {
  readonly fromAccount: string;
  readonly to: BankPayee;
  readonly amountFen: number;
  readonly currency: string;
  /** The payout id in hex: what reconciliation matches the statement by. */
  readonly endToEndId: string;
  readonly remittance: string;
}

/** A transfer's final status: the same from a transfer call, a status query or a webhook. */
export interface BankTransferResult {
  /** The idempotency key the transfer was made under. */
  readonly key: string;
  readonly status: 'settled' | 'failed';
  readonly bankRef: string;
  /** YYYY-MM-DD, the bank's booking day. */
  readonly valueDate: string;
  readonly failureReason?: string;
}

export interface BankStatementEntry {
  readonly endToEndId: string;
  readonly amountFen: number;
  readonly direction: 'debit' | 'credit';
  readonly valueDate: string;
  readonly bankRef: string;
  /** The bank's account the entry is on, when the bank says. */
  readonly account?: string;
}

export interface BankAdapter {
  /** Throws BankUnknownOutcome when the bank may or may not have executed it, BankRefusal when it refused. */
  transfer(key: string, request: BankTransferRequest): Promise<BankTransferResult>;
  /** undefined: the bank has no transfer under this key. Throws BankUnavailable when it did not answer. */
  status(key: string): Promise<BankTransferResult | undefined>;
  /** The day's entries. Throws BankUnavailable when the bank did not answer, BankRefusal for a bad date. */
  statement(date: string): Promise<BankStatementEntry[]>;
}

/** A transfer whose fate is unknown: ask status(key), and resend under the same key only if the bank has none. */
export class BankUnknownOutcome extends Error {
  override name = 'BankUnknownOutcome';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A query the bank did not answer (time-out, 5xx, unreachable): nothing changed, ask again later. */
export class BankUnavailable extends Error {
  override name = 'BankUnavailable';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A definite refusal (4xx): the same request will be refused again. `code` is the bank's, e.g. IDEMPOTENCY_KEY_REUSED. */
export class BankRefusal extends Error {
  override name = 'BankRefusal';

  constructor(readonly code: string, readonly httpStatus: number, message: string) {
    super(message);
  }
}

export interface HttpBankAdapterOptions {
  /** The gateway's base URL, e.g. http://127.0.0.1:7390. */
  readonly baseUrl: string;
  /** How long one call may take before it counts as unanswered (default 10 s). */
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

const RESULT_STATUSES = new Set(['settled', 'failed']);
const DATE_RE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

/** The result for `key` in an answer, or undefined when it is not one (or is another key's). */
export function parseTransferResult(key: string, body: unknown): BankTransferResult | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { key: answeredKey, status, bankRef, valueDate, failureReason } = body as Record<string, unknown>;
  if ((answeredKey !== undefined && answeredKey !== key) || typeof status !== 'string' || !RESULT_STATUSES.has(status) || typeof bankRef !== 'string' || bankRef === ''
    || typeof valueDate !== 'string' || !DATE_RE.test(valueDate) || (failureReason !== undefined && typeof failureReason !== 'string')) {
    return undefined;
  }
  return { key, status: status as BankTransferResult['status'], bankRef, valueDate, ...(failureReason !== undefined ? { failureReason } : {}) };
}

function parseEntry(entry: unknown): BankStatementEntry | undefined {
  if (typeof entry !== 'object' || entry === null) return undefined;
  const { endToEndId, amountFen, direction, valueDate, bankRef, account } = entry as Record<string, unknown>;
  if (typeof endToEndId !== 'string' || !Number.isSafeInteger(amountFen) || (direction !== 'debit' && direction !== 'credit')
    || typeof valueDate !== 'string' || typeof bankRef !== 'string' || (account !== undefined && typeof account !== 'string')) {
    return undefined;
  }
  return { endToEndId, amountFen: amountFen as number, direction, valueDate, bankRef, ...(account !== undefined ? { account } : {}) };
}

type Answer = { readonly kind: 'answer'; readonly status: number; readonly body: unknown } | { readonly kind: 'none'; readonly why: string; readonly cause?: unknown };

export class HttpBankAdapter implements BankAdapter {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly fetch: typeof fetch;

  constructor(options: HttpBankAdapterOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  async transfer(key: string, request: BankTransferRequest): Promise<BankTransferResult> {
    const answer = await this.call('POST', '/transfers', { 'idempotency-key': key }, request);
    if (answer.kind === 'none') throw new BankUnknownOutcome(`transfer ${key}: ${answer.why}`, { cause: answer.cause });
    if (answer.status >= 500) throw new BankUnknownOutcome(`transfer ${key}: the bank answered ${answer.status}`);
    if (answer.status >= 400) throw refusal(answer.status, answer.body, `transfer ${key}`);
    const result = parseTransferResult(key, answer.body);
    if (result === undefined) throw new BankUnknownOutcome(`transfer ${key}: the bank's answer ${answer.status} is not a transfer result`);
    return result;
  }

  async status(key: string): Promise<BankTransferResult | undefined> {
    const answer = await this.call('GET', `/transfers/${encodeURIComponent(key)}`);
    if (answer.kind === 'none') throw new BankUnavailable(`status ${key}: ${answer.why}`, { cause: answer.cause });
    if (answer.status === 404 && problemCode(answer.body) === 'TRANSFER_UNKNOWN') return undefined;
    if (answer.status >= 500) throw new BankUnavailable(`status ${key}: the bank answered ${answer.status}`);
    if (answer.status >= 400) throw refusal(answer.status, answer.body, `status ${key}`);
    const result = parseTransferResult(key, answer.body);
    if (result === undefined) throw new BankUnavailable(`status ${key}: the bank's answer is not a transfer result`);
    return result;
  }

  async statement(date: string): Promise<BankStatementEntry[]> {
    const answer = await this.call('GET', `/statements/${encodeURIComponent(date)}`);
    if (answer.kind === 'none') throw new BankUnavailable(`statement ${date}: ${answer.why}`, { cause: answer.cause });
    if (answer.status >= 500) throw new BankUnavailable(`statement ${date}: the bank answered ${answer.status}`);
    if (answer.status >= 400) throw refusal(answer.status, answer.body, `statement ${date}`);
    const entries = (answer.body as { entries?: unknown } | null)?.entries;
    const parsed = Array.isArray(entries) ? entries.map(parseEntry) : undefined;
    if (parsed === undefined || parsed.some((entry) => entry === undefined)) {
      throw new BankUnavailable(`statement ${date}: the bank's answer is not a list of entries`);
    }
    return parsed as BankStatementEntry[];
  }

  /** One HTTP call; 'none' when no complete answer came back in time. */
  private async call(method: 'GET' | 'POST', path: string, headers: Record<string, string> = {}, body?: unknown): Promise<Answer> {
    try {
      const response = await this.fetch(`${this.baseUrl}${path}`, {
        method,
        headers: { accept: 'application/json', ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const text = await response.text();
      let parsed: unknown;
      try {
        parsed = text === '' ? undefined : JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      return { kind: 'answer', status: response.status, body: parsed };
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      return { kind: 'none', why: timedOut ? `no answer within ${this.timeoutMs} ms` : `no answer (${(error as Error).message})`, cause: error };
    }
  }
}

function problemCode(body: unknown): string | undefined {
  const code = (body as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

function refusal(status: number, body: unknown, what: string): BankRefusal {
  const code = problemCode(body) ?? `HTTP_${status}`;
  const detail = (body as { detail?: unknown } | undefined)?.detail;
  return new BankRefusal(code, status, `${what}: ${code}${typeof detail === 'string' ? `: ${detail}` : ''}`);
}
