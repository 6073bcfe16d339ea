// Fast fake signatures for the simulator: a keyed SHA-256 MAC per validator. The verifier knows every
// validator's secret (it is a test double), so a signature verifies only under the key that made it,
// which is all the core's guard and evidence logic depend on. The real node plugs in ed25519.
import { sha256 } from '../../src/crypto/hash.js';
import type { ConsensusSigner, SignatureVerifier } from '../../src/consensus/tendermint/index.js';
import { concatBytes, equalBytes, toHex } from '../../src/types/index.js';

const PUBLIC_KEY_DOMAIN = new TextEncoder().encode('sim/public-key');

export function fakePublicKey(secret: Uint8Array): Uint8Array {
  return sha256(concatBytes(PUBLIC_KEY_DOMAIN, secret));
}

export function fakeSign(secret: Uint8Array, message: Uint8Array): Uint8Array {
  return sha256(concatBytes(secret, message));
}

export function fakeSigner(secret: Uint8Array): ConsensusSigner {
  const publicKey = fakePublicKey(secret);
  return { publicKey, sign: (message) => fakeSign(secret, message) };
}

export function fakeVerifier(secrets: readonly Uint8Array[]): SignatureVerifier {
  const secretByKey = new Map<string, Uint8Array>();
  for (const secret of secrets) secretByKey.set(toHex(fakePublicKey(secret)), secret);
  return {
    verify(publicKey, message, signature) {
      const secret = secretByKey.get(toHex(publicKey));
      return secret !== undefined && signature instanceof Uint8Array && equalBytes(fakeSign(secret, message), signature);
    },
  };
}
