// Validator sets, voting-power thresholds and the weighted round-robin proposer.
//
// Thresholds are integer comparisons: "more than 2/3 of the power" is 3 × power > 2 × total, never a
// float. Powers are bounded so that every product and priority stays a safe integer.
//
// Proposer selection follows CometBFT's proposer-priority scheme: each validator carries a priority;
// one selection adds every validator's power to its priority, picks the highest (ties go to the
// lowest index, i.e. the smallest public key) and takes the total power off the winner. Over any
// window a validator proposes in proportion to its power, and every node computes the same sequence.
import { assert, compareBytes } from '../../types/index.js';
import type { Validator, ValidatorSet } from './types.js';

/** Caps total power so that priorities (bounded by a few totals) and their sums stay below 2^53. */
export const TOTAL_POWER_MAX = 2 ** 36;
export const VALIDATORS_MAX = 1024;
/** Priorities are kept within this many totals of each other, so a newcomer cannot wait forever. */
const PRIORITY_WINDOW_FACTOR = 2;

export function createValidatorSet(validators: readonly Validator[]): ValidatorSet {
  assert(validators.length > 0 && validators.length <= VALIDATORS_MAX, 'a validator set has 1..1024 members');
  let totalPower = 0;
  for (let i = 0; i < validators.length; i++) {
    const validator = validators[i]!;
    assert(Number.isSafeInteger(validator.power) && validator.power > 0, 'validator power is a positive integer');
    if (i > 0) {
      assert(compareBytes(validators[i - 1]!.publicKey, validator.publicKey) < 0,
        'validators are ordered by public key bytes, without duplicates');
    }
    totalPower += validator.power;
  }
  assert(totalPower <= TOTAL_POWER_MAX, 'total voting power exceeds 2^36');
  return { validators, totalPower, proposerPriorities: validators.map(() => 0) };
}

/** 3 × power > 2 × total: the paper's 2f + 1 with weights. */
export function isQuorum(power: number, totalPower: number): boolean {
  return 3 * power > 2 * totalPower;
}

/** 3 × power > total: the paper's f + 1 with weights (at least one correct validator among them). */
export function isOneThirdPlus(power: number, totalPower: number): boolean {
  return 3 * power > totalPower;
}

export function indexOfPublicKey(set: ValidatorSet, publicKey: Uint8Array): number {
  return set.validators.findIndex((validator) => compareBytes(validator.publicKey, publicKey) === 0);
}

/** Floor division of safe integers, exact even where a/b rounds across an integer as a double. */
function floorDiv(a: number, b: number): number {
  assert(b > 0 && Number.isSafeInteger(a) && Number.isSafeInteger(b), 'floorDiv takes safe integers, b > 0');
  let quotient = Math.floor(a / b);
  while (quotient * b > a) quotient -= 1;
  while ((quotient + 1) * b <= a) quotient += 1;
  return quotient;
}

/** Rescales into the priority window, then centres on zero, so priorities stay bounded forever. */
function normalisePriorities(set: ValidatorSet, priorities: readonly number[]): number[] {
  const windowMax = PRIORITY_WINDOW_FACTOR * set.totalPower;
  const max = Math.max(...priorities);
  const min = Math.min(...priorities);
  const spread = max - min;
  let scaled = [...priorities];
  if (spread > windowMax) {
    const ratio = floorDiv(spread + windowMax - 1, windowMax);
    scaled = scaled.map((priority) => Math.trunc(priority / ratio));
  }
  let sum = 0;
  for (const priority of scaled) sum += priority;
  const average = floorDiv(sum, scaled.length);
  return scaled.map((priority) => priority - average);
}

/** One selection: everyone gains its power, the highest proposes and pays the total back. */
function selectOnce(set: ValidatorSet, priorities: number[]): number {
  let chosen = 0;
  for (let i = 0; i < priorities.length; i++) {
    priorities[i] = priorities[i]! + set.validators[i]!.power;
    if (priorities[i]! > priorities[chosen]!) chosen = i;
  }
  priorities[chosen] = priorities[chosen]! - set.totalPower;
  return chosen;
}

/** Index of the proposer of `round` in this set's height: the (round + 1)-th selection. */
export function proposerIndex(set: ValidatorSet, round: number): number {
  assert(Number.isSafeInteger(round) && round >= 0, 'round is a non-negative integer');
  const priorities = normalisePriorities(set, set.proposerPriorities);
  let chosen = -1;
  for (let selection = 0; selection <= round; selection++) chosen = selectOnce(set, priorities);
  assert(chosen >= 0 && chosen < set.validators.length, 'a proposer is always chosen');
  return chosen;
}

/**
 * The same validators with priorities advanced past this height's round-0 selection: the set of
 * the next height when membership does not change. A height's priorities do not depend on the round
 * it was decided in, so every node derives the same sequence from the chain alone.
 */
export function nextHeightValidatorSet(set: ValidatorSet): ValidatorSet {
  const priorities = normalisePriorities(set, set.proposerPriorities);
  selectOnce(set, priorities);
  for (const priority of priorities) {
    assert(Math.abs(priority) <= 4 * set.totalPower, 'proposer priorities stay within a few totals');
  }
  return { ...set, proposerPriorities: priorities };
}
