// Two-hop receipts (docs/crosschain.md §5), built from scratch on two chains (two-hop-fixture.ts):
// the good receipt verifies from the main genesis alone in both encodings; each tampered link fails
// at the check named for it; the readers refuse what is not exactly one two-hop receipt and tell the
// three receipt kinds apart.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { encodeEventReceipt, type EventReceipt } from '../../src/client/event-receipt.js';
import { encodeReceipt, ReceiptFormatError } from '../../src/client/receipt.js';
import { TrustAnchorError, type ReceiptEvidence, type TrustAnchor } from '../../src/client/receipt-verify.js';
import {
  decodeTwoHopReceipt, encodeTwoHopReceipt, formatTwoHopReceiptJson, parseReceiptFileBytes, parseTwoHopReceiptJson, twoHopReceiptToJson,
  type TwoHopReceipt,
} from '../../src/client/two-hop.js';
import { TWO_HOP_CHECKS, twoHopFormatFailure, verifyTwoHopReceipt, type TwoHopCheckId } from '../../src/client/two-hop-verify.js';
import { keyPairFromSeed } from '../../src/crypto/ed25519.js';
import { sha256 } from '../../src/crypto/hash.js';
import { utf8 } from '../../src/types/index.js';
import { PROJECT_ROOT } from '../e2e/node-process.js';
import { FILE, MAIN_CHAIN, SIDE_CHAIN, SIDE_NAME, mainGenesis, makeTwoHop } from './two-hop-fixture.js';

const good = makeTwoHop();

function verdict(receipt: TwoHopReceipt, evidence: ReceiptEvidence = good.evidence, trust: TrustAnchor = mainGenesis): TwoHopCheckId | 'valid' {
  const result = verifyTwoHopReceipt(receipt, evidence, trust);
  return result.valid ? 'valid' : result.failed;
}

const flip = (bytes: Uint8Array, at: number): Uint8Array => {
  const out = new Uint8Array(bytes);
  out[at] = out[at]! ^ 0x01;
  return out;
};

describe('a two-hop receipt verified from the main genesis', () => {
  it('the good receipt is valid: every check ran, main first, then relay-tx, then the side receipt prefixed side-', () => {
    const result = verifyTwoHopReceipt(good.receipt, good.evidence, mainGenesis);
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.checks.map((c) => c.id)).toEqual([...TWO_HOP_CHECKS]);
    expect(TWO_HOP_CHECKS.slice(0, 10)).toEqual(['format', 'chain-id', 'header', 'tx-inclusion', 'set-changes', 'validators-hash',
      'commit-block', 'commit-signatures', 'relay-tx', 'side-format']);
    if (!result.valid) return;
    const r = result.receipt;
    expect(r.name).toBe(SIDE_NAME);
    expect(r.item).toMatchObject({ chainId: SIDE_CHAIN, height: 1, fileDigest: Buffer.from(sha256(FILE)).toString('hex'), externalRef: 'loan-117' });
    expect(r.item.trusted).toMatchObject({ height: 3, blockHash: good.h });
    expect(r.sideHeader).toMatchObject({ chainId: SIDE_CHAIN, height: 3, hash: good.h });
    expect(r.main).toMatchObject({ chainId: MAIN_CHAIN, height: 2, txIndex: 1, txCount: 2, setChanges: 1, signedPower: 30, totalPower: 40,
      validatorCount: 4, trustHeight: 0 });
    expect(r.main.signers).toHaveLength(3);
  });

  it('an altered side item fails at side-item-digest (another file) or side-tx-item (another digest in the tx)', () => {
    expect(verdict(good.receipt, { file: utf8('a forged agreement') })).toBe('side-item-digest');
    const digest = sha256(utf8('a forged agreement'));
    expect(verdict({ ...good.receipt, side: { ...good.receipt.side, digest } }, { fileDigest: digest })).toBe('side-tx-item');
  });

  it('a relay tx of a side header that is not H fails at side-trusted-header', () => {
    expect(verdict(makeTwoHop({ relayOtherHeader: true }).receipt)).toBe('side-trusted-header');
  });

  it('a relay tx for another name, of another action or for another chain fails at relay-tx', () => {
    const cases: [string, TwoHopReceipt][] = [
      ['another name', makeTwoHop({ relayName: 'someone-else' }).receipt],
      ['another action', makeTwoHop({ relayAction: { anchorEvidence: { algorithm: 1, digest: sha256(FILE), category: 'contract' } } }).receipt],
      ['another chain', makeTwoHop({ relayChainId: 'court-elsewhere' }).receipt],
    ];
    for (const [what, receipt] of cases) {
      const result = verifyTwoHopReceipt(receipt, good.evidence, mainGenesis);
      expect(result.valid ? 'valid' : result.failed, what).toBe('relay-tx');
    }
    const named = verifyTwoHopReceipt(makeTwoHop({ relayName: 'someone-else' }).receipt, good.evidence, mainGenesis);
    expect(named.valid ? '' : named.reason).toContain('"someone-else", not "lender"');
    // The receipt's name must be the relay tx's too: changing the receipt alone breaks the link the same way.
    expect(verdict({ ...good.receipt, name: 'other' })).toBe('relay-tx');
  });

  it('a main commit short of 2/3 of the power fails at commit-signatures', () => {
    expect(verdict(makeTwoHop({ mainSigners: [0, 2] }).receipt)).toBe('commit-signatures');
    expect(verdict(makeTwoHop({ mainSigners: [0, 1, 2, 3] }).receipt)).toBe('valid');
  });

  it('a wrong main genesis fails: other validators at set-changes, another chain at chain-id; a header hash is no main anchor', () => {
    const others = [30, 31, 32, 33].map((n) => ({ publicKey: keyPairFromSeed(new Uint8Array(32).fill(n)).publicKey, power: 10 }));
    expect(verdict(good.receipt, good.evidence, { ...mainGenesis, validators: others })).toBe('set-changes');
    expect(verdict(good.receipt, good.evidence, { ...mainGenesis, chainId: 'court-elsewhere' })).toBe('chain-id');
    expect(() => verifyTwoHopReceipt(good.receipt, good.evidence, { chainId: MAIN_CHAIN, trustedHeaderHash: good.h } as never))
      .toThrow(TrustAnchorError);
  });

  it('a main chain id mismatch in the receipt fails at chain-id', () => {
    expect(verdict({ ...good.receipt, chainId: 'court-elsewhere' })).toBe('chain-id');
  });

  it('an altered tx proof, tx index, tx or main header fails where it is read', () => {
    const c = good.receipt.checkpoint;
    const withCheckpoint = (change: Partial<TwoHopReceipt['checkpoint']>): TwoHopReceipt =>
      ({ ...good.receipt, checkpoint: { ...c, ...change } });
    expect(verdict(withCheckpoint({ txProof: [flip(c.txProof[0]!, 0)] }))).toBe('tx-inclusion');
    expect(verdict(withCheckpoint({ txProof: [] }))).toBe('tx-inclusion');
    expect(verdict(withCheckpoint({ txIndex: 0 }))).toBe('tx-inclusion');
    expect(verdict(withCheckpoint({ tx: flip(c.tx, c.tx.length - 1) }))).toBe('tx-inclusion');
    expect(verdict(withCheckpoint({ header: flip(c.header, c.header.length - 1) }))).toBe('tx-inclusion');
    expect(verdict(withCheckpoint({ commit: c.setChanges[0]!.commit }))).toBe('commit-block');
    expect(verdict(withCheckpoint({ setChanges: [] }))).toBe('validators-hash');
    expect(verdict(withCheckpoint({ txIndex: 2 }))).toBe('format');
  });

  it('a side receipt of version 1 fails at side-format; a bad kind or version at format', () => {
    const side = { ...good.receipt.side, version: 1 };
    expect(verdict({ ...good.receipt, side })).toBe('side-format');
    expect(verdict({ ...good.receipt, kind: 'event' })).toBe('format');
    expect(verdict({ ...good.receipt, version: 2 })).toBe('format');
    expect(verdict({ ...good.receipt, name: 'no spaces allowed' })).toBe('format');
  });

  it('a failed check lists the checks it skipped, up to the last side check', () => {
    const result = verifyTwoHopReceipt(makeTwoHop({ relayName: 'x' }).receipt, good.evidence, mainGenesis);
    if (result.valid) throw new Error('expected a failure');
    expect([...result.checks.map((c) => c.id), ...result.skipped]).toEqual([...TWO_HOP_CHECKS]);
    const failure = twoHopFormatFailure('not JSON', mainGenesis);
    expect(failure).toMatchObject({ valid: false, failed: 'format', skipped: TWO_HOP_CHECKS.slice(1) });
  });
});

describe('the two-hop receipt encodings', () => {
  it('JSON and protobuf convert both ways without loss, and the verdict is the same', () => {
    const json = formatTwoHopReceiptJson(good.receipt);
    const fromJson = parseTwoHopReceiptJson(json);
    const bytes = encodeTwoHopReceipt(good.receipt);
    expect(encodeTwoHopReceipt(fromJson)).toEqual(bytes);
    expect(encodeTwoHopReceipt(decodeTwoHopReceipt(bytes))).toEqual(bytes);
    expect(twoHopReceiptToJson(decodeTwoHopReceipt(bytes))).toEqual(JSON.parse(json));
    expect(verdict(fromJson)).toBe('valid');
    expect(verdict(decodeTwoHopReceipt(bytes))).toBe('valid');
    const doc = JSON.parse(json) as { kind: string; side: { version: number }; checkpoint: { tx: { hex: string } } };
    expect(doc.kind).toBe('two-hop');
    expect(doc.side.version).toBe(2);
    expect(doc.checkpoint.tx.hex).toMatch(/^[0-9a-f]+$/);
  });

  it('the JSON reader is strict: unknown or missing fields, duplicate keys, a wrong version, a side field wrong', () => {
    const doc = twoHopReceiptToJson(good.receipt) as unknown as Record<string, unknown>;
    const refused = (value: unknown) => expect(() => parseTwoHopReceiptJson(value as object)).toThrow(ReceiptFormatError);
    refused({ ...doc, extra: 1 });
    refused({ ...doc, checkpoint: { ...(doc['checkpoint'] as object), extra: 1 } });
    const { name: _name, ...noName } = doc;
    refused(noName);
    refused({ ...doc, version: 2 });
    expect(() => parseTwoHopReceiptJson({ ...doc, side: { ...(doc['side'] as object), digest: 'XY' } }))
      .toThrow(/\$\.side\.digest/);
    expect(() => parseTwoHopReceiptJson(`{"kind":"two-hop","kind":"two-hop"}`)).toThrow(/given twice/);
  });

  it('protobuf: only the canonical encoding is read; a missing side or checkpoint is refused', () => {
    const bytes = encodeTwoHopReceipt(good.receipt);
    expect(() => decodeTwoHopReceipt(new Uint8Array([...bytes, 0x38, 0x00]))).toThrow(ReceiptFormatError);
    expect(() => decodeTwoHopReceipt(new Uint8Array([0x0a, 0x07, ...utf8('two-hop'), 0x10, 0x01]))).toThrow(/side is missing/);
  });

  it('parseReceiptFileBytes tells two-hop, event and anchor receipts apart in both encodings', () => {
    const json = utf8(formatTwoHopReceiptJson(good.receipt));
    expect(parseReceiptFileBytes(json).kind).toBe('two-hop');
    expect(parseReceiptFileBytes(encodeTwoHopReceipt(good.receipt)).kind).toBe('two-hop');
    expect(parseReceiptFileBytes(encodeReceipt(good.receipt.side)).kind).toBe('anchor');
    const event: EventReceipt = { kind: 'event', version: 1, chainId: MAIN_CHAIN, event: utf8('e'), eventIndex: 0, eventCount: 1,
      eventProof: [], header: good.receipt.checkpoint.header, commit: good.receipt.checkpoint.commit, setChanges: [] };
    expect(parseReceiptFileBytes(encodeEventReceipt(event)).kind).toBe('event');
    expect(() => parseReceiptFileBytes(utf8('{"kind":"two-hop","version":1}'))).toThrow(ReceiptFormatError);
  });
});

describe('the web page\'s SDK bundle (tianping-web.js, generated)', () => {
  it('reads a two-hop receipt file and reaches the SDK\'s verdicts', async () => {
    const web = await import(pathToFileURL(join(PROJECT_ROOT, 'src', 'api', 'web', 'tianping-web.js')).href) as {
      parseReceiptFileBytes: typeof parseReceiptFileBytes; verifyTwoHopReceipt: typeof verifyTwoHopReceipt;
    };
    const parsed = web.parseReceiptFileBytes(utf8(formatTwoHopReceiptJson(good.receipt)));
    if (parsed.kind !== 'two-hop') throw new Error(`read as ${parsed.kind}`);
    expect(web.verifyTwoHopReceipt(parsed.receipt, good.evidence, mainGenesis).valid).toBe(true);
    const altered = web.verifyTwoHopReceipt(makeTwoHop({ relayName: 'x' }).receipt, good.evidence, mainGenesis);
    expect(altered.valid ? 'valid' : altered.failed).toBe('relay-tx');
  });
});
