// The arithmetic refuses with ContractError codes (contracts/errors.ts); a tx is refused with a
// TianpingError whose code the API answers with. Each arithmetic code maps to one case code here.
import { ContractError, type ContractErrorCode } from '../contracts/index.js';
import { TianpingError, type ErrorCode } from '../../types/index.js';

const CASE_CODE_OF: Record<ContractErrorCode, ErrorCode> = {
  AMOUNT_OVERFLOW: 'CASE_AMOUNT_OVERFLOW',
  AMOUNT_NOT_INTEGER: 'CASE_AMOUNT_OVERFLOW',
  AMOUNT_NOT_POSITIVE: 'CASE_AMOUNT_NOT_POSITIVE',
  AMOUNT_NEGATIVE: 'CASE_AMOUNT_NOT_POSITIVE',
  AMOUNT_MALFORMED: 'CASE_TERMS_INVALID',
  CURRENCY_INVALID: 'CASE_CURRENCY_INVALID',
  CURRENCY_MISMATCH: 'CASE_CURRENCY_MISMATCH',
  TIME_INVALID: 'CASE_TERMS_INVALID',
  DATE_INVALID: 'CASE_TERMS_INVALID',
  SCHEDULE_EMPTY: 'CASE_SCHEDULE_EMPTY',
  SCHEDULE_OUT_OF_ORDER: 'CASE_SCHEDULE_OUT_OF_ORDER',
  LIMIT_EXCEEDED: 'CASE_LIMIT_EXCEEDED',
  RATE_TABLE_INVALID: 'CASE_TERMS_INVALID',
  RATE_UNDEFINED: 'CASE_TERMS_INVALID',
  SUSPENSION_INVALID: 'CASE_REASON_UNKNOWN',
  SUSPENSION_REASON_UNKNOWN: 'CASE_REASON_UNKNOWN',
  SHARES_INVALID: 'CASE_TERMS_INVALID',
  FEE_SCHEDULE_INVALID: 'CASE_TERMS_INVALID',
  FEE_POLICY_UNKNOWN: 'CASE_TERMS_INVALID',
  PENALTY_INVALID: 'CASE_TERMS_INVALID',
  INSTALMENT_UNKNOWN: 'CASE_TERMS_INVALID',
};

export function caseError(error: ContractError): TianpingError {
  return new TianpingError(CASE_CODE_OF[error.code], error.message, { ...error.detail, contractCode: error.code });
}

/** Runs `f`, turning an arithmetic refusal into the tx refusal it stands for. */
export function arithmetic<T>(f: () => T): T {
  try {
    return f();
  } catch (error) {
    if (error instanceof ContractError) throw caseError(error);
    throw error;
  }
}

export function refuse(code: ErrorCode, message: string, detail: Record<string, unknown> = {}): never {
  throw new TianpingError(code, message, detail);
}
