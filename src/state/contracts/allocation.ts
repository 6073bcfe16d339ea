// Money received into a case account, and where it goes. The order (docs/contracts.md,
// "Allocation"): the execution fee first, once execution is filed (诉讼费用交纳办法 Arts 14, 20, 38:
// the court deducts it from the money recovered); then the money debt of the document before the
// delay interest (法释〔2014〕8号 Art 4), unless the contract agrees otherwise ('charges-first');
// among instalments, the one due first is paid first (Civil Code Art 560). Money beyond everything
// owed is a surplus returned to the payer, not a recovery. Each instalment keeps the day through
// which its unpaid principal's delay charge is counted; the charge on a principal portion becomes
// owed, rounded once, when that portion is paid (Art 3: interest runs to each payment).
import { checkDay, chinaDayOf, checkTimeMs, TIME_MS_MAX, type DayNumber } from './calendar.js';
import { accruedDelayCharge, checkDelayTerms, type DelayTerms } from './delay.js';
import { refuse } from './errors.js';
import { executionFee, feeOnReceipt, FEE_LEDGER_OPEN, type FeeLedger, type FeePolicy } from './fee.js';
import { checkSuspensions, type Suspension } from './interest.js';
import { checkCurrency, checkPositiveFen, checkSameCurrency, checkU64, checkFen, sumFen, type Money } from './money.js';

export const INSTALMENTS_MAX = 1_000;

export interface ScheduledInstalment {
  readonly amount: Money;
  readonly dueTimeMs: number;
}

export interface ScheduleTerms {
  readonly currency: string;
  /** Time after the due time before a missed instalment defaults. */
  readonly graceMs: number;
  /** A term of the contract: true if interest runs only from the end of the grace period. */
  readonly graceDelaysInterest: boolean;
}

export interface InstalmentBalance {
  readonly index: number;
  readonly dueDay: DayNumber;
  /** The delay charge on the unpaid principal is counted through this day and runs from the next. */
  readonly countedThroughDay: DayNumber;
  readonly principalFen: bigint;
  /** Delay interest or penalty owed and not yet paid. */
  readonly chargeFen: bigint;
}

export interface CaseBalances {
  readonly currency: string;
  readonly instalments: readonly InstalmentBalance[];
  /** Present once execution is filed: money received from then on bears the execution fee. */
  readonly fee: FeeLedger | undefined;
}

export type PaymentOrder = 'principal-first' | 'charges-first';

export interface AllocationTerms {
  readonly order: PaymentOrder;
  readonly delay: DelayTerms;
  readonly suspensions: readonly Suspension[];
  readonly feePolicy: FeePolicy;
}

export interface Receipt {
  readonly amount: Money;
  /** The day (UTC+08:00) the money was received: chinaDayOf(the bank's time). */
  readonly day: DayNumber;
}

export interface Portion {
  readonly index: number;
  readonly fen: bigint;
}

export interface Allocation {
  readonly receivedFen: bigint;
  readonly feeFen: bigint;
  readonly principal: readonly Portion[];
  /** Delay interest or penalty paid. */
  readonly charges: readonly Portion[];
  /** Delay charge that became owed with this receipt (paid in `charges` as far as the money went). */
  readonly accrued: readonly Portion[];
  /** Principal and charges paid: what the payees share (splitByShares). */
  readonly creditorFen: bigint;
  /** Money beyond all that was owed, returned to the payer. */
  readonly surplusFen: bigint;
}

/** The balances of a new contract: its schedule checked (positive amounts in its currency, due times in order, total within u64). */
export function openingBalances(schedule: readonly ScheduledInstalment[], terms: ScheduleTerms): CaseBalances {
  checkCurrency(terms.currency);
  if (schedule.length === 0) refuse('SCHEDULE_EMPTY', 'a contract needs at least one instalment');
  if (schedule.length > INSTALMENTS_MAX) refuse('LIMIT_EXCEEDED', `more than ${INSTALMENTS_MAX} instalments`);
  checkTimeMs(terms.graceMs, 'grace period');
  const instalments = schedule.map((instalment, index) => {
    checkSameCurrency(terms.currency, instalment.amount.currency, `instalment ${index}`);
    const principalFen = checkPositiveFen(instalment.amount.fen, `instalment ${index}`);
    checkTimeMs(instalment.dueTimeMs, `instalment ${index} due time`);
    if (index > 0 && instalment.dueTimeMs < schedule[index - 1]!.dueTimeMs) {
      refuse('SCHEDULE_OUT_OF_ORDER', `instalment ${index} falls due before instalment ${index - 1}`, { index });
    }
    const startMs = terms.graceDelaysInterest ? Math.min(instalment.dueTimeMs + terms.graceMs, TIME_MS_MAX) : instalment.dueTimeMs;
    return { index, dueDay: chinaDayOf(instalment.dueTimeMs), countedThroughDay: chinaDayOf(startMs), principalFen, chargeFen: 0n };
  });
  sumFen(instalments.map((i) => i.principalFen), 'the total of the instalments');
  return { currency: terms.currency, instalments, fee: undefined };
}

/** Execution is filed: money received from now on bears the execution fee. */
export function startExecution(balances: CaseBalances): CaseBalances {
  return balances.fee === undefined ? { ...balances, fee: FEE_LEDGER_OPEN } : balances;
}

/** Acceleration: every instalment not yet due falls due on `day`, and its delay counts from the day after. */
export function accelerate(balances: CaseBalances, day: DayNumber): CaseBalances {
  checkDay(day, 'acceleration day');
  const instalments = balances.instalments.map((i) => (i.dueDay <= day ? i
    : { ...i, dueDay: day, countedThroughDay: Math.min(i.countedThroughDay, day) }));
  return { ...balances, instalments };
}

/** A one-off charge (penaltyAtDefault) added to an instalment when it defaults. */
export function addCharge(balances: CaseBalances, index: number, fen: bigint): CaseBalances {
  checkFen(fen, 'charge');
  if (balances.instalments[index]?.index !== index) refuse('INSTALMENT_UNKNOWN', `no instalment ${index}`, { index });
  const instalments = balances.instalments.map((i) => (i.index === index ? { ...i, chargeFen: checkU64(i.chargeFen + fen, 'charge') } : i));
  return { ...balances, instalments };
}

function paymentOrder<T extends InstalmentBalance>(instalments: readonly T[]): T[] {
  return [...instalments].sort((a, b) => a.dueDay - b.dueDay || a.index - b.index);
}

function accrualThrough(instalment: InstalmentBalance, fen: bigint, day: DayNumber, terms: AllocationTerms): bigint {
  if (fen === 0n) return 0n;
  return accruedDelayCharge(terms.delay, fen, { afterDay: instalment.countedThroughDay, throughDay: day }, terms.suspensions);
}

export interface Owed {
  readonly principalFen: bigint;
  /** Charges owed, with those the unpaid principal has accrued through the day. */
  readonly chargeFen: bigint;
  readonly debtFen: bigint;
  /** Execution fee on the money recovered so far that is not yet charged. */
  readonly feeShortfallFen: bigint;
  readonly instalments: readonly { readonly index: number; readonly principalFen: bigint; readonly chargeFen: bigint }[];
}

/** What the case owes as of `day` (the end of that day): the figure a read "as of" shows. */
export function owedAsOf(balances: CaseBalances, day: DayNumber, terms: AllocationTerms): Owed {
  checkDay(day, 'day');
  checkDelayTerms(terms.delay);
  checkSuspensions(terms.suspensions);
  const instalments = balances.instalments.map((i) => ({
    index: i.index,
    principalFen: i.principalFen,
    chargeFen: checkU64(i.chargeFen + accrualThrough(i, i.principalFen, day, terms), 'charge'),
  }));
  const principalFen = sumFen(instalments.map((i) => i.principalFen), 'principal owed');
  const chargeFen = sumFen(instalments.map((i) => i.chargeFen), 'charges owed');
  const ledger = balances.fee;
  const shortfall = ledger === undefined ? 0n : executionFee(ledger.recoveredFen, terms.feePolicy.schedule) - ledger.chargedFen;
  return { principalFen, chargeFen, debtFen: checkU64(principalFen + chargeFen, 'debt'), feeShortfallFen: shortfall > 0n ? shortfall : 0n, instalments };
}

/**
 * How much of `receivedFen` goes to the case (the rest is surplus) and the fee on it: the largest
 * applied amount a whose part after the fee does not exceed the debt. a − fee(a) never decreases as
 * a grows (the fee rises by at most one fen per fen), so a binary search finds it exactly.
 */
function appliedAmount(receivedFen: bigint, debtFen: bigint, ledger: FeeLedger | undefined, policy: FeePolicy): { applied: bigint; fee: bigint } {
  if (ledger === undefined) return { applied: receivedFen < debtFen ? receivedFen : debtFen, fee: 0n };
  if (debtFen === 0n) {
    // Nothing is owed but, perhaps, fee on earlier recoveries: the money pays that and no more.
    const shortfall = executionFee(ledger.recoveredFen, policy.schedule) - ledger.chargedFen;
    const applied = shortfall <= 0n ? 0n : shortfall < receivedFen ? shortfall : receivedFen;
    return { applied, fee: applied };
  }
  const feeAt = (applied: bigint): bigint => feeOnReceipt(ledger, applied, policy);
  if (receivedFen - feeAt(receivedFen) <= debtFen) return { applied: receivedFen, fee: feeAt(receivedFen) };
  let fits = 0n;
  let exceeds = receivedFen;
  while (exceeds - fits > 1n) {
    const middle = (fits + exceeds) / 2n;
    if (middle - feeAt(middle) <= debtFen) fits = middle;
    else exceeds = middle;
  }
  return { applied: fits, fee: feeAt(fits) };
}

interface Draft {
  index: number;
  dueDay: DayNumber;
  countedThroughDay: DayNumber;
  principalFen: bigint;
  chargeFen: bigint;
}

interface Flow {
  leftFen: bigint;
  readonly principal: Portion[];
  readonly charges: Portion[];
  readonly accrued: Portion[];
}

function accrue(draft: Draft, fen: bigint, day: DayNumber, terms: AllocationTerms, flow: Flow): void {
  const charge = accrualThrough(draft, fen, day, terms);
  if (charge === 0n) return;
  draft.chargeFen = checkU64(draft.chargeFen + charge, 'charge');
  flow.accrued.push({ index: draft.index, fen: charge });
}

/** Principal in payment order; under 'principal-first' each portion paid makes its delay charge owed. */
function payPrincipal(drafts: Draft[], day: DayNumber, terms: AllocationTerms, flow: Flow): void {
  for (const draft of drafts) {
    const paid = flow.leftFen < draft.principalFen ? flow.leftFen : draft.principalFen;
    if (paid === 0n) continue;
    if (terms.order === 'principal-first') accrue(draft, paid, day, terms, flow);
    draft.principalFen -= paid;
    flow.leftFen -= paid;
    flow.principal.push({ index: draft.index, fen: paid });
  }
}

function payCharges(drafts: Draft[], flow: Flow): void {
  for (const draft of drafts) {
    const paid = flow.leftFen < draft.chargeFen ? flow.leftFen : draft.chargeFen;
    if (paid === 0n) continue;
    draft.chargeFen -= paid;
    flow.leftFen -= paid;
    flow.charges.push({ index: draft.index, fen: paid });
  }
}

/** Money received on `receipt.day`: the fee, then the debt in the contract's order, then the surplus. */
export function applyReceipt(balances: CaseBalances, receipt: Receipt, terms: AllocationTerms): { balances: CaseBalances; allocation: Allocation } {
  checkSameCurrency(balances.currency, receipt.amount.currency, 'the receipt');
  const receivedFen = checkPositiveFen(receipt.amount.fen, 'the receipt');
  const day = checkDay(receipt.day, 'receipt day');
  const owed = owedAsOf(balances, day, terms);
  const { applied, fee } = appliedAmount(receivedFen, owed.debtFen, balances.fee, terms.feePolicy);
  const drafts: Draft[] = paymentOrder(balances.instalments.map((i) => ({ ...i })));
  const flow: Flow = { leftFen: applied - fee, principal: [], charges: [], accrued: [] };
  if (terms.order === 'charges-first') {
    for (const draft of drafts) {
      accrue(draft, draft.principalFen, day, terms, flow);
      draft.countedThroughDay = Math.max(draft.countedThroughDay, day);
    }
    payCharges(drafts, flow);
    payPrincipal(drafts, day, terms, flow);
  } else {
    payPrincipal(drafts, day, terms, flow);
    payCharges(drafts, flow);
  }
  // The applied amount was sized to the debt, which is exactly what the two passes can absorb.
  if (flow.leftFen !== 0n) throw new Error(`allocation left ${flow.leftFen} fen unassigned: the debt and the passes disagree`);
  const instalments = drafts.sort((a, b) => a.index - b.index);
  const ledger = balances.fee === undefined ? undefined
    : { recoveredFen: balances.fee.recoveredFen + applied, chargedFen: balances.fee.chargedFen + fee };
  const allocation: Allocation = {
    receivedFen, feeFen: fee, principal: flow.principal, charges: flow.charges, accrued: flow.accrued,
    creditorFen: applied - fee, surplusFen: receivedFen - applied,
  };
  return { balances: { currency: balances.currency, instalments, fee: ledger }, allocation };
}
