// The block clock: due entries in (legal time, case, instalment) order, at most
// params.caseEventsPerBlockMax per block, the rest carried to the next block with their legal time;
// the queue is walked from a cursor over a merged scan of committed state and the block's writes.
// And money reported for an unknown case: recorded as unmatched, never refused, never lost.
import { describe, expect, it } from 'vitest';
import { pb } from '../../../src/codec/proto.js';
import { MemStorage } from '../../../src/ledger/mem-storage.js';
import { CASE_DUE_CURSOR_KEY, UNMATCHED_COUNT_KEY, caseDueKey, caseRecordKey, parseCaseDueKey, unmatchedPaymentKey } from '../../../src/state/cases/index.js';
import { MapStateView, Overlay } from '../../../src/state/view.js';
import { fromUtf8, toHex, utf8 } from '../../../src/types/index.js';
import { CASE_NO, CaseChain, DOCUMENT, GENESIS_TIME_MS, brief, caseGenesis, eventsOf, expectRefused, oracle, terms } from './fixture.js';

const T0 = GENESIS_TIME_MS + 60_000;
const SECOND = 1_000;

describe('the due queue', () => {
  it('processes at most caseEventsPerBlockMax entries per block; carried entries keep their legal time', async () => {
    const chain = new CaseChain(caseGenesis({ caseEventsPerBlockMax: 2 }));
    const dues = [0, 1, 2, 3, 4].map((n) => T0 + (10 + n) * SECOND);
    await chain.open(terms(dues.map((dueAtMs) => ({ amountFen: 1_000, dueAtMs }))), T0, T0 + SECOND);
    // Another case whose one instalment falls due between the first case's.
    await chain.commit([chain.createTx(terms([{ amountFen: 500, dueAtMs: dues[1]! }], { caseNo: 'B-2' }), T0 + 2 * SECOND)], T0 + 2 * SECOND);
    const late = T0 + 60 * SECOND;
    const summary = (events: ReturnType<typeof eventsOf>): [string, number, number][] =>
      events.map((e) => [e.caseNo, e.instalmentIndex, e.legalAtMs]);
    // Two entries share the legal time dues[1]: the case numbers' bytes order them ('(' before 'B').
    const first = eventsOf(await chain.commit([], late));
    expect(summary(first)).toEqual([[CASE_NO, 0, dues[0]!], [CASE_NO, 1, dues[1]!]]);
    expect(parseCaseDueKey(fromUtf8(chain.view.entries.get(CASE_DUE_CURSOR_KEY)!))).toEqual({ legalAtMs: dues[1], caseNo: CASE_NO, index: 1 });
    const second = eventsOf(await chain.commit([], late + SECOND));
    expect(summary(second)).toEqual([['B-2', 0, dues[1]!], [CASE_NO, 2, dues[2]!]]);
    const third = eventsOf(await chain.commit([], late + 2 * SECOND));
    expect(summary(third)).toEqual([[CASE_NO, 3, dues[3]!], [CASE_NO, 4, dues[4]!]]);
    expect((await chain.commit([], late + 3 * SECOND)).events).toEqual([]);
    // Carried entries are made by later blocks and still carry their own legal time, not the block's.
    expect([first, second, third].map((events) => events.map((e) => e.height))).toEqual([[4, 4], [5, 5], [6, 6]]);
  });

  it('a case created after the cursor moved is still reached: its entries sort after it', async () => {
    const chain = new CaseChain();
    await chain.open(terms([{ amountFen: 100, dueAtMs: T0 + 10 * SECOND }]), T0, T0 + SECOND);
    await chain.commit([], T0 + 20 * SECOND);
    const cursor = fromUtf8(chain.view.entries.get(CASE_DUE_CURSOR_KEY)!);
    await chain.commit([chain.createTx(terms([{ amountFen: 100, dueAtMs: T0 + 30 * SECOND }], { caseNo: 'C-3' }), T0 + 21 * SECOND)], T0 + 21 * SECOND);
    expect(caseDueKey(T0 + 30 * SECOND, 'C-3', 0) > cursor).toBe(true);
    expect(eventsOf(await chain.commit([], T0 + 31 * SECOND)).map(brief)).toEqual([
      { kind: 'DEFAULT', seq: 1, legalAtMs: T0 + 30 * SECOND, status: 'DEFAULTED', instalment: 0 },
    ]);
  });
});

describe('records the clock processed', () => {
  it('are not rewritten for a plain default; a read applies the processed entries, and a tx writes them', async () => {
    const chain = new CaseChain();
    const dues = [10, 20, 30].map((n) => T0 + n * SECOND);
    await chain.open(terms(dues.map((dueAtMs) => ({ amountFen: 1_000, dueAtMs }))), T0, T0 + SECOND);
    const stored = toHex(chain.view.entries.get(caseRecordKey(CASE_NO))!);
    const result = await chain.commit([], T0 + 25 * SECOND);
    expect(eventsOf(result).map(brief).map((e) => [e.kind, e.instalment])).toEqual([['DEFAULT', 0], ['DEFAULT', 1]]);
    // The block wrote the events and the cursor, not the record ...
    expect(result.writes.some(([key]) => key === caseRecordKey(CASE_NO))).toBe(false);
    expect(toHex(chain.view.entries.get(caseRecordKey(CASE_NO))!)).toBe(stored);
    // ... and a read sees what the clock did: both defaults, the case DEFAULTED, three events.
    const read = (await chain.record())!;
    expect(read.status).toBe(pb.CaseStatus.CASE_STATUS_DEFAULTED);
    expect(read.instalments.map((i) => i.defaulted)).toEqual([true, true, false]);
    expect(read.eventsCount).toBe(3);
    expect(read.defaultSeq).toBe(1);
    expect(read.defaultedAtMs).toBe(dues[0]);
    // A tx on the case writes the record with the processed entries in it; the third instalment,
    // not yet processed, stays waiting and defaults in its own block with the next seq.
    const at = T0 + 26 * SECOND;
    await chain.commit([chain.paymentTx(500, 'CMB-20260427-77', at - 10, at)], at);
    const written = pb.CaseRecord.decode(chain.view.entries.get(caseRecordKey(CASE_NO))!);
    expect(written.instalments.map((i) => i.defaulted)).toEqual([true, true, false]);
    expect(written.status).toBe(pb.CaseStatus.CASE_STATUS_DEFAULTED);
    expect(written.eventsCount).toBeGreaterThan(3);
    expect(eventsOf(await chain.commit([], T0 + 31 * SECOND)).map(brief)).toEqual([
      { kind: 'DEFAULT', seq: written.eventsCount, legalAtMs: dues[2], status: 'DEFAULTED', instalment: 2 },
    ]);
  });

  it('a read applies entries in the clock\'s order, acceleration included, and stops at the cursor', async () => {
    const chain = new CaseChain(caseGenesis({ caseEventsPerBlockMax: 1 }));
    const dues = [10, 20, 30].map((n) => T0 + n * SECOND);
    await chain.open(terms(dues.map((dueAtMs) => ({ amountFen: 1_000, dueAtMs })), { acceleration: true }), T0, T0 + SECOND);
    // One entry a block: the first block processes instalment 0 (default and acceleration), the next
    // two blocks the superseded entries of 1 and 2 (already in default: nothing happens).
    const first = eventsOf(await chain.commit([], T0 + 35 * SECOND)).map(brief).map((e) => e.kind);
    expect(first).toEqual(['DEFAULT', 'ACCELERATED']);
    const read = (await chain.record())!;
    expect(read.accelerated).toBe(true);
    expect(read.instalments.map((i) => [i.defaulted, i.legalAtMs])).toEqual([[true, dues[0]], [true, dues[0]], [true, dues[0]]]);
    expect(eventsOf(await chain.commit([], T0 + 36 * SECOND))).toEqual([]);
    expect((await chain.record())!.eventsCount).toBe(3);
  });
});

describe('unmatched money', () => {
  it('is recorded under its bank reference with an event; a second report of the reference is refused', async () => {
    const chain = new CaseChain();
    await chain.commit([chain.anchorTx(DOCUMENT, T0)], T0);
    const at = T0 + SECOND;
    const result = await chain.commit([chain.paymentTx(12_345, 'CMB-20260427-01', at - 10, at, { caseNo: '(2026)京0491民初0000号' })], at);
    const [event] = eventsOf(result);
    expect({ kind: event!.kind, caseNo: event!.caseNo, seq: event!.seq, reported: event!.reportedCaseNo, amount: event!.amountFen, legal: event!.legalAtMs })
      .toEqual({ kind: pb.CaseEventKind.CASE_EVENT_KIND_PAYMENT_UNMATCHED, caseNo: '', seq: 0, reported: '(2026)京0491民初0000号', amount: 12_345, legal: at - 10 });
    const kept = pb.UnmatchedPayment.decode(chain.view.entries.get(unmatchedPaymentKey('CMB-20260427-01'))!);
    expect([kept.report?.amountFen, toHex(kept.reporter), kept.height, toHex(kept.txHash)])
      .toEqual([12_345, toHex(oracle.publicKey), chain.height, toHex(result.included[0]!.hash)]);
    expect(toHex(chain.view.entries.get(UNMATCHED_COUNT_KEY)!)).toBe('00000001');
    await expectRefused(chain, chain.paymentTx(12_345, 'CMB-20260427-01', at - 10, at + 1, { caseNo: 'X' }), 'PAYMENT_DUPLICATE', at + 1);
  });
});

describe('ordered scans', () => {
  it('the overlay merges its writes into the base in key order, after a key and up to a limit', async () => {
    const base = new MapStateView(new Map(['q/1', 'q/3', 'q/5', 'r/0'].map((k) => [k, utf8(`base ${k}`)])));
    const overlay = new Overlay(base);
    overlay.set('q/2', utf8('own q/2'));
    overlay.set('q/3', utf8('own q/3'));
    overlay.set('q/6', utf8('own q/6'));
    const scan = async (after?: string, limit = 100): Promise<string[]> =>
      (await overlay.scan('q/', { after, limit })).map(([key, value]) => `${key}=${fromUtf8(value)}`);
    expect(await scan()).toEqual(['q/1=base q/1', 'q/2=own q/2', 'q/3=own q/3', 'q/5=base q/5', 'q/6=own q/6']);
    expect(await scan('q/2')).toEqual(['q/3=own q/3', 'q/5=base q/5', 'q/6=own q/6']);
    expect(await scan('q/1', 2)).toEqual(['q/2=own q/2', 'q/3=own q/3']);
    expect(await scan('q/6')).toEqual([]);
  });

  it('storage scans start after a key', async () => {
    const storage = new MemStorage();
    await storage.batch(['a/1', 'a/2', 'a/3', 'b/1'].map((key) => ({ type: 'put' as const, key, value: utf8(key) })), { sync: true });
    const keys: string[] = [];
    for await (const [key] of storage.entries('a/', { after: 'a/1' })) keys.push(key);
    expect(keys).toEqual(['a/2', 'a/3']);
  });
});
