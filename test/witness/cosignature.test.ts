// cosignature/v1 (c2sp.org/tlog-cosignature): the line a cosigner writes, its verifier key, and
// verifyCosignatures counting k of n witnesses, refusing every altered byte, timestamp and body.
import { describe, expect, it } from 'vitest';
import { parseNote } from '../../src/checkpoint/index.js';
import { sha256 } from '../../src/crypto/hash.js';
import { concatBytes, readU32be, toBase64, utf8 } from '../../src/types/index.js';
import {
  cosignatureMessage, cosignerKeyId, ed25519Cosigner, encodeCosignerKey, parseCosignerKey, verifyCosignatures,
} from '../../src/witness/index.js';
import { COSIGNER, WITNESS_KEY, keyOf, noteOf } from './fixtures.js';

const VKEY = encodeCosignerKey(COSIGNER.name, COSIGNER.publicKey);
const OTHER = ed25519Cosigner('witness.example/w2', keyOf('second witness'));
const OTHER_VKEY = encodeCosignerKey(OTHER.name, OTHER.publicKey);
const THIRD = ed25519Cosigner('witness.example/w3', keyOf('third witness'));
const T = 1_700_000_123;

function cosigned(note: string, ...cosigners: (typeof COSIGNER)[]): string {
  const { text } = parseNote(note);
  return note + cosigners.map((c) => c.cosign(text, T)).join('');
}

function payloadOf(line: string): Buffer {
  return Buffer.from(line.trimEnd().split(' ')[2]!, 'base64');
}

describe('cosignature/v1', () => {
  it('uses key ID SHA-256(name || 0x0A || 0x04 || key)[:4] and writes key ID, big-endian time, signature', () => {
    const expectedId = readU32be(sha256(concatBytes(utf8(`${COSIGNER.name}\n`), Uint8Array.of(4), WITNESS_KEY.publicKey)), 0);
    expect(cosignerKeyId(COSIGNER.name, WITNESS_KEY.publicKey)).toBe(expectedId);
    expect(VKEY).toBe(`${COSIGNER.name}+${expectedId.toString(16).padStart(8, '0')}+${toBase64(concatBytes(Uint8Array.of(4), WITNESS_KEY.publicKey))}`);
    expect(parseCosignerKey(VKEY)).toMatchObject({ name: COSIGNER.name, keyId: expectedId });
    const { text } = parseNote(noteOf(7));
    const payload = payloadOf(COSIGNER.cosign(text, T));
    expect(payload.length).toBe(4 + 8 + 64);
    expect(payload.readUInt32BE(0)).toBe(expectedId);
    expect(payload.readBigUInt64BE(4)).toBe(BigInt(T));
    expect(new TextDecoder().decode(cosignatureMessage(text, T))).toBe(`cosignature/v1\ntime ${T}\n${text}`);
  });

  it('refuses malformed witness verifier keys, a log key (type 0x01) among them', () => {
    const logStyle = VKEY.replace(/\+[^+]+$/, `+${toBase64(concatBytes(Uint8Array.of(1), WITNESS_KEY.publicKey))}`);
    for (const bad of [logStyle, VKEY.replace(/\+([0-9a-f]{8})\+/, '+00000000+'), 'name+only', `bad name${VKEY.slice(COSIGNER.name.length)}`]) {
      expect(() => parseCosignerKey(bad), bad).toThrow(expect.objectContaining({ code: 'COSIGNER_KEY_INVALID' }));
    }
  });

  it('is ok when k of the named witnesses cosigned, counting each witness once', () => {
    const note = cosigned(noteOf(7), COSIGNER, OTHER);
    expect(verifyCosignatures(note, [VKEY, OTHER_VKEY], 2)).toMatchObject({ ok: true, invalid: [] });
    expect(verifyCosignatures(cosigned(noteOf(7), COSIGNER), [VKEY, OTHER_VKEY], 2).ok).toBe(false);
    expect(verifyCosignatures(cosigned(noteOf(7), COSIGNER), [VKEY, OTHER_VKEY], 1).ok).toBe(true);
    // A witness listed twice in the note is still one witness.
    const twice = verifyCosignatures(cosigned(noteOf(7), COSIGNER, COSIGNER), [VKEY, OTHER_VKEY], 2);
    expect([twice.ok, twice.verified.length]).toEqual([false, 1]);
    // Cosignatures of witnesses not trusted do not count, nor does the log's own line.
    expect(verifyCosignatures(cosigned(noteOf(7), THIRD), [VKEY], 1).ok).toBe(false);
    expect(verifyCosignatures(noteOf(7), [VKEY], 1).ok).toBe(false);
    expect(() => verifyCosignatures(note, [VKEY], 2)).toThrow(RangeError);
    expect(() => verifyCosignatures(note, [VKEY], 0)).toThrow(RangeError);
  });

  it('refuses each altered byte of the cosignature line', () => {
    const note = cosigned(noteOf(9), COSIGNER);
    const line = note.slice(note.lastIndexOf('— '));
    const payload = payloadOf(line);
    for (let i = 0; i < payload.length; i++) {
      const altered = Buffer.from(payload);
      altered[i] = altered[i]! ^ (1 << (i % 8));
      const forged = note.replace(line, `— ${COSIGNER.name} ${altered.toString('base64')}\n`);
      expect(verifyCosignatures(forged, [VKEY], 1).ok, `byte ${i}`).toBe(false);
    }
    for (const name of ['witness.example/w2', 'witness.example/w1x']) {
      expect(verifyCosignatures(note.replace(`— ${COSIGNER.name} `, `— ${name} `), [VKEY], 1).ok).toBe(false);
    }
    expect(verifyCosignatures(note.replace(line, `— ${COSIGNER.name} ${payload.subarray(0, 75).toString('base64')}\n`), [VKEY], 1))
      .toMatchObject({ ok: false, invalid: [{ name: COSIGNER.name }] });
  });

  it('refuses a cosignature under another timestamp or over another checkpoint body', () => {
    const note = cosigned(noteOf(9), COSIGNER);
    const line = note.slice(note.lastIndexOf('— '));
    const payload = payloadOf(line);
    payload.writeBigUInt64BE(BigInt(T + 1), 4);
    expect(verifyCosignatures(note.replace(line, `— ${COSIGNER.name} ${payload.toString('base64')}\n`), [VKEY], 1).ok).toBe(false);
    // The same line moved under checkpoints of another size, another root, another origin.
    for (const other of [noteOf(10), noteOf(9, { root: new Uint8Array(32) }), noteOf(9, { origin: 'tianping-other' })]) {
      expect(verifyCosignatures(other + line, [VKEY], 1).ok).toBe(false);
    }
    expect(verifyCosignatures(noteOf(9) + line, [VKEY], 1)).toMatchObject({ ok: true, verified: [{ timestamp: T }] });
  });
});
