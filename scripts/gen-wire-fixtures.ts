// Writes the wire-format fixtures test/vectors/wire/*.json: a SignedTx, the Header of a block that
// holds it and the Commit for that block, all from fixed seeds. They were made once and are kept
// forever: test/codec/wire-fixtures.test.ts checks that today's code still decodes them to the same
// fields and hashes, so a change to proto/tianping.proto or to the encoders that would orphan data
// already on a chain fails there.
//
//   npx tsx scripts/gen-wire-fixtures.ts           # refuses to overwrite existing fixtures
//   npx tsx scripts/gen-wire-fixtures.ts --force   # only for a deliberate format version bump
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { encodeCommit, encodeHeader, blockHashOfHeader, sortValidators, validatorSetHash } from '../src/codec/block.js';
import { HashAlgorithm } from '../src/codec/proto.js';
import { txSignBytes, voteSignBytes, VOTE_PRECOMMIT } from '../src/codec/sign-bytes.js';
import { encodeSignedTx, encodeTxBody, txHash } from '../src/codec/tx.js';
import { keyPairFromSeed, sign } from '../src/crypto/ed25519.js';
import { sha256 } from '../src/crypto/hash.js';
import { leafHash, rootFromLeafHashes } from '../src/merkle/index.js';
import { toHex, u32be, utf8 } from '../src/types/index.js';

const OUT_DIR = fileURLToPath(new URL('../test/vectors/wire/', import.meta.url));
const CHAIN_ID = 'tianping-test';
const HEIGHT = 7;
const ROUND = 1;
const TIME_MS = 1_700_000_000_000;

const seed = (label: string): Uint8Array => sha256(utf8(`tianping wire fixture ${label}`));

// Transaction: a submitter anchors one SHA-256 digest with every optional field set.
const submitter = keyPairFromSeed(seed('submitter'));
const body = {
  chainId: CHAIN_ID, signer: submitter.publicKey, nonce: 42, expiresAtMs: TIME_MS + 3_600_000,
  anchorEvidence: {
    algorithm: HashAlgorithm.HASH_ALGORITHM_SHA256, digest: sha256(utf8('evidence file')), category: 'copyright',
    externalRef: 'case-2024-0001', metadataDigest: sha256(utf8('metadata')), salted: true,
  },
};
const bodyBytes = encodeTxBody(body);
const signedTx = encodeSignedTx(bodyBytes, sign(submitter.seed, txSignBytes(CHAIN_ID, bodyBytes)));
const hashOfTx = txHash(signedTx);

// Validators: four, power 10/20/30/40, in canonical order (by public key bytes).
const validators = sortValidators([10, 20, 30, 40].map((power, i) => {
  const pair = keyPairFromSeed(seed(`validator ${i}`));
  return { publicKey: pair.publicKey, power, seed: pair.seed };
}));
const valsetHash = validatorSetHash(validators);
const previousBlocks = Array.from({ length: HEIGHT - 1 }, (_, i) => sha256(utf8(`block ${i + 1}`)));

const header = {
  chainId: CHAIN_ID, height: HEIGHT, timeMs: TIME_MS, prevBlockHash: previousBlocks[HEIGHT - 2]!,
  historyRoot: rootFromLeafHashes(previousBlocks.map((h) => leafHash(h))),
  txRoot: rootFromLeafHashes([leafHash(hashOfTx)]), appHash: sha256(utf8('app state after block 7')),
  resultsHash: rootFromLeafHashes([leafHash(u32be(0))]), validatorsHash: valsetHash, nextValidatorsHash: valsetHash,
  proposer: validators[1]!.publicKey, txCount: 1,
};
const headerBytes = encodeHeader(header);
const blockHash = blockHashOfHeader(headerBytes);

// Commit: validators 0, 2 and 3 (power 80 of 100) precommit the block; validator 1 is missing.
const signers = [0, 2, 3];
const precommit = voteSignBytes(CHAIN_ID, HEIGHT, ROUND, VOTE_PRECOMMIT, blockHash);
const commit = {
  height: HEIGHT, round: ROUND, blockHash,
  signatures: signers.map((i) => ({ validatorIndex: i, signature: sign(validators[i]!.seed, precommit) })),
};
const commitBytes = encodeCommit(commit);

const fixtures = {
  'signed-tx.json': {
    description: 'SignedTx anchoring one SHA-256 digest with every optional field set',
    hex: toHex(signedTx),
    txHash: toHex(hashOfTx),
    fields: {
      body: toHex(bodyBytes), signature: toHex(signedTx.subarray(signedTx.length - 64)),
      chainId: CHAIN_ID, signer: toHex(submitter.publicKey), nonce: body.nonce, expiresAtMs: body.expiresAtMs,
      anchorEvidence: {
        algorithm: body.anchorEvidence.algorithm, digest: toHex(body.anchorEvidence.digest),
        category: body.anchorEvidence.category, externalRef: body.anchorEvidence.externalRef,
        metadataDigest: toHex(body.anchorEvidence.metadataDigest), salted: true,
      },
    },
  },
  'header.json': {
    description: 'Header of block 7 holding the signed-tx fixture; hash = SHA-256(bytes)',
    hex: toHex(headerBytes),
    blockHash: toHex(blockHash),
    fields: Object.fromEntries(Object.entries(header).map(([k, v]) => [k, v instanceof Uint8Array ? toHex(v) : v])),
  },
  'commit.json': {
    description: 'Commit for the header fixture: precommits of validators 0, 2, 3 (80 of 100 power)',
    hex: toHex(commitBytes),
    validators: validators.map((v) => ({ publicKey: toHex(v.publicKey), power: v.power })),
    fields: {
      height: HEIGHT, round: ROUND, blockHash: toHex(blockHash),
      signatures: commit.signatures.map((s) => ({ validatorIndex: s.validatorIndex, signature: toHex(s.signature) })),
    },
  },
};

const force = process.argv.includes('--force');
mkdirSync(OUT_DIR, { recursive: true });
for (const [name, content] of Object.entries(fixtures)) {
  const path = OUT_DIR + name;
  if (existsSync(path) && !force) {
    console.error(`${path} exists: fixtures are made once (pass --force only for a format version bump)`);
    process.exitCode = 1;
    continue;
  }
  writeFileSync(path, JSON.stringify(content, null, 2) + '\n');
  console.log(`wrote ${path}`);
}
