// The SDK's case txs: TERMS.json read into CaseTerms (the committed example in docs/examples, so it
// cannot rot), each mistake refused with the chain's code and the field it concerns, amounts that
// never meet a float, the salted identity commitment, and the signed txs decoded back.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  caseActionTx, caseTermsFromJson, createCaseTx, fileExecutionTx, identityCommitment, parseGrace, parseIsoTime, reportPaymentTx,
} from '../../src/client/index.js';
import { decodeTx, txSignBytes, type TxBodyMsg } from '../../src/codec/index.js';
import { keyPairFromSeed, verifyStrict } from '../../src/crypto/ed25519.js';
import { sha256 } from '../../src/crypto/hash.js';
import { TianpingError, fromHex, toHex, utf8 } from '../../src/types/index.js';

const EXAMPLE = JSON.parse(readFileSync('docs/examples/case-terms.json', 'utf8')) as Record<string, unknown>;
const keyPair = keyPairFromSeed(sha256(utf8('case tx test key')));
const common = { chainId: 'tianping-test', keyPair, nonce: 7, expiresAtMs: 2_000_000_000_000 };
const with_ = (patch: Record<string, unknown>): Record<string, unknown> => ({ ...EXAMPLE, ...patch });

function refusal(f: () => unknown): { code: string; field: unknown; message: string } {
  try {
    f();
  } catch (error) {
    if (!(error instanceof TianpingError)) throw error;
    return { code: error.code, field: error.detail['field'], message: error.message };
  }
  throw new Error('not refused');
}

/** The body of a signed tx, after checking that the key signed it for the chain. */
function decode(bytes: Uint8Array): TxBodyMsg {
  const tx = decodeTx(bytes, 1 << 20);
  expect(verifyStrict(keyPair.publicKey, txSignBytes(common.chainId, tx.bodyBytes), tx.signature)).toBe(true);
  expect(tx.body.expiresAtMs).toBe(common.expiresAtMs);
  return tx.body;
}

describe('TERMS.json', () => {
  it('reads the documented example into the terms of template 1', () => {
    const terms = caseTermsFromJson(EXAMPLE);
    expect(terms).toMatchObject({
      templateVersion: 1, caseNo: '(2026)京0491民初1234号', documentAlgorithm: 1, caseAccountRef: 'BJ0491-2026-1234', currency: 'CNY',
      graceMs: 3 * 86_400_000, acceleration: true, delay: { kind: 1 }, graceDelaysInterest: false, paymentOrder: 1,
      exemptClaimTypes: [2], autoFile: false, feePolicy: 'cumulative/1',
    });
    // 23:59:59 in UTC+08:00 is 15:59:59 UTC; yuan strings and integer fen give the same amount.
    expect(terms.instalments).toEqual([
      { amountFen: 1_000_000, dueAtMs: Date.parse('2026-03-28T15:59:59Z') },
      { amountFen: 1_000_000, dueAtMs: Date.parse('2026-04-28T15:59:59Z') },
      { amountFen: 1_000_000, dueAtMs: Date.parse('2026-05-28T15:59:59Z') },
    ]);
    expect(toHex(terms.documentDigest!)).toBe((EXAMPLE['document'] as { digest: string }).digest);
  });

  it('docs/contracts.md shows the example file as it is', () => {
    const docs = readFileSync('docs/contracts.md', 'utf8');
    const section = docs.slice(docs.indexOf('## 14. The CLI and TERMS.json'));
    const block = /```json\n([\s\S]*?)```/.exec(section);
    expect(block).not.toBeNull();
    expect(JSON.parse(block![1]!)).toEqual(EXAMPLE);
  });

  it('the example\'s commitments are those of its documented identities and salts', () => {
    const creditor = identityCommitment('示例债权人 Example Creditor', fromHex('00112233445566778899aabbccddeeff')!);
    const debtor = identityCommitment('示例债务人 Example Debtor', fromHex('ffeeddccbbaa99887766554433221100')!);
    const terms = caseTermsFromJson(EXAMPLE);
    expect(terms.creditors).toEqual([{ identityCommitment: creditor }]);
    expect(terms.debtor).toEqual({ identityCommitment: debtor });
  });

  it('amounts never pass through a float', () => {
    const amount = (a: Record<string, unknown>): unknown =>
      caseTermsFromJson(with_({ instalments: [{ ...a, dueAt: '2026-03-28T23:59:59+08:00' }] })).instalments![0]!.amountFen;
    expect(amount({ amount: '0.29' })).toBe(29);
    expect(amount({ amount: '1234567.8' })).toBe(123_456_780);
    expect(amount({ amountFen: '4503599627370495' })).toBe(2 ** 52 - 1);
    expect(refusal(() => amount({ amount: 100.5 }))).toMatchObject({ code: 'CASE_TERMS_INVALID', field: 'instalments[0].amount' });
    expect(refusal(() => amount({ amount: '1.005' }))).toMatchObject({ code: 'CASE_TERMS_INVALID', field: 'instalments[0].amount' });
    expect(refusal(() => amount({ amountFen: 100.5 }))).toMatchObject({ code: 'CASE_TERMS_INVALID', field: 'instalments[0].amountFen' });
    expect(refusal(() => amount({ amountFen: '4503599627370496' }))).toMatchObject({ code: 'CASE_AMOUNT_OVERFLOW' });
    expect(refusal(() => amount({ amount: '0.00' }))).toMatchObject({ code: 'CASE_AMOUNT_NOT_POSITIVE', field: 'instalments[0].amount' });
    expect(refusal(() => amount({ amount: '1.00', amountFen: 100 })).message).toContain('exactly one of');
  });

  it('refuses each mistake with the chain\'s code and names the field', () => {
    const due = (dueAt: string): Record<string, unknown> => ({ amount: '1.00', dueAt });
    const cases: [Record<string, unknown>, string, string][] = [
      [{ templateVersion: 2 }, 'CASE_TEMPLATE_UNKNOWN', 'templateVersion'],
      [{ caseNo: 'case <1>' }, 'CASE_TERMS_INVALID', 'caseNo'],
      [{ document: { algorithm: 'md5', digest: 'ab'.repeat(32) } }, 'CASE_TERMS_INVALID', 'document.algorithm'],
      [{ document: { algorithm: 'sm3', digest: 'ab' } }, 'CASE_TERMS_INVALID', 'document.digest'],
      [{ creditors: [] }, 'CASE_LIMIT_EXCEEDED', 'creditors'],
      [{ debtor: { identity: '张三' } }, 'CASE_TERMS_INVALID', 'debtor'],
      [{ payees: [{ party: { memberKey: 'zz' } }] }, 'CASE_TERMS_INVALID', 'payees[0].party.memberKey'],
      [{ currency: 'rmb' }, 'CASE_CURRENCY_INVALID', 'currency'],
      [{ instalments: [] }, 'CASE_SCHEDULE_EMPTY', 'instalments'],
      [{ instalments: [due('2026-04-01T00:00:00+08:00'), due('2026-03-01T00:00:00+08:00')] }, 'CASE_SCHEDULE_OUT_OF_ORDER', 'instalments[1].dueAt'],
      [{ instalments: [due('2026-04-01T00:00:00')] }, 'CASE_TERMS_INVALID', 'instalments[0].dueAt'],
      [{ instalments: [due('2026-02-29T00:00:00+08:00')] }, 'CASE_TERMS_INVALID', 'instalments[0].dueAt'],
      [{ instalments: [{ ...due('2026-04-01T00:00:00Z'), currency: 'USD' }] }, 'CASE_CURRENCY_MISMATCH', 'instalments[0].currency'],
      [{ grace: '3 days' }, 'CASE_TERMS_INVALID', 'grace'],
      [{ grace: 'P400D' }, 'CASE_TERMS_INVALID', 'grace'],
      [{ delay: { kind: 'penaltyDaily', numerator: 2, denominator: 1 } }, 'CASE_TERMS_INVALID', 'delay'],
      [{ exemptClaimTypes: ['wages', 'wages'] }, 'CASE_TERMS_INVALID', 'exemptClaimTypes'],
      [{ exemptClaimTypes: ['tax'] }, 'CASE_TERMS_INVALID', 'exemptClaimTypes[0]'],
      [{ paymentOrder: 'interestFirst' }, 'CASE_TERMS_INVALID', 'paymentOrder'],
      [{ feePolicy: 'flat/1' }, 'CASE_TERMS_INVALID', 'feePolicy'],
      [{ autoFile: 'yes' }, 'CASE_TERMS_INVALID', 'autoFile'],
      [{ debtorName: '张三' }, 'CASE_TERMS_INVALID', 'debtorName'],
    ];
    for (const [patch, code, field] of cases) {
      const got = refusal(() => caseTermsFromJson(with_(patch)));
      expect(got, JSON.stringify(patch)).toMatchObject({ code, field });
      expect(got.message.startsWith(`TERMS.json ${field}: `), got.message).toBe(true);
    }
    expect(refusal(() => caseTermsFromJson([]))).toMatchObject({ code: 'CASE_TERMS_INVALID', field: '(document)' });
  });

  it('reads times with their offset and grace as a duration', () => {
    expect(parseIsoTime('2026-03-28T00:00:00+08:00', 't')).toBe(Date.parse('2026-03-27T16:00:00Z'));
    expect(parseIsoTime('2026-03-28T00:00:00.5Z', 't')).toBe(Date.parse('2026-03-28T00:00:00.500Z'));
    expect(parseIsoTime('2024-02-29T12:00-05:30', 't')).toBe(Date.parse('2024-02-29T17:30:00Z'));
    expect(() => parseIsoTime('2026-13-01T00:00Z', 't')).toThrow(/not a valid time/);
    expect(parseGrace('P0D', 'g')).toBe(0);
    expect(parseGrace('PT30S', 'g')).toBe(30_000);
    expect(parseGrace('P1DT2H3M4S', 'g')).toBe(((24 + 2) * 3600 + 3 * 60 + 4) * 1000);
    expect(() => parseGrace('PT', 'g')).toThrow(TianpingError);
  });
});

describe('identity commitment', () => {
  it('is SHA-256(salt ‖ NFC UTF-8 of the identity) and wants a salt of 16 bytes or more', () => {
    const salt = new Uint8Array(16).fill(9);
    const expected = sha256(new Uint8Array([...salt, ...utf8('Zoë 110101')]));
    // "Zoë" decomposed (e + U+0308) commits to the same as composed.
    expect(identityCommitment('Zoe\u0308 110101', salt)).toEqual(expected);
    expect(identityCommitment('Zoë 110101', salt)).toEqual(expected);
    expect(refusal(() => identityCommitment('Zoë', new Uint8Array(15)))).toMatchObject({ field: 'salt' });
    expect(refusal(() => identityCommitment('  ', salt))).toMatchObject({ field: 'identity' });
  });
});

describe('case txs', () => {
  it('sign the four case actions for the chain', () => {
    const created = createCaseTx({ ...common, terms: { json: EXAMPLE } });
    const body = decode(created.bytes);
    expect(body.caseCreate?.terms?.caseNo).toBe('(2026)京0491民初1234号');
    expect(body.caseCreate?.terms?.instalments?.map((i) => i.amountFen)).toEqual([1_000_000, 1_000_000, 1_000_000]);

    const action = decode(caseActionTx({ ...common, caseNo: 'A-1', kind: 'SUSPEND', reasonCode: 'RETRIAL' }).bytes);
    expect(action.caseAction).toMatchObject({ caseNo: 'A-1', kind: 1, reasonCode: 'RETRIAL' });
    expect(decode(caseActionTx({ ...common, caseNo: 'A-1', kind: 'CLOSE', reasonCode: 'PERFORMED' }).bytes).caseAction?.kind).toBe(5);
    expect(refusal(() => caseActionTx({ ...common, caseNo: 'A-1', kind: 'RESUME', reasonCode: 'RETRIAL' })).code).toBe('CASE_REASON_UNKNOWN');

    const payment = decode(reportPaymentTx({ ...common, caseNo: 'A-1', bankRef: 'ICBC-1', amountFen: 10_000n, receivedAtMs: 1_800_000_000_000 }).bytes);
    expect(payment.paymentReport).toMatchObject({ caseNo: 'A-1', bankRef: 'ICBC-1', amountFen: 10_000, currency: 'CNY', direction: 1 });
    const paid = decode(reportPaymentTx({ ...common, caseNo: 'A-1', bankRef: 'x', amountFen: 1, receivedAtMs: 1, paid: true }).bytes);
    expect(paid.paymentReport?.direction).toBe(2);
    expect(refusal(() => reportPaymentTx({ ...common, caseNo: 'A-1', bankRef: 'x', amountFen: 0.5, receivedAtMs: 1 })).code).toBe('CASE_AMOUNT_OVERFLOW');
    expect(refusal(() => reportPaymentTx({ ...common, caseNo: 'A-1', bankRef: 'x y', amountFen: 1, receivedAtMs: 1 })).field).toBe('bankRef');

    expect(decode(fileExecutionTx({ ...common, caseNo: 'A-1', onApplication: true }).bytes).executionFiling).toMatchObject({
      caseNo: 'A-1', onApplication: true,
    });
  });
});
