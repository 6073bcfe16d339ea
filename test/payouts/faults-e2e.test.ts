// Gateway faults never make a second transfer, and reconciliation names each case, with real
// processes: a node process (a one-validator testnet), the gateway process (idempotency off, so a
// resent call would be a second debit; webhooks to the dispatcher), and `tianping payout dispatch
// --listen` running throughout. Each fault hits the payout of a case of its own: failures (503),
// a time-out after the bank executed, webhooks twice, late and never, a rejected transfer (failed,
// re-issued, paid), a replayed webhook with an old timestamp, a bad signature, a forged final status.
// Then `tianping payout reconcile` of the day: settled, unpaid (an account the store does not
// hold), mismatched (money left for an order awaiting approval), duplicate (the statement lists a
// transfer twice) and unknown (a credit nobody reported).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/crypto/index.js';
import { valueDateOf } from '../../src/gateway/bank.js';
import { signWebhook } from '../../src/gateway/webhook-signature.js';
import { WEBHOOK_PATH } from '../../src/payouts/index.js';
import { toHex, utf8 } from '../../src/types/index.js';
import { runCli } from '../e2e/node-process.js';
import { waitFor } from '../e2e/network-helpers.js';
import {
  CASE_ACCOUNT, createCase, e2eBasePort, fileAccount, gatewayCall, orderById, ordersOf, receiveMoney, setFaults, setPayoutPolicy,
  startWorld, transfersOf, type PayoutJson, type World,
} from './helpers-e2e.js';
import { eventsOf, settledEvents, startDispatcher, type DispatcherProcess } from './helpers-e2e-dispatch.js';

const SECRET = 'webhook-secret-of-the-e2e-test';
const AUTO_BELOW_FEN = 5_000_000;
const LISTEN_PORT = e2eBasePort(2) + 50;
const WEBHOOK_URL = `http://127.0.0.1:${LISTEN_PORT}${WEBHOOK_PATH}`;

describe('gateway faults and reconciliation, end to end', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tianping-payout-faults-e2e-'));
  let world: World;
  let dispatcher: DispatcherProcess;
  let account: string;
  let cases = 0;
  const paidOnce: string[] = [];
  const today = (): string => valueDateOf(Date.now());

  /** A case of one payee (`commitment`), money received (`fen`): its order. */
  async function orderOfNewCase(fen = 300_000, commitment = account): Promise<PayoutJson> {
    const caseNo = `(2026)粤0306执${900 + cases++}号`;
    await createCase(world, caseNo, [{ commitment }]);
    await receiveMoney(world, caseNo, fen);
    const [order] = await ordersOf(world, caseNo);
    return order!;
  }

  async function settles(id: string, timeoutMs = 30_000): Promise<PayoutJson> {
    await waitFor(`payout ${id} settled`, async () => (await orderById(world, id)).status === 'settled', timeoutMs);
    return orderById(world, id);
  }

  /** One transfer at the gateway and one PAYOUT_SETTLED on chain for the order. */
  async function paidExactlyOnce(order: PayoutJson): Promise<void> {
    expect(await transfersOf(world.gateway.url, today(), order.id), `transfers of ${order.id}`).toBe(1);
    expect((await settledEvents(world, order.caseNo)).get(order.id), `PAYOUT_SETTLED of ${order.id}`).toBe(1);
    paidOnce.push(order.id);
  }

  const postWebhook = (body: string, header: string): Promise<Response> => fetch(WEBHOOK_URL, { method: 'POST',
    headers: { 'content-type': 'application/json', 'x-signature': header }, body });

  beforeAll(async () => {
    world = await startWorld({ dir, basePort: e2eBasePort(2), gatewayArgs: ['--webhook-url', WEBHOOK_URL, '--webhook-secret', SECRET] });
    await setPayoutPolicy(world, AUTO_BELOW_FEN);
    await setFaults(world.gateway.url, { idempotency: false });
    account = fileAccount(world, { bank: 'Bank of Guangzhou', name: 'Payee', number: '6222000033330001' });
    dispatcher = startDispatcher(world, { outbox: 'outbox', listen: { address: `127.0.0.1:${LISTEN_PORT}`, secret: SECRET } });
  }, 120_000);

  afterAll(async () => {
    await dispatcher?.stop();
    await world?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('the bank failing twice (503): the dispatcher asks by key, sends again, and pays once', async () => {
    await setFaults(world.gateway.url, { failNext: 2 });
    const orderedAtMs = Date.now();
    const order = await orderOfNewCase();
    await settles(order.id);
    // The gateway records when it received the request that executed the transfer (what bench:payouts measures to).
    const { receivedAtMs } = (await gatewayCall(world.gateway.url, 'GET', `/transfers/${order.id}`)).body as { receivedAtMs: number };
    expect(receivedAtMs).toBeGreaterThan(orderedAtMs);
    expect(receivedAtMs).toBeLessThanOrEqual(Date.now());
    expect(eventsOf(dispatcher.lines(), 'payout.unknown-outcome', order.id).length).toBeGreaterThanOrEqual(2);
    await paidExactlyOnce(order);
  }, 60_000);

  it('the bank executing but never answering, its webhook sent twice: the transfer found by key, paid once', async () => {
    await setFaults(world.gateway.url, { timeoutAfterAccept: 1, webhook: 'twice' });
    const order = await orderOfNewCase();
    await settles(order.id, 45_000);
    await paidExactlyOnce(order);
  }, 60_000);

  it('a late webhook and none at all: each paid once, the late one ignored', async () => {
    await setFaults(world.gateway.url, { webhook: 'late' });
    const late = await orderOfNewCase();
    await settles(late.id);
    await setFaults(world.gateway.url, { webhook: 'never' });
    const never = await orderOfNewCase();
    await settles(never.id);
    await waitFor('the late webhook ignored', async () => eventsOf(dispatcher.lines(), 'payout.webhook-ignored', late.id).length > 0, 15_000);
    await setFaults(world.gateway.url, { webhook: 'normal' });
    await paidExactlyOnce(late);
    await paidExactlyOnce(never);
  }, 60_000);

  it('a rejected transfer: the order failed and re-issued, the re-issue paid once, the failed one never', async () => {
    await setFaults(world.gateway.url, { rejectNext: 1 });
    const order = await orderOfNewCase();
    await waitFor('the order failed', async () => (await orderById(world, order.id)).status === 'failed', 30_000);
    const reissue = (await orderById(world, order.id)).reissuedAs!;
    expect(reissue).toMatch(/^[0-9a-f]{64}$/);
    await settles(reissue);
    expect(await transfersOf(world.gateway.url, today(), order.id)).toBe(0);
    await paidExactlyOnce(await orderById(world, reissue));
  }, 60_000);

  it('a replayed webhook with an old timestamp, a bad signature, a forged "failed": refused or ignored, nothing moves', async () => {
    const [paid] = paidOnce;
    const answer = (await gatewayCall(world.gateway.url, 'GET', `/transfers/${paid}`)).body;
    const body = JSON.stringify(answer);
    const nowS = Math.floor(Date.now() / 1000);
    const stale = await postWebhook(body, signWebhook(SECRET, nowS - 600, body));
    expect(stale.status).toBe(401);
    expect(((await stale.json()) as { code: string }).code).toBe('WEBHOOK_STALE');
    const forged = await postWebhook(body, signWebhook('not the secret', nowS, body));
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as { code: string }).code).toBe('WEBHOOK_SIGNATURE_INVALID');
    const failedBody = JSON.stringify({ ...answer, status: 'failed', failureReason: 'REJECTED' });
    const ignored = await postWebhook(failedBody, signWebhook(SECRET, nowS, failedBody));
    expect(ignored.status).toBe(200);
    expect(await ignored.json()).toEqual({ result: 'ignored' });
    expect((await orderById(world, paid!)).status).toBe('settled');
    for (const id of paidOnce) expect(await transfersOf(world.gateway.url, today(), id)).toBe(1);
  });

  it('tianping payout reconcile reports settled, unpaid, mismatched, duplicate and unknown', async () => {
    const balance = async (): Promise<number> => (await gatewayCall(world.gateway.url, 'GET', `/accounts/${CASE_ACCOUNT}`)).body['balanceFen'] as number;
    // duplicate: the statement lists the next transfer twice, the balance once.
    await setFaults(world.gateway.url, { duplicateStatementEntry: 1 });
    const before = await balance();
    const duplicated = await orderOfNewCase();
    await settles(duplicated.id);
    expect(await balance()).toBe(before + 300_000 - duplicated.amountFen);
    // unpaid: an account the store does not hold (the dispatcher refuses and says why).
    const unpaid = await orderOfNewCase(300_000, toHex(sha256(utf8('an account filed elsewhere'))));
    await waitFor('the account refused', async () => eventsOf(dispatcher.lines(), 'payout.account-refused', unpaid.id).length > 0, 15_000);
    // mismatched: money left under the id of an order the chain holds awaiting approval.
    const awaiting = await orderOfNewCase(2 * AUTO_BELOW_FEN);
    expect(awaiting.status).toBe('awaiting-approval');
    const manual = await gatewayCall(world.gateway.url, 'POST', '/transfers', { fromAccount: CASE_ACCOUNT,
      to: { bank: 'Bank of Guangzhou', name: 'Payee', number: '6222000033330001' }, amountFen: 1_000, currency: 'CNY', endToEndId: awaiting.id,
      remittance: 'sent by hand' }, { 'idempotency-key': 'by-hand-1' });
    expect(manual.status).toBe(200);
    // unknown: a credit nobody reported on chain.
    await gatewayCall(world.gateway.url, 'POST', `/accounts/${CASE_ACCOUNT}/credit`, { amountFen: 4_321, endToEndId: 'NOBODY-REPORTED-THIS' });

    const out = join(dir, 'reconciliation.json');
    const run = await runCli(['payout', 'reconcile', '--date', today(), '--gateway', world.gateway.url, '--key', world.files.finance,
      '--node', world.nodeUrl, '--out', out, '--json']);
    expect(run.code, run.stderr).toBe(0);
    // Each case's money received is a settled entry as well.
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, settled: paidOnce.length + cases, unpaid: 1, mismatched: 1, duplicate: 1, unknown: 1 });
    const report = JSON.parse(readFileSync(out, 'utf8')) as { entries: { endToEndId: string; state: string; subject: string }[] };
    const stateOf = (id: string): string | undefined => report.entries.find((e) => e.endToEndId === id)?.state;
    for (const id of paidOnce) expect(stateOf(id), id).toBe('settled');
    expect([stateOf(unpaid.id), stateOf(awaiting.id), stateOf(duplicated.id), stateOf('NOBODY-REPORTED-THIS')])
      .toEqual(['unpaid', 'mismatched', 'duplicate', 'unknown']);
    const listed = await orderById(world, duplicated.id) as PayoutJson & { reconciliation?: string };
    expect(listed.reconciliation).toBe('duplicate');
  }, 90_000);
});
