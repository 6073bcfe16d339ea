// The payee's account commitment: computed by the shared hash (checked against Node's own hash of
// the documented bytes), 32 bytes in the terms when given, an optional hex field of TERMS.json; and
// the mempool's admission check refusing payout txs with the codes a block would.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { accountCommitment, canonicalAccountJson } from '../../../src/codec/payout-ids.js';
import { caseTermsFromJson } from '../../../src/client/case-terms.js';
import { checkTxStateful } from '../../../src/state/tx-rules.js';
import { isTianpingError, toHex } from '../../../src/types/index.js';
import { PayoutChain, executor, executor2, expectRefused, officer, payoutEvents, payoutTerms } from './fixture.js';

describe('account commitments', () => {
  it('hashes the domain, the salt and the canonical account JSON; refuses a short salt', () => {
    const salt = new Uint8Array(16).fill(9);
    const account = { number: '6222 0000 1234', name: '张三 "Zhang"', bank: 'ICBC Beijing' };
    expect(canonicalAccountJson(account)).toBe('{"bank":"ICBC Beijing","name":"张三 \\"Zhang\\"","number":"6222 0000 1234"}');
    const expected = createHash('sha256').update(Buffer.from('tianping/account/v1')).update(salt)
      .update(Buffer.from('{"bank":"ICBC Beijing","name":"张三 \\"Zhang\\"","number":"6222 0000 1234"}', 'utf8')).digest('hex');
    expect(toHex(accountCommitment(salt, account))).toBe(expected);
    expect(() => accountCommitment(salt.subarray(1), account)).toThrow(/16 bytes/);
  });

  it('takes a 32-byte commitment in the terms and refuses another length', async () => {
    const chain = new PayoutChain();
    const bad = payoutTerms();
    bad.payees![0]!.accountCommitment = new Uint8Array(31);
    await chain.commit([chain.anchorTx(bad.documentDigest as Uint8Array, chain.next())], chain.at);
    await expectRefused(chain, chain.createTx(bad, chain.at + 1), 'CASE_TERMS_INVALID', chain.at + 2);
  });

  it('reads an optional accountCommitment per payee in TERMS.json', () => {
    const doc = (payee: Record<string, unknown>) => ({
      caseNo: 'C-1', document: { algorithm: 'sha256', digest: 'ab'.repeat(32) }, creditors: [{ memberKey: 'cd'.repeat(32) }],
      debtor: { identityCommitment: 'ef'.repeat(32) }, payees: [{ party: { memberKey: 'cd'.repeat(32) }, ...payee }],
      caseAccountRef: 'ACC-1', currency: 'CNY', instalments: [{ amount: '10.00', dueAt: '2030-01-01T00:00:00+08:00' }],
    });
    const read = (payee: Record<string, unknown>) => {
      try {
        return caseTermsFromJson(doc(payee)).payees?.[0]?.accountCommitment;
      } catch (error) {
        return isTianpingError(error) ? error.code : error;
      }
    };
    expect(read({})).toBeUndefined();
    expect(toHex(read({ accountCommitment: '12'.repeat(32) }) as Uint8Array)).toBe('12'.repeat(32));
    expect(read({ accountCommitment: '12'.repeat(31) })).toBe('CASE_TERMS_INVALID');
    expect(read({ account: 'x' })).toBe('CASE_TERMS_INVALID');
  });
});

describe('mempool admission of payout txs', () => {
  it('runs the block\'s rules on committed state at the node\'s clock', async () => {
    const chain = new PayoutChain();
    await chain.openPayoutCase();
    const [order] = payoutEvents(await chain.receive(10_000)).map((e) => e.payout!);
    await chain.run(officer, { payoutApproval: { payoutId: order!.id, amountFen: order!.amountFen } });
    await chain.run(executor, { payoutClaim: { payoutId: order!.id } });
    const admit = (tx: ReturnType<PayoutChain['tx']>): Promise<unknown> => checkTxStateful(tx, chain.view, chain.ctx(chain.at + 1))
      .then((action) => (action.kind === 'payout' ? action.plan.events.length : action.kind), (e: unknown) => (isTianpingError(e) ? e.code : e));
    expect(await admit(chain.tx(executor2, { payoutClaim: { payoutId: order!.id } }, chain.at))).toBe('PAYOUT_CLAIMED');
    expect(await admit(chain.tx(executor, { payoutResult: { payoutId: order!.id, settled: true, bankRef: 'T-1', amountFen: order!.amountFen } },
      chain.at))).toBe(1);
  });
});
