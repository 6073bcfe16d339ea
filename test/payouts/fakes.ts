// Stand-ins for the dispatcher's tests: a node that serves payout orders over HTTP (node:http, on
// loopback) with real event receipts signed by the test chain's validator, and takes claims and
// results as txs the way the state rules do; and a bank that records every transfer it executes
// and can misbehave the ways docs/payouts.md §7's fault switches describe. The bank here is not
// idempotent on purpose: a second transfer under one key would be a second payment, and the tests
// count them.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import { eventReceiptToJson, type EventReceipt } from '../../src/client/event-receipt.js';
import type { TrustAnchor } from '../../src/client/receipt-trust.js';
import { payoutId } from '../../src/codec/payout-ids.js';
import { decodeTx, pb } from '../../src/codec/index.js';
import type { KeyPair } from '../../src/crypto/ed25519.js';
import { BankUnavailable, BankUnknownOutcome, type BankAdapter, type BankTransferRequest,
  type BankTransferResult } from '../../src/payouts/bank-adapter.js';
import { fromBase64, toHex } from '../../src/types/index.js';
import { eventHeader, signedCommit, validatorSet, type SignedValidator } from '../helpers/event-block.js';
import { seedKey } from '../helpers/chain.js';

export const CHAIN_ID = 'payout-test';
const Kind = pb.CaseEventKind;
type Order = InstanceType<typeof pb.PayoutOrder>;

export interface FakeOrderInit {
  readonly caseNo: string;
  readonly amountFen: number;
  readonly commitment: Uint8Array;
  readonly payoutSeq?: number;
  readonly payeeIndex?: number;
}

interface StoredEvent {
  readonly receipt: EventReceipt;
}

/** A chain of one validator, and a node of it answering the reads and txs the dispatcher uses. */
export class FakeNode {
  readonly validators: SignedValidator[] = validatorSet([seedKey('payout-validator')]);
  readonly trust: TrustAnchor = { chainId: CHAIN_ID, genesisTimeMs: 1_750_000_000_000,
    validators: this.validators.map((v) => ({ publicKey: toHex(v.publicKey), power: v.power })) };
  readonly orders = new Map<string, Order>();
  readonly events = new Map<string, StoredEvent>();
  /** Per id: replaces fields of the listed JSON (a node lying in its list). */
  readonly listOverrides = new Map<string, Record<string, unknown>>();
  /** Per id: the receipt served instead of the true one (a node forging an event). */
  readonly receiptOverrides = new Map<string, EventReceipt>();
  /** Per id: the chain's own state when the node's list lags (claims are judged by it). */
  readonly chainClaims = new Map<string, { claimant: Uint8Array; expiresAtMs: number }>();
  readonly txs: { kind: 'claim' | 'result'; id: string; signer: string; settled?: boolean; bankRef?: string; code?: string }[] = [];
  height = 1;
  #seqs = new Map<string, number>();
  #server: Server | undefined;
  url = '';

  blockTimeMs(): number {
    return 1_760_000_000_000 + this.height * 1000;
  }

  addOrder(init: FakeOrderInit): string {
    const payoutSeq = init.payoutSeq ?? 0;
    const payeeIndex = init.payeeIndex ?? 0;
    const id = payoutId(CHAIN_ID, init.caseNo, payoutSeq, payeeIndex);
    const order = pb.PayoutOrder.create({ id, caseNo: init.caseNo, payoutSeq, payeeIndex, accountCommitment: init.commitment,
      amountFen: init.amountFen, currency: 'CNY', status: 'approved', requiredRoles: ['officer'] });
    this.orders.set(toHex(id), order);
    this.emit(order, Kind.CASE_EVENT_KIND_PAYOUT_APPROVED);
    return toHex(id);
  }

  /** Commits the order's new state as a case event in a block of its own. */
  emit(order: Order, kind: number, signers: readonly SignedValidator[] = this.validators): void {
    const seq = this.#seqs.get(order.caseNo) ?? 0;
    this.#seqs.set(order.caseNo, seq + 1);
    order.eventSeq = seq;
    this.height++;
    this.events.set(`${order.caseNo}/${seq}`, { receipt: this.receiptOf(order, kind, signers) });
  }

  /** A receipt of `order` in event `kind` at the current height, signed by `signers` (another set: a forgery). */
  receiptOf(order: Order, kind: number, signers: readonly SignedValidator[] = this.validators, seq = order.eventSeq): EventReceipt {
    const event = pb.CaseEvent.encode({ caseNo: order.caseNo, seq, kind, height: this.height, payout: order }).finish();
    const header = eventHeader(CHAIN_ID, this.height, signers, [event]);
    const commit = signedCommit(CHAIN_ID, header, signers, signers.map((_, i) => i));
    return { kind: 'event', version: 1, chainId: CHAIN_ID, event, eventIndex: 0, eventCount: 1, eventProof: [], header, commit, setChanges: [] };
  }

  listed(order: Order): Record<string, unknown> {
    const id = toHex(order.id);
    return { id, caseNo: order.caseNo, payoutSeq: order.payoutSeq, payeeIndex: order.payeeIndex, amountFen: order.amountFen,
      accountCommitment: toHex(order.accountCommitment), currency: order.currency, status: order.status, holds: [...order.holds],
      claimant: toHex(order.claimant), claimExpiresAtMs: order.claimExpiresAtMs, eventSeq: order.eventSeq, ...this.listOverrides.get(id) };
  }

  async listen(): Promise<string> {
    this.#server = createServer((request, response) => {
      void this.#handle(request, response).catch((error: unknown) => send(response, 500, { code: 'INTERNAL', detail: String(error) }));
    });
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this.url;
  }

  async close(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()) ?? resolve());
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake');
    if (request.method === 'GET' && url.pathname === '/v1/payouts') {
      if (request.headers['signature'] === undefined) return send(response, 401, { code: 'AUTH_REQUIRED' });
      const status = url.searchParams.get('status');
      const payouts = [...this.orders.values()].filter((o) => o.status === status).map((o) => this.listed(o));
      return send(response, 200, { payouts });
    }
    const receipt = /^\/v1\/cases\/([^/]+)\/events\/([0-9]+)\/receipt$/.exec(url.pathname);
    if (request.method === 'GET' && receipt !== null) {
      const key = `${decodeURIComponent(receipt[1]!)}/${receipt[2]}`;
      const order = [...this.orders.values()].find((o) => `${o.caseNo}/${o.eventSeq}` === key);
      const forged = order === undefined ? undefined : this.receiptOverrides.get(toHex(order.id));
      const stored = forged ?? this.events.get(key)?.receipt;
      if (stored === undefined) return send(response, 404, { code: 'EVENT_NOT_FOUND' });
      return send(response, 200, eventReceiptToJson(stored));
    }
    if (request.method === 'GET' && url.pathname === '/v1/status') {
      return send(response, 200, { chainId: CHAIN_ID, latestHeight: this.height, latestBlockTimeMs: this.blockTimeMs() });
    }
    if (request.method === 'POST' && url.pathname === '/v1/txs') {
      const body = JSON.parse(await readBody(request)) as { tx: string };
      const answer = this.#apply(fromBase64(body.tx)!);
      return answer.code === undefined ? send(response, 200, { hash: answer.hash, status: 'committed', height: this.height, index: 0,
        blockHash: '00'.repeat(32), blockTimeMs: this.blockTimeMs(), blockTime: new Date(this.blockTimeMs()).toISOString() })
        : send(response, answer.status, { code: answer.code, title: answer.code, detail: answer.code });
    }
    return send(response, 404, { code: 'ROUTE_NOT_FOUND' });
  }

  /** The claim and result rules of docs/payouts.md §5, enough of them for the dispatcher. */
  #apply(bytes: Uint8Array): { hash: string; code?: string; status: number } {
    const tx = decodeTx(bytes, 1 << 20);
    const body = tx.body;
    const signer = toHex(body.signer);
    const action = body.payoutClaim ?? body.payoutResult;
    const id = toHex(action?.payoutId ?? new Uint8Array());
    const order = this.orders.get(id);
    const refuse = (code: string, status: number): { hash: string; code: string; status: number } => {
      this.txs.push({ kind: body.payoutClaim ? 'claim' : 'result', id, signer, code });
      return { hash: tx.id, code, status };
    };
    if (order === undefined) return refuse('PAYOUT_UNKNOWN', 404);
    if (body.payoutClaim) {
      const claim = this.chainClaims.get(id) ?? { claimant: order.claimant, expiresAtMs: order.claimExpiresAtMs };
      const live = claim.claimant.length > 0 && toHex(claim.claimant) !== signer && claim.expiresAtMs > this.blockTimeMs();
      if (order.status !== 'approved' && order.status !== 'claimed') return refuse('PAYOUT_STATE_INVALID', 409);
      if (live) return refuse('PAYOUT_CLAIMED', 409);
      // The claim's block is the next one: the lease runs from its time.
      Object.assign(order, { status: 'claimed', claimant: body.signer, claimExpiresAtMs: this.blockTimeMs() + 1000 + 60_000 });
      this.chainClaims.delete(id);
      this.txs.push({ kind: 'claim', id, signer });
      this.emit(order, Kind.CASE_EVENT_KIND_PAYOUT_CLAIMED);
      return { hash: tx.id, status: 200 };
    }
    const result = body.payoutResult!;
    if (order.status === 'settled' || order.status === 'failed') return refuse('PAYOUT_ALREADY_SETTLED', 409);
    if (toHex(order.claimant) !== signer) return refuse('PAYOUT_NOT_CLAIMANT', 403);
    if (result.amountFen !== order.amountFen) return refuse('PAYOUT_AMOUNT_MISMATCH', 422);
    Object.assign(order, { status: result.settled ? 'settled' : 'failed', bankRef: result.bankRef });
    this.txs.push({ kind: 'result', id, signer, settled: result.settled === true, bankRef: result.bankRef ?? '' });
    this.emit(order, result.settled ? Kind.CASE_EVENT_KIND_PAYOUT_SETTLED : Kind.CASE_EVENT_KIND_PAYOUT_FAILED);
    return { hash: tx.id, status: 200 };
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' });
  response.end(JSON.stringify(body));
}

/** A bank that executes every transfer call it accepts (no idempotency: the tests count payments). */
export class FakeBank implements Pick<BankAdapter, 'transfer' | 'status'> {
  readonly executed: { key: string; request: BankTransferRequest }[] = [];
  readonly statusQueries: string[] = [];
  #byKey = new Map<string, BankTransferResult>();
  /** Answer the next N transfer calls as unknown, doing nothing (a 503). */
  failNext = 0;
  /** Execute the next N transfer calls, then answer as unknown (a time-out after acceptance). */
  timeoutAfterAccept = 0;
  /** Answer the next N status queries as unavailable. */
  statusFailNext = 0;
  /** Execute the next N as failed transfers. */
  rejectNext = 0;

  transfer(key: string, request: BankTransferRequest): Promise<BankTransferResult> {
    if (this.failNext > 0) {
      this.failNext--;
      return Promise.reject(new BankUnknownOutcome(`transfer ${key}: the bank answered 503`));
    }
    const result = this.make(key, request);
    if (this.timeoutAfterAccept > 0) {
      this.timeoutAfterAccept--;
      return Promise.reject(new BankUnknownOutcome(`transfer ${key}: no answer within 10000 ms`));
    }
    return Promise.resolve(result);
  }

  /** Executes a transfer as the bank would (also used to stand for another dispatcher's call). */
  make(key: string, request: BankTransferRequest): BankTransferResult {
    this.executed.push({ key, request });
    const failed = this.rejectNext > 0;
    if (failed) this.rejectNext--;
    const result: BankTransferResult = { key, status: failed ? 'failed' : 'settled', bankRef: `REF-${this.executed.length}`,
      valueDate: '2026-12-07', ...(failed ? { failureReason: 'account closed' } : {}) };
    this.#byKey.set(key, result);
    return result;
  }

  status(key: string): Promise<BankTransferResult | undefined> {
    this.statusQueries.push(key);
    if (this.statusFailNext > 0) {
      this.statusFailNext--;
      return Promise.reject(new BankUnavailable(`status ${key}: the bank answered 503`));
    }
    return Promise.resolve(this.#byKey.get(key));
  }
}

/** A logger whose lines the test reads back. */
export function captureLogger(): { logger: Logger; lines: () => Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line !== '') lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines: () => lines };
}

export const executorKey: KeyPair = seedKey('payout-executor');
export const otherExecutorKey: KeyPair = seedKey('payout-executor-2');
