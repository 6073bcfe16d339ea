// Receipts: every vector of test/vectors/receipts/index.json through verifyReceipt, the JSON ↔
// protobuf round trip, the generator still writing exactly the committed files, and the order of
// the checks. A vector whose result drifts fails here; regenerate vectors only deliberately
// (scripts/gen-receipt-vectors.ts --force) and say why in the commit.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { receiptVectorFiles, vectorInternals, type VectorValidator } from '../../scripts/gen-receipt-vectors.js';
import {
  ReceiptFormatError, decodeReceipt, encodeReceipt, type Receipt,
} from '../../src/client/receipt.js';
import { formatReceiptJson, parseReceiptBytes, parseReceiptJson, receiptFromJson, receiptToJson } from '../../src/client/receipt-json.js';
import {
  RECEIPT_CHECKS, TrustAnchorError, receiptChecksFor, receiptFormatFailure, verifyReceipt, type HeaderHashTrust, type ReceiptCheckId,
  type ReceiptEvidence,
  type ReceiptVerification, type TrustAnchor,
} from '../../src/client/receipt-verify.js';
import { blockHashOfHeader, encodeHeader, validatorSetHash } from '../../src/codec/block.js';
import { pb } from '../../src/codec/proto.js';
import { txHash } from '../../src/codec/tx.js';
import { leafHash, rootFromLeafHashes } from '../../src/merkle/index.js';
import { buildAnchorTx } from '../../src/client/tx.js';
import { keyPairFromSeed } from '../../src/crypto/ed25519.js';
import { sha256 } from '../../src/crypto/hash.js';
import { parseTrustAnchorJson } from '../../src/client/trust-file.js';
import { concatBytes, fromHex, toHex, utf8 } from '../../src/types/index.js';

const DIR = new URL('../vectors/receipts/', import.meta.url);
const read = (name: string): string => readFileSync(new URL(name, DIR), 'utf8');
const readBytes = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(name, DIR)));

interface ManifestEntry {
  name: string;
  receipt: string;
  trust: string;
  evidence: { fileText?: string; fileDigest?: string; salt?: string };
  expect: { valid: true; [field: string]: unknown } | { valid: false; failedCheck: ReceiptCheckId } | { valid: false; error: 'trust-anchor' };
  /** Absent for a file that is not a receipt (its verdict is a failed format check). */
  protobufSha256?: string;
}

const manifest = JSON.parse(read('index.json')) as { vectors: ManifestEntry[] };

function hex(text: string): Uint8Array {
  const bytes = fromHex(text);
  if (bytes === undefined) throw new Error(`not hex: ${text}`);
  return bytes;
}

/** The trust file read as docs/receipt-format.md §5 specifies (what a verifier in another language reads). */
function trustFrom(name: string): TrustAnchor | HeaderHashTrust {
  return parseTrustAnchorJson(read(name));
}

/** A receipt file in either encoding through the parsers, then the verifier: a document that is no receipt fails `format`. */
function judge(vector: ManifestEntry): ReceiptVerification {
  const trust = trustFrom(vector.trust);
  let receipt: Receipt;
  try {
    receipt = parseReceiptBytes(readBytes(vector.receipt));
  } catch (error) {
    if (error instanceof ReceiptFormatError) return receiptFormatFailure(error.message, trust);
    throw error;
  }
  return verifyReceipt(receipt, evidenceFrom(vector.evidence), trust);
}

function evidenceFrom(entry: ManifestEntry['evidence']): ReceiptEvidence {
  const salt = entry.salt === undefined ? {} : { salt: hex(entry.salt) };
  if (entry.fileText !== undefined) return { file: utf8(entry.fileText), ...salt };
  return { fileDigest: hex(entry.fileDigest!), ...salt };
}

const genesis = trustFrom('genesis.json') as TrustAnchor;
const goodEvidence = parseReceiptJson(read('good-evidence.json'));
const goodSalted = parseReceiptJson(read('good-salted.json'));
const goodIndexed = parseReceiptJson(read('good-batch-indexed.json'));
const goodRootOnly = parseReceiptJson(read('good-batch-root-only.json'));
const fileA = (manifest.vectors.find((v) => v.name === 'good-evidence')!).evidence.fileText!;
const evidenceA: ReceiptEvidence = { file: utf8(fileA) };

function failedAt(result: ReceiptVerification): ReceiptCheckId | 'valid' {
  return result.valid ? 'valid' : result.failed;
}

describe('receipt vectors (test/vectors/receipts/index.json)', () => {
  it.each(manifest.vectors.map((v) => [v.name, v] as const))('%s', (_name, vector) => {
    if ('error' in vector.expect) {
      expect(() => judge(vector)).toThrow(TrustAnchorError);
      return;
    }
    const trust = trustFrom(vector.trust);
    const result = judge(vector);
    const ids = result.checks.map((c) => c.id);
    // A header hash runs the checks of version 2, any other trust anchor those of version 1.
    const list = receiptChecksFor(trust);
    if (vector.expect.valid) {
      expect(result.valid, result.valid ? '' : `${result.failed}: ${result.reason}`).toBe(true);
      if (!result.valid) return;
      expect(ids).toEqual([...list]);
      expect(result.checks.every((c) => c.ok)).toBe(true);
      const { valid: _valid, signers, ...fields } = vector.expect as Record<string, unknown>;
      const proved = result.receipt;
      expect(proved.signers.map((s) => s.publicKey)).toEqual(signers);
      for (const [field, value] of Object.entries(fields)) expect(proved[field as keyof typeof proved], field).toEqual(value);
      expect(proved.blockTime).toBe(new Date(proved.blockTimeMs).toISOString());
    } else {
      const expected = vector.expect.failedCheck;
      expect(failedAt(result)).toBe(expected);
      if (result.valid) return;
      const at = list.indexOf(expected);
      expect(at).toBeGreaterThanOrEqual(0);
      expect(ids).toEqual(list.slice(0, at + 1));
      expect(result.checks.slice(0, at).every((c) => c.ok)).toBe(true);
      expect(result.checks[at]).toEqual({ id: expected, ok: false, detail: result.reason });
      expect(result.skipped).toEqual(list.slice(at + 1));
    }
  });

  it('covers every alteration the format page promises, and every vector file is used', () => {
    const names = manifest.vectors.map((v) => v.name);
    for (const name of [
      'good-evidence', 'good-batch-indexed', 'good-batch-root-only', 'good-salted', 'tampered-digest', 'tampered-batch-path',
      'tampered-tx-bytes', 'tampered-header-bytes', 'tampered-header-time', 'tampered-commit-signature', 'tampered-set-change-key',
      'tampered-two-thirds', 'tampered-chain-id', 'tampered-foreign-validators', 'tampered-commit-other-height',
    ]) expect(names).toContain(name);
    const used = new Set(manifest.vectors.flatMap((v) => [v.receipt, v.trust]));
    const onDisk = readdirSync(DIR).filter((f) => f !== 'index.json');
    expect(onDisk.filter((f) => !used.has(f))).toEqual([]);
  });

  it('are exactly what scripts/gen-receipt-vectors.ts writes', () => {
    const generated = receiptVectorFiles();
    expect([...generated.keys()].sort()).toEqual(readdirSync(DIR).sort());
    for (const [name, content] of generated) {
      if (typeof content === 'string') expect(read(name), name).toBe(content);
      else expect(toHex(readBytes(name)), name).toBe(toHex(content));
    }
  });

  it('round-trip JSON → protobuf → JSON unchanged, and the protobuf form is pinned', () => {
    for (const vector of manifest.vectors) {
      if (vector.protobufSha256 === undefined) continue;
      if (vector.receipt.endsWith('.pb')) {
        const bytes = readBytes(vector.receipt);
        expect(toHex(sha256(bytes)), vector.name).toBe(vector.protobufSha256);
        expect(toHex(encodeReceipt(decodeReceipt(bytes)))).toBe(toHex(bytes));
        continue;
      }
      const text = read(vector.receipt);
      const receipt = parseReceiptJson(text);
      const bytes = encodeReceipt(receipt);
      expect(toHex(sha256(bytes)), vector.name).toBe(vector.protobufSha256);
      const again = decodeReceipt(bytes);
      expect(formatReceiptJson(again), vector.name).toBe(text);
      expect(toHex(encodeReceipt(again))).toBe(toHex(bytes));
      // Either encoding reads through parseReceiptBytes.
      expect(formatReceiptJson(parseReceiptBytes(bytes))).toBe(text);
      expect(formatReceiptJson(parseReceiptBytes(utf8(text)))).toBe(text);
    }
  });
});

describe('check order', () => {
  const garbage = Uint8Array.of(0xff, 0xff, 0xff);
  const headerOf = (r: Receipt): InstanceType<typeof pb.Header> => pb.Header.decode(r.header);
  const flip = (bytes: Uint8Array, at: number): Uint8Array => {
    const out = new Uint8Array(bytes);
    out[at] = out[at]! ^ 0x01;
    return out;
  };
  const otherDigest = sha256(utf8('another file'));

  // Each case breaks the named check AND some later ones: the verifier must name the earliest.
  const cases: [ReceiptCheckId, () => { receipt: Receipt; evidence?: ReceiptEvidence }][] = [
    ['format', () => ({ receipt: { ...goodEvidence, version: 2, chainId: 'elsewhere', tx: garbage } })],
    ['format', () => ({ receipt: { ...goodEvidence, txProof: [garbage] } })],
    ['format', () => ({ receipt: { ...goodEvidence, algorithm: 0 } })],
    ['format', () => ({ receipt: { ...goodEvidence, txIndex: 5 } })],
    ['format', () => ({ receipt: { ...goodEvidence, setChanges: [{ ...goodEvidence.setChanges[0]!, nextValidators:
      [...goodEvidence.setChanges[0]!.nextValidators].reverse() }] } })],
    ['chain-id', () => ({ receipt: { ...goodEvidence, chainId: 'elsewhere', tx: garbage }, evidence: { file: utf8('x') } })],
    ['item-digest', () => ({ receipt: { ...goodEvidence, tx: garbage }, evidence: { file: utf8('not the file') } })],
    ['item-digest', () => ({ receipt: goodEvidence, evidence: { file: utf8(fileA), salt: Uint8Array.of(1) } })],
    ['item-digest', () => ({ receipt: goodEvidence, evidence: { fileDigest: new Uint8Array(31) } })],
    ['tx-decode', () => ({ receipt: { ...goodEvidence, tx: garbage, header: garbage } })],
    // Well signed, but for another chain: refused before its signature is even looked at.
    ['tx-decode', () => ({ receipt: { ...goodEvidence, tx: buildAnchorTx({
      chainId: 'elsewhere', keyPair: keyPairFromSeed(new Uint8Array(32).fill(9)), digest: goodEvidence.digest, algorithm: 'sha256',
      category: 'copyright', nonce: 1, expiresAtMs: 2_000_000_000_000 }).bytes, header: garbage } })],
    ['tx-signature', () => ({ receipt: { ...goodEvidence, tx: flip(goodEvidence.tx, goodEvidence.tx.length - 1), header: garbage } })],
    ['tx-item', () => ({ receipt: { ...goodEvidence, digest: otherDigest, header: garbage }, evidence: { fileDigest: otherDigest } })],
    // The salted item's own digest given as if it were a file digest: everything matches but the flag.
    ['tx-item', () => ({ receipt: { ...goodSalted, salted: false, header: garbage }, evidence: { fileDigest: goodSalted.digest } })],
    ['tx-item', () => ({ receipt: { ...goodEvidence, batch: { itemIndex: 0, itemCount: 1, path: [] }, header: garbage } })],
    ['header', () => ({ receipt: { ...goodEvidence, header: garbage, txIndex: 0 } })],
    ['header', () => {
      const header = headerOf(goodEvidence);
      header.chainId = 'elsewhere';
      return { receipt: { ...goodEvidence, header: pb.Header.encode(header).finish() } };
    }],
    ['tx-inclusion', () => ({ receipt: { ...goodEvidence, txIndex: 0, commit: garbage } })],
    ['tx-inclusion', () => ({ receipt: { ...goodEvidence, txProof: goodEvidence.txProof.slice(1), commit: garbage } })],
    // Without the first change, the second change's header is not signed by the genesis set.
    ['set-changes', () => ({ receipt: { ...goodEvidence, setChanges: goodEvidence.setChanges.slice(1), commit: garbage } })],
    ['set-changes', () => ({ receipt: { ...goodEvidence, setChanges: [...goodEvidence.setChanges].reverse() } })],
    ['set-changes', () => ({ receipt: { ...goodEvidence, setChanges: [goodEvidence.setChanges[0]!, goodEvidence.setChanges[0]!] } })],
    ['validators-hash', () => ({ receipt: { ...goodEvidence, setChanges: [], commit: garbage } })],
    ['commit-block', () => ({ receipt: { ...goodEvidence, commit: garbage } })],
    ['commit-signatures', () => {
      const commit = pb.Commit.decode(goodEvidence.commit);
      commit.signatures.push({ validatorIndex: commit.signatures[0]!.validatorIndex!, signature: commit.signatures[0]!.signature! });
      return { receipt: { ...goodEvidence, commit: pb.Commit.encode(commit).finish() } };
    }],
    ['commit-signatures', () => {
      const commit = pb.Commit.decode(goodEvidence.commit);
      commit.signatures[0]!.validatorIndex = 4;
      return { receipt: { ...goodEvidence, commit: pb.Commit.encode(commit).finish() } };
    }],
  ];

  it.each(cases.map(([id, make], i) => [`${id} #${i}`, id, make] as const))('fails first at %s', (_label, id, make) => {
    const { receipt, evidence } = make();
    const result = verifyReceipt(receipt, evidence ?? evidenceA, genesis);
    expect(failedAt(result), result.valid ? '' : result.reason).toBe(id);
  });

  it('reaches every check: each id fails first in some case above', () => {
    expect(new Set(cases.map(([id]) => id))).toEqual(new Set(RECEIPT_CHECKS));
  });

  it('the unaltered receipt passes all checks with the same evidence and trust', () => {
    expect(failedAt(verifyReceipt(goodEvidence, evidenceA, genesis))).toBe('valid');
  });

  it('any flipped byte of the tx, header, commit or a set-change header makes the receipt invalid', () => {
    const parts: (keyof Receipt & ('tx' | 'header' | 'commit'))[] = ['tx', 'header', 'commit'];
    for (const part of parts) {
      const bytes = goodEvidence[part];
      for (let at = 0; at < bytes.length; at += Math.ceil(bytes.length / 12)) {
        const result = verifyReceipt({ ...goodEvidence, [part]: flip(bytes, at) }, evidenceA, genesis);
        expect(result.valid, `${part} byte ${at}`).toBe(false);
      }
    }
    const change = goodEvidence.setChanges[1]!;
    for (let at = 0; at < change.header.length; at += Math.ceil(change.header.length / 12)) {
      const setChanges = [goodEvidence.setChanges[0]!, { ...change, header: flip(change.header, at) }];
      expect(failedAt(verifyReceipt({ ...goodEvidence, setChanges }, evidenceA, genesis)), `change header byte ${at}`).toBe('set-changes');
    }
  });
});

describe('checks whose bypass a proof of the wrong shape would exploit', () => {
  const verify = (receipt: Receipt, evidence: ReceiptEvidence = evidenceA): ReceiptCheckId | 'valid' =>
    failedAt(verifyReceipt(receipt, evidence, genesis));

  // In these cases the audit path has the same shape under both counts, so the inclusion proof
  // alone would verify: only the count comparison catches the lie.
  it('a tx count the header does not state', () => {
    expect(verify({ ...goodEvidence, txCount: 6 })).toBe('tx-inclusion');
  });

  it('an item count the batch does not state (root-only and indexed)', () => {
    const rootOnlyEvidence = { fileDigest: goodRootOnly.digest };
    expect(verify({ ...goodRootOnly, batch: { ...goodRootOnly.batch!, itemCount: 7 } }, rootOnlyEvidence)).toBe('tx-item');
    const indexedEvidence = { fileDigest: goodIndexed.digest };
    expect(verify(goodIndexed, indexedEvidence)).toBe('valid');
    expect(verify({ ...goodIndexed, batch: { ...goodIndexed.batch!, itemCount: 6 } }, indexedEvidence)).toBe('tx-item');
    expect(verify({ ...goodIndexed, batch: { ...goodIndexed.batch!, path: [] } }, indexedEvidence)).toBe('valid');
    expect(verify({ ...goodIndexed, batch: { ...goodIndexed.batch!, itemIndex: 1 } }, indexedEvidence)).toBe('tx-item');
  });

  it('an algorithm the tx does not state', () => {
    expect(verify({ ...goodEvidence, algorithm: 2 }, { fileDigest: goodEvidence.digest })).toBe('tx-item');
  });
});

describe('forgeries by holders of validator keys', () => {
  const { chainId, S0, S1, S2, signCommit, txA, blockTime } = vectorInternals;
  const hashOf = (set: readonly VectorValidator[]): Uint8Array =>
    validatorSetHash(set.map((v) => ({ publicKey: v.key.publicKey, power: v.power })));
  const verify = (receipt: Receipt): ReceiptCheckId | 'valid' => failedAt(verifyReceipt(receipt, evidenceA, genesis));
  const [change1, change2] = [goodEvidence.setChanges[0]!, goodEvidence.setChanges[1]!];

  it('the set of height 7 on cannot backdate a block to height 5 through the change that made it', () => {
    const header = encodeHeader({
      chainId, height: 5, timeMs: blockTime(5), prevBlockHash: sha256(utf8('forged 4')), historyRoot: sha256(utf8('forged history')),
      txRoot: rootFromLeafHashes([leafHash(txHash(txA))]), appHash: sha256(utf8('forged app')),
      resultsHash: sha256(utf8('forged results')), validatorsHash: hashOf(S2), nextValidatorsHash: hashOf(S2),
      proposer: S2[0]!.key.publicKey, txCount: 1,
    });
    const forged = {
      ...goodEvidence, txIndex: 0, txCount: 1, txProof: [], header,
      commit: signCommit(chainId, S2, 5, 0, blockHashOfHeader(header), S2),
    };
    // The change announced at height 6 is not below the forged header at 5.
    expect(verify(forged)).toBe('set-changes');
    // Without that change the set of height 5 is the one announced at height 3, not the forgers'.
    expect(verify({ ...forged, setChanges: [change1] })).toBe('validators-hash');
  });

  it('a set cannot sign a change header that names another set as the signer', () => {
    const header = pb.Header.decode(change1.header);
    header.validatorsHash = hashOf(S1);
    const bytes = pb.Header.encode(header).finish();
    const commit = signCommit(chainId, S0, header.height, 0, blockHashOfHeader(bytes), S0);
    expect(verify({ ...goodEvidence, setChanges: [{ ...change1, header: bytes, commit }, change2] })).toBe('set-changes');
  });

  it('set changes go strictly up in height, even when each link is signed', () => {
    // A change header that keeps S1 (next = current), signed by S1: valid once, refused when repeated.
    const header = encodeHeader({
      chainId, height: 4, timeMs: blockTime(4), prevBlockHash: sha256(utf8('p')), historyRoot: sha256(utf8('h')),
      txRoot: rootFromLeafHashes([]), appHash: sha256(utf8('a')), resultsHash: rootFromLeafHashes([]),
      validatorsHash: hashOf(S1), nextValidatorsHash: hashOf(S1), proposer: S1[0]!.key.publicKey, txCount: 0,
    });
    const keep = { header, commit: signCommit(chainId, S1, 4, 0, blockHashOfHeader(header), S1), nextValidators: change1.nextValidators };
    expect(verify({ ...goodEvidence, setChanges: [change1, keep, change2] })).toBe('valid');
    expect(verify({ ...goodEvidence, setChanges: [change1, keep, keep, change2] })).toBe('set-changes');
  });

  it('a set change needs more than 2/3 of the current power', () => {
    const commit = pb.Commit.decode(change1.commit);
    expect(commit.signatures.length).toBe(3);
    commit.signatures.splice(0, 1);
    const weak = { ...change1, commit: pb.Commit.encode(commit).finish() };
    expect(verify({ ...goodEvidence, setChanges: [weak, change2] })).toBe('set-changes');
  });

  it('a commit must name the header\'s height, even when its signatures verify for the height it names', () => {
    const header = pb.Header.decode(goodEvidence.header);
    const commit = signCommit(chainId, S2, header.height + 1, 0, blockHashOfHeader(goodEvidence.header), S2);
    expect(verify({ ...goodEvidence, commit })).toBe('commit-block');
  });
});

describe('trust anchors', () => {
  const salted = goodSalted;
  const header9 = salted.header;
  const setOf9 = salted.setChanges[1]!.nextValidators.map((v) => ({ publicKey: toHex(v.publicKey), power: v.power }));
  const trust9: TrustAnchor = { chainId: genesis.chainId, validators: setOf9, trustedHeader: header9 };

  it('a trusted header above the receipt\'s height fails the header check', () => {
    const result = verifyReceipt({ ...goodEvidence, setChanges: [] }, evidenceA, trust9);
    expect(failedAt(result)).toBe('header');
  });

  it('a receipt at exactly the trusted height needs no set change', () => {
    const vector = manifest.vectors.find((v) => v.name === 'good-salted')!;
    const result = verifyReceipt({ ...salted, setChanges: [] }, evidenceFrom(vector.evidence), trust9);
    expect(failedAt(result)).toBe('valid');
  });

  it('at the trusted height only the trusted header itself is accepted', () => {
    const trust8: TrustAnchor = { ...trust9, trustedHeader: goodEvidence.header };
    expect(failedAt(verifyReceipt({ ...goodEvidence, setChanges: [] }, evidenceA, trust8))).toBe('valid');
    const backdated = parseReceiptJson(read('tampered-header-time.json'));
    const result = verifyReceipt({ ...backdated, setChanges: [] }, evidenceA, trust8);
    expect(failedAt(result)).toBe('header');
    expect(result.valid ? '' : result.reason).toMatch(/differs from the trusted header/);
  });

  it('judges a document that does not parse as a failed format check, and still refuses an unusable trust anchor', () => {
    const result = receiptFormatFailure('receipt JSON: $.chainId is missing', genesis);
    expect(result).toEqual({
      valid: false, failed: 'format', reason: 'receipt JSON: $.chainId is missing',
      checks: [{ id: 'format', ok: false, detail: 'receipt JSON: $.chainId is missing' }], skipped: RECEIPT_CHECKS.slice(1),
    });
    expect(() => receiptFormatFailure('receipt JSON: $.chainId is missing', { chainId: genesis.chainId, validators: [] }))
      .toThrow(TrustAnchorError);
  });

  it('refuses an unusable trust anchor with TrustAnchorError, not a verdict on the receipt', () => {
    expect(() => verifyReceipt(goodEvidence, evidenceA, { chainId: genesis.chainId, validators: [] })).toThrow(TrustAnchorError);
    const twice = [genesis.validators[0]!, genesis.validators[0]!];
    expect(() => verifyReceipt(goodEvidence, evidenceA, { chainId: genesis.chainId, validators: twice })).toThrow(/duplicate/);
    // The trusted header names set S2 in validators_hash; the genesis set does not hash to it.
    expect(() => verifyReceipt(goodEvidence, evidenceA, { ...trust9, validators: genesis.validators }))
      .toThrow(/do not hash to the trusted header/);
    expect(() => verifyReceipt(goodEvidence, evidenceA, { ...trust9, chainId: 'elsewhere' })).toThrow(TrustAnchorError);
  });

  it('names the genesis validators among the signers', () => {
    const result = verifyReceipt(goodEvidence, evidenceA, genesis);
    if (!result.valid) throw new Error(result.reason);
    const names = result.receipt.signers.map((s) => s.name ?? '(not in the trust anchor)');
    expect(names).toEqual(['(not in the trust anchor)', 'validator-1', 'validator-2']);
  });
});

describe('receipt JSON strictness', () => {
  const text = read('good-evidence.json');
  const doc = (): Record<string, unknown> => JSON.parse(text) as Record<string, unknown>;
  const refuse = (value: unknown, message: RegExp): void => {
    expect(() => receiptFromJson(value)).toThrow(ReceiptFormatError);
    expect(() => receiptFromJson(value)).toThrow(message);
  };

  it('reads its own output and the output alone decides nothing: bytes do', () => {
    expect(receiptToJson(receiptFromJson(doc()))).toEqual(doc());
  });

  it('refuses unknown fields, missing fields, wrong types and other versions', () => {
    refuse({ ...doc(), extra: 1 }, /\$\.extra is not a field/);
    const { commit: _commit, ...missing } = doc();
    refuse(missing, /\$\.commit is missing/);
    refuse({ ...doc(), version: 3 }, /version.*is 3/);
    // Version 2 proves the block by `trusted`, not by a commit: a version 1 body under version 2 is refused.
    refuse({ ...doc(), version: 2 }, /\$\.commit is not a field/);
    refuse({ ...doc(), format: 'other' }, /format/);
    refuse({ ...doc(), txIndex: '1' }, /txIndex must be a non-negative integer/);
    refuse({ ...doc(), digest: (doc()['digest'] as string).toUpperCase() }, /lowercase hex/);
    refuse({ ...doc(), algorithm: 'md5' }, /sha256/);
    refuse({ ...doc(), batch: null }, /batch must be an object/);
    expect(() => parseReceiptJson('{')).toThrow(ReceiptFormatError);
  });

  it('refuses a decoded view that says something the bytes do not', () => {
    const edited = doc();
    const header = edited['header'] as { hex: string; decoded: Record<string, unknown> };
    header.decoded['timeMs'] = (header.decoded['timeMs'] as number) - 3_600_000;
    refuse(edited, /\$\.header\.decoded\.timeMs does not match/);
    const noView = doc();
    delete (noView['tx'] as Record<string, unknown>)['decoded'];
    expect(toHex(receiptFromJson(noView).tx)).toBe(toHex(goodEvidence.tx));
  });

  it('refuses non-canonical protobuf', () => {
    const bytes = encodeReceipt(goodEvidence);
    expect(() => decodeReceipt(concatBytes(bytes, Uint8Array.of(0x08, 0x01)))).toThrow(ReceiptFormatError);
    expect(() => decodeReceipt(Uint8Array.of(0x0a))).toThrow(ReceiptFormatError);
  });
});
