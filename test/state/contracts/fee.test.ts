// The execution fee of 诉讼费用交纳办法 Art 14(1), and policy 'cumulative/1' across partial recoveries.
import { describe, expect, it } from 'vitest';
import {
  EXECUTION_FEE_SCHEDULE_2007, FEE_LEDGER_OPEN, FEE_POLICY_CUMULATIVE_V1, executionFee, feeOnReceipt, feePolicy, parseYuan,
  type FeeLedger,
} from '../../../src/state/contracts/index.js';
import { codeOf } from './fixtures.js';

const yuan = parseYuan;

describe('execution fee schedule (诉讼费用交纳办法 Art 14)', () => {
  it('a ¥600,000 recovery: ¥50 + 1.5 % of ¥490,000 + 1 % of ¥100,000 = ¥8,400.00', () => {
    expect(executionFee(yuan('600000'))).toBe(yuan('8400'));
  });

  it('the breaks: ¥50 up to ¥10,000, then ¥7,400 at ¥500,000, ¥52,400 at ¥5M, ¥77,400 at ¥10M, ¥87,400 at ¥20M', () => {
    expect(executionFee(0n)).toBe(0n);
    expect(executionFee(1n)).toBe(yuan('50'));
    expect(executionFee(yuan('10000'))).toBe(yuan('50'));
    expect(executionFee(yuan('10000.01'))).toBe(yuan('50')); // + 0.015 fen rounds away
    expect(executionFee(yuan('10000.34'))).toBe(yuan('50.01')); // + 0.51 fen rounds half up
    expect(executionFee(yuan('500000'))).toBe(yuan('7400'));
    expect(executionFee(yuan('5000000'))).toBe(yuan('52400'));
    expect(executionFee(yuan('10000000'))).toBe(yuan('77400'));
    expect(executionFee(yuan('20000000'))).toBe(yuan('87400'));
  });

  it('refuses amounts below zero or beyond u64, and schedules whose bands do not rise', () => {
    expect(codeOf(() => executionFee(-1n))).toBe('AMOUNT_NEGATIVE');
    expect(codeOf(() => executionFee(1n << 64n))).toBe('AMOUNT_OVERFLOW');
    const bands = [...EXECUTION_FEE_SCHEDULE_2007.bands];
    const swapped = { ...EXECUTION_FEE_SCHEDULE_2007, bands: [bands[0]!, bands[2]!, bands[1]!, bands[3]!] };
    expect(codeOf(() => executionFee(1n, swapped))).toBe('FEE_SCHEDULE_INVALID');
    const gap = { ...EXECUTION_FEE_SCHEDULE_2007, flatUpToFen: 999_999n };
    expect(codeOf(() => executionFee(1n, gap))).toBe('FEE_SCHEDULE_INVALID');
    const whole = { ...EXECUTION_FEE_SCHEDULE_2007, bands: [{ ...bands[0]!, numerator: 1n, denominator: 1n }] };
    expect(codeOf(() => executionFee(1n, whole))).toBe('FEE_SCHEDULE_INVALID');
  });
});

describe('fee policy cumulative/1 across partial recoveries', () => {
  function charge(ledger: FeeLedger, appliedFen: bigint): FeeLedger & { fee: bigint } {
    const fee = feeOnReceipt(ledger, appliedFen, FEE_POLICY_CUMULATIVE_V1);
    return { recoveredFen: ledger.recoveredFen + appliedFen, chargedFen: ledger.chargedFen + fee, fee };
  }

  it('two recoveries of ¥300,000 are charged ¥4,400 and ¥4,000: ¥8,400 in all, as one of ¥600,000', () => {
    const first = charge(FEE_LEDGER_OPEN, yuan('300000'));
    const second = charge(first, yuan('300000'));
    expect([first.fee, second.fee]).toEqual([yuan('4400'), yuan('4000')]);
    expect(second.chargedFen).toBe(executionFee(yuan('600000')));
  });

  it('a first receipt below the flat fee is all fee; the shortfall is taken from the next', () => {
    const first = charge(FEE_LEDGER_OPEN, yuan('30'));
    const second = charge(first, yuan('100'));
    expect([first.fee, second.fee]).toEqual([yuan('30'), yuan('20')]);
    expect(second.chargedFen).toBe(yuan('50'));
  });

  it('policies are looked up by version; an unknown one is refused', () => {
    expect(feePolicy('cumulative/1')).toBe(FEE_POLICY_CUMULATIVE_V1);
    expect(codeOf(() => feePolicy('per-receipt/1'))).toBe('FEE_POLICY_UNKNOWN');
    expect(codeOf(() => feePolicy('toString'))).toBe('FEE_POLICY_UNKNOWN');
  });
});
