// A log of 40 leaves with its keys, checkpoints signed by them and consistency proofs between
// sizes: what the witness tests feed the production code.
import { ed25519NoteSigner, encodeCheckpoint, encodeVerifierKey, parseVerifierKey, signNote } from '../../src/checkpoint/index.js';
import { keyPairFromSeed } from '../../src/crypto/ed25519.js';
import { sha256 } from '../../src/crypto/hash.js';
import { consistencyProof, rootFromLeafHashes } from '../../src/merkle/index.js';
import { asTimeMs, toBase64, utf8, type Hash32 } from '../../src/types/index.js';
import {
  MemoryWitnessStore, Witness, addCheckpointBody, ed25519Cosigner, parseLogSpec, type WitnessStore,
} from '../../src/witness/index.js';

export const ORIGIN = 'tianping-witness-test';
export const LEAVES = Array.from({ length: 40 }, (_, i) => sha256(utf8(`block ${i + 1}`)));
export const keyOf = (label: string) => keyPairFromSeed(sha256(utf8(label)));
export const LOG_KEYS = [keyOf('log key 0'), keyOf('log key 1'), keyOf('log key 2')];
export const LOG_VKEYS = LOG_KEYS.map((key) => encodeVerifierKey(ORIGIN, key.publicKey));
export const WITNESS_KEY = keyOf('witness key');
export const COSIGNER = ed25519Cosigner('witness.example/w1', WITNESS_KEY);

export const rootOf = (size: number): Hash32 => rootFromLeafHashes(LEAVES.slice(0, size)) as Hash32;
export const proofOf = (from: number, to: number): string[] => consistencyProof(LEAVES.slice(0, to), from).map(toBase64);

/** A checkpoint note of `size` (root given or the log's), signed by the log keys at `signers`. */
export function noteOf(size: number, options: { root?: Uint8Array; signers?: readonly number[]; origin?: string } = {}): string {
  const origin = options.origin ?? ORIGIN;
  const text = encodeCheckpoint({ origin, size, root: (options.root ?? rootOf(size)) as Hash32, extensions: [] });
  return signNote(text, (options.signers ?? [0]).map((i) => ed25519NoteSigner(origin, LOG_KEYS[i]!)));
}

export function bodyOf(oldSize: number, proof: readonly string[], note: string): Uint8Array {
  return utf8(addCheckpointBody(oldSize, proof, note));
}

export const CLOCK_SECONDS = 1_760_000_000;
export const clock = { nowMs: () => asTimeMs(CLOCK_SECONDS * 1000 + 999) };

export function makeWitness(store: WitnessStore = new MemoryWitnessStore(), quorum = 1): Witness {
  const log = parseLogSpec(`${ORIGIN}=${LOG_VKEYS.join(',')}`, quorum);
  return new Witness({ cosigner: COSIGNER, logs: [log], store, clock });
}

export { parseVerifierKey };
