// Writes the receipt vectors test/vectors/receipts/: a genesis, good receipts and tampered ones, and
// index.json, the manifest that gives for each vector the evidence a court would hold and the
// expected result. The chains are built in-process and without the node, from fixed seeds
// (receipt-vectors-chain.ts); the version 2 vectors and those of the spec completeness rules are
// added by receipt-vectors-trusted.ts and receipt-vectors-spec.ts into the same manifest.
//
// Expectations are labelled by construction (which alteration breaks which link), never by running
// the verifier: test/client/receipt.test.ts checks the verifier against them, and also checks that
// this generator still writes exactly the committed files.
//
//   npx tsx scripts/gen-receipt-vectors.ts           # refuses to overwrite existing vectors
//   npx tsx scripts/gen-receipt-vectors.ts --force   # only for a deliberate change of the vectors
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAnchorTx } from '../src/client/tx.js';
import { encodeReceipt, type Receipt } from '../src/client/receipt.js';
import { formatReceiptJson } from '../src/client/receipt-json.js';
import { sortValidators } from '../src/codec/block.js';
import { HashAlgorithm, pb } from '../src/codec/proto.js';
import { txSignBytes } from '../src/codec/sign-bytes.js';
import { encodeSignedTx, encodeTxBody, txHash } from '../src/codec/tx.js';
import { keyPairFromSeed, sign, type KeyPair } from '../src/crypto/ed25519.js';
import { createHasher, sha256, type EvidenceAlgorithm } from '../src/crypto/hash.js';
import { MerkleBuilder, leafHash } from '../src/merkle/index.js';
import { toHex, utf8 } from '../src/types/index.js';
import { Chain, GENESIS_TIME_MS, HISTORY_LEAF, blockTime, entries, signCommit } from './receipt-vectors-chain.js';
import { addSpecVectors } from './receipt-vectors-spec.js';
import { addTrustedVectors } from './receipt-vectors-trusted.js';
import type { Block, Evidence, Expect, Item, Validator } from './receipt-vectors-types.js';

export const VECTORS_DIR = fileURLToPath(new URL('../test/vectors/receipts/', import.meta.url));

const CHAIN_ID = 'tianping-receipts';
const EXPIRY_MS = GENESIS_TIME_MS + 24 * 3_600_000;

const seed = (label: string): Uint8Array => sha256(utf8(`tianping receipt vector ${label}`));

const validator = (name: string, power: number): Validator => ({ name, key: keyPairFromSeed(seed(name)), power });
// ------------------------------------------------------------------ the chain

const V = [0, 1, 2, 3].map((i) => validator(`validator-${i}`, 10));
const newcomer = validator('validator-4', 30);
const S0 = V; // genesis: power 40
const S1 = [...V, newcomer]; // from height 4: power 70
const S2 = [V[1]!, V[2]!, V[3]!, newcomer]; // from height 7: power 60
const platform = keyPairFromSeed(seed('platform'));
const otherPlatform = keyPairFromSeed(seed('other platform'));

const digestOf = (algorithm: EvidenceAlgorithm, text: string): Uint8Array => createHasher(algorithm).update(utf8(text)).digest();

const FILE_A = 'contract-2026-0117.pdf (stand-in text for the vectors)';
const BATCH_FILES = [0, 1, 2, 3, 4].map((i) => `indexed batch item ${i}: screenshot of a web page`);
const ROOT_ONLY_FILES = [0, 1, 2, 3, 4, 5].map((i) => `root-only batch item ${i}: chat log`);
const SALTED_FILE = 'recording of a telephone call (salted, SM3)';
const SALT = sha256(utf8('the salt the platform keeps')).subarray(0, 16);
const saltedDigest = createHasher('sm3').update(SALT).update(digestOf('sm3', SALTED_FILE)).digest();

const txA = buildAnchorTx({
  chainId: CHAIN_ID, keyPair: platform, digest: digestOf('sha256', FILE_A), algorithm: 'sha256', category: 'copyright',
  externalRef: 'case-2026-0117', metadataDigest: sha256(utf8('metadata of file A')), nonce: 1, expiresAtMs: EXPIRY_MS,
}).bytes;

function batchTx(keyPair: KeyPair, nonce: number, batch: NonNullable<ConstructorParameters<typeof pb.AnchorBatch>[0]>): Uint8Array {
  const body = encodeTxBody({ chainId: CHAIN_ID, signer: keyPair.publicKey, nonce, expiresAtMs: EXPIRY_MS, anchorBatch: batch });
  return encodeSignedTx(body, sign(keyPair.seed, txSignBytes(CHAIN_ID, body)));
}

const batchDigests = BATCH_FILES.map((f) => digestOf('sha256', f));
const txB = batchTx(platform, 2, {
  algorithm: HashAlgorithm.HASH_ALGORITHM_SHA256, category: 'e-commerce', externalRef: 'order-batch-77',
  indexed: { digests: batchDigests },
});
const rootOnlyDigests = ROOT_ONLY_FILES.map((f) => digestOf('sha256', f));
const rootOnlyTree = new MerkleBuilder(rootOnlyDigests.map((d) => leafHash(d)));
const txC = batchTx(platform, 3, {
  algorithm: HashAlgorithm.HASH_ALGORITHM_SHA256, category: 'internet-finance', externalRef: 'chat-archive-2026-01',
  rootOnly: { root: rootOnlyTree.root, itemCount: ROOT_ONLY_FILES.length },
});
const filler = (n: number): Uint8Array => buildAnchorTx({
  chainId: CHAIN_ID, keyPair: otherPlatform, digest: digestOf('sha256', `another platform's file ${n}`), algorithm: 'sha256',
  category: 'notarial', nonce: 100 + n, expiresAtMs: EXPIRY_MS,
}).bytes;
const txD = buildAnchorTx({
  chainId: CHAIN_ID, keyPair: platform, digest: saltedDigest, algorithm: 'sm3', category: 'personal-rights',
  externalRef: 'call-2026-01-01', salted: true, nonce: 4, expiresAtMs: EXPIRY_MS,
}).bytes;

const chain = new Chain(CHAIN_ID);
chain.add({ set: S0, absent: ['validator-3'] });
chain.add({ set: S0 });
chain.add({ set: S0, nextSet: S1, absent: ['validator-0'] }); // announces the newcomer from height 4
chain.add({ set: S1 });
chain.add({ set: S1, absent: ['validator-2'] });
chain.add({ set: S1, nextSet: S2, absent: ['validator-1'] }); // announces validator-0's removal from height 7
chain.add({ set: S2 });
const block8 = chain.add({ set: S2, txs: [filler(1), txA, txB, filler(2), txC], round: 1, absent: ['validator-3'] });
const block9 = chain.add({ set: S2, txs: [filler(3), txD], absent: ['validator-1'] });
chain.add({ set: S2 });

// ------------------------------------------------------------------ receipts

function receiptFor(c: Chain, block: Block, tx: Uint8Array, item: Item, trustHeight = 0): Receipt {
  const txIndex = block.txs.findIndex((t) => t === tx);
  if (txIndex < 0) throw new Error('tx not in block');
  const tree = new MerkleBuilder(block.txs.map((t) => leafHash(txHash(t))));
  return {
    version: 1, chainId: c.chainId, algorithm: item.algorithm, digest: item.digest, salted: item.salted ?? false,
    ...(item.batch === undefined ? {} : { batch: item.batch }),
    tx, txIndex, txCount: block.txs.length, txProof: tree.proof(txIndex),
    header: block.headerBytes, commit: block.commitBytes,
    setChanges: c.setChanges(Math.max(trustHeight, 1), block.height),
  };
}

const SHA = HashAlgorithm.HASH_ALGORITHM_SHA256;
const goodEvidence = receiptFor(chain, block8, txA, { algorithm: SHA, digest: digestOf('sha256', FILE_A) });
const batchTree = new MerkleBuilder(batchDigests.map((d) => leafHash(d)));
const goodIndexed = receiptFor(chain, block8, txB, {
  algorithm: SHA, digest: batchDigests[2]!, batch: { itemIndex: 2, itemCount: batchDigests.length, path: batchTree.proof(2) },
});
const goodRootOnly = receiptFor(chain, block8, txC, {
  algorithm: SHA, digest: rootOnlyDigests[3]!, batch: { itemIndex: 3, itemCount: rootOnlyDigests.length, path: rootOnlyTree.proof(3) },
});
const goodSalted = receiptFor(chain, block9, txD, { algorithm: HashAlgorithm.HASH_ALGORITHM_SM3, digest: saltedDigest, salted: true });
// Trust from header 5 (set S1): only the change announced at height 6 is needed.
const TRUSTED_HEIGHT = 5;
const goodTrustedHeader = receiptFor(chain, block8, txA, { algorithm: SHA, digest: digestOf('sha256', FILE_A) }, TRUSTED_HEIGHT);

// A forger with the right chain id but its own four validators builds a chain of its own and
// anchors file A on it: every link is consistent, only the trust anchor's set never signed it.
const forgedSet = [0, 1, 2, 3].map((i) => validator(`forger-${i}`, 10));
const forged = new Chain(CHAIN_ID);
forged.add({ set: forgedSet });
const forgedBlock = forged.add({ set: forgedSet, txs: [txA] });
const tamperedForeignSet = receiptFor(forged, forgedBlock, txA, { algorithm: SHA, digest: digestOf('sha256', FILE_A) });

// ------------------------------------------------------------------ alterations (one each)

function flipByte(bytes: Uint8Array, at: number): Uint8Array {
  // A copy: protobufjs hands out Buffers in Node, whose slice() would alias the original.
  const out = new Uint8Array(bytes);
  out[at] = out[at]! ^ 0x01;
  return out;
}

function indexOfBytes(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  throw new Error('needle not found');
}

const decodedHeader = (bytes: Uint8Array): InstanceType<typeof pb.Header> => pb.Header.decode(bytes);
const decodedCommit = (bytes: Uint8Array): InstanceType<typeof pb.Commit> => pb.Commit.decode(bytes);

const OTHER_FILE = 'a different file, presented with an edited receipt';

// tx bytes: the external reference in the body is changed; the submitter's signature is kept.
const txAEdited = (() => {
  const signed = pb.SignedTx.decode(txA);
  const body = pb.TxBody.decode(signed.body);
  body.anchorEvidence!.externalRef = 'case-2026-9999';
  return encodeSignedTx(pb.TxBody.encode(body).finish(), signed.signature);
})();

// header bytes: one bit of the app hash, edited in place in the encoded header.
const headerBytesEdited = (() => {
  const at = indexOfBytes(goodEvidence.header, decodedHeader(goodEvidence.header).appHash);
  return flipByte(goodEvidence.header, at);
})();

// header time: the block is backdated, the header re-encoded.
function headerTimeEditedBy(ms: number): Uint8Array {
  const header = decodedHeader(goodEvidence.header);
  header.timeMs -= ms;
  return pb.Header.encode(header).finish();
}
const headerTimeEdited = headerTimeEditedBy(3_600_000);

// commit signature: one bit of the first signature.
const commitSignatureEdited = (() => {
  const commit = decodedCommit(goodEvidence.commit);
  commit.signatures[0]!.signature = flipByte(commit.signatures[0]!.signature!, 10);
  return pb.Commit.encode(commit).finish();
})();

// exactly 2/3: of the signers (power 50 of 60) one of power 10 is dropped, leaving 40 of 60.
const commitTwoThirds = (() => {
  const commit = decodedCommit(goodEvidence.commit);
  const sorted = entries(S2);
  const dropAt = commit.signatures.findIndex((s) => sorted[s.validatorIndex!]!.power === 10);
  commit.signatures.splice(dropAt, 1);
  return pb.Commit.encode(commit).finish();
})();

// a validator key in a set change: in the last change (the set that signs the anchor), the
// newcomer's key is replaced by one the attacker holds. Were the next-validators hash not checked,
// the attacker's key would count in the anchor's commit; here the change itself must fail.
const setChangeKeyEdited = (() => {
  const last = goodEvidence.setChanges[goodEvidence.setChanges.length - 1]!;
  const attacker = keyPairFromSeed(seed('attacker'));
  const next = sortValidators(last.nextValidators.map((v) =>
    toHex(v.publicKey) === toHex(newcomer.key.publicKey) ? { publicKey: attacker.publicKey, power: v.power } : v));
  return [...goodEvidence.setChanges.slice(0, -1), { ...last, nextValidators: next }];
})();

// ------------------------------------------------------------------ manifest

interface ManifestEntry {
  name: string;
  description: string;
  receipt: string;
  trust: string;
  evidence: Evidence;
  expect: Expect;
  /** SHA-256 of the protobuf encoding of the receipt: pins the protobuf form too. Absent for a file that is no receipt. */
  protobufSha256?: string;
}

function signerKeys(block: Block, absent: readonly string[]): string[] {
  return entries(block.set.filter((v) => !absent.includes(v.name))).map((v) => toHex(v.publicKey));
}

function validExpect(block: Block, tx: Uint8Array, receipt: Receipt, fields: {
  category: string; externalRef: string; algorithm: EvidenceAlgorithm; absent: string[]; signedPower: number; totalPower: number;
  batch?: { kind: 'indexed' | 'root-only'; itemIndex: number; itemCount: number };
}): Expect {
  return {
    valid: true, height: block.height, blockTimeMs: blockTime(block.height), blockHash: toHex(block.hash), txHash: toHex(txHash(tx)),
    txIndex: receipt.txIndex, submitter: toHex(platform.publicKey), category: fields.category, externalRef: fields.externalRef,
    algorithm: fields.algorithm, digest: toHex(receipt.digest), salted: receipt.salted,
    ...(fields.batch === undefined ? {} : { batch: fields.batch }),
    signers: signerKeys(block, fields.absent), signedPower: fields.signedPower, totalPower: fields.totalPower,
    setChanges: receipt.setChanges.length,
  };
}

const files = new Map<string, string | Uint8Array>();
const manifest: ManifestEntry[] = [];

function addVector(name: string, description: string, receipt: Receipt, evidence: Evidence, expect: Expect,
  trust = 'genesis.json', receiptFile = `${name}.json`): void {
  // A .pb file holds the receipt in its protobuf form (§2), a .json file in its JSON form (§3).
  if (!files.has(receiptFile)) files.set(receiptFile, receiptFile.endsWith('.pb') ? encodeReceipt(receipt) : formatReceiptJson(receipt));
  manifest.push({ name, description, receipt: receiptFile, trust, evidence, expect, protobufSha256: toHex(sha256(encodeReceipt(receipt))) });
}

function addRawVector(name: string, description: string, file: string, content: string | Uint8Array, evidence: Evidence, expect: Expect,
  trust = 'genesis.json'): void {
  files.set(file, content);
  manifest.push({ name, description, receipt: file, trust, evidence, expect });
}

const fail = (failedCheck: string): Expect => ({ valid: false, failedCheck });
const evidenceA: Evidence = { fileText: FILE_A };
const block8Fields = { absent: ['validator-3'], signedPower: 50, totalPower: 60, algorithm: 'sha256' as const };

addVector('good-evidence', 'A single AnchorEvidence (SHA-256) at height 8, after both validator-set changes', goodEvidence, evidenceA,
  validExpect(block8, txA, goodEvidence, { ...block8Fields, category: 'copyright', externalRef: 'case-2026-0117' }));
addVector('good-batch-indexed', 'Item 2 of an indexed batch of 5, with its batch path', goodIndexed, { fileText: BATCH_FILES[2]! },
  validExpect(block8, txB, goodIndexed, {
    ...block8Fields, category: 'e-commerce', externalRef: 'order-batch-77', batch: { kind: 'indexed', itemIndex: 2, itemCount: 5 },
  }));
addVector('good-batch-root-only', 'Item 3 of a root-only batch of 6: only the root is on chain; evidence given as a digest',
  goodRootOnly, { fileDigest: toHex(rootOnlyDigests[3]!) },
  validExpect(block8, txC, goodRootOnly, {
    ...block8Fields, category: 'internet-finance', externalRef: 'chat-archive-2026-01', batch: { kind: 'root-only', itemIndex: 3, itemCount: 6 },
  }));
addVector('good-salted', 'A salted SM3 item at height 9: digest = SM3(salt ‖ SM3(file)); the salt is not in the receipt', goodSalted,
  { fileText: SALTED_FILE, salt: toHex(SALT) },
  validExpect(block9, txD, goodSalted, {
    absent: ['validator-1'], signedPower: 50, totalPower: 60, algorithm: 'sm3', category: 'personal-rights', externalRef: 'call-2026-01-01',
  }));
addVector('good-evidence-trusted-header', 'The receipt of good-evidence, checked from a trusted header at height 5 (one set change)',
  goodTrustedHeader, evidenceA,
  validExpect(block8, txA, goodTrustedHeader, { ...block8Fields, category: 'copyright', externalRef: 'case-2026-0117' }),
  'trusted-header.json');

addVector('wrong-file', 'good-evidence with a different file', goodEvidence, { fileText: OTHER_FILE }, fail('item-digest'),
  'genesis.json', 'good-evidence.json');
addVector('wrong-salt', 'good-salted with another salt', goodSalted, { fileText: SALTED_FILE, salt: toHex(flipByte(SALT, 0)) },
  fail('item-digest'), 'genesis.json', 'good-salted.json');
addVector('missing-salt', 'good-salted without its salt', goodSalted, { fileText: SALTED_FILE }, fail('item-digest'),
  'genesis.json', 'good-salted.json');

addVector('tampered-digest', 'The digest is replaced by the digest of another file, which is presented as evidence',
  { ...goodEvidence, digest: digestOf('sha256', OTHER_FILE) }, { fileText: OTHER_FILE }, fail('tx-item'));
addVector('tampered-batch-path', 'One hash of the root-only batch path has one bit flipped',
  { ...goodRootOnly, batch: { ...goodRootOnly.batch!, path: goodRootOnly.batch!.path.map((h, i) => (i === 1 ? flipByte(h, 0) : h)) } },
  { fileDigest: toHex(rootOnlyDigests[3]!) }, fail('tx-item'));
addVector('tampered-tx-bytes', 'The external reference in the tx body is changed; the signature is kept',
  { ...goodEvidence, tx: txAEdited }, evidenceA, fail('tx-signature'));
addVector('tampered-header-bytes', 'One bit of the app hash is flipped in the header bytes',
  { ...goodEvidence, header: headerBytesEdited }, evidenceA, fail('commit-block'));
// One hour earlier is also before the genesis time: the header check refuses it before the commit is read.
addVector('tampered-header-time', 'The header time is set one hour earlier (before the genesis time) and the header re-encoded',
  { ...goodEvidence, header: headerTimeEdited }, evidenceA, fail('header'));
addVector('tampered-header-time-second', 'The header time is set one second earlier (still in order) and the header re-encoded',
  { ...goodEvidence, header: headerTimeEditedBy(1_000) }, evidenceA, fail('commit-block'));
addVector('tampered-commit-signature', 'One bit of one precommit signature is flipped',
  { ...goodEvidence, commit: commitSignatureEdited }, evidenceA, fail('commit-signatures'));
addVector('tampered-set-change-key', 'In the last set change, the new validator\'s key is replaced by an attacker\'s key',
  { ...goodEvidence, setChanges: setChangeKeyEdited }, evidenceA, fail('set-changes'));
addVector('tampered-two-thirds', 'The commit keeps signatures of exactly 2/3 of the voting power (40 of 60)',
  { ...goodEvidence, commit: commitTwoThirds }, evidenceA, fail('commit-signatures'));
addVector('tampered-chain-id', 'The receipt names another chain id', { ...goodEvidence, chainId: 'tianping-other' }, evidenceA,
  fail('chain-id'));
addVector('tampered-foreign-validators', 'A self-consistent receipt from a chain with the same id signed by four other validators',
  tamperedForeignSet, evidenceA, fail('validators-hash'));
addVector('tampered-commit-other-height', 'The commit of height 9 is attached to the header of height 8',
  { ...goodEvidence, commit: block9.commitBytes }, evidenceA, fail('commit-block'));

const v2Chain = new Chain(CHAIN_ID, HISTORY_LEAF);
const goodV2 = addTrustedVectors({
  chain: v2Chain, set: S0, txA, filler, digestA: digestOf('sha256', FILE_A), evidenceA,
  v1Receipt: goodEvidence, receiptFor: (block, tx, item) => receiptFor(v2Chain, block, tx, item), addVector, files,
  expect: (block, receipt, trustHeight) => ({
    ...validExpect(block, txA, receipt, { ...block8Fields, absent: [], category: 'copyright', externalRef: 'case-2026-0117' }),
    signers: [], signedPower: 0, totalPower: 0, trustHeight,
  }),
});

addSpecVectors({
  chainId: CHAIN_ID, genesisTimeMs: GENESIS_TIME_MS, newChain: () => new Chain(CHAIN_ID, HISTORY_LEAF), set: S0, platform,
  receiptFor: (c, block, tx, item) => receiptFor(c as Chain, block, tx, item), goodEvidence, evidenceA,
  goodEvidenceExpect: validExpect(block8, txA, goodEvidence, { ...block8Fields, category: 'copyright', externalRef: 'case-2026-0117' }),
  goodV2, addVector, addRawVector, files,
});

const genesis = {
  chainId: CHAIN_ID,
  genesisTimeMs: GENESIS_TIME_MS,
  validators: S0.map((v) => ({ name: v.name, publicKey: toHex(v.key.publicKey), power: v.power })),
  members: [
    { name: 'platform-a', organisation: 'Platform A', role: 'submitter', publicKey: toHex(platform.publicKey) },
    { name: 'platform-b', organisation: 'Platform B', role: 'submitter', publicKey: toHex(otherPlatform.publicKey) },
  ],
  categories: ['copyright', 'internet-finance', 'e-commerce', 'personal-rights', 'notarial'],
};
const trustedHeader = {
  chainId: CHAIN_ID,
  trustedHeader: toHex(chain.at(TRUSTED_HEIGHT).headerBytes),
  validators: S1.map((v) => ({ name: v.name, publicKey: toHex(v.key.publicKey), power: v.power })),
};

const json = (value: unknown): string => JSON.stringify(value, null, 2) + '\n';
files.set('genesis.json', json(genesis));
files.set('trusted-header.json', json(trustedHeader));
files.set('index.json', json({
  description: 'Receipt vectors: each entry names a receipt file, the trust anchor file, the evidence a court holds '
    + '(fileText is the file content as UTF-8; salt is hex) and the expected result: valid with the fields it proves, '
    + 'or the id of the first failing check. Written by scripts/gen-receipt-vectors.ts; see docs/receipt-format.md.',
  chainId: CHAIN_ID,
  vectors: manifest,
}));

/**
 * The secrets behind the vectors, for tests that forge what a holder of these keys could: a
 * later set backdating a block, a set signing a header that names another set.
 */
export const vectorInternals = { chainId: CHAIN_ID, S0, S1, S2, signCommit, txA, blockTime } as const;
export type VectorValidator = Validator;

/** Every file of test/vectors/receipts/, by name, exactly as written. */
export function receiptVectorFiles(): ReadonlyMap<string, string | Uint8Array> {
  return files;
}

function main(): void {
  const force = process.argv.includes('--force');
  mkdirSync(VECTORS_DIR, { recursive: true });
  const existing = [...files.keys()].filter((name) => existsSync(VECTORS_DIR + name));
  if (existing.length > 0 && !force) {
    process.stderr.write(`refusing to overwrite ${existing.join(', ')}: the vectors are fixed; use --force for a deliberate change\n`);
    process.exitCode = 1;
    return;
  }
  for (const [name, content] of files) writeFileSync(VECTORS_DIR + name, content);
  process.stdout.write(`wrote ${files.size} files to test/vectors/receipts/\n`);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1])) main();
