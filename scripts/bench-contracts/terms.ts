// The terms of the contracts the contract benches create (bench:contracts on a testnet, bench:clock
// in one process), so that both measure the same contract: one creditor and one debtor named by
// identity commitments (the creditor the only payee), ¥1,000.00 instalments, no grace, no
// acceleration, no automatic filing, statutory delay interest. Each instalment's clock entry makes
// exactly one DEFAULT event, so a block's event count is the clock's entries in it.
import type { tianping } from '../../src/codec/gen/tianping.js';
import { pb } from '../../src/codec/proto.js';

/** ¥1,000.00 per instalment. */
const INSTALMENT_FEN = 100_000;

const caseNo = (k: number): string => `(2026)京0491执${k}号`;

/** Contract k on document `digest`: one unpaid instalment at each of `dueTimesMs`. */
export function benchCaseTerms(k: number, digest: Uint8Array, parties: { readonly creditor: Uint8Array; readonly debtor: Uint8Array },
  dueTimesMs: readonly number[]): tianping.v1.CaseTerms.$Properties {
  const creditor = { identityCommitment: parties.creditor };
  return {
    templateVersion: 1, caseNo: caseNo(k), documentAlgorithm: pb.HashAlgorithm.HASH_ALGORITHM_SHA256, documentDigest: digest,
    creditors: [creditor], debtor: { identityCommitment: parties.debtor },
    payees: [{ party: creditor, weight: 1 }], caseAccountRef: `BENCH-${k}`, currency: 'CNY',
    instalments: dueTimesMs.map((dueAtMs) => ({ amountFen: INSTALMENT_FEN, dueAtMs })),
    graceMs: 0, acceleration: false, delay: { kind: pb.CaseDelayKind.CASE_DELAY_KIND_STATUTORY }, graceDelaysInterest: false,
    paymentOrder: pb.CasePaymentOrder.CASE_PAYMENT_ORDER_PRINCIPAL_FIRST, exemptClaimTypes: [], autoFile: false, feePolicy: 'cumulative/1',
  };
}
