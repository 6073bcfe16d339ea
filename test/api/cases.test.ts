// The case reads through app.inject() and the SDK, on a real ledger: case txs go through a
// mempool and buildBlock, the block clock records defaults, blocks commit with both validators'
// precommits, and the node's read model answers. Amounts of docs/contracts.md's worked examples
// come back to the fen; the clock's DEFAULT event verifies offline from its receipt with the
// genesis alone; access, bad input and unknown cases are problem+json with stable codes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { CaseListQuery } from '../../src/api/components.js';
import { buildBlock, commitExecuted, type BlockExecComponents } from '../../src/blocks/index.js';
import { ApiError, TianpingClient } from '../../src/client/index.js';
import { encodeEventReceipt } from '../../src/client/event-receipt.js';
import { verifyEventReceipt } from '../../src/client/event-receipt-verify.js';
import { encodeCommit, sortValidators, voteSignBytes, VOTE_PRECOMMIT } from '../../src/codec/index.js';
import { sign, type KeyPair } from '../../src/crypto/ed25519.js';
import { sha256 } from '../../src/crypto/hash.js';
import { NodeVerifier } from '../../src/crypto/index.js';
import { Ledger, MemStorage } from '../../src/ledger/index.js';
import { Mempool } from '../../src/mempool/index.js';
import { ReadModel } from '../../src/read/index.js';
import { decodeEvent } from '../../src/state/cases/index.js';
import { asTimeMs, toHex, utf8, type Clock, type Hash32 } from '../../src/types/index.js';
import {
  CASE_NO, CaseChain, DOCUMENT, EVENT, caseGenesis, court, creditor, executor, oracle, outsider, platform, terms, validatorA, validatorB,
} from '../state/cases/fixture.js';
import { expectProblem, FakeComponents, makeApp } from './fake-components.js';
import { injectSigned } from './signed.js';

const genesis = caseGenesis();
const verifier = new NodeVerifier();
/** China time (UTC+08:00), as the worked examples count days. */
const cst = (text: string): number => Date.parse(`${text}+08:00`);
const B2 = 'B-2/2026';

/** The node's answers from the read model of a real ledger; the rest of the API as the fake has it. */
class LedgerComponents extends FakeComponents {
  constructor(private readonly read: ReadModel) {
    super();
  }
  override member(key: string): ReturnType<FakeComponents['member']> { return this.read.member(key); }
  override caseView(caseNo: string, atMs?: number): ReturnType<FakeComponents['caseView']> { return this.read.caseView(caseNo, atMs); }
  override cases(query: CaseListQuery): ReturnType<FakeComponents['cases']> { return this.read.cases(query); }
  override caseEvents(caseNo: string, page: Parameters<FakeComponents['caseEvents']>[1]): ReturnType<FakeComponents['caseEvents']> {
    return this.read.caseEvents(caseNo, page);
  }
  override caseEventReceipt(caseNo: string, seq: number): ReturnType<FakeComponents['caseEventReceipt']> {
    return this.read.caseEventReceipt(caseNo, seq);
  }
  override eventReceipt(height: number, index: number): ReturnType<FakeComponents['eventReceipt']> { return this.read.eventReceipt(height, index); }
  override caseParties(caseNo: string): ReturnType<FakeComponents['caseParties']> { return this.read.caseParties(caseNo); }
}

/** Precommits of both validators (power 10 each: one alone is not more than 2/3). */
function commitOf(height: number, blockHash: Uint8Array): Uint8Array {
  const signBytes = voteSignBytes(genesis.chainId, height, 0, VOTE_PRECOMMIT, blockHash);
  const order = sortValidators([validatorA, validatorB].map((k) => ({ key: k, publicKey: k.publicKey, power: 10 })));
  return encodeCommit({ height, round: 0, blockHash, signatures: order.map((v, i) => ({ validatorIndex: i, signature: sign(v.key.seed, signBytes) })) });
}

/**
 * Case (2026)京0491民初1234号: ¥10,000.00 due 2026-03-28, its creditor a member key (role verifier).
 * Case B-2/2026: ¥100.00 due 2026-03-28, its creditor the platform (a submitter), paid the next day.
 * Both default at the clock of 2026-03-29 09:00; the ¥100.00 arrives at 10:00.
 */
async function caseLedger(): Promise<ReadModel> {
  const ledger = await Ledger.open(new MemStorage(), genesis, sha256(utf8('case genesis')) as Hash32);
  const time = { nowMs: 0 };
  const clock: Clock = { nowMs: () => asTimeMs(time.nowMs) };
  const mempool = new Mempool({ chainId: genesis.chainId, params: genesis.params, verifier, clock, state: ledger.state },
    { txsMax: 100, bytesMax: 1 << 20 });
  const node: BlockExecComponents = { genesis, ledger, mempool, verifier };
  const txs = new CaseChain(genesis);
  const blocks: [number, (atMs: number) => Uint8Array[]][] = [
    [cst('2026-03-01T10:00:00'), (at) => [txs.anchorTx(DOCUMENT, at).bytes]],
    [cst('2026-03-02T10:00:00'), (at) => [
      txs.createTx(terms([{ amountFen: 1_000_000, dueAtMs: cst('2026-03-28T18:00:00') }]), at).bytes,
      txs.createTx(terms([{ amountFen: 10_000, dueAtMs: cst('2026-03-28T12:00:00') }], {
        caseNo: B2, creditors: [{ memberKey: platform.publicKey }], payees: [{ party: { memberKey: platform.publicKey }, weight: 1 }],
      }), at).bytes,
    ]],
    [cst('2026-03-29T09:00:00'), () => []],
    [cst('2026-03-29T11:00:00'), (at) => [txs.paymentTx(10_000, 'CMB-0329-01', cst('2026-03-29T10:00:00'), at, { caseNo: B2 }).bytes]],
  ];
  for (const [index, [timeMs, make]] of blocks.entries()) {
    time.nowMs = timeMs;
    for (const tx of make(timeMs)) await mempool.add(tx);
    const built = await buildBlock(node, index + 1, timeMs, validatorA.publicKey);
    expect(built.result.rejected.map((r) => r.error.code)).toEqual([]);
    await commitExecuted(node, built, commitOf(index + 1, built.hash));
  }
  return new ReadModel(ledger);
}

function injectFetch(app: FastifyInstance): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const response = await app.inject({ method: 'GET', url: url.pathname + url.search, headers: (init?.headers ?? {}) as Record<string, string> });
    const headers = new Headers();
    for (const [name, value] of Object.entries(response.headers)) if (value !== undefined) headers.set(name, String(value));
    return new Response(response.body, { status: response.statusCode, headers });
  }) as typeof fetch;
}

let app: FastifyInstance;
const client = (signer: KeyPair): TianpingClient => new TianpingClient('http://node.test', { fetch: injectFetch(app), signer });
const signedGet = (url: string, keyPair: KeyPair = court): ReturnType<typeof injectSigned> => injectSigned(app, { url, keyPair, nowMs: Date.now() });
const path = (caseNo: string): string => `/v1/cases/${encodeURIComponent(caseNo)}`;

async function apiError(promise: Promise<unknown>): Promise<{ status: number; code: string }> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ApiError);
  return { status: (error as ApiError).status, code: (error as ApiError).code };
}

beforeAll(async () => {
  const read = await caseLedger();
  // The SDK signs at Date.now(): the node clock is the system's.
  app = (await makeApp(new LedgerComponents(read), { clock: { nowMs: () => asTimeMs(Date.now()) } })).app;
});
afterAll(async () => app.close());

describe('GET /v1/cases/:caseNo', () => {
  it('gives the terms, schedule, money and events; interest as of ?at= is the worked example to the fen', async () => {
    const view = await client(court).getCase(CASE_NO, { at: '2026-04-27T12:00:00+08:00' });
    expect(view).toMatchObject({
      caseNo: CASE_NO, status: 'DEFAULTED', currency: 'CNY', filingId: '',
      creditors: [{ kind: 'member', id: toHex(creditor.publicKey) }],
      debtor: { kind: 'commitment', id: toHex(sha256(utf8('salt|debtor'))) },
      asOf: { day: '2026-04-27', latestBlockTimeMs: cst('2026-03-29T11:00:00') },
      applicationPeriod: { warning: '' },
    });
    // 1,000,000 fen × 30 days (03-29 through 04-27) × 175 / 1,000,000 = 5,250 fen.
    expect(view.owed).toEqual({
      principal: { fen: '1000000', yuan: '10000.00' }, charges: { fen: '5250', yuan: '52.50' },
      fee: { fen: '0', yuan: '0.00' }, total: { fen: '1005250', yuan: '10052.50' },
    });
    expect(view.schedule).toEqual([expect.objectContaining({
      index: 0, status: 'defaulted', principal: { fen: '1000000', yuan: '10000.00' }, paid: { fen: '0', yuan: '0.00' },
      outstanding: { fen: '1000000', yuan: '10000.00' }, charges: { fen: '5250', yuan: '52.50' },
    })]);
    expect(view.events.map((e) => [e.seq, e.kind, e.height, e.txHash === ''])).toEqual([[0, 'CREATED', 2, false], [1, 'DEFAULT', 3, true]]);
    expect(view.events[1]).toMatchObject({ legalAtMs: cst('2026-03-28T18:00:00'), blockTimeMs: cst('2026-03-29T09:00:00'), status: 'DEFAULTED' });
    // The same in Unix milliseconds; without ?at= the day is the latest block's: one day of interest.
    expect((await client(court).getCase(CASE_NO, { at: cst('2026-04-27T23:59:59') })).owed.charges.fen).toBe('5250');
    expect((await client(court).getCase(CASE_NO)).owed.charges).toEqual({ fen: '175', yuan: '1.75' });
  });

  it('¥100.00 paid one day late: 1.75 fen of interest rounds to 2 fen, owed after the principal is paid', async () => {
    const view = await client(platform).getCase(B2);
    expect(view.schedule[0]).toMatchObject({ status: 'paid', paid: { fen: '10000', yuan: '100.00' }, outstanding: { fen: '0', yuan: '0.00' },
      charges: { fen: '2', yuan: '0.02' } });
    expect(view.owed.total).toEqual({ fen: '2', yuan: '0.02' });
    expect(view.money.received).toEqual({ fen: '10000', yuan: '100.00' });
    const payment = view.events.find((e) => e.kind === 'PAYMENT_RECEIVED')!;
    expect(payment.details).toMatchObject({ bankRef: 'CMB-0329-01', amount: { fen: '10000', yuan: '100.00' },
      principal: { fen: '10000', yuan: '100.00' }, charges: { fen: '0', yuan: '0.00' }, signer: toHex(oracle.publicKey) });
    // Money never leaves as a JSON number.
    expect(JSON.stringify(view)).not.toMatch(/"(fen|yuan)":\d/);
  });

  it('answers 404 CASE_UNKNOWN, 400 CASE_NO_INVALID and CASE_TIME_INVALID as problem+json', async () => {
    expectProblem(await signedGet(path('(2026)京0491民初9999号')), 404, 'CASE_UNKNOWN');
    expectProblem(await signedGet(path('bad case no!')), 400, 'CASE_NO_INVALID');
    expectProblem(await signedGet(path('京'.repeat(33))), 400, 'CASE_NO_INVALID');
    for (const at of ['yesterday', '2026-04-27T12:00', '1e12', '-5', '99999999999999999', '2026-03-28', '2026-04-31', '2026-13-01T00:00:00Z']) {
      expectProblem(await signedGet(`${path(CASE_NO)}?at=${encodeURIComponent(at)}`), 400, 'CASE_TIME_INVALID');
    }
  });
});

describe('access', () => {
  it('unsigned is 401; a member of another role reads only its own cases, and cannot tell a case exists', async () => {
    expectProblem(await app.inject({ url: path(CASE_NO) }), 401, 'AUTH_REQUIRED');
    expectProblem(await app.inject({ url: '/v1/cases' }), 401, 'AUTH_REQUIRED');
    for (const reader of [court, oracle, executor, creditor, validatorA]) expect((await client(reader).getCase(CASE_NO)).caseNo).toBe(CASE_NO);
    expect((await client(platform).getCase(B2)).caseNo).toBe(B2);
    for (const url of [path(CASE_NO), path('(2026)京0491民初9999号'), `${path(CASE_NO)}/events`, `${path(CASE_NO)}/events/1/receipt`]) {
      expectProblem(await signedGet(url, platform), 403, 'AUTH_FORBIDDEN');
    }
    expect(await apiError(client(outsider).getCase(CASE_NO))).toEqual({ status: 403, code: 'AUTH_FORBIDDEN' });
    expect(await apiError(client(platform).listCases())).toEqual({ status: 403, code: 'AUTH_FORBIDDEN' });
    expect((await client(platform).listCases({ party: platform.publicKey })).cases.map((c) => c.caseNo)).toEqual([B2]);
  });
});

describe('GET /v1/cases', () => {
  it('lists in case-number order with a cursor, filters by status and party', async () => {
    const all = await client(court).listCases();
    expect(all.cases.map((c) => [c.caseNo, c.status])).toEqual([[CASE_NO, 'DEFAULTED'], [B2, 'DEFAULTED']]);
    expect(all.next).toBeUndefined();
    const first = await client(court).listCases({ limit: 1 });
    expect(first.cases.map((c) => c.caseNo)).toEqual([CASE_NO]);
    expect(first.next).toBe(CASE_NO);
    expect((await client(court).listCases({ limit: 1, after: first.next! })).cases.map((c) => c.caseNo)).toEqual([B2]);
    expect((await client(court).listCases({ status: 'ACTIVE' })).cases).toEqual([]);
    const debtor = toHex(sha256(utf8('salt|debtor')));
    expect((await client(court).listCases({ party: debtor })).cases.map((c) => c.caseNo)).toEqual([CASE_NO, B2]);
    expect((await client(court).listCases({ party: creditor.publicKey })).cases[0]).toMatchObject({
      caseNo: CASE_NO, principalOutstanding: { fen: '1000000', yuan: '10000.00' }, eventsCount: 2 });
  });

  it('refuses a bad limit, status, party or cursor with 400', async () => {
    for (const query of ['limit=0', 'limit=101', 'limit=x', 'status=LATE', 'party=abc', 'bogus=1']) {
      expectProblem(await signedGet(`/v1/cases?${query}`), 400, 'REQUEST_INVALID');
    }
    expectProblem(await signedGet(`/v1/cases?after=${encodeURIComponent('no spaces')}`), 400, 'CASE_NO_INVALID');
  });
});

describe('GET /v1/cases/:caseNo/events and its receipts', () => {
  it('pages the feed by seq with a next cursor', async () => {
    const page = await client(court).caseEvents(CASE_NO, { limit: 1 });
    expect({ count: page.eventsCount, seqs: page.events.map((e) => e.seq), next: page.next }).toEqual({ count: 2, seqs: [0], next: 0 });
    const rest = await client(court).caseEvents(CASE_NO, { after: page.next!, limit: 1 });
    expect({ seqs: rest.events.map((e) => e.seq), next: rest.next }).toEqual({ seqs: [1], next: undefined });
    expect(rest.events[0]).toMatchObject({ kind: 'DEFAULT', height: 3, eventIndex: 1, txHash: '', details: { instalmentIndex: 0 } });
    expect((await client(court).caseEvents(CASE_NO, { after: 1 })).events).toEqual([]);
    for (const query of ['limit=0', 'limit=101', 'after=-1', 'after=x']) {
      expectProblem(await signedGet(`${path(CASE_NO)}/events?${query}`), 400, 'REQUEST_INVALID');
    }
    expectProblem(await signedGet(`${path('nope nope')}/events`), 400, 'CASE_NO_INVALID');
    expectProblem(await signedGet(`${path('NOPE-1')}/events`), 404, 'CASE_UNKNOWN');
  });

  it('proves the clock\'s DEFAULT event offline from the genesis alone; unknown events are 404', async () => {
    const receipt = await client(creditor).caseEventReceipt(CASE_NO, 1);
    const result = verifyEventReceipt(receipt, genesis);
    expect(result.valid ? 'valid' : result.reason).toBe('valid');
    const event = decodeEvent(receipt.event);
    expect({ caseNo: event.caseNo, seq: event.seq, kind: event.kind, tx: event.txHash.length })
      .toEqual({ caseNo: CASE_NO, seq: 1, kind: EVENT.CASE_EVENT_KIND_DEFAULT, tx: 0 });
    // The receipt of the event's block and position, as the block route gives it; and its protobuf bytes.
    const byBlock = await injectSigned(app, { url: '/v1/blocks/3/events/1/receipt', keyPair: creditor, nowMs: Date.now() });
    expect(byBlock.statusCode).toBe(200);
    expect((await signedGet(`${path(CASE_NO)}/events/1/receipt`)).json()).toEqual(byBlock.json());
    const bytes = await injectSigned(app, { url: `${path(CASE_NO)}/events/1/receipt`, keyPair: court, nowMs: Date.now(),
      headers: { accept: 'application/x-protobuf' } });
    expect(bytes.headers['content-type']).toMatch(/^application\/x-protobuf/);
    expect(new Uint8Array(bytes.rawPayload)).toEqual(Uint8Array.from(encodeEventReceipt(receipt)));
    expectProblem(await signedGet(`${path(CASE_NO)}/events/2/receipt`), 404, 'CASE_EVENT_UNKNOWN');
    expectProblem(await signedGet(`${path('NOPE-1')}/events/0/receipt`), 404, 'CASE_UNKNOWN');
    expectProblem(await signedGet(`${path(CASE_NO)}/events/01/receipt`), 400, 'REQUEST_INVALID');
  });
});
