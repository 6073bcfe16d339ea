// POST /v1/payouts/webhook: signed by the current or the previous secret within 300 s, else 401
// problem+json; a final status it takes goes to the dispatcher as a status query's answer would,
// ending a wait on a bank that cannot answer queries; duplicates and late ones change nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TianpingClient } from '../../src/client/client.js';
import { signWebhook } from '../../src/gateway/webhook-signature.js';
import { AccountStore, writeAccountKey } from '../../src/payouts/account-store.js';
import type { BankTransferResult } from '../../src/payouts/bank-adapter.js';
import { NodePayoutChain } from '../../src/payouts/chain.js';
import { Dispatcher } from '../../src/payouts/dispatcher.js';
import { HttpOrderSource } from '../../src/payouts/order-source.js';
import { Outbox } from '../../src/payouts/outbox.js';
import { WEBHOOK_PATH, buildWebhookApp } from '../../src/payouts/webhook.js';
import { asTimeMs } from '../../src/types/index.js';
import { CHAIN_ID, FakeBank, FakeNode, captureLogger, executorKey } from './fakes.js';

const NOW_MS = 1_765_000_000_000;
const NOW_S = NOW_MS / 1000;
const result: BankTransferResult = { key: 'ab'.repeat(32), status: 'settled', bankRef: 'REF-9', valueDate: '2026-12-07' };

async function app(taken: BankTransferResult[]) {
  return buildWebhookApp({ secrets: ['current-secret', 'previous-secret'], nowMs: () => NOW_MS,
    bankUpdate: (outcome) => {
      taken.push(outcome);
      return Promise.resolve('taken');
    } });
}

function post(body: string, signature: string | undefined) {
  return { method: 'POST' as const, url: WEBHOOK_PATH, payload: body,
    headers: { 'content-type': 'application/json', ...(signature === undefined ? {} : { 'x-signature': signature }) } };
}

describe('webhook signatures', () => {
  it('accepts the current and the previous secret, and hands the status over', async () => {
    const taken: BankTransferResult[] = [];
    const server = await app(taken);
    const body = JSON.stringify(result);
    for (const secret of ['current-secret', 'previous-secret']) {
      const answer = await server.inject(post(body, signWebhook(secret, NOW_S - 10, body)));
      expect(answer.statusCode).toBe(200);
      expect(answer.json()).toEqual({ result: 'taken' });
    }
    expect(taken).toEqual([result, result]);
    await server.close();
  });

  it.each([
    ['another secret', (body: string) => signWebhook('old-secret', NOW_S, body), 'WEBHOOK_SIGNATURE_INVALID'],
    ['no header', () => undefined, 'WEBHOOK_SIGNATURE_INVALID'],
    ['a malformed header', () => 't=abc,v1=zz', 'WEBHOOK_SIGNATURE_INVALID'],
    ['a body changed after signing', (body: string) => signWebhook('current-secret', NOW_S, body.replace('REF-9', 'REF-8')), 'WEBHOOK_SIGNATURE_INVALID'],
    ['a timestamp 301 s old', (body: string) => signWebhook('current-secret', NOW_S - 301, body), 'WEBHOOK_STALE'],
    ['a timestamp 301 s ahead', (body: string) => signWebhook('current-secret', NOW_S + 301, body), 'WEBHOOK_STALE'],
  ])('refuses %s with 401 problem+json', async (_name, sign, code) => {
    const taken: BankTransferResult[] = [];
    const server = await app(taken);
    const body = JSON.stringify(result);
    const answer = await server.inject(post(body, sign(body)));
    expect(answer.statusCode).toBe(401);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(answer.json()).toMatchObject({ code, status: 401, instance: WEBHOOK_PATH });
    expect(taken).toEqual([]);
    await server.close();
  });

  it('a signed body that is not a transfer status is a bad request', async () => {
    const server = await app([]);
    const body = JSON.stringify({ key: 'x', status: 'pending' });
    const answer = await server.inject(post(body, signWebhook('current-secret', NOW_S, body)));
    expect(answer.statusCode).toBe(400);
    expect(answer.json()).toMatchObject({ code: 'REQUEST_INVALID' });
    await server.close();
  });
});

describe('webhook into the dispatcher', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('ends the wait of a transfer whose answer was lost while the bank answers no status query; a duplicate is ignored', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tianping-webhook-'));
    const node = new FakeNode();
    await node.listen();
    const bank = new FakeBank();
    writeAccountKey(join(dir, 'k'));
    const accounts = AccountStore.open(join(dir, 'a'), join(dir, 'k'));
    const id = node.addOrder({ caseNo: 'C-hook', amountFen: 321, commitment: accounts.add({ bank: 'b', name: 'n', number: '1' }) });
    bank.timeoutAfterAccept = 1;
    bank.statusFailNext = 1_000;
    const outbox = await Outbox.open(join(dir, 'outbox'));
    const clock = { nowMs: () => asTimeMs(NOW_MS) };
    const { logger } = captureLogger();
    let waits = 0;
    const d = new Dispatcher({
      source: new HttpOrderSource({ nodeUrl: node.url, key: executorKey, trust: node.trust, logger }),
      chain: new NodePayoutChain({ client: new TianpingClient(node.url, { signer: executorKey }), chainId: CHAIN_ID, key: executorKey, clock }),
      bank, accounts, outbox, fromAccount: 'court', logger, clock,
      // A wait that only a webhook ends (or stop()).
      sleep: () => {
        waits++;
        return new Promise<void>(() => undefined);
      },
    });
    const server = await buildWebhookApp({ secrets: ['s1'], nowMs: () => NOW_MS, bankUpdate: (o) => d.bankUpdate(o) });
    const round = d.runOnce();
    while (waits === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await outbox.get(id))?.step).toBe('calling');
    const body = JSON.stringify({ key: id, status: 'settled', bankRef: 'REF-1', valueDate: '2026-12-07' });
    const first = await server.inject(post(body, signWebhook('s1', NOW_S, body)));
    expect(first.json()).toEqual({ result: 'taken' });
    await round;
    expect(bank.executed).toHaveLength(1);
    expect(node.orders.get(id)?.status).toBe('settled');
    expect((await outbox.get(id))?.step).toBe('reported');
    const again = await server.inject(post(body, signWebhook('s1', NOW_S, body)));
    expect(again.json()).toEqual({ result: 'ignored' });
    expect(node.txs.filter((tx) => tx.kind === 'result')).toHaveLength(1);
    await server.close();
    await outbox.close();
    await node.close();
  });
});
