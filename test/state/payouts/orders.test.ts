// Payout orders through executeBlock: money received is split among the payees by largest
// remainder, one order each under the id formula (checked against a computation of its own here),
// approved at once below the governed policy's bound, otherwise by one approval from each role of
// its tier. Every refusal is asserted with its code and an unchanged state.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pb } from '../../../src/codec/proto.js';
import {
  DEFAULT_PAYOUT_POLICY, PAYOUT_POLICY_KEY, payoutOrdersOfCase, payoutSeqKey, readPayoutCounter, readPayoutPolicy,
} from '../../../src/state/payouts/index.js';
import { toHex } from '../../../src/types/index.js';
import {
  CASE_NO, CHAIN_ID, PAYEE_ACCOUNTS, PayoutChain, bureauChief, collect, court, expectRefused, finance, kindOf, officer, outsider,
  payeeParty, payoutEvents, validatorA,
} from './fixture.js';

/** The id formula of docs/payouts.md §1, written out with Node's own hash. */
function expectedId(chainId: string, caseNo: string, seq: number, payeeIndex: number): string {
  const chain = Buffer.from(chainId, 'utf8');
  const caseBytes = Buffer.from(caseNo, 'utf8');
  const seqBytes = Buffer.alloc(8);
  seqBytes.writeBigUInt64BE(BigInt(seq));
  const indexBytes = Buffer.alloc(4);
  indexBytes.writeUInt32BE(payeeIndex);
  return createHash('sha256').update(Buffer.concat([Buffer.from('tianping/payout/v1'), Buffer.from([chain.length]), chain,
    Buffer.from([caseBytes.length]), caseBytes, seqBytes, indexBytes])).digest('hex');
}

async function chainWithCase(withoutAccount: readonly number[] = []): Promise<PayoutChain> {
  const chain = new PayoutChain();
  await chain.openPayoutCase(withoutAccount);
  return chain;
}

describe('payout orders', () => {
  it('splits ¥100.00 among three equal payees as 33.34 / 33.33 / 33.33, one order each under the id formula', async () => {
    const chain = await chainWithCase();
    const result = await chain.receive(10_000);
    const events = payoutEvents(result);
    expect(events.map(kindOf)).toEqual(['PAYOUT_ORDERED', 'PAYOUT_ORDERED', 'PAYOUT_ORDERED']);
    const orders = events.map((e) => e.payout!);
    expect(orders.map((o) => o.amountFen)).toEqual([3_334, 3_333, 3_333]);
    expect(orders.map((o) => toHex(o.id))).toEqual([0, 1, 2].map((i) => expectedId(CHAIN_ID, CASE_NO, 0, i)));
    const record = await chain.record();
    // PAYMENT_RECEIVED is event 1 (CREATED is 0): the orders' events follow it, each order naming its own.
    expect(events.map((e) => e.seq)).toEqual([2, 3, 4]);
    expect(orders.map((o) => o.eventSeq)).toEqual([2, 3, 4]);
    expect(record.eventsCount).toBe(5);
    for (const [i, event] of events.entries()) {
      const stored = await chain.order(event.payout!.id);
      expect(pb.PayoutOrder.encode(stored).finish()).toEqual(pb.PayoutOrder.encode(event.payout!).finish());
      expect(stored).toMatchObject({
        caseNo: CASE_NO, payoutSeq: 0, payeeIndex: i, currency: 'CNY', caseAccountRef: 'BJ-IC-2026-0001', sourceBankRef: 'BANK-1',
        status: 'awaiting-approval', requiredRoles: ['officer'], holds: [], orderedHeight: chain.height,
      });
      expect(toHex(stored.accountCommitment)).toBe(toHex(PAYEE_ACCOUNTS[i]!));
      expect(toHex(stored.payee!.identityCommitment!)).toBe(toHex(payeeParty(i).identityCommitment!));
    }
    expect(await readPayoutCounter(chain.view, CASE_NO)).toEqual({ nextSeq: 1, orders: 3 });
    const second = payoutEvents(await chain.receive(2)).map((e) => e.payout!);
    // Two fen among three: the first two payees by remainder ties in payee order; nothing for the third.
    expect(second.map((o) => [o.payoutSeq, o.payeeIndex, o.amountFen])).toEqual([[1, 0, 1], [1, 1, 1]]);
    const listed = await collect(payoutOrdersOfCase(chain.scannable(), CASE_NO));
    expect(listed.map((o) => [o.payoutSeq, o.payeeIndex])).toEqual([[0, 0], [0, 1], [0, 2], [1, 0], [1, 1]]);
  });

  it('holds the order of a payee without an account commitment as not-collecting', async () => {
    const chain = await chainWithCase([1]);
    const orders = payoutEvents(await chain.receive(300)).map((e) => e.payout!);
    expect(orders.map((o) => o.holds)).toEqual([[], ['not-collecting'], []]);
    expect(orders[1]!.accountCommitment.length).toBe(0);
  });

  it('uses the default policy until governance sets one; the new policy approves small orders at once', async () => {
    const chain = await chainWithCase();
    expect(await readPayoutPolicy(chain.view)).toEqual(DEFAULT_PAYOUT_POLICY);
    const policy = { tiers: [{ upToFen: 1_000_000, roles: ['officer'] }, { upToFen: 0, roles: ['officer', 'finance'] }],
      autoApproveBelowFen: 3_334, alertDays: [3, 7], claimLeaseMs: 30_000 };
    await chain.setPolicy(policy);
    expect(chain.view.entries.get(PAYOUT_POLICY_KEY)).toEqual(pb.PayoutPolicy.encode(policy).finish());
    const events = payoutEvents(await chain.receive(10_000));
    // 3,333 fen lie below the bound: ordered and approved in one block; 3,334 awaits an officer.
    expect(events.map((e) => [kindOf(e), e.payout!.payeeIndex, e.payout!.status])).toEqual([
      ['PAYOUT_ORDERED', 0, 'awaiting-approval'],
      ['PAYOUT_ORDERED', 1, 'approved'], ['PAYOUT_APPROVED', 1, 'approved'],
      ['PAYOUT_ORDERED', 2, 'approved'], ['PAYOUT_APPROVED', 2, 'approved'],
    ]);
    expect((await chain.order(events[1]!.payout!.id)).eventSeq).toBe(events[2]!.seq);
  });

  it('refuses a malformed policy, a second open policy proposal and one opened by a non-validator', async () => {
    const chain = await chainWithCase();
    const bad = [
      { tiers: [] },
      { tiers: [{ upToFen: 5, roles: ['officer'] }] },
      { tiers: [{ upToFen: 9, roles: ['officer'] }, { upToFen: 5, roles: ['officer'] }, { upToFen: 0, roles: ['officer'] }] },
      { tiers: [{ upToFen: 0, roles: ['cashier'] }] },
      { tiers: [{ upToFen: 0, roles: ['officer', 'officer'] }] },
      { tiers: [{ upToFen: 0, roles: ['officer'] }], claimLeaseMs: 4_999 },
      { tiers: [{ upToFen: 0, roles: ['officer'] }], claimLeaseMs: 60_000, alertDays: [10, 5] },
      { tiers: [{ upToFen: 0, roles: ['officer'] }], claimLeaseMs: 60_000, alertDays: [366] },
    ];
    for (const policy of bad) {
      await expectRefused(chain, chain.tx(validatorA, { payoutPolicyProposal: { policy } }, chain.at), 'PAYOUT_POLICY_INVALID', chain.at + 1);
    }
    const good = { tiers: [{ upToFen: 0, roles: ['court'] }], claimLeaseMs: 60_000 };
    await expectRefused(chain, chain.tx(court, { payoutPolicyProposal: { policy: good } }, chain.at), 'GOV_NOT_VALIDATOR', chain.at + 1);
    await chain.run(validatorA, { payoutPolicyProposal: { policy: good } });
    await expectRefused(chain, chain.tx(validatorA, { payoutPolicyProposal: { policy: good } }, chain.at), 'GOV_PROPOSAL_OPEN', chain.at + 1);
  });
});

describe('payout approvals', () => {
  it('approves an order of the lower tier with an officer alone, one above with officer, bureau chief and finance', async () => {
    const chain = await chainWithCase();
    // 15,000,001 fen: 5,000,001 for payee 0 (above ¥50,000.00), 5,000,000 each for the others (at the bound).
    const orders = payoutEvents(await chain.receive(15_000_001)).map((e) => e.payout!);
    expect(orders.map((o) => o.requiredRoles)).toEqual([['officer', 'bureau-chief', 'finance'], ['officer'], ['officer']]);
    const approve = (id: Uint8Array, amountFen: number) => ({ payoutApproval: { payoutId: id, amountFen } });
    const small = payoutEvents(await chain.run(officer, approve(orders[1]!.id, 5_000_000)));
    expect(small.map((e) => [kindOf(e), e.payout!.status])).toEqual([['PAYOUT_APPROVED', 'approved']]);
    const large = orders[0]!;
    for (const [key, status] of [[officer, 'awaiting-approval'], [finance, 'awaiting-approval'], [bureauChief, 'approved']] as const) {
      const [event] = payoutEvents(await chain.run(key, approve(large.id, large.amountFen)));
      expect([kindOf(event!), event!.payout!.status]).toEqual(['PAYOUT_APPROVED', status]);
    }
    const approved = await chain.order(large.id);
    expect(approved.approvals.map((a) => [toHex(a.approver), a.role])).toEqual([
      [toHex(officer.publicKey), 'officer'], [toHex(finance.publicKey), 'finance'], [toHex(bureauChief.publicKey), 'bureau-chief'],
    ]);
    expect(approved.status).toBe('approved');
  });

  it('refuses approvals by a role not required, twice in a role, of another amount, of an unknown or approved order, by a non-approver', async () => {
    const chain = await chainWithCase();
    const orders = payoutEvents(await chain.receive(15_000_001)).map((e) => e.payout!);
    const [large, small] = [orders[0]!, orders[1]!];
    const approve = (id: Uint8Array, amountFen: number) => ({ payoutApproval: { payoutId: id, amountFen } });
    const refused = (key: Parameters<PayoutChain['tx']>[0], id: Uint8Array, amountFen: number, code: Parameters<typeof expectRefused>[2]) =>
      expectRefused(chain, chain.tx(key, approve(id, amountFen), chain.at), code, chain.at + 1);
    await refused(finance, small.id, small.amountFen, 'PAYOUT_ROLE_NOT_REQUIRED');
    await refused(court, large.id, large.amountFen, 'PAYOUT_ROLE_NOT_REQUIRED');
    await refused(officer, small.id, small.amountFen + 1, 'PAYOUT_AMOUNT_MISMATCH');
    await refused(officer, new Uint8Array(32).fill(7), 1, 'PAYOUT_UNKNOWN');
    await refused(outsider, small.id, small.amountFen, 'SIGNER_NOT_MEMBER');
    await refused(officer, small.id.subarray(0, 31), small.amountFen, 'PAYOUT_FIELD_INVALID');
    await chain.run(officer, approve(large.id, large.amountFen));
    await refused(officer, large.id, large.amountFen, 'PAYOUT_ROLE_NOT_REQUIRED');
    await chain.run(officer, approve(small.id, small.amountFen));
    await refused(officer, small.id, small.amountFen, 'PAYOUT_STATE_INVALID');
    expect((await chain.record()).eventsCount).toBe(2 + 3 + 2);
    expect(chain.view.entries.get(payoutSeqKey(CASE_NO))).toBeDefined();
  });
});
