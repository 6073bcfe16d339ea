// Bytes made once by scripts/gen-wire-fixtures.ts must keep decoding, canonically, to the same fields
// and hashes: they stand for data already on a chain. If this fails, the change broke the format;
// fix the change, do not regenerate the fixtures.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { blockHashOfHeader, validatorSetHash } from '../../src/codec/block.js';
import { decodeCanonical, pb } from '../../src/codec/proto.js';
import { txSignBytes, voteSignBytes, VOTE_PRECOMMIT } from '../../src/codec/sign-bytes.js';
import { anchorOf, decodeTx } from '../../src/codec/tx.js';
import { verifyStrict } from '../../src/crypto/ed25519.js';
import { sha256 } from '../../src/crypto/hash.js';
import { NodeVerifier } from '../../src/crypto/verify-node.js';
import { leafHash, rootFromLeafHashes } from '../../src/merkle/index.js';
import { fromHex, toHex, u32be } from '../../src/types/index.js';

function fixture<T>(name: string): T & { hex: string; bytes: Uint8Array } {
  const parsed = JSON.parse(readFileSync(new URL(`../vectors/wire/${name}`, import.meta.url), 'utf8')) as T & { hex: string };
  const bytes = fromHex(parsed.hex);
  if (bytes === undefined) throw new Error(`${name}: hex field is not hex`);
  return { ...parsed, bytes };
}

interface TxFixture {
  txHash: string;
  fields: {
    body: string; signature: string; chainId: string; signer: string; nonce: number; expiresAtMs: number;
    anchorEvidence: { algorithm: number; digest: string; category: string; externalRef: string; metadataDigest: string; salted: boolean };
  };
}
interface HeaderFixture { blockHash: string; fields: Record<string, string | number> }
interface CommitFixture {
  validators: { publicKey: string; power: number }[];
  fields: { height: number; round: number; blockHash: string; signatures: { validatorIndex: number; signature: string }[] };
}

const tx = fixture<TxFixture>('signed-tx.json');
const header = fixture<HeaderFixture>('header.json');
const commit = fixture<CommitFixture>('commit.json');
const CHAIN_ID = 'tianping-test';

describe('wire fixture: SignedTx', () => {
  it('decodes canonically to the recorded fields and hash', () => {
    const decoded = decodeTx(tx.bytes, 8 * 1024);
    const f = tx.fields;
    expect(toHex(decoded.hash)).toBe(tx.txHash);
    expect(toHex(sha256(tx.bytes))).toBe(tx.txHash);
    expect(toHex(decoded.bodyBytes)).toBe(f.body);
    expect(toHex(decoded.signature)).toBe(f.signature);
    expect(decoded.body.chainId).toBe(f.chainId);
    expect(toHex(decoded.body.signer)).toBe(f.signer);
    expect(decoded.body.nonce).toBe(f.nonce);
    expect(decoded.body.expiresAtMs).toBe(f.expiresAtMs);
    const anchor = anchorOf(decoded.body);
    expect(anchor).toBeDefined();
    expect({
      algorithm: anchor!.algorithm, digest: toHex(anchor!.digest), category: anchor!.category,
      externalRef: anchor!.externalRef, metadataDigest: toHex(anchor!.metadataDigest), salted: anchor!.salted,
    }).toEqual(f.anchorEvidence);
  });

  it('its signature still verifies over the tx sign bytes, with both verifiers', () => {
    const decoded = decodeTx(tx.bytes, 8 * 1024);
    const message = txSignBytes(CHAIN_ID, decoded.bodyBytes);
    expect(verifyStrict(decoded.body.signer, message, decoded.signature)).toBe(true);
    expect(new NodeVerifier().verify(decoded.body.signer, message, decoded.signature)).toBe(true);
  });
});

describe('wire fixture: Header', () => {
  it('decodes canonically to the recorded fields; block hash = SHA-256 of the bytes', () => {
    const decoded = decodeCanonical(pb.Header, header.bytes, 'header');
    const asJson: Record<string, string | number> = {};
    for (const name of Object.keys(header.fields)) {
      const value = (decoded as unknown as Record<string, unknown>)[name];
      asJson[name] = value instanceof Uint8Array ? toHex(value) : (value as number | string);
    }
    expect(asJson).toEqual(header.fields);
    expect(typeof decoded.height).toBe('number');
    expect(typeof decoded.timeMs).toBe('number');
    expect(toHex(blockHashOfHeader(header.bytes))).toBe(header.blockHash);
  });

  it('commits to the tx fixture, the results and the validator set', () => {
    const decoded = decodeCanonical(pb.Header, header.bytes, 'header');
    expect(toHex(decoded.txRoot)).toBe(toHex(rootFromLeafHashes([leafHash(fromHex(tx.txHash)!)])));
    expect(toHex(decoded.resultsHash)).toBe(toHex(rootFromLeafHashes([leafHash(u32be(0))])));
    const validators = commit.validators.map((v) => ({ publicKey: fromHex(v.publicKey)!, power: v.power }));
    expect(toHex(decoded.validatorsHash)).toBe(toHex(validatorSetHash(validators)));
    expect(toHex(decoded.proposer)).toBe(commit.validators[1]!.publicKey);
  });
});

describe('wire fixture: Commit', () => {
  it('decodes canonically to the recorded fields, for the header fixture', () => {
    const decoded = decodeCanonical(pb.Commit, commit.bytes, 'commit');
    expect(decoded.height).toBe(commit.fields.height);
    expect(decoded.round).toBe(commit.fields.round);
    expect(toHex(decoded.blockHash)).toBe(commit.fields.blockHash);
    expect(toHex(decoded.blockHash)).toBe(header.blockHash);
    expect(decoded.signatures.map((s) => ({ validatorIndex: s.validatorIndex ?? 0, signature: toHex(s.signature ?? new Uint8Array(0)) })))
      .toEqual(commit.fields.signatures);
  });

  it('every signature verifies over the precommit sign bytes, and they carry more than 2/3 of the power', () => {
    const decoded = decodeCanonical(pb.Commit, commit.bytes, 'commit');
    const message = voteSignBytes(CHAIN_ID, decoded.height, decoded.round, VOTE_PRECOMMIT, decoded.blockHash);
    const node = new NodeVerifier();
    let power = 0;
    for (const s of decoded.signatures) {
      const validator = commit.validators[s.validatorIndex ?? 0]!;
      const key = fromHex(validator.publicKey)!;
      expect(verifyStrict(key, message, s.signature!), `validator ${s.validatorIndex}`).toBe(true);
      expect(node.verify(key, message, s.signature!), `validator ${s.validatorIndex}`).toBe(true);
      power += validator.power;
    }
    const total = commit.validators.reduce((sum, v) => sum + v.power, 0);
    expect(power * 3).toBeGreaterThan(total * 2);
  });
});
