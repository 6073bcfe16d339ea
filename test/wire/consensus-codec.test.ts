// Votes from the wire: nil has exactly one encoding. The zero hash signs the same bytes as nil
// (voteSignBytes), so a second encoding would let a relay turn one honest nil vote into two votes
// that differ, i.e. into false evidence of equivocation.
import { describe, expect, it } from 'vitest';
import { pb, voteSignBytes, VOTE_PREVOTE } from '../../src/codec/index.js';
import { keyPairFromSeed, sign } from '../../src/crypto/ed25519.js';
import { sha256 } from '../../src/crypto/hash.js';
import { decodeVote, encodeVote } from '../../src/wire/index.js';
import { asHash32, asHeight, asRound, toHex, utf8 } from '../../src/types/index.js';

const key = keyPairFromSeed(sha256(utf8('tianping consensus codec test')));
const nilSignature = sign(key.seed, voteSignBytes('tianping-test', 9, 1, VOTE_PREVOTE, undefined));
const nilVote = { type: VOTE_PREVOTE as 1, height: asHeight(9), round: asRound(1), blockHash: null, validatorIndex: 2, signature: nilSignature };

describe('consensus codec: votes', () => {
  it('round-trips a nil vote and a vote for a block', () => {
    const nil = decodeVote(encodeVote(nilVote));
    expect({ ...nil, signature: toHex(nil.signature) }).toEqual({ ...nilVote, signature: toHex(nilSignature) });
    const hash = asHash32(sha256(utf8('block')));
    const forBlock = { ...nilVote, blockHash: hash };
    const decoded = decodeVote(encodeVote(forBlock));
    expect(toHex(decoded.blockHash!)).toBe(toHex(hash));
  });

  it('refuses a nil vote re-encoded with 32 zero bytes as its block hash', () => {
    const reencoded = pb.Vote.encode({ type: VOTE_PREVOTE, height: 9, round: 1, blockHash: new Uint8Array(32), validatorIndex: 2,
      signature: nilSignature }).finish();
    expect(() => decodeVote(reencoded)).toThrow(expect.objectContaining({ code: 'TX_MALFORMED' }));
  });
});
