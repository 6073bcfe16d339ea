// The money and calendar arithmetic of judgment contracts: integers of fen, days in UTC+08:00,
// statutory delay interest, agreed penalties, the execution fee and the allocation of money
// received. Pure and deterministic like the rest of state/; the rules and their legal sources are in
// docs/contracts.md.
export { ContractError, type ContractErrorCode } from './errors.js';
export {
  U64_MAX_FEN, checkCurrency, checkFen, checkPositiveFen, checkSameCurrency, formatYuan, money, parseYuan, roundHalfUp,
  sumFen, type Money,
} from './money.js';
export {
  CHINA_OFFSET_MS, DAY_MS, TIME_MS_MAX, checkTimeMs, chinaDayOf, chinaDayStartMs, civilFromDays, daysFromCivil, daysIn,
  formatDay, parseDay, type CivilDate, type DayNumber, type DayRange,
} from './calendar.js';
export {
  STATUTORY_DELAY_RATES, SUSPENSIONS_MAX, SUSPENSION_REASONS, checkRateTable, checkSuspensions, delayInterest, suspensionBetween, type DelayBreakdown, type RateSegment,
  type RateVersion, type Suspension, type SuspensionReason,
} from './interest.js';
export { accruedDelayCharge, checkDelayTerms, penaltyAtDefault, type DelayTerms, type PenaltyClause } from './delay.js';
export {
  EXECUTION_FEE_SCHEDULE_2007, FEE_LEDGER_OPEN, FEE_POLICIES, FEE_POLICY_CUMULATIVE_V1, executionFee, feeOnReceipt, feePolicy,
  type FeeBand, type FeeLedger, type FeePolicy, type FeeSchedule,
} from './fee.js';
export { PAYEES_MAX, splitByShares } from './shares.js';
export {
  INSTALMENTS_MAX, accelerate, addCharge, applyReceipt, openingBalances, owedAsOf, startExecution, type Allocation,
  type AllocationTerms, type CaseBalances, type InstalmentBalance, type Owed, type PaymentOrder, type Portion, type Receipt,
  type ScheduleTerms, type ScheduledInstalment,
} from './allocation.js';
