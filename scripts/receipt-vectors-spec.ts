// The receipt vectors of the rules docs/receipt-format.md §14 lists ("Spec completeness"), written by
// gen-receipt-vectors.ts into the same directory and manifest: one or more per rule, good and bad,
// each labelled by construction with the check that must refuse it. They come from chains of their
// own (the genesis set, history roots as in §4) so that no earlier vector changes; all are checked
// against genesis.json unless they test the trust anchor itself.
import * as ed from '@noble/ed25519';
import type { Receipt } from '../src/client/receipt.js';
import { encodeReceipt } from '../src/client/receipt.js';
import { formatReceiptJson } from '../src/client/receipt-json.js';
import { encodeCommit, sortValidators } from '../src/codec/block.js';
import { HashAlgorithm, pb } from '../src/codec/proto.js';
import { VOTE_PRECOMMIT, txSignBytes, voteSignBytes } from '../src/codec/sign-bytes.js';
import { encodeSignedTx, txHash } from '../src/codec/tx.js';
import { sign, type KeyPair } from '../src/crypto/ed25519.js';
import { sha256 } from '../src/crypto/hash.js';
import { toHex, utf8 } from '../src/types/index.js';
import type { Block, BlockSpec, Evidence, Expect, Item, Validator } from './receipt-vectors-types.js';

interface SpecChain {
  readonly chainId: string;
  add(spec: BlockSpec): Block;
  setChanges(fromHeight: number, toHeight: number): Receipt['setChanges'];
}

interface SpecVectorContext {
  readonly chainId: string;
  readonly genesisTimeMs: number;
  /** A new empty chain of the genesis set, history roots as in §4. */
  readonly newChain: () => SpecChain;
  /** The genesis set, in the order genesis.json lists it. */
  readonly set: readonly Validator[];
  readonly platform: KeyPair;
  readonly receiptFor: (chain: SpecChain, block: Block, tx: Uint8Array, item: Item) => Receipt;
  /** good-evidence (version 1), its evidence and expectation: the base of the document-level vectors. */
  readonly goodEvidence: Receipt;
  readonly evidenceA: Evidence;
  readonly goodEvidenceExpect: Expect;
  /** good-evidence-v2 and its expectation: the JSON and protobuf rules hold for version 2 as well. */
  readonly goodV2: { readonly receipt: Receipt; readonly expect: Expect };
  readonly addVector: (name: string, description: string, receipt: Receipt, evidence: Evidence, expect: Expect, trust?: string,
    receiptFile?: string) => void;
  /** A vector whose receipt file is given as is (a document that is not a well-formed receipt). */
  readonly addRawVector: (name: string, description: string, file: string, content: string | Uint8Array, evidence: Evidence,
    expect: Expect, trust?: string) => void;
  readonly files: Map<string, string | Uint8Array>;
}

const SHA = HashAlgorithm.HASH_ALGORITHM_SHA256;
const fail = (failedCheck: string): Expect => ({ valid: false, failedCheck });
const text = (label: string): string => `spec completeness vector: ${label}`;
const digestOf = (label: string): Uint8Array => sha256(utf8(text(label)));
const evidenceOf = (label: string): Evidence => ({ fileText: text(label) });
/** 2^53 + 1: the smallest integer a double cannot hold. */
const WIDE = 2n ** 53n + 1n;

/** A uint64 field value protobufjs encodes exactly: its two 32-bit halves. */
const u64 = (value: bigint): number => ({ low: Number(value & 0xffff_ffffn), high: Number(value >> 32n), unsigned: true }) as unknown as number;

type BodyFields = NonNullable<ConstructorParameters<typeof pb.TxBody>[0]>;

function signedTx(ctx: SpecVectorContext, fields: Omit<BodyFields, 'chainId' | 'signer'>): Uint8Array {
  const body = pb.TxBody.encode(pb.TxBody.create({ chainId: ctx.chainId, signer: ctx.platform.publicKey, ...fields })).finish();
  return encodeSignedTx(body, sign(ctx.platform.seed, txSignBytes(ctx.chainId, body)));
}

function anchorTx(ctx: SpecVectorContext, label: string, nonce: number | bigint, expiresAtMs: number | bigint,
  algorithm: number = SHA): Uint8Array {
  return signedTx(ctx, {
    nonce: typeof nonce === 'bigint' ? u64(nonce) : nonce, expiresAtMs: typeof expiresAtMs === 'bigint' ? u64(expiresAtMs) : expiresAtMs,
    anchorEvidence: { algorithm, digest: digestOf(label), category: 'copyright', externalRef: label },
  });
}

/** A commit whose signature of each signer sits at the index `indexOf` gives it. */
function commitWith(ctx: SpecVectorContext, block: Block, indexOf: (v: Validator) => number,
  signature: (v: Validator, message: Uint8Array) => Uint8Array = (v, m) => sign(v.key.seed, m)): Uint8Array {
  const message = voteSignBytes(ctx.chainId, block.height, 0, VOTE_PRECOMMIT, block.hash);
  const signatures = block.set.map((v) => ({ validatorIndex: indexOf(v), signature: signature(v, message) }))
    .sort((a, b) => a.validatorIndex - b.validatorIndex);
  return encodeCommit({ height: block.height, round: 0, blockHash: block.hash, signatures });
}

const sortedIndex = (set: readonly Validator[]) => (v: Validator): number =>
  sortValidators(set.map((x) => ({ publicKey: x.key.publicKey, power: x.power }))).findIndex((x) => toHex(x.publicKey) === toHex(v.key.publicKey));

const L = 2n ** 252n + 27742317777372353535851937790883648493n;
const leNumber = (bytes: Uint8Array): bigint => bytes.reduceRight((n, b) => (n << 8n) | BigInt(b), 0n);
const le32 = (n: bigint): Uint8Array => Uint8Array.from({ length: 32 }, (_, i) => Number((n >> BigInt(8 * i)) & 0xffn));
/** (0, −1), the point of order 2. */
const ORDER_TWO = Uint8Array.from({ length: 32 }, (_, i) => (i === 0 ? 0xec : i === 31 ? 0x7f : 0xff));

/**
 * A signature that holds only in the cofactored equation of §1: R = r·B + T with T of order 2, so
 * [S]B − R − [k]A = −T, which [8] clears and the cofactorless check (OpenSSL, the node's hot path)
 * does not. It is what a signer who wants receipts refused by some verifiers would make.
 */
function cofactoredOnlySignature(seed: Uint8Array, message: Uint8Array): Uint8Array {
  const { scalar, prefix, pointBytes } = ed.utils.getExtendedPublicKey(seed);
  const r = leNumber(sha256(new Uint8Array([...prefix, ...message, 0x01]))) % L;
  const R = ed.Point.BASE.multiply(r).add(ed.Point.fromBytes(ORDER_TWO)).toBytes();
  const k = leNumber(new Uint8Array(ed.hashes.sha512!(new Uint8Array([...R, ...pointBytes, ...message])))) % L;
  return new Uint8Array([...R, ...le32((r + k * scalar) % L)]);
}

function validExpect(ctx: SpecVectorContext, block: Block, tx: Uint8Array, receipt: Receipt, externalRef: string): Expect {
  return {
    valid: true, height: block.height, blockTimeMs: block.timeMs, blockHash: toHex(block.hash), txHash: toHex(txHash(tx)),
    txIndex: receipt.txIndex, submitter: toHex(ctx.platform.publicKey), category: 'copyright', externalRef, algorithm: 'sha256',
    digest: toHex(receipt.digest), salted: false,
    signers: sortValidators(block.set.map((v) => ({ publicKey: v.key.publicKey, power: v.power }))).map((v) => toHex(v.publicKey)),
    signedPower: 40, totalPower: 40, setChanges: receipt.setChanges.length,
  };
}

export function addSpecVectors(ctx: SpecVectorContext): void {
  const chain = ctx.newChain();
  const at = (height: number): number => ctx.genesisTimeMs + height * 5_000 + 123;
  const far = ctx.genesisTimeMs + 24 * 3_600_000;

  // §1 integers: a nonce and an expiry of 2^53 + 1 are canonical uint64s, and the JSON views carry them as strings.
  const txWide = anchorTx(ctx, 'wide integers', WIDE, WIDE);
  const block1 = chain.add({ set: ctx.set, txs: [txWide] });
  // §6 check 8: an expiry at the block time is past; one millisecond later is not.
  const txExpired = anchorTx(ctx, 'expired', 1, at(2));
  const txJustInTime = anchorTx(ctx, 'just in time', 2, at(2) + 1);
  const block2 = chain.add({ set: ctx.set, txs: [txExpired, txJustInTime] });
  // §3 views: an enum value the format does not name, an action that anchors nothing, a batch of neither kind.
  const txUnknownAlgorithm = anchorTx(ctx, 'unknown algorithm', 3, far, 7);
  const txJoin = signedTx(ctx, { nonce: 4, expiresAtMs: far, joinRequest: { name: 'platform-c', organisation: 'Platform C' } });
  const txNoKind = signedTx(ctx, { nonce: 5, expiresAtMs: far, anchorBatch: { algorithm: SHA, category: 'copyright' } });
  const block3 = chain.add({ set: ctx.set, txs: [txUnknownAlgorithm, txJoin, txNoKind] });
  // §12: a block with case events (header fields 13 and 14); an anchor receipt does not read them.
  const txEvents = anchorTx(ctx, 'block with events', 6, far);
  const block4 = chain.add({ set: ctx.set, txs: [txEvents], eventsRoot: digestOf('events root'), eventCount: 3 });

  const single = (block: Block, tx: Uint8Array, label: string): Receipt =>
    ctx.receiptFor(chain, block, tx, { algorithm: SHA, digest: digestOf(label) });
  const wide = single(block1, txWide, 'wide integers');
  ctx.addVector('good-uint64-nonce-expiry', 'The tx\'s nonce and expiry are 2^53 + 1: canonical, exact, and in the JSON view as decimal strings',
    wide, evidenceOf('wide integers'), validExpect(ctx, block1, txWide, wide, 'wide integers'));
  const expired = single(block2, txExpired, 'expired');
  ctx.addVector('tampered-tx-expired', 'The tx expires at exactly its block\'s time: no node applies it, so no block holds it',
    expired, evidenceOf('expired'), fail('tx-inclusion'));
  const justInTime = single(block2, txJustInTime, 'just in time');
  ctx.addVector('good-expiry-after-block', 'The tx expires one millisecond after its block\'s time',
    justInTime, evidenceOf('just in time'), validExpect(ctx, block2, txJustInTime, justInTime, 'just in time'));
  ctx.addVector('tampered-unknown-algorithm', 'The tx anchors with hash algorithm 7 (no name: the view shows the number 7)',
    single(block3, txUnknownAlgorithm, 'unknown algorithm'), evidenceOf('unknown algorithm'), fail('tx-item'));
  ctx.addVector('tampered-join-request', 'The tx is a join request, given as an anchor (a tx of any other action has no view)',
    single(block3, txJoin, 'join request'), evidenceOf('join request'), fail('tx-decode'));
  ctx.addVector('tampered-batch-no-kind', 'The tx is a batch of neither kind (the view shows kind "none", 0 items)',
    ctx.receiptFor(chain, block3, txNoKind, { algorithm: SHA, digest: digestOf('no kind'), batch: { itemIndex: 0, itemCount: 1, path: [] } }),
    evidenceOf('no kind'), fail('tx-item'));
  const withEvents = single(block4, txEvents, 'block with events');
  ctx.addVector('good-block-with-events', 'An anchor in a block with case events: the header view shows eventsRoot and eventCount',
    withEvents, evidenceOf('block with events'), validExpect(ctx, block4, txEvents, withEvents, 'block with events'));

  // §2: commit signatures name validators by their index in key order, not in the genesis file's order.
  ctx.addVector('tampered-index-file-order', 'The commit numbers its signers in the order genesis.json lists them, not in key order',
    { ...wide, commit: commitWith(ctx, block1, (v) => ctx.set.indexOf(v)) }, evidenceOf('wide integers'), fail('commit-signatures'));
  // §1: a signature only the cofactored equation accepts.
  const zero = ctx.set[0]!;
  const cofactored = { ...wide, commit: commitWith(ctx, block1, sortedIndex(ctx.set),
    (v, m) => (v === zero ? cofactoredOnlySignature(v.key.seed, m) : sign(v.key.seed, m))) };
  ctx.addVector('good-cofactored-signature', 'validator-0\'s precommit holds in the cofactored equation only: valid here, refused by '
    + 'a cofactorless verifier', cofactored, evidenceOf('wide integers'), validExpect(ctx, block1, txWide, cofactored, 'wide integers'));

  addTimeVectors(ctx);
  addDocumentVectors(ctx);
}

/** §6 checks 7 and 9: block times after the genesis time, set changes in height and time order. */
function addTimeVectors(ctx: SpecVectorContext): void {
  const [v0, v1, v2] = ctx.set as [Validator, Validator, Validator];
  const anchorIn = (chain: SpecChain, block: Block, tx: Uint8Array, label: string): Receipt =>
    ({ ...ctx.receiptFor(chain, block, tx, { algorithm: SHA, digest: digestOf(label) }), setChanges: chain.setChanges(1, block.height) });
  const far = ctx.genesisTimeMs + 24 * 3_600_000;

  const early = ctx.newChain();
  const txEarly = anchorTx(ctx, 'before genesis', 7, far);
  const blockEarly = early.add({ set: ctx.set, txs: [txEarly], timeMs: ctx.genesisTimeMs - 1 });
  ctx.addVector('tampered-before-genesis', 'Block 1 is 1 ms before the genesis time', anchorIn(early, blockEarly, txEarly, 'before genesis'),
    evidenceOf('before genesis'), fail('header'));
  const atGenesis = ctx.newChain();
  const txAt = anchorTx(ctx, 'at genesis', 8, far);
  const blockAt = atGenesis.add({ set: ctx.set, txs: [txAt], timeMs: ctx.genesisTimeMs });
  ctx.addVector('tampered-at-genesis-time', 'Block 1 is at exactly the genesis time (the time of height 0)',
    anchorIn(atGenesis, blockAt, txAt, 'at genesis'), evidenceOf('at genesis'), fail('header'));

  // Sets: the genesis set, then without validator-3 (power 30), then without validator-2 as well (power 20).
  const setB = [v0, v1, v2];
  const setC = [v0, v1];
  const disorder = ctx.newChain();
  disorder.add({ set: ctx.set, nextSet: setB, timeMs: ctx.genesisTimeMs + 10_000 });
  disorder.add({ set: setB, nextSet: setC, timeMs: ctx.genesisTimeMs + 5_000 });
  const txDisorder = anchorTx(ctx, 'set changes out of time order', 9, far);
  const blockDisorder = disorder.add({ set: setC, txs: [txDisorder], timeMs: ctx.genesisTimeMs + 15_000 });
  ctx.addVector('tampered-set-change-time-order', 'The second set change (height 2) is 5 s earlier than the first (height 1)',
    anchorIn(disorder, blockDisorder, txDisorder, 'set changes out of time order'), evidenceOf('set changes out of time order'),
    fail('set-changes'));
  const late = ctx.newChain();
  late.add({ set: ctx.set, nextSet: setB, timeMs: ctx.genesisTimeMs + 10_000 });
  const txLate = anchorTx(ctx, 'header before its set change', 10, far);
  const blockLate = late.add({ set: setB, txs: [txLate], timeMs: ctx.genesisTimeMs + 9_000 });
  ctx.addVector('tampered-header-before-set-change', 'The anchor\'s header (height 2) is 1 s earlier than the set change at height 1',
    anchorIn(late, blockLate, txLate, 'header before its set change'), evidenceOf('header before its set change'), fail('set-changes'));
  const changes = ctx.goodEvidence.setChanges;
  ctx.addVector('tampered-set-change-repeated', 'good-evidence with its last set change (height 6) given twice: heights must rise',
    { ...ctx.goodEvidence, setChanges: [...changes, changes[changes.length - 1]!] }, ctx.evidenceA, fail('set-changes'));
}

/** §3 and §5: documents that are not receipts (a verdict) and a trust anchor that is unusable (an error). */
function addDocumentVectors(ctx: SpecVectorContext): void {
  const json = formatReceiptJson(ctx.goodEvidence);
  const digest = toHex(ctx.goodEvidence.digest);
  const forged = toHex(digestOf('forged digest'));
  ctx.addRawVector('malformed-json-duplicate-key', 'good-evidence with "digest" given twice, a forged one first: refused, whichever a parser keeps',
    'malformed-json-duplicate-key.json', json.replace(`  "digest": "${digest}",`, `  "digest": "${forged}",\n  "digest": "${digest}",`),
    ctx.evidenceA, fail('format'));
  ctx.addRawVector('malformed-json-uppercase-hex', 'good-evidence with its digest in upper-case hex', 'malformed-json-uppercase-hex.json',
    json.replace(`"digest": "${digest}"`, `"digest": "${digest.toUpperCase()}"`), ctx.evidenceA, fail('format'));
  ctx.addRawVector('malformed-json-decoded-differs', 'good-evidence whose header view says one hour earlier than its bytes',
    'malformed-json-decoded-differs.json', json.replace(/"timeMs": (\d+)/, (_m, t: string) => `"timeMs": ${Number(t) - 3_600_000}`),
    ctx.evidenceA, fail('format'));
  ctx.addRawVector('malformed-json-lone-surrogate', 'good-evidence whose chainId ends in the escape \\ud800, which is no character',
    'malformed-json-lone-surrogate.json', json.replace(`"chainId": "${ctx.chainId}"`, `"chainId": "${ctx.chainId}\\ud800"`),
    ctx.evidenceA, fail('format'));
  // Field 1 (version = 1) written as a two-byte varint: the same values, not the canonical bytes.
  const bytes = encodeReceipt(ctx.goodEvidence);
  ctx.addRawVector('malformed-protobuf-not-canonical', 'good-evidence in protobuf with its version as the varint 81 00',
    'malformed-protobuf-not-canonical.pb', new Uint8Array([0x08, 0x81, 0x00, ...bytes.subarray(2)]), ctx.evidenceA, fail('format'));
  ctx.addVector('good-protobuf', 'good-evidence in its protobuf form', ctx.goodEvidence, ctx.evidenceA, ctx.goodEvidenceExpect,
    'genesis.json', 'good-evidence.pb');

  // Version 2 reads its JSON with the same rules and converts to protobuf the same way.
  const v2json = formatReceiptJson(ctx.goodV2.receipt);
  const v2digest = toHex(ctx.goodV2.receipt.digest);
  ctx.addRawVector('malformed-v2-json-duplicate-key', 'good-evidence-v2 with "digest" given twice, a forged one first',
    'malformed-v2-json-duplicate-key.json', v2json.replace(`  "digest": "${v2digest}",`, `  "digest": "${forged}",\n  "digest": "${v2digest}",`),
    ctx.evidenceA, fail('format'), 'trusted-header-hash.json');
  ctx.addVector('good-v2-protobuf', 'good-evidence-v2 in its protobuf form', ctx.goodV2.receipt, ctx.evidenceA, ctx.goodV2.expect,
    'trusted-header-hash.json', 'good-evidence-v2.pb');

  // §5: a genesis reduced to what a verifier reads, validators in file order and without names.
  const genesisMinimal = {
    chainId: ctx.chainId, genesisTimeMs: ctx.genesisTimeMs,
    validators: ctx.set.map((v) => ({ publicKey: toHex(v.key.publicKey), power: v.power })),
  };
  ctx.files.set('genesis-minimal.json', JSON.stringify(genesisMinimal, null, 2) + '\n');
  ctx.addVector('good-genesis-minimal', 'good-evidence against a genesis of only chainId, genesisTimeMs and validators (unsorted, no names)',
    ctx.goodEvidence, ctx.evidenceA, ctx.goodEvidenceExpect, 'genesis-minimal.json', 'good-evidence.json');
  const badKey = { ...genesisMinimal, validators: genesisMinimal.validators.map((v, i) => (i === 2 ? { ...v, publicKey: v.publicKey.slice(2) } : v)) };
  ctx.files.set('genesis-short-key.json', JSON.stringify(badKey, null, 2) + '\n');
  ctx.addVector('error-trust-anchor', 'good-evidence against a genesis whose third validator key is 31 bytes: an error, no verdict',
    ctx.goodEvidence, ctx.evidenceA, { valid: false, error: 'trust-anchor' }, 'genesis-short-key.json', 'good-evidence.json');
}
