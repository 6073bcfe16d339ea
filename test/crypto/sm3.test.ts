import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SM3_DIGEST_LENGTH_BYTES, Sm3, sm3 } from '../../src/crypto/sm3.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);
const opensslSm3 = (data: Uint8Array): string => createHash('sm3').update(data).digest('hex');

// Seeded PRNG (mulberry32) so failures reproduce; override with SM3_TEST_SEED.
const SEED = Number(process.env['SM3_TEST_SEED'] ?? 0x5a3c_0001) >>> 0;
function prng(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function randomBytes(random: () => number, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = Math.floor(random() * 256);
  return bytes;
}

describe('SM3 (GB/T 32905-2016)', () => {
  it('matches the standard example vectors', () => {
    expect(hex(sm3(ascii('abc')))).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(hex(sm3(ascii('abcd'.repeat(16))))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
    expect(hex(sm3(new Uint8Array(0)))).toBe('1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b');
    expect(sm3(ascii('abc')).length).toBe(SM3_DIGEST_LENGTH_BYTES);
  });

  it(`agrees with OpenSSL for every length 0..300 (seed ${SEED})`, () => {
    const random = prng(SEED);
    for (let length = 0; length <= 300; length++) {
      const data = randomBytes(random, length);
      expect(hex(sm3(data)), `length ${length}, seed ${SEED}`).toBe(opensslSm3(data));
    }
  });

  it('agrees with OpenSSL on a 5 MB input, one-shot and streamed', () => {
    const data = randomBytes(prng(SEED + 1), 5 * 1024 * 1024 + 17);
    const expected = opensslSm3(data);
    expect(hex(sm3(data))).toBe(expected);
    const hasher = new Sm3();
    for (let at = 0; at < data.length; at += 65_536) hasher.update(data.subarray(at, at + 65_536));
    expect(hex(hasher.digest())).toBe(expected);
  });

  it(`gives the same digest for any chunking (seed ${SEED})`, () => {
    console.log(`sm3 chunking test seed: ${SEED} (set SM3_TEST_SEED to reproduce)`);
    const random = prng(SEED + 2);
    for (let round = 0; round < 200; round++) {
      const data = randomBytes(random, Math.floor(random() * 1000));
      const expected = hex(sm3(data));
      const hasher = new Sm3();
      let at = 0;
      while (at < data.length) {
        // Mostly tiny chunks, sometimes whole blocks or more, sometimes empty.
        const step = random() < 0.2 ? Math.floor(random() * 200) : Math.floor(random() * 5);
        hasher.update(data.subarray(at, at + step));
        at += step;
      }
      expect(hex(hasher.digest()), `round ${round}, seed ${SEED}`).toBe(expected);
    }
  });

  it('handles lengths around the padding boundary byte by byte', () => {
    for (const length of [55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129]) {
      const data = randomBytes(prng(length), length);
      const hasher = new Sm3();
      for (const byte of data) hasher.update(Uint8Array.of(byte));
      expect(hex(hasher.digest()), `length ${length}`).toBe(opensslSm3(data));
    }
  });

  it('reads only the bytes of a view, not its whole buffer', () => {
    const backing = randomBytes(prng(9), 300);
    const view = backing.subarray(13, 213);
    expect(hex(sm3(view))).toBe(opensslSm3(backing.slice(13, 213)));
  });

  it('does not keep a reference to caller chunks', () => {
    const chunk = ascii('ab');
    const hasher = new Sm3().update(chunk);
    chunk.set(ascii('zz'));
    expect(hex(hasher.update(ascii('c')).digest())).toBe(hex(sm3(ascii('abc'))));
  });

  it('refuses to be reused after digest()', () => {
    const hasher = new Sm3().update(ascii('abc'));
    hasher.digest();
    expect(() => hasher.digest()).toThrow(/digest\(\) called twice/);
    expect(() => hasher.update(ascii('x'))).toThrow(/after digest/);
  });

  it('rejects non-byte input', () => {
    expect(() => new Sm3().update('abc' as unknown as Uint8Array)).toThrow(TypeError);
  });
});
