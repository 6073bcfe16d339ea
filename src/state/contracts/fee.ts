// The execution fee (申请执行费) of 诉讼费用交纳办法 (State Council Decree 481, in force 2007-04-01)
// Art 14(1): ¥50 for an amount up to ¥10,000; above that, marginal rates of 1.5 % to ¥500,000, 1 %
// to ¥5,000,000, 0.5 % to ¥10,000,000 and 0.1 % beyond. Art 20 has it paid after execution, Art 38
// puts it on the debtor, and the court deducts it from the money recovered: money received pays the
// fee first (allocation.ts).
import { refuse } from './errors.js';
import { addRatio, checkFen, checkU64, roundRatio, type Ratio } from './money.js';

export interface FeeBand {
  /** The band covers the part of the amount above this. */
  readonly aboveFen: bigint;
  /** The marginal rate of the band, in [0, 1). */
  readonly numerator: bigint;
  readonly denominator: bigint;
}

export interface FeeSchedule {
  readonly id: string;
  readonly source: string;
  /** The flat fee for any amount in (0, flatUpToFen]. */
  readonly flatFen: bigint;
  readonly flatUpToFen: bigint;
  readonly bands: readonly FeeBand[];
}

export const EXECUTION_FEE_SCHEDULE_2007: FeeSchedule = Object.freeze({
  id: 'execution-fee/2007',
  source: '诉讼费用交纳办法 Art 14(1) (in force 2007-04-01)',
  flatFen: 5_000n,
  flatUpToFen: 1_000_000n,
  bands: Object.freeze([
    { aboveFen: 1_000_000n, numerator: 15n, denominator: 1_000n },
    { aboveFen: 50_000_000n, numerator: 10n, denominator: 1_000n },
    { aboveFen: 500_000_000n, numerator: 5n, denominator: 1_000n },
    { aboveFen: 1_000_000_000n, numerator: 1n, denominator: 1_000n },
  ]),
});

export function checkFeeSchedule(schedule: FeeSchedule): FeeSchedule {
  const bands = schedule.bands;
  if (schedule.flatFen < 0n || schedule.flatUpToFen < 0n || bands.length > 16 || (bands.length > 0 && bands[0]!.aboveFen !== schedule.flatUpToFen)) {
    refuse('FEE_SCHEDULE_INVALID', 'the first band must begin where the flat fee ends');
  }
  bands.forEach((band, i) => {
    if ((i > 0 && band.aboveFen <= bands[i - 1]!.aboveFen) || band.denominator <= 0n || band.numerator < 0n ||
        band.numerator >= band.denominator) {
      refuse('FEE_SCHEDULE_INVALID', 'bands must rise and marginal rates lie in [0, 1)', { band: i });
    }
  });
  return schedule;
}

/**
 * The fee on a recovered amount: nothing for nothing, the flat fee up to its limit, then each band's
 * rate on the part of the amount inside it; the exact sum is rounded half up to the fen once, so the
 * fee never decreases as the amount grows.
 */
export function executionFee(amountFen: bigint, schedule: FeeSchedule = EXECUTION_FEE_SCHEDULE_2007): bigint {
  checkFen(amountFen, 'recovered amount');
  checkFeeSchedule(schedule);
  if (amountFen === 0n) return 0n;
  let exact: Ratio = { numerator: schedule.flatFen, denominator: 1n };
  schedule.bands.forEach((band, i) => {
    const top = schedule.bands[i + 1]?.aboveFen;
    const inside = (top === undefined || amountFen < top ? amountFen : top) - band.aboveFen;
    if (inside > 0n) exact = addRatio(exact, { numerator: inside * band.numerator, denominator: band.denominator });
  });
  return checkU64(roundRatio(exact), 'execution fee');
}

/**
 * How the fee is charged when money comes in parts. Policy 'cumulative/1': after recoveries
 * totalling T, the fee owed is fee(T) less what was charged before, deducted from the receipt at
 * hand (at most all of it; a shortfall is carried to the next receipt). The charges then add up to
 * the schedule's fee on the total recovered however the money was split: no flat ¥50 per receipt,
 * no band charged twice, nothing charged before money arrives (Art 20: paid after execution).
 * T counts the money received that goes to the case (fee included: Art 14 measures the amount
 * executed, which the fee is part of), not a surplus returned to the payer.
 */
export interface FeePolicy {
  readonly id: string;
  readonly schedule: FeeSchedule;
}

export const FEE_POLICY_CUMULATIVE_V1: FeePolicy = Object.freeze({ id: 'cumulative/1', schedule: EXECUTION_FEE_SCHEDULE_2007 });

export const FEE_POLICIES: Readonly<Record<string, FeePolicy>> = Object.freeze({ [FEE_POLICY_CUMULATIVE_V1.id]: FEE_POLICY_CUMULATIVE_V1 });

export function feePolicy(id: string): FeePolicy {
  const policy = Object.hasOwn(FEE_POLICIES, id) ? FEE_POLICIES[id] : undefined;
  if (policy === undefined) refuse('FEE_POLICY_UNKNOWN', `fee policy ${JSON.stringify(id)} is not known`);
  return policy;
}

/** What a case's fee account has seen: the money recovered so far and the fee charged from it. */
export interface FeeLedger {
  readonly recoveredFen: bigint;
  readonly chargedFen: bigint;
}

export const FEE_LEDGER_OPEN: FeeLedger = Object.freeze({ recoveredFen: 0n, chargedFen: 0n });

/** The fee deducted from `appliedFen` of new money (policy 'cumulative/1'). */
export function feeOnReceipt(ledger: FeeLedger, appliedFen: bigint, policy: FeePolicy): bigint {
  const owed = executionFee(checkU64(ledger.recoveredFen + appliedFen, 'recovered amount'), policy.schedule) - ledger.chargedFen;
  if (owed <= 0n) return 0n;
  return owed < appliedFen ? owed : appliedFen;
}
