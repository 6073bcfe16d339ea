// The node's signature-verification rule: OpenSSL's Ed25519 through node:crypto, ~16x faster than
// noble here. Every node runs this same rule, which consensus depends on. Public keys are parsed
// into KeyObjects once and cached, because parsing costs about as much as verifying.
import { createPublicKey, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import type { SignatureVerifier } from './ed25519.js';
import { PUBLIC_KEY_BYTES, SIGNATURE_BYTES, toHex } from '../types/index.js';

const SPKI_ED25519_PREFIX = Uint8Array.from([0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]);

export class NodeVerifier implements SignatureVerifier {
  private readonly keys = new Map<string, KeyObject | null>();

  constructor(private readonly keyCacheMax = 10_000) {}

  verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
    if (publicKey.length !== PUBLIC_KEY_BYTES || signature.length !== SIGNATURE_BYTES) return false;
    const key = this.keyObject(publicKey);
    if (key === null) return false;
    try {
      return cryptoVerify(null, message, key, signature);
    } catch {
      return false;
    }
  }

  private keyObject(publicKey: Uint8Array): KeyObject | null {
    const id = toHex(publicKey);
    const cached = this.keys.get(id);
    if (cached !== undefined) return cached;
    let key: KeyObject | null;
    try {
      const der = new Uint8Array(SPKI_ED25519_PREFIX.length + PUBLIC_KEY_BYTES);
      der.set(SPKI_ED25519_PREFIX);
      der.set(publicKey, SPKI_ED25519_PREFIX.length);
      key = createPublicKey({ key: Buffer.from(der), format: 'der', type: 'spki' });
    } catch {
      key = null;
    }
    // Bounded: the cache is cleared whole when full, which is cheap and keeps memory flat under
    // a flood of fresh keys.
    if (this.keys.size >= this.keyCacheMax) this.keys.clear();
    this.keys.set(id, key);
    return key;
  }
}
