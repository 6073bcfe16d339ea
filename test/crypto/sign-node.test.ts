// The node signs through OpenSSL; Ed25519 is deterministic, so its signatures must be noble's, byte
// for byte, including the RFC 8032 §7.1 test 1 signature (empty message).
import { describe, expect, it } from 'vitest';
import { keyPairFromSeed, nodeSigner, sign, sha256, verifyStrict } from '../../src/crypto/index.js';
import { fromHex, toHex, utf8 } from '../../src/types/index.js';

describe('nodeSigner', () => {
  it('gives RFC 8032 test 1 its published signature', () => {
    const seed = fromHex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60')!;
    expect(toHex(nodeSigner(seed)(new Uint8Array()))).toBe('e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155'
      + '5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b');
  });

  it('signs exactly as noble does, for many keys and message sizes', () => {
    for (let i = 0; i < 50; i++) {
      const seed = sha256(utf8(`sign-node ${i}`));
      const signer = nodeSigner(seed);
      const message = new Uint8Array(i * 37).map((_, j) => (j * 7 + i) & 0xff);
      const signature = signer(message);
      expect(toHex(signature)).toBe(toHex(sign(seed, message)));
      expect(verifyStrict(keyPairFromSeed(seed).publicKey, message, signature)).toBe(true);
    }
  });

  it('refuses a seed of the wrong length', () => {
    expect(() => nodeSigner(new Uint8Array(31))).toThrow(RangeError);
  });
});
