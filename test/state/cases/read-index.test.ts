// The two indexes the read API walks, written by the state machine: each case event's place in the
// chain (case/ev/<case>/<seq> → height and position among its block's events, in the bev/ key that
// holds them) and each party's cases (case/party/<party id>/<case>), written once at creation.
import { describe, expect, it } from 'vitest';
import {
  CASE_EVENT_PREFIX, CASE_PARTY_PREFIX, caseEventKey, caseEventPrefix, caseNoOfKey, casePartyPrefix, decodeBlockEvents, decodeEvent,
  decodeEventLocation, encodeEventLocation,
} from '../../../src/state/cases/index.js';
import { blockEventsKey } from '../../../src/state/keys.js';
import { sha256 } from '../../../src/crypto/hash.js';
import { toHex, utf8 } from '../../../src/types/index.js';
import { CASE_NO, CaseChain, DOCUMENT, GENESIS_TIME_MS, creditor, executor, terms } from './fixture.js';

const T0 = GENESIS_TIME_MS + 60_000;
const SECOND = 1_000;
const keysUnder = (chain: CaseChain, prefix: string): string[] => [...chain.view.entries.keys()].filter((k) => k.startsWith(prefix)).sort();

describe('case/ev/: where each case event sits', () => {
  it('points every event of a case, tx-made and clock-made, at its place in the bev/ key holding its block\'s events; unmatched money is not indexed', async () => {
    const chain = new CaseChain();
    await chain.open(terms([{ amountFen: 100_000, dueAtMs: T0 + 10 * SECOND }, { amountFen: 100_000, dueAtMs: T0 + 20 * SECOND }]),
      T0, T0 + SECOND);
    // In one block: a payment for the case, money for an unknown case, then the clock's default of instalment 0.
    const at = T0 + 15 * SECOND;
    const block = await chain.commit([
      chain.paymentTx(40_000, 'REF-1', at - 100, at),
      chain.paymentTx(7, 'REF-2', at - 100, at, { caseNo: 'NOT-A-CASE' }),
    ], at);
    // The payment, its payout order, the unmatched money, the default.
    expect(block.events.map((e) => decodeEvent(e).kind)).toHaveLength(4);
    const record = await chain.record();
    const indexed = keysUnder(chain, caseEventPrefix(CASE_NO));
    expect(indexed).toEqual([0, 1, 2, 3].map((seq) => caseEventKey(CASE_NO, seq)));
    expect(record.eventsCount).toBe(4);
    for (const [seq, key] of indexed.entries()) {
      const { height, index } = decodeEventLocation(chain.view.entries.get(key)!);
      const event = decodeEvent(decodeBlockEvents(chain.view.entries.get(blockEventsKey(height))!)[index]!);
      expect({ caseNo: event.caseNo, seq: event.seq, height: event.height }).toEqual({ caseNo: CASE_NO, seq, height });
    }
    // The payment is the block's first event, its payout order the second, the unmatched money its third (no case/ev/ key), the
    // default its fourth.
    expect(decodeEventLocation(chain.view.entries.get(caseEventKey(CASE_NO, 1))!)).toEqual({ height: 3, index: 0 });
    expect(decodeEventLocation(chain.view.entries.get(caseEventKey(CASE_NO, 2))!)).toEqual({ height: 3, index: 1 });
    expect(decodeEventLocation(chain.view.entries.get(caseEventKey(CASE_NO, 3))!)).toEqual({ height: 3, index: 3 });
    expect(keysUnder(chain, CASE_EVENT_PREFIX).every((k) => k.startsWith(caseEventPrefix(CASE_NO)))).toBe(true);
  });
});

describe('case/party/: a party\'s cases', () => {
  it('lists each distinct party of a case once (creditor key, debtor commitment, payees), written at creation only', async () => {
    const chain = new CaseChain();
    const debtor = sha256(utf8('salt|debtor'));
    const payee = sha256(utf8('salt|payee'));
    await chain.commit([chain.anchorTx(DOCUMENT, T0)], T0);
    await chain.commit([chain.createTx(terms([{ amountFen: 1_000, dueAtMs: T0 + 10 * SECOND }], {
      payees: [{ party: { memberKey: creditor.publicKey }, weight: 1 }, { party: { identityCommitment: payee }, weight: 2 }],
    }), T0 + SECOND)], T0 + SECOND);
    await chain.commit([chain.createTx(terms([{ amountFen: 1_000, dueAtMs: T0 + 10 * SECOND }], {
      caseNo: 'B-2', creditors: [{ memberKey: executor.publicKey }],
    }), T0 + 2 * SECOND)], T0 + 2 * SECOND);
    const cases = (party: Uint8Array): string[] => keysUnder(chain, casePartyPrefix(party)).map(caseNoOfKey);
    expect(cases(creditor.publicKey)).toEqual([CASE_NO, 'B-2'].sort());
    expect(cases(debtor)).toEqual([CASE_NO, 'B-2'].sort());
    expect(cases(payee)).toEqual([CASE_NO]);
    expect(cases(executor.publicKey)).toEqual(['B-2']);
    expect(keysUnder(chain, CASE_PARTY_PREFIX)).toHaveLength(6);
    // Later blocks (the clock's defaults) write no party entry.
    const before = keysUnder(chain, CASE_PARTY_PREFIX);
    await chain.commit([], T0 + 30 * SECOND);
    expect(keysUnder(chain, CASE_PARTY_PREFIX)).toEqual(before);
    expect(casePartyPrefix(toHex(debtor).toUpperCase())).toBe(casePartyPrefix(debtor));
  });
});

describe('an event\'s location', () => {
  it('round-trips heights beyond 32 bits and the largest index', () => {
    for (const location of [{ height: 1, index: 0 }, { height: 2 ** 40 + 5, index: 7 }, { height: 2 ** 48 - 1, index: 0xffff }]) {
      const bytes = encodeEventLocation(location);
      expect(bytes).toHaveLength(12);
      expect(decodeEventLocation(bytes)).toEqual(location);
    }
    expect(toHex(encodeEventLocation({ height: 2 ** 32 + 2, index: 3 }))).toBe('000000010000000200000003');
  });
});
