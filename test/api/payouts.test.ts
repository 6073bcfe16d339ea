// The payout reads through app.inject() on a production node core (one validator, real mempool,
// ledger and read model): orders made by a real payment report, approved, held and reconciled by
// real txs, then read back by GET /v1/payouts (filters, paging), GET /v1/payouts/:id, the policy,
// the money received, and inside GET /v1/cases/:caseNo; each order's eventSeq names the event whose
// receipt carries that very order. Access and bad input are problem+json with stable codes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { PayoutView } from '../../src/api/components.js';
import { decodeEventReceipt } from '../../src/client/event-receipt.js';
import type { DecodedTx } from '../../src/codec/tx.js';
import type { KeyPair } from '../../src/crypto/index.js';
import { sha256 } from '../../src/crypto/index.js';
import { decodeEvent } from '../../src/state/cases/index.js';
import { payoutId } from '../../src/state/payouts/index.js';
import { toHex, utf8 } from '../../src/types/index.js';
import { caseGenesis, startCaseNode, type CaseNode } from '../helpers/case-node.js';
import {
  CASE_NO, CHAIN_ID, CaseChain, DOCUMENT, court, creditor, executor, oracle, outsider, platform, terms, validatorA,
} from '../state/cases/fixture.js';
import { bureauChief, finance, officer } from '../state/payouts/fixture.js';
import { injectSigned } from './signed.js';

const chain = caseGenesis({
  chainId: CHAIN_ID, validator: validatorA, validatorName: 'val-0', categories: ['notarial'],
  members: [['platform', 'submitter', platform], ['court', 'court', court], ['bank-oracle', 'oracle', oracle], ['bureau', 'executor', executor],
    ['creditor', 'verifier', creditor], ['officer', 'officer', officer], ['chief', 'bureau-chief', bureauChief], ['finance', 'finance', finance],
    ['outsider', 'submitter', outsider]],
});
const txs = new CaseChain(chain.genesis);
const DAY_MS = 86_400_000;
const ACCOUNT = sha256(utf8('account of the creditor'));
const STRANGER = sha256(utf8('payee without a key'));

let node: CaseNode;
let app: FastifyInstance;
/** Money received 11 days before the test: past the default alerts at 5 and 10 days. */
const receivedAtMs = Date.now() - 11 * DAY_MS;

async function send(tx: DecodedTx): Promise<void> {
  const response = await app.inject({ method: 'POST', url: '/v1/txs?wait=commit', payload: Buffer.from(tx.bytes),
    headers: { 'content-type': 'application/x-protobuf' } });
  expect(response.statusCode, response.body).toBe(200);
}

async function read(url: string, keyPair: KeyPair = officer): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await injectSigned(app, { url, keyPair, nowMs: Date.now() });
  return { status: response.statusCode, body: response.json<Record<string, unknown>>() };
}

async function payouts(url = '/v1/payouts'): Promise<{ payouts: PayoutView[]; next?: string }> {
  const answer = await read(url);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body as unknown as { payouts: PayoutView[]; next?: string };
}

const ids = [0, 1].map((payee) => toHex(payoutId(CHAIN_ID, CASE_NO, 0, payee)));

beforeAll(async () => {
  node = await startCaseNode(chain, { moniker: 'payouts', app: 'inject' });
  app = node.app!;
  const now = Date.now();
  await send(txs.anchorTx(DOCUMENT, now));
  await send(txs.createTx(terms([{ amountFen: 100_000_000, dueAtMs: now + 90 * DAY_MS }], {
    payees: [{ party: { memberKey: creditor.publicKey }, weight: 3, accountCommitment: ACCOUNT }, { party: { identityCommitment: STRANGER }, weight: 1 }],
  }), now));
  await send(txs.paymentTx(1_000_000, 'IN-0001', receivedAtMs, Date.now()));
});

afterAll(async () => {
  await node?.stop();
});

describe('orders made by money received', () => {
  it('lists one order per payee by id, split by weight, as the chain ordered them', async () => {
    const { payouts: list, next } = await payouts();
    expect(next).toBeUndefined();
    expect(list.map((p) => p.id)).toEqual([...ids].sort());
    const view = (await read(`/v1/cases/${encodeURIComponent(CASE_NO)}`, court)).body as { money: { creditors: { fen: string } } };
    const [first, second] = ids.map((id) => list.find((p) => p.id === id)!);
    expect(first!.amountFen + second!.amountFen).toBe(Number(view.money.creditors.fen));
    // Weights 3 and 1, largest remainder: the first payee's part is three times the second's, within a fen per weight.
    expect(Math.abs(first!.amountFen - 3 * second!.amountFen)).toBeLessThanOrEqual(3);
    expect(first).toMatchObject({
      caseNo: CASE_NO, payoutSeq: 0, payeeIndex: 0, payee: { kind: 'member', id: toHex(creditor.publicKey) }, accountCommitment: toHex(ACCOUNT),
      currency: 'CNY', status: 'awaiting-approval', holds: [], requiredRoles: ['officer'], approvals: [], claimant: '', claimExpiresAtMs: 0,
      bankRef: '', failureReason: '', reissueOf: '', reissuedAs: '', moneyReceivedAtMs: receivedAtMs, reconciliation: '',
      // Eleven days since the money arrived, unpaid: the default policy's alerts at 5 and 10 days have passed.
      alertDays: 10,
    });
    expect(second).toMatchObject({ payee: { kind: 'commitment', id: toHex(STRANGER) }, accountCommitment: '', holds: ['not-collecting'] });
  });

  it('names in eventSeq the case event whose receipt carries the order as shown', async () => {
    for (const id of ids) {
      const order = (await read(`/v1/payouts/${id}`)).body as unknown as PayoutView;
      const receipt = await node.core.caseEventReceipt(CASE_NO, order.eventSeq);
      const event = decodeEvent(decodeEventReceipt(receipt.bytes).event);
      expect(toHex(event.payout?.id ?? new Uint8Array())).toBe(id);
      expect(event.payout?.status).toBe(order.status);
      expect(event.payout?.amountFen).toBe(order.amountFen);
    }
  });

  it('filters by status and case, and pages by id', async () => {
    expect((await payouts('/v1/payouts?status=approved')).payouts).toEqual([]);
    expect((await payouts('/v1/payouts?status=awaiting-approval')).payouts).toHaveLength(2);
    expect((await payouts(`/v1/payouts?case=${encodeURIComponent(CASE_NO)}`)).payouts).toHaveLength(2);
    const sorted = [...ids].sort();
    const first = await payouts('/v1/payouts?limit=1');
    expect(first.payouts.map((p) => p.id)).toEqual([sorted[0]]);
    expect(first.next).toBe(sorted[0]);
    const second = await payouts(`/v1/payouts?limit=1&after=${first.next}`);
    expect(second.payouts.map((p) => p.id)).toEqual([sorted[1]]);
    expect((await payouts(`/v1/payouts?after=${sorted[1]}`)).payouts).toEqual([]);
  });

  it('shows the case\'s orders in GET /v1/cases/:caseNo as GET /v1/payouts does', async () => {
    const view = (await read(`/v1/cases/${encodeURIComponent(CASE_NO)}`, court)).body as { payouts: PayoutView[] };
    expect(view.payouts).toEqual((await payouts()).payouts);
  });

  it('lists the money received with its bank reference and amount', async () => {
    const answer = await read('/v1/payouts/received', finance);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ received: [{ bankRef: 'IN-0001', caseNo: CASE_NO, amountFen: 1_000_000, currency: 'CNY', receivedAtMs, height: 3 }] });
  });

  it('gives the default policy until governance sets one', async () => {
    const answer = await read('/v1/payouts/policy', bureauChief);
    expect(answer.body).toEqual({
      tiers: [{ upToFen: 5_000_000, roles: ['officer'] }, { upToFen: 0, roles: ['officer', 'bureau-chief', 'finance'] }],
      autoApproveBelowFen: 0, alertDays: [5, 10, 15, 30], claimLeaseMs: 60_000, source: 'default',
    });
  });
});

describe('orders as txs change them', () => {
  it('shows an approval, a hold and the newest reconciliation naming an order', async () => {
    const [first, second] = ids as [string, string];
    const amount = ((await read(`/v1/payouts/${first}`)).body as unknown as PayoutView).amountFen;
    await send(txs.tx(officer, { payoutApproval: { payoutId: Buffer.from(first, 'hex'), amountFen: amount } }, Date.now()));
    await send(txs.tx(court, { payoutHold: { caseNo: CASE_NO, payoutId: Buffer.from(second, 'hex'), kind: 1, reason: 'appeal' } }, Date.now()));
    const reconciled = (date: string, state: number): DecodedTx => txs.tx(executor, { payoutReconciliation: {
      statementDate: date, reportDigest: sha256(utf8(date)), entries: [{ endToEndId: first, state, amountFen: amount, caseNo: CASE_NO }],
    } }, Date.now());
    await send(reconciled('2026-05-07', 3)); // mismatched
    await send(reconciled('2026-05-06', 2)); // unpaid, recorded later: the newest record wins, whatever its date
    const approved = (await read(`/v1/payouts/${first}`)).body as unknown as PayoutView;
    expect(approved).toMatchObject({ status: 'approved', approvals: [{ approver: toHex(officer.publicKey), role: 'officer' }], reconciliation: 'unpaid',
      alertDays: 10 });
    const held = (await read(`/v1/payouts/${second}`)).body as unknown as PayoutView;
    expect([...held.holds].sort()).toEqual(['dispute', 'not-collecting']);
    expect(held.reconciliation).toBe('');
    expect((await payouts('/v1/payouts?status=approved')).payouts.map((p) => p.id)).toEqual([first]);
  });
});

describe('refusals', () => {
  it('answers an unknown or malformed id, an unknown case and a bad filter with their codes', async () => {
    expect(await read(`/v1/payouts/${'ab'.repeat(32)}`)).toMatchObject({ status: 404, body: { code: 'PAYOUT_UNKNOWN' } });
    expect(await read('/v1/payouts/xyz')).toMatchObject({ status: 400, body: { code: 'HASH_INVALID' } });
    expect(await read('/v1/payouts?case=NO-SUCH-CASE')).toMatchObject({ status: 404, body: { code: 'CASE_UNKNOWN' } });
    expect(await read('/v1/payouts?status=paid')).toMatchObject({ status: 400, body: { code: 'REQUEST_INVALID' } });
    expect(await read('/v1/payouts?limit=1001')).toMatchObject({ status: 400, body: { code: 'REQUEST_INVALID' } });
    expect(await read('/v1/payouts/received?after=pay%2Fo%2F00')).toMatchObject({ status: 400, body: { code: 'REQUEST_INVALID' } });
  });

  it('lets only the payout roles read, and only signed', async () => {
    for (const url of ['/v1/payouts', `/v1/payouts/${ids[0]}`, '/v1/payouts/policy', '/v1/payouts/received']) {
      expect(await read(url, outsider)).toMatchObject({ status: 403, body: { code: 'AUTH_FORBIDDEN' } });
      expect(await read(url, creditor)).toMatchObject({ status: 403, body: { code: 'AUTH_FORBIDDEN' } });
      const unsigned = await app.inject({ method: 'GET', url });
      expect(unsigned.statusCode).toBe(401);
      expect(unsigned.json()).toMatchObject({ code: 'AUTH_REQUIRED' });
    }
    for (const reader of [executor, officer, bureauChief, finance, court]) expect((await read('/v1/payouts', reader)).status).toBe(200);
  });
});
