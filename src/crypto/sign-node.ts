// The node's own signatures (votes, proposals, equivocation reports) through node:crypto: noble
// re-derives the key from the seed on every call and signs in JavaScript, which cost a validator
// more than a thousand verifications' worth of CPU per minute under load. Ed25519 signing is
// deterministic (RFC 8032), so OpenSSL gives the very bytes noble gives (pinned in the tests).
import { createPrivateKey, sign as cryptoSign, type KeyObject } from 'node:crypto';
import { SEED_BYTES } from './ed25519.js';

const PKCS8_ED25519_PREFIX = Uint8Array.from([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70,
  0x04, 0x22, 0x04, 0x20]);

/** A signing function for one seed; the key is parsed once. */
export function nodeSigner(seed: Uint8Array): (message: Uint8Array) => Uint8Array {
  if (seed.length !== SEED_BYTES) throw new RangeError(`ed25519 seed must be ${SEED_BYTES} bytes`);
  const der = new Uint8Array(PKCS8_ED25519_PREFIX.length + SEED_BYTES);
  der.set(PKCS8_ED25519_PREFIX);
  der.set(seed, PKCS8_ED25519_PREFIX.length);
  const key: KeyObject = createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' });
  der.fill(0);
  return (message) => new Uint8Array(cryptoSign(null, message, key));
}
