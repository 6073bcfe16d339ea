// The cross-chain txs other than the proposal (governance's): who may sign each and which check it
// runs. Any active member relays a light-client update or a misbehaviour (the relayer gains nothing
// but the record); only a court key records a verification.
import type { CrossChainVerificationMsg, TxBodyMsg } from '../../codec/proto.js';
import type { DecodedTx } from '../../codec/tx.js';
import type { MemberRecord } from '../members.js';
import type { OrderedState, Overlay } from '../view.js';
import type { CrossChainContext, CrossChainPlan } from './context.js';
import { FOREIGN_KINDS, UPDATE_ACTIONS } from './kinds.js';
import { refuse, registeredChain } from './record.js';
import { checkVerification, checkVerificationFields } from './verification.js';

const VERIFICATION_ACTION = 'crossChainVerification';

export const isCrossChainTx = (tx: DecodedTx): boolean => {
  const action = tx.body.action ?? '';
  return action === VERIFICATION_ACTION || UPDATE_ACTIONS.has(action);
};

/** The checks that read no state (tx-rules.ts runs them before the signature). */
export function checkCrossChainStateless(tx: DecodedTx): void {
  if (tx.body.action === VERIFICATION_ACTION && tx.body.crossChainVerification != null) checkVerificationFields(tx.body.crossChainVerification as CrossChainVerificationMsg);
}

export async function checkCrossChainTx(tx: DecodedTx, view: OrderedState, ctx: CrossChainContext, signer: MemberRecord | undefined):
  Promise<CrossChainPlan> {
  const action = tx.body.action ?? '';
  if (action === VERIFICATION_ACTION) return checkVerification(tx, view, ctx, signer);
  if (signer === undefined || signer.status !== 'active') refuse('SIGNER_NOT_MEMBER', 'only an active member relays a foreign chain\'s update');
  const { name } = tx.body[action as keyof TxBodyMsg] as { name: string };
  const record = await registeredChain(view, name);
  const check = FOREIGN_KINDS.get(record.registration?.kind ?? 0)?.updates[action];
  if (check === undefined) refuse('FOREIGN_CHAIN_KIND_MISMATCH', `${JSON.stringify(name)} is not a chain of the kind ${action} updates`);
  return check(tx, record, view, ctx);
}

export function applyCrossChainPlan(overlay: Overlay, plan: CrossChainPlan): void {
  for (const [key, value] of plan.writes) overlay.set(key, value);
}
