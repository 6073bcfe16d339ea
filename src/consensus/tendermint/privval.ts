// The double-sign guard (CometBFT's privval "height/round/step" check) and the durable record the
// driver keeps for it.
//
// A validator signs at most one message per (height, round, sign step), and never goes back to an
// earlier (height, round, step): the last signature is part of the durable record, written and
// synced before the signed message leaves the node (the "persist" effect). After a crash the record
// comes back, so a restarted node can re-send only the exact bytes it signed before.
import { assert, equalBytes, type Height, type Round } from '../../types/index.js';
import type { ConsensusBlock, Proposal, Vote } from './types.js';

/** Sign steps in protocol order; the guard compares (height, round, step) lexicographically. */
export const SIGN_STEP_PROPOSAL = 1;
export const SIGN_STEP_PREVOTE = 2;
export const SIGN_STEP_PRECOMMIT = 3;
export type SignStep = typeof SIGN_STEP_PROPOSAL | typeof SIGN_STEP_PREVOTE | typeof SIGN_STEP_PRECOMMIT;

export interface SignedRecord {
  readonly height: Height;
  readonly round: Round;
  readonly signStep: SignStep;
  readonly signBytes: Uint8Array;
  readonly signature: Uint8Array;
}

export type SignDecision =
  | { readonly kind: 'sign' }
  | { readonly kind: 'resend'; readonly signature: Uint8Array }
  | { readonly kind: 'refuse'; readonly reason: 'regression' | 'conflict' };

function compareHrs(a: { height: number; round: number; signStep: number }, b: typeof a): number {
  if (a.height !== b.height) return a.height - b.height;
  if (a.round !== b.round) return a.round - b.round;
  return a.signStep - b.signStep;
}

/**
 * May we sign `signBytes` at (height, round, step)? Only past the last signature, or exactly the
 * same bytes again (then we hand back the same signature, so even a randomised signer could not
 * produce a second, different one).
 */
export function checkSign(last: SignedRecord | null, height: Height, round: Round, signStep: SignStep,
  signBytes: Uint8Array): SignDecision {
  if (last === null) return { kind: 'sign' };
  const order = compareHrs({ height, round, signStep }, last);
  if (order > 0) return { kind: 'sign' };
  if (order < 0) return { kind: 'refuse', reason: 'regression' };
  if (equalBytes(last.signBytes, signBytes)) return { kind: 'resend', signature: last.signature };
  return { kind: 'refuse', reason: 'conflict' };
}

export interface LockedOrValid {
  readonly round: Round;
  readonly block: ConsensusBlock;
}

/**
 * Everything a validator must not forget across a crash. The driver writes it (synced, replacing
 * the previous one) on every persist effect, before carrying out any later effect.
 * - lastSigned: the double-sign guard.
 * - locked: forgetting a lock would let a restarted validator prevote against it (amnesia), which
 *   breaks the safety argument of the paper's Lemma 5 even though no single signature conflicts.
 * - valid, ownVotes, ownProposals: so that a restarted node re-proposes its valid value and
 *   re-sends its own messages of the height (liveness, not safety).
 */
export interface DurableRecord {
  readonly height: Height;
  readonly round: Round;
  readonly lastSigned: SignedRecord | null;
  readonly locked: LockedOrValid | null;
  readonly valid: LockedOrValid | null;
  readonly ownVotes: readonly Vote[];
  readonly ownProposals: readonly Proposal[];
}

export function assertDurableRecord(record: DurableRecord): void {
  assert(record.locked === null || record.locked.round <= record.round, 'a lock is never from a later round');
  assert(record.valid === null || record.valid.round <= record.round, 'a valid value is never from a later round');
  if (record.locked !== null) {
    assert(record.valid !== null && record.valid.round >= record.locked.round,
      'validRound >= lockedRound (the paper sets both together at line 36, and validRound alone later)');
  }
  for (const vote of record.ownVotes) assert(vote.height === record.height, 'own votes belong to the record height');
  for (const proposal of record.ownProposals) {
    assert(proposal.height === record.height, 'own proposals belong to the record height');
  }
}
