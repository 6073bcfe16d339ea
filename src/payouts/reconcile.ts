// Reconciliation (docs/payouts.md §8): a day's bank statement against what the chain says. Each
// statement entry is matched by its end-to-end id (a payout id in hex, or for money received its
// bank reference) and its exact amount; the chain's orders that should have left the account and
// are not on the statement are flagged too. The matching is pure; the runner only gathers its
// inputs. The report is a stable JSON document (fixed key order, sorted entries): the same inputs
// give the same bytes, and the chain records their SHA-256 with the entries that concern orders.
import { ClientError } from '../client/client.js';
import { signRequest } from '../client/http-signature.js';
import { nodeJson } from '../client/node-json.js';
import type { Json } from '../contract/http.js';
import type { MoneyReceivedListSchema, PayoutListSchema, PayoutStatusName, ReconciliationStateName } from '../contract/payouts.js';
import type { KeyPair } from '../crypto/ed25519.js';
import { sha256 } from '../crypto/hash.js';
import { TianpingError, toHex, utf8 } from '../types/index.js';
import type { BankAdapter } from './bank-adapter.js';

export const RECONCILIATION_REPORT_FORMAT = 'tianping-payout-reconciliation';
/** The limit of docs/payouts.md §10: a PayoutReconciliation holds at most this many entries. */
export const RECONCILIATION_TX_ENTRIES_MAX = 10_000;

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const PAYOUT_ID_RE = /^[0-9a-f]{64}$/;

/** One line of the bank's statement of a day (the gateway's GET /statements/:date). */
export interface StatementEntry {
  readonly endToEndId: string;
  readonly amountFen: number;
  readonly direction: string;
  readonly valueDate: string;
  readonly bankRef: string;
}

/** A payout order as the chain's read gives it: what matching needs of it. */
export interface ChainOrder {
  readonly id: string;
  readonly caseNo: string;
  readonly amountFen: number;
  readonly status: PayoutStatusName;
  readonly moneyReceivedAtMs: number;
}

/** Money received as the chain recorded it (a RECEIVED payment report, or unmatched money). */
export interface ChainReceipt {
  readonly bankRef: string;
  readonly caseNo: string;
  readonly amountFen: number;
}

export type ReportSubject = 'payout' | 'money-received' | 'none';

export interface ReportEntry {
  /** What the entries are matched by: the payout id, the bank reference of money received, or the statement's end-to-end id. */
  readonly endToEndId: string;
  readonly state: ReconciliationStateName;
  /** What the id names on chain: an order, money received, or nothing known. */
  readonly subject: ReportSubject;
  readonly caseNo: string;
  /** The chain's amount (the order's, or the money reported); null when the chain knows none. */
  readonly chainAmountFen: number | null;
  /** The order's status on chain; empty for money received and unknown ids. */
  readonly chainStatus: string;
  /** The statement's entries under this id, in statement order (none for an unpaid order). */
  readonly statement: readonly {
    readonly endToEndId: string; readonly amountFen: number; readonly direction: string; readonly valueDate: string; readonly bankRef: string;
  }[];
}

export interface ReconciliationReport {
  readonly format: typeof RECONCILIATION_REPORT_FORMAT;
  readonly version: 1;
  readonly chainId: string;
  readonly date: string;
  readonly statementEntries: number;
  readonly counts: Readonly<Record<ReconciliationStateName, number>>;
  /** By end-to-end id. */
  readonly entries: readonly ReportEntry[];
}

/** An entry of the PayoutReconciliation tx (proto ReconciliationEntry, its state by name). */
export interface ReconciliationTxEntry {
  readonly endToEndId: string;
  readonly state: ReconciliationStateName;
  readonly amountFen: number;
  readonly caseNo: string;
}

/** The first millisecond after the China day (UTC+08:00) `date`; RECONCILIATION_INVALID for a date that is not one. */
export function statementDayEndMs(date: string): number {
  const startMs = DATE_RE.test(date) ? Date.parse(`${date}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(startMs) || new Date(startMs).toISOString().slice(0, 10) !== date) {
    throw new TianpingError('RECONCILIATION_INVALID', `the statement date must be a calendar date YYYY-MM-DD, got ${JSON.stringify(date)}`);
  }
  return startMs - CHINA_OFFSET_MS + DAY_MS;
}

function checkEntry(entry: StatementEntry, index: number): void {
  const bad = (what: string): never => {
    throw new TianpingError('RECONCILIATION_INVALID', `statement entry ${index}: ${what}`);
  };
  if (typeof entry.endToEndId !== 'string' || entry.endToEndId === '') bad('no end-to-end id');
  if (!Number.isSafeInteger(entry.amountFen) || entry.amountFen < 0) bad(`amountFen ${String(entry.amountFen)} is not a whole number of fen`);
  if (typeof entry.direction !== 'string' || typeof entry.valueDate !== 'string' || typeof entry.bankRef !== 'string') {
    bad('direction, valueDate and bankRef are strings');
  }
}

/** The order's class against its statement entries (one or more, same id). */
function orderState(order: ChainOrder, amounts: readonly number[]): ReconciliationStateName {
  if (amounts.length > 1) return 'duplicate';
  // Money left for an order the chain does not hold settled (unapproved, still claimed, failed), or
  // another amount left: either way the bank and the chain disagree.
  return order.status === 'settled' && amounts[0] === order.amountFen ? 'settled' : 'mismatched';
}

function receiptState(receipts: readonly ChainReceipt[], amounts: readonly number[]): ReconciliationStateName {
  if (amounts.length > 1) return 'duplicate';
  return receipts.some((r) => r.amountFen === amounts[0]) ? 'settled' : 'mismatched';
}

const byId = <T extends { readonly endToEndId: string }>(a: T, b: T): number =>
  (a.endToEndId < b.endToEndId ? -1 : a.endToEndId > b.endToEndId ? 1 : 0);

/** What a statement entry is matched by, and what it names on chain. */
interface Keyed {
  readonly key: string;
  readonly order?: ChainOrder;
  readonly received?: readonly ChainReceipt[];
}

/**
 * A debit names a payout by its end-to-end id (the payout id in hex). Money received is named by
 * the bank's reference, which the oracle reported to the chain: the entry's bankRef, or its
 * end-to-end id where the payer's reference is what was reported. Anything else stays under its
 * end-to-end id, unknown.
 */
function keyOf(entry: StatementEntry, orderById: ReadonlyMap<string, ChainOrder>, receiptsByRef: ReadonlyMap<string, ChainReceipt[]>): Keyed {
  const order = PAYOUT_ID_RE.test(entry.endToEndId) ? orderById.get(entry.endToEndId) : undefined;
  if (order !== undefined) return { key: entry.endToEndId, order };
  for (const ref of [entry.bankRef, entry.endToEndId]) {
    const received = receiptsByRef.get(ref);
    if (received !== undefined) return { key: ref, received };
  }
  return { key: entry.endToEndId };
}

type Line = ReportEntry['statement'][number];
const lineOf = ({ endToEndId, amountFen, direction, valueDate, bankRef }: StatementEntry): Line =>
  ({ endToEndId, amountFen, direction, valueDate, bankRef });

function entryOf(keyed: Keyed, lines: readonly Line[]): ReportEntry {
  const amounts = lines.map((l) => l.amountFen);
  const { key, order, received } = keyed;
  if (order !== undefined) {
    return { endToEndId: key, state: orderState(order, amounts), subject: 'payout', caseNo: order.caseNo, chainAmountFen: order.amountFen,
      chainStatus: order.status, statement: lines };
  }
  if (received !== undefined) {
    const match = received.find((r) => r.amountFen === amounts[0]) ?? received[0]!;
    return { endToEndId: key, state: receiptState(received, amounts), subject: 'money-received', caseNo: match.caseNo,
      chainAmountFen: match.amountFen, chainStatus: '', statement: lines };
  }
  return { endToEndId: key, state: amounts.length > 1 ? 'duplicate' : 'unknown', subject: 'none', caseNo: '', chainAmountFen: null,
    chainStatus: '', statement: lines };
}

/**
 * Classifies a day's statement (docs/payouts.md §8): settled, mismatched (same id, another amount,
 * or money left for an order the chain does not hold settled), duplicate (two or more entries for
 * one id), unknown (an id the chain knows neither as an order nor as money received), and unpaid:
 * an order approved or claimed whose money arrived before the day ended, with no entry.
 */
export function matchStatement(date: string, statement: readonly StatementEntry[], orders: readonly ChainOrder[],
  receipts: readonly ChainReceipt[]): ReportEntry[] {
  const dayEndMs = statementDayEndMs(date);
  statement.forEach(checkEntry);
  const orderById = new Map(orders.map((o) => [o.id, o]));
  const receiptsByRef = new Map<string, ChainReceipt[]>();
  for (const r of receipts) receiptsByRef.set(r.bankRef, [...(receiptsByRef.get(r.bankRef) ?? []), r]);
  const groups = new Map<string, { keyed: Keyed; lines: Line[] }>();
  for (const entry of statement) {
    const keyed = keyOf(entry, orderById, receiptsByRef);
    const group = groups.get(keyed.key) ?? { keyed, lines: [] };
    group.lines.push(lineOf(entry));
    groups.set(keyed.key, group);
  }
  const entries = [...groups.values()].map(({ keyed, lines }) => entryOf(keyed, lines));
  for (const order of orders) {
    if (groups.has(order.id) || (order.status !== 'approved' && order.status !== 'claimed') || order.moneyReceivedAtMs >= dayEndMs) continue;
    entries.push({ endToEndId: order.id, state: 'unpaid', subject: 'payout', caseNo: order.caseNo, chainAmountFen: order.amountFen,
      chainStatus: order.status, statement: [] });
  }
  return entries.sort(byId);
}

export function reconciliationReport(chainId: string, date: string, statement: readonly StatementEntry[], orders: readonly ChainOrder[],
  receipts: readonly ChainReceipt[]): ReconciliationReport {
  const entries = matchStatement(date, statement, orders, receipts);
  const counts = { settled: 0, unpaid: 0, mismatched: 0, duplicate: 0, unknown: 0 };
  for (const e of entries) counts[e.state] += 1;
  return { format: RECONCILIATION_REPORT_FORMAT, version: 1, chainId, date, statementEntries: statement.length, counts, entries };
}

/**
 * The report file's bytes: two-space JSON with every object's keys in the order the report's types
 * list them (the builders above write them so), and a final newline. Its SHA-256 goes on chain.
 */
export function reportBytes(report: ReconciliationReport): Uint8Array {
  return utf8(JSON.stringify(report, null, 2) + '\n');
}

export const reportDigest = (bytes: Uint8Array): string => toHex(sha256(bytes));

/**
 * The entries the PayoutReconciliation tx carries: those that concern orders, one per order, with
 * the amount the statement shows (its sum for a duplicate) or, for an unpaid order, the order's.
 */
export function reconciliationTxEntries(report: ReconciliationReport): ReconciliationTxEntry[] {
  const entries = report.entries.filter((e) => e.subject === 'payout').map((e) => ({
    endToEndId: e.endToEndId, state: e.state, caseNo: e.caseNo,
    amountFen: e.statement.length === 0 ? e.chainAmountFen ?? 0 : e.statement.reduce((sum, line) => sum + line.amountFen, 0),
  }));
  if (entries.length > RECONCILIATION_TX_ENTRIES_MAX) {
    throw new TianpingError('RECONCILIATION_INVALID', `${entries.length} entries concern orders; one reconciliation holds at most `
      + `${RECONCILIATION_TX_ENTRIES_MAX}`);
  }
  return entries;
}

/** Where the runner's inputs come from: the bank (BankAdapter.statement) and the chain's reads. */
export interface ReconcileSources {
  statement(date: string): Promise<readonly StatementEntry[]>;
  /** Every payout order on chain. */
  orders(): Promise<readonly ChainOrder[]>;
  /** Every receipt of money the chain recorded. */
  received(): Promise<readonly ChainReceipt[]>;
}

export interface ReconcileOutcome {
  readonly report: ReconciliationReport;
  readonly bytes: Uint8Array;
  /** SHA-256 of bytes, lowercase hex. */
  readonly digest: string;
  readonly txEntries: readonly ReconciliationTxEntry[];
}

/** Fetches the statement and the chain's orders and money received, and makes the report, its digest and the tx's entries. */
export async function reconcile(chainId: string, date: string, sources: ReconcileSources): Promise<ReconcileOutcome> {
  statementDayEndMs(date);
  const [statement, orders, received] = await Promise.all([sources.statement(date), sources.orders(), sources.received()]);
  const report = reconciliationReport(chainId, date, statement, orders, received);
  const bytes = reportBytes(report);
  return { report, bytes, digest: reportDigest(bytes), txEntries: reconciliationTxEntries(report) };
}

/** Pages of one list read at most: 1,000 pages of 1,000 orders is far beyond the orders of any court. */
const PAGES_MAX = 1_000;

/** A signed GET of a node's payout read (the reader roles of docs/payouts.md §1); problems become ApiError. */
async function signedGet<T>(nodeUrl: string, path: string, keyPair: KeyPair, fetchImpl: typeof fetch): Promise<T> {
  const url = nodeUrl.replace(/\/+$/, '') + path;
  const parsed = await nodeJson<unknown>(url, { headers: { ...signRequest({ method: 'GET', url, keyPair }) }, fetch: fetchImpl });
  if (typeof parsed !== 'object' || parsed === null) throw new ClientError('RESPONSE_INVALID', `GET ${url}: the answer is not a JSON object`);
  return parsed as T;
}

/** Every page of a paged read, following `next` as ?after=. */
async function allPages<P extends { readonly next?: string }, T>(fetchPage: (after: string | undefined) => Promise<P>, items: (page: P) => readonly T[]):
  Promise<T[]> {
  const out: T[] = [];
  let after: string | undefined;
  for (let pages = 0; pages < PAGES_MAX; pages++) {
    const page = await fetchPage(after);
    out.push(...items(page));
    if (page.next === undefined) return out;
    after = page.next;
  }
  throw new ClientError('RESPONSE_INVALID', `more than ${PAGES_MAX} pages: the node keeps answering \`next\``);
}

export interface NodeReconcileSourcesOptions {
  readonly nodeUrl: string;
  /** An executor or finance key: it signs the reads, and later the reconciliation. */
  readonly keyPair: KeyPair;
  readonly bank: BankAdapter;
  readonly fetch?: typeof fetch;
}

/** The runner's inputs from a node's API (GET /v1/payouts, GET /v1/payouts/received) and the bank. */
export function nodeReconcileSources(o: NodeReconcileSourcesOptions): ReconcileSources {
  const fetchImpl = o.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const query = (after: string | undefined): string => `?limit=1000${after === undefined ? '' : `&after=${encodeURIComponent(after)}`}`;
  return {
    statement: (date) => o.bank.statement(date),
    orders: () => allPages(
      (after) => signedGet<Json<typeof PayoutListSchema>>(o.nodeUrl, `/v1/payouts${query(after)}`, o.keyPair, fetchImpl),
      (page) => page.payouts.map(({ id, caseNo, amountFen, status, moneyReceivedAtMs }) => ({ id, caseNo, amountFen, status, moneyReceivedAtMs }))),
    received: () => allPages(
      (after) => signedGet<Json<typeof MoneyReceivedListSchema>>(o.nodeUrl, `/v1/payouts/received${query(after)}`, o.keyPair, fetchImpl),
      (page) => page.received.map(({ bankRef, caseNo, amountFen }) => ({ bankRef, caseNo, amountFen }))),
  };
}
