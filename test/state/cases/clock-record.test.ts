// The clock's read of a case (its record alone, with the few terms its steps use copied in at
// creation) gives the same record bytes and the same events as the full read (record and terms),
// for every kind of terms the clock acts on differently: acceleration, automatic filing, each delay
// clause, several parties, a case that already defaulted. The stored record holds no terms; they
// are kept once, apart. And the field scanner the batch index rests on refuses bytes that end
// inside a field.
import { describe, expect, it } from 'vitest';
import { fieldSpans } from '../../../src/codec/fields.js';
import { pb } from '../../../src/codec/proto.js';
import { sha256 } from '../../../src/crypto/hash.js';
import { caseRecordKey, readCase, type CaseRecordMsg } from '../../../src/state/cases/index.js';
import { caseHexOf, caseTermsKey } from '../../../src/state/cases/keys.js';
import { applyProcessedEntries, readDueCursor } from '../../../src/state/cases/read-case.js';
import { defaultInstalment } from '../../../src/state/cases/lifecycle.js';
import { caseRecordBytes, readClockRecord } from '../../../src/state/cases/record.js';
import { toHex, utf8 } from '../../../src/types/index.js';
import { CASE_NO, CaseChain, GENESIS_TIME_MS, terms } from './fixture.js';

const T0 = GENESIS_TIME_MS + 60_000;
const DAY = 86_400_000;
const party = (label: string): { identityCommitment: Uint8Array } => ({ identityCommitment: sha256(utf8(`party ${label}`)) });

const VARIANTS: Record<string, Parameters<typeof terms>[1]> = {
  plain: {},
  acceleration: { acceleration: true },
  autoFile: { autoFile: true },
  'acceleration and autoFile': { acceleration: true, autoFile: true, graceMs: 3_600_000 },
  'fixed penalty': { delay: { kind: pb.CaseDelayKind.CASE_DELAY_KIND_PENALTY_FIXED, amountFen: 12_345 } },
  'share-of-unpaid penalty': { acceleration: true, delay: { kind: pb.CaseDelayKind.CASE_DELAY_KIND_PENALTY_SHARE_OF_UNPAID, numerator: 1, denominator: 10 } },
  'daily penalty': { delay: { kind: pb.CaseDelayKind.CASE_DELAY_KIND_PENALTY_DAILY, numerator: 5, denominator: 10_000 } },
  'several parties': {
    creditors: [party('c1'), party('c2')], payees: [{ party: party('c1'), weight: 2 }, { party: party('c2'), weight: 1 }],
    exemptClaimTypes: [1], caseAccountRef: 'BJ-IC-2026-0099', paymentOrder: pb.CasePaymentOrder.CASE_PAYMENT_ORDER_CHARGES_FIRST,
  },
};

async function openCase(variant: Parameters<typeof terms>[1]): Promise<CaseChain> {
  const chain = new CaseChain();
  const dues = [1, 2, 3].map((n) => T0 + n * DAY);
  await chain.open(terms(dues.map((dueAtMs, i) => ({ amountFen: 100_000 * (i + 1), dueAtMs })), variant), T0, T0 + 1_000);
  return chain;
}

/** Defaults instalment `index` both ways; returns the two encodings and the two event lists. */
async function bothWays(chain: CaseChain, index: number): Promise<[string, string, unknown, unknown]> {
  const full = (await readCase(chain.view, CASE_NO)) as CaseRecordMsg;
  const read = await readClockRecord(chain.view, caseRecordKey(CASE_NO), CASE_NO);
  expect(read).toBeDefined();
  // As the clock does: the entries processed in earlier blocks, not in the stored record, first.
  applyProcessedEntries(read!, caseHexOf(CASE_NO), await readDueCursor(chain.view));
  const legalAtMs = full.instalments[index]!.legalAtMs;
  const fullEvents = defaultInstalment(full, index, legalAtMs, 'chain');
  const clockEvents = defaultInstalment(read!, index, legalAtMs, 'chain');
  return [toHex(caseRecordBytes(full)), toHex(caseRecordBytes(read!)), fullEvents, clockEvents];
}

describe('the clock\'s read of a case record', () => {
  it.each(Object.keys(VARIANTS))('gives the bytes and events of the full decode: %s', async (name) => {
    const chain = await openCase(VARIANTS[name]);
    const [fullBytes, clockBytes, fullEvents, clockEvents] = await bothWays(chain, 0);
    expect(clockBytes).toBe(fullBytes);
    expect(clockEvents).toEqual(fullEvents);
    // Once more on a case that already defaulted (the clock's own run at the first due time).
    await chain.commit([], T0 + DAY + 1);
    const [again, againClock, againEvents, againClockEvents] = await bothWays(chain, 1);
    expect(againClock).toBe(again);
    expect(againClockEvents).toEqual(againEvents);
  });

  it('stores the record without its terms, and the terms once, apart', async () => {
    const chain = await openCase(VARIANTS['several parties']);
    const stored = chain.view.entries.get(caseRecordKey(CASE_NO))!;
    const record = pb.CaseRecord.decode(stored);
    expect(record.terms).toBeNull();
    expect(record.clockTerms).toMatchObject({ currency: 'CNY', acceleration: false, autoFile: false });
    const full = await readCase(chain.view, CASE_NO);
    expect(toHex(pb.CaseTerms.encode(full!.terms).finish())).toBe(toHex(chain.view.entries.get(caseTermsKey(CASE_NO))!));
    expect(full!.terms.creditors).toHaveLength(2);
    // Read by the clock and written back unchanged: the same bytes.
    const read = await readClockRecord(chain.view, caseRecordKey(CASE_NO), CASE_NO);
    expect(toHex(caseRecordBytes(read!))).toBe(toHex(stored));
  });
});

describe('field spans', () => {
  const message = pb.CaseDelay.encode({ kind: 2, amountFen: 2 ** 40, numerator: 3, denominator: 300 }).finish();

  it('finds each field', () => {
    expect(fieldSpans(message).map((s) => s.field)).toEqual([1, 2, 3, 4]);
    expect(fieldSpans(new Uint8Array())).toEqual([]);
  });

  it('refuses bytes that end inside a field or use a wire type we never write', () => {
    expect(() => fieldSpans(message.subarray(0, message.length - 1))).toThrow(RangeError);
    expect(() => fieldSpans(pb.CaseRecord.encode({ terms: { caseNo: 'XYZ' } }).finish().subarray(0, 4))).toThrow(RangeError);
    expect(() => fieldSpans(new Uint8Array([0x0b]))).toThrow(/wire type 3/);
    expect(() => fieldSpans(new Uint8Array([0x08, 0x80]))).toThrow(RangeError);
  });
});
