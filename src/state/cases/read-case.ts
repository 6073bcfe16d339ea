// Reading a case as it stands: its stored record with the block clock's processed entries applied.
// The clock does not write a record back for each entry it processes (thousands a block; the
// rewrite cost about a tenth of the clock's CPU, docs/BENCHMARKS.md): the due-queue cursor says which
// entries were processed, and each is a pure function of the record, so whoever reads the record
// applies the ones it has not seen, in the clock's order, and gets what the clock would have
// written. A tx that changes the record writes it back with them applied. The events were made
// (and committed to) in the blocks that processed the entries; applying them again makes none.
import { assert, fromUtf8 } from '../../types/index.js';
import type { StateView } from '../view.js';
import { CASE_DUE_CURSOR_KEY, caseDueKeyOfHex, caseHexOf, caseRecordKey, caseTermsKey } from './keys.js';
import { RUNNING, defaultInstalment } from './lifecycle.js';
import { decodeStoredRecord, decodeTerms, type CaseRecordMsg } from './record.js';

/** The last due-queue key the clock processed, or undefined before its first. */
export async function readDueCursor(view: StateView): Promise<string | undefined> {
  const bytes = await view.get(CASE_DUE_CURSOR_KEY);
  return bytes === undefined ? undefined : fromUtf8(bytes);
}

/**
 * Whether the instalment still waits for its legal time (unpaid, not in default): the one test the
 * clock's step and its replay on read share, so that they agree on which entries change a record.
 */
export const waiting = (instalment: CaseRecordMsg['instalments'][number]): boolean =>
  !instalment.defaulted && instalment.principalFen !== 0;

/**
 * Applies to `record` the clock's step for each of its waiting instalments whose due-queue entry
 * (at its current legal time) is at or before `cursor`, in the queue's order (legal time, then
 * instalment). The clock writes a record itself when a step files for execution (the filing id
 * needs the chain id, and the filing's index key is written then), so a step applied here never
 * files: that would be a broken invariant.
 */
export function applyProcessedEntries(record: CaseRecordMsg, caseHex: string, cursor: string | undefined): void {
  if (cursor === undefined) return;
  for (;;) {
    // A step the clock skipped because the case was held changed nothing, and only a tx (which
    // writes the record) moves a case between held and running.
    if (!RUNNING.includes(record.status)) return;
    let next = -1;
    record.instalments.forEach((instalment, index) => {
      if (waiting(instalment) && (next < 0 || instalment.legalAtMs < record.instalments[next]!.legalAtMs)) next = index;
    });
    if (next < 0) return;
    const legalAtMs = record.instalments[next]!.legalAtMs;
    if (caseDueKeyOfHex(legalAtMs, caseHex, next) > cursor) return;
    defaultInstalment(record, next, legalAtMs, undefined);
  }
}

/**
 * A case with its full terms: the record (case/r/) and the terms kept apart (case/t/), with the
 * clock's processed entries applied. A record without its terms is a broken invariant (both are
 * written by the creation), not a refusal.
 */
export async function readCase(view: StateView, caseNo: string): Promise<CaseRecordMsg | undefined> {
  const bytes = await view.get(caseRecordKey(caseNo));
  if (bytes === undefined) return undefined;
  const termsBytes = await view.get(caseTermsKey(caseNo));
  assert(termsBytes !== undefined, () => `the case ${JSON.stringify(caseNo)} has a record and no terms`);
  const record = decodeStoredRecord(bytes);
  record.terms = decodeTerms(termsBytes);
  applyProcessedEntries(record, caseHexOf(caseNo), await readDueCursor(view));
  return record;
}
