// Worked examples of docs/contracts.md, "Allocation": money received pays the execution fee, then the
// principal (oldest instalment first), then delay interest, unless the contract says otherwise.
import { describe, expect, it } from 'vitest';
import {
  accelerate, addCharge, applyReceipt, chinaDayOf, openingBalances, owedAsOf, penaltyAtDefault, startExecution,
  type CaseBalances, type DelayTerms,
} from '../../../src/state/contracts/index.js';
import { balancesOf, chinaTime, codeOf, dayOf, terms } from './fixtures.js';

const cny = (fen: bigint) => ({ fen, currency: 'CNY' });
const receive = (balances: CaseBalances, fen: bigint, date: string, t = terms()) =>
  applyReceipt(balances, { amount: cny(fen), day: dayOf(date) }, t);

describe('allocation of money received', () => {
  it('principal first: a partial payment pays principal, and the interest on the part paid becomes owed', () => {
    const first = receive(balancesOf([1_000_000n, '2026-03-28']), 600_000n, '2026-04-27');
    expect(first.allocation).toEqual({
      receivedFen: 600_000n, feeFen: 0n, principal: [{ index: 0, fen: 600_000n }], charges: [],
      accrued: [{ index: 0, fen: 3_150n }], creditorFen: 600_000n, surplusFen: 0n,
    });
    expect(first.balances.instalments[0]).toMatchObject({ principalFen: 400_000n, chargeFen: 3_150n, countedThroughDay: dayOf('2026-03-28') });
    // Ten days later ¥4,031.50: the ¥4,000 left has run 40 days (¥28.00), and ¥31.50 pays the older interest.
    const second = receive(first.balances, 403_150n, '2026-05-07');
    expect(second.allocation.principal).toEqual([{ index: 0, fen: 400_000n }]);
    expect(second.allocation.accrued).toEqual([{ index: 0, fen: 2_800n }]);
    expect(second.allocation.charges).toEqual([{ index: 0, fen: 3_150n }]);
    expect(second.balances.instalments[0]).toMatchObject({ principalFen: 0n, chargeFen: 2_800n });
  });

  it('charges first, where the contract agrees otherwise: all interest to date becomes owed and is paid before principal', () => {
    const { allocation, balances } = receive(balancesOf([1_000_000n, '2026-03-28']), 600_000n, '2026-04-27', terms({ order: 'charges-first' }));
    expect(allocation.accrued).toEqual([{ index: 0, fen: 5_250n }]);
    expect(allocation.charges).toEqual([{ index: 0, fen: 5_250n }]);
    expect(allocation.principal).toEqual([{ index: 0, fen: 594_750n }]);
    expect(balances.instalments[0]).toMatchObject({ principalFen: 405_250n, chargeFen: 0n, countedThroughDay: dayOf('2026-04-27') });
  });

  it('once execution is filed the fee is paid first: ¥20,000 received pays ¥200 of fee and ¥19,800 of principal', () => {
    const { allocation, balances } = receive(startExecution(balancesOf([2_000_000n, '2026-03-28'])), 2_000_000n, '2026-04-27');
    expect(allocation).toMatchObject({ feeFen: 20_000n, principal: [{ index: 0, fen: 1_980_000n }], charges: [], creditorFen: 1_980_000n });
    expect(allocation.accrued).toEqual([{ index: 0, fen: 10_395n }]); // ¥19,800 × 30 × 1.75/10,000 = ¥103.95
    expect(balances.fee).toEqual({ recoveredFen: 2_000_000n, chargedFen: 20_000n });
    expect(balances.instalments[0]).toMatchObject({ principalFen: 20_000n, chargeFen: 10_395n });
  });

  it('money beyond the debt is a surplus returned to the payer, and bears no fee', () => {
    const plain = receive(balancesOf([1_000_000n, '2026-03-28']), 1_010_000n, '2026-04-27').allocation;
    expect(plain).toMatchObject({ principal: [{ index: 0, fen: 1_000_000n }], charges: [{ index: 0, fen: 5_250n }], surplusFen: 4_750n });
    // Filed: the applied amount a is the largest with a − fee(a) ≤ ¥10,052.50: a = ¥10,104.06, fee ¥51.56.
    const filed = receive(startExecution(balancesOf([1_000_000n, '2026-03-28'])), 1_020_000n, '2026-04-27');
    expect(filed.allocation).toMatchObject({ feeFen: 5_156n, creditorFen: 1_005_250n, surplusFen: 9_594n });
    expect(filed.balances.fee).toEqual({ recoveredFen: 1_010_406n, chargedFen: 5_156n });
    expect(owedAsOf(filed.balances, dayOf('2026-05-27'), terms())).toMatchObject({ debtFen: 0n, feeShortfallFen: 0n });
  });

  it('the instalment due first is paid first; one not yet due accrues nothing', () => {
    const balances = balancesOf([500_000n, '2026-03-28'], [500_000n, '2026-04-28']);
    const { allocation } = receive(balances, 700_000n, '2026-04-27');
    expect(allocation.principal).toEqual([{ index: 0, fen: 500_000n }, { index: 1, fen: 200_000n }]);
    expect(allocation.accrued).toEqual([{ index: 0, fen: 2_625n }]);
  });

  it('a payment at 23:30 UTC is received the next day in China: 30 days of interest, not 29', () => {
    const day = chinaDayOf(Date.UTC(2026, 3, 26, 23, 30));
    const { allocation } = applyReceipt(balancesOf([1_000_000n, '2026-03-28']), { amount: cny(1_005_250n), day }, terms());
    expect(allocation.accrued).toEqual([{ index: 0, fen: 5_250n }]);
    expect(allocation.surplusFen).toBe(0n);
  });

  it('a court-initiated retrial suspension stops interest in the allocation; an agreed one does not', () => {
    const suspension = { fromDay: dayOf('2026-04-01'), untilDay: dayOf('2026-04-11') };
    const retrial = receive(balancesOf([1_000_000n, '2026-03-28']), 1_003_500n, '2026-04-27', terms({ suspensions: [{ ...suspension, reason: 'RETRIAL' }] }));
    expect(retrial.allocation).toMatchObject({ accrued: [{ index: 0, fen: 3_500n }], surplusFen: 0n });
    const agreed = owedAsOf(balancesOf([1_000_000n, '2026-03-28']), dayOf('2026-04-27'), terms({ suspensions: [{ ...suspension, reason: 'CREDITOR_AGREED' }] }));
    expect(agreed.chargeFen).toBe(5_250n);
  });

  it('whether grace delays interest is a term: 25 days (¥43.75) with it, 30 (¥52.50) without', () => {
    const schedule = [{ amount: cny(1_000_000n), dueTimeMs: chinaTime('2026-03-28', 17) }];
    const grace = { currency: 'CNY', graceMs: 5 * 86_400_000 };
    const delayed = openingBalances(schedule, { ...grace, graceDelaysInterest: true });
    const running = openingBalances(schedule, { ...grace, graceDelaysInterest: false });
    expect(owedAsOf(delayed, dayOf('2026-04-27'), terms()).chargeFen).toBe(4_375n);
    expect(owedAsOf(running, dayOf('2026-04-27'), terms()).chargeFen).toBe(5_250n);
  });

  it('acceleration makes every instalment not yet due fall due on the day of default', () => {
    const balances = accelerate(balancesOf([100_000n, '2026-03-28'], [100_000n, '2026-04-28'], [100_000n, '2026-05-28']), dayOf('2026-04-01'));
    expect(balances.instalments.map((i) => i.dueDay)).toEqual([dayOf('2026-03-28'), dayOf('2026-04-01'), dayOf('2026-04-01')]);
    // 14 days on the first (¥2.45), 10 on each of the others (¥1.75).
    expect(owedAsOf(balances, dayOf('2026-04-11'), terms()).instalments.map((i) => i.chargeFen)).toEqual([245n, 175n, 175n]);
  });

  it('an applied penalty clause: the penalty is owed and paid, and no delay interest accrues', () => {
    const delay: DelayTerms = { kind: 'penalty', clause: { kind: 'share-of-unpaid', numerator: 5n, denominator: 100n } };
    const defaulted = addCharge(balancesOf([1_000_000n, '2026-03-28']), 0, penaltyAtDefault(delay, 1_000_000n));
    const { allocation } = receive(defaulted, 1_050_000n, '2026-04-27', terms({ delay }));
    expect(allocation).toMatchObject({ accrued: [], principal: [{ index: 0, fen: 1_000_000n }], charges: [{ index: 0, fen: 50_000n }], surplusFen: 0n });
    expect(codeOf(() => addCharge(defaulted, 3, 1n))).toBe('INSTALMENT_UNKNOWN');
  });

  it('refuses a receipt in another currency, or of nothing', () => {
    const balances = balancesOf([1_000_000n, '2026-03-28']);
    expect(codeOf(() => applyReceipt(balances, { amount: { fen: 1n, currency: 'USD' }, day: dayOf('2026-04-27') }, terms()))).toBe('CURRENCY_MISMATCH');
    expect(codeOf(() => receive(balances, 0n, '2026-04-27'))).toBe('AMOUNT_NOT_POSITIVE');
    expect(codeOf(() => receive(balances, -100n, '2026-04-27'))).toBe('AMOUNT_NOT_POSITIVE');
  });
});

describe('schedules', () => {
  const due = chinaTime('2026-03-28', 17);
  const open = (...amounts: [bigint | number, string?, number?][]) => openingBalances(
    amounts.map(([fen, currency = 'CNY', dueTimeMs = due]) => ({ amount: { fen: fen as bigint, currency }, dueTimeMs })),
    { currency: 'CNY', graceMs: 0, graceDelaysInterest: false });

  it('refuses zero or negative instalments, floats, totals beyond u64 and mixed currencies', () => {
    expect(codeOf(() => open([0n]))).toBe('AMOUNT_NOT_POSITIVE');
    expect(codeOf(() => open([-1n]))).toBe('AMOUNT_NOT_POSITIVE');
    expect(codeOf(() => open([10.5]))).toBe('AMOUNT_NOT_INTEGER');
    expect(codeOf(() => open([1n << 64n]))).toBe('AMOUNT_OVERFLOW');
    expect(codeOf(() => open([1n << 63n], [1n << 63n]))).toBe('AMOUNT_OVERFLOW');
    expect(open([(1n << 63n) - 1n], [1n << 63n]).instalments).toHaveLength(2);
    expect(codeOf(() => open([1n], [1n, 'USD']))).toBe('CURRENCY_MISMATCH');
  });

  it('refuses an empty schedule, due times out of order, and a due time that is not a time', () => {
    expect(codeOf(() => open())).toBe('SCHEDULE_EMPTY');
    expect(codeOf(() => open([1n, 'CNY', due], [1n, 'CNY', due - 1]))).toBe('SCHEDULE_OUT_OF_ORDER');
    expect(codeOf(() => open([1n, 'CNY', -1]))).toBe('TIME_INVALID');
    expect(codeOf(() => open(...Array.from({ length: 1_001 }, (): [bigint] => [1n])))).toBe('LIMIT_EXCEEDED');
  });
});
