// A payout order after its approval, through executeBlock: holds on one order or on a case,
// claims with a lease, results reported once (settled grows the case's paid_out_fen; failed is
// re-issued as a new order naming the failed one), reconciliation records, and the same app hashes
// from two runs. Txs are built with the SDK's payout builders where the test is about them.
import { describe, expect, it } from 'vitest';
import { pb } from '../../../src/codec/proto.js';
import { decodeTx } from '../../../src/codec/tx.js';
import { payoutClaimTx, payoutReconciliationTx, payoutResultTx } from '../../../src/client/payout-tx.js';
import type { KeyPair } from '../../../src/crypto/ed25519.js';
import { sha256 } from '../../../src/crypto/hash.js';
import { payoutHoldKey, payoutId, readReconciliation } from '../../../src/state/payouts/index.js';
import { toHex, utf8 } from '../../../src/types/index.js';
import {
  CASE_NO, CHAIN_ID, PayoutChain, court, executor, executor2, expectRefused, finance, kindOf, officer, payoutEvents,
} from './fixture.js';

type Order = NonNullable<ReturnType<typeof payoutEvents>[number]['payout']>;

/** A case with three orders of 3,334 / 3,333 / 3,333 fen, each approved by the officer. */
async function approvedOrders(chain: PayoutChain): Promise<Order[]> {
  await chain.openPayoutCase();
  const orders = payoutEvents(await chain.receive(10_000)).map((e) => e.payout!);
  for (const o of orders) await chain.run(officer, { payoutApproval: { payoutId: o.id, amountFen: o.amountFen } });
  return orders;
}

const claim = (id: Uint8Array) => ({ payoutClaim: { payoutId: id } });
const result = (id: Uint8Array, amountFen: number, settled: boolean, bankRef = 'TRF-1', failureReason = '') =>
  ({ payoutResult: { payoutId: id, amountFen, settled, bankRef, failureReason } });
const hold = (kind: number, o: { payoutId?: Uint8Array; release?: boolean } = {}) =>
  ({ payoutHold: { caseNo: CASE_NO, kind, reason: 'objection filed', payoutId: o.payoutId ?? new Uint8Array(), release: o.release ?? false } });
const HOLD = pb.PayoutHoldKind;

async function refused(chain: PayoutChain, key: KeyPair, action: Parameters<PayoutChain['tx']>[1], code: Parameters<typeof expectRefused>[2]) {
  await expectRefused(chain, chain.tx(key, action, chain.at), code, chain.at + 1);
}

describe('payout holds', () => {
  it('stops a held order from being claimed until the hold is released; refuses a release of no hold and a hold on a settled order', async () => {
    const chain = new PayoutChain();
    const [first, second] = await approvedOrders(chain);
    const held = payoutEvents(await chain.run(officer, hold(HOLD.PAYOUT_HOLD_KIND_DISPUTE, { payoutId: first!.id })));
    expect(held.map((e) => [kindOf(e), e.payout!.holds])).toEqual([['PAYOUT_HELD', ['dispute']]]);
    await refused(chain, executor, claim(first!.id), 'PAYOUT_HELD');
    await refused(chain, officer, hold(HOLD.PAYOUT_HOLD_KIND_FREEZE, { payoutId: first!.id, release: true }), 'PAYOUT_HOLD_INVALID');
    await refused(chain, executor, hold(HOLD.PAYOUT_HOLD_KIND_FREEZE, { payoutId: first!.id }), 'SIGNER_NOT_MEMBER');
    const released = payoutEvents(await chain.run(court, hold(HOLD.PAYOUT_HOLD_KIND_DISPUTE, { payoutId: first!.id, release: true })));
    expect(released.map((e) => [kindOf(e), e.payout!.holds])).toEqual([['PAYOUT_RELEASED', []]]);
    await chain.run(executor, claim(first!.id));
    await chain.run(executor, claim(second!.id));
    await chain.run(executor, result(second!.id, second!.amountFen, true));
    await refused(chain, officer, hold(HOLD.PAYOUT_HOLD_KIND_DISPUTE, { payoutId: second!.id }), 'PAYOUT_HOLD_INVALID');
  });

  it('holds every unsettled order of a case and the orders it makes later, until released', async () => {
    const chain = new PayoutChain();
    const orders = await approvedOrders(chain);
    await chain.run(executor, claim(orders[2]!.id));
    await chain.run(executor, result(orders[2]!.id, orders[2]!.amountFen, true));
    const held = payoutEvents(await chain.run(court, hold(HOLD.PAYOUT_HOLD_KIND_FREEZE)));
    // The settled order keeps no hold: two events, in id order.
    expect(held.map((e) => toHex(e.payout!.id)).sort()).toEqual([orders[0]!, orders[1]!].map((o) => toHex(o.id)).sort());
    expect(held.every((e) => kindOf(e) === 'PAYOUT_HELD' && e.payout!.holds.join() === 'freeze')).toBe(true);
    await refused(chain, court, hold(HOLD.PAYOUT_HOLD_KIND_FREEZE), 'PAYOUT_HOLD_INVALID');
    const later = payoutEvents(await chain.receive(300)).map((e) => e.payout!);
    expect(later.map((o) => o.holds)).toEqual([['freeze'], ['freeze'], ['freeze']]);
    const released = payoutEvents(await chain.run(officer, hold(HOLD.PAYOUT_HOLD_KIND_FREEZE, { release: true })));
    expect(released.length).toBe(5);
    expect(released.every((e) => kindOf(e) === 'PAYOUT_RELEASED' && e.payout!.holds.length === 0)).toBe(true);
    expect(pb.PayoutHold.decode(chain.view.entries.get(payoutHoldKey(CASE_NO, 'freeze'))!).release).toBe(true);
    await refused(chain, officer, hold(HOLD.PAYOUT_HOLD_KIND_FREEZE, { release: true }), 'PAYOUT_HOLD_INVALID');
  });

  it('refuses a hold on a terminated or closed case, and on an unknown case', async () => {
    const chain = new PayoutChain();
    await approvedOrders(chain);
    await refused(chain, officer, { payoutHold: { caseNo: 'no-such-case', kind: 1 } }, 'CASE_UNKNOWN');
    await chain.commit([chain.actionTx(pb.CaseActionKind.CASE_ACTION_KIND_TERMINATE, 'WITHDRAWN', chain.next())], chain.at);
    await refused(chain, officer, hold(HOLD.PAYOUT_HOLD_KIND_DISPUTE), 'PAYOUT_HOLD_INVALID');
    await chain.commit([chain.actionTx(pb.CaseActionKind.CASE_ACTION_KIND_CLOSE, 'TERMINATED', chain.next())], chain.at);
    await refused(chain, court, hold(HOLD.PAYOUT_HOLD_KIND_DISPUTE), 'PAYOUT_HOLD_INVALID');
  });
});

describe('payout claims and results', () => {
  it('lets one executor claim, refuses another while the claim lives, and lets it take over a lapsed claim', async () => {
    const chain = new PayoutChain();
    const [order] = await approvedOrders(chain);
    const claimed = payoutEvents(await chain.run(executor, claim(order!.id)))[0]!;
    expect([kindOf(claimed), claimed.payout!.status, toHex(claimed.payout!.claimant)]).toEqual(['PAYOUT_CLAIMED', 'claimed', toHex(executor.publicKey)]);
    expect(claimed.payout!.claimExpiresAtMs).toBe(chain.at + 60_000);
    await refused(chain, executor2, claim(order!.id), 'PAYOUT_CLAIMED');
    await refused(chain, officer, claim(order!.id), 'SIGNER_NOT_MEMBER');
    // The same executor renews its claim.
    await chain.run(executor, claim(order!.id));
    chain.next(60_000);
    const taken = payoutEvents(await chain.run(executor2, claim(order!.id)))[0]!;
    expect(toHex(taken.payout!.claimant)).toBe(toHex(executor2.publicKey));
    await refused(chain, executor, result(order!.id, order!.amountFen, true), 'PAYOUT_NOT_CLAIMANT');
  });

  it('records a settlement once, growing the case\'s paid_out_fen; later approvals, claims and results are refused', async () => {
    const chain = new PayoutChain();
    const [order] = await approvedOrders(chain);
    await refused(chain, executor, result(order!.id, order!.amountFen, true), 'PAYOUT_STATE_INVALID');
    // Built with the SDK: the chain takes what its builders make.
    const common = { chainId: CHAIN_ID, keyPair: executor, nonce: 1, nowMs: chain.at, expiresAtMs: chain.at + 3_600_000 };
    const sdkTx = (bytes: Uint8Array) => decodeTx(bytes, chain.genesis.params.txBytesMax);
    let at = chain.next();
    await chain.commit([sdkTx(payoutClaimTx({ ...common, payoutId: toHex(order!.id) }).bytes)], at);
    await refused(chain, executor, result(order!.id, order!.amountFen - 1, true), 'PAYOUT_AMOUNT_MISMATCH');
    await refused(chain, executor, result(order!.id, order!.amountFen, true, 'bad ref!'), 'PAYOUT_FIELD_INVALID');
    at = chain.next();
    const settled = payoutEvents(await chain.commit([sdkTx(payoutResultTx({ ...common, nonce: 2, payoutId: order!.id, settled: true,
      bankRef: 'TRF-0001', amountFen: order!.amountFen }).bytes)], at))[0]!;
    expect([kindOf(settled), settled.payout!.status, settled.payout!.bankRef, settled.payout!.settledHeight])
      .toEqual(['PAYOUT_SETTLED', 'settled', 'TRF-0001', chain.height]);
    expect((await chain.record()).paidOutFen).toBe(order!.amountFen);
    await refused(chain, executor, result(order!.id, order!.amountFen, true, 'TRF-0002'), 'PAYOUT_ALREADY_SETTLED');
    await refused(chain, executor, claim(order!.id), 'PAYOUT_STATE_INVALID');
    await refused(chain, officer, { payoutApproval: { payoutId: order!.id, amountFen: order!.amountFen } }, 'PAYOUT_STATE_INVALID');
  });

  it('re-issues a failed payout as a new order for the same payee and amount, naming the failed one', async () => {
    const chain = new PayoutChain();
    const [order] = await approvedOrders(chain);
    await chain.run(executor, claim(order!.id));
    const events = payoutEvents(await chain.run(executor, result(order!.id, order!.amountFen, false, 'TRF-9', 'account closed')));
    expect(events.map(kindOf)).toEqual(['PAYOUT_FAILED', 'PAYOUT_ORDERED']);
    const [failed, reissued] = events.map((e) => e.payout!);
    const newId = payoutId(CHAIN_ID, CASE_NO, 1, 0);
    expect(failed).toMatchObject({ status: 'failed', failureReason: 'account closed', bankRef: 'TRF-9' });
    expect(toHex(failed!.reissuedAs)).toBe(toHex(newId));
    expect(reissued).toMatchObject({ payoutSeq: 1, payeeIndex: 0, amountFen: order!.amountFen, status: 'awaiting-approval' });
    expect(toHex(reissued!.id)).toBe(toHex(newId));
    expect(toHex(reissued!.reissueOf)).toBe(toHex(order!.id));
    expect(events.map((e) => e.seq)).toEqual([failed!.eventSeq, reissued!.eventSeq]);
    expect((await chain.order(order!.id)).status).toBe('failed');
    expect((await chain.record()).paidOutFen).toBe(0);
    await refused(chain, executor, result(order!.id, order!.amountFen, true), 'PAYOUT_ALREADY_SETTLED');
  });
});

describe('reconciliation records', () => {
  it('keeps one record per date, by an executor or finance key, and refuses malformed ones', async () => {
    const chain = new PayoutChain();
    const [order] = await approvedOrders(chain);
    const digest = sha256(utf8('report of 2026-03-01'));
    const entries = [{ endToEndId: toHex(order!.id), state: 'unpaid' as const, amountFen: order!.amountFen, caseNo: CASE_NO }];
    const recon = (key: KeyPair, statementDate: string, nonce: number) => decodeTx(payoutReconciliationTx({
      chainId: CHAIN_ID, keyPair: key, nonce, nowMs: chain.at, expiresAtMs: chain.at + 3_600_000, statementDate, reportDigest: digest, entries,
    }).bytes, chain.genesis.params.txBytesMax);
    const before = await chain.order(order!.id);
    await chain.commit([recon(finance, '2026-03-01', 1)], chain.next());
    const record = await readReconciliation(chain.view, '2026-03-01');
    expect(toHex(record!.reporter)).toBe(toHex(finance.publicKey));
    expect(toHex(record!.reconciliation!.reportDigest)).toBe(toHex(digest));
    expect(record!.reconciliation!.entries.map((e) => e.endToEndId)).toEqual([toHex(order!.id)]);
    expect(pb.PayoutOrder.encode(await chain.order(order!.id)).finish()).toEqual(pb.PayoutOrder.encode(before).finish());
    await expectRefused(chain, recon(executor, '2026-03-01', 2), 'RECONCILIATION_INVALID', chain.at + 1);
    await expectRefused(chain, recon(executor, '2026-02-30', 3), 'RECONCILIATION_INVALID', chain.at + 1);
    await expectRefused(chain, recon(court, '2026-03-02', 4), 'SIGNER_NOT_MEMBER', chain.at + 1);
    // Short end-to-end ids (bank references of money received) keep 10,001 entries inside one tx.
    const short = (n: number) => Array.from({ length: n }, (_, i) => ({ endToEndId: `R${i}`, state: 5, amountFen: 1 }));
    await refused(chain, executor, { payoutReconciliation: { statementDate: '2026-03-03', reportDigest: digest, entries: short(10_001) } },
      'RECONCILIATION_INVALID');
    await chain.run(executor, { payoutReconciliation: { statementDate: '2026-03-03', reportDigest: digest, entries: short(10_000) } });
    expect((await readReconciliation(chain.view, '2026-03-03'))!.reconciliation!.entries.length).toBe(10_000);
    await refused(chain, executor, { payoutReconciliation: { statementDate: '2026-03-03', reportDigest: digest.subarray(1) } },
      'RECONCILIATION_INVALID');
  });
});

describe('determinism', () => {
  async function scenario(): Promise<string[]> {
    const chain = new PayoutChain();
    const hashes: string[] = [];
    const orders = await approvedOrders(chain);
    const steps = [
      [executor, claim(orders[0]!.id)], [executor, result(orders[0]!.id, orders[0]!.amountFen, false, 'TRF-7', 'rejected')],
      [court, hold(HOLD.PAYOUT_HOLD_KIND_DISPUTE)], [officer, hold(HOLD.PAYOUT_HOLD_KIND_DISPUTE, { release: true })],
      [executor2, claim(orders[1]!.id)],
    ] as const;
    for (const [key, action] of steps) {
      const outcome = await chain.propose([chain.tx(key, action, chain.at)], chain.next());
      expect(outcome.rejected).toEqual([]);
      hashes.push(toHex(outcome.appHash));
      await chain.commit(outcome.included, chain.at);
    }
    return hashes;
  }

  it('gives the same app hashes on two runs of one scenario', async () => {
    const first = await scenario();
    expect(await scenario()).toEqual(first);
    expect(new Set(first).size).toBe(first.length);
  });
});
