// The approval policy (docs/payouts.md §3): tiers by amount naming the roles that approve, the
// automatic approval bound, the alert days and the claim lease. Governance sets it (proposal kind
// "payout-policy"); until then the default applies. One open policy proposal at a time: its
// governance subject is a fixed hash.
import { pb, type PayoutPolicyMsg, type ProposalRecordMsg } from '../../codec/proto.js';
import { sha256 } from '../../crypto/hash.js';
import { TianpingError, utf8 } from '../../types/index.js';
import type { Overlay, StateView } from '../view.js';
import { PAYOUT_POLICY_KEY } from './keys.js';

export const PAYOUT_POLICY_PROPOSAL_KIND = 'payout-policy';
export const PAYOUT_POLICY_SUBJECT = sha256(utf8('tianping/payout-policy/v1'));

/** The roles that may approve payouts, in the order the chain lists them. */
export const APPROVER_ROLES = ['officer', 'bureau-chief', 'finance', 'court'] as const;
export type ApproverRole = (typeof APPROVER_ROLES)[number];

export const POLICY_TIERS_MAX = 8;
export const TIER_ROLES_MAX = 4;
export const ALERT_DAYS_MAX = 8;
export const ALERT_DAY_MAX = 365;
export const CLAIM_LEASE_MIN_MS = 5_000;
export const CLAIM_LEASE_MAX_MS = 3_600_000;
/** The bound of every case amount (cases/record.ts): a larger automatic-approval bound means "always". */
const AMOUNT_MAX = 2 ** 52 - 1;

export const DEFAULT_PAYOUT_POLICY: Readonly<PayoutPolicyMsg> = Object.freeze(pb.PayoutPolicy.create({
  tiers: [
    { upToFen: 5_000_000, roles: ['officer'] },
    { upToFen: 0, roles: ['officer', 'bureau-chief', 'finance'] },
  ],
  autoApproveBelowFen: 0,
  alertDays: [5, 10, 15, 30],
  claimLeaseMs: 60_000,
}) as PayoutPolicyMsg);

const invalid = (message: string): never => {
  throw new TianpingError('PAYOUT_POLICY_INVALID', message);
};

function checkTiers(policy: PayoutPolicyMsg): void {
  const tiers = policy.tiers;
  if (tiers.length === 0 || tiers.length > POLICY_TIERS_MAX) invalid(`a policy has 1..${POLICY_TIERS_MAX} tiers`);
  tiers.forEach((tier, i) => {
    const last = i === tiers.length - 1;
    const bound = tier.upToFen;
    if (last ? bound !== 0 : !Number.isSafeInteger(bound) || bound <= 0 || bound > AMOUNT_MAX) {
      invalid(last ? 'the last tier is unbounded (up_to_fen 0)' : `tier ${i}: up_to_fen is 1..${AMOUNT_MAX} fen`);
    }
    if (i > 0 && !last && bound <= tiers[i - 1]!.upToFen) invalid(`tier ${i}: up_to_fen must ascend`);
    const roles = tier.roles;
    if (roles.length === 0 || roles.length > TIER_ROLES_MAX) invalid(`tier ${i}: 1..${TIER_ROLES_MAX} roles`);
    if (roles.some((r) => !(APPROVER_ROLES as readonly string[]).includes(r))) invalid(`tier ${i}: roles are ${APPROVER_ROLES.join(', ')}`);
    if (new Set(roles).size !== roles.length) invalid(`tier ${i}: a role is named twice`);
  });
}

/** Every rule of §3; PAYOUT_POLICY_INVALID otherwise. */
export function checkPayoutPolicy(policy: PayoutPolicyMsg): void {
  checkTiers(policy);
  if (!Number.isSafeInteger(policy.autoApproveBelowFen) || policy.autoApproveBelowFen < 0) {
    invalid('auto_approve_below_fen is a non-negative integer');
  }
  const days = policy.alertDays;
  if (days.length > ALERT_DAYS_MAX) invalid(`at most ${ALERT_DAYS_MAX} alert days`);
  days.forEach((day, i) => {
    if (!Number.isInteger(day) || day < 1 || day > ALERT_DAY_MAX) invalid(`alert day ${i} is 1..${ALERT_DAY_MAX}`);
    if (i > 0 && day <= days[i - 1]!) invalid('alert days must ascend');
  });
  const lease = policy.claimLeaseMs;
  if (!Number.isSafeInteger(lease) || lease < CLAIM_LEASE_MIN_MS || lease > CLAIM_LEASE_MAX_MS) {
    invalid(`the claim lease is ${CLAIM_LEASE_MIN_MS}..${CLAIM_LEASE_MAX_MS} ms`);
  }
}

/** The policy in force: the one governance set last, or the default. */
export async function readPayoutPolicy(view: StateView): Promise<PayoutPolicyMsg> {
  const bytes = await view.get(PAYOUT_POLICY_KEY);
  return bytes === undefined ? DEFAULT_PAYOUT_POLICY : pb.PayoutPolicy.decode(bytes) as PayoutPolicyMsg;
}

/** The roles an order of `amountFen` needs: those of the first tier whose bound holds it. */
export function requiredRolesFor(policy: PayoutPolicyMsg, amountFen: number): string[] {
  const tier = policy.tiers.find((t) => t.upToFen === 0 || amountFen <= t.upToFen) ?? policy.tiers[policy.tiers.length - 1];
  return [...(tier?.roles ?? [])];
}

export interface PolicyProposalCheck {
  readonly proposalKind: typeof PAYOUT_POLICY_PROPOSAL_KIND;
  readonly subject: Uint8Array;
  readonly payload: Uint8Array;
}

/** A PayoutPolicyProposal's policy, checked; the opener's standing is governance's to check. */
export function checkPolicyProposal(proposal: { policy?: PayoutPolicyMsg | null } | null | undefined): PolicyProposalCheck {
  const policy = proposal?.policy;
  if (policy == null) return invalid('the proposal carries no policy');
  checkPayoutPolicy(policy);
  return { proposalKind: PAYOUT_POLICY_PROPOSAL_KIND, subject: PAYOUT_POLICY_SUBJECT, payload: pb.PayoutPolicy.encode(policy).finish() };
}

/** The passed proposal's policy is in force from this block's next tx on. */
export function enactPayoutPolicy(overlay: Overlay, proposal: ProposalRecordMsg): void {
  overlay.set(PAYOUT_POLICY_KEY, proposal.payload);
}
