// What a late debtor owes beyond the principal: statutory delay interest, or the penalty the
// parties agreed instead. Under the SPC mediation rules (2020) Art 15 a debtor who bears the
// penalty of the mediation agreement owes no statutory delay interest besides, so a contract names
// one or the other, never both; the penalty is computed by its own terms.
import { daysIn, type DayRange } from './calendar.js';
import { refuse } from './errors.js';
import { checkFen, checkPositiveFen, checkU64, roundHalfUp } from './money.js';
import { checkRateTable, delayInterest, type RateVersion, type Suspension } from './interest.js';

export type PenaltyClause =
  /** A fixed sum, owed once when the instalment defaults. */
  | { readonly kind: 'fixed'; readonly amountFen: bigint }
  /** A share (numerator / denominator, in (0, 1]) of the principal unpaid at default, owed once. */
  | { readonly kind: 'share-of-unpaid'; readonly numerator: bigint; readonly denominator: bigint }
  /** A daily rate (in (0, 1)) on the unpaid principal, for every day of delay: suspensions are the
   *  statute's exclusion for its own interest, so they do not shorten an agreed penalty. */
  | { readonly kind: 'daily'; readonly numerator: bigint; readonly denominator: bigint };

export type DelayTerms =
  | { readonly kind: 'statutory'; readonly rates: readonly RateVersion[] }
  | { readonly kind: 'penalty'; readonly clause: PenaltyClause };

export function checkDelayTerms(terms: DelayTerms): DelayTerms {
  if (terms.kind === 'statutory') {
    checkRateTable(terms.rates);
    return terms;
  }
  const clause = terms.clause;
  if (clause.kind === 'fixed') {
    checkPositiveFen(clause.amountFen, 'penalty amount');
  } else {
    const ceiling = clause.kind === 'daily' ? clause.denominator - 1n : clause.denominator;
    if (clause.denominator <= 0n || clause.numerator <= 0n || clause.numerator > ceiling) {
      refuse('PENALTY_INVALID', `a ${clause.kind} penalty rate must lie in ${clause.kind === 'daily' ? '(0, 1)' : '(0, 1]'}`);
    }
  }
  return terms;
}

/** The one-off penalty owed when an instalment with `unpaidFen` of principal defaults (0 if none applies). */
export function penaltyAtDefault(terms: DelayTerms, unpaidFen: bigint): bigint {
  checkDelayTerms(terms);
  checkFen(unpaidFen, 'unpaid principal');
  if (terms.kind === 'statutory' || unpaidFen === 0n) return 0n;
  const clause = terms.clause;
  if (clause.kind === 'fixed') return clause.amountFen;
  if (clause.kind === 'share-of-unpaid') return checkU64(roundHalfUp(unpaidFen * clause.numerator, clause.denominator), 'penalty');
  return 0n;
}

/**
 * The charge accrued by `principalFen` over the days of `period`: statutory interest (suspensions
 * that stop interest excluded), or a daily penalty; a one-off penalty accrues nothing by the day.
 */
export function accruedDelayCharge(terms: DelayTerms, principalFen: bigint, period: DayRange,
  suspensions: readonly Suspension[]): bigint {
  if (terms.kind === 'statutory') return delayInterest(principalFen, period, suspensions, terms.rates).fen;
  checkFen(principalFen, 'principal');
  if (terms.clause.kind !== 'daily') return 0n;
  const days = BigInt(daysIn(period));
  return checkU64(roundHalfUp(principalFen * days * terms.clause.numerator, terms.clause.denominator), 'penalty');
}
