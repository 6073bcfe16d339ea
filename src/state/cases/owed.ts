// What a case owes as of a time: the read the API shows ("interest accrued as of now or ?at="). The
// arithmetic's owedAsOf on the record's balances and terms, for the China day of the time.
import { chinaDayOf, owedAsOf, type DayNumber, type Owed } from '../contracts/index.js';
import { arithmetic } from './errors.js';
import { allocationTermsOf, balancesOf, type CaseRecordMsg } from './record.js';

export interface OwedAt extends Owed {
  readonly day: DayNumber;
}

/** The case's principal, delay charges and fee shortfall at the end of the China day of `timeMs`. */
export function caseOwedAt(record: CaseRecordMsg, timeMs: number): OwedAt {
  return arithmetic(() => {
    const day = chinaDayOf(timeMs);
    return { ...owedAsOf(balancesOf(record), day, allocationTermsOf(record)), day };
  });
}
