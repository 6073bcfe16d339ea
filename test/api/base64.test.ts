// The API's base64 of request bodies must accept exactly the texts types/ isBase64 accepts and
// give the bytes fromBase64 gives: checked on edge cases and on fixed-seed random texts.
import { describe, expect, it } from 'vitest';
import { isPaddedBase64, paddedBase64Bytes } from '../../src/api/base64.js';
import { fromBase64, isBase64, toBase64 } from '../../src/types/index.js';

const CASES = ['', 'AA==', 'AAA=', 'AAAA', 'QUJD', 'QUI=', 'QQ==', '====', 'A===', 'AB=C', 'A=B=', 'QUJD====', 'QUJ', 'QUJDR',
  'QU JD', 'QU-_', 'QUJ\u00e9', '+/+/', 'AB==AB==', 'Qg==\n', 'QR==', 'QUJDRA=='];

function agree(text: string): void {
  expect(isPaddedBase64(text), JSON.stringify(text)).toBe(isBase64(text));
  const ours = paddedBase64Bytes(text);
  const theirs = fromBase64(text);
  expect(ours === undefined ? undefined : [...ours], JSON.stringify(text)).toEqual(theirs === undefined ? undefined : [...theirs]);
  if (ours !== undefined) expect(Object.getPrototypeOf(ours)).toBe(Uint8Array.prototype);
}

describe('padded base64 of request bodies', () => {
  it('agrees with isBase64 and fromBase64 on edge cases', () => {
    for (const text of CASES) agree(text);
  });

  it('agrees on random texts near valid ones', () => {
    let seed = 0x9e3779b9;
    const next = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) >>> 0;
      return seed % n;
    };
    const noise = 'AZaz09+/=-_ .\u00ff';
    for (let i = 0; i < 3_000; i++) {
      const chars = [...toBase64(Uint8Array.from({ length: next(40) }, () => next(256)))];
      for (let m = next(3); m > 0; m--) {
        const at = next(chars.length + 1);
        if (next(2) === 0) chars.splice(at, 0, noise[next(noise.length)]!);
        else chars.splice(at, 1);
      }
      agree(chars.join(''));
    }
  });

  it('decodes a 46 KB text to the bytes it encodes', () => {
    const bytes = Uint8Array.from({ length: 34_567 }, (_, i) => (i * 7) & 0xff);
    expect(paddedBase64Bytes(toBase64(bytes))).toEqual(bytes);
  });
});
