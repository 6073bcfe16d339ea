// Bad input to the case txs is refused with a stable code (a 4xx status) and commits nothing: a
// proposer leaves the tx out and its block writes what an empty block writes; a validator refuses
// a block holding it.
import { describe, expect, it } from 'vitest';
import { pb } from '../../../src/codec/proto.js';
import { casePaymentKey } from '../../../src/state/cases/index.js';
import { checkTxStateful } from '../../../src/state/tx-rules.js';
import { decodeTx, encodeSignedTx, encodeTxBody } from '../../../src/codec/tx.js';
import { sign } from '../../../src/crypto/ed25519.js';
import { txSignBytes } from '../../../src/codec/sign-bytes.js';
import { sha256 } from '../../../src/crypto/hash.js';
import { ERROR_CODES, isTianpingError, utf8, type ErrorCode } from '../../../src/types/index.js';
import { CASE_NO, CHAIN_ID, CaseChain, DOCUMENT, GENESIS_TIME_MS, court, expectRefused, oracle, platform, terms } from './fixture.js';

const T0 = GENESIS_TIME_MS + 60_000;
const AT = T0 + 10_000;
const inFuture = (n: number): number => AT + 60_000 * (n + 1);
const schedule = (...amounts: number[]) => amounts.map((amountFen, n) => ({ amountFen, dueAtMs: inFuture(n) }));

async function anchoredChain(): Promise<CaseChain> {
  const chain = new CaseChain();
  await chain.commit([chain.anchorTx(DOCUMENT, T0)], T0);
  return chain;
}

describe('case refusals', () => {
  const cases: [string, Parameters<typeof terms>[1] & { instalments?: { amountFen: number; dueAtMs: number }[] }, ErrorCode][] = [
    ['unknown template version', { templateVersion: 2 }, 'CASE_TEMPLATE_UNKNOWN'],
    ['document digest never anchored', { documentDigest: sha256(utf8('never anchored')) }, 'CASE_DOCUMENT_NOT_ANCHORED'],
    ['instalments out of order', { instalments: [{ amountFen: 100, dueAtMs: inFuture(2) }, { amountFen: 100, dueAtMs: inFuture(1) }] },
      'CASE_SCHEDULE_OUT_OF_ORDER'],
    ['an amount beyond what the chain holds (2^53 fen)', { instalments: schedule(2 ** 53) }, 'CASE_AMOUNT_OVERFLOW'],
    ['a total beyond what a case holds (2 × 2^52 − 2)', { instalments: schedule(2 ** 52 - 1, 2 ** 52 - 1) }, 'CASE_AMOUNT_OVERFLOW'],
    ['a zero instalment', { instalments: schedule(100, 0) }, 'CASE_AMOUNT_NOT_POSITIVE'],
    ['no instalments', { instalments: [] }, 'CASE_SCHEDULE_EMPTY'],
    ['a bad currency', { currency: 'yuan' }, 'CASE_CURRENCY_INVALID'],
    ['a schedule whose first default lies at the block time', { instalments: [{ amountFen: 100, dueAtMs: AT }] }, 'CASE_SCHEDULE_IN_PAST'],
    ['a case number outside the charset', { caseNo: 'case 1; drop' }, 'CASE_TERMS_INVALID'],
    ['an unknown fee policy', { feePolicy: 'cumulative/9' }, 'CASE_TERMS_INVALID'],
    ['a debtor without key or commitment', { debtor: {} }, 'CASE_TERMS_INVALID'],
    ['a penalty share above 1', { delay: { kind: 3, numerator: 3, denominator: 2 } }, 'CASE_TERMS_INVALID'],
  ];

  it.each(cases)('%s', async (_, o, code) => {
    const chain = await anchoredChain();
    const { instalments, ...rest } = o;
    await expectRefused(chain, chain.createTx(terms(instalments ?? schedule(100_000), rest), AT), code, AT);
    expect(ERROR_CODES[code].status).toBeGreaterThanOrEqual(400);
    expect(ERROR_CODES[code].status).toBeLessThan(500);
  });

  it('takes a document anchored as an item of an indexed batch, and refuses one whose batch kept only its root', async () => {
    const chain = new CaseChain();
    const inBatch = sha256(utf8('judgment anchored in a batch'));
    const rootOnly = sha256(utf8('judgment under a root-only batch'));
    await chain.commit([
      chain.tx(platform, { anchorBatch: { algorithm: 1, category: 'notarial', indexed: { digests: [sha256(utf8('other')), inBatch] } } }, T0),
      chain.tx(platform, { anchorBatch: { algorithm: 1, category: 'notarial', rootOnly: { root: rootOnly, itemCount: 2 } } }, T0),
    ], T0);
    await expectRefused(chain, chain.createTx(terms(schedule(100_000), { documentDigest: rootOnly }), AT),
      'CASE_DOCUMENT_NOT_ANCHORED', AT);
    await chain.commit([chain.createTx(terms(schedule(100_000), { documentDigest: inBatch }), AT)], AT);
  });

  it('refuses a duplicate case number, a creation by a non-court key and an action on an unknown case', async () => {
    const chain = await anchoredChain();
    await expectRefused(chain, chain.createTx(terms(schedule(100_000)), AT, oracle), 'CASE_SIGNER_NOT_ALLOWED', AT);
    await chain.commit([chain.createTx(terms(schedule(100_000)), AT)], AT);
    await expectRefused(chain, chain.createTx(terms(schedule(5)), AT + 1), 'CASE_EXISTS', AT + 1);
    await expectRefused(chain, chain.filingTx(AT + 1, court, true), 'CASE_TRANSITION_INVALID', AT + 1);
    await expectRefused(chain, chain.actionTx(1, 'RETRIAL', AT + 1, court, '(2026)京0491民初9999号'), 'CASE_UNKNOWN', AT + 1);
    // A payment in another currency, a payment from the future, a duplicate bank reference.
    await expectRefused(chain, chain.paymentTx(100, 'B-1', AT, AT + 1, { currency: 'USD' }), 'CASE_CURRENCY_MISMATCH', AT + 1);
    await expectRefused(chain, chain.paymentTx(100, 'B-1', AT + 5, AT + 1), 'PAYMENT_INVALID', AT + 1);
    await chain.commit([chain.paymentTx(100, 'B-1', AT, AT + 1)], AT + 1);
    await expectRefused(chain, chain.paymentTx(100, 'B-1', AT, AT + 2), 'PAYMENT_DUPLICATE', AT + 2);
    expect((await chain.record(CASE_NO)).receivedFen).toBe(100);
  });

  it('the mempool\'s admission check (committed state, the node\'s clock) runs the same rules', async () => {
    const chain = await anchoredChain();
    await chain.commit([chain.createTx(terms(schedule(100_000)), AT)], AT);
    const ctx = chain.ctx(AT + 1);
    const admit = (tx: ReturnType<CaseChain['tx']>): Promise<unknown> => checkTxStateful(tx, chain.view, ctx)
      .then((action) => action.kind === 'case' ? action.plan.events.length : action.kind, (e: unknown) => (isTianpingError(e) ? e.code : e));
    expect(await admit(chain.actionTx(1, 'RETRIAL', AT + 1, oracle))).toBe('CASE_SIGNER_NOT_ALLOWED');
    expect(await admit(chain.actionTx(1, 'RETRIAL', AT + 1))).toBe(1);
    expect(await admit(chain.paymentTx(100_000, 'B-9', AT, AT + 1))).toBe(3); // received, performed, the payee's payout order
    expect(chain.view.entries.get(casePaymentKey(CASE_NO, 'B-9'))).toBeUndefined();
  });

  it('amounts beyond the case bound are refused; a u64 the codec cannot read exactly does not decode', async () => {
    const chain = await anchoredChain();
    await chain.commit([chain.createTx(terms(schedule(100_000)), AT)], AT);
    // 2^60 is exact in a double: it decodes, and the payment check refuses it.
    await expectRefused(chain, chain.paymentTx(2 ** 60, 'B-BIG', AT, AT + 1), 'CASE_AMOUNT_OVERFLOW', AT + 1);
    // 2^64 − 1 on the wire (field 3 of PaymentReport, a 10-byte varint): read as a double it is not
    // that number, re-encodes differently, and the tx is refused before any state is read.
    const report = pb.PaymentReport.encode({ caseNo: CASE_NO, bankRef: 'B-MAX', currency: 'CNY', receivedAtMs: AT, direction: 1 }).finish();
    const withMax = Uint8Array.from([...report, 0x18, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
    const head = encodeTxBody({ chainId: CHAIN_ID, signer: oracle.publicKey, nonce: 7, expiresAtMs: AT + 60_000 });
    const body = Uint8Array.from([...head, 0xd2, 0x02, withMax.length, ...withMax]); // field 42, length-delimited
    const signed = encodeSignedTx(body, sign(oracle.seed, txSignBytes(CHAIN_ID, body)));
    const error = (() => {
      try {
        decodeTx(signed, 1 << 20);
        return undefined;
      } catch (e) {
        return isTianpingError(e) ? e.code : e;
      }
    })();
    expect(error).toBe('TX_NOT_CANONICAL');
  });
});
