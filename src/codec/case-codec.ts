// Case records (CaseRecord without its terms) and case events (CaseEvent), encoded and decoded by
// hand: the block clock reads, writes and emits thousands a block, and the generated code's
// per-field allocations were most of its garbage. The bytes are the generated code's, field for
// field (proto3: a zero, false, empty string or empty bytes is left out; fields in number order;
// a present nested message is written even when empty); test/codec/case-codec.test.ts compares
// both on random messages. A record holding a field this code does not know is decoded by the
// generated code instead, so nothing is lost.
import type { tianping } from './gen/tianping.js';
import { pb } from './proto.js';
import { WIRE_LENGTH, WIRE_VARINT, WireReader, WireWriter, putVarint32, varint32Bytes } from './wire.js';

type Record = tianping.v1.CaseRecord.$Properties;
type Instalment = tianping.v1.CaseInstalmentState.$Properties;
type Suspension = tianping.v1.CaseSuspensionState.$Properties;
type ClockTerms = tianping.v1.CaseClockTerms.$Properties;
type Delay = tianping.v1.CaseDelay.$Properties;
type Event = tianping.v1.CaseEvent.$Properties;

/** One writer per kind of message (their slabs: wire.ts); `writer` is the one the helpers write to. */
const recordWriter = new WireWriter();
const eventWriter = new WireWriter();
let writer = recordWriter;

function u64(field: number, value: number | null | undefined): void {
  if (value == null || value === 0) return;
  writer.tag(field, WIRE_VARINT);
  writer.uint64(value);
}

function i32(field: number, value: number | null | undefined): void {
  if (value == null || value === 0) return;
  writer.tag(field, WIRE_VARINT);
  writer.int32(value);
}

function bool(field: number, value: boolean | null | undefined): void {
  if (value == null || !value) return;
  writer.tag(field, WIRE_VARINT);
  writer.varint32(1);
}

function str(field: number, value: string | null | undefined): void {
  if (value == null || value === '') return;
  writer.tag(field, WIRE_LENGTH);
  writer.string(value);
}

function bytes(field: number, value: Uint8Array | null | undefined): void {
  if (value == null || value.length === 0) return;
  writer.tag(field, WIRE_LENGTH);
  writer.bytes(value);
}

function writeInstalment(field: number, i: Instalment): void {
  const mark = writer.beginNested(field);
  u64(1, i.dueDay);
  u64(2, i.countedThroughDay);
  u64(3, i.principalFen);
  u64(4, i.chargeFen);
  u64(5, i.legalAtMs);
  bool(6, i.defaulted);
  writer.endNested(mark);
}

function writeSuspension(field: number, s: Suspension): void {
  const mark = writer.beginNested(field);
  u64(1, s.fromMs);
  u64(2, s.untilMs);
  str(3, s.reasonCode);
  writer.endNested(mark);
}

function writeClockTerms(field: number, c: ClockTerms): void {
  const mark = writer.beginNested(field);
  str(1, c.currency);
  bool(2, c.acceleration);
  if (c.delay != null) {
    const delay: Delay = c.delay;
    const inner = writer.beginNested(3);
    i32(1, delay.kind);
    u64(2, delay.amountFen);
    u64(3, delay.numerator);
    u64(4, delay.denominator);
    writer.endNested(inner);
  }
  bool(4, c.autoFile);
  writer.endNested(mark);
}

/** A record's stored bytes: every field but the terms (field 1), which state keeps apart. */
export function encodeCaseRecord(r: Omit<Record, 'terms'>): Uint8Array {
  writer = recordWriter.reset();
  i32(2, r.status);
  i32(3, r.resumeStatus);
  for (const instalment of r.instalments ?? []) writeInstalment(4, instalment);
  bool(5, r.feeOpen);
  u64(6, r.feeRecoveredFen);
  u64(7, r.feeChargedFen);
  for (const suspension of r.suspensions ?? []) writeSuspension(8, suspension);
  u64(9, r.defaultSeq);
  u64(10, r.defaultedAtMs);
  bool(11, r.accelerated);
  bytes(12, r.filingId);
  u64(13, r.eventsCount);
  u64(14, r.createdHeight);
  u64(15, r.createdAtMs);
  bytes(16, r.creator);
  u64(17, r.receivedFen);
  u64(18, r.creditorFen);
  u64(19, r.surplusFen);
  u64(20, r.paidOutFen);
  u64(21, r.applicationPeriodEndsAtMs);
  if (r.clockTerms != null) writeClockTerms(22, r.clockTerms);
  return writer.finish();
}

/**
 * A case event's bytes; its payout order (payout events only) goes through the generated code.
 * `stamp` gives the height and tx hash a block stamps on a draft, in place of the event's own.
 */
export function encodeCaseEvent(e: Event, stamp?: { readonly height: number; readonly txHash: Uint8Array }): Uint8Array {
  writer = eventWriter.reset();
  str(1, e.caseNo);
  u64(2, e.seq);
  i32(3, e.kind);
  u64(4, e.legalAtMs);
  u64(5, stamp === undefined ? e.height : stamp.height);
  bytes(6, stamp === undefined ? e.txHash : stamp.txHash);
  bytes(7, e.signer);
  i32(8, e.status);
  str(9, e.reasonCode);
  i32(10, e.instalmentIndex);
  u64(11, e.amountFen);
  str(12, e.bankRef);
  bytes(13, e.filingId);
  u64(14, e.feeFen);
  u64(15, e.principalFen);
  u64(16, e.chargesFen);
  u64(17, e.surplusFen);
  u64(18, e.applicationPeriodEndsAtMs);
  str(19, e.warning);
  str(20, e.reportedCaseNo);
  if (e.payout != null) {
    writer.tag(21, WIRE_LENGTH);
    writer.bytes(pb.PayoutOrder.encode(e.payout).finish());
  }
  return writer.finish();
}

/** A block's events as state keeps them (BlockEvents: field 1, each event's bytes), in one buffer. */
export function encodeBlockEvents(events: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const event of events) total += 1 + varint32Bytes(event.length) + event.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const event of events) {
    out[at++] = (1 << 3) | WIRE_LENGTH;
    at = putVarint32(out, at, event.length);
    out.set(event, at);
    at += event.length;
  }
  return out;
}

/** Thrown inside a decoder for a field it does not know: the caller falls back to the generated code. */
class UnknownField extends Error {}

/** A tag this decoder does not know (an unknown field, or a known one with another wire type). */
function unknown(): never {
  throw new UnknownField();
}

const NO_BYTES: Uint8Array = new Uint8Array(0);

function readInstalment(r: WireReader): tianping.v1.CaseInstalmentState {
  const out = { dueDay: 0, countedThroughDay: 0, principalFen: 0, chargeFen: 0, legalAtMs: 0, defaulted: false };
  while (!r.done()) {
    switch (r.tag()) {
      case 8: out.dueDay = r.uint32(); break;
      case 16: out.countedThroughDay = r.uint32(); break;
      case 24: out.principalFen = r.uint64(); break;
      case 32: out.chargeFen = r.uint64(); break;
      case 40: out.legalAtMs = r.uint64(); break;
      case 48: out.defaulted = r.bool(); break;
      default: unknown();
    }
  }
  return out as tianping.v1.CaseInstalmentState;
}

function readSuspension(r: WireReader): tianping.v1.CaseSuspensionState {
  const out = { fromMs: 0, untilMs: 0, reasonCode: '' };
  while (!r.done()) {
    switch (r.tag()) {
      case 8: out.fromMs = r.uint64(); break;
      case 16: out.untilMs = r.uint64(); break;
      case 26: out.reasonCode = r.string(); break;
      default: unknown();
    }
  }
  return out as tianping.v1.CaseSuspensionState;
}

function readDelay(r: WireReader): tianping.v1.CaseDelay {
  const out = { kind: 0, amountFen: 0, numerator: 0, denominator: 0 };
  while (!r.done()) {
    switch (r.tag()) {
      case 8: out.kind = r.int32(); break;
      case 16: out.amountFen = r.uint64(); break;
      case 24: out.numerator = r.uint64(); break;
      case 32: out.denominator = r.uint64(); break;
      default: unknown();
    }
  }
  return out as tianping.v1.CaseDelay;
}

function readClockTerms(r: WireReader): tianping.v1.CaseClockTerms {
  const out: { currency: string; acceleration: boolean; delay: tianping.v1.CaseDelay | null; autoFile: boolean } =
    { currency: '', acceleration: false, delay: null, autoFile: false };
  while (!r.done()) {
    switch (r.tag()) {
      case 10: out.currency = r.string(); break;
      case 16: out.acceleration = r.bool(); break;
      case 26: out.delay = readDelay(r.nested()); break;
      case 32: out.autoFile = r.bool(); break;
      default: unknown();
    }
  }
  return out as tianping.v1.CaseClockTerms;
}

/** The decoded record: every field its own property, as the generated decoder's defaults read. */
export type DecodedCaseRecord = Omit<tianping.v1.CaseRecord, 'terms' | 'instalments' | 'suspensions'> & {
  terms: null;
  instalments: tianping.v1.CaseInstalmentState[];
  suspensions: tianping.v1.CaseSuspensionState[];
};

function readRecord(r: WireReader): DecodedCaseRecord {
  const out = {
    terms: null, status: 0, resumeStatus: 0, instalments: [] as tianping.v1.CaseInstalmentState[], feeOpen: false,
    feeRecoveredFen: 0, feeChargedFen: 0, suspensions: [] as tianping.v1.CaseSuspensionState[], defaultSeq: 0, defaultedAtMs: 0,
    accelerated: false, filingId: NO_BYTES, eventsCount: 0, createdHeight: 0, createdAtMs: 0, creator: NO_BYTES, receivedFen: 0,
    creditorFen: 0, surplusFen: 0, paidOutFen: 0, applicationPeriodEndsAtMs: 0, clockTerms: null as tianping.v1.CaseClockTerms | null,
  };
  while (!r.done()) {
    switch (r.tag()) {
      case 16: out.status = r.int32(); break;
      case 24: out.resumeStatus = r.int32(); break;
      case 34: out.instalments.push(readInstalment(r.nested())); break;
      case 40: out.feeOpen = r.bool(); break;
      case 48: out.feeRecoveredFen = r.uint64(); break;
      case 56: out.feeChargedFen = r.uint64(); break;
      case 66: out.suspensions.push(readSuspension(r.nested())); break;
      case 72: out.defaultSeq = r.uint64(); break;
      case 80: out.defaultedAtMs = r.uint64(); break;
      case 88: out.accelerated = r.bool(); break;
      case 98: out.filingId = r.bytes(); break;
      case 104: out.eventsCount = r.uint64(); break;
      case 112: out.createdHeight = r.uint64(); break;
      case 120: out.createdAtMs = r.uint64(); break;
      case 130: out.creator = r.bytes(); break;
      case 136: out.receivedFen = r.uint64(); break;
      case 144: out.creditorFen = r.uint64(); break;
      case 152: out.surplusFen = r.uint64(); break;
      case 160: out.paidOutFen = r.uint64(); break;
      case 168: out.applicationPeriodEndsAtMs = r.uint64(); break;
      case 178: out.clockTerms = readClockTerms(r.nested()); break;
      default: unknown();
    }
  }
  return out as unknown as DecodedCaseRecord;
}

/**
 * A stored record (no terms). A field this decoder does not know (a newer record, or the terms
 * written in) sends the bytes to the generated decoder, which keeps them; bytes that are not a
 * record throw a RangeError, as the generated decoder's errors do.
 */
export function decodeCaseRecord(bytes: Uint8Array): DecodedCaseRecord {
  try {
    return readRecord(new WireReader(bytes));
  } catch (error) {
    if (!(error instanceof UnknownField)) throw error;
    return pb.CaseRecord.decode(bytes) as unknown as DecodedCaseRecord;
  }
}
