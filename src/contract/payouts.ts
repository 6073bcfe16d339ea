// The JSON of the payout reads (docs/payouts.md §1, §3, §8): payout orders as the chain keeps them,
// with the deadline alert and the reconciliation state the read model adds, the approval policy in
// force, and the money received the reconciliation matches a bank statement against. Shared by the
// routes, the node's views (api/components.ts) and the CLI, like http.ts and cases.ts.
//
// Amounts here are integer fen as JSON numbers: the chain bounds every amount below 2^53 (the proto's
// note on 64-bit integers), and the bank gateway and the dispatcher pass them through as integers.
import { Type, type TLiteral } from '@sinclair/typebox';
import { LowerHex, SafeUint } from './http.js';

type Union<T extends string> = ReturnType<typeof Type.Union<[TLiteral<T>]>>;
/** A union of literals, not an enum: request validation (the status filter) compiles it with TypeBox. */
const literals = <T extends string>(names: readonly T[], description: string): Union<T> =>
  Type.Union(names.map((name) => Type.Literal(name)) as unknown as [TLiteral<T>], { description });

export const PAYOUT_STATUSES = ['awaiting-approval', 'approved', 'claimed', 'settled', 'failed'] as const;
export type PayoutStatusName = (typeof PAYOUT_STATUSES)[number];
export const PayoutStatusSchema = literals(PAYOUT_STATUSES, 'awaiting-approval, approved (may be claimed and paid), claimed (an executor '
  + 'is paying it), settled (the bank paid it), failed (the bank refused it; a new order replaces it)');

export const RECONCILIATION_STATES = ['settled', 'unpaid', 'mismatched', 'duplicate', 'unknown'] as const;
export type ReconciliationStateName = (typeof RECONCILIATION_STATES)[number];

/**
 * The payee, as cases.ts shows a party (member key or identity commitment). Written here, not
 * imported: cases.ts lists a case's payouts with PayoutSchema, and the two modules must not import
 * each other.
 */
export const PayeeSchema = Type.Object({
  kind: Type.Unsafe<'member' | 'commitment'>({ type: 'string', enum: ['member', 'commitment'] }),
  id: LowerHex('The member public key, or SHA-256(salt || identity): 32 bytes, lowercase hex'),
});

export const PayoutApprovalSchema = Type.Object({
  approver: LowerHex('The approving member key'),
  role: Type.String({ description: 'The role the approval counts for: officer, bureau-chief, finance or court' }),
  height: SafeUint('The block that recorded it'),
});

export const PayoutSchema = Type.Object({
  id: LowerHex('SHA-256("tianping/payout/v1" || chain id || case no || payout seq || payee index): the bank\'s idempotency key '
    + 'and the transfer\'s end-to-end id'),
  caseNo: Type.String(),
  payoutSeq: SafeUint('The case\'s payout counter: one per receipt of money, one more per re-issue'),
  payeeIndex: SafeUint('The payee\'s place in the case\'s payee list'),
  payee: PayeeSchema,
  accountCommitment: LowerHex('SHA-256("tianping/account/v1" || salt || account JSON) from the terms; empty when none was given'),
  amountFen: SafeUint('Integer fen'),
  currency: Type.String(),
  status: PayoutStatusSchema,
  holds: Type.Array(Type.String(), { description: 'Hold kinds in force: dispute, freeze, suspension, not-collecting' }),
  requiredRoles: Type.Array(Type.String(), { description: 'One approval of each is needed (the policy\'s tier for the amount when ordered)' }),
  approvals: Type.Array(PayoutApprovalSchema),
  claimant: LowerHex('The executor key of the live (or last) claim; empty when never claimed'),
  claimExpiresAtMs: SafeUint('Block time at which the claim lapses; 0 when never claimed'),
  bankRef: Type.String({ description: 'The bank\'s reference of the transfer, once reported' }),
  failureReason: Type.String({ description: 'The bank\'s reason, for a failed order' }),
  reissueOf: LowerHex('The failed order this one replaces; empty for a first order'),
  reissuedAs: LowerHex('The order that replaced this failed one; empty otherwise'),
  moneyReceivedAtMs: SafeUint('When the money that made the order arrived: deadlines count from here'),
  orderedHeight: SafeUint('The block that made the order'),
  eventSeq: SafeUint('The case event carrying this state of the order: GET /v1/cases/:caseNo/events/:eventSeq/receipt proves it'),
  alertDays: SafeUint('For an order not settled or failed: the largest of the policy\'s alert days that has passed since the money '
    + 'arrived, by the newest block time; else 0'),
  reconciliation: literals<ReconciliationStateName | ''>([...RECONCILIATION_STATES, ''],
    'The state the newest reconciliation naming the order gave it (settled, unpaid, mismatched, duplicate, unknown); empty when none has'),
});

export const PayoutListSchema = Type.Object({
  payouts: Type.Array(PayoutSchema, { description: 'By id (lowercase hex order)' }),
  next: Type.Optional(LowerHex('Present when the scan has more: pass as ?after= (a page may hold fewer than limit, even none)')),
});

export const PayoutPolicySchema = Type.Object({
  tiers: Type.Array(Type.Object({
    upToFen: SafeUint('The tier covers amounts up to this many fen; 0 on the last tier: no bound'),
    roles: Type.Array(Type.String(), { description: 'One approval of each role is needed' }),
  }), { description: 'By ascending bound' }),
  autoApproveBelowFen: SafeUint('Orders below this amount are approved when ordered; 0: none'),
  alertDays: Type.Array(SafeUint('Days'), { description: 'Days after the money arrived at which an unsettled order is flagged' }),
  claimLeaseMs: SafeUint('A claim lapses this long after its block time'),
  source: Type.Union([Type.Literal('default'), Type.Literal('governance')], {
    description: 'default: no payout-policy proposal has passed; governance: the one that passed last',
  }),
});

export const MoneyReceivedSchema = Type.Object({
  bankRef: Type.String({ description: 'The bank\'s reference of the money received: its end-to-end id on a statement' }),
  caseNo: Type.String({ description: 'The case it was reported for; empty for money the chain holds as unmatched' }),
  amountFen: SafeUint('Integer fen'),
  currency: Type.String(),
  receivedAtMs: SafeUint('When the bank received it, as reported'),
  height: SafeUint('The block that recorded the report'),
});

export const MoneyReceivedListSchema = Type.Object({
  received: Type.Array(MoneyReceivedSchema, { description: 'Reported for a case by case, then bank reference; then the unmatched ones' }),
  next: Type.Optional(Type.String({ description: 'Present when more exist: pass as ?after=' })),
});
