// The validator set in state, ordered by public key bytes: indexes in votes, proposals and commits
// refer to this order. A change passed in block h is scheduled for height h + 2: the block h + 1
// header already names the set of h + 1 (next_validators_hash of block h), so the earliest height
// whose set may still change is h + 2.
import { pb } from '../codec/proto.js';
import { sortValidators, validatorSetHash, type ValidatorEntry } from '../codec/block.js';
import { assert, concatBytes, equalBytes, fromHex, heightKey, readU64be, u64be, type Hash32 } from '../types/index.js';
import type { Genesis } from './genesis.js';
import type { Overlay, StateView } from './view.js';

/** The set of the next block to execute. */
export const KEY_VALIDATOR_SET = 'valset/current';
export const scheduledSetKey = (height: number): string => `valset/at/${heightKey(height)}`;
/** The set that took effect at a height (written at genesis and at every change). */
export const historySetKey = (height: number): string => `valset/hist/${heightKey(height)}`;
/** Heights at which a set took effect, ascending, as u64be each: finds the set of any height. */
export const KEY_SET_CHANGE_HEIGHTS = 'valset/changes';

function decodeHeights(bytes: Uint8Array | undefined): number[] {
  const heights: number[] = [];
  if (bytes === undefined) return heights;
  for (let offset = 0; offset + 8 <= bytes.length; offset += 8) heights.push(readU64be(bytes, offset));
  return heights;
}

function encodeHeights(heights: readonly number[]): Uint8Array {
  return concatBytes(...heights.map(u64be));
}

export const genesisSetChangeHeights = (): Uint8Array => encodeHeights([1]);

/** The validator set that signed the block of `height` (for evidence about past heights). */
export async function validatorSetAt(view: StateView, height: number): Promise<ValidatorEntry[]> {
  const heights = decodeHeights(await view.get(KEY_SET_CHANGE_HEIGHTS));
  const since = heights.filter((h) => h <= height).pop();
  const bytes = since === undefined ? undefined : await view.get(historySetKey(since));
  return bytes === undefined ? readValidatorSet(view) : decodeValidatorSet(bytes);
}

/** Every validator set that took effect, by the height it took effect at (the genesis set at 1). */
export async function readValidatorHistory(view: StateView): Promise<Map<number, ValidatorEntry[]>> {
  const history = new Map<number, ValidatorEntry[]>();
  for (const since of decodeHeights(await view.get(KEY_SET_CHANGE_HEIGHTS))) {
    const bytes = await view.get(historySetKey(since));
    assert(bytes !== undefined, `the set that took effect at ${since} is stored`);
    history.set(since, decodeValidatorSet(bytes));
  }
  return history;
}

export function encodeValidatorSet(validators: readonly ValidatorEntry[]): Uint8Array {
  return pb.ValidatorSet.encode({
    validators: sortValidators(validators).map((v) => ({ publicKey: v.publicKey, power: v.power })),
  }).finish();
}

export function decodeValidatorSet(bytes: Uint8Array): ValidatorEntry[] {
  return pb.ValidatorSet.decode(bytes).validators.map((v) => ({ publicKey: v.publicKey ?? new Uint8Array(), power: v.power ?? 0 }));
}

export function genesisValidators(genesis: Genesis): ValidatorEntry[] {
  return sortValidators(genesis.validators.map((v) => ({ publicKey: fromHex(v.publicKey)!, power: v.power })));
}

export async function readValidatorSet(view: StateView): Promise<ValidatorEntry[]> {
  const bytes = await view.get(KEY_VALIDATOR_SET);
  return bytes === undefined ? [] : decodeValidatorSet(bytes);
}

/** Applies a change to the set that will be in force at height + 2, on top of changes already scheduled. */
export async function scheduleSetChange(overlay: Overlay, height: number,
  change: (set: ValidatorEntry[]) => ValidatorEntry[]): Promise<void> {
  const base = (await overlay.get(scheduledSetKey(height + 2))) ?? (await overlay.get(scheduledSetKey(height + 1)))
    ?? (await overlay.get(KEY_VALIDATOR_SET));
  const set = base === undefined ? [] : decodeValidatorSet(base);
  overlay.set(scheduledSetKey(height + 2), encodeValidatorSet(change(set)));
}

/** The validator set that will be in force at height + 2 with everything scheduled so far. */
export async function setAtHeightPlusTwo(view: StateView, height: number): Promise<ValidatorEntry[]> {
  const bytes = (await view.get(scheduledSetKey(height + 2))) ?? (await view.get(scheduledSetKey(height + 1)))
    ?? (await view.get(KEY_VALIDATOR_SET));
  return bytes === undefined ? [] : decodeValidatorSet(bytes);
}

/**
 * At the end of block `height`: the hash of the set that signs it, and the set of height + 1 made
 * current (with its history entry when it differs).
 */
export async function rotateValidatorSet(overlay: Overlay, height: number):
  Promise<{ validatorsHash: Hash32; nextValidatorsHash: Hash32 }> {
  const current = await overlay.get(KEY_VALIDATOR_SET);
  const currentSet = current === undefined ? [] : decodeValidatorSet(current);
  const validatorsHash = validatorSetHash(currentSet);
  const next = await overlay.get(scheduledSetKey(height + 1));
  if (next === undefined || (current !== undefined && equalBytes(next, current))) {
    return { validatorsHash, nextValidatorsHash: validatorsHash };
  }
  overlay.set(KEY_VALIDATOR_SET, next);
  overlay.set(historySetKey(height + 1), next);
  const heights = decodeHeights(await overlay.get(KEY_SET_CHANGE_HEIGHTS));
  overlay.set(KEY_SET_CHANGE_HEIGHTS, encodeHeights([...heights, height + 1]));
  return { validatorsHash, nextValidatorsHash: validatorSetHash(decodeValidatorSet(next)) };
}

export function totalPower(set: readonly ValidatorEntry[]): number {
  return set.reduce((sum, v) => sum + v.power, 0);
}
