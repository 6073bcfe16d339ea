// The hand-written case codec against the generated one: on random records and events (numbers at
// every varint length up to 2^53, negative int32s, non-ASCII and long strings, empty and present
// nested messages), the bytes are the generated encoder's and the decoded record is the generated
// decoder's, field for field. A failure prints its seed (CASE_CODEC_SEED replays it).
import { describe, expect, it } from 'vitest';
import { decodeCaseRecord, encodeBlockEvents, encodeCaseEvent, encodeCaseRecord } from '../../src/codec/case-codec.js';
import type { tianping } from '../../src/codec/gen/tianping.js';
import { pb } from '../../src/codec/proto.js';
import { toHex } from '../../src/types/index.js';
import { Prng } from '../sim/prng.js';

const SEED = Number(process.env['CASE_CODEC_SEED'] ?? 20261207);
const CASES = 2_000;

const STRINGS = ['', 'CNY', 'RETRIAL_REVIEW', '（2026）京0491民初1234号', 'x'.repeat(130), 'é', '\u{1F4B4}', 'A'.repeat(63), 'B'.repeat(64)];

function number(prng: Prng): number {
  // Zero half the time (left out on the wire), else a value of a random bit length up to 53.
  if (prng.chance(400)) return 0;
  const bits = prng.range(1, 53);
  return Math.floor(prng.int(2 ** 26) * 2 ** 27 + prng.int(2 ** 27)) % 2 ** bits;
}

const pick = <T>(prng: Prng, values: readonly T[]): T => values[prng.int(values.length)]!;
const maybeBytes = (prng: Prng): Uint8Array => (prng.chance(300) ? new Uint8Array() : prng.bytes(pick(prng, [1, 32, 200])));

function randomRecord(prng: Prng): tianping.v1.CaseRecord {
  const instalments = Array.from({ length: prng.int(5) }, () => ({
    dueDay: prng.int(2 ** 31), countedThroughDay: prng.chance(500) ? 0 : prng.int(2 ** 31), principalFen: number(prng),
    chargeFen: number(prng), legalAtMs: number(prng), defaulted: prng.chance(500),
  }));
  const suspensions = Array.from({ length: prng.int(3) }, () => ({ fromMs: number(prng), untilMs: number(prng), reasonCode: pick(prng, STRINGS) }));
  const delay = prng.chance(200) ? null
    : { kind: prng.int(5), amountFen: number(prng), numerator: number(prng), denominator: number(prng) };
  const clockTerms = prng.chance(100) ? null
    : { currency: pick(prng, STRINGS), acceleration: prng.chance(500), delay, autoFile: prng.chance(500) };
  return pb.CaseRecord.create({
    status: prng.int(9), resumeStatus: prng.int(9), instalments, feeOpen: prng.chance(500), feeRecoveredFen: number(prng),
    feeChargedFen: number(prng), suspensions, defaultSeq: number(prng), defaultedAtMs: number(prng), accelerated: prng.chance(500),
    filingId: maybeBytes(prng), eventsCount: number(prng), createdHeight: number(prng), createdAtMs: number(prng),
    creator: maybeBytes(prng), receivedFen: number(prng), creditorFen: number(prng), surplusFen: number(prng),
    paidOutFen: number(prng), applicationPeriodEndsAtMs: number(prng), clockTerms,
  });
}

function randomEvent(prng: Prng): tianping.v1.CaseEvent.$Properties {
  return {
    caseNo: pick(prng, STRINGS), seq: number(prng), kind: prng.int(20), legalAtMs: number(prng), height: number(prng),
    txHash: maybeBytes(prng), signer: maybeBytes(prng), status: prng.int(9), reasonCode: pick(prng, STRINGS),
    instalmentIndex: prng.chance(300) ? -1 : prng.chance(500) ? -prng.range(2, 2 ** 31) : prng.int(2 ** 31),
    amountFen: number(prng), bankRef: pick(prng, STRINGS), filingId: maybeBytes(prng), feeFen: number(prng),
    principalFen: number(prng), chargesFen: number(prng), surplusFen: number(prng), applicationPeriodEndsAtMs: number(prng),
    warning: pick(prng, STRINGS), reportedCaseNo: pick(prng, STRINGS),
    payout: prng.chance(800) ? null : { caseNo: pick(prng, STRINGS), amountFen: number(prng), payeeIndex: prng.int(8) },
  };
}

const RECORD_FIELDS = ['status', 'resumeStatus', 'feeOpen', 'feeRecoveredFen', 'feeChargedFen', 'defaultSeq', 'defaultedAtMs',
  'accelerated', 'filingId', 'eventsCount', 'createdHeight', 'createdAtMs', 'creator', 'receivedFen', 'creditorFen', 'surplusFen',
  'paidOutFen', 'applicationPeriodEndsAtMs'];
const INSTALMENT_FIELDS = ['dueDay', 'countedThroughDay', 'principalFen', 'chargeFen', 'legalAtMs', 'defaulted'];
const SUSPENSION_FIELDS = ['fromMs', 'untilMs', 'reasonCode'];
const DELAY_FIELDS = ['kind', 'amountFen', 'numerator', 'denominator'];

/** The named fields as read (a generated message's defaults come from its prototype), bytes as hex. */
function fields(message: object | null | undefined, names: readonly string[]): unknown {
  if (message == null) return null;
  const read = message as { [name: string]: unknown };
  return Object.fromEntries(names.map((name) => {
    const value = read[name];
    return [name, value instanceof Uint8Array ? toHex(value) : value];
  }));
}

/** A decoded record's every field, as a decoder of either kind leaves it. */
function plainRecord(record: tianping.v1.CaseRecord): unknown {
  const clock = record.clockTerms;
  return {
    ...(fields(record, RECORD_FIELDS) as object),
    instalments: record.instalments.map((i) => fields(i, INSTALMENT_FIELDS)),
    suspensions: record.suspensions.map((x) => fields(x, SUSPENSION_FIELDS)),
    clockTerms: clock == null ? null : {
      currency: clock.currency, acceleration: clock.acceleration, autoFile: clock.autoFile, delay: fields(clock.delay, DELAY_FIELDS),
    },
  };
}

describe('the hand-written case codec', () => {
  it(`writes the generated encoder's bytes and reads its values (seed ${SEED})`, () => {
    const prng = new Prng(SEED);
    for (let i = 0; i < CASES; i++) {
      const record = randomRecord(prng);
      const expected = pb.CaseRecord.encode(record).finish();
      const bytes = encodeCaseRecord(record);
      expect(toHex(bytes), `record ${i} of seed ${SEED}`).toBe(toHex(expected));
      const decoded = decodeCaseRecord(bytes) as unknown as tianping.v1.CaseRecord;
      expect(plainRecord(decoded), `record ${i} of seed ${SEED}`).toEqual(plainRecord(pb.CaseRecord.decode(bytes)));
      expect(toHex(pb.CaseRecord.encode(decoded).finish()), `record ${i} of seed ${SEED}`).toBe(toHex(bytes));

      const event = randomEvent(prng);
      expect(toHex(encodeCaseEvent(event)), `event ${i} of seed ${SEED}`).toBe(toHex(pb.CaseEvent.encode(event).finish()));
    }
  });

  it('writes a block\'s events as the generated BlockEvents encoder does', () => {
    const prng = new Prng(SEED + 1);
    for (let i = 0; i < 50; i++) {
      const events = Array.from({ length: prng.int(300) }, () => prng.bytes(pick(prng, [0, 1, 60, 127, 128, 300, 20_000])));
      expect(toHex(encodeBlockEvents(events)), `list ${i} of seed ${SEED + 1}`).toBe(toHex(pb.BlockEvents.encode({ events }).finish()));
    }
  });

  it('never writes the terms: state keeps them apart', () => {
    const record = pb.CaseRecord.create({ terms: { caseNo: 'C-1' }, status: 1 });
    expect(toHex(encodeCaseRecord(record))).toBe('1001');
  });

  it('hands a record with a field it does not know to the generated decoder, losing nothing', () => {
    const withTerms = pb.CaseRecord.encode({ terms: { caseNo: 'C-1', currency: 'CNY' }, status: 2, eventsCount: 7 }).finish();
    const decoded = decodeCaseRecord(withTerms) as unknown as tianping.v1.CaseRecord;
    expect(decoded.terms?.caseNo).toBe('C-1');
    expect(decoded.eventsCount).toBe(7);
    // A known field with another wire type (field 13 as bytes) goes the same way.
    const odd = Uint8Array.from([0x6a, 0x01, 0x05, 0x10, 0x02]);
    expect(() => decodeCaseRecord(odd)).not.toThrow();
    expect(decodeCaseRecord(odd).status).toBe(2);
  });

  it('refuses bytes that end inside a field, like the generated decoder', () => {
    const bytes = encodeCaseRecord(pb.CaseRecord.create({ status: 1, eventsCount: 300, filingId: new Uint8Array(32).fill(7) }));
    for (let cut = 1; cut < bytes.length; cut++) {
      const truncated = bytes.subarray(0, cut);
      const generated = (() => { try { pb.CaseRecord.decode(truncated); return 'ok'; } catch { return 'throws'; } })();
      if (generated === 'throws') expect(() => decodeCaseRecord(truncated), `cut at ${cut}`).toThrow(RangeError);
    }
  });

  it('keeps a 10-byte varint of a negative int32 and a value of 2^53 - 1 exact', () => {
    const event = { caseNo: 'C', instalmentIndex: -1, amountFen: Number.MAX_SAFE_INTEGER };
    expect(toHex(encodeCaseEvent(event))).toBe(toHex(pb.CaseEvent.encode(event).finish()));
    const record = pb.CaseRecord.create({ receivedFen: Number.MAX_SAFE_INTEGER, status: 3 });
    expect(decodeCaseRecord(encodeCaseRecord(record)).receivedFen).toBe(Number.MAX_SAFE_INTEGER);
  });
});
