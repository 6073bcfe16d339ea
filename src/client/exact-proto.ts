// Canonical protobuf decoding for the receipt verifier with every uint64 read exactly, up to 2^64 − 1
// (docs/receipt-format.md §1). The node's codec reads 64-bit integers as numbers, exact only below
// 2^53, and refuses a larger value as not canonical because it re-encodes differently; that is right
// for the node (no such value reaches its state), but a receipt verifier must not call a canonical
// tx "not canonical" because its nonce is 2^53 + 1. Here uint64 fields are read as their two 32-bit
// halves, which protobufjs's writer encodes back exactly, so the canonical check compares the true
// values; afterwards each becomes a number when below 2^53 and a bigint otherwise. Browser-safe.
import $protobuf from 'protobufjs/minimal.js';
import { pb, type TxBodyMsg } from '../codec/proto.js';
import { sha256 } from '../crypto/hash.js';
import { PUBLIC_KEY_BYTES, SIGNATURE_BYTES, equalBytes } from '../types/index.js';

/** A uint64 as read off the wire: the halves protobufjs's writer takes for an exact 64-bit value. */
class WireU64 {
  constructor(readonly low: number, readonly high: number) {}

  value(): number | bigint {
    const exact = (BigInt(this.high >>> 0) << 32n) | BigInt(this.low >>> 0);
    return exact <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(exact) : exact;
  }
}

/** Reads uint64 varints exactly; every other wire value as protobufjs does. */
class ExactReader extends $protobuf.Reader {
  override uint64(): $protobuf.Long {
    let value = 0n;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.len) throw new RangeError('varint runs past the end of the bytes');
      const byte = this.buf[this.pos++]!;
      value |= BigInt(byte & 0x7f) << BigInt(7 * i);
      if (byte < 0x80) {
        const bits = value & 0xffff_ffff_ffff_ffffn;
        // The generated code keeps an object with low/high as is and the writer encodes it exactly.
        return new WireU64(Number(bits & 0xffff_ffffn), Number(bits >> 32n)) as unknown as $protobuf.Long;
      }
    }
    throw new RangeError('varint longer than 10 bytes');
  }
}

interface MessageType<T> {
  decode(reader: $protobuf.Reader): T;
  encode(message: NoInfer<T>): { finish(): Uint8Array };
}

/** Why bytes are not a canonical message; the receipt checks turn it into their own failure. */
export class NotCanonicalError extends Error {}

/**
 * Decodes `bytes` as `type` and accepts them only if re-encoding gives the same bytes (the canonical
 * rule of §1), with uint64 values compared exactly. In the result a uint64 field holds a number
 * below 2^53 and a bigint at or above it; the static types of the generated classes say number, so
 * a caller that needs a bound checks `typeof` (see isSafeNumber).
 */
export function decodeExact<T>(type: MessageType<T>, bytes: Uint8Array, what: string): T {
  let message: T;
  try {
    message = type.decode(new ExactReader(bytes));
  } catch (error) {
    throw new NotCanonicalError(`${what} does not decode: ${(error as Error).message}`);
  }
  if (!equalBytes(type.encode(message).finish(), bytes)) throw new NotCanonicalError(`${what} is not canonically encoded`);
  settle(message, 0);
  return message;
}

/** Replaces every WireU64 below `value` by its number or bigint. Depth-bounded like the decoder. */
function settle(value: unknown, depth: number): void {
  if (typeof value !== 'object' || value === null || depth > 64 || value instanceof Uint8Array) return;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const field = record[key];
    if (field instanceof WireU64) record[key] = field.value();
    else if (Array.isArray(field)) field.forEach((item, i) => (item instanceof WireU64 ? (field[i] = item.value()) : settle(item, depth + 1)));
    else settle(field, depth + 1);
  }
}

/** A decoded uint64 that is exact as a JavaScript number: below 2^53. */
export function isSafeNumber(value: number | bigint): value is number {
  return typeof value === 'number';
}

/** A decoded integer in a JSON view: a number below 2^53, a decimal string at or above (§3). */
export function jsonInteger(value: number | bigint): number | string {
  return typeof value === 'number' ? value : value.toString(10);
}

/** A receipt's tx, decoded exactly: what the `tx-decode` check (§6 check 4) reads. */
export interface ReceiptTx {
  readonly hash: Uint8Array;
  readonly bodyBytes: Uint8Array;
  readonly body: TxBodyMsg;
  readonly signature: Uint8Array;
}

/**
 * The structural decode of a receipt's SignedTx (the node's decodeTx, with exact uint64s): 1 byte to
 * `bytesMax`, canonical envelope with a 64-byte signature, canonical body with a 32-byte signer.
 */
export function decodeReceiptTx(bytes: Uint8Array, bytesMax: number): ReceiptTx {
  if (bytes.length === 0 || bytes.length > bytesMax) throw new NotCanonicalError(`the tx is ${bytes.length} bytes (1..${bytesMax})`);
  const envelope = decodeExact(pb.SignedTx, bytes, 'signed transaction');
  if (envelope.signature.length !== SIGNATURE_BYTES) throw new NotCanonicalError(`signature must be ${SIGNATURE_BYTES} bytes`);
  const body = decodeExact(pb.TxBody, envelope.body, 'transaction body');
  if (body.signer.length !== PUBLIC_KEY_BYTES) throw new NotCanonicalError(`signer must be a ${PUBLIC_KEY_BYTES}-byte ed25519 public key`);
  return { hash: sha256(bytes), bodyBytes: envelope.body, body, signature: envelope.signature };
}
