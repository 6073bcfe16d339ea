// Every way a tx can be refused, with its stable code, and the proof that a refused tx writes
// nothing: a block of [valid, refused] writes exactly what [valid] alone writes.
import { describe, expect, it } from 'vitest';
import type { DecodedTx } from '../../src/codec/tx.js';
import { checkTxStateful, checkTxStateless } from '../../src/state/tx-rules.js';
import { isTianpingError, type ErrorCode } from '../../src/types/index.js';
import {
  BLOCK_TIME_MS, anchorTx, blockContext, copyrightPlatform, court, execute, freshState, genesis, keyOf, outsider,
  platform, writesText,
} from '../helpers/state-fixture.js';

const maxAhead = genesis.params.txExpiryMaxMs;
const refMax = genesis.params.externalRefBytesMax;

const cases: [string, () => DecodedTx, ErrorCode][] = [
  ['wrong chain id', () => anchorTx({ chainId: 'tianping-other' }), 'TX_WRONG_CHAIN'],
  ['expired (expiry = block time)', () => anchorTx({ expiresAtMs: BLOCK_TIME_MS }), 'TX_EXPIRED'],
  ['expired long ago', () => anchorTx({ expiresAtMs: 1 }), 'TX_EXPIRED'],
  ['expiry too far ahead', () => anchorTx({ expiresAtMs: BLOCK_TIME_MS + maxAhead + 1 }), 'TX_EXPIRY_TOO_FAR'],
  ['signed by another key', () => anchorTx({ signingKey: keyOf('thief') }), 'TX_BAD_SIGNATURE'],
  ['signed for another chain', () => anchorTx({ signChainId: 'tianping-other' }), 'TX_BAD_SIGNATURE'],
  ['unknown category', () => anchorTx({ category: 'astrology' }), 'CATEGORY_UNKNOWN'],
  ['non-member signer', () => anchorTx({ signer: outsider }), 'SIGNER_NOT_MEMBER'],
  ['member that is not a submitter', () => anchorTx({ signer: court }), 'SIGNER_NOT_MEMBER'],
  ['submitter outside its categories', () => anchorTx({ signer: copyrightPlatform, category: 'notarial' }), 'CATEGORY_NOT_ALLOWED'],
  ['unspecified algorithm (0)', () => anchorTx({ algorithm: 0 }), 'ALGORITHM_UNSUPPORTED'],
  ['unknown algorithm (3)', () => anchorTx({ algorithm: 3 }), 'ALGORITHM_UNSUPPORTED'],
  ['digest of 31 bytes', () => anchorTx({ digest: new Uint8Array(31).fill(1) }), 'EVIDENCE_FIELD_INVALID'],
  ['digest of 33 bytes', () => anchorTx({ digest: new Uint8Array(33).fill(1) }), 'EVIDENCE_FIELD_INVALID'],
  ['metadata digest of 16 bytes', () => anchorTx({ metadataDigest: new Uint8Array(16).fill(1) }), 'EVIDENCE_FIELD_INVALID'],
  ['external ref one byte over the limit', () => anchorTx({ externalRef: 'r'.repeat(refMax + 1) }), 'EVIDENCE_FIELD_INVALID'],
  // 86 three-byte characters: 258 UTF-8 bytes although only 86 UTF-16 units.
  ['external ref over the limit in UTF-8 bytes', () => anchorTx({ externalRef: '证'.repeat(86) }), 'EVIDENCE_FIELD_INVALID'],
  ['no action', () => anchorTx({ noAction: true }), 'TX_ACTION_MISSING'],
];

describe('tx rules: each refusal has its stable code and writes nothing', () => {
  it.each(cases)('%s → %s', async (_name, make, code) => {
    const bad = make();
    const valid = anchorTx({ nonce: 777 });
    const mixed = await execute(freshState(), [valid, bad], 'propose');
    expect(mixed.rejected.map((r) => r.error.code)).toEqual([code]);
    expect(mixed.included).toEqual([valid]);
    const alone = await execute(freshState(), [valid], 'propose');
    expect(writesText(mixed)).toEqual(writesText(alone));
    await expect(execute(freshState(), [bad], 'validate')).rejects.toMatchObject({ code });
  });
});

describe('tx rules: the limits themselves are allowed', () => {
  it.each([
    ['expiry one ms after the block time', { expiresAtMs: BLOCK_TIME_MS + 1 }],
    ['expiry exactly the maximum ahead', { expiresAtMs: BLOCK_TIME_MS + maxAhead }],
    ['external ref exactly at the limit', { externalRef: 'r'.repeat(refMax) }],
    ['SM3 digest', { algorithm: 2 }],
    ['limited submitter in its category', { signer: copyrightPlatform, category: 'copyright' }],
    ['unlimited submitter in any category', { signer: platform, category: 'e-commerce' }],
  ] as const)('%s', async (_name, options) => {
    const result = await execute(freshState(), [anchorTx(options)], 'validate');
    expect(result.included).toHaveLength(1);
  });
});

describe('tx rules: check order', () => {
  const codeOf = async (fn: () => unknown): Promise<ErrorCode | 'none'> => {
    try {
      await fn();
    } catch (error) {
      if (isTianpingError(error)) return error.code;
      throw error;
    }
    return 'none';
  };

  it('stateless checks need no state, and run before the signature is checked', async () => {
    const ctx = blockContext({ verifier: { verify: () => { throw new Error('verifier must not be reached'); } } });
    expect(await codeOf(() => checkTxStateless(anchorTx({ chainId: 'x' }), ctx))).toBe('TX_WRONG_CHAIN');
    expect(await codeOf(() => checkTxStateless(anchorTx({ expiresAtMs: 1 }), ctx))).toBe('TX_EXPIRED');
    expect(await codeOf(() => checkTxStateless(anchorTx({ algorithm: 9 }), ctx))).toBe('ALGORITHM_UNSUPPORTED');
  });

  it('stateful checks read membership from state', async () => {
    expect(await codeOf(() => checkTxStateful(anchorTx({ signer: outsider }), freshState(), blockContext()))).toBe('SIGNER_NOT_MEMBER');
    expect(await codeOf(() => checkTxStateful(anchorTx(), freshState(), blockContext()))).toBe('none');
  });
});
