// Protobuf at the level of fields, for hot paths that need part of a message: where a field's bytes
// lie, and a message cut down to some of its fields. Only the wire types our messages use (varint,
// 64-bit, length-delimited, 32-bit); anything else, or bytes that end inside a field, is an error.

import { WIRE_FIXED32, WIRE_FIXED64, WIRE_LENGTH, WIRE_VARINT } from './wire.js';

export interface FieldSpan {
  readonly field: number;
  /** The field's bytes, tag included: [start, end). */
  readonly start: number;
  readonly end: number;
  /** A length-delimited field's payload: [valueStart, end). */
  readonly valueStart: number;
}

/**
 * What readVarint and readField found besides the offset they return, in place of a result object:
 * the batch index reads the fields of thousands of txs a block.
 */
const found = { value: 0, field: 0, valueStart: 0 };

/** A varint below 2^35 at `at` (tags and lengths) into found.value; returns where it ends. */
function readVarint(bytes: Uint8Array, at: number, what: string): number {
  let value = 0;
  for (let shift = 0, i = at; i < bytes.length && shift < 35; shift += 7, i++) {
    const byte = bytes[i]!;
    value += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) {
      found.value = value;
      return i + 1;
    }
  }
  throw new RangeError(`${what} at ${at} runs past the message or beyond 32 bits`);
}

/** Skips a varint of any length (up to 10 bytes) at `at`; returns where it ends. */
function skipVarint(bytes: Uint8Array, at: number): number {
  for (let i = at; i < bytes.length && i < at + 10; i++) if ((bytes[i]! & 0x80) === 0) return i + 1;
  throw new RangeError(`a varint at ${at} runs past the message`);
}

/** The field starting at `at`: its number and payload start into `found`; returns where it ends. */
function readField(bytes: Uint8Array, at: number): number {
  const afterTag = readVarint(bytes, at, 'a tag');
  const field = Math.floor(found.value / 8);
  const wire = found.value & 7;
  let valueStart = afterTag;
  let end: number;
  if (wire === WIRE_VARINT) end = skipVarint(bytes, afterTag);
  else if (wire === WIRE_FIXED64) end = afterTag + 8;
  else if (wire === WIRE_FIXED32) end = afterTag + 4;
  else if (wire === WIRE_LENGTH) {
    valueStart = readVarint(bytes, afterTag, 'a length');
    end = valueStart + found.value;
  } else throw new RangeError(`field ${field} has wire type ${wire}, which our messages never use`);
  if (field === 0 || end > bytes.length) throw new RangeError(`field ${field} at ${at} runs past the message`);
  found.field = field;
  found.valueStart = valueStart;
  return end;
}

/** The top-level fields of an encoded message, in the order they are written. */
export function fieldSpans(bytes: Uint8Array): FieldSpan[] {
  const spans: FieldSpan[] = [];
  for (let at = 0; at < bytes.length;) {
    const end = readField(bytes, at);
    spans.push({ field: found.field, start: at, end, valueStart: found.valueStart });
    at = end;
  }
  return spans;
}

/**
 * The value of the first occurrence of varint field `field` (below 2^35), or undefined when the
 * message lacks it (proto3 leaves a zero out). Reads the fields before it and no further: a
 * message's kind or status without decoding the message.
 */
export function varintField(bytes: Uint8Array, field: number): number | undefined {
  for (let at = 0; at < bytes.length;) {
    const end = readField(bytes, at);
    if (found.field === field) {
      readVarint(bytes, found.valueStart, 'a value');
      return found.value;
    }
    at = end;
  }
  return undefined;
}
