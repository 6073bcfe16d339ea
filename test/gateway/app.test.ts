// The gateway's routes through inject (docs/payouts.md §7): accounts, transfers once per key,
// statements by China value date, problem codes, and each fault switch but timeoutAfterAccept
// (which needs a real socket: server.test.ts).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TransferAnswer } from '../../src/gateway/index.js';
import { CASE_ACCOUNT, appGateway, removeDir, transferBody, type AppGateway } from './fixtures.js';

// 2024-01-01T16:30:00Z is 00:30 on 2 January in China: the value date is the 2nd.
const NOW_MS = Date.parse('2024-01-01T16:30:00Z');
const DAY = '2024-01-02';
let gw: AppGateway;
const sent: { answer: TransferAnswer; mode: string }[] = [];

beforeEach(async () => {
  sent.length = 0;
  gw = await appGateway({ nowMs: () => NOW_MS, webhooks: { deliver: (answer, mode) => sent.push({ answer, mode }) } });
  const opened = await gw.app.inject({ method: 'POST', url: '/accounts', payload: {
    id: CASE_ACCOUNT, name: 'Court case account', bank: 'ICBC Hangzhou', number: '1202 0000 0001', balanceFen: 100_000,
  } });
  expect(opened.statusCode, opened.body).toBe(201);
});
afterEach(async () => {
  await gw.close();
  removeDir(gw.dir);
});

function post(key: string | undefined, payload: unknown) {
  return gw.app.inject({ method: 'POST', url: '/transfers', payload: payload as object, headers: key === undefined ? {} : { 'idempotency-key': key } });
}

async function balance(): Promise<number> {
  return (await gw.app.inject({ url: `/accounts/${CASE_ACCOUNT}` })).json<{ balanceFen: number }>().balanceFen;
}

async function statement(date = DAY) {
  return (await gw.app.inject({ url: `/statements/${date}` })).json<{ entries: { endToEndId: string; amountFen: number; direction: string }[] }>().entries;
}

function expectProblem(response: { statusCode: number; headers: Record<string, unknown>; json: () => unknown }, status: number, code: string): void {
  expect(response.statusCode).toBe(status);
  expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
  expect(response.json()).toMatchObject({ status, code, type: `/problems/${code.toLowerCase().replaceAll('_', '-')}` });
}

describe('accounts', () => {
  it('opens, shows, refuses a second with the same id, and knows no other', async () => {
    expect((await gw.app.inject({ url: `/accounts/${CASE_ACCOUNT}` })).json()).toEqual({
      id: CASE_ACCOUNT, name: 'Court case account', bank: 'ICBC Hangzhou', number: '1202 0000 0001', balanceFen: 100_000, currency: 'CNY',
    });
    expectProblem(await gw.app.inject({ method: 'POST', url: '/accounts', payload: {
      id: CASE_ACCOUNT, name: 'x', bank: 'y', number: '1', balanceFen: 0,
    } }), 409, 'ACCOUNT_EXISTS');
    expectProblem(await gw.app.inject({ url: '/accounts/nobody' }), 404, 'ACCOUNT_UNKNOWN');
    expectProblem(await gw.app.inject({ method: 'POST', url: '/accounts', payload: { id: 'a/b', name: 'x', bank: 'y', number: '1', balanceFen: 0 } }),
      400, 'BODY_INVALID');
    expectProblem(await gw.app.inject({ method: 'POST', url: '/accounts', payload: { id: 'c', name: 'x', bank: 'y', number: '1', balanceFen: '5' } }),
      400, 'BODY_INVALID');
  });

  it('records money coming in as a credit line of the statement', async () => {
    const credited = await gw.app.inject({ method: 'POST', url: `/accounts/${CASE_ACCOUNT}/credit`, payload: { amountFen: 5000, endToEndId: 'DEBTOR-PAY-1' } });
    expect(credited.statusCode, credited.body).toBe(200);
    expect(credited.json()).toMatchObject({ account: CASE_ACCOUNT, amountFen: 5000, balanceFen: 105_000, valueDate: DAY });
    expect(await statement()).toEqual([{ endToEndId: 'DEBTOR-PAY-1', amountFen: 5000, direction: 'credit', valueDate: DAY,
      bankRef: credited.json<{ bankRef: string }>().bankRef, account: CASE_ACCOUNT }]);
    expectProblem(await gw.app.inject({ method: 'POST', url: '/accounts/nobody/credit', payload: { amountFen: 1, endToEndId: 'x' } }), 404, 'ACCOUNT_UNKNOWN');
    expectProblem(await gw.app.inject({ method: 'POST', url: `/accounts/${CASE_ACCOUNT}/credit`, payload: { amountFen: 0, endToEndId: 'x' } }),
      400, 'BODY_INVALID');
  });
});

describe('transfers', () => {
  it('executes once: the same key and payload answer the first answer again, in any key order', async () => {
    const first = await post('key-1', transferBody());
    expect(first.statusCode, first.body).toBe(200);
    const answer = first.json<TransferAnswer>();
    expect(answer).toMatchObject({ key: 'key-1', status: 'settled', valueDate: DAY });
    expect(answer.bankRef).toMatch(/^[0-9A-Za-z._:/-]{1,64}$/);
    const { fromAccount, ...rest } = transferBody();
    const again = await post('key-1', { ...rest, fromAccount });
    expect(again.json()).toEqual(answer);
    expect(await balance()).toBe(100_000 - 12_345);
    expect(await statement()).toEqual([{ endToEndId: 'aa'.repeat(32), amountFen: 12_345, direction: 'debit', valueDate: DAY,
      bankRef: answer.bankRef, account: CASE_ACCOUNT }]);
    expect((await gw.app.inject({ url: '/transfers/key-1' })).json()).toEqual(answer);
    expect(sent).toEqual([{ answer, mode: 'normal' }]);
  });

  it('refuses the same key for another payload with 409 IDEMPOTENCY_KEY_REUSED, executing nothing', async () => {
    await post('key-1', transferBody());
    expectProblem(await post('key-1', transferBody({ amountFen: 12_346 })), 409, 'IDEMPOTENCY_KEY_REUSED');
    expectProblem(await post('key-1', transferBody({ remittance: 'other' })), 409, 'IDEMPOTENCY_KEY_REUSED');
    expect(await balance()).toBe(100_000 - 12_345);
    expect(await statement()).toHaveLength(1);
  });

  it('makes a failed transfer of a short balance or another currency, kept under its key', async () => {
    const short = await post('key-short', transferBody({ amountFen: 100_001 }));
    expect(short.json()).toMatchObject({ key: 'key-short', status: 'failed', failureReason: 'INSUFFICIENT_FUNDS', valueDate: DAY });
    expect((await post('key-short', transferBody({ amountFen: 100_001 }))).json()).toEqual(short.json());
    expect((await gw.app.inject({ url: '/transfers/key-short' })).json()).toEqual(short.json());
    expect((await post('key-usd', transferBody({ currency: 'USD' }))).json()).toMatchObject({ status: 'failed', failureReason: 'CURRENCY_MISMATCH' });
    expect(await balance()).toBe(100_000);
    expect(await statement()).toEqual([]);
  });

  it('answers problems with stable codes', async () => {
    expectProblem(await post(undefined, transferBody()), 400, 'IDEMPOTENCY_KEY_MISSING');
    expectProblem(await post('bad key with spaces', transferBody()), 400, 'IDEMPOTENCY_KEY_MISSING');
    expectProblem(await post('k', { ...transferBody(), amountFen: '12345' }), 400, 'BODY_INVALID');
    expectProblem(await post('k', { ...transferBody(), extra: 1 }), 400, 'BODY_INVALID');
    expectProblem(await gw.app.inject({ method: 'POST', url: '/transfers', headers: { 'idempotency-key': 'k', 'content-type': 'application/json' },
      payload: '{not json' }), 400, 'BODY_INVALID');
    expectProblem(await post('k', transferBody({ fromAccount: 'nobody' })), 404, 'ACCOUNT_UNKNOWN');
    // A refused request leaves its key free.
    expectProblem(await gw.app.inject({ url: '/transfers/k' }), 404, 'TRANSFER_UNKNOWN');
    expectProblem(await gw.app.inject({ url: '/statements/2024-02-30' }), 400, 'DATE_INVALID');
    expectProblem(await gw.app.inject({ url: '/statements/yesterday' }), 400, 'DATE_INVALID');
    expectProblem(await gw.app.inject({ url: '/nowhere' }), 404, 'ROUTE_NOT_FOUND');
  });
});

describe('fault switches', () => {
  it('failNext: answers 503 UNAVAILABLE N times doing nothing, then executes', async () => {
    expect((await gw.app.inject({ method: 'POST', url: '/faults', payload: { failNext: 2 } })).json()).toMatchObject({ failNext: 2 });
    expectProblem(await post('key-1', transferBody()), 503, 'UNAVAILABLE');
    expectProblem(await post('key-1', transferBody()), 503, 'UNAVAILABLE');
    expectProblem(await gw.app.inject({ url: '/transfers/key-1' }), 404, 'TRANSFER_UNKNOWN');
    expect(await balance()).toBe(100_000);
    expect((await post('key-1', transferBody())).json()).toMatchObject({ status: 'settled' });
    expect(await balance()).toBe(100_000 - 12_345);
  });

  it('rejectNext: executes N transfers as failed, then settles again', async () => {
    await gw.app.inject({ method: 'POST', url: '/faults', payload: { rejectNext: 1 } });
    expect((await post('key-1', transferBody())).json()).toMatchObject({ status: 'failed', failureReason: 'REJECTED' });
    expect((await post('key-1', transferBody())).json()).toMatchObject({ status: 'failed', failureReason: 'REJECTED' });
    expect((await post('key-2', transferBody())).json()).toMatchObject({ status: 'settled' });
    expect(sent.map((s) => s.answer.status)).toEqual(['failed', 'settled']);
  });

  it('idempotency false: a key is executed again (what two dispatchers without claims would do)', async () => {
    await gw.app.inject({ method: 'POST', url: '/faults', payload: { idempotency: false } });
    const first = (await post('key-1', transferBody())).json<TransferAnswer>();
    const second = (await post('key-1', transferBody())).json<TransferAnswer>();
    expect(second.bankRef).not.toBe(first.bankRef);
    expect(await balance()).toBe(100_000 - 2 * 12_345);
    expect((await statement()).map((e) => e.endToEndId)).toEqual(['aa'.repeat(32), 'aa'.repeat(32)]);
    await gw.app.inject({ method: 'POST', url: '/faults', payload: { idempotency: true } });
    expect((await post('key-1', transferBody())).json()).toEqual(second);
  });

  it('duplicateStatementEntry: the next settled transfer appears twice in the statement, once in the balance', async () => {
    expect((await gw.app.inject({ method: 'POST', url: '/faults', payload: { duplicateStatementEntry: true } })).json())
      .toMatchObject({ duplicateStatementEntry: 1 });
    await post('key-1', transferBody());
    await post('key-2', transferBody({ endToEndId: 'bb'.repeat(32), amountFen: 1 }));
    expect((await statement()).map((e) => e.endToEndId)).toEqual(['aa'.repeat(32), 'aa'.repeat(32), 'bb'.repeat(32)]);
    expect(await balance()).toBe(100_000 - 12_345 - 1);
  });

  it('webhook: the mode is handed with each final status; bad switches are refused', async () => {
    await gw.app.inject({ method: 'POST', url: '/faults', payload: { webhook: 'twice' } });
    await post('key-1', transferBody());
    expect(sent.map((s) => s.mode)).toEqual(['twice']);
    expectProblem(await gw.app.inject({ method: 'POST', url: '/faults', payload: { webhook: 'sometimes' } }), 400, 'BODY_INVALID');
    expectProblem(await gw.app.inject({ method: 'POST', url: '/faults', payload: { failNext: -1 } }), 400, 'BODY_INVALID');
    expect((await gw.app.inject({ method: 'POST', url: '/faults', payload: {} })).json()).toEqual({
      failNext: 0, timeoutAfterAccept: 0, rejectNext: 0, webhook: 'twice', idempotency: true, duplicateStatementEntry: 0,
    });
  });
});

describe('value dates', () => {
  it('are the China date of execution (UTC+08:00)', async () => {
    const late = await appGateway({ nowMs: () => Date.parse('2024-01-02T15:59:59Z') });
    try {
      await late.app.inject({ method: 'POST', url: '/accounts', payload: { id: 'a', name: 'n', bank: 'b', number: '1', balanceFen: 10 } });
      const answer = (await late.app.inject({ method: 'POST', url: '/transfers', headers: { 'idempotency-key': 'k' },
        payload: transferBody({ fromAccount: 'a', amountFen: 1 }) })).json<TransferAnswer>();
      expect(answer.valueDate).toBe('2024-01-02');
    } finally {
      await late.close();
      removeDir(late.dir);
    }
  });
});
