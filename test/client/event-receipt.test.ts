// Event receipts: a case event proven offline from a trust anchor, good and bad proofs side by side,
// each bad one refused by the check that names what is wrong; both encodings round-trip; the
// anchor receipts of test/vectors/receipts still read and verify as they did.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  decodeEventReceipt, encodeEventReceipt, eventReceiptFromJson, eventReceiptToJson, formatEventReceiptJson, parseAnyReceiptBytes,
  type EventReceipt,
} from '../../src/client/event-receipt.js';
import { EVENT_RECEIPT_CHECKS, verifyEventReceipt, type EventReceiptVerification } from '../../src/client/event-receipt-verify.js';
import { ReceiptFormatError } from '../../src/client/receipt.js';
import { parseReceiptBytes } from '../../src/client/receipt-json.js';
import { verifyReceipt, type TrustAnchor } from '../../src/client/receipt-verify.js';
import { pb } from '../../src/codec/proto.js';
import { MerkleBuilder, leafHash } from '../../src/merkle/index.js';
import { parseGenesis } from '../../src/state/genesis.js';
import { toHex, utf8 } from '../../src/types/index.js';
import { seedKey } from '../helpers/chain.js';
import { eventHeader, signedCommit, validatorSet } from '../helpers/event-block.js';

const CHAIN_ID = 'tianping-events';
const set = validatorSet([0, 1, 2, 3].map((i) => seedKey(`event-validator-${i}`)));
const trust: TrustAnchor = { chainId: CHAIN_ID, validators: set.map((v) => ({ publicKey: v.publicKey, power: v.power })) };
/** Stand-ins for encoded CaseEvents: the receipt treats events as opaque bytes. */
const events = [0, 1, 2, 3, 4].map((i) => utf8(`case (2026) 京0491 民初 1 号 event ${i}`));

function receiptFor(blockEvents: readonly Uint8Array[], index: number, o: { height?: number; signers?: number[] } = {}): EventReceipt {
  const header = eventHeader(CHAIN_ID, o.height ?? 7, set, blockEvents);
  const tree = new MerkleBuilder(blockEvents.map((e) => leafHash(e)));
  return {
    kind: 'event', version: 1, chainId: CHAIN_ID, event: blockEvents[index]!, eventIndex: index, eventCount: blockEvents.length,
    eventProof: tree.proof(index), header, commit: signedCommit(CHAIN_ID, header, set, o.signers ?? [0, 1, 2]), setChanges: [],
  };
}

const good = receiptFor(events, 2);

function flip(bytes: Uint8Array, at = 0): Uint8Array {
  // A copy: Buffer's slice() (protobufjs hands out Buffers in Node) would share the bytes.
  const out = Uint8Array.from(bytes);
  out[at] = out[at]! ^ 0x01;
  return out;
}

function failedAt(result: EventReceiptVerification): string {
  return result.valid ? 'valid' : result.failed;
}

describe('verifyEventReceipt', () => {
  it('accepts a good receipt, running every check in order, and reports what it proves', () => {
    const result = verifyEventReceipt(good, trust);
    expect(result.valid).toBe(true);
    expect(result.checks.map((c) => c.id)).toEqual([...EVENT_RECEIPT_CHECKS]);
    if (!result.valid) return;
    const header = pb.Header.decode(good.header);
    expect(result.receipt).toMatchObject({
      chainId: CHAIN_ID, height: 7, eventIndex: 2, eventCount: 5, event: toHex(events[2]!), eventsRoot: toHex(header.eventsRoot),
      signedPower: 30, totalPower: 40, validatorCount: 4, setChanges: 0, trustHeight: 0,
    });
    expect(result.receipt.signers.map((s) => s.validatorIndex)).toEqual([0, 1, 2]);
  });

  it('proves every event of a block, the first and the last and a lone one', () => {
    for (let i = 0; i < events.length; i++) expect(failedAt(verifyEventReceipt(receiptFor(events, i), trust))).toBe('valid');
    expect(failedAt(verifyEventReceipt(receiptFor(events.slice(0, 1), 0), trust))).toBe('valid');
  });

  // Each row: what was changed, the receipt, and the check that must refuse it.
  const other = [0, 1, 2, 3, 4].map((i) => utf8(`another block's event ${i}`));
  const bad: [string, EventReceipt, string][] = [
    ['a flipped byte in the event', { ...good, event: flip(good.event, 5) }, 'event-inclusion'],
    ['a flipped byte in the audit path', { ...good, eventProof: good.eventProof.map((h, i) => (i === 1 ? flip(h, 31) : h)) }, 'event-inclusion'],
    ['a path hash missing', { ...good, eventProof: good.eventProof.slice(1) }, 'event-inclusion'],
    ['a wrong index (its neighbour\'s)', { ...good, eventIndex: 3 }, 'event-inclusion'],
    // Index 2 of 3 has the same path shape as index 1 of 2: only the header's count tells them apart.
    ['a wrong tree size', { ...receiptFor(events.slice(0, 3), 2), eventCount: 2, eventIndex: 1 }, 'event-inclusion'],
    ['a tree size larger than the header\'s', { ...good, eventCount: 6 }, 'event-inclusion'],
    ['the header of another block (other events)', { ...good, header: receiptFor(other, 2, { height: 8 }).header }, 'event-inclusion'],
    ['the header of another block (same events)', { ...good, header: receiptFor(events, 2, { height: 8 }).header }, 'commit-block'],
    ['a header without events', { ...good, header: eventHeader(CHAIN_ID, 7, set, []) }, 'event-inclusion'],
    ['a commit with too little power (20 of 40)', receiptFor(events, 2, { signers: [0, 3] }), 'commit-signatures'],
    ['the commit of another block', { ...good, commit: signedCommit(CHAIN_ID, receiptFor(other, 0).header, set, [0, 1, 2]) },
      'commit-block'],
    ['a flipped byte in the header\'s events root', { ...good, header: flip(good.header, good.header.length - 10) }, 'event-inclusion'],
    ['a flipped byte in the header\'s results hash', { ...good, header: flip(good.header, good.header.length - 150) }, 'commit-block'],
    ['another chain', { ...good, chainId: 'tianping-other' }, 'chain-id'],
    ['an unknown kind', { ...good, kind: 'anchor' }, 'format'],
    ['an unknown version', { ...good, version: 2 }, 'format'],
    ['an index beyond the count', { ...good, eventIndex: 5 }, 'format'],
    ['an empty event', { ...good, event: new Uint8Array() }, 'format'],
  ];
  for (const [what, receipt, check] of bad) {
    it(`refuses ${what}: ${check}`, () => {
      const result = verifyEventReceipt(receipt, trust);
      expect(failedAt(result)).toBe(check);
      if (result.valid) return;
      // The checks before it passed; the ones after did not run.
      expect(result.checks.slice(0, -1).every((c) => c.ok)).toBe(true);
      expect(result.skipped).toEqual(EVENT_RECEIPT_CHECKS.slice(EVENT_RECEIPT_CHECKS.indexOf(check as never) + 1));
    });
  }

  it('refuses a header signed by a set the trust anchor does not lead to: validators-hash', () => {
    const strangers = validatorSet([0, 1, 2, 3].map((i) => seedKey(`stranger-${i}`)));
    const header = eventHeader(CHAIN_ID, 7, strangers, events);
    const forged = { ...good, header, commit: signedCommit(CHAIN_ID, header, strangers, [0, 1, 2, 3]) };
    expect(failedAt(verifyEventReceipt(forged, trust))).toBe('validators-hash');
  });
});

describe('event receipt encodings', () => {
  it('round-trips protobuf and JSON, and the JSON header view shows the events root and count', () => {
    const bytes = encodeEventReceipt(good);
    expect(bytes[0]).toBe(0x0a);
    // Compared through the encoding: protobufjs decodes bytes to Buffers, which toEqual tells from Uint8Arrays.
    expect(encodeEventReceipt(decodeEventReceipt(bytes))).toEqual(bytes);
    const json = eventReceiptToJson(good);
    expect(json).toMatchObject({ format: 'tianping-receipt', kind: 'event', version: 1, eventIndex: 2, eventCount: 5 });
    expect(json.header.decoded).toMatchObject({ height: 7, eventCount: 5, eventsRoot: toHex(pb.Header.decode(good.header).eventsRoot) });
    expect(encodeEventReceipt(eventReceiptFromJson(JSON.parse(JSON.stringify(json))))).toEqual(bytes);
    for (const file of [utf8(formatEventReceiptJson(good)), bytes]) {
      const parsed = parseAnyReceiptBytes(file);
      expect(parsed.kind).toBe('event');
      expect(encodeEventReceipt(parsed.receipt as EventReceipt)).toEqual(bytes);
    }
  });

  it('reads strictly: a field missing or unknown, a decoded view that lies, another version', () => {
    const json = eventReceiptToJson(good) as unknown as Record<string, unknown>;
    const { eventProof: _proof, ...missing } = json;
    expect(() => eventReceiptFromJson(missing)).toThrow(/eventProof is missing/);
    expect(() => eventReceiptFromJson({ ...json, digest: '00' })).toThrow(/digest is not a field/);
    expect(() => eventReceiptFromJson({ ...json, version: 2 })).toThrow(/version is 2/);
    const header = json['header'] as { hex: string; decoded: Record<string, unknown> };
    expect(() => eventReceiptFromJson({ ...json, header: { ...header, decoded: { ...header.decoded, eventCount: 4 } } }))
      .toThrow(/header\.decoded\.eventCount does not match/);
    expect(() => decodeEventReceipt(Uint8Array.of(...encodeEventReceipt(good), 0x08, 0x00))).toThrow(ReceiptFormatError);
  });

  it('keeps the two kinds apart: the anchor reader refuses an event receipt, and anchor receipts read as before', () => {
    expect(() => parseReceiptBytes(utf8(formatEventReceiptJson(good)))).toThrow(/kind is not a field/);
    const dir = new URL('../vectors/receipts/', import.meta.url);
    const anchorBytes = readFileSync(new URL('good-evidence.json', dir));
    const parsed = parseAnyReceiptBytes(anchorBytes);
    expect(parsed.kind).toBe('anchor');
    expect(parsed.receipt).toEqual(parseReceiptBytes(anchorBytes));
    const manifest = JSON.parse(readFileSync(new URL('index.json', dir), 'utf8')) as
      { vectors: { name: string; evidence: { fileText: string } }[] };
    const genesis = parseGenesis(JSON.parse(readFileSync(new URL('genesis.json', dir), 'utf8')));
    const file = utf8(manifest.vectors.find((v) => v.name === 'good-evidence')!.evidence.fileText);
    if (parsed.kind !== 'anchor') return;
    expect(verifyReceipt(parsed.receipt, { file }, genesis).valid).toBe(true);
  });
});
