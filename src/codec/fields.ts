// Protobuf at the level of fields, for hot paths that need part of a message: where a field's bytes
// lie, and a message cut down to some of its fields. Only the wire types our messages use (varint,
// 64-bit, length-delimited, 32-bit); anything else, or bytes that end inside a field, is an error.
import { assert } from '../types/index.js';

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_LENGTH = 2;
const WIRE_FIXED32 = 5;

/** A varint at `at`: its value (below 2^32 here: tags and lengths) and where it ends. */
function readVarint32(bytes: Uint8Array, at: number): { value: number; end: number } {
  let value = 0;
  for (let shift = 0, i = at; i < bytes.length && shift < 35; shift += 7, i++) {
    const byte = bytes[i]!;
    value += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return { value, end: i + 1 };
  }
  throw new RangeError(`a varint at ${at} runs past the message or beyond 32 bits`);
}

/** Skips a varint of any length (up to 10 bytes) at `at`; returns where it ends. */
function skipVarint(bytes: Uint8Array, at: number): number {
  for (let i = at; i < bytes.length && i < at + 10; i++) if ((bytes[i]! & 0x80) === 0) return i + 1;
  throw new RangeError(`a varint at ${at} runs past the message`);
}

export interface FieldSpan {
  readonly field: number;
  /** The field's bytes, tag included: [start, end). */
  readonly start: number;
  readonly end: number;
  /** A length-delimited field's payload: [valueStart, end). */
  readonly valueStart: number;
}

/** The top-level fields of an encoded message, in the order they are written. */
export function fieldSpans(bytes: Uint8Array): FieldSpan[] {
  const spans: FieldSpan[] = [];
  let at = 0;
  while (at < bytes.length) {
    const tag = readVarint32(bytes, at);
    const field = Math.floor(tag.value / 8);
    const wire = tag.value & 7;
    let valueStart = tag.end;
    let end: number;
    if (wire === WIRE_VARINT) end = skipVarint(bytes, tag.end);
    else if (wire === WIRE_FIXED64) end = tag.end + 8;
    else if (wire === WIRE_FIXED32) end = tag.end + 4;
    else if (wire === WIRE_LENGTH) {
      const length = readVarint32(bytes, tag.end);
      valueStart = length.end;
      end = length.end + length.value;
    } else throw new RangeError(`field ${field} has wire type ${wire}, which our messages never use`);
    if (field === 0 || end > bytes.length) throw new RangeError(`field ${field} at ${at} runs past the message`);
    spans.push({ field, start: at, end, valueStart });
    at = end;
  }
  return spans;
}

/** The first field of an encoded message, or undefined for an empty message. */
export function leadingField(bytes: Uint8Array): FieldSpan | undefined {
  if (bytes.length === 0) return undefined;
  const tag = readVarint32(bytes, 0);
  const field = Math.floor(tag.value / 8);
  if ((tag.value & 7) !== WIRE_LENGTH) return fieldSpans(bytes)[0];
  const length = readVarint32(bytes, tag.end);
  const end = length.end + length.value;
  if (field === 0 || end > bytes.length) throw new RangeError(`field ${field} at 0 runs past the message`);
  return { field, start: 0, end, valueStart: length.end };
}

/**
 * Where the field starting at `at` ends; its number goes to `out[0]`. No objects: keepFields runs on
 * thousands of records a block.
 */
function fieldEnd(bytes: Uint8Array, at: number, out: Int32Array): number {
  let tag = 0;
  let i = at;
  for (let shift = 0; ; shift += 7, i++) {
    if (i >= bytes.length || shift >= 35) throw new RangeError(`a tag at ${at} runs past the message or beyond 32 bits`);
    tag += (bytes[i]! & 0x7f) * 2 ** shift;
    if ((bytes[i]! & 0x80) === 0) break;
  }
  i++;
  const field = Math.floor(tag / 8);
  const wire = tag & 7;
  let end: number;
  if (wire === WIRE_VARINT) end = skipVarint(bytes, i);
  else if (wire === WIRE_FIXED64) end = i + 8;
  else if (wire === WIRE_FIXED32) end = i + 4;
  else if (wire === WIRE_LENGTH) {
    let length = 0;
    for (let shift = 0; ; shift += 7, i++) {
      if (i >= bytes.length || shift >= 35) throw new RangeError(`a length at ${at} runs past the message or beyond 32 bits`);
      length += (bytes[i]! & 0x7f) * 2 ** shift;
      if ((bytes[i]! & 0x80) === 0) break;
    }
    end = i + 1 + length;
  } else throw new RangeError(`field ${field} has wire type ${wire}, which our messages never use`);
  if (field === 0 || end > bytes.length) throw new RangeError(`field ${field} at ${at} runs past the message`);
  out[0] = field;
  return end;
}

const fieldNumber = new Int32Array(1);

/** The message with only the fields in `keep` (their bytes as they were, in the same order). */
export function keepFields(bytes: Uint8Array, keep: ReadonlySet<number>): Uint8Array {
  let length = 0;
  for (let at = 0; at < bytes.length;) {
    const end = fieldEnd(bytes, at, fieldNumber);
    if (keep.has(fieldNumber[0]!)) length += end - at;
    at = end;
  }
  const out = new Uint8Array(length);
  let written = 0;
  for (let at = 0; at < bytes.length;) {
    const end = fieldEnd(bytes, at, fieldNumber);
    // Byte by byte: the fields kept are a few bytes each, and a subarray per field is an object.
    if (keep.has(fieldNumber[0]!)) for (let i = at; i < end; i++) out[written++] = bytes[i]!;
    at = end;
  }
  assert(written === length, 'kept fields fill the message');
  return out;
}
