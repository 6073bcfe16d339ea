// The rules a transaction must pass, in the order they are checked: cheap structural checks first,
// the signature next, then the checks that read state. The mempool runs them at admission and the
// state machine again in every block, at the block's time: what was valid when it arrived may have
// expired by the time it is proposed.
import { algorithmName } from '../codec/algorithms.js';
import { anchorOf, type DecodedTx } from '../codec/tx.js';
import { txSignBytes } from '../codec/sign-bytes.js';
import { TianpingError, utf8, HASH_BYTES } from '../types/index.js';
import type { ChainParams } from './genesis.js';
import { readMember, type MemberReader } from './members.js';
import { categoryKey, txKey } from './keys.js';
import type { OrderedState } from './view.js';
import type { TxCheckContext } from './check-context.js';
import { checkEquivocation, equivocationKey, reportOf, type Offence } from './equivocation.js';
import { anchorFieldsOf, batchOf, checkBatch } from './batch.js';
import { checkGovernance, isGovernanceTx, type GovernanceCheck, type GovernanceContext } from './governance.js';
import { checkCaseTx, isCaseTx, type CasePlan } from './cases/index.js';
import { checkCrossChainStateless, checkCrossChainTx, isCrossChainTx, type CrossChainPlan } from './crosschain/index.js';
import { checkPayoutStateless, checkPayoutTx, isPayoutTx } from './payouts/index.js';


export function checkTxStateless(tx: DecodedTx, ctx: TxCheckContext): void {
  const { body } = tx;
  if (body.chainId !== ctx.chainId) {
    throw new TianpingError('TX_WRONG_CHAIN', `transaction is for chain "${body.chainId}", this is "${ctx.chainId}"`);
  }
  if (!Number.isSafeInteger(body.nonce)) throw new TianpingError('TX_NONCE_INVALID');
  if (body.expiresAtMs <= ctx.timeMs) {
    throw new TianpingError('TX_EXPIRED', `transaction expired at ${body.expiresAtMs}; time is ${ctx.timeMs}`);
  }
  if (body.expiresAtMs > ctx.timeMs + ctx.params.txExpiryMaxMs) {
    throw new TianpingError('TX_EXPIRY_TOO_FAR',
      `expiry may lie at most ${ctx.params.txExpiryMaxMs} ms after the current time`);
  }
  checkAction(tx, ctx.params);
  if (ctx.isVerified?.(tx) === true) return;
  if (!ctx.verifier.verify(body.signer, txSignBytes(ctx.chainId, tx.bodyBytes), tx.signature)) {
    throw new TianpingError('TX_BAD_SIGNATURE');
  }
}

function checkAction(tx: DecodedTx, params: ChainParams): void {
  if (tx.body.action === 'reportEquivocation' && reportOf(tx) !== undefined) return;
  if (isGovernanceTx(tx) || isCaseTx(tx)) return;
  if (isCrossChainTx(tx)) {
    checkCrossChainStateless(tx);
    return;
  }
  if (isPayoutTx(tx)) {
    checkPayoutStateless(tx);
    return;
  }
  const batch = batchOf(tx);
  if (batch !== undefined) {
    checkBatch(batch, params);
    return;
  }
  const anchor = anchorOf(tx.body);
  if (anchor === undefined) {
    throw new TianpingError('TX_ACTION_MISSING');
  }
  if (algorithmName(anchor.algorithm) === undefined) {
    throw new TianpingError('ALGORITHM_UNSUPPORTED', `hash algorithm ${anchor.algorithm} is not sha256 (1) or sm3 (2)`);
  }
  if (anchor.digest.length !== HASH_BYTES) {
    throw new TianpingError('EVIDENCE_FIELD_INVALID', `digest must be ${HASH_BYTES} bytes`);
  }
  if (anchor.metadataDigest.length !== 0 && anchor.metadataDigest.length !== HASH_BYTES) {
    throw new TianpingError('EVIDENCE_FIELD_INVALID', `metadata digest must be empty or ${HASH_BYTES} bytes`);
  }
  if (utf8(anchor.externalRef).length > params.externalRefBytesMax) {
    throw new TianpingError('EVIDENCE_FIELD_INVALID', `external reference exceeds ${params.externalRefBytesMax} bytes`);
  }
}

export interface StatefulCheckContext extends GovernanceContext {
  /**
   * Reads the signer's member record and the tx's category instead of the view: the mempool's
   * cache of committed state, or in block execution a reader of the block's own overlay.
   */
  readonly members?: MemberReader | undefined;
}

/** What a tx does once applied; the state machine writes it. */
export type CheckedAction =
  | { readonly kind: 'anchor' }
  | { readonly kind: 'equivocation'; readonly offence: Offence }
  | { readonly kind: 'governance'; readonly check: GovernanceCheck }
  | { readonly kind: 'case'; readonly plan: CasePlan }
  /** Approvals, holds, claims, results, reconciliations: written like a case tx, their events are case events. */
  | { readonly kind: 'payout'; readonly plan: CasePlan }
  | { readonly kind: 'crosschain'; readonly plan: CrossChainPlan };

export async function checkTxStateful(tx: DecodedTx, view: OrderedState, ctx: StatefulCheckContext): Promise<CheckedAction> {
  if ((await view.get(txKey(tx.id))) !== undefined) throw new TianpingError('TX_ALREADY_COMMITTED');
  if (isGovernanceTx(tx)) return { kind: 'governance', check: await checkGovernance(tx, view, ctx) };
  const member = await (ctx.members?.member(tx.body.signer) ?? readMember(view, tx.body.signer));
  if (isCaseTx(tx)) return { kind: 'case', plan: await checkCaseTx(tx, view, ctx, member) };
  // Foreign chains' updates (any active member) and the courts' verification records.
  if (isCrossChainTx(tx)) return { kind: 'crosschain', plan: await checkCrossChainTx(tx, view, ctx, member) };
  // Payouts (docs/payouts.md): the roles each tx needs are the payout rules' to check.
  if (isPayoutTx(tx)) return { kind: 'payout', plan: await checkPayoutTx(tx, view, ctx, member) };
  const report = reportOf(tx);
  if (report !== undefined) {
    // Node keys report what their nodes saw on the wire.
    if (member === undefined || member.status !== 'active' || (member.role !== 'validator' && member.role !== 'observer')) {
      throw new TianpingError('SIGNER_NOT_MEMBER', 'only validator and observer nodes report equivocation');
    }
    const offence = await checkEquivocation(report, ctx.chainId, view, ctx.verifier);
    if ((await view.get(equivocationKey(offence))) !== undefined) throw new TianpingError('EQUIVOCATION_DUPLICATE');
    return { kind: 'equivocation', offence };
  }
  if (member === undefined || member.status !== 'active' || member.role !== 'submitter') {
    throw new TianpingError('SIGNER_NOT_MEMBER', 'signer is not an active submitter of this chain');
  }
  const category = anchorFieldsOf(tx)?.category ?? '';
  const categoryKnown = ctx.members === undefined ? (await view.get(categoryKey(category))) !== undefined
    : await ctx.members.hasCategory(category);
  if (!categoryKnown) {
    throw new TianpingError('CATEGORY_UNKNOWN', `category "${category}" is not in the chain's list`);
  }
  if (member.categories.length > 0 && !member.categories.includes(category)) {
    throw new TianpingError('CATEGORY_NOT_ALLOWED', `submitter may not anchor in "${category}"`);
  }
  return { kind: 'anchor' };
}
