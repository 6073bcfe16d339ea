// Length-prefixed frames over a libp2p 3 stream. In libp2p 3 a Stream is a message stream: it is
// async-iterable for reading (chunks of Uint8Array or Uint8ArrayList), and send() writes, returning
// false when the caller must wait for onDrain(). Lengths are unsigned LEB128 varints (as protobuf
// and multiformats use), at most 4 bytes here: no frame of ours nears 2^28 bytes.
import type { Stream } from '@libp2p/interface';
import { concatBytes } from '../types/index.js';
import { P2PError } from './errors.js';

const VARINT_BYTES_MAX = 4;
export const FRAME_LENGTH_MAX = 2 ** (7 * VARINT_BYTES_MAX) - 1;

export function encodeVarint(value: number): Uint8Array {
  if (!Number.isSafeInteger(value) || value < 0 || value > FRAME_LENGTH_MAX) {
    throw new RangeError(`frame length out of range: ${value}`);
  }
  const out: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    out.push((rest & 0x7f) | 0x80);
    rest >>>= 7;
  }
  out.push(rest);
  return Uint8Array.from(out);
}

/** varint(length) ‖ body */
export function encodeFrame(body: Uint8Array): Uint8Array {
  return concatBytes(encodeVarint(body.length), body);
}

/**
 * Pulls bytes from a stream as they are needed, so a frame's length is checked against the limit
 * before its body is read: a peer cannot make us buffer more than we accept.
 */
export class StreamReader {
  private readonly chunks: AsyncIterator<{ subarray(): Uint8Array }>;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;

  constructor(stream: Stream) {
    this.chunks = stream[Symbol.asyncIterator]();
  }

  get bufferedBytes(): number {
    return this.pendingBytes;
  }

  async readByte(): Promise<number> {
    const bytes = await this.readBytes(1);
    return bytes[0]!;
  }

  async readVarint(): Promise<number> {
    let value = 0;
    for (let i = 0; i < VARINT_BYTES_MAX; i++) {
      const byte = await this.readByte();
      value += (byte & 0x7f) * 2 ** (7 * i);
      if ((byte & 0x80) === 0) {
        // A zero continuation byte is a second encoding of a shorter number: refuse it.
        if (i > 0 && byte === 0) throw new P2PError('MALFORMED_FRAME', 'non-minimal varint');
        return value;
      }
    }
    throw new P2PError('MALFORMED_FRAME', `varint longer than ${VARINT_BYTES_MAX} bytes`);
  }

  async readBytes(length: number): Promise<Uint8Array> {
    while (this.pendingBytes < length) {
      const next = await this.chunks.next();
      if (next.done === true) throw new P2PError('PROTOCOL_ERROR', 'stream ended inside a frame');
      // Uint8Array.subarray() is a view of itself; Uint8ArrayList.subarray() joins its parts.
      const chunk = next.value.subarray();
      if (chunk.length === 0) continue;
      this.pending.push(chunk);
      this.pendingBytes += chunk.length;
    }
    const joined = this.pending.length === 1 ? this.pending[0]! : concatBytes(...this.pending);
    const rest = joined.subarray(length);
    this.pending = rest.length > 0 ? [rest] : [];
    this.pendingBytes = rest.length;
    // Chunks from the TCP socket are Node Buffers; callers get a plain Uint8Array view.
    return new Uint8Array(joined.buffer, joined.byteOffset, length);
  }

  /** Reads one frame; a length over bytesMax throws tooLarge() before any of the body is read. */
  async readFrame(bytesMax: number, tooLarge: () => P2PError): Promise<Uint8Array> {
    const length = await this.readVarint();
    if (length > bytesMax) throw tooLarge();
    return this.readBytes(length);
  }

  /** Stops listening to the stream (data that arrives later stays in the stream's own buffer). */
  async release(): Promise<void> {
    await this.chunks.return?.();
  }
}

/** Writes all bytes, waiting for the stream to drain when its buffer is full. */
export async function writeAll(stream: Stream, bytes: Uint8Array, signal: AbortSignal): Promise<void> {
  if (!stream.send(bytes)) await stream.onDrain({ signal });
}
