// A court's record of a cross-chain verification under a case (docs/crosschain.md §4). The verdict
// is the court's signed statement: state does not re-run the verification, it checks the record's
// fields and who signs it, and adds what it knows at the block: the chain's standing and newest
// trusted height, and the platform key's standing on this chain.
import { algorithmName } from '../../codec/algorithms.js';
import { pb, type CrossChainVerificationMsg } from '../../codec/proto.js';
import type { DecodedTx } from '../../codec/tx.js';
import { HASH_BYTES, PUBLIC_KEY_BYTES, utf8 } from '../../types/index.js';
import { readCase } from '../cases/read-case.js';
import { isCaseNo } from '../cases/terms.js';
import type { MemberRecord } from '../members.js';
import { readMember } from '../members.js';
import type { StateView } from '../view.js';
import { mainHeightOf, type CrossChainContext, type CrossChainPlan } from './context.js';
import { encodeCount, readCount, verificationCountKey, verificationKey } from './keys.js';
import { foreignStanding, refuse, registeredChain } from './record.js';

export const FAILED_CHECK_BYTES_MAX = 64;

const invalid = (message: string): never => refuse('CROSSCHAIN_VERIFICATION_INVALID', message);

/** The record's own fields, before any state is read. */
export function checkVerificationFields(verification: CrossChainVerificationMsg): void {
  if (algorithmName(verification.algorithm) === undefined) invalid(`algorithm ${verification.algorithm} is not sha256 (1) or sm3 (2)`);
  if (verification.digest.length !== HASH_BYTES) invalid(`digest must be ${HASH_BYTES} bytes`);
  const failedBytes = utf8(verification.failedCheck).length;
  if (verification.valid ? failedBytes !== 0 : failedBytes === 0) invalid('failed_check names the failed check exactly when the verdict is not valid');
  if (failedBytes > FAILED_CHECK_BYTES_MAX) invalid(`failed_check exceeds ${FAILED_CHECK_BYTES_MAX} bytes`);
  if (!Number.isSafeInteger(verification.foreignHeight)) invalid('foreign_height is not an integer below 2^53');
  if (verification.platform.length !== 0 && verification.platform.length !== PUBLIC_KEY_BYTES) {
    invalid(`platform must be empty or a ${PUBLIC_KEY_BYTES}-byte key`);
  }
  if (verification.receiptDigest.length !== HASH_BYTES) invalid(`receipt_digest must be ${HASH_BYTES} bytes`);
}

/** Who may record (an active court key), the case, the chain and its standing; plans the record. */
export async function checkVerification(tx: DecodedTx, view: StateView, ctx: CrossChainContext, signer: MemberRecord | undefined):
  Promise<CrossChainPlan> {
  const verification = tx.body.crossChainVerification as CrossChainVerificationMsg;
  checkVerificationFields(verification);
  if (signer === undefined || signer.status !== 'active' || signer.role !== 'court') {
    refuse('SIGNER_NOT_MEMBER', 'only an active court key records a cross-chain verification');
  }
  const caseNo = verification.caseNo;
  if (!isCaseNo(caseNo) || (await readCase(view, caseNo)) === undefined) refuse('CASE_UNKNOWN', `no case ${JSON.stringify(caseNo)}`);
  const chain = await registeredChain(view, verification.name);
  const standing = foreignStanding(chain, ctx.timeMs);
  if (verification.valid && standing === 'frozen') refuse('FOREIGN_CHAIN_FROZEN', `foreign chain ${JSON.stringify(verification.name)} is frozen`);
  if (verification.valid && standing === 'expired') refuse('FOREIGN_CHAIN_EXPIRED', `foreign chain ${JSON.stringify(verification.name)} has expired`);
  const platform = verification.platform.length === 0 ? undefined : await readMember(view, verification.platform);
  const record = pb.CrossChainVerificationRecord.create({
    verification, court: tx.body.signer, height: mainHeightOf(ctx), timeMs: ctx.timeMs, txHash: tx.hash, chainStanding: standing,
    chainLatestHeight: chain.latestHeight,
    // No key named: nothing to say about it (empty), rather than claim it is no member.
    platformStanding: verification.platform.length === 0 ? '' : platform?.status ?? 'not-member',
  });
  const seq = await readCount(view, verificationCountKey(caseNo));
  return { writes: [
    [verificationKey(caseNo, seq), pb.CrossChainVerificationRecord.encode(record).finish()],
    [verificationCountKey(caseNo), encodeCount(seq + 1)],
  ] };
}
