// HTTP client of a node's API. Uses the global fetch (browser or Node 18+), sends and receives JSON,
// and turns RFC 9457 problem+json answers into ApiError so callers match on stable codes.
import { encodeTxBatch } from '../codec/tx-batch.js';
import type { KeyPair } from '../crypto/ed25519.js';
import { toBase64, toHex } from '../types/index.js';
import { signRequest } from './http-signature.js';
import type { C2spInclusionProof } from './c2sp-inclusion.js';
import { ReceiptFormatError, type Receipt } from './receipt.js';
import { receiptFromJson, receiptToJson } from './receipt-json.js';
import { twoHopReceiptFromJson, type TwoHopReceipt } from './two-hop.js';
import type {
  AlgorithmName, BlockView, BulkSubmitResult, EvidenceView, HeaderView, NodeStatus, SubmitResult, SubmitterAnchorsView, TxView,
  MembersView, ProposalStatusName, ProposalsView, ProposalView, ValidatorSetView, CaseEventsView, CaseListView, CaseStatusView, CaseView,
  CaseVerificationsView, CrossChainCountsView, CrossChainVerdictView, ForeignChainDetailView, ForeignChainsView,
} from './views.js';
import { eventReceiptFromJson, type EventReceipt } from './event-receipt.js';

/** The node answered, with an error. `code` is the node's stable error code (src/types/errors.ts). */
export class ApiError extends Error {
  override name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    /** The parsed response body, for fields beyond the standard ones. */
    readonly body: unknown,
  ) {
    super(`${code}: ${detail !== '' ? detail : title} (HTTP ${status})`);
  }
}

export type ClientErrorCode = 'NODE_UNREACHABLE' | 'REQUEST_TIMEOUT' | 'RESPONSE_INVALID';

/** No usable answer: the node could not be reached, did not answer in time, or answered garbage. */
export class ClientError extends Error {
  override name = 'ClientError';

  constructor(readonly code: ClientErrorCode, message: string, options?: { cause: unknown }) {
    super(message, options);
  }
}

export interface ClientOptions {
  /** Replaces the global fetch (tests, proxies, custom agents). */
  readonly fetch?: typeof fetch;
  /** Gives up on a request after this long; a wait=commit request gets its wait on top. */
  readonly requestTimeoutMs?: number;
  /**
   * A member key: every request is then signed with it (RFC 9421), as the node asks for blocks,
   * transactions by hash and anchors by submitter. Without it only the public reads work.
   */
  readonly signer?: KeyPair;
}

export interface SubmitOptions {
  /** 'commit': hold the request until the tx is in a block (or the node's wait limit passes). */
  readonly wait?: 'commit';
  /** How long the node should wait for the commit; capped by its api.commitWaitMsMax. */
  readonly timeoutMs?: number;
}

export interface PageOptions {
  readonly offset?: number;
  readonly limit?: number;
}

/**
 * What POST /v1/crosschain/verify checks: a tianping chain's receipt (the SDK's Receipt, sent in its
 * JSON form, or that JSON form as read from a file) or a transparency log's inclusion proof.
 */
export type ForeignProof = Receipt | C2spInclusionProof | Readonly<Record<string, unknown>>;

/** A request body: JSON text, or raw bytes (a protobuf TxBatch), with its media type. */
interface RequestPayload {
  readonly bytes: string | Uint8Array<ArrayBuffer>;
  readonly type: string;
}

const PROTOBUF_MEDIA_TYPE = 'application/x-protobuf';
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
// Without a timeoutMs the node waits up to its own limit; 60 s is the default api.commitWaitMsMax.
const DEFAULT_COMMIT_WAIT_MS = 60_000;

export class TianpingClient {
  readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly requestTimeoutMs: number;
  private readonly signer: KeyPair | undefined;

  constructor(baseUrl: string, options: ClientOptions = {}) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    // Bound to globalThis: browsers throw "Illegal invocation" when fetch is called as a method.
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.signer = options.signer;
  }

  status(): Promise<NodeStatus> {
    return this.request<NodeStatus>('GET', '/v1/status');
  }

  submit(txBytes: Uint8Array, options: SubmitOptions = {}): Promise<SubmitResult> {
    const query = new URLSearchParams();
    if (options.wait !== undefined) query.set('wait', options.wait);
    if (options.timeoutMs !== undefined) query.set('timeoutMs', String(options.timeoutMs));
    const waitMs = options.wait === 'commit' ? (options.timeoutMs ?? DEFAULT_COMMIT_WAIT_MS) : 0;
    return this.request<SubmitResult>('POST', `/v1/txs${queryString(query)}`, { tx: toBase64(txBytes) }, waitMs);
  }

  /**
   * Many signed txs in one request (POST /v1/txs/bulk, a protobuf TxBatch): 1 to TX_BATCH_TXS_MAX
   * (1,024) txs within the node's body limit (api.bodyBytesMax, 1 MiB by default). Each tx is
   * admitted or refused on its own: `results[i]` is txs[i], pending with its hash or refused with
   * the code submit() would have thrown (retry MEMPOOL_FULL later; TX_DUPLICATE means it is
   * pending already). Nothing waits for commits: follow the txs by hash. A bad request as a whole
   * (too many, too large) or a halted node is ApiError, and then no tx was admitted. An empty list
   * sends nothing.
   */
  submitMany(txs: readonly Uint8Array[]): Promise<BulkSubmitResult> {
    if (txs.length === 0) return Promise.resolve({ accepted: 0, refused: 0, results: [] });
    // The encoder's output lives in a plain ArrayBuffer (never shared), which is what fetch takes.
    const bytes = encodeTxBatch(txs) as Uint8Array<ArrayBuffer>;
    return this.send<BulkSubmitResult>('POST', '/v1/txs/bulk', { bytes, type: PROTOBUF_MEDIA_TYPE });
  }

  /** Pending or committed; a hash the node never saw is ApiError TX_NOT_FOUND. Needs a signer (any member). */
  tx(hash: Uint8Array | string): Promise<TxView> {
    return this.request<TxView>('GET', `/v1/txs/${encodeURIComponent(hexOf(hash))}`);
  }

  /** Every anchor of the digest, oldest first. A digest never anchored is ApiError EVIDENCE_NOT_FOUND. */
  evidence(digest: Uint8Array | string, algorithm: AlgorithmName = 'sha256', page: PageOptions = {}): Promise<EvidenceView> {
    const query = new URLSearchParams({ algorithm });
    if (page.offset !== undefined) query.set('offset', String(page.offset));
    if (page.limit !== undefined) query.set('limit', String(page.limit));
    return this.request<EvidenceView>('GET', `/v1/evidence/${encodeURIComponent(hexOf(digest))}${queryString(query)}`);
  }

  /**
   * The receipt of an anchor of the digest (docs/receipt-format.md): the earliest anchor, or the one
   * made by tx `tx`. Public, like the lookup by digest. None is ApiError EVIDENCE_NOT_FOUND. With
   * `trusted` (a committed height above the anchor's), version 2, proved against that header (§13).
   */
  async receipt(digest: Uint8Array | string,
    options: { readonly algorithm?: AlgorithmName; readonly tx?: Uint8Array | string; readonly trusted?: number } = {}): Promise<Receipt> {
    const query = new URLSearchParams({ algorithm: options.algorithm ?? 'sha256' });
    if (options.tx !== undefined) query.set('tx', hexOf(options.tx));
    if (options.trusted !== undefined) query.set('trusted', String(options.trusted));
    const path = `/v1/evidence/${encodeURIComponent(hexOf(digest))}/receipt${queryString(query)}`;
    return receiptAnswer(await this.request<unknown>('GET', path), path, receiptFromJson);
  }

  /**
   * The proof that a committed tx is in its block (tx, tx-root path, header, commit, validator-set
   * changes): a receipt without its item, which rootOnlyReceipt completes for each item of a
   * root-only batch. Needs a signer (any member); unknown is ApiError TX_NOT_FOUND.
   */
  async txInclusion(hash: Uint8Array | string): Promise<Receipt> {
    const path = `/v1/txs/${encodeURIComponent(hexOf(hash))}/inclusion`;
    return receiptAnswer(await this.request<unknown>('GET', path), path, receiptFromJson);
  }

  /** A block with its transaction hashes. Needs a signer with role validator, observer or verifier. */
  block(height: number | 'latest'): Promise<BlockView> {
    return this.request<BlockView>('GET', `/v1/blocks/${encodeURIComponent(String(height))}`);
  }

  /** A block's header and commit, without its transactions: public. */
  headers(height: number | 'latest'): Promise<HeaderView> {
    return this.request<HeaderView>('GET', `/v1/headers/${encodeURIComponent(String(height))}`);
  }

  /**
   * Anchors made by a submitter key, oldest first. Needs a signer: the submitter itself, or a
   * member with role verifier, validator or observer.
   */
  anchorsBySubmitter(key: Uint8Array | string, page: PageOptions = {}): Promise<SubmitterAnchorsView> {
    const query = new URLSearchParams();
    if (page.offset !== undefined) query.set('offset', String(page.offset));
    if (page.limit !== undefined) query.set('limit', String(page.limit));
    return this.request<SubmitterAnchorsView>('GET', `/v1/submitters/${encodeURIComponent(hexOf(key))}/anchors${queryString(query)}`);
  }

  /** Every member (every key ever registered), in public key order: public. */
  members(): Promise<MembersView> {
    return this.request<MembersView>('GET', '/v1/members');
  }

  /**
   * The validator set that signs a height (default: the next height): public. A height beyond the
   * next one is ApiError VALIDATORS_NOT_FOUND.
   */
  validators(height?: number): Promise<ValidatorSetView> {
    const query = new URLSearchParams();
    if (height !== undefined) query.set('height', String(height));
    return this.request<ValidatorSetView>('GET', `/v1/validators${queryString(query)}`);
  }

  /** Governance proposals, oldest first, optionally of one status: public. */
  proposals(filter: { readonly status?: ProposalStatusName } = {}): Promise<ProposalsView> {
    const query = new URLSearchParams();
    if (filter.status !== undefined) query.set('status', filter.status);
    return this.request<ProposalsView>('GET', `/v1/governance/proposals${queryString(query)}`);
  }

  /** One proposal by id (the hash of the tx that opened it); an unknown id is ApiError PROPOSAL_NOT_FOUND. */
  proposal(id: Uint8Array | string): Promise<ProposalView> {
    return this.request<ProposalView>('GET', `/v1/governance/proposals/${encodeURIComponent(hexOf(id))}`);
  }

  /**
   * A case (judgment contract) as of `at` (Unix ms, or an ISO 8601 text; default the latest block
   * time). Needs a signer: a party of the case by its member key, or a member with role validator,
   * observer, verifier, court, executor or oracle. Unknown is ApiError CASE_UNKNOWN.
   */
  getCase(caseNo: string, options: { readonly at?: number | string } = {}): Promise<CaseView> {
    const query = new URLSearchParams();
    if (options.at !== undefined) query.set('at', String(options.at));
    return this.request<CaseView>('GET', `${casePath(caseNo)}${queryString(query)}`);
  }

  /** A page of cases; pass `next` as `after` for the following one. Needs a signer (see getCase; others list only ?party= their key). */
  listCases(filter: { readonly status?: CaseStatusView; readonly party?: Uint8Array | string; readonly after?: string;
    readonly limit?: number } = {}): Promise<CaseListView> {
    const query = new URLSearchParams();
    if (filter.status !== undefined) query.set('status', filter.status);
    if (filter.party !== undefined) query.set('party', hexOf(filter.party));
    if (filter.after !== undefined) query.set('after', filter.after);
    if (filter.limit !== undefined) query.set('limit', String(filter.limit));
    return this.request<CaseListView>('GET', `/v1/cases${queryString(query)}`);
  }

  /** A case's events after seq `after` (from the first when omitted), by seq: the feed a case system follows. */
  caseEvents(caseNo: string, page: { readonly after?: number; readonly limit?: number } = {}): Promise<CaseEventsView> {
    const query = new URLSearchParams();
    if (page.after !== undefined) query.set('after', String(page.after));
    if (page.limit !== undefined) query.set('limit', String(page.limit));
    return this.request<CaseEventsView>('GET', `${casePath(caseNo)}/events${queryString(query)}`);
  }

  /** The receipt of event `seq` of a case, to check offline with verifyEventReceipt and the genesis. */
  async caseEventReceipt(caseNo: string, seq: number): Promise<EventReceipt> {
    const path = `${casePath(caseNo)}/events/${encodeURIComponent(String(seq))}/receipt`;
    return receiptAnswer(await this.request<unknown>('GET', path), path, eventReceiptFromJson);
  }

  // Cross-chain (docs/crosschain.md §4–§5)

  /** The foreign chains this chain follows, by name, with their standing at the newest block time: public. */
  foreignChains(): Promise<ForeignChainsView> {
    return this.request<ForeignChainsView>('GET', '/v1/crosschain/chains');
  }

  /** A foreign chain with its trust anchor, newest trusted headers and freeze record: public. Unknown is ApiError FOREIGN_CHAIN_UNKNOWN. */
  foreignChain(name: string): Promise<ForeignChainDetailView> {
    return this.request<ForeignChainDetailView>('GET', `/v1/crosschain/chains/${encodeURIComponent(name)}`);
  }

  /**
   * The node's verdict on a foreign receipt (or log proof) against its light client of `chain`:
   * public. A proof that fails a check is a verdict with valid false; a chain unknown, frozen or
   * expired, or a proof that does not decode, is ApiError with its FOREIGN_* code. `digest`: the
   * file's digest when it is not the receipt's own (tianping only).
   */
  verifyForeign(chain: string, receipt: ForeignProof, options: { readonly digest?: Uint8Array | string } = {}): Promise<CrossChainVerdictView> {
    const digest = options.digest === undefined ? {} : { digest: hexOf(options.digest) };
    return this.request<CrossChainVerdictView>('POST', '/v1/crosschain/verify',
      { chain, receipt: isReceipt(receipt) ? receiptToJson(receipt) : receipt, ...digest });
  }

  /** A case's verification records (the first 100, by seq) with counts per chain. Needs a signer that reads every case (see getCase). */
  caseVerifications(caseNo: string): Promise<CaseVerificationsView> {
    return this.request<CaseVerificationsView>('GET', `${casePath(caseNo)}/verifications`);
  }

  /** Verification records counted per chain and per case. Needs a signer that reads every case (see getCase). */
  crossChainCounts(): Promise<CrossChainCountsView> {
    return this.request<CrossChainCountsView>('GET', '/v1/crosschain/verifications');
  }

  /**
   * The two-hop receipt of the earliest anchor of `digest` on side chain `name` (public), to check
   * offline with verifyTwoHopReceipt and the main genesis. ApiError FOREIGN_NOT_CHECKPOINTED before a
   * side header above the anchor is recorded; FOREIGN_SOURCE_UNAVAILABLE when the side node fails.
   */
  async twoHopReceipt(name: string, digest: Uint8Array | string, algorithm: AlgorithmName = 'sha256'): Promise<TwoHopReceipt> {
    const query = new URLSearchParams({ digest: hexOf(digest), algorithm });
    const path = `/v1/crosschain/${encodeURIComponent(name)}/receipt${queryString(query)}`;
    return receiptAnswer(await this.request<unknown>('GET', path), path, twoHopReceiptFromJson);
  }

  private request<T>(method: 'GET' | 'POST', path: string, body?: unknown, extraTimeoutMs = 0): Promise<T> {
    // Serialized once: the bytes signed are the bytes sent.
    const payload = body === undefined ? undefined : { bytes: JSON.stringify(body), type: 'application/json' };
    return this.send<T>(method, path, payload, extraTimeoutMs);
  }

  private async send<T>(method: 'GET' | 'POST', path: string, payload: RequestPayload | undefined, extraTimeoutMs = 0): Promise<T> {
    const url = this.baseUrl + path;
    const timeoutMs = this.requestTimeoutMs + extraTimeoutMs;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (payload !== undefined) headers['content-type'] = payload.type;
    if (this.signer !== undefined) {
      Object.assign(headers, signRequest({ method, url, keyPair: this.signer, ...(payload === undefined ? {} : { body: payload.bytes }) }));
    }
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        method,
        headers,
        ...(payload === undefined ? {} : { body: payload.bytes }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      if (isAbort(error)) throw new ClientError('REQUEST_TIMEOUT', `${method} ${url}: no answer within ${timeoutMs} ms`, { cause: error });
      throw new ClientError('NODE_UNREACHABLE', `cannot reach node at ${this.baseUrl}: ${describe(error)}`, { cause: error });
    }
    const answer = await readText(response, url);
    const parsed = parseJson(answer);
    if (!response.ok) throw toApiError(response.status, parsed, answer);
    if (typeof parsed !== 'object' || parsed === null) {
      throw new ClientError('RESPONSE_INVALID', `${method} ${url}: expected a JSON object, got ${JSON.stringify(answer.slice(0, 80))}`);
    }
    return parsed as T;
  }
}

/** Maps an error response to ApiError; bodies that are not problem+json keep the HTTP status. */
export function toApiError(status: number, parsed: unknown, text: string): ApiError {
  if (typeof parsed === 'object' && parsed !== null) {
    const problem = parsed as Record<string, unknown>;
    const title = typeof problem['title'] === 'string' ? problem['title'] : '';
    const code = typeof problem['code'] === 'string' ? problem['code'] : `HTTP_${status}`;
    const detail = typeof problem['detail'] === 'string' ? problem['detail'] : '';
    return new ApiError(status, code, title, detail, parsed);
  }
  return new ApiError(status, `HTTP_${status}`, '', text.slice(0, 200).trim(), text);
}

async function readText(response: Response, url: string): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    if (isAbort(error)) throw new ClientError('REQUEST_TIMEOUT', `${url}: the answer did not complete in time`, { cause: error });
    throw new ClientError('NODE_UNREACHABLE', `${url}: the connection broke: ${describe(error)}`, { cause: error });
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The node's receipt JSON (of any kind), read as strictly as a receipt file: a malformed one is RESPONSE_INVALID. */
function receiptAnswer<T>(value: unknown, path: string, read: (value: unknown) => T): T {
  try {
    return read(value);
  } catch (error) {
    if (error instanceof ReceiptFormatError) throw new ClientError('RESPONSE_INVALID', `GET ${path}: ${error.message}`, { cause: error });
    throw error;
  }
}

/** The SDK's Receipt holds bytes; its JSON form and a log proof hold text. */
function isReceipt(proof: ForeignProof): proof is Receipt {
  return (proof as { tx?: unknown }).tx instanceof Uint8Array;
}

/** A case number is one path segment: "/" and every non-ASCII character percent-encoded. */
function casePath(caseNo: string): string {
  return `/v1/cases/${encodeURIComponent(caseNo)}`;
}

function queryString(query: URLSearchParams): string {
  const text = query.toString();
  return text === '' ? '' : `?${text}`;
}

function hexOf(value: Uint8Array | string): string {
  return typeof value === 'string' ? value.toLowerCase() : toHex(value);
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

/** fetch's TypeError says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND) is in its cause. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return typeof code === 'string' ? `${code} (${cause.message})` : cause.message;
  }
  return error.message;
}
