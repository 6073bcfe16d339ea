// Where the dispatcher's orders come from (docs/payouts.md §1, §6 step 1): a node's payout list,
// read with requests signed by the executor key, and for each listed order the receipt of the case
// event that carries it, verified offline against the genesis the dispatcher was given. The order
// paid is the one in the verified event's bytes (CaseEvent.payout), never the list's JSON: the list
// only says where to look. A node that serves an order in no commit, or one whose amount or account
// differs from the committed event, gets nothing paid, and the reason is logged.
import type { Logger } from 'pino';
import { ApiError, ClientError, TianpingClient } from '../client/client.js';
import { verifyEventReceipt } from '../client/event-receipt-verify.js';
import type { TrustAnchor } from '../client/receipt-trust.js';
import { signRequest } from '../client/http-signature.js';
import type { KeyPair } from '../crypto/ed25519.js';
import { payoutId } from '../codec/payout-ids.js';
import { pb, type PayoutOrderMsg } from '../codec/proto.js';
import { equalBytes, toHex } from '../types/index.js';

type CaseEventMsg = InstanceType<typeof pb.CaseEvent>;
export type { PayoutOrderMsg };

/** An order proved by a committed case event: what the dispatcher may pay. */
export interface VerifiedOrder {
  /** Hex of order.id. */
  readonly id: string;
  readonly caseNo: string;
  readonly eventSeq: number;
  readonly order: PayoutOrderMsg;
  /** Claimed by another executor whose claim lapsed: the bank is asked before any call. */
  readonly takeover: boolean;
  /** The block that committed the event. */
  readonly height: number;
}

export interface OrderSource {
  /**
   * One pass over the node's approved (and lapsed-claim) orders: the ones that verified. Orders
   * whose id is in `skip` (the dispatcher's in flight) are neither fetched nor verified again.
   */
  poll(skip?: ReadonlySet<string>): Promise<VerifiedOrder[]>;
}

/** The fields of a listed order the source reads; the rest comes from the verified event. */
interface ListedPayout {
  readonly id: string;
  readonly caseNo: string;
  readonly eventSeq: number;
  readonly amountFen: number;
  readonly accountCommitment: string;
  readonly status: string;
  readonly claimant?: string;
  readonly claimExpiresAtMs?: number;
}

export interface HttpOrderSourceOptions {
  readonly nodeUrl: string;
  /** The executor key: the payout reads are signed reads. */
  readonly key: KeyPair;
  /** The genesis (or a trusted header with its set): the receipts are verified against it, never against the node. */
  readonly trust: TrustAnchor;
  readonly logger: Logger;
  readonly fetch?: typeof fetch;
  readonly pageLimit?: number;
  readonly requestTimeoutMs?: number;
}

const PAGE_LIMIT = 100;

export class HttpOrderSource implements OrderSource {
  readonly #client: TianpingClient;
  readonly #fetch: typeof fetch;
  readonly #baseUrl: string;
  readonly #pageLimit: number;

  constructor(private readonly o: HttpOrderSourceOptions) {
    this.#baseUrl = o.nodeUrl.replace(/\/+$/, '');
    this.#fetch = o.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#client = new TianpingClient(o.nodeUrl, { signer: o.key, fetch: this.#fetch,
      ...(o.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: o.requestTimeoutMs }) });
    this.#pageLimit = o.pageLimit ?? PAGE_LIMIT;
  }

  async poll(skip: ReadonlySet<string> = new Set()): Promise<VerifiedOrder[]> {
    const approved = await this.#list('approved');
    const claimed = await this.#list('claimed');
    // A claim lapses by block time: the newest block's, as the chain will judge the next claim by it.
    const newestMs = claimed.length === 0 ? 0 : (await this.#client.status()).latestBlockTimeMs;
    const ownKey = toHex(this.o.key.publicKey);
    const candidates = [...approved, ...claimed.filter((p) => (p.claimExpiresAtMs ?? 0) <= newestMs || p.claimant === ownKey)]
      .filter((p) => !skip.has(p.id));
    const verified: VerifiedOrder[] = [];
    for (const listed of candidates) {
      const order = await this.#verify(listed, newestMs);
      if (order !== undefined) verified.push(order);
    }
    return verified;
  }

  async #list(status: 'approved' | 'claimed'): Promise<ListedPayout[]> {
    const all: ListedPayout[] = [];
    let after: string | undefined;
    do {
      const query = new URLSearchParams({ status, limit: String(this.#pageLimit) });
      if (after !== undefined) query.set('after', after);
      const page = await this.#signedGet(`/v1/payouts?${query.toString()}`) as { payouts?: unknown; next?: unknown };
      if (!Array.isArray(page.payouts)) throw new ClientError('RESPONSE_INVALID', 'GET /v1/payouts: no payouts list in the answer');
      all.push(...(page.payouts as ListedPayout[]).filter(isListed));
      const next = typeof page.next === 'string' && page.next !== after ? page.next : undefined;
      after = next;
    } while (after !== undefined);
    return all;
  }

  async #signedGet(path: string): Promise<unknown> {
    const url = this.#baseUrl + path;
    let response: Response;
    try {
      response = await this.#fetch(url, { method: 'GET', headers: { accept: 'application/json', ...signRequest({ method: 'GET', url,
        keyPair: this.o.key }) }, signal: AbortSignal.timeout(this.o.requestTimeoutMs ?? 30_000) });
    } catch (error) {
      throw new ClientError('NODE_UNREACHABLE', `GET ${url}: ${(error as Error).message}`, { cause: error });
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (!response.ok) {
      const problem = (body ?? {}) as { code?: unknown; detail?: unknown; title?: unknown };
      throw new ApiError(response.status, typeof problem.code === 'string' ? problem.code : `HTTP_${response.status}`,
        typeof problem.title === 'string' ? problem.title : '', typeof problem.detail === 'string' ? problem.detail : text.slice(0, 200), body);
    }
    if (typeof body !== 'object' || body === null) throw new ClientError('RESPONSE_INVALID', `GET ${url}: not a JSON object`);
    return body;
  }

  /** The order of the listed entry's event, or undefined (and a warning) when nothing proves a payable order. */
  async #verify(listed: ListedPayout, newestMs: number): Promise<VerifiedOrder | undefined> {
    const log = this.o.logger.child({ payoutId: listed.id, caseNo: listed.caseNo, eventSeq: listed.eventSeq });
    const refuse = (reason: string): undefined => {
      log.warn({ event: 'payout.order-refused', reason }, `order not taken: ${reason}`);
      return undefined;
    };
    let receipt;
    try {
      receipt = await this.#client.caseEventReceipt(listed.caseNo, listed.eventSeq);
    } catch (error) {
      return refuse(`its event receipt could not be fetched: ${(error as Error).message}`);
    }
    const verdict = verifyEventReceipt(receipt, this.o.trust);
    if (!verdict.valid) return refuse(`its event receipt does not verify against the genesis (${verdict.failed}: ${verdict.reason})`);
    let event: CaseEventMsg;
    try {
      event = pb.CaseEvent.decode(receipt.event);
    } catch (error) {
      return refuse(`the proved event does not decode: ${(error as Error).message}`);
    }
    if (event.caseNo !== listed.caseNo || event.seq !== listed.eventSeq) {
      return refuse(`the proved event is ${event.caseNo} #${event.seq}, not the one listed`);
    }
    if (event.payout === null || event.payout === undefined) return refuse('the proved event carries no payout order');
    // Decoded, the nested order is a full instance with every field's default.
    const order = event.payout as PayoutOrderMsg;
    const problem = orderProblem(listed, order, event, receipt.chainId, newestMs, this.o.key.publicKey);
    if (problem !== undefined) return refuse(problem);
    return { id: listed.id, caseNo: event.caseNo, eventSeq: event.seq, order, height: verdict.receipt.height,
      takeover: order.status === 'claimed' && !equalBytes(order.claimant, this.o.key.publicKey) };
  }
}

function idOf(chainId: string, order: PayoutOrderMsg): Uint8Array {
  try {
    return payoutId(chainId, order.caseNo, order.payoutSeq, order.payeeIndex);
  } catch {
    return new Uint8Array();
  }
}

function isListed(p: unknown): p is ListedPayout {
  const v = (p ?? {}) as Record<string, unknown>;
  return typeof v['id'] === 'string' && typeof v['caseNo'] === 'string' && Number.isSafeInteger(v['eventSeq'])
    && typeof v['status'] === 'string';
}

/** Why the proved order may not be paid now, or undefined. */
function orderProblem(listed: ListedPayout, order: PayoutOrderMsg, event: CaseEventMsg, chainId: string, newestMs: number,
  ownKey: Uint8Array): string | undefined {
  const Kind = pb.CaseEventKind;
  if (event.kind !== Kind.CASE_EVENT_KIND_PAYOUT_APPROVED && event.kind !== Kind.CASE_EVENT_KIND_PAYOUT_CLAIMED) {
    return `the proved event is ${String(Kind[event.kind])}, not PAYOUT_APPROVED or PAYOUT_CLAIMED`;
  }
  if (toHex(order.id) !== listed.id.toLowerCase()) return `the proved order is ${toHex(order.id)}, not the one listed`;
  if (!equalBytes(order.id, idOf(chainId, order))) return 'the proved order\'s id is not the one its case, payout seq and payee give';
  if (order.caseNo !== event.caseNo) return 'the proved order names another case than its event';
  if (order.amountFen !== listed.amountFen) return `the node lists ${listed.amountFen} fen, the committed order says ${order.amountFen}`;
  if (toHex(order.accountCommitment) !== listed.accountCommitment.toLowerCase()) {
    return 'the node lists another account commitment than the committed order';
  }
  if (order.amountFen <= 0) return 'the proved order is for no money';
  if (order.holds.length > 0) return `the proved order is held (${order.holds.join(', ')})`;
  if (order.status === 'approved') return undefined;
  if (order.status !== 'claimed') return `the proved order is ${order.status}`;
  if (equalBytes(order.claimant, ownKey)) return undefined;
  if (order.claimExpiresAtMs > newestMs) return `another executor's claim is live until ${new Date(order.claimExpiresAtMs).toISOString()}`;
  return undefined;
}
