// The node's signature-verification rule: libsodium's crypto_sign_verify_detached (sodium-native).
// Every node runs this same rule, which consensus depends on (a tx, vote or proposal is valid or
// not on every node alike). Why libsodium:
// - Speed. Each validator verifies every tx once, and that was the largest single cost of a
//   validator under load. Here libsodium verifies 12,600-13,700 signatures/s on one core against
//   7,100 for OpenSSL through node:crypto, which itself was ~16x faster than noble.
// - Strictness. libsodium accepts the fewest of the C2SP CCTV edge-case vectors (43 of 914), and
//   every one of them is accepted by the SDK's rule (noble, zip215: false) too: a signature a node
//   accepts is never one a court's offline check refuses (pinned in test/crypto/ed25519-vectors).
import sodium from 'sodium-native';
import type { SignatureVerifier } from './ed25519.js';
import { PUBLIC_KEY_BYTES, SIGNATURE_BYTES, type CounterLike } from '../types/index.js';

export class NodeVerifier implements SignatureVerifier {
  /** `verifications` counts every call (txs, votes, proposals, commits, signed requests): rate() is verifications/s. */
  constructor(private readonly verifications?: CounterLike) {}

  verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
    this.verifications?.inc();
    if (publicKey.length !== PUBLIC_KEY_BYTES || signature.length !== SIGNATURE_BYTES) return false;
    try {
      return sodium.crypto_sign_verify_detached(signature, message, publicKey);
    } catch {
      // The binding throws only on argument types and sizes, checked above; a verifier never throws.
      return false;
    }
  }
}
