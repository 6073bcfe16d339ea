// A protobuf wire writer and reader for the few messages written and read thousands of times a
// block (case records and events: src/codec/case-codec.ts). The generated code allocates an
// operation object per field written and a LongBits per 64-bit field; at the block clock's
// thousands of records a block that garbage was its largest cost. These write into one growing
// scratch buffer and read numbers without objects. Numbers are JS numbers, exact below 2^53, as the
// generated code configured without Long gives them (src/codec/protobuf-config.ts).
import $protobuf from 'protobufjs/minimal.js';
import { assert } from '../types/index.js';

const TWO_32 = 4_294_967_296;
const SCRATCH_BYTES_START = 1_024;
/**
 * Messages are handed out as views into slabs of this size, as Node's Buffer pool does: a typed
 * array of more than 64 bytes made on its own gets a backing store outside V8's heap, ~0.3 µs to
 * make and more to collect, and a record is ~110 bytes. A view pins its slab: one writer per kind
 * of message keeps the short-lived (records, written at commit) apart from the kept (events).
 */
const SLAB_BYTES = 16_384;
/** A message above this gets a buffer of its own, so that a slab holds many. */
const SLAB_MESSAGE_BYTES_MAX = 1_024;
// The generated code's own UTF-8, not TextEncoder/TextDecoder: a lone surrogate (a string decoded
// from bytes that were not UTF-8) must come out as the same bytes the generated code writes.
const utf8 = $protobuf.util.utf8;

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LENGTH = 2;
export const WIRE_FIXED32 = 5;

/** Bytes a varint of `value` (below 2^32) takes. */
export function varint32Bytes(value: number): number {
  let bytes = 1;
  for (let v = value >>> 7; v > 0; v >>>= 7) bytes++;
  return bytes;
}

/** Writes `value` (below 2^32) as a varint at `at` (room checked by the caller); returns where it ends. */
export function putVarint32(out: Uint8Array, at: number, value: number): number {
  let v = value >>> 0;
  while (v > 0x7f) {
    out[at++] = (v & 0x7f) | 0x80;
    v >>>= 7;
  }
  out[at++] = v;
  return at;
}

export class WireWriter {
  private buf = new Uint8Array(SCRATCH_BYTES_START);
  private pos = 0;
  private slab = new Uint8Array(SLAB_BYTES);
  private slabUsed = 0;

  /** Starts a message: the scratch buffer is reused, so finish() copies out. */
  reset(): this {
    this.pos = 0;
    return this;
  }

  private reserve(bytes: number): void {
    if (this.pos + bytes <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + bytes) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.buf.subarray(0, this.pos));
    this.buf = grown;
  }

  tag(field: number, wire: number): void {
    this.varint32(field * 8 + wire);
  }

  /** A non-negative integer below 2^32. */
  varint32(value: number): void {
    this.reserve(5);
    this.pos = putVarint32(this.buf, this.pos, value);
  }

  /** A uint64 field's value: a non-negative integer, exact below 2^53 (what the generated code writes). */
  uint64(value: number): void {
    assert(Number.isInteger(value) && value >= 0, () => `a uint64 field holds ${value}`);
    if (value < TWO_32) {
      this.varint32(value);
      return;
    }
    this.varint64(value >>> 0, Math.floor(value / TWO_32) >>> 0);
  }

  /** An int32 or enum value: a negative one takes ten bytes, sign-extended, as protobuf defines it. */
  int32(value: number): void {
    if (value >= 0) this.varint32(value);
    else this.varint64(value >>> 0, 0xffff_ffff);
  }

  private varint64(lo: number, hi: number): void {
    this.reserve(10);
    while (hi !== 0 || lo > 0x7f) {
      this.buf[this.pos++] = (lo & 0x7f) | 0x80;
      lo = ((lo >>> 7) | (hi << 25)) >>> 0;
      hi >>>= 7;
    }
    this.buf[this.pos++] = lo;
  }

  bytes(value: Uint8Array): void {
    this.varint32(value.length);
    this.reserve(value.length);
    this.buf.set(value, this.pos);
    this.pos += value.length;
  }

  string(value: string): void {
    // Lengths below 128 (one byte) are the rule: ASCII is written in place, the rest measured.
    if (value.length < 0x80 && isAscii(value)) {
      this.reserve(1 + value.length);
      this.buf[this.pos++] = value.length;
      for (let i = 0; i < value.length; i++) this.buf[this.pos++] = value.charCodeAt(i);
      return;
    }
    const length = utf8.length(value);
    this.varint32(length);
    this.reserve(length);
    this.pos += utf8.write(value, this.buf, this.pos);
  }

  /** Opens a length-delimited field for a nested message; close it with endNested(mark). */
  beginNested(field: number): number {
    this.tag(field, WIRE_LENGTH);
    this.reserve(1);
    this.pos += 1;
    return this.pos;
  }

  /** Writes the nested message's length before it, moving it when the length takes more than a byte. */
  endNested(start: number): void {
    const length = this.pos - start;
    if (length < 0x80) {
      this.buf[start - 1] = length;
      return;
    }
    const extra = varint32Bytes(length) - 1;
    this.reserve(extra);
    this.buf.copyWithin(start + extra, start, this.pos);
    this.pos = start - 1;
    this.varint32(length);
    this.pos = start + extra + length;
  }

  /** The message written since reset(), copied out of the scratch buffer (into a slab when small). */
  finish(): Uint8Array {
    const length = this.pos;
    if (length > SLAB_MESSAGE_BYTES_MAX) return this.buf.slice(0, length);
    if (this.slabUsed + length > SLAB_BYTES) {
      this.slab = new Uint8Array(SLAB_BYTES);
      this.slabUsed = 0;
    }
    const out = this.slab.subarray(this.slabUsed, this.slabUsed + length);
    out.set(this.buf.subarray(0, length));
    this.slabUsed += length;
    return out;
  }
}

function isAscii(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** Reads fields of one message; every read past its end throws a RangeError. */
export class WireReader {
  pos: number;
  /** The high 32 bits of the last varint read. */
  private hi = 0;

  constructor(readonly buf: Uint8Array, start = 0, readonly end = buf.length) {
    this.pos = start;
  }

  done(): boolean {
    return this.pos >= this.end;
  }

  /** The low 32 bits of a varint of up to ten bytes (the high ones into this.hi). */
  private varint(): number {
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new RangeError(`a varint runs past the message at ${this.pos}`);
      const byte = this.buf[this.pos++]!;
      if (i < 4) lo |= (byte & 0x7f) << (7 * i);
      else if (i === 4) {
        lo |= (byte & 0x0f) << 28;
        hi |= (byte & 0x7f) >>> 4;
      } else hi |= (byte & 0x7f) << (7 * i - 32);
      if ((byte & 0x80) === 0) {
        this.hi = hi >>> 0;
        return lo >>> 0;
      }
    }
    throw new RangeError(`a varint longer than ten bytes at ${this.pos}`);
  }

  /** A tag: field number * 8 + wire type. */
  tag(): number {
    return this.varint();
  }

  uint32(): number {
    return this.varint();
  }

  int32(): number {
    return this.varint() | 0;
  }

  uint64(): number {
    const lo = this.varint();
    return lo + this.hi * TWO_32;
  }

  bool(): boolean {
    return this.varint() !== 0 || this.hi !== 0;
  }

  /** A length-delimited payload's bounds: [start, end). */
  private span(): number {
    const length = this.varint();
    const start = this.pos;
    if (start + length > this.end) throw new RangeError(`a field of ${length} bytes runs past the message at ${start}`);
    this.pos = start + length;
    return start;
  }

  bytes(): Uint8Array {
    const start = this.span();
    return this.buf.slice(start, this.pos);
  }

  string(): string {
    const start = this.span();
    const end = this.pos;
    if (end - start < 0x40) {
      let text = '';
      for (let i = start; i < end; i++) {
        const byte = this.buf[i]!;
        if (byte > 0x7f) return utf8.read(this.buf, start, end);
        text += String.fromCharCode(byte);
      }
      return text;
    }
    return utf8.read(this.buf, start, end);
  }

  /** A nested message: a reader over its payload (this one moves past it). */
  nested(): WireReader {
    const start = this.span();
    return new WireReader(this.buf, start, this.pos);
  }
}
