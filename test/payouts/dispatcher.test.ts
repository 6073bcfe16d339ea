// The production dispatcher against a fake node (real event receipts, claims and results as txs)
// and a fake bank that counts transfers: exactly one transfer per order whatever step a crash
// interrupts, unknown outcomes settled by asking the bank, and no money for an order nothing proves.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TianpingClient } from '../../src/client/client.js';
import { pb } from '../../src/codec/index.js';
import { AccountStore, writeAccountKey } from '../../src/payouts/account-store.js';
import { NodePayoutChain } from '../../src/payouts/chain.js';
import { Dispatcher, FAILPOINTS, type Failpoint } from '../../src/payouts/dispatcher.js';
import { HttpOrderSource } from '../../src/payouts/order-source.js';
import { Outbox } from '../../src/payouts/outbox.js';
import { asTimeMs, toHex } from '../../src/types/index.js';
import { validatorSet } from '../helpers/event-block.js';
import { seedKey } from '../helpers/chain.js';
import { CHAIN_ID, FakeBank, FakeNode, captureLogger, executorKey, otherExecutorKey } from './fakes.js';

class Crash extends Error {}

let dir: string;
let node: FakeNode;
let bank: FakeBank;
let accounts: AccountStore;
let commitment: Uint8Array;
let sleeps: number[];
let log: ReturnType<typeof captureLogger>;
const open: Outbox[] = [];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tianping-dispatch-'));
  node = new FakeNode();
  await node.listen();
  bank = new FakeBank();
  writeAccountKey(join(dir, 'accounts.key'));
  accounts = AccountStore.open(join(dir, 'accounts.bin'), join(dir, 'accounts.key'));
  commitment = accounts.add({ bank: 'ICBC Hangzhou', name: 'Li Wei', number: '6222020200112233' });
  sleeps = [];
  log = captureLogger();
});

afterEach(async () => {
  for (const outbox of open.splice(0)) await outbox.close().catch(() => undefined);
  await node.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A dispatcher on the outbox in `dir`, as a fresh process would build it. */
async function dispatcher(failpoint?: (step: Failpoint) => void): Promise<{ d: Dispatcher; outbox: Outbox }> {
  const outbox = await Outbox.open(join(dir, 'outbox'));
  open.push(outbox);
  const clock = { nowMs: () => asTimeMs(node.blockTimeMs()) };
  const d = new Dispatcher({
    source: new HttpOrderSource({ nodeUrl: node.url, key: executorKey, trust: node.trust, logger: log.logger }),
    chain: new NodePayoutChain({ client: new TianpingClient(node.url, { signer: executorKey }), chainId: CHAIN_ID, key: executorKey, clock }),
    bank, accounts, outbox, fromAccount: 'court-case-account', logger: log.logger, clock,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    ...(failpoint === undefined ? {} : { failpoint }),
  });
  return { d, outbox };
}

function results(id: string): typeof node.txs {
  return node.txs.filter((tx) => tx.id === id && tx.kind === 'result' && tx.code === undefined);
}

describe('dispatcher', () => {
  it('pays an approved order once: claim, one transfer under the payout id, result on chain, outbox reported', async () => {
    const id = node.addOrder({ caseNo: '(2026)浙0106执100号', amountFen: 1_234_56, commitment });
    const { d, outbox } = await dispatcher();
    await d.runOnce();
    expect(bank.executed).toHaveLength(1);
    expect(bank.executed[0]).toEqual({ key: id, request: { fromAccount: 'court-case-account',
      to: { bank: 'ICBC Hangzhou', name: 'Li Wei', number: '6222020200112233' }, amountFen: 1_234_56, currency: 'CNY', endToEndId: id,
      remittance: '(2026)浙0106执100号 payout 0/0' } });
    expect(node.orders.get(id)?.status).toBe('settled');
    expect(results(id)).toEqual([{ kind: 'result', id, signer: toHex(executorKey.publicKey), settled: true, bankRef: 'REF-1' }]);
    expect((await outbox.get(id))?.step).toBe('reported');
    await d.runOnce();
    expect(bank.executed).toHaveLength(1);
    const lines = log.lines().filter((line) => typeof line['event'] === 'string' && (line['event'] as string).startsWith('payout.'));
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(line['payoutId']).toBe(id);
  });

  it.each(FAILPOINTS)('a crash at %s, then a new dispatcher on the same outbox: exactly one transfer and one result', async (step) => {
    const id = node.addOrder({ caseNo: 'C-crash', amountFen: 50_000, commitment });
    // during-retry needs a retry: the first call is executed but its answer lost.
    if (step === 'during-retry') bank.timeoutAfterAccept = 1;
    let crashed = false;
    const first = await dispatcher((at) => {
      if (at === step && !crashed) {
        crashed = true;
        throw new Crash(`crash at ${at}`);
      }
    });
    await first.d.runOnce();
    expect(crashed).toBe(true);
    await first.outbox.close();
    const second = await dispatcher();
    await second.d.runOnce();
    expect(bank.executed.map((t) => t.key)).toEqual([id]);
    expect(results(id)).toHaveLength(1);
    expect(node.orders.get(id)?.status).toBe('settled');
    expect((await second.outbox.get(id))?.step).toBe('reported');
    // A resumed call asks the bank by key before it sends anything.
    if (step === 'after-call' || step === 'during-retry') expect(bank.statusQueries).toContain(id);
  });

  it('an unknown outcome (accepted, answer lost) is settled by a status query: no second transfer', async () => {
    const id = node.addOrder({ caseNo: 'C-timeout', amountFen: 700, commitment });
    bank.timeoutAfterAccept = 1;
    const { d } = await dispatcher();
    await d.runOnce();
    expect(bank.executed).toHaveLength(1);
    expect(bank.statusQueries).toEqual([id]);
    expect(results(id)).toHaveLength(1);
  });

  it('503s that did nothing: the same request again after 0.5 s doubling to 30 s, asking the bank before each resend', async () => {
    const id = node.addOrder({ caseNo: 'C-503', amountFen: 900, commitment });
    bank.failNext = 9;
    const { d, outbox } = await dispatcher();
    await d.runOnce();
    expect(bank.executed).toHaveLength(1);
    expect(sleeps).toEqual([500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
    expect(bank.statusQueries).toHaveLength(9);
    expect((await outbox.get(id))?.attempts).toBe(10);
    expect(results(id)).toHaveLength(1);
  });

  it('a bank that cannot say whether it has the transfer is asked again, never sent to blindly', async () => {
    node.addOrder({ caseNo: 'C-status', amountFen: 900, commitment });
    bank.timeoutAfterAccept = 1;
    bank.statusFailNext = 2;
    const { d } = await dispatcher();
    await d.runOnce();
    expect(bank.executed).toHaveLength(1);
    expect(bank.statusQueries).toHaveLength(3);
  });

  it('a failed transfer is reported as failed', async () => {
    const id = node.addOrder({ caseNo: 'C-fail', amountFen: 900, commitment });
    bank.rejectNext = 1;
    const { d } = await dispatcher();
    await d.runOnce();
    expect(node.orders.get(id)?.status).toBe('failed');
    expect(results(id)[0]?.settled).toBe(false);
  });

  it('a forged order (its receipt signed by keys not in the genesis) moves no money, and says why', async () => {
    const id = node.addOrder({ caseNo: 'C-forged', amountFen: 10_000_00, commitment });
    const order = node.orders.get(id)!;
    node.receiptOverrides.set(id, node.receiptOf(order, pb.CaseEventKind.CASE_EVENT_KIND_PAYOUT_APPROVED, validatorSet([seedKey('forger')])));
    const { d } = await dispatcher();
    await d.runOnce();
    expect(bank.executed).toHaveLength(0);
    expect(node.txs).toHaveLength(0);
    const warning = log.lines().find((line) => line['event'] === 'payout.order-refused');
    expect(warning?.['payoutId']).toBe(id);
    expect(String(warning?.['reason'])).toMatch(/does not verify against the genesis/);
  });

  it('an altered order (the list says another amount or account than the committed event) moves no money', async () => {
    const a = node.addOrder({ caseNo: 'C-altered', amountFen: 100, commitment });
    const b = node.addOrder({ caseNo: 'C-altered', amountFen: 100, commitment, payeeIndex: 1 });
    node.listOverrides.set(a, { amountFen: 100_000_000 });
    node.listOverrides.set(b, { accountCommitment: 'ab'.repeat(32) });
    const { d } = await dispatcher();
    await d.runOnce();
    expect(bank.executed).toHaveLength(0);
    const reasons = log.lines().filter((line) => line['event'] === 'payout.order-refused').map((line) => String(line['reason']));
    expect(reasons).toEqual([expect.stringMatching(/lists 100000000 fen, the committed order says 100/),
      expect.stringMatching(/another account commitment/)]);
  });

  it('a held order, or an event that is not an approval, moves no money', async () => {
    const id = node.addOrder({ caseNo: 'C-held', amountFen: 100, commitment });
    const order = node.orders.get(id)!;
    order.holds = ['dispute'];
    node.emit(order, pb.CaseEventKind.CASE_EVENT_KIND_PAYOUT_HELD);
    const { d } = await dispatcher();
    await d.runOnce();
    expect(bank.executed).toHaveLength(0);
    expect(log.lines().some((line) => String(line['reason']).includes('PAYOUT_HELD'))).toBe(true);
  });

  it('an order whose commitment the store does not hold moves no money', async () => {
    node.addOrder({ caseNo: 'C-noaccount', amountFen: 100, commitment: new Uint8Array(32).fill(7) });
    const { d, outbox } = await dispatcher();
    await d.runOnce();
    expect(bank.executed).toHaveLength(0);
    expect(node.txs).toHaveLength(0);
    expect(await outbox.all()).toEqual([]);
    expect(log.lines().find((line) => line['event'] === 'payout.account-refused')?.['reason']).toMatch(/no account in the store/);
  });

  it('a claim refused as held by another executor drops the entry: nothing sent', async () => {
    const id = node.addOrder({ caseNo: 'C-claimed', amountFen: 100, commitment });
    // The node's list lags: the chain already holds another executor's live claim.
    node.chainClaims.set(id, { claimant: otherExecutorKey.publicKey, expiresAtMs: node.blockTimeMs() + 60_000 });
    const { d, outbox } = await dispatcher();
    await d.runOnce();
    expect(bank.executed).toHaveLength(0);
    expect(await outbox.get(id)).toBeUndefined();
    expect(node.txs.map((tx) => tx.code)).toEqual(['PAYOUT_CLAIMED']);
  });

  it('takes over a lapsed claim: asks the bank first and reports the transfer the other executor made', async () => {
    const id = node.addOrder({ caseNo: 'C-takeover', amountFen: 4_200, commitment });
    const order = node.orders.get(id)!;
    Object.assign(order, { status: 'claimed', claimant: otherExecutorKey.publicKey, claimExpiresAtMs: node.blockTimeMs() + 1000 + 60_000 });
    node.emit(order, pb.CaseEventKind.CASE_EVENT_KIND_PAYOUT_CLAIMED);
    bank.make(id, { fromAccount: 'x', to: { bank: 'b', name: 'n', number: '1' }, amountFen: 4_200, currency: 'CNY', endToEndId: id, remittance: '' });
    const { d } = await dispatcher();
    await d.runOnce();
    expect(node.txs).toHaveLength(0);
    node.height += 61;
    await d.runOnce();
    expect(bank.executed).toHaveLength(1);
    expect(bank.statusQueries).toEqual([id]);
    expect(results(id)).toEqual([expect.objectContaining({ signer: toHex(executorKey.publicKey), bankRef: 'REF-1' })]);
  });

  it('a result refused as already settled finishes the entry', async () => {
    const id = node.addOrder({ caseNo: 'C-settled', amountFen: 100, commitment });
    let done = false;
    const first = await dispatcher((at) => {
      if (at === 'after-answer' && !done) {
        done = true;
        // Before this dispatcher reports, the chain records the result (a report that committed while the answer was lost).
        Object.assign(node.orders.get(id)!, { status: 'settled' });
        throw new Crash('crash');
      }
    });
    await first.d.runOnce();
    await first.outbox.close();
    const second = await dispatcher();
    await second.d.runOnce();
    expect(node.txs.filter((tx) => tx.kind === 'result').map((tx) => tx.code)).toEqual(['PAYOUT_ALREADY_SETTLED']);
    expect((await second.outbox.get(id))?.step).toBe('reported');
    expect(bank.executed).toHaveLength(1);
  });

  it('runs at most `concurrency` (8) orders at once and pays each once', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => node.addOrder({ caseNo: `C-many-${i}`, amountFen: 100 + i, commitment }));
    // The bank holds every call until the test opens the gate: the calls in flight then are all the dispatcher allows.
    let inFlight = 0;
    let most = 0;
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => { open = resolve; });
    const transfer = bank.transfer.bind(bank);
    bank.transfer = async (key, request) => {
      most = Math.max(most, ++inFlight);
      await gate;
      inFlight--;
      return transfer(key, request);
    };
    const { d } = await dispatcher();
    const round = d.runOnce();
    while (inFlight < 8) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 100));
    open();
    await round;
    expect(bank.executed.map((t) => t.key).sort()).toEqual([...ids].sort());
    expect(most).toBe(8);
  });
});
