// A foreign Tianping chain's validator sets, held to the bounds of this chain's own (a genesis's,
// docs/consensus.md): 1..1024 validators ordered by key bytes without duplicates, 32-byte keys,
// power 1..2^32 each and at most 2^36 in all, so that every tally fits a safe integer. Registration
// asks more of the trust anchor's set (registrable keys), as a genesis does.
import { pb, type ForeignValidatorSetMsg } from '../../codec/proto.js';
import { validatorSetHash, type ValidatorEntry } from '../../codec/block.js';
import { checkRegistrableKey } from '../../crypto/ed25519.js';
import { PUBLIC_KEY_BYTES, compareBytes } from '../../types/index.js';

export const FOREIGN_VALIDATORS_MAX = 1024;
const POWER_MAX = 2 ** 32;
const TOTAL_POWER_MAX = 2 ** 36;

export interface ForeignSet {
  /** By public key bytes: a commit's validator indexes refer to this order. */
  readonly validators: readonly ValidatorEntry[];
  readonly total: number;
  readonly hash: Uint8Array;
}

/** Why a set cannot be a foreign validator set, or undefined when it can. */
export function setProblem(set: ForeignValidatorSetMsg | null | undefined, registrable: boolean): string | undefined {
  const validators = set?.validators ?? [];
  if (validators.length === 0 || validators.length > FOREIGN_VALIDATORS_MAX) return `must hold 1..${FOREIGN_VALIDATORS_MAX} validators`;
  let total = 0;
  for (let i = 0; i < validators.length; i++) {
    const { publicKey, power } = validators[i]!;
    if (publicKey.length !== PUBLIC_KEY_BYTES) return `validator ${i}'s key is ${publicKey.length} bytes, not ${PUBLIC_KEY_BYTES}`;
    if (registrable) {
      const rejection = checkRegistrableKey(publicKey);
      if (rejection !== undefined) return `validator ${i}'s key is not registrable (${rejection})`;
    }
    if (!Number.isSafeInteger(power) || power < 1 || power > POWER_MAX) return `validator ${i}'s power is not in 1..2^32`;
    if (i > 0 && compareBytes(validators[i - 1]!.publicKey, publicKey) >= 0) return 'are not ordered by key bytes without duplicates';
    total += power;
  }
  if (total > TOTAL_POWER_MAX) return `hold ${total} power in all, more than 2^36`;
  return undefined;
}

/** The set's entries, total and hash; `set` must have passed setProblem. */
export function foreignSet(set: ForeignValidatorSetMsg): ForeignSet {
  const validators = set.validators.map((v) => ({ publicKey: v.publicKey, power: v.power }));
  return { validators, total: validators.reduce((sum, v) => sum + v.power, 0), hash: validatorSetHash(validators) };
}

/** A copy to store (a trusted header's next set). */
export function copySet(set: ForeignValidatorSetMsg): ForeignValidatorSetMsg {
  return pb.ValidatorSet.create({ validators: set.validators.map((v) => ({ publicKey: v.publicKey, power: v.power })) }) as ForeignValidatorSetMsg;
}
