// Fast fake signatures for the simulator, behind the same verifier interface the node uses. Keys are
// real ed25519 keys (the chain only registers keys of prime order), drawn from a fixed pool so that
// no seed pays for deriving them; a signature is SHA-512 over the key's seed and the message (64
// bytes, as an ed25519 signature), and the verifier, a test double that knows every seed, accepts
// it only under the key that made it. That is all the core's guard, the evidence logic and the
// state machine's signature checks depend on.
import { sha512 } from '@noble/hashes/sha2.js';
import type { ConsensusSigner, SignatureVerifier } from '../../src/consensus/tendermint/index.js';
import { keyPairFromSeed, type KeyPair } from '../../src/crypto/ed25519.js';
import { sha256 } from '../../src/crypto/hash.js';
import { concatBytes, equalBytes, toHex, utf8 } from '../../src/types/index.js';

/** Keys a run may draw from: genesis validators, spares and the workload's submitter. */
export const KEY_POOL_SIZE = 48;

let pool: KeyPair[] | undefined;

/** The pool, derived once per process. */
export function keyPool(): readonly KeyPair[] {
  pool ??= Array.from({ length: KEY_POOL_SIZE }, (_, i) => keyPairFromSeed(sha256(utf8(`tianping-sim/key/${i}`))));
  return pool;
}

export function fakeSign(seed: Uint8Array, message: Uint8Array): Uint8Array {
  return sha512(concatBytes(seed, message));
}

const PUBLIC_KEY_DOMAIN = utf8('sim/public-key');

/** A made-up public key for a bare secret (the pure core's tests need no curve point). */
export function fakePublicKey(secret: Uint8Array): Uint8Array {
  return sha256(concatBytes(PUBLIC_KEY_DOMAIN, secret));
}

/** A key pair, or a bare secret standing for one (its key is fakePublicKey(secret)). */
export type FakeKey = KeyPair | Uint8Array;

const asPair = (key: FakeKey): KeyPair => (key instanceof Uint8Array ? { seed: key, publicKey: fakePublicKey(key) as KeyPair['publicKey'] } : key);

export function fakeSigner(key: FakeKey): ConsensusSigner {
  const pair = asPair(key);
  return { publicKey: pair.publicKey, sign: (message) => fakeSign(pair.seed, message) };
}

/** Accepts exactly the fake signatures of these keys (by default the pool's). */
export function fakeVerifier(keys: readonly FakeKey[] = keyPool()): SignatureVerifier {
  const seedByKey = new Map<string, Uint8Array>();
  for (const key of keys.map(asPair)) seedByKey.set(toHex(key.publicKey), key.seed);
  return {
    verify(publicKey, message, signature) {
      const seed = seedByKey.get(toHex(publicKey));
      return seed !== undefined && signature instanceof Uint8Array && equalBytes(fakeSign(seed, message), signature);
    },
  };
}
