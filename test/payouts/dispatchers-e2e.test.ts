// Two dispatchers and a lying node, with real processes: a node process (a one-validator testnet),
// the gateway process with its idempotency switched off (a second call under one key would be a
// second debit), and `tianping payout dispatch` processes. Two dispatchers with two executor keys
// and two outboxes run at once: one transfer per order, one PAYOUT_SETTLED, the other's claim
// refused. A node that serves a stale approval gets the claim refused. A proxy in front of the
// node that alters an order's amount or account in GET /v1/payouts, or serves an order that is in
// no commit (with a receipt whose event was rewritten), moves no money, and the dispatcher logs why.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payoutId } from '../../src/codec/payout-ids.js';
import { pb } from '../../src/codec/proto.js';
import { valueDateOf } from '../../src/gateway/bank.js';
import { fromHex, toHex } from '../../src/types/index.js';
import {
  createCase, e2eBasePort, fileAccount, orderById, ordersOf, receiveMoney, setFaults, setPayoutPolicy, signedJson, startWorld,
  transfersOf, type PayoutJson, type World,
} from './helpers-e2e.js';
import { dispatchOnce, eventsOf, settledEvents, startDispatcher, type LogLine } from './helpers-e2e-dispatch.js';
import { startNodeProxy, type NodeProxy } from './helpers-e2e-proxy.js';

const RECEIVED_FEN = 600_000;

describe('two dispatchers, and a node that lies to one', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tianping-payout-dispatchers-e2e-'));
  let world: World;
  let proxy: NodeProxy;
  let accounts: string[];
  let cases = 0;
  const today = (): string => valueDateOf(Date.now());

  /** A new case of `payees` payees, money received, its orders (approved at once). */
  async function paidInCase(payees: number): Promise<PayoutJson[]> {
    const caseNo = `(2026)沪0104执${800 + cases++}号`;
    await createCase(world, caseNo, accounts.slice(0, payees).map((commitment) => ({ commitment })));
    await receiveMoney(world, caseNo, RECEIVED_FEN);
    const orders = await ordersOf(world, caseNo);
    expect(orders.map((o) => o.status)).toEqual(Array(payees).fill('approved'));
    return orders;
  }

  beforeAll(async () => {
    world = await startWorld({ dir, basePort: e2eBasePort(1) });
    await setPayoutPolicy(world, 5_000_000);
    await setFaults(world.gateway.url, { idempotency: false });
    accounts = [1, 2, 3, 4].map((i) => fileAccount(world, { bank: 'Bank of Shanghai', name: `Payee ${i}`, number: `62220000222200${i}` }));
    proxy = await startNodeProxy(world.nodeUrl);
  }, 120_000);

  afterAll(async () => {
    await proxy?.close();
    await world?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('two dispatchers at once, two keys and two outboxes: one transfer and one PAYOUT_SETTLED per order', async () => {
    const orders = await paidInCase(4);
    const runs = await Promise.all([
      startDispatcher(world, { outbox: 'race-a' }, true).exited,
      startDispatcher(world, { outbox: 'race-b', keyFile: world.files.executor2 }, true).exited,
    ]);
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    const lines: LogLine[] = runs.flatMap((run) => run.lines);
    const settled = await settledEvents(world, orders[0]!.caseNo);
    for (const order of orders) {
      expect((await orderById(world, order.id)).status).toBe('settled');
      expect(await transfersOf(world.gateway.url, today(), order.id), `transfers of ${order.id}`).toBe(1);
      expect(settled.get(order.id), `PAYOUT_SETTLED of ${order.id}`).toBe(1);
      expect(eventsOf(lines, 'payout.claimed', order.id), `claims of ${order.id}`).toHaveLength(1);
    }
    for (const refused of eventsOf(lines, 'payout.claim-refused')) expect(['PAYOUT_CLAIMED', 'PAYOUT_STATE_INVALID']).toContain(refused['code']);
  }, 90_000);

  it('a node serving a stale approval: the second claim is refused by the chain and moves no money', async () => {
    const [order] = await paidInCase(1);
    const stale = await signedJson<{ payouts: PayoutJson[] }>(world.nodeUrl, world.keys.executor2, '/v1/payouts?status=approved&limit=1000');
    expect(stale.payouts.map((p) => p.id)).toEqual([order!.id]);
    // The first dispatcher claims and pays, then dies before recording the answer: its claim is live.
    const first = await dispatchOnce(world, { outbox: 'stale-a', failpoint: 'after-call' });
    expect(first.signal, first.stderr).toBe('SIGKILL');
    expect(await transfersOf(world.gateway.url, today(), order!.id)).toBe(1);

    proxy.rewrite = (path) => (path.startsWith('/v1/payouts?status=approved') ? { status: 200, body: stale } : undefined);
    const second = await dispatchOnce(world, { outbox: 'stale-b', keyFile: world.files.executor2, nodeUrl: proxy.url });
    proxy.rewrite = undefined;
    expect(second.code, second.stderr).toBe(0);
    expect(eventsOf(second.lines, 'payout.claim-refused', order!.id).map((l) => l['code'])).toEqual(['PAYOUT_CLAIMED']);
    expect(eventsOf(second.lines, 'payout.call', order!.id)).toHaveLength(0);
    expect(await transfersOf(world.gateway.url, today(), order!.id)).toBe(1);

    const resumed = await dispatchOnce(world, { outbox: 'stale-a' });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect((await orderById(world, order!.id)).status).toBe('settled');
    expect(await transfersOf(world.gateway.url, today(), order!.id)).toBe(1);
    expect((await settledEvents(world, order!.caseNo)).get(order!.id)).toBe(1);
  }, 90_000);

  it('an order served with another amount or account, or one in no commit, moves no money, and the dispatcher logs why', async () => {
    const [order] = await paidInCase(1);
    const caseNo = order!.caseNo;
    const alter = (change: (p: PayoutJson) => PayoutJson) => (path: string, answer: { status: number; body: unknown }) => {
      if (!path.startsWith('/v1/payouts?')) return undefined;
      const page = answer.body as { payouts: PayoutJson[] };
      return { status: answer.status, body: { ...page, payouts: page.payouts.map(change) } };
    };
    const refusedWith = async (outbox: string): Promise<string[]> => {
      const run = await dispatchOnce(world, { outbox, nodeUrl: proxy.url });
      expect(run.code, run.stderr).toBe(0);
      expect(eventsOf(run.lines, 'payout.outbox')).toHaveLength(0);
      return eventsOf(run.lines, 'payout.order-refused').map((line) => String(line['reason']));
    };

    proxy.rewrite = alter((p) => ({ ...p, amountFen: p.amountFen + 100_000 }));
    expect(await refusedWith('forged-amount')).toEqual([`the node lists ${order!.amountFen + 100_000} fen, the committed order says ${order!.amountFen}`]);

    proxy.rewrite = alter((p) => ({ ...p, accountCommitment: accounts[3]! }));
    expect(await refusedWith('forged-account')).toEqual(['the node lists another account commitment than the committed order']);

    // An order in no commit: listed with an event seq the case does not have, whose "receipt" is the
    // real receipt of the approval with its event rewritten to carry the invented order.
    const inventedId = toHex(payoutId(world.genesis.chainId, caseNo, 77, 0));
    const receiptPath = `/v1/cases/${encodeURIComponent(caseNo)}/events/${order!.eventSeq}/receipt`;
    const real = await signedJson<{ event: { hex: string } }>(world.nodeUrl, world.keys.executor, receiptPath);
    const event = pb.CaseEvent.decode(fromHex(real.event.hex)!);
    event.seq = 9999;
    event.payout!.id = fromHex(inventedId)!;
    event.payout!.payoutSeq = 77;
    const forgedReceipt = { ...real, event: { hex: toHex(pb.CaseEvent.encode(event).finish()) } };
    proxy.rewrite = (path) => {
      if (path.startsWith('/v1/payouts?status=approved')) {
        return { status: 200, body: { payouts: [{ ...order!, id: inventedId, eventSeq: 9999, status: 'approved' }] } };
      }
      return path.endsWith('/events/9999/receipt') ? { status: 200, body: forgedReceipt } : undefined;
    };
    const invented = await refusedWith('forged-order');
    expect(invented).toHaveLength(1);
    expect(invented[0]).toMatch(/^its event receipt does not verify against the genesis/);
    proxy.rewrite = undefined;

    for (const id of [order!.id, inventedId]) expect(await transfersOf(world.gateway.url, today(), id)).toBe(0);
    expect((await orderById(world, order!.id)).status).toBe('approved');
    // Through the node itself the order is paid, once.
    const honest = await dispatchOnce(world, { outbox: 'honest' });
    expect(honest.code, honest.stderr).toBe(0);
    expect((await orderById(world, order!.id)).status).toBe('settled');
    expect(await transfersOf(world.gateway.url, today(), order!.id)).toBe(1);
  }, 90_000);
});
