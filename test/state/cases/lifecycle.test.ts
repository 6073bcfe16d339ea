// The contract's life through the state machine, with due times seconds apart: a three-instalment
// mediation contract; the oracle reports the first payment; the second is missed, and in the first
// block past its due + grace the clock records the default (the same on two independent
// executions), acceleration makes the third due, and execution is filed with its deterministic id.
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../../src/crypto/hash.js';
import { caseFilingKey, filingId } from '../../../src/state/cases/index.js';
import { MapStateView } from '../../../src/state/view.js';
import { concatBytes, fromUtf8, toHex, u32be, u64be, utf8 } from '../../../src/types/index.js';
import {
  ACTION, CASE_NO, CHAIN_ID, CaseChain, EVENT, GENESIS_TIME_MS, STATUS, brief, court, creditor, eventsOf, executor, expectRefused,
  oracle, outsider, terms,
} from './fixture.js';

const T0 = GENESIS_TIME_MS + 60_000;
const SECOND = 1_000;
const GRACE_MS = 5 * SECOND;
const FEN = 100_000; // ¥1,000.00
const due = (n: number): number => T0 + (10 + 10 * n) * SECOND;
const mediation = (o = {}) => terms([0, 1, 2].map((n) => ({ amountFen: FEN, dueAtMs: due(n) })), { graceMs: GRACE_MS, acceleration: true, ...o });

async function throughFirstPayment(): Promise<CaseChain> {
  const chain = new CaseChain();
  const created = await chain.open(mediation(), T0, T0 + SECOND);
  expect(eventsOf(created).map(brief)).toEqual([{ kind: 'CREATED', seq: 0, legalAtMs: T0 + SECOND, status: 'ACTIVE', instalment: -1 }]);
  const paid = await chain.commit([chain.paymentTx(FEN, 'BANK-0001', due(0) + 500, due(0) + SECOND)], due(0) + SECOND);
  const [received] = eventsOf(paid);
  expect({ ...brief(received!), principal: received!.principalFen, bankRef: received!.bankRef })
    .toEqual({ kind: 'PAYMENT_RECEIVED', seq: 1, legalAtMs: due(0) + 500, status: 'ACTIVE', instalment: -1, principal: FEN, bankRef: 'BANK-0001' });
  return chain;
}

describe('a three-instalment mediation contract', () => {
  it('paid on time, the first instalment never defaults; the missed second defaults in the first block past due + grace, with acceleration', async () => {
    const chain = await throughFirstPayment();
    // The first instalment's legal time passes: it is paid, so nothing happens.
    expect((await chain.commit([], due(0) + GRACE_MS + SECOND)).events).toEqual([]);
    // The second's due time passes, but not its grace: nothing yet.
    expect((await chain.commit([], due(1) + GRACE_MS - 1)).events).toEqual([]);
    const blockTimeMs = due(1) + GRACE_MS + 700;
    const defaulted = await chain.commit([], blockTimeMs);
    expect(eventsOf(defaulted).map(brief)).toEqual([
      // Seq 2 is the payout order the first payment made (docs/payouts.md §1).
      { kind: 'DEFAULT', seq: 3, legalAtMs: due(1) + GRACE_MS, status: 'DEFAULTED', instalment: 1 },
      { kind: 'ACCELERATED', seq: 4, legalAtMs: due(1) + GRACE_MS, status: 'DEFAULTED', instalment: -1 },
    ]);
    expect(eventsOf(defaulted).map((e) => [e.height, e.amountFen, e.txHash.length])).toEqual([[chain.height, FEN, 0], [chain.height, FEN, 0]]);
    const record = await chain.record();
    expect(record.status).toBe(STATUS.CASE_STATUS_DEFAULTED);
    expect(record.instalments.map((i) => [i.principalFen, i.defaulted, i.legalAtMs]))
      .toEqual([[0, false, due(0) + GRACE_MS], [FEN, true, due(1) + GRACE_MS], [FEN, true, due(1) + GRACE_MS]]);
    // The third's own time comes: it is in default already (accelerated), so no second event.
    expect((await chain.commit([], due(2) + GRACE_MS + SECOND)).events).toEqual([]);
  });

  it('records the default identically on two independent executions of the same blocks (same writes, events and app hash)', async () => {
    const builder = new CaseChain();
    const blocks: [ReturnType<CaseChain['tx']>[], number][] = [
      [[builder.anchorTx(mediation().documentDigest as Uint8Array, T0)], T0],
      [[builder.createTx(mediation(), T0 + SECOND)], T0 + SECOND],
      [[builder.paymentTx(FEN, 'BANK-0001', due(0) + 500, due(0) + SECOND)], due(0) + SECOND],
      [[], due(1) + GRACE_MS + 1],
    ];
    const run = async (): Promise<Awaited<ReturnType<CaseChain['commit']>>> => {
      const chain = new CaseChain();
      let last;
      for (const [txs, atMs] of blocks) last = await chain.commit(txs, atMs);
      return last!;
    };
    const [ra, rb] = [await run(), await run()];
    expect(eventsOf(ra).map((e) => brief(e).kind)).toEqual(['DEFAULT', 'ACCELERATED']);
    expect(ra.events.map(toHex)).toEqual(rb.events.map(toHex));
    expect(toHex(ra.appHash)).toBe(toHex(rb.appHash));
    expect(ra.writes.map(([k, v]) => `${k}=${toHex(v)}`)).toEqual(rb.writes.map(([k, v]) => `${k}=${toHex(v)}`));
  });

  it('the creditor files for execution with the deterministic filing id; money received then bears the fee', async () => {
    const chain = await throughFirstPayment();
    await chain.commit([], due(1) + GRACE_MS + 1);
    const atMs = due(1) + GRACE_MS + 2 * SECOND;
    // Not a creditor, not on application: refused; an executor on application would be allowed.
    await expectRefused(chain, chain.filingTx(atMs, outsider), 'CASE_SIGNER_NOT_ALLOWED', atMs);
    await expectRefused(chain, chain.filingTx(atMs, oracle, true), 'CASE_SIGNER_NOT_ALLOWED', atMs);
    expect((await chain.propose([chain.filingTx(atMs, executor, true)], atMs)).rejected).toEqual([]);
    const filed = await chain.commit([chain.filingTx(atMs)], atMs);
    const [event] = eventsOf(filed);
    // SHA-256("tianping/case-filing/v1" || u32be len || chain id || u32be len || case no || u64be seq of the DEFAULT event)
    const caseBytes = utf8(CASE_NO);
    const expected = sha256(concatBytes(utf8('tianping/case-filing/v1'), u32be(CHAIN_ID.length), utf8(CHAIN_ID), u32be(caseBytes.length),
      caseBytes, u64be(3)));
    expect({ ...brief(event!), filingId: toHex(event!.filingId), signer: toHex(event!.signer) }).toEqual({
      kind: 'FILED', seq: 5, legalAtMs: atMs, status: 'FILED', instalment: -1, filingId: toHex(expected), signer: toHex(creditor.publicKey),
    });
    expect(toHex(filingId(CHAIN_ID, CASE_NO, 3))).toBe(toHex(expected));
    const record = await chain.record();
    expect([record.status, toHex(record.filingId), record.feeOpen]).toEqual([STATUS.CASE_STATUS_FILED, toHex(expected), true]);
    expect(chain.view.entries.has(caseFilingKey(expected))).toBe(true);
    // Filed once: a second filing is no transition.
    await expectRefused(chain, chain.filingTx(atMs + SECOND), 'CASE_TRANSITION_INVALID', atMs + SECOND);
    // ¥2,000.00 recovered: the fee of cumulative/1 is ¥50 (up to ¥10,000), so ¥1,950.00 pays principal.
    const paid = eventsOf(await chain.commit([chain.paymentTx(2 * FEN, 'BANK-0002', atMs + SECOND, atMs + 2 * SECOND)], atMs + 2 * SECOND));
    expect(paid.map((e) => [e.kind, e.feeFen, e.principalFen])).toEqual([[EVENT.CASE_EVENT_KIND_PAYMENT_RECEIVED, 5_000, 2 * FEN - 5_000],
      [EVENT.CASE_EVENT_KIND_PAYOUT_ORDERED, 0, 0]]);
    // The payee's order is the creditors' part: the fee stays with the court.
    expect(paid[1]!.payout?.amountFen).toBe(2 * FEN - 5_000);
  });

  it('auto_file: the default files by itself, with the same id a filing tx would have had', async () => {
    const chain = new CaseChain();
    await chain.open(mediation({ autoFile: true, acceleration: false }), T0, T0 + SECOND);
    const result = await chain.commit([], due(0) + GRACE_MS + 1);
    expect(eventsOf(result).map(brief)).toEqual([
      { kind: 'DEFAULT', seq: 1, legalAtMs: due(0) + GRACE_MS, status: 'DEFAULTED', instalment: 0 },
      { kind: 'FILED', seq: 2, legalAtMs: due(0) + GRACE_MS, status: 'FILED', instalment: -1 },
    ]);
    expect(toHex(eventsOf(result)[1]!.filingId)).toBe(toHex(filingId(CHAIN_ID, CASE_NO, 1)));
    expect(fromUtf8(chain.view.entries.get(caseFilingKey(filingId(CHAIN_ID, CASE_NO, 1)))!)).toBe(CASE_NO);
    // Without acceleration, each later instalment defaults at its own time; the case stays FILED.
    expect(eventsOf(await chain.commit([], due(2) + GRACE_MS)).map(brief)).toEqual([
      { kind: 'DEFAULT', seq: 3, legalAtMs: due(1) + GRACE_MS, status: 'FILED', instalment: 1 },
      { kind: 'DEFAULT', seq: 4, legalAtMs: due(2) + GRACE_MS, status: 'FILED', instalment: 2 },
    ]);
  });

  it('an agreed one-off penalty is booked once, at the first default, on the principal then in default', async () => {
    const fixed = new CaseChain();
    await fixed.open(mediation({ acceleration: false, delay: { kind: 2, amountFen: 30_000 } }), T0, T0 + SECOND);
    await fixed.commit([], due(2) + GRACE_MS);
    expect((await fixed.record()).instalments.map((i) => [i.defaulted, i.chargeFen])).toEqual([[true, 30_000], [true, 0], [true, 0]]);
    // 5 % of the principal in default; with acceleration that is all three instalments.
    const share = new CaseChain();
    await share.open(mediation({ delay: { kind: 3, numerator: 5, denominator: 100 } }), T0, T0 + SECOND);
    await share.commit([], due(0) + GRACE_MS);
    expect((await share.record()).instalments.map((i) => i.chargeFen)).toEqual([3 * FEN * 5 / 100, 0, 0]);
  });

  it('full payment performs the case: it never resumes, and the court closes it', async () => {
    const chain = new CaseChain();
    await chain.open(mediation(), T0, T0 + SECOND);
    const atMs = T0 + 2 * SECOND;
    const result = await chain.commit([chain.paymentTx(3 * FEN, 'BANK-ALL', atMs - 1, atMs)], atMs);
    expect(eventsOf(result).map(brief)).toEqual([
      { kind: 'PAYMENT_RECEIVED', seq: 1, legalAtMs: atMs - 1, status: 'ACTIVE', instalment: -1 },
      { kind: 'PERFORMED', seq: 2, legalAtMs: atMs - 1, status: 'PERFORMED', instalment: -1 },
      { kind: 'PAYOUT_ORDERED', seq: 3, legalAtMs: atMs, status: 'PERFORMED', instalment: -1 },
    ]);
    for (const [kind, reason] of [[ACTION.CASE_ACTION_KIND_RESUME, 'CAUSE_ENDED'], [ACTION.CASE_ACTION_KIND_SUSPEND, 'RETRIAL'],
      [ACTION.CASE_ACTION_KIND_DEFAULT_SETTLEMENT, 'SETTLEMENT_NOT_PERFORMED']] as const) {
      await expectRefused(chain, chain.actionTx(kind, reason, atMs + SECOND), 'CASE_TRANSITION_INVALID', atMs + SECOND);
    }
    // Its instalments' times pass: a performed case records no default.
    expect((await chain.commit([], due(2) + GRACE_MS + 1)).events).toEqual([]);
    const closed = await chain.commit([chain.actionTx(ACTION.CASE_ACTION_KIND_CLOSE, 'PERFORMED', due(2) + GRACE_MS + 2)], due(2) + GRACE_MS + 2);
    expect(eventsOf(closed).map((e) => [brief(e).kind, brief(e).status, e.reasonCode, toHex(e.signer)]))
      .toEqual([['CLOSED', 'CLOSED', 'PERFORMED', toHex(court.publicKey)]]);
    await expectRefused(chain, chain.actionTx(ACTION.CASE_ACTION_KIND_RESUME, 'CAUSE_ENDED', due(2) + GRACE_MS + 3), 'CASE_TRANSITION_INVALID',
      due(2) + GRACE_MS + 3);
  });

  it('an independent state (a map copy) replays the chain to the same app hash', async () => {
    const chain = await throughFirstPayment();
    const copy = new MapStateView(new Map(chain.view.entries));
    const atMs = due(1) + GRACE_MS + 1;
    const a = await chain.propose([], atMs, 'validate');
    const b = await (await import('../../../src/state/execute.js')).executeBlock(copy, chain.ctx(atMs), [], 'validate');
    expect(toHex(a.appHash)).toBe(toHex(b.appHash));
  });
});
