// Builds and signs the payout txs (docs/payouts.md): a validator's approval policy proposal, an
// approver's approval, a court's or officer's hold, the executor's claim and result, and the daily
// reconciliation. The chain decides whether each holds; these only shape and sign. Browser-safe
// like tx.ts.
import { PayoutHoldKind, ReconciliationState } from '../codec/index.js';
import { HASH_BYTES, TianpingError, fromHex } from '../types/index.js';
import { signTx, toDigest, type BuiltTx, type TxCommon } from './tx.js';

export const PAYOUT_HOLD_KINDS = {
  dispute: PayoutHoldKind.PAYOUT_HOLD_KIND_DISPUTE,
  freeze: PayoutHoldKind.PAYOUT_HOLD_KIND_FREEZE,
  suspension: PayoutHoldKind.PAYOUT_HOLD_KIND_SUSPENSION,
  'not-collecting': PayoutHoldKind.PAYOUT_HOLD_KIND_NOT_COLLECTING,
} as const;
export type PayoutHoldKindName = keyof typeof PAYOUT_HOLD_KINDS;

export const RECONCILIATION_STATES = {
  settled: ReconciliationState.RECONCILIATION_STATE_SETTLED,
  unpaid: ReconciliationState.RECONCILIATION_STATE_UNPAID,
  mismatched: ReconciliationState.RECONCILIATION_STATE_MISMATCHED,
  duplicate: ReconciliationState.RECONCILIATION_STATE_DUPLICATE,
  unknown: ReconciliationState.RECONCILIATION_STATE_UNKNOWN,
} as const;
export type ReconciliationStateName = keyof typeof RECONCILIATION_STATES;

export interface PayoutPolicyParams {
  /** Ascending bounds; the last tier's upToFen is 0 (no bound). Roles: officer, bureau-chief, finance, court. */
  readonly tiers: readonly { readonly upToFen: number; readonly roles: readonly string[] }[];
  readonly autoApproveBelowFen?: number;
  readonly alertDays?: readonly number[];
  readonly claimLeaseMs?: number;
}

export interface PayoutPolicyProposalTxParams extends TxCommon {
  readonly policy: PayoutPolicyParams;
}

/** A payout id: 32 bytes or 64 hex characters. */
export type PayoutIdParam = Uint8Array | string;

export interface PayoutApprovalTxParams extends TxCommon {
  readonly payoutId: PayoutIdParam;
  /** The order's amount: an approval names what it approves. */
  readonly amountFen: number;
}

export interface PayoutHoldTxParams extends TxCommon {
  readonly caseNo: string;
  /** One order; omitted: every unsettled order of the case and those it makes later. */
  readonly payoutId?: PayoutIdParam;
  readonly kind: PayoutHoldKindName;
  readonly reason?: string;
  /** Lifts a hold of this kind instead. */
  readonly release?: boolean;
}

export interface PayoutClaimTxParams extends TxCommon {
  readonly payoutId: PayoutIdParam;
}

export interface PayoutResultTxParams extends TxCommon {
  readonly payoutId: PayoutIdParam;
  readonly settled: boolean;
  /** The bank's reference of the transfer: 1–64 of [0-9A-Za-z._:/-]. */
  readonly bankRef: string;
  readonly amountFen: number;
  readonly failureReason?: string;
}

export interface ReconciliationEntryParams {
  /** The payout id in hex, or a receipt's bank reference. */
  readonly endToEndId: string;
  readonly state: ReconciliationStateName;
  readonly amountFen: number;
  readonly caseNo?: string;
}

export interface PayoutReconciliationTxParams extends TxCommon {
  /** YYYY-MM-DD, China time. */
  readonly statementDate: string;
  /** SHA-256 of the report file: 32 bytes or 64 hex characters. */
  readonly reportDigest: Uint8Array | string;
  readonly entries: readonly ReconciliationEntryParams[];
}

function idBytes(value: PayoutIdParam): Uint8Array {
  const bytes = typeof value === 'string' ? fromHex(value) : value;
  if (bytes === undefined || bytes.length !== HASH_BYTES) {
    throw new TianpingError('PAYOUT_FIELD_INVALID', `a payout id is ${HASH_BYTES} bytes (${HASH_BYTES * 2} hex characters)`);
  }
  return bytes;
}

function nameOf<T extends Record<string, number>>(table: T, name: string, what: string): T[keyof T] {
  if (!Object.hasOwn(table, name)) throw new TianpingError('PAYOUT_FIELD_INVALID', `${what} must be one of ${Object.keys(table).join(', ')}`);
  return table[name as keyof T];
}

/** A validator's proposal of a new approval policy; its tx counts as its approval. */
export function payoutPolicyProposalTx(params: PayoutPolicyProposalTxParams): BuiltTx {
  const { policy } = params;
  return signTx(params, { payoutPolicyProposal: { policy: {
    tiers: policy.tiers.map((t) => ({ upToFen: t.upToFen, roles: [...t.roles] })), autoApproveBelowFen: policy.autoApproveBelowFen ?? 0,
    alertDays: [...(policy.alertDays ?? [])], claimLeaseMs: policy.claimLeaseMs ?? 60_000,
  } } });
}

/** An officer's, bureau chief's, finance's or court's approval of one order. */
export function payoutApprovalTx(params: PayoutApprovalTxParams): BuiltTx {
  return signTx(params, { payoutApproval: { payoutId: idBytes(params.payoutId), amountFen: params.amountFen } });
}

/** A hold on one order or on the case's orders (or its release), by a court or officer key. */
export function payoutHoldTx(params: PayoutHoldTxParams): BuiltTx {
  return signTx(params, { payoutHold: {
    caseNo: params.caseNo, payoutId: params.payoutId === undefined ? new Uint8Array() : idBytes(params.payoutId),
    kind: nameOf(PAYOUT_HOLD_KINDS, params.kind, 'kind'), reason: params.reason ?? '', release: params.release ?? false,
  } });
}

/** The executor's claim of an approved order before it calls the bank. */
export function payoutClaimTx(params: PayoutClaimTxParams): BuiltTx {
  return signTx(params, { payoutClaim: { payoutId: idBytes(params.payoutId) } });
}

/** The bank's answer for a claimed order, reported by the claimant. */
export function payoutResultTx(params: PayoutResultTxParams): BuiltTx {
  return signTx(params, { payoutResult: {
    payoutId: idBytes(params.payoutId), settled: params.settled, bankRef: params.bankRef, amountFen: params.amountFen,
    failureReason: params.failureReason ?? '',
  } });
}

/** A day's statement matched against the chain, by an executor or finance key. */
export function payoutReconciliationTx(params: PayoutReconciliationTxParams): BuiltTx {
  return signTx(params, { payoutReconciliation: {
    statementDate: params.statementDate, reportDigest: toDigest(params.reportDigest, 'report digest'),
    entries: params.entries.map((e, i) => ({
      endToEndId: e.endToEndId, state: nameOf(RECONCILIATION_STATES, e.state, `entries[${i}].state`), amountFen: e.amountFen,
      caseNo: e.caseNo ?? '',
    })),
  } });
}
