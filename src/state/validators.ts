// The validator set in state, ordered by public key bytes: indexes in votes, proposals and commits
// refer to this order. Governance (validator-set changes) will keep one set per height; until then
// the set of the genesis is the set of every height.
import { pb } from '../codec/proto.js';
import { sortValidators, type ValidatorEntry } from '../codec/block.js';
import { fromHex } from '../types/index.js';
import type { Genesis } from './genesis.js';
import type { StateView } from './view.js';

export const KEY_VALIDATOR_SET = 'valset/current';

export function encodeValidatorSet(validators: readonly ValidatorEntry[]): Uint8Array {
  return pb.ValidatorSet.encode({
    validators: sortValidators(validators).map((v) => ({ publicKey: v.publicKey, power: v.power })),
  }).finish();
}

export function genesisValidators(genesis: Genesis): ValidatorEntry[] {
  return sortValidators(genesis.validators.map((v) => ({ publicKey: fromHex(v.publicKey)!, power: v.power })));
}

export async function readValidatorSet(view: StateView): Promise<ValidatorEntry[]> {
  const bytes = await view.get(KEY_VALIDATOR_SET);
  if (bytes === undefined) return [];
  return pb.ValidatorSet.decode(bytes).validators.map((v) => ({ publicKey: v.publicKey ?? new Uint8Array(), power: v.power ?? 0 }));
}
