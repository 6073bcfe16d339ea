// Typed refusals of the contract arithmetic. Callers (the contract state machine, the API) match on
// `code`, never on the message, so a code once published is never renamed or reused. The codes
// live here, beside the rules that raise them, as GenesisError's do; the API maps them to statuses.

export type ContractErrorCode =
  | 'AMOUNT_OVERFLOW' // an amount, or a result computed from amounts, exceeds u64 fen
  | 'AMOUNT_NOT_POSITIVE' // an instalment or a receipt of zero or less
  | 'AMOUNT_NEGATIVE' // an amount below zero where zero is allowed
  | 'AMOUNT_NOT_INTEGER' // a number amount that is not a safe integer of fen (a float, NaN)
  | 'AMOUNT_MALFORMED' // a decimal yuan string that is not d+ or d+.dd
  | 'CURRENCY_INVALID' // not three capital letters (ISO 4217 form)
  | 'CURRENCY_MISMATCH' // amounts of different currencies in one computation
  | 'TIME_INVALID' // a time that is not a safe integer of ms in [1970, 10000)
  | 'DATE_INVALID' // a calendar date that does not exist or a day number out of range
  | 'SCHEDULE_EMPTY' // a schedule without instalments
  | 'SCHEDULE_OUT_OF_ORDER' // instalments whose due times decrease
  | 'LIMIT_EXCEEDED' // more instalments, suspensions, payees or rate versions than allowed
  | 'RATE_TABLE_INVALID' // versions not in increasing order, or a rate outside [0, 1)
  | 'RATE_UNDEFINED' // a day before the first version of a rate table
  | 'SUSPENSION_INVALID' // a suspension lifted before it began
  | 'SUSPENSION_REASON_UNKNOWN' // a reason code outside SUSPENSION_REASONS
  | 'SHARES_INVALID' // payee weights that are not positive integers
  | 'FEE_SCHEDULE_INVALID' // fee bands out of order or a marginal rate outside [0, 1)
  | 'FEE_POLICY_UNKNOWN' // a fee policy id outside FEE_POLICIES
  | 'PENALTY_INVALID' // a penalty clause with a rate outside [0, 1] or a bad amount
  | 'INSTALMENT_UNKNOWN'; // an instalment index that is not in the balances

export class ContractError extends Error {
  override name = 'ContractError';
  readonly code: ContractErrorCode;
  readonly detail: Readonly<Record<string, unknown>>;

  constructor(code: ContractErrorCode, message: string, detail: Record<string, unknown> = {}) {
    super(message);
    this.code = code;
    this.detail = detail;
  }
}

export function refuse(code: ContractErrorCode, message: string, detail: Record<string, unknown> = {}): never {
  throw new ContractError(code, message, detail);
}
