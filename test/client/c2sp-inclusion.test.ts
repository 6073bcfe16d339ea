// An entry of a C2SP transparency log proved offline (docs/crosschain.md §3, §4): a log made here
// (RFC 6962 tree, a checkpoint signed by the log key, cosigned by witnesses) gives a good proof, and
// each alteration is refused at its check; the public signed-note example opens with its key
// (`note` passes) and, being no checkpoint, fails at `origin`; one altered byte fails at `note`.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, type TestContext } from 'vitest';
import { ed25519NoteSigner, encodeCheckpoint, encodeVerifierKey, signNote } from '../../src/checkpoint/index.js';
import {
  C2SP_INCLUSION_CHECKS, verifyC2spInclusion, type C2spInclusionCheckId, type C2spInclusionProof, type C2spLog, type RecordedCheckpoint,
} from '../../src/client/c2sp-inclusion.js';
import { TrustAnchorError } from '../../src/client/receipt-trust.js';
import { keyPairFromSeed } from '../../src/crypto/ed25519.js';
import { inclusionProof, leafHash, rootFromLeafHashes } from '../../src/merkle/index.js';
import { toBase64, toHex, utf8, type Hash32 } from '../../src/types/index.js';
import { ed25519Cosigner, encodeCosignerKey } from '../../src/witness/cosignature.js';

const EXAMPLE_FILE = fileURLToPath(new URL('../../../shared/vectors/c2sp/signed-note-example.json', import.meta.url));
const example = existsSync(EXAMPLE_FILE)
  ? JSON.parse(readFileSync(EXAMPLE_FILE, 'utf8')) as { verifierKey: string; note: string }
  : undefined;

/** Skips outside CI when the shared vectors are absent; under CI=true their absence fails. */
function requireExample(ctx: TestContext): NonNullable<typeof example> {
  if (example !== undefined) return example;
  const message = `signed-note example not found at ${EXAMPLE_FILE} (../shared/vectors/ beside the project root)`;
  if (process.env['CI'] === 'true') throw new Error(message);
  ctx.skip(message);
  throw new Error('unreachable');
}

const pair = (n: number) => keyPairFromSeed(new Uint8Array(32).fill(n));
const ORIGIN = 'transparency.example/log';
const logSigner = ed25519NoteSigner(ORIGIN, pair(1));
const witnesses = [ed25519Cosigner('witness.example/a', pair(2)), ed25519Cosigner('witness.example/b', pair(3)),
  ed25519Cosigner('witness.example/c', pair(4))];
const log: C2spLog = {
  origin: ORIGIN, logKey: encodeVerifierKey(ORIGIN, pair(1).publicKey),
  witnessKeys: witnesses.map((w) => encodeCosignerKey(w.name, w.publicKey)), witnessQuorum: 2,
};

const entries = Array.from({ length: 7 }, (_, i) => utf8(`log entry ${i}`));
const leaves = entries.map((e) => leafHash(e));
const root = rootFromLeafHashes(leaves) as Hash32;
const TIME = 1_760_000_000;

/** A checkpoint note of the log: signed by `signer`, cosigned by the witnesses at `cosigners`. */
function checkpointNote(size: number, treeRoot: Uint8Array, cosigners: readonly number[] = [0, 1], origin = ORIGIN,
  signer = logSigner): string {
  const text = encodeCheckpoint({ origin, size, root: treeRoot as Hash32, extensions: [] });
  return signNote(text, [signer]) + cosigners.map((i) => witnesses[i]!.cosign(text, TIME)).join('');
}

const note = checkpointNote(7, root);
const good: C2spInclusionProof = { leafHash: toHex(leaves[5]!), index: 5, proof: inclusionProof(leaves, 5).map(toHex), checkpoint: note };

function failed(proof: C2spInclusionProof, given: C2spLog = log, recorded?: RecordedCheckpoint): C2spInclusionCheckId | 'valid' {
  const result = verifyC2spInclusion(proof, given, recorded);
  return result.valid ? 'valid' : result.failed;
}

describe('C2SP log inclusion, a log made here', () => {
  it('a good proof by leaf hash or by entry is valid; every check ran and the facts are given', () => {
    const result = verifyC2spInclusion(good, log);
    expect(result).toMatchObject({ valid: true, leafHash: toHex(leaves[5]!), size: 7, root: toHex(root) });
    expect(result.checks.map((c) => c.id)).toEqual([...C2SP_INCLUSION_CHECKS]);
    const { leafHash: _leaf, ...rest } = good;
    expect(failed({ ...rest, entry: toBase64(entries[5]!) })).toBe('valid');
    expect(failed({ ...good, leafHash: toHex(leaves[2]!), index: 2, proof: inclusionProof(leaves, 2).map(toHex) })).toBe('valid');
  });

  it('format: both or neither of leafHash and entry, bad hex or base64, a bad index or proof hash', () => {
    const { leafHash: _leaf, ...noLeaf } = good;
    expect(failed(noLeaf)).toBe('format');
    expect(failed({ ...good, entry: toBase64(entries[5]!) })).toBe('format');
    expect(failed({ ...noLeaf, entry: 'not base64!' })).toBe('format');
    expect(failed({ ...good, leafHash: 'abcd' })).toBe('format');
    expect(failed({ ...good, index: -1 })).toBe('format');
    expect(failed({ ...good, proof: ['00'] })).toBe('format');
    expect(failed({ ...good, proof: Array.from({ length: 64 }, () => toHex(root)) })).toBe('format');
  });

  it('note: signed by another key, or one byte of the text altered', () => {
    expect(failed({ ...good, checkpoint: checkpointNote(7, root, [0, 1], ORIGIN, ed25519NoteSigner(ORIGIN, pair(9))) })).toBe('note');
    expect(failed({ ...good, checkpoint: note.replace('\n7\n', '\n8\n') })).toBe('note');
    expect(failed({ ...good, checkpoint: 'no note at all' })).toBe('note');
  });

  it('origin: a checkpoint of another origin, or a note that is no checkpoint', () => {
    expect(failed({ ...good, checkpoint: checkpointNote(7, root, [0, 1], 'another.example/log') })).toBe('origin');
    expect(failed({ ...good, checkpoint: signNote('just a message\n', [logSigner]) })).toBe('origin');
  });

  it('witnesses: fewer than the quorum cosigned, or a cosignature does not verify; a quorum of 0 needs none', () => {
    expect(failed({ ...good, checkpoint: checkpointNote(7, root, [2]) })).toBe('witnesses');
    expect(failed({ ...good, checkpoint: checkpointNote(7, root, [0, 1, 2]) })).toBe('valid');
    const lines = note.split('\n');
    const forged = lines.map((line) => (line.startsWith('\u2014 witness.example/b ') ? `${line.slice(0, -4)}AAA=` : line)).join('\n');
    const result = verifyC2spInclusion({ ...good, checkpoint: forged }, log);
    expect(result.valid ? 'valid' : result.failed).toBe('witnesses');
    expect(result.valid ? '' : result.reason).toContain('do not verify');
    expect(failed({ ...good, checkpoint: checkpointNote(7, root, []) }, { ...log, witnessQuorum: 0 })).toBe('valid');
  });

  it('recorded: a recorded checkpoint of the same size must have the same root; another size is no comparison', () => {
    expect(failed(good, log, { size: 7, root: toHex(root) })).toBe('valid');
    expect(failed(good, log, { size: 7, root: leaves[0]! })).toBe('recorded');
    expect(failed(good, log, { size: 6, root: leaves[0]! })).toBe('valid');
  });

  it('inclusion: another index, an altered proof hash, another leaf, an index beyond the size', () => {
    expect(failed({ ...good, index: 4 })).toBe('inclusion');
    expect(failed({ ...good, proof: [toHex(leaves[0]!), ...good.proof.slice(1)] })).toBe('inclusion');
    expect(failed({ ...good, proof: good.proof.slice(1) })).toBe('inclusion');
    expect(failed({ ...good, leafHash: toHex(leafHash(utf8('an entry never logged'))) })).toBe('inclusion');
    expect(failed({ ...good, index: 7 })).toBe('inclusion');
  });

  it('an unusable log anchor or recorded checkpoint is an error, not a verdict', () => {
    expect(() => verifyC2spInclusion(good, { ...log, logKey: 'not a key' })).toThrow(TrustAnchorError);
    expect(() => verifyC2spInclusion(good, { ...log, witnessQuorum: 4 })).toThrow(TrustAnchorError);
    expect(() => verifyC2spInclusion(good, { ...log, witnessKeys: [log.logKey] })).toThrow(TrustAnchorError);
    expect(() => verifyC2spInclusion(good, log, { size: 7, root: 'abcd' })).toThrow(TrustAnchorError);
  });
});

describe('C2SP log inclusion, the public signed-note example', () => {
  const exampleLog = (key: string): C2spLog => ({ origin: 'example.com/foo', logKey: key, witnessKeys: [], witnessQuorum: 0 });
  const proof = (checkpoint: string): C2spInclusionProof => ({ leafHash: toHex(leaves[0]!), index: 0, proof: [], checkpoint });

  it('opens with its verifier key (note passes); it is no checkpoint, so origin fails after', (ctx) => {
    const vector = requireExample(ctx);
    const result = verifyC2spInclusion(proof(vector.note), exampleLog(vector.verifierKey));
    expect(result.checks.map((c) => [c.id, c.ok])).toEqual([['format', true], ['note', true], ['origin', false]]);
    expect(result.valid ? '' : result.reason).toContain('not a checkpoint');
  });

  it('one altered byte of its text fails at note', (ctx) => {
    const vector = requireExample(ctx);
    const altered = vector.note.replace('example message', 'exbmple message');
    expect(altered).not.toBe(vector.note);
    expect(failed(proof(altered), exampleLog(vector.verifierKey))).toBe('note');
  });
});
