// Member records in state. Encoded as JSON built in a fixed field order, so every node writes the
// same bytes for the same member.
import { fromUtf8, utf8 } from '../types/index.js';
import type { Genesis, Role } from './genesis.js';
import { MEMBER_PREFIX, categoryKey, memberKey, memberNameKey } from './keys.js';
import type { Overlay, ScannableState, StateView } from './view.js';
import { KEY_SET_CHANGE_HEIGHTS, KEY_VALIDATOR_SET, encodeValidatorSet, genesisSetChangeHeights, genesisValidators, historySetKey } from './validators.js';

export interface MemberRecord {
  readonly name: string;
  readonly organisation: string;
  readonly role: Role;
  readonly publicKey: string;
  readonly categories: readonly string[];
  readonly status: 'active' | 'suspended' | 'removed';
  readonly sinceHeight: number;
  /** Validators only. */
  readonly power: number;
  /** Node members: libp2p multiaddrs given when joining. */
  readonly addresses?: readonly string[];
  /** SHA-256 (hex) of the admission-evaluation report the member joined with. */
  readonly evaluationReportDigest?: string;
}

export function encodeMember(m: MemberRecord): Uint8Array {
  return utf8(JSON.stringify({
    name: m.name, organisation: m.organisation, role: m.role, publicKey: m.publicKey,
    categories: [...m.categories], status: m.status, sinceHeight: m.sinceHeight, power: m.power,
    addresses: [...(m.addresses ?? [])], evaluationReportDigest: m.evaluationReportDigest ?? '',
  }));
}

export function decodeMember(bytes: Uint8Array): MemberRecord {
  return JSON.parse(fromUtf8(bytes)) as MemberRecord;
}

/**
 * Where member records and categories come from when not read from the view each time: the
 * mempool's cache of committed state, or a block overlay's decoded values.
 */
export interface MemberReader {
  member(publicKey: Uint8Array): Promise<MemberRecord | undefined>;
  hasCategory(name: string): Promise<boolean>;
}

/** Reads through an overlay's decoded values: sees the block's own writes, decodes each record once. */
export function overlayMemberReader(overlay: Overlay): MemberReader {
  return {
    member: (publicKey) => overlay.decoded(memberKey(publicKey), decodeMember),
    hasCategory: async (name) => (await overlay.decoded(categoryKey(name), () => true)) === true,
  };
}

export async function readMember(view: StateView, publicKey: Uint8Array | string): Promise<MemberRecord | undefined> {
  const bytes = await view.get(memberKey(publicKey));
  return bytes === undefined ? undefined : decodeMember(bytes);
}

/** Every member record (one per key ever registered), in key order: by public key. */
export async function* allMembers(state: ScannableState): AsyncIterable<MemberRecord> {
  for await (const [, value] of state.entries(MEMBER_PREFIX)) yield decodeMember(value);
}

/** State written before block 1: members, validators and categories from the genesis. */
export function genesisWrites(genesis: Genesis): Map<string, Uint8Array> {
  const writes = new Map<string, Uint8Array>();
  for (const v of genesis.validators) {
    writes.set(memberKey(v.publicKey), encodeMember({
      name: v.name, organisation: v.name, role: 'validator', publicKey: v.publicKey, categories: [],
      status: 'active', sinceHeight: 0, power: v.power,
    }));
  }
  for (const m of genesis.members) {
    writes.set(memberKey(m.publicKey), encodeMember({ ...m, status: 'active', sinceHeight: 0, power: 0 }));
  }
  for (const c of genesis.categories) writes.set(categoryKey(c), utf8('1'));
  for (const v of genesis.validators) writes.set(memberNameKey(v.name), utf8(v.publicKey));
  for (const m of genesis.members) writes.set(memberNameKey(m.name), utf8(m.publicKey));
  writes.set(KEY_VALIDATOR_SET, encodeValidatorSet(genesisValidators(genesis)));
  writes.set(historySetKey(1), encodeValidatorSet(genesisValidators(genesis)));
  writes.set(KEY_SET_CHANGE_HEIGHTS, genesisSetChangeHeights());
  return writes;
}
