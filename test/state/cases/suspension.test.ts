// Court actions through the state machine: a suspension whose reason stops interest (法释〔2014〕8号
// Art 3) excludes its days from the delay interest and a resume restarts it, while one the creditor
// agreed to excludes nothing; only court keys suspend (a non-court key is refused and commits
// nothing); instalments falling due while a case is held default only when it runs again.
import { describe, expect, it } from 'vitest';
import { caseOwedAt } from '../../../src/state/cases/index.js';
import { ACTION, CaseChain, STATUS, brief, creditor, eventsOf, executor, expectRefused, oracle, outsider, terms } from './fixture.js';

/** 12:00 in Beijing (04:00 UTC) of a 2026 date. */
const noon = (month: number, day: number): number => Date.UTC(2026, month - 1, day, 4);
const YUAN_10000 = 1_000_000;

async function defaultedCase(): Promise<CaseChain> {
  const chain = new CaseChain();
  await chain.open(terms([{ amountFen: YUAN_10000, dueAtMs: noon(3, 28) }]), noon(3, 1), noon(3, 1) + 1_000);
  const result = await chain.commit([], noon(3, 28) + 60_000);
  expect(eventsOf(result).map((e) => brief(e).kind)).toEqual(['DEFAULT']);
  return chain;
}

const owedOn27April = async (chain: CaseChain): Promise<bigint> => caseOwedAt(await chain.record(), noon(4, 27)).chargeFen;

describe('court actions and interest', () => {
  it('a retrial suspension stops interest and a resume restarts it: ¥52.50 → ¥7.00 while suspended → ¥35.00 after', async () => {
    const chain = await defaultedCase();
    expect(await owedOn27April(chain)).toBe(5_250n);
    const suspended = await chain.commit([chain.actionTx(ACTION.CASE_ACTION_KIND_SUSPEND, 'RETRIAL', noon(4, 1))], noon(4, 1));
    expect(eventsOf(suspended).map((e) => [brief(e).kind, brief(e).status, e.reasonCode, e.legalAtMs]))
      .toEqual([['SUSPENDED', 'SUSPENDED', 'RETRIAL', noon(4, 1)]]);
    // In force, it excludes every day after 04-01: 03-29..04-01 is 4 days, ¥7.00.
    expect(await owedOn27April(chain)).toBe(700n);
    await expectRefused(chain, chain.actionTx(ACTION.CASE_ACTION_KIND_SUSPEND, 'RETRIAL', noon(4, 5)), 'CASE_TRANSITION_INVALID', noon(4, 5));
    const resumed = await chain.commit([chain.actionTx(ACTION.CASE_ACTION_KIND_RESUME, 'RETRIAL_CONCLUDED', noon(4, 11))], noon(4, 11));
    expect(eventsOf(resumed).map((e) => [brief(e).kind, brief(e).status])).toEqual([['RESUMED', 'DEFAULTED']]);
    // Lifted on 04-11: 04-02..04-11 are excluded, 20 days remain (docs/contracts.md §3, example 2).
    expect(await owedOn27April(chain)).toBe(3_500n);
    expect((await chain.record()).suspensions.map((s) => [s.fromMs, s.untilMs, s.reasonCode])).toEqual([[noon(4, 1), noon(4, 11), 'RETRIAL']]);
    // ¥10,035.00 on 04-27 pays it all: the case is performed.
    const paid = await chain.commit([chain.paymentTx(YUAN_10000 + 3_500, 'BANK-27', noon(4, 27), noon(4, 27) + 1_000)], noon(4, 27) + 1_000);
    expect(eventsOf(paid).map((e) => [brief(e).kind, e.principalFen, e.chargesFen, e.surplusFen]))
      .toEqual([['PAYMENT_RECEIVED', YUAN_10000, 3_500, 0], ['PERFORMED', 0, 0, 0], ['PAYOUT_ORDERED', 0, 0, 0]]);
    expect((await chain.record()).status).toBe(STATUS.CASE_STATUS_PERFORMED);
  });

  it('a suspension the creditor agreed to leaves the interest running: ¥52.50', async () => {
    const chain = await defaultedCase();
    await chain.commit([chain.actionTx(ACTION.CASE_ACTION_KIND_SUSPEND, 'CREDITOR_AGREED', noon(4, 1))], noon(4, 1));
    await chain.commit([chain.actionTx(ACTION.CASE_ACTION_KIND_RESUME, 'CREDITOR_APPLICATION', noon(4, 11))], noon(4, 11));
    expect(await owedOn27April(chain)).toBe(5_250n);
  });

  it('a suspension signed by a key without the court role is refused with CASE_SIGNER_NOT_ALLOWED and commits nothing', async () => {
    const chain = await defaultedCase();
    for (const signer of [oracle, executor, creditor, outsider]) {
      await expectRefused(chain, chain.actionTx(ACTION.CASE_ACTION_KIND_SUSPEND, 'RETRIAL', noon(4, 1), signer), 'CASE_SIGNER_NOT_ALLOWED', noon(4, 1));
    }
    await expectRefused(chain, chain.actionTx(ACTION.CASE_ACTION_KIND_SUSPEND, 'BECAUSE', noon(4, 1)), 'CASE_REASON_UNKNOWN', noon(4, 1));
    await expectRefused(chain, chain.actionTx(ACTION.CASE_ACTION_KIND_RESUME, 'CAUSE_ENDED', noon(4, 1)), 'CASE_TRANSITION_INVALID', noon(4, 1));
    await expectRefused(chain, chain.actionTx(ACTION.CASE_ACTION_KIND_SUSPEND, 'RETRIAL', noon(4, 1), undefined, 'NO-SUCH-CASE'), 'CASE_UNKNOWN', noon(4, 1));
    expect((await chain.record()).status).toBe(STATUS.CASE_STATUS_DEFAULTED);
  });

  it('instalments due while the case is suspended default only when it resumes, at the resumption', async () => {
    const chain = new CaseChain();
    await chain.open(terms([{ amountFen: 100_000, dueAtMs: noon(3, 10) }, { amountFen: 100_000, dueAtMs: noon(3, 20) }]), noon(3, 1), noon(3, 1) + 1);
    await chain.commit([chain.actionTx(ACTION.CASE_ACTION_KIND_SUSPEND, 'COURT_REVIEW', noon(3, 5))], noon(3, 5));
    expect((await chain.commit([], noon(3, 25))).events).toEqual([]);
    const resumed = await chain.commit([chain.actionTx(ACTION.CASE_ACTION_KIND_RESUME, 'REVIEW_CONCLUDED', noon(3, 30))], noon(3, 30));
    expect(eventsOf(resumed).map(brief)).toEqual([
      { kind: 'RESUMED', seq: 2, legalAtMs: noon(3, 30), status: 'ACTIVE', instalment: -1 },
      { kind: 'DEFAULT', seq: 3, legalAtMs: noon(3, 30), status: 'DEFAULTED', instalment: 0 },
      { kind: 'DEFAULT', seq: 4, legalAtMs: noon(3, 30), status: 'DEFAULTED', instalment: 1 },
    ]);
    // Interest on the first: 03-11..04-09 is 30 days, less 03-11..03-30 under the review: 10 days, 1.75 fen × 100.
    expect(caseOwedAt(await chain.record(), noon(4, 9)).instalments[0]!.chargeFen).toBe(175n);
  });

  it('tracks the two-year application period from the last instalment and warns on a later filing, never refusing it', async () => {
    const chain = await defaultedCase();
    const ends = Date.UTC(2028, 2, 28, 15, 59, 59, 999); // the end of 2028-03-28 in Beijing
    expect((await chain.record()).applicationPeriodEndsAtMs).toBe(ends);
    const inTime = await chain.propose([chain.filingTx(ends - 1)], ends - 1);
    expect(eventsOf(inTime).map((e) => [e.applicationPeriodEndsAtMs, e.warning])).toEqual([[ends, '']]);
    const late = await chain.commit([chain.filingTx(ends + 1)], ends + 1);
    expect(eventsOf(late).map((e) => [brief(e).kind, e.applicationPeriodEndsAtMs, e.warning])).toEqual([['FILED', ends, 'APPLICATION_PERIOD_EXPIRED']]);
  });

  it('a settlement holds the case; its default lets the creditor resume the original document', async () => {
    const chain = await defaultedCase();
    await chain.commit([chain.actionTx(ACTION.CASE_ACTION_KIND_SETTLE, 'EXECUTION_SETTLEMENT', noon(4, 1))], noon(4, 1));
    expect((await chain.record()).status).toBe(STATUS.CASE_STATUS_SETTLED);
    await expectRefused(chain, chain.actionTx(ACTION.CASE_ACTION_KIND_DEFAULT_SETTLEMENT, 'SETTLEMENT_NOT_PERFORMED', noon(5, 1), outsider),
      'CASE_SIGNER_NOT_ALLOWED', noon(5, 1));
    const back = await chain.commit([chain.actionTx(ACTION.CASE_ACTION_KIND_DEFAULT_SETTLEMENT, 'SETTLEMENT_NOT_PERFORMED', noon(5, 1), creditor)],
      noon(5, 1));
    expect(eventsOf(back).map((e) => [brief(e).kind, brief(e).status])).toEqual([['SETTLEMENT_DEFAULTED', 'DEFAULTED']]);
    await chain.commit([chain.filingTx(noon(5, 2))], noon(5, 2));
    await chain.commit([chain.actionTx(ACTION.CASE_ACTION_KIND_TERMINATE, 'DEBTOR_DESTITUTE', noon(6, 1))], noon(6, 1));
    await chain.commit([chain.actionTx(ACTION.CASE_ACTION_KIND_CLOSE, 'TERMINATED', noon(6, 2))], noon(6, 2));
    expect((await chain.record()).status).toBe(STATUS.CASE_STATUS_CLOSED);
  });
});
