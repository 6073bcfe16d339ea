// The signed layouts byte for byte. Every expected string below is written out by hand from the
// layout comments in proto/tianping.proto, so a change to the code that alters a single signed byte
// fails here (and would break every signature already on a chain).
import { describe, expect, it } from 'vitest';
import {
  chainIdBytes, proposalSignBytes, txSignBytes, voteSignBytes, VOTE_PRECOMMIT, VOTE_PREVOTE,
} from '../../src/codec/sign-bytes.js';
import { AssertionError, toHex } from '../../src/types/index.js';

const CHAIN = 'tianping-test';
// u8 13 || "tianping-test"
const CHAIN_HEX = '0d' + '74 69 61 6e 70 69 6e 67 2d 74 65 73 74';
const HASH_11 = new Uint8Array(32).fill(0x11);

const hex = (spaced: string): string => spaced.replace(/\s+/g, '');

describe('vote sign bytes', () => {
  it('prevote at height 7, round 2 for block 0x11…', () => {
    const expected = hex(
      '74 69 61 6e 70 69 6e 67 2f 76 6f 74 65 2f 76 31' + // "tianping/vote/v1" (16 bytes)
      CHAIN_HEX +
      '00 00 00 00 00 00 00 07' + // u64be height
      '00 00 00 02' + // u32be round
      '01' + // prevote
      '11'.repeat(32),
    );
    expect(toHex(voteSignBytes(CHAIN, 7, 2, VOTE_PREVOTE, HASH_11))).toBe(expected);
    expect(expected.length / 2).toBe(16 + 14 + 8 + 4 + 1 + 32);
  });

  it('nil precommit signs 32 zero bytes, whether the hash is absent or empty', () => {
    const expected = hex(
      '74 69 61 6e 70 69 6e 67 2f 76 6f 74 65 2f 76 31' + CHAIN_HEX +
      '00 00 00 01 00 00 00 00' + // height 2^32: the high word is really written
      'ff ff ff fe' + // round 2^32 - 2
      '02' + '00'.repeat(32),
    );
    expect(toHex(voteSignBytes(CHAIN, 2 ** 32, 2 ** 32 - 2, VOTE_PRECOMMIT, undefined))).toBe(expected);
    expect(toHex(voteSignBytes(CHAIN, 2 ** 32, 2 ** 32 - 2, VOTE_PRECOMMIT, new Uint8Array(0)))).toBe(expected);
  });

  it('refuses a vote type other than prevote/precommit and a hash that is not 32 bytes', () => {
    expect(() => voteSignBytes(CHAIN, 7, 2, 0, HASH_11)).toThrow(AssertionError);
    expect(() => voteSignBytes(CHAIN, 7, 2, 3, HASH_11)).toThrow(AssertionError);
    expect(() => voteSignBytes(CHAIN, 7, 2, VOTE_PREVOTE, new Uint8Array(31))).toThrow(AssertionError);
  });
});

describe('proposal sign bytes', () => {
  it('height 7, round 2, valid_round -1, block 0x11…', () => {
    const expected = hex(
      '74 69 61 6e 70 69 6e 67 2f 70 72 6f 70 6f 73 61 6c 2f 76 31' + // "tianping/proposal/v1" (20)
      CHAIN_HEX +
      '00 00 00 00 00 00 00 07' + // u64be height
      '00 00 00 02' + // u32be round
      'ff ff ff ff' + // i32be valid_round = -1
      '11'.repeat(32),
    );
    expect(toHex(proposalSignBytes(CHAIN, 7, 2, -1, HASH_11))).toBe(expected);
  });

  it('a re-proposal carries its valid round', () => {
    const bytes = proposalSignBytes(CHAIN, 7, 2, 1, HASH_11);
    expect(toHex(bytes.subarray(20 + 14 + 8 + 4, 20 + 14 + 8 + 8))).toBe('00000001');
  });

  it('refuses a block hash that is not 32 bytes', () => {
    expect(() => proposalSignBytes(CHAIN, 7, 2, -1, new Uint8Array(33))).toThrow(AssertionError);
  });
});

describe('tx sign bytes', () => {
  it('domain tag, length-prefixed chain id, then the body bytes untouched', () => {
    // Arbitrary bytes: the layout never looks inside the body, so it must not re-encode it.
    const body = Uint8Array.of(0x0a, 0x0d, 0x00, 0xff, 0x10);
    const expected = hex(
      '74 69 61 6e 70 69 6e 67 2f 74 78 2f 76 31' + // "tianping/tx/v1" (14 bytes)
      CHAIN_HEX +
      '0a 0d 00 ff 10',
    );
    expect(toHex(txSignBytes(CHAIN, body))).toBe(expected);
  });

  it('a different chain id changes the signed bytes (no cross-chain replay)', () => {
    const body = Uint8Array.of(1, 2, 3);
    expect(toHex(txSignBytes('tianping-main', body))).not.toBe(toHex(txSignBytes(CHAIN, body)));
  });
});

describe('chain id prefix', () => {
  it('counts UTF-8 bytes, not characters', () => {
    expect(toHex(chainIdBytes('天平'))).toBe('06e5a4a9e5b9b3');
  });

  it('refuses an empty chain id and one longer than 64 bytes', () => {
    expect(() => chainIdBytes('')).toThrow(AssertionError);
    expect(toHex(chainIdBytes('a'.repeat(64))).slice(0, 2)).toBe('40');
    expect(() => chainIdBytes('a'.repeat(65))).toThrow(AssertionError);
  });
});
