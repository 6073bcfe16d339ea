// Crash every step, with real processes: a node process (a one-validator testnet), the reference
// gateway as its own process with its idempotency switched off (so a second call under a key would
// be a second debit on the statement), and `tianping payout dispatch` started with
// TIANPING_PAYOUTS_FAILPOINT set to each step in turn, so that it kills itself (SIGKILL) there, then
// started again without it on the same outbox. Money received into a case of two payees makes two
// orders, approved at once by the policy governance set. For every step: each order has exactly
// one transfer at the gateway (its debit lines, counted by end-to-end id) and exactly one
// PAYOUT_SETTLED on chain (its status, and the case's events read from verified receipts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAILPOINTS, Outbox } from '../../src/payouts/index.js';
import { valueDateOf } from '../../src/gateway/bank.js';
import {
  CASE_ACCOUNT, createCase, e2eBasePort, fileAccount, gatewayCall, ordersOf, receiveMoney, setFaults, setPayoutPolicy, startWorld,
  transfersOf, type World,
} from './helpers-e2e.js';
import { dispatchOnce, settledEvents } from './helpers-e2e-dispatch.js';

const AUTO_BELOW_FEN = 5_000_000;
/** The step an entry is left at by a kill at each failpoint (after before-outbox there is no entry). */
const LEFT_AT: Readonly<Record<string, string>> = {
  'after-outbox': 'claiming', 'after-call': 'calling', 'after-answer': 'answered', 'during-retry': 'calling',
};
const RECEIVED_FEN = 400_000;

describe('the dispatcher process killed at every step, then restarted on the same outbox', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tianping-payout-crash-e2e-'));
  let world: World;
  let commitments: string[];

  beforeAll(async () => {
    world = await startWorld({ dir, basePort: e2eBasePort(0) });
    await setPayoutPolicy(world, AUTO_BELOW_FEN);
    await setFaults(world.gateway.url, { idempotency: false });
    commitments = [
      fileAccount(world, { bank: 'Bank of Hangzhou', name: 'Payee One', number: '6222000011110001' }),
      fileAccount(world, { bank: 'Bank of Ningbo', name: 'Payee Two', number: '6222000011110002' }),
    ];
  }, 120_000);

  afterAll(async () => {
    await world?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  // during-retry twice: the bank failing (503, nothing done) and the bank executing but never answering (the time-out).
  const steps: [string, string, Record<string, unknown>][] = [
    ...FAILPOINTS.filter((step) => step !== 'during-retry').map((step): [string, string, Record<string, unknown>] => [step, step, {}]),
    ['during-retry (the bank fails)', 'during-retry', { failNext: 1 }],
    ['during-retry (the bank times out after executing)', 'during-retry', { timeoutAfterAccept: 1 }],
  ];

  it.each(steps.map(([label, step, faults], index) => ({ label, step, faults, index })))('killed at $label: one transfer and one PAYOUT_SETTLED per order',
    async ({ step, faults, index }) => {
      const caseNo = `(2026)浙0192执${700 + index}号`;
      await createCase(world, caseNo, commitments.map((commitment) => ({ commitment })));
      const balanceBefore = (await gatewayCall(world.gateway.url, 'GET', `/accounts/${CASE_ACCOUNT}`)).body['balanceFen'] as number;
      await receiveMoney(world, caseNo, RECEIVED_FEN);
      const orders = await ordersOf(world, caseNo);
      expect(orders.map((o) => o.status)).toEqual(['approved', 'approved']);
      if (Object.keys(faults).length > 0) await setFaults(world.gateway.url, faults);

      const outbox = `outbox-${index}`;
      const killed = await dispatchOnce(world, { outbox, failpoint: step });
      expect(killed.signal, killed.stderr).toBe('SIGKILL');
      // It died where it was told: the outbox holds what that step leaves.
      const left = await Outbox.open(join(dir, outbox));
      const stepsLeft = (await left.all()).map((entry) => entry.step);
      await left.close();
      if (step === 'before-outbox') expect(stepsLeft).toEqual([]);
      else expect(stepsLeft).toContain(LEFT_AT[step]);
      const resumed = await dispatchOnce(world, { outbox });
      expect(resumed.code, resumed.stderr).toBe(0);

      const date = valueDateOf(Date.now());
      const settled = await settledEvents(world, caseNo);
      for (const order of await ordersOf(world, caseNo)) {
        expect(order.status, `order ${order.id}`).toBe('settled');
        expect(await transfersOf(world.gateway.url, date, order.id), `transfers of ${order.id}`).toBe(1);
        expect(settled.get(order.id), `PAYOUT_SETTLED of ${order.id}`).toBe(1);
      }
      expect(settled.size).toBe(2);
      const paid = orders.reduce((sum, o) => sum + o.amountFen, 0);
      const balanceAfter = (await gatewayCall(world.gateway.url, 'GET', `/accounts/${CASE_ACCOUNT}`)).body['balanceFen'] as number;
      expect(balanceAfter).toBe(balanceBefore + RECEIVED_FEN - paid);
    }, 90_000);
});
