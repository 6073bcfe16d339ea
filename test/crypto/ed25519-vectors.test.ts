// Pins what each ed25519 verifier we ship accepts on the C2SP CCTV edge-case vectors, and the
// property that makes two verifiers safe to ship: on keys the chain lets anyone register, a
// signature the node accepts is one the SDK (noble, zip215: false) accepts too. Regenerate the pinned
// sets with scripts/gen-ed25519-accept-sets.ts only when a verifier changed on purpose.
import { readFileSync } from 'node:fs';
import { describe, expect, it, type TestContext } from 'vitest';
import { checkRegistrableKey, generateKeyPair, keyPairFromSeed, sign, verifyStrict } from '../../src/crypto/ed25519.js';
import { sha256 } from '../../src/crypto/hash.js';
import { NodeVerifier } from '../../src/crypto/verify-node.js';
import { utf8 } from '../../src/types/index.js';
import {
  ACCEPT_SETS_FILE, VECTORS_FILE, VECTOR_COUNT, acceptedNumbers, loadVectors, vectorsPresent, type AcceptSets,
  type Ed25519Vector,
} from '../helpers/ed25519-vectors.js';

const present = vectorsPresent();
const vectors: Ed25519Vector[] = present ? loadVectors() : [];
const pinned = JSON.parse(readFileSync(ACCEPT_SETS_FILE, 'utf8')) as AcceptSets;
const node = new NodeVerifier();
const nodeVerify = (v: Ed25519Vector): boolean => node.verify(v.publicKey, v.message, v.signature);
const nobleVerify = (v: Ed25519Vector): boolean => verifyStrict(v.publicKey, v.message, v.signature);

if (!present && process.env['CI'] !== 'true') {
  console.warn(`ed25519 vector tests SKIPPED: ${VECTORS_FILE} not found (they fail instead under CI=true)`);
}

/** Skips outside CI when the shared vectors are absent; under CI=true their absence fails. */
function requireVectors(ctx: TestContext): void {
  if (present) return;
  const message = `ed25519 vectors not found at ${VECTORS_FILE} (../shared/vectors/ beside the project root)`;
  if (process.env['CI'] === 'true') throw new Error(`${message}: required when CI=true`);
  ctx.skip(`${message}: skipped`);
}

describe('ed25519 CCTV vectors: pinned accept sets', () => {
  it('the vector file holds the 914 vectors the sets were measured on', (ctx) => {
    requireVectors(ctx);
    expect(vectors).toHaveLength(VECTOR_COUNT);
    expect(pinned.vectors).toBe(VECTOR_COUNT);
  });

  it('libsodium (NodeVerifier) accepts exactly the pinned 43 vectors', (ctx) => {
    requireVectors(ctx);
    expect(pinned.nodeVerifier.count).toBe(43);
    expect(pinned.nodeVerifier.accepted).toHaveLength(43);
    expect(acceptedNumbers(vectors, (pk, m, s) => node.verify(pk, m, s))).toEqual(pinned.nodeVerifier.accepted);
  });

  it('noble with zip215: false (verifyStrict) accepts exactly the pinned 212 vectors', (ctx) => {
    requireVectors(ctx);
    expect(pinned.nobleStrict.count).toBe(212);
    expect(pinned.nobleStrict.accepted).toHaveLength(212);
    expect(acceptedNumbers(vectors, verifyStrict)).toEqual(pinned.nobleStrict.accepted);
  });

  it('the node accepts a subset of what noble accepts, over all keys: they disagree on 169, all refused by the node', (ctx) => {
    requireVectors(ctx);
    expect(vectors.filter((v) => nodeVerify(v) !== nobleVerify(v))).toHaveLength(169);
    expect(vectors.filter((v) => nodeVerify(v) && !nobleVerify(v)).map((v) => v.number)).toEqual([]);
  });
});

describe('ed25519 CCTV vectors: node ⊆ SDK on registrable keys', () => {
  it('every vector the node accepts under a registrable key, verifyStrict accepts too', (ctx) => {
    requireVectors(ctx);
    const registrable = vectors.filter((v) => checkRegistrableKey(v.publicKey) === undefined);
    expect(registrable).toHaveLength(28);
    const violations = registrable.filter((v) => nodeVerify(v) && !nobleVerify(v)).map((v) => v.number);
    expect(violations).toEqual([]);
  });

  it('they differ on exactly 15 registrable-key vectors, all with a low-order R part that only noble accepts', (ctx) => {
    requireVectors(ctx);
    const differ = vectors.filter((v) => checkRegistrableKey(v.publicKey) === undefined && nodeVerify(v) !== nobleVerify(v));
    expect(differ.map((v) => v.number)).toEqual([266, 267, 285, 286, 304, 335, 336, 348, 349, 361, 362, 374, 375, 387, 388]);
    for (const v of differ) {
      expect(nobleVerify(v) && !nodeVerify(v), `vector ${v.number}`).toBe(true);
      // 14 low-order residues, and 304: R itself of low order. An honest signer's R = rB never is.
      expect(v.flags.some((flag) => flag === 'low_order_residue' || flag === 'low_order_R'), `vector ${v.number}`).toBe(true);
    }
  });
});

describe('checkRegistrableKey on the vector keys', () => {
  it('refuses every key flagged low-order or non-canonical, with the matching reason', (ctx) => {
    requireVectors(ctx);
    const flagged = vectors.filter((v) => v.flags.includes('low_order_A') || v.flags.includes('non_canonical_A'));
    expect(flagged.length).toBeGreaterThan(0);
    for (const v of flagged) {
      const reason = checkRegistrableKey(v.publicKey);
      const expected = v.flags.includes('non_canonical_A') ? 'non-canonical' : 'low-order';
      expect(reason, `vector ${v.number}`).toBe(expected);
    }
  });

  it('refuses keys with a torsion component, and accepts the unflagged keys', (ctx) => {
    requireVectors(ctx);
    for (const v of vectors) {
      const reason = checkRegistrableKey(v.publicKey);
      if (v.flags.includes('low_order_A') || v.flags.includes('non_canonical_A')) continue;
      if (v.flags.includes('low_order_component_A')) expect(reason, `vector ${v.number}`).toBe('not-prime-order');
      else expect(reason, `vector ${v.number}`).toBeUndefined();
    }
  });
});

describe('checkRegistrableKey on other inputs', () => {
  it('accepts freshly generated keys', () => {
    for (let i = 0; i < 50; i++) expect(checkRegistrableKey(generateKeyPair().publicKey)).toBeUndefined();
  });

  it('refuses wrong lengths and points off the curve', () => {
    expect(checkRegistrableKey(new Uint8Array(31))).toBe('length');
    expect(checkRegistrableKey(new Uint8Array(33))).toBe('length');
    // y = 2 has no x on edwards25519: (y^2 - 1) / (d y^2 + 1) is not a square mod p.
    const offCurve = new Uint8Array(32);
    offCurve[0] = 2;
    expect(checkRegistrableKey(offCurve)).toBe('not-on-curve');
  });
});

describe('NodeVerifier and verifyStrict agree on ordinary signatures', () => {
  // Deterministic seeds, so a disagreement names a case that can be replayed.
  const cases = Array.from({ length: 200 }, (_, i) => {
    const pair = keyPairFromSeed(sha256(utf8(`tianping ed25519 agreement ${i}`)));
    const message = sha256(utf8(`message ${i}`)).subarray(0, i % 33);
    return { i, pair, message, signature: sign(pair.seed, message) };
  });

  it('both accept 200 valid signatures', () => {
    for (const { i, pair, message, signature } of cases) {
      expect(node.verify(pair.publicKey, message, signature), `case ${i}`).toBe(true);
      expect(verifyStrict(pair.publicKey, message, signature), `case ${i}`).toBe(true);
    }
  });

  it('both refuse the same 200 signatures after tampering with signature, message or key', () => {
    for (const { i, pair, message, signature } of cases) {
      const sig = signature.slice();
      let msg = message;
      const key = pair.publicKey.slice();
      const bit = 1 << (i % 8);
      if (i % 3 === 0) sig[(i * 7) % 64]! ^= bit;
      else if (i % 3 === 1) msg = Uint8Array.of(...message, i & 0xff);
      else key[(i * 5) % 32]! ^= bit;
      const byNode = node.verify(key, msg, sig);
      expect(byNode, `case ${i}`).toBe(false);
      expect(verifyStrict(key, msg, sig), `case ${i}`).toBe(byNode);
    }
  });

  it('both refuse a signature or key of the wrong length', () => {
    const { pair, message, signature } = cases[1]!;
    expect(node.verify(pair.publicKey, message, signature.subarray(0, 63))).toBe(false);
    expect(verifyStrict(pair.publicKey, message, signature.subarray(0, 63))).toBe(false);
    expect(node.verify(pair.publicKey.subarray(0, 31), message, signature)).toBe(false);
    expect(verifyStrict(pair.publicKey.subarray(0, 31), message, signature)).toBe(false);
  });
});
