// Registering a foreign chain, and resetting one, by governance (docs/crosschain.md §1): a validator
// opens a ForeignChainProposal, the validators vote as on a member change (governance.ts), and the
// block that passes it creates the record and its first trusted header, or for a reset moves the
// record to a new epoch with the new trust anchor. One open proposal per name: its subject is
// SHA-256("tianping/foreign/v1" || name).
import { pb, type ForeignChainProposalMsg, type ForeignChainRecordMsg, type ForeignChainRegistrationMsg,
  type ProposalRecordMsg } from '../../codec/proto.js';
import { sha256 } from '../../crypto/hash.js';
import { concatBytes, utf8 } from '../../types/index.js';
import type { Overlay, StateView } from '../view.js';
import { FOREIGN_CHAINS_MAX, FOREIGN_CHAIN_COUNT_KEY, FOREIGN_NAME_RE, encodeCount, foreignChainKey, readCount,
  trustedHeaderKey } from './keys.js';
import { FOREIGN_KINDS, type AnchorContext, type ForeignKind } from './kinds.js';
import { encodeChainRecord, encodeTrustedHeader, readForeignChain, refuse } from './record.js';
import { chainRecord, decodeRegistration } from './messages.js';

export const FOREIGN_SUBJECT_DOMAIN = utf8('tianping/foreign/v1');
export const TRUSTING_PERIOD_MIN_MS = 60_000;
/** Ten years of 365.25 days. */
export const TRUSTING_PERIOD_MAX_MS = 315_576_000_000;
const DESCRIPTION_BYTES_MAX = 512;

export type ForeignProposalKind = 'foreign-chain' | 'foreign-chain-reset';
export const FOREIGN_PROPOSAL_KINDS: readonly ForeignProposalKind[] = ['foreign-chain', 'foreign-chain-reset'];
export const isForeignProposalKind = (kind: string): kind is ForeignProposalKind => (FOREIGN_PROPOSAL_KINDS as readonly string[]).includes(kind);

/** The governance subject of proposals about `name`: one open proposal per name. */
export function foreignChainSubject(name: string): Uint8Array {
  return sha256(concatBytes(FOREIGN_SUBJECT_DOMAIN, utf8(name)));
}

const invalid = (message: string): never => refuse('FOREIGN_CHAIN_INVALID', message);

/** Every field of a registration (§1), statelessly; returns its kind. */
export function checkRegistration(registration: ForeignChainRegistrationMsg, ownChainId: string): ForeignKind {
  if (!FOREIGN_NAME_RE.test(registration.name)) invalid(`name must match ${FOREIGN_NAME_RE}`);
  const kind = FOREIGN_KINDS.get(registration.kind);
  if (kind === undefined) return invalid(`kind ${registration.kind} is not a known foreign chain kind`);
  const period = registration.trustingPeriodMs;
  if (!Number.isSafeInteger(period) || period < TRUSTING_PERIOD_MIN_MS || period > TRUSTING_PERIOD_MAX_MS) {
    invalid(`trusting_period_ms must be ${TRUSTING_PERIOD_MIN_MS} ms to 10 years`);
  }
  if (utf8(registration.description).length > DESCRIPTION_BYTES_MAX) invalid(`description exceeds ${DESCRIPTION_BYTES_MAX} bytes`);
  kind.checkRegistration(registration, ownChainId);
  return kind;
}

/**
 * What state must hold for a registration: a new name free (and room for one more chain), a
 * reset's name registered with the same kind. Checked when the proposal opens and again at each
 * approval, as two proposals may have been opened for one name before either passed.
 */
export async function checkRegistrationState(view: StateView, registration: ForeignChainRegistrationMsg, reset: boolean): Promise<void> {
  const record = await readForeignChain(view, registration.name);
  if (!reset) {
    if (record !== undefined) refuse('FOREIGN_CHAIN_EXISTS', `a foreign chain is registered as ${JSON.stringify(registration.name)} already`);
    if ((await readCount(view, FOREIGN_CHAIN_COUNT_KEY)) >= FOREIGN_CHAINS_MAX) invalid(`${FOREIGN_CHAINS_MAX} foreign chains are registered already`);
    return;
  }
  if (record === undefined) refuse('FOREIGN_CHAIN_UNKNOWN', `no foreign chain is registered as ${JSON.stringify(registration.name)} to reset`);
  if (record.registration?.kind !== registration.kind) {
    refuse('FOREIGN_CHAIN_KIND_MISMATCH', 'a reset keeps the kind of the registered chain');
  }
}

export interface ForeignProposalCheck {
  readonly proposalKind: ForeignProposalKind;
  readonly subject: Uint8Array;
  readonly payload: Uint8Array;
}

/** A ForeignChainProposal's fields and state; the opener's standing is governance's to check. */
export async function checkForeignChainProposal(proposal: ForeignChainProposalMsg, view: StateView, ownChainId: string):
  Promise<ForeignProposalCheck> {
  const registration = proposal.registration;
  if (registration == null) return invalid('registration is missing');
  checkRegistration(registration, ownChainId);
  await checkRegistrationState(view, registration, proposal.reset);
  return { proposalKind: proposal.reset ? 'foreign-chain-reset' : 'foreign-chain', subject: foreignChainSubject(registration.name),
    payload: pb.ForeignChainRegistration.encode(registration).finish() };
}

/** Before an approval counts: the proposal's registration still fits the state (checkRegistrationState). */
export async function recheckForeignProposal(view: StateView, proposal: ProposalRecordMsg): Promise<void> {
  await checkRegistrationState(view, decodeRegistration(proposal.payload), proposal.kind === 'foreign-chain-reset');
}

/** The passed proposal's effect: a new record at epoch 0, or the reset record at the next epoch. */
export async function enactForeignChain(overlay: Overlay, proposal: ProposalRecordMsg, ctx: AnchorContext): Promise<void> {
  const registration = decodeRegistration(proposal.payload);
  const kind = FOREIGN_KINDS.get(registration.kind)!;
  const anchor = kind.anchor(registration, ctx);
  const previous = proposal.kind === 'foreign-chain-reset' ? await readForeignChain(overlay, registration.name) : undefined;
  const epoch = previous === undefined ? 0 : previous.epoch + 1;
  const record: ForeignChainRecordMsg = chainRecord({
    registration, status: 'active', registeredHeight: previous?.registeredHeight ?? ctx.height, latestHeight: anchor.latestHeight,
    latestTimeMs: anchor.latestTimeMs, latestHash: anchor.latestHash, updates: previous?.updates ?? 0, epoch,
  });
  overlay.set(foreignChainKey(registration.name), encodeChainRecord(record));
  if (anchor.trusted !== undefined) {
    overlay.set(trustedHeaderKey(registration.name, epoch, anchor.trusted.height), encodeTrustedHeader(anchor.trusted));
  }
  if (previous === undefined) overlay.set(FOREIGN_CHAIN_COUNT_KEY, encodeCount((await readCount(overlay, FOREIGN_CHAIN_COUNT_KEY)) + 1));
}
