// The block clock of judgment contracts: after a block's txs, the due queue is processed in key
// order (legal time = due + grace, then case, then instalment) for every entry whose legal time is
// at or before the block time, at most params.caseEventsPerBlockMax entries per block; the rest wait
// for the next block and keep their legal time. The queue is never deleted from (the overlay has no
// delete): a cursor holds the last key processed, and the scan resumes just after it. Every later
// entry sorts after the cursor: a new case's entries lie after its block's time (CASE_SCHEDULE_IN_PAST)
// and a resumed case's at its block's time, while the cursor's lies at or before an earlier block's.
import { utf8, fromUtf8 } from '../../types/index.js';
import type { OrderedState, Overlay } from '../view.js';
import { EventKind, encodeEvent, type BlockEvent, type EventDraft } from './events.js';
import { CASE_DUE_CURSOR_KEY, CASE_DUE_PREFIX, caseFilingKey, caseNoOfHex, caseRecordKeyOfHex, dueKeyParts, type DueKeyParts } from './keys.js';
import { RUNNING, defaultInstalment } from './lifecycle.js';
import { caseRecordBytes, readClockRecord } from './record.js';

export interface ClockContext {
  readonly chainId: string;
  readonly height: number;
  readonly timeMs: number;
  readonly params: { readonly caseEventsPerBlockMax: number };
}

/**
 * One entry at its legal time. Nothing happens when the instalment is paid, already in default, was
 * taken up again later (its legal time moved: this entry is superseded), or its case is not running:
 * a held (suspended, settled) case's overdue instalments are taken up when it runs again.
 */
async function processEntry(overlay: Overlay, entry: DueKeyParts, chainId: string): Promise<EventDraft[]> {
  const key = caseRecordKeyOfHex(entry.caseHex);
  const record = await readClockRecord(overlay, key, caseNoOfHex(entry.caseHex));
  if (record === undefined) return [];
  const instalment = record.instalments[entry.index];
  if (instalment === undefined) return [];
  if (instalment.defaulted || instalment.principalFen === 0 || instalment.legalAtMs !== entry.legalAtMs) return [];
  if (!RUNNING.includes(record.status)) return [];
  const events = defaultInstalment(record, entry.index, entry.legalAtMs, chainId);
  overlay.set(key, caseRecordBytes(record));
  // A filing made by the contract itself is indexed like one made by a tx.
  if (events.some((e) => e.kind === EventKind.CASE_EVENT_KIND_FILED)) overlay.set(caseFilingKey(record.filingId), utf8(record.terms.caseNo));
  return events;
}

/** Runs the clock for the block; returns its events, encoded, in the order they happened. */
export async function runCaseClock(overlay: Overlay, ctx: ClockContext): Promise<BlockEvent[]> {
  const cursorBytes = await overlay.get(CASE_DUE_CURSOR_KEY);
  const after = cursorBytes === undefined ? undefined : fromUtf8(cursorBytes);
  const due: DueKeyParts[] = [];
  let lastKey: string | undefined;
  for (const [key] of await overlay.scan(CASE_DUE_PREFIX, { after, limit: ctx.params.caseEventsPerBlockMax })) {
    const entry = dueKeyParts(key);
    if (entry.legalAtMs > ctx.timeMs) break;
    due.push(entry);
    lastKey = key;
  }
  const events: BlockEvent[] = [];
  for (const entry of due) {
    for (const draft of await processEntry(overlay, entry, ctx.chainId)) events.push(encodeEvent(draft, ctx.height, undefined, entry.caseHex));
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
  const cursorBytes = await state.get(CASE_DUE_CURSOR_KEY);
  const after = cursorBytes === undefined ? undefined : fromUtf8(cursorBytes);
  const [next] = await state.scan(CASE_DUE_PREFIX, { after, limit: 1 });
  return next === undefined ? undefined : dueKeyParts(next[0]).legalAtMs;
}
