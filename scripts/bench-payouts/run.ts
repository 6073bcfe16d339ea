// The phases of bench:payouts: the world (testnet, gateway, dispatcher), the cases, the money
// received at a steady rate, and the wait until every payout is a transfer at the gateway.
import { join } from 'node:path';
import { payoutId } from '../../src/codec/payout-ids.js';
import { valueDateOf } from '../../src/gateway/bank.js';
import { toHex } from '../../src/types/index.js';
import {
  createCase, fileAccount, gatewayCall, receiveMoney, setPayoutPolicy, signedJson, startWorld, statement, type MoneyReceived,
  type PayoutJson, type World,
} from '../../test/payouts/helpers-e2e.js';
import { eventsOf, startDispatcher, type DispatcherProcess } from '../../test/payouts/helpers-e2e-dispatch.js';
import { machineInfo, sleep, type MachineInfo } from '../bench-lib.js';
import type { TestnetRun } from '../bench-run.js';
import { AUTO_APPROVE_BELOW_FEN, fixed, log, VALIDATORS, type Args } from './args.js';

/** Cases created at once while setting up. */
const CREATE_CONCURRENCY = 16;
/** After the last receipt, how long the payouts may take to reach the bank before the bench gives up on the rest. */
const DRAIN_MS = 120_000;
const POLL_MS = 1_000;

export interface PayoutFigure {
  readonly id: string;
  readonly caseNo: string;
  /** This process saw the money's report committed; the block's time. */
  readonly committedAtMs: number;
  readonly blockTimeMs: number;
  /** The gateway's time of the transfer request; undefined when it never came. */
  readonly receivedAtMs: number | undefined;
  readonly debits: number;
  readonly settled: boolean;
  /** The order on chain was made by the block that recorded this receipt. */
  readonly attributed: boolean;
}

export interface Results {
  readonly args: Args;
  readonly machine: MachineInfo;
  readonly cases: number;
  readonly receipts: number;
  /** How late the last receipt was sent against its schedule, and the longest a report took to commit. */
  readonly sendLagMaxMs: number;
  readonly commitWaitMaxMs: number;
  readonly payouts: readonly PayoutFigure[];
  /** Dispatcher log lines at level error. */
  readonly dispatcherErrors: number;
  readonly refusals: number;
}

interface Receipt extends MoneyReceived {
  readonly caseNo: string;
  readonly seq: number;
  readonly sentAtMs: number;
}

async function inPool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

/** K receipts per case, round robin over the cases, at `rate` per second (open loop: a slow commit delays no later send). */
async function sendReceipts(world: World, args: Args, caseNos: readonly string[]): Promise<{ receipts: Receipt[]; lagMaxMs: number }> {
  const total = caseNos.length * args.receiptsPerCase;
  const receipts: Receipt[] = [];
  const inFlight: Promise<void>[] = [];
  const startMs = Date.now() + 500;
  let lagMaxMs = 0;
  for (let i = 0; i < total; i++) {
    const dueMs = startMs + (i * 1000) / args.rate;
    await sleep(Math.max(0, dueMs - Date.now()));
    lagMaxMs = Math.max(lagMaxMs, Date.now() - dueMs);
    const caseNo = caseNos[i % caseNos.length]!;
    const seq = Math.floor(i / caseNos.length);
    const sentAtMs = Date.now();
    inFlight.push(receiveMoney(world, caseNo, args.amountFen).then((money) => void receipts.push({ ...money, caseNo, seq, sentAtMs })));
    if ((i + 1) % 50 === 0) log(`  ${i + 1}/${total} receipts sent`);
  }
  await Promise.all(inFlight);
  return { receipts, lagMaxMs };
}

async function settledOrders(world: World): Promise<Map<string, PayoutJson>> {
  const orders = new Map<string, PayoutJson>();
  let after: string | undefined;
  do {
    const page = await signedJson<{ payouts: PayoutJson[]; next?: string }>(world.nodeUrl, world.keys.executor,
      `/v1/payouts?status=settled&limit=1000${after === undefined ? '' : `&after=${after}`}`);
    for (const order of page.payouts) orders.set(order.id, order);
    after = page.next;
  } while (after !== undefined);
  return orders;
}

/** Debit lines per end-to-end id on the days the run spans. */
async function debits(world: World, dates: ReadonlySet<string>): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const date of dates) {
    for (const line of await statement(world.gateway.url, date)) {
      if (line.direction === 'debit') counts.set(line.endToEndId, (counts.get(line.endToEndId) ?? 0) + 1);
    }
  }
  return counts;
}

async function figures(world: World, args: Args, receipts: readonly Receipt[], startedMs: number): Promise<PayoutFigure[]> {
  const wanted = receipts.flatMap((r) => Array.from({ length: args.payees }, (_, payee) => ({
    id: toHex(payoutId(world.genesis.chainId, r.caseNo, r.seq, payee)), receipt: r })));
  const deadline = Date.now() + DRAIN_MS;
  let paid = new Map<string, number>();
  let settled = new Map<string, PayoutJson>();
  for (;;) {
    const dates = new Set([valueDateOf(startedMs), valueDateOf(Date.now())]);
    [paid, settled] = await Promise.all([debits(world, dates), settledOrders(world)]);
    const done = wanted.filter((w) => paid.has(w.id) && settled.has(w.id)).length;
    if (done === wanted.length || Date.now() > deadline) break;
    log(`  ${done}/${wanted.length} payouts paid and settled`);
    await sleep(POLL_MS);
  }
  const result: PayoutFigure[] = [];
  for (const { id, receipt } of wanted) {
    const transfer = paid.has(id) ? (await gatewayCall(world.gateway.url, 'GET', `/transfers/${id}`)).body : undefined;
    const order = settled.get(id);
    result.push({ id, caseNo: receipt.caseNo, committedAtMs: receipt.committedAtMs, blockTimeMs: receipt.blockTimeMs,
      receivedAtMs: typeof transfer?.['receivedAtMs'] === 'number' ? transfer['receivedAtMs'] : undefined,
      debits: paid.get(id) ?? 0, settled: order !== undefined, attributed: order?.orderedHeight === receipt.height });
  }
  return result;
}

async function setUp(world: World, args: Args): Promise<string[]> {
  await setPayoutPolicy(world, AUTO_APPROVE_BELOW_FEN);
  const accounts = Array.from({ length: args.payees }, (_, i) => fileAccount(world,
    { bank: 'Bank of Beijing', name: `Payee ${i + 1}`, number: `622200005555${String(i).padStart(4, '0')}` }));
  const cases = Math.ceil(args.payouts / (args.payees * args.receiptsPerCase));
  const caseNos = Array.from({ length: cases }, (_, i) => `(2026)京0491执${10_000 + i}号`);
  log(`creating ${cases} cases of ${args.payees} payees`);
  let created = 0;
  await inPool(caseNos, CREATE_CONCURRENCY, async (caseNo) => {
    await createCase(world, caseNo, accounts.map((commitment) => ({ commitment })));
    if (++created % 50 === 0) log(`  ${created}/${cases} cases`);
  });
  return caseNos;
}

async function dispatcherUp(dispatcher: DispatcherProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!dispatcher.lines().some((line) => line['msg'] === 'payout dispatcher started')) {
    if (Date.now() > deadline) throw new Error('the dispatcher did not start');
    await sleep(100);
  }
}

export async function phases(args: Args, running: TestnetRun): Promise<Results> {
  const machine = machineInfo();
  log(`starting ${VALIDATORS} validators (API ports ${args.basePort}..), the gateway and the dispatcher in ${running.dir}`);
  const world = await startWorld({ dir: join(running.dir, 'world'), basePort: args.basePort, validators: VALIDATORS, nodeEnv: args.nodeEnv,
    caseAccountFen: 0 });
  running.handles = [...world.handles];
  let dispatcher: DispatcherProcess | undefined;
  try {
    const caseNos = await setUp(world, args);
    dispatcher = startDispatcher(world, { outbox: 'outbox' });
    await dispatcherUp(dispatcher);
    const receiptsTotal = caseNos.length * args.receiptsPerCase;
    log(`reporting ${receiptsTotal} receipts of money at ${args.rate}/s (${receiptsTotal * args.payees} payouts)`);
    const startedMs = Date.now();
    const { receipts, lagMaxMs } = await sendReceipts(world, args, caseNos);
    log(`all receipts committed; send lag max ${fixed(lagMaxMs)} ms; waiting for the payouts`);
    const payouts = await figures(world, args, receipts, startedMs);
    const lines = dispatcher.lines();
    return {
      args, machine, cases: caseNos.length, receipts: receipts.length, sendLagMaxMs: lagMaxMs,
      commitWaitMaxMs: Math.max(...receipts.map((r) => r.committedAtMs - r.sentAtMs)), payouts,
      dispatcherErrors: lines.filter((line) => typeof line['level'] === 'number' && line['level'] >= 50).length,
      refusals: eventsOf(lines, 'payout.order-refused').length + eventsOf(lines, 'payout.account-refused').length,
    };
  } finally {
    await dispatcher?.stop();
    await world.gateway.stop();
  }
}
