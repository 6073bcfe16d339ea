// Checkpoint note texts (c2sp.org/tlog-checkpoint): encode and parse strictly, and the mapping from
// a header (size h−1, root = history root) checked against roots recomputed from block hashes.
import { describe, expect, it } from 'vitest';
import {
  NoteError, checkpointOfHeader, ed25519NoteSigner, encodeCheckpoint, encodeVerifierKey, openNote, parseCheckpoint, parseVerifierKey,
  signNote, type NoteErrorCode,
} from '../../src/checkpoint/index.js';
import { keyPairFromSeed } from '../../src/crypto/ed25519.js';
import { sha256 } from '../../src/crypto/hash.js';
import { Frontier, consistencyProof, rootFromLeafHashes, verifyConsistency } from '../../src/merkle/index.js';
import { fromHex, toBase64, toHex, utf8, type Hash32 } from '../../src/types/index.js';

const ROOT = sha256(utf8('root')) as Hash32;
const ROOT_B64 = toBase64(ROOT);

function codeOf(run: () => unknown): NoteErrorCode | 'none' {
  try {
    run();
    return 'none';
  } catch (error) {
    if (error instanceof NoteError) return error.code;
    throw error;
  }
}

describe('checkpoint note text', () => {
  it('encodes origin, size and root, and parses back to the same checkpoint', () => {
    const text = encodeCheckpoint({ origin: 'tianping-test', size: 20852163, root: ROOT, extensions: [] });
    expect(text).toBe(`tianping-test\n20852163\n${ROOT_B64}\n`);
    const parsed = parseCheckpoint(text);
    expect(parsed).toEqual({ origin: 'tianping-test', size: 20852163, root: ROOT, extensions: [] });
    const withExtension = `${text}extension one\n`;
    expect(parseCheckpoint(withExtension).extensions).toEqual(['extension one']);
    expect(encodeCheckpoint(parseCheckpoint(withExtension))).toBe(withExtension);
    expect(parseCheckpoint(`o\n0\n${ROOT_B64}\n`).size).toBe(0);
  });

  it.each([
    ['two lines', `o\n5\n`],
    ['no final newline', `o\n5\n${ROOT_B64}`],
    ['an empty origin', `\n5\n${ROOT_B64}\n`],
    ['a leading zero', `o\n05\n${ROOT_B64}\n`],
    ['a sign', `o\n+5\n${ROOT_B64}\n`],
    ['a negative size', `o\n-5\n${ROOT_B64}\n`],
    ['a size beyond 2^53−1', `o\n9007199254740992\n${ROOT_B64}\n`],
    ['a hex root', `o\n5\n${'00'.repeat(32)}\n`],
    ['a root of 31 bytes', `o\n5\n${toBase64(ROOT.slice(1))}\n`],
    ['unpadded base64', `o\n5\n${ROOT_B64.replace(/=$/u, '')}\n`],
    ['an empty extension line', `o\n5\n${ROOT_B64}\n\next\n`],
    ['a trailing space', `o\n5 \n${ROOT_B64}\n`],
    ['a control character', `o\u0001\n5\n${ROOT_B64}\n`],
  ])('refuses a text with %s', (_name, text) => {
    expect(codeOf(() => parseCheckpoint(text))).toBe('CHECKPOINT_MALFORMED');
  });

  it('refuses to encode what it would not parse', () => {
    expect(codeOf(() => encodeCheckpoint({ origin: '', size: 1, root: ROOT, extensions: [] }))).toBe('CHECKPOINT_MALFORMED');
    expect(codeOf(() => encodeCheckpoint({ origin: 'o', size: -1, root: ROOT, extensions: [] }))).toBe('CHECKPOINT_MALFORMED');
    expect(codeOf(() => encodeCheckpoint({ origin: 'o', size: 1.5, root: ROOT, extensions: [] }))).toBe('CHECKPOINT_MALFORMED');
    expect(codeOf(() => encodeCheckpoint({ origin: 'o', size: 1, root: ROOT.slice(1) as Hash32, extensions: [] })))
      .toBe('CHECKPOINT_MALFORMED');
    expect(codeOf(() => encodeCheckpoint({ origin: 'o', size: 1, root: ROOT, extensions: [''] }))).toBe('CHECKPOINT_MALFORMED');
    expect(codeOf(() => encodeCheckpoint({ origin: 'o\nx', size: 1, root: ROOT, extensions: [] }))).toBe('CHECKPOINT_MALFORMED');
  });
});

describe('checkpointOfHeader', () => {
  // Headers as the chain makes them: header h holds the root over the block hashes of 1..h−1.
  const blockHashes = Array.from({ length: 12 }, (_, i) => sha256(utf8(`block ${i + 1}`)));
  const headers = blockHashes.map((_, i) => {
    const history = Frontier.empty();
    for (const hash of blockHashes.slice(0, i)) history.append(hash);
    return { chainId: 'tianping-test', height: i + 1, historyRoot: history.root() };
  });

  it('has size h−1 and the root over blocks 1..h−1, each block hash a leaf node as is', () => {
    for (const header of headers) {
      const checkpoint = checkpointOfHeader('tianping-test', header);
      expect(checkpoint.size).toBe(header.height - 1);
      expect(checkpoint.origin).toBe('tianping-test');
      expect(checkpoint.root).toEqual(rootFromLeafHashes(blockHashes.slice(0, header.height - 1)));
    }
    // Height 1 has no earlier block: the empty tree, SHA-256("").
    expect(checkpointOfHeader('tianping-test', headers[0]!).root).toEqual(sha256(new Uint8Array(0)));
  });

  it('refuses a header of another chain or of no committed height', () => {
    const header = headers[3]!;
    expect(codeOf(() => checkpointOfHeader('tianping-other', header))).toBe('CHECKPOINT_MALFORMED');
    expect(codeOf(() => checkpointOfHeader('tianping-test', { ...header, height: 0 }))).toBe('CHECKPOINT_MALFORMED');
    expect(codeOf(() => checkpointOfHeader('tianping-test', { ...header, historyRoot: new Uint8Array(31) }))).toBe('CHECKPOINT_MALFORMED');
  });

  it('signs into a note that opens, and whose text parses back to the checkpoint', () => {
    const pair = keyPairFromSeed(new Uint8Array(32).fill(9));
    const checkpoint = checkpointOfHeader('tianping-test', headers[7]!);
    const note = signNote(encodeCheckpoint(checkpoint), [ed25519NoteSigner('tianping-test', pair)]);
    const opened = openNote(note, [parseVerifierKey(encodeVerifierKey('tianping-test', pair.publicKey))]);
    expect(parseCheckpoint(opened.text)).toEqual(checkpoint);
  });
});

describe('the worked example of docs/checkpoints.md', () => {
  // The same figures as the page: a change of format or key ID rule shows up here and there at once.
  const VERIFIER_KEY = 'tianping-example+51fa7ff3+AUP+o4PhMIuJGShImaOtOLYOj7UNdCJFYhqRwe6ERn1g';
  const NOTE = 'tianping-example\n7\nmXgcXUmD0Bl0p/01G3nLt+CbZm2lVop6uDapE+OF5i0=\n\n'
    + '\u2014 tianping-example Ufp/8/TgX49UE9sZxnfFPybQN5kwLa8QCmVe6FR2YjtyjBu5TqlZ/8LNk3j/bKECpRKHwUYZP2CUMuUOoHuwxmTbDAM=\n';
  const PROOF = ['567744ae5cd2f67aa5ed24d01eb161c743c9bd6c62df2d07bbf70ea67de45aab', '8e6bc5aa44a341cc424ae831f6e30b01e822e7759651bbb8e8b1036e709766c2',
    'b0f02e87296a5b273f52827816687da23d20b468aee17012717cff9f78c823d2', '94887d4a30b5bcccc17ed61db632da92f33fc4118f4e80700e1ef3b4b962aadc'];

  it('is what the code makes, and what a verifier accepts', () => {
    const key = keyPairFromSeed(sha256(utf8('checkpoint example validator')));
    const hashes = Array.from({ length: 7 }, (_, i) => sha256(utf8(`block ${i + 1}`)));
    const header = { chainId: 'tianping-example', height: 8, historyRoot: rootFromLeafHashes(hashes) };
    expect(encodeVerifierKey('tianping-example', key.publicKey)).toBe(VERIFIER_KEY);
    const note = signNote(encodeCheckpoint(checkpointOfHeader('tianping-example', header)), [ed25519NoteSigner('tianping-example', key)]);
    expect(note).toBe(NOTE);
    const checkpoint = parseCheckpoint(openNote(NOTE, [parseVerifierKey(VERIFIER_KEY)]).text);
    expect(consistencyProof(hashes, 3).map(toHex)).toEqual(PROOF);
    expect(verifyConsistency(3, 7, PROOF.map((h) => fromHex(h)!), rootFromLeafHashes(hashes.slice(0, 3)), checkpoint.root)).toBe(true);
  });
});
