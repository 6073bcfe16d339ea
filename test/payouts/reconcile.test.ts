// Reconciliation of a day's statement against the chain (docs/payouts.md §8), on hand-made
// statements: each class (settled, unpaid, mismatched, duplicate, unknown) for orders and for money
// received, the day's bound on unpaid orders, the report's stable bytes and digest, the entries the
// tx carries, and the runner over its sources.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  matchStatement, reconcile, reconciliationReport, reconciliationTxEntries, reportBytes, reportDigest, statementDayEndMs,
  type ChainOrder, type ChainReceipt, type StatementEntry,
} from '../../src/payouts/reconcile.js';
import { fromUtf8 } from '../../src/types/index.js';

const DATE = '2026-05-06';
const id = (n: number): string => n.toString(16).padStart(64, '0');
/** China time (UTC+08:00). */
const cst = (text: string): number => Date.parse(`${text}+08:00`);

const order = (n: number, status: ChainOrder['status'], amountFen: number, moneyReceivedAtMs = cst('2026-05-05T10:00:00')): ChainOrder =>
  ({ id: id(n), caseNo: `C-${n}`, amountFen, status, moneyReceivedAtMs });
const debit = (endToEndId: string, amountFen: number, bankRef = `BR-${endToEndId.slice(-4)}`): StatementEntry =>
  ({ endToEndId, amountFen, direction: 'debit', valueDate: DATE, bankRef });
const credit = (bankRef: string, amountFen: number): StatementEntry => ({ endToEndId: bankRef, amountFen, direction: 'credit', valueDate: DATE, bankRef });

const ORDERS: ChainOrder[] = [
  order(1, 'settled', 10_000),
  order(2, 'settled', 20_000),
  order(3, 'approved', 30_000),
  order(4, 'claimed', 40_000),
  order(5, 'approved', 50_000, cst('2026-05-07T00:00:00')), // money arrived after the day: not yet due on its statement
  order(6, 'awaiting-approval', 60_000),
  order(7, 'settled', 70_000),
  order(8, 'failed', 80_000),
  order(9, 'claimed', 90_000),
];
const RECEIPTS: ChainReceipt[] = [
  { bankRef: 'IN-1', caseNo: 'C-1', amountFen: 500_000 },
  { bankRef: 'IN-2', caseNo: 'C-2', amountFen: 300_000 },
];
const STATEMENT: StatementEntry[] = [
  debit(id(1), 10_000), // settled
  debit(id(2), 20_001), // mismatched: another amount
  debit(id(7), 70_000), debit(id(7), 70_000, 'BR-again'), // duplicate
  debit(id(8), 80_000), // mismatched: money left for an order the chain holds failed
  debit(id(9), 90_000), // mismatched: paid while the chain still holds it claimed
  debit(id(0xdead), 1_234), // unknown
  credit('IN-1', 500_000), // money received, settled
  credit('IN-2', 299_999), // money received, mismatched
  credit('IN-3', 1), // unknown money
];

describe('matchStatement', () => {
  const byId = new Map(matchStatement(DATE, STATEMENT, ORDERS, RECEIPTS).map((e) => [e.endToEndId, e]));
  const stateOf = (key: string): string | undefined => byId.get(key)?.state;

  it('classifies each order by its entries', () => {
    expect(stateOf(id(1))).toBe('settled');
    expect(stateOf(id(2))).toBe('mismatched');
    expect(stateOf(id(7))).toBe('duplicate');
    expect(stateOf(id(8))).toBe('mismatched');
    expect(stateOf(id(9))).toBe('mismatched');
    expect(byId.get(id(7))?.statement.map((l) => l.bankRef)).toEqual(['BR-0007', 'BR-again']);
  });

  it('flags approved and claimed orders with no entry as unpaid, only when their money arrived by the end of the day', () => {
    expect(stateOf(id(3))).toBe('unpaid');
    expect(stateOf(id(4))).toBe('unpaid');
    expect(byId.get(id(4))).toMatchObject({ subject: 'payout', chainAmountFen: 40_000, chainStatus: 'claimed', statement: [] });
    expect(byId.has(id(5))).toBe(false);
    // Awaiting approval or settled elsewhere: not this day's business.
    expect(byId.has(id(6))).toBe(false);
  });

  it('matches money received by bank reference and amount', () => {
    expect(byId.get('IN-1')).toMatchObject({ state: 'settled', subject: 'money-received', caseNo: 'C-1', chainAmountFen: 500_000 });
    expect(byId.get('IN-2')).toMatchObject({ state: 'mismatched', subject: 'money-received', chainAmountFen: 300_000 });
  });

  it('matches a credit by its bank reference when its end-to-end id is the payer\'s', () => {
    const line: StatementEntry = { endToEndId: 'PAYER-77', amountFen: 500_000, direction: 'credit', valueDate: DATE, bankRef: 'IN-1' };
    expect(matchStatement(DATE, [line], [], RECEIPTS)).toEqual([{ endToEndId: 'IN-1', state: 'settled', subject: 'money-received', caseNo: 'C-1',
      chainAmountFen: 500_000, chainStatus: '', statement: [line] }]);
  });

  it('calls an id the chain knows as neither unknown', () => {
    expect(byId.get(id(0xdead))).toMatchObject({ state: 'unknown', subject: 'none', caseNo: '', chainAmountFen: null });
    expect(stateOf('IN-3')).toBe('unknown');
  });

  it('calls two entries of an unknown id duplicate', () => {
    const [entry] = matchStatement(DATE, [debit('X-1', 5), debit('X-1', 5)], [], []);
    expect(entry).toMatchObject({ endToEndId: 'X-1', state: 'duplicate', subject: 'none' });
  });

  it('sorts by end-to-end id', () => {
    const ids = matchStatement(DATE, STATEMENT, ORDERS, RECEIPTS).map((e) => e.endToEndId);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toHaveLength(11);
  });

  it('refuses a date that is not a calendar date and a malformed entry', () => {
    for (const date of ['2026-02-30', '2026-5-6', '06/05/2026', '']) {
      expect(() => matchStatement(date, [], [], [])).toThrow(expect.objectContaining({ code: 'RECONCILIATION_INVALID' }));
    }
    expect(() => matchStatement(DATE, [{ ...debit(id(1), 1), amountFen: 1.5 }], ORDERS, RECEIPTS))
      .toThrow(expect.objectContaining({ code: 'RECONCILIATION_INVALID' }));
    expect(() => matchStatement(DATE, [{ ...debit(id(1), 1), endToEndId: '' }], ORDERS, RECEIPTS))
      .toThrow(expect.objectContaining({ code: 'RECONCILIATION_INVALID' }));
  });

  it('ends the day at midnight China time', () => {
    expect(statementDayEndMs(DATE)).toBe(cst('2026-05-07T00:00:00'));
    const justBefore = order(11, 'approved', 1, cst('2026-05-06T23:59:59.999'));
    expect(matchStatement(DATE, [], [justBefore], [])).toHaveLength(1);
  });
});

describe('the report', () => {
  const report = reconciliationReport('tianping-test', DATE, STATEMENT, ORDERS, RECEIPTS);

  it('counts each class', () => {
    expect(report.counts).toEqual({ settled: 2, unpaid: 2, mismatched: 4, duplicate: 1, unknown: 2 });
    expect(report.statementEntries).toBe(STATEMENT.length);
    expect(report).toMatchObject({ format: 'tianping-payout-reconciliation', version: 1, chainId: 'tianping-test', date: DATE });
  });

  it('has the same bytes whatever the order of its inputs, and its digest is their SHA-256', () => {
    const shuffled = reconciliationReport('tianping-test', DATE, [...STATEMENT].reverse(), [...ORDERS].reverse(), [...RECEIPTS].reverse());
    // Entries of one id keep the statement's order; the reversed statement lists id 7's two lines the other way round.
    const again = reconciliationReport('tianping-test', DATE, STATEMENT, [...ORDERS].reverse(), [...RECEIPTS].reverse());
    expect(fromUtf8(reportBytes(again))).toBe(fromUtf8(reportBytes(report)));
    expect(shuffled.entries.map((e) => e.endToEndId)).toEqual(report.entries.map((e) => e.endToEndId));
    const bytes = reportBytes(report);
    expect(reportDigest(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(JSON.parse(fromUtf8(bytes))).toEqual(report);
    expect(fromUtf8(bytes).endsWith('}\n')).toBe(true);
  });

  it('gives the tx the entries that concern orders, with the statement\'s amount (summed for a duplicate) or the order\'s', () => {
    const entries = reconciliationTxEntries(report);
    expect(entries).toEqual([
      { endToEndId: id(1), state: 'settled', caseNo: 'C-1', amountFen: 10_000 },
      { endToEndId: id(2), state: 'mismatched', caseNo: 'C-2', amountFen: 20_001 },
      { endToEndId: id(3), state: 'unpaid', caseNo: 'C-3', amountFen: 30_000 },
      { endToEndId: id(4), state: 'unpaid', caseNo: 'C-4', amountFen: 40_000 },
      { endToEndId: id(7), state: 'duplicate', caseNo: 'C-7', amountFen: 140_000 },
      { endToEndId: id(8), state: 'mismatched', caseNo: 'C-8', amountFen: 80_000 },
      { endToEndId: id(9), state: 'mismatched', caseNo: 'C-9', amountFen: 90_000 },
    ]);
  });

  it('refuses more than 10,000 order entries for one tx', () => {
    const many = Array.from({ length: 10_001 }, (_, i) => order(i + 100, 'approved', 1));
    expect(() => reconciliationTxEntries(reconciliationReport('c', DATE, [], many, []))).toThrow(expect.objectContaining({ code: 'RECONCILIATION_INVALID' }));
  });
});

describe('reconcile (the runner)', () => {
  it('reads the statement of the date asked and the chain, and returns the report, its bytes, digest and tx entries', async () => {
    const asked: string[] = [];
    const outcome = await reconcile('tianping-test', DATE, {
      statement: async (date) => {
        asked.push(date);
        return STATEMENT;
      },
      orders: async () => ORDERS,
      received: async () => RECEIPTS,
    });
    expect(asked).toEqual([DATE]);
    expect(outcome.report).toEqual(reconciliationReport('tianping-test', DATE, STATEMENT, ORDERS, RECEIPTS));
    expect(outcome.digest).toBe(reportDigest(reportBytes(outcome.report)));
    expect(outcome.txEntries).toHaveLength(7);
  });

  it('asks nothing for a bad date', async () => {
    let asked = false;
    const touch = async (): Promise<never[]> => {
      asked = true;
      return [];
    };
    await expect(reconcile('c', '2026-13-01', { statement: touch, orders: touch, received: touch }))
      .rejects.toMatchObject({ code: 'RECONCILIATION_INVALID' });
    expect(asked).toBe(false);
  });
});
