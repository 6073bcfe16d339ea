// The published reason codes of court actions on a case (docs/contracts.md, "Reason codes"). Every
// court action names one; a code outside its action's list is refused (CASE_REASON_UNKNOWN). The
// suspension reasons are the arithmetic's own list (contracts/interest.ts): whether a suspension
// stops delay interest is decided there, once, by 法释〔2014〕8号 Art 3.
import { SUSPENSION_REASONS } from '../contracts/index.js';

export type CaseActionName = 'SUSPEND' | 'RESUME' | 'SETTLE' | 'TERMINATE' | 'CLOSE' | 'DEFAULT_SETTLEMENT';

interface Reason {
  readonly source: string;
}

const RESUME_REASONS: Readonly<Record<string, Reason>> = Object.freeze({
  CAUSE_ENDED: { source: 'CPL 中止执行: execution resumes once the cause of the suspension has ended' },
  REVIEW_CONCLUDED: { source: 'the review of the document ended without revoking it' },
  RETRIAL_CONCLUDED: { source: 'the retrial upheld the document, or its stay was lifted' },
  CREDITOR_APPLICATION: { source: 'the applicant who agreed to postpone applies to resume' },
  OTHER: { source: 'SPC execution rules Arts 102–104' },
});

const SETTLE_REASONS: Readonly<Record<string, Reason>> = Object.freeze({
  EXECUTION_SETTLEMENT: { source: '法释〔2018〕3号 Arts 1–2: the parties settle in execution; the court may suspend' },
});

const TERMINATE_REASONS: Readonly<Record<string, Reason>> = Object.freeze({
  WITHDRAWN: { source: 'CPL 终结执行: the applicant withdraws the application' },
  DOCUMENT_REVOKED: { source: 'CPL 终结执行: the document executed is revoked' },
  DEBTOR_DECEASED_NO_ESTATE: { source: 'CPL 终结执行: the debtor died with no estate and no one bound to perform' },
  DEBTOR_DESTITUTE: { source: 'CPL 终结执行: the debtor cannot pay and has no income' },
  OTHER: { source: 'CPL 终结执行: other cases the court finds' },
});

const CLOSE_REASONS: Readonly<Record<string, Reason>> = Object.freeze({
  PERFORMED: { source: 'execution completed: the document was fully performed' },
  TERMINATED: { source: 'the case was terminated (终结执行)' },
  SETTLEMENT_PERFORMED: { source: '法释〔2018〕3号: full performance of the settlement closes the case' },
});

const DEFAULT_SETTLEMENT_REASONS: Readonly<Record<string, Reason>> = Object.freeze({
  SETTLEMENT_NOT_PERFORMED: { source: '法释〔2018〕3号 Art 9: the settlement is not performed; the creditor resumes the original document' },
});

/** Every action's list: the published table, in one place. */
export const CASE_REASONS: Readonly<Record<CaseActionName, Readonly<Record<string, Reason>>>> = Object.freeze({
  SUSPEND: SUSPENSION_REASONS,
  RESUME: RESUME_REASONS,
  SETTLE: SETTLE_REASONS,
  TERMINATE: TERMINATE_REASONS,
  CLOSE: CLOSE_REASONS,
  DEFAULT_SETTLEMENT: DEFAULT_SETTLEMENT_REASONS,
});

export function isReasonOf(action: CaseActionName, code: string): boolean {
  return Object.hasOwn(CASE_REASONS[action], code);
}
