// Invariants over seeded random cases (the seed is in each test: a failure replays exactly).
import { describe, expect, it } from 'vitest';
import {
  STATUTORY_DELAY_RATES, applyReceipt, delayInterest, executionFee, openingBalances, owedAsOf, splitByShares, startExecution,
  type AllocationTerms, type CaseBalances, type DelayTerms, type Suspension, type SuspensionReason,
} from '../../../src/state/contracts/index.js';
import { Prng } from '../../sim/prng.js';
import { chinaTime, dayOf, terms } from './fixtures.js';

const BASE_DAY = dayOf('2026-01-01');
const REASONS: SuspensionReason[] = ['RETRIAL', 'COURT_REVIEW', 'CREDITOR_AGREED', 'THIRD_PARTY_OBJECTION'];

function bigBelow(prng: Prng, maxExclusive: bigint): bigint {
  const wide = (BigInt(prng.nextU32()) << 64n) | (BigInt(prng.nextU32()) << 32n) | BigInt(prng.nextU32());
  return wide % maxExclusive;
}

function randomSuspensions(prng: Prng): Suspension[] {
  return Array.from({ length: prng.int(3) }, () => {
    const fromDay = BASE_DAY + prng.int(200);
    return { fromDay, untilDay: prng.chance(200) ? undefined : fromDay + prng.int(40), reason: prng.pick(REASONS) };
  });
}

function randomCase(prng: Prng): { balances: CaseBalances; terms: AllocationTerms } {
  const count = 1 + prng.int(5);
  let dueTimeMs = chinaTime('2026-01-01', 0) + prng.int(86_400_000);
  const schedule = Array.from({ length: count }, () => {
    dueTimeMs += prng.int(40 * 86_400_000);
    return { amount: { fen: 1n + bigBelow(prng, prng.chance(100) ? 10n ** 12n : 10n ** 8n), currency: 'CNY' }, dueTimeMs };
  });
  const delay: DelayTerms = prng.chance(700) ? { kind: 'statutory', rates: STATUTORY_DELAY_RATES }
    : { kind: 'penalty', clause: { kind: 'daily', numerator: BigInt(1 + prng.int(50)), denominator: 10_000n } };
  const opened = openingBalances(schedule, { currency: 'CNY', graceMs: prng.int(10 * 86_400_000), graceDelaysInterest: prng.chance(500) });
  return {
    balances: prng.chance(500) ? startExecution(opened) : opened,
    terms: terms({ order: prng.chance(700) ? 'principal-first' : 'charges-first', delay, suspensions: randomSuspensions(prng) }),
  };
}

const total = (portions: readonly { fen: bigint }[]): bigint => portions.reduce((sum, p) => sum + p.fen, 0n);

describe('invariants on seeded cases', () => {
  it('every receipt is allocated in full: fee + principal + charges + surplus = the amount received', () => {
    const prng = new Prng(20_260_328);
    for (let run = 0; run < 400; run++) {
      const generated = randomCase(prng);
      let balances = generated.balances;
      const caseTerms = generated.terms;
      let day = BASE_DAY;
      for (let k = 0; k < 1 + prng.int(6); k++) {
        day += prng.int(60);
        const before = owedAsOf(balances, day, caseTerms);
        const receivedFen = 1n + bigBelow(prng, before.debtFen + 10_000n);
        const result = applyReceipt(balances, { amount: { fen: receivedFen, currency: 'CNY' }, day }, caseTerms);
        const { allocation } = result;
        const paid = total(allocation.principal) + total(allocation.charges);
        expect(allocation.feeFen + paid + allocation.surplusFen).toBe(receivedFen);
        expect(allocation.creditorFen).toBe(paid);
        const after = owedAsOf(result.balances, day, caseTerms);
        // Interest is rounded once per instalment and payment: the one instalment a receipt pays in
        // part owes the interest on the part paid and on the rest each rounded, so by up to a fen more or less.
        const drift = after.debtFen - (before.debtFen - paid);
        expect(drift >= -1n && drift <= 1n).toBe(true);
        if (allocation.surplusFen > 0n) expect(after.debtFen).toBe(0n);
        for (const instalment of result.balances.instalments) {
          expect(instalment.principalFen >= 0n && instalment.chargeFen >= 0n).toBe(true);
        }
        if (result.balances.fee !== undefined) {
          expect(result.balances.fee.chargedFen <= executionFee(result.balances.fee.recoveredFen)).toBe(true);
        }
        balances = result.balances;
      }
    }
  });

  it('interest is never negative and never falls as the payment day moves later', () => {
    const prng = new Prng(175);
    for (let run = 0; run < 2_000; run++) {
      const principal = bigBelow(prng, 10n ** 12n);
      const afterDay = BASE_DAY + prng.int(100);
      const throughDay = afterDay - 5 + prng.int(200);
      const suspensions = randomSuspensions(prng);
      const earlier = delayInterest(principal, { afterDay, throughDay }, suspensions, STATUTORY_DELAY_RATES);
      const later = delayInterest(principal, { afterDay, throughDay: throughDay + 1 + prng.int(30) }, suspensions, STATUTORY_DELAY_RATES);
      expect(earlier.fen >= 0n).toBe(true);
      expect(later.fen >= earlier.fen).toBe(true);
      expect(earlier.days + earlier.excludedDays).toBe(Math.max(0, throughDay - afterDay));
    }
  });

  it('the execution fee never falls as the amount grows, and is never more than the amount', () => {
    const prng = new Prng(481);
    for (let run = 0; run < 5_000; run++) {
      const scale = prng.pick([10n ** 4n, 10n ** 6n, 10n ** 8n, 10n ** 10n, 10n ** 12n]);
      const a = bigBelow(prng, scale);
      const b = a + bigBelow(prng, prng.chance(300) ? 3n : scale);
      expect(executionFee(a) <= executionFee(b)).toBe(true);
      if (a >= 5_000n) expect(executionFee(a) <= a).toBe(true);
    }
  });

  it('largest-remainder splits keep the sum, stay within one fen of the exact share, and repeat exactly', () => {
    const prng = new Prng(6_962);
    for (let run = 0; run < 2_000; run++) {
      const weights = Array.from({ length: 1 + prng.int(8) }, () => BigInt(1 + prng.int(prng.chance(500) ? 3 : 10_000)));
      const amount = bigBelow(prng, 10n ** 10n);
      const parts = splitByShares(amount, weights);
      const weightTotal = weights.reduce((sum, w) => sum + w, 0n);
      expect(parts.reduce((sum, p) => sum + p, 0n)).toBe(amount);
      parts.forEach((part, i) => {
        const exactTimesTotal = amount * weights[i]!;
        expect(part * weightTotal <= exactTimesTotal + weightTotal && part * weightTotal + weightTotal > exactTimesTotal).toBe(true);
      });
      expect(splitByShares(amount, weights)).toEqual(parts);
    }
  });
});
