// The block clock of judgment contracts: after a block's txs, the due queue is processed in key
// order (legal time = due + grace, then case, then instalment) for every entry whose legal time is
// at or before the block time, at most params.caseEventsPerBlockMax entries per block; the rest wait
// for the next block and keep their legal time. The queue is never deleted from (the overlay has no
// delete): a cursor holds the last key processed, and the scan resumes just after it. Every later
// entry sorts after the cursor: a new case's entries lie after its block's time (CASE_SCHEDULE_IN_PAST)
// and a resumed case's at its block's time, while the cursor's lies at or before an earlier block's.
import { utf8 } from '../../types/index.js';
import type { OrderedState, Overlay } from '../view.js';
import { EventKind, encodeEvent, type BlockEvent, type EventDraft } from './events.js';
import { CASE_DUE_CURSOR_KEY, CASE_DUE_PREFIX, caseFilingKey, caseNoOfHex, caseRecordKeyOfHex, dueKeyParts, type DueKeyParts } from './keys.js';
import { RUNNING, defaultInstalment } from './lifecycle.js';
import { applyProcessedEntries, readDueCursor, waiting } from './read-case.js';
import { caseRecordBytes, readClockRecord, type CaseRecordMsg } from './record.js';

export interface ClockContext {
  readonly chainId: string;
  readonly height: number;
  readonly timeMs: number;
  readonly params: { readonly caseEventsPerBlockMax: number };
}

/** A record the clock has read in this block, and whether the block must write it. */
interface HeldRecord {
  readonly record: CaseRecordMsg;
  readonly key: string;
  write: boolean;
}

/**
 * One entry at its legal time. Nothing happens when the instalment is paid, already in default, was
 * taken up again later (its legal time moved: this entry is superseded), or its case is not running:
 * a held (suspended, settled) case's overdue instalments are taken up when it runs again.
 */
function processEntry(held: HeldRecord, entry: DueKeyParts, chainId: string): EventDraft[] {
  const { record } = held;
  const instalment = record.instalments[entry.index];
  if (instalment === undefined) return [];
  if (!waiting(instalment) || instalment.legalAtMs !== entry.legalAtMs) return [];
  if (!RUNNING.includes(record.status)) return [];
  const events = defaultInstalment(record, entry.index, entry.legalAtMs, chainId);
  // A filing made by the contract itself is indexed like one made by a tx, and its record written
  // (the filing id needs the chain id, which a reader applying the step again does not have).
  if (events.some((e) => e.kind === EventKind.CASE_EVENT_KIND_FILED)) held.write = true;
  return events;
}

/**
 * Runs the clock for the block; returns its events, encoded, in the order they happened. Records
 * are not written back (read-case.ts applies the processed entries when a record is read), except
 * where a step filed for execution.
 */
export async function runCaseClock(overlay: Overlay, ctx: ClockContext): Promise<BlockEvent[]> {
  const cursor = await readDueCursor(overlay);
  const due: DueKeyParts[] = [];
  let lastKey: string | undefined;
  for (const [key] of await overlay.scan(CASE_DUE_PREFIX, { after: cursor, limit: ctx.params.caseEventsPerBlockMax })) {
    const entry = dueKeyParts(key);
    if (entry.legalAtMs > ctx.timeMs) break;
    due.push(entry);
    lastKey = key;
  }
  const records = new Map<string, HeldRecord | null>();
  const events: BlockEvent[] = [];
  for (const entry of due) {
    let held = records.get(entry.caseHex);
    if (held === undefined) {
      const key = caseRecordKeyOfHex(entry.caseHex);
      const record = await readClockRecord(overlay, key, caseNoOfHex(entry.caseHex));
      // Entries processed in earlier blocks and not yet in the stored record come first.
      if (record !== undefined) applyProcessedEntries(record, entry.caseHex, cursor);
      held = record === undefined ? null : { record, key, write: false };
      records.set(entry.caseHex, held);
    }
    if (held === null) continue;
    for (const draft of processEntry(held, entry, ctx.chainId)) events.push(encodeEvent(draft, ctx.height, undefined, entry.caseHex));
  }
  for (const held of records.values()) {
    if (held === null || !held.write) continue;
    overlay.set(held.key, caseRecordBytes(held.record));
    overlay.set(caseFilingKey(held.record.filingId), utf8(held.record.terms.caseNo));
  }
  if (lastKey !== undefined) overlay.set(CASE_DUE_CURSOR_KEY, utf8(lastKey));
  return events;
}

/**
 * The legal time of the next entry the clock will process (it may lie in the past: entries carried
 * over by the per-block limit), or undefined when the queue holds nothing after the cursor. The node
 * starts a height by then, so that a default does not wait for the next heartbeat or tx.
 */
export async function nextCaseDueAtMs(state: OrderedState): Promise<number | undefined> {
  const [next] = await state.scan(CASE_DUE_PREFIX, { after: await readDueCursor(state), limit: 1 });
  return next === undefined ? undefined : dueKeyParts(next[0]).legalAtMs;
}
