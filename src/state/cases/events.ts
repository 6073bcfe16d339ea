// Case events (CaseEvent): what happened to a case, in order, each with its legal time. A tx's
// events are drafted while the tx is checked and stamped with the block's height and the tx hash
// when it is applied; the clock's carry no tx. executeBlock returns them encoded, in block order,
// and the header's events root commits to them.
import { encodeCaseEvent } from '../../codec/case-codec.js';
import { fieldSpans } from '../../codec/fields.js';
import type { tianping } from '../../codec/gen/tianping.js';
import { pb } from '../../codec/proto.js';
import { caseEventKeyOfHex, caseHexOf, encodeEventLocation } from './keys.js';
import type { CaseRecordMsg, CaseStatusValue } from './record.js';

export const EventKind = pb.CaseEventKind;
export type CaseEventMsg = tianping.v1.CaseEvent;

/** An event before its block stamps it: everything but height and tx hash. */
export type EventDraft = Omit<tianping.v1.CaseEvent.$Properties, 'height' | 'txHash'>;

/** The case's next event: numbered from its record's counter, which this advances. */
export function nextEvent(record: CaseRecordMsg, kind: tianping.v1.CaseEventKind, legalAtMs: number,
  fields: Partial<EventDraft> = {}): EventDraft {
  const seq = record.eventsCount;
  record.eventsCount = seq + 1;
  return Object.assign({
    caseNo: record.terms.caseNo, seq, kind, legalAtMs, status: record.status satisfies CaseStatusValue, instalmentIndex: -1,
  }, fields);
}

/**
 * An event as the block holds it (encoded), with the case and seq it is indexed under: the caller
 * writes the index from these, without decoding the bytes again (the clock makes thousands a block).
 * An unmatched payment belongs to no case: caseNo ''.
 */
export interface BlockEvent {
  readonly bytes: Uint8Array;
  /** The case number's hex as keys hold it; '' for an event of no case. */
  readonly caseHex: string;
  readonly seq: number;
}

const NO_TX = new Uint8Array();

/** `caseHex`: the case number's hex when the caller has it (the clock reads it from the due queue). */
export function encodeEvent(draft: EventDraft, height: number, txHash: Uint8Array | undefined, caseHex?: string): BlockEvent {
  const bytes = encodeCaseEvent(draft, { height, txHash: txHash ?? NO_TX });
  const caseNo = draft.caseNo ?? '';
  return { bytes, caseHex: caseNo === '' ? '' : caseHex ?? caseHexOf(caseNo), seq: Number(draft.seq ?? 0) };
}

export function decodeEvent(bytes: Uint8Array): CaseEventMsg {
  return pb.CaseEvent.decode(bytes);
}

/** A block's events as state keeps them, under one key (BlockEvents). */
export { encodeBlockEvents } from '../../codec/case-codec.js';

/**
 * The events of a stored BlockEvents, in order, as views into `bytes` (no copy: a receipt or a
 * case's feed reads one block's events, up to tens of thousands). Bytes that are not a BlockEvents
 * throw (RangeError, or an Error naming the field).
 */
export function decodeBlockEvents(bytes: Uint8Array): Uint8Array[] {
  return fieldSpans(bytes).map((span) => {
    if (span.field !== 1 || span.valueStart === span.start) throw new Error(`BlockEvents holds field ${span.field} at ${span.start}`);
    return bytes.subarray(span.valueStart, span.end);
  });
}

/**
 * The write that indexes event `index` of the block at `height` under its case and seq
 * (case/ev/...): none for an unmatched payment, which belongs to no case.
 */
export function caseEventLocationWrite(event: BlockEvent, height: number, index: number): [string, Uint8Array] | undefined {
  return event.caseHex === '' ? undefined : [caseEventKeyOfHex(event.caseHex, event.seq), encodeEventLocation({ height, index })];
}
