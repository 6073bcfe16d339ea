// A chain's checkpoint note checked offline (docs/checkpoints.md §5, §6): its validators' lines
// against a validator set the verifier trusts (more than 2/3 of the power), optionally the
// cosignatures of k of the witnesses a policy names, and optionally its consistency with an older
// checkpoint the verifier kept. Pure and browser-safe, like the receipt verifier.
import {
  encodeVerifierKey, isNoteError, parseCheckpoint, parseNote, parseVerifierKey, verifyNote, type Checkpoint, type NoteVerifier,
} from '../checkpoint/index.js';
import { verifyConsistency } from '../merkle/index.js';
import { fromHex, toHex } from '../types/index.js';
import { verifyCosignatures } from '../witness/index.js';
import type { TrustedValidator } from './receipt-trust.js';
import type { WitnessPolicy } from './witness-policy.js';

export const CHECKPOINT_CHECKS = ['note', 'origin', 'validators', 'witnesses', 'consistency'] as const;
export type CheckpointCheckId = (typeof CHECKPOINT_CHECKS)[number];

export interface CheckpointTrust {
  readonly chainId: string;
  /** The set that signs the checkpoint's height (size + 1): from a genesis or a trusted-header file. */
  readonly validators: readonly TrustedValidator[];
  /** When given, k of its witnesses must have cosigned the note. */
  readonly policy?: WitnessPolicy;
}

/** An older checkpoint the verifier holds, with the node's consistency proof from it to the new one. */
export interface EarlierCheckpoint {
  readonly note: string;
  readonly proof: readonly Uint8Array[];
}

export interface CheckpointVerification {
  readonly valid: boolean;
  /** The first check that failed. */
  readonly failed?: CheckpointCheckId;
  readonly detail: string;
  readonly checkpoint?: Checkpoint;
  readonly signedPower: number;
  readonly totalPower: number;
  readonly witnesses: readonly { readonly name: string; readonly timestamp: number }[];
}

function keyBytes(publicKey: string | Uint8Array): Uint8Array | undefined {
  return typeof publicKey === 'string' ? fromHex(publicKey.toLowerCase()) : publicKey;
}

export function verifyCheckpoint(note: string, trust: CheckpointTrust, earlier?: EarlierCheckpoint): CheckpointVerification {
  let signedPower = 0;
  const totalPower = trust.validators.reduce((sum, v) => sum + v.power, 0);
  let witnesses: CheckpointVerification['witnesses'] = [];
  const fail = (failed: CheckpointCheckId, detail: string, checkpoint?: Checkpoint): CheckpointVerification =>
    ({ valid: false, failed, detail, ...(checkpoint === undefined ? {} : { checkpoint }), signedPower, totalPower, witnesses });
  let checkpoint: Checkpoint;
  let parsed: ReturnType<typeof parseNote>;
  try {
    parsed = parseNote(note);
    checkpoint = parseCheckpoint(parsed.text);
  } catch (error) {
    return fail('note', `not a checkpoint note: ${(error as Error).message}`);
  }
  if (checkpoint.origin !== trust.chainId) return fail('origin', `the checkpoint is of ${JSON.stringify(checkpoint.origin)}, not ${JSON.stringify(trust.chainId)}`, checkpoint);
  // One verifier key per validator of the trusted set, named by the chain id (§2).
  const byKey = new Map<string, number>();
  const verifiers: NoteVerifier[] = [];
  for (const v of trust.validators) {
    const key = keyBytes(v.publicKey);
    if (key === undefined) return fail('validators', 'a trusted validator key is not hex', checkpoint);
    const verifier = parseVerifierKey(encodeVerifierKey(trust.chainId, key));
    verifiers.push(verifier);
    byKey.set(toHex(verifier.publicKey), (byKey.get(toHex(verifier.publicKey)) ?? 0) + v.power);
  }
  try {
    const opened = verifyNote(parsed, verifiers);
    for (const line of opened.verified) {
      const verifier = verifiers.find((v) => v.keyId === line.keyId && v.name === line.name);
      if (verifier !== undefined) signedPower += byKey.get(toHex(verifier.publicKey)) ?? 0;
    }
  } catch (error) {
    if (!isNoteError(error)) throw error;
    const detail = error.code === 'NOTE_UNVERIFIED' ? 'no validator of the trusted set signed it' : error.message;
    return fail('validators', detail, checkpoint);
  }
  if (3 * signedPower <= 2 * totalPower) {
    return fail('validators', `validators holding ${signedPower} of ${totalPower} power signed it: more than 2/3 is needed`, checkpoint);
  }
  if (trust.policy !== undefined) {
    const cosigned = verifyCosignatures(note, trust.policy.witnesses, Math.min(trust.policy.k, trust.policy.witnesses.length));
    witnesses = cosigned.verified.map((c) => ({ name: c.name, timestamp: c.timestamp }));
    if (!cosigned.ok || cosigned.verified.length < trust.policy.k) {
      return fail('witnesses', `${cosigned.verified.length} of the policy's witnesses cosigned it, ${trust.policy.k} required`, checkpoint);
    }
  }
  if (earlier !== undefined) {
    let old: Checkpoint;
    try {
      old = parseCheckpoint(parseNote(earlier.note).text);
    } catch (error) {
      return fail('consistency', `the earlier checkpoint does not parse: ${(error as Error).message}`, checkpoint);
    }
    if (old.origin !== checkpoint.origin) return fail('consistency', 'the earlier checkpoint is of another chain', checkpoint);
    if (old.size > checkpoint.size) return fail('consistency', `the earlier checkpoint (size ${old.size}) is larger than this one (${checkpoint.size})`, checkpoint);
    if (!verifyConsistency(old.size, checkpoint.size, earlier.proof, old.root, checkpoint.root)) {
      return fail('consistency', `the history of size ${checkpoint.size} does not extend the one of size ${old.size} that was kept`, checkpoint);
    }
  }
  return { valid: true, detail: 'ok', checkpoint, signedPower, totalPower, witnesses };
}
