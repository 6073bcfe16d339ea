// Hex is on every hot path (keys of state, of the mempool, of caches): it must stay exact for any
// length, including inputs larger than one internal chunk, and round-trip through fromHex.
import { describe, expect, it } from 'vitest';
import { fromHex, readU32be, toHex, u32be } from '../../src/types/index.js';

describe('toHex', () => {
  it('matches Buffer hex for every byte value and for lengths around its chunk size', () => {
    expect(toHex(new Uint8Array())).toBe('');
    expect(toHex(Uint8Array.from({ length: 256 }, (_, i) => i))).toBe(Buffer.from(Array.from({ length: 256 }, (_, i) => i)).toString('hex'));
    for (const length of [1, 31, 32, 33, 4_095, 4_096, 4_097, 8_192, 10_001]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 131 + length) & 0xff);
      const hex = toHex(bytes);
      expect(hex, `length ${length}`).toBe(Buffer.from(bytes).toString('hex'));
      expect(fromHex(hex)).toEqual(bytes);
    }
  });

  it('reads a view at its offset, not its whole buffer', () => {
    const whole = Uint8Array.from([0xde, 0xad, 0xbe, 0xef, 0x01]);
    expect(toHex(whole.subarray(1, 4))).toBe('adbeef');
  });
});

describe('readU32be', () => {
  it('reads what u32be wrote, at an offset of a view into a larger buffer', () => {
    const whole = Uint8Array.from([9, 9, ...u32be(0xdeadbeef), 9]);
    expect(readU32be(whole.subarray(2, 6))).toBe(0xdeadbeef);
    expect(readU32be(whole, 2)).toBe(0xdeadbeef);
  });
});

describe('fromHex', () => {
  it('reads either case, and refuses odd lengths and any character that is no hex digit', () => {
    expect(fromHex('00ff7Fa0')).toEqual(Uint8Array.of(0, 255, 127, 160));
    expect(fromHex('')).toEqual(new Uint8Array());
    for (const bad of ['0', 'abc', 'g0', '0g', ' 00', '00 ', '0x00', 'zz', '-1', '\u00e900', '1\u0661']) expect(fromHex(bad)).toBeUndefined();
    // Every character code below 256 as a digit of a pair: exactly the 22 hex digits pass.
    let passed = 0;
    for (let code = 0; code < 256; code++) if (fromHex(`0${String.fromCharCode(code)}`) !== undefined) passed++;
    expect(passed).toBe(22);
  });
});
