// Case events (CaseEvent): what happened to a case, in order, each with its legal time. A tx's
// events are drafted while the tx is checked and stamped with the block's height and the tx hash
// when it is applied; the clock's carry no tx. executeBlock returns them encoded, in block order,
// and the header's events root commits to them.
import type { tianping } from '../../codec/gen/tianping.js';
import { pb } from '../../codec/proto.js';
import { caseEventKey, encodeEventLocation } from './keys.js';
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
  return {
    caseNo: record.terms.caseNo, seq, kind, legalAtMs, status: record.status satisfies CaseStatusValue, instalmentIndex: -1, ...fields,
  };
}

export function encodeEvent(draft: EventDraft, height: number, txHash: Uint8Array | undefined): Uint8Array {
  return pb.CaseEvent.encode({ ...draft, height, txHash: txHash ?? new Uint8Array() }).finish();
}

export function decodeEvent(bytes: Uint8Array): CaseEventMsg {
  return pb.CaseEvent.decode(bytes);
}

/**
 * The write that indexes event `index` of the block at `height` under its case and seq
 * (case/ev/...): none for an unmatched payment, which belongs to no case.
 */
export function caseEventLocationWrite(event: Uint8Array, height: number, index: number): [string, Uint8Array] | undefined {
  const { caseNo, seq } = decodeEvent(event);
  return caseNo === '' ? undefined : [caseEventKey(caseNo, seq), encodeEventLocation({ height, index })];
}
