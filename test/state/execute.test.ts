import { describe, expect, it } from 'vitest';
import { pb } from '../../src/codec/proto.js';
import { evidenceCountKey, evidenceKey, txKey, KEY_APP_HASH } from '../../src/state/keys.js';
import { isTianpingError, toHex, type TianpingError } from '../../src/types/index.js';
import { leafHash, rootFromLeafHashes } from '../../src/merkle/index.js';
import {
  BLOCK_TIME_MS, anchorTx, digestOf, execute, freshState, platform, writesText,
} from '../helpers/state-fixture.js';

const SHA256 = 1;

describe('executeBlock: anchors', () => {
  it('records an anchor with its height, time, tx hash and index', async () => {
    const view = freshState();
    const digest = digestOf('contract.pdf');
    const tx = anchorTx({ digest, category: 'notarial', externalRef: 'order-17', metadataDigest: digestOf('meta'), salted: true });
    const result = await execute(view, [tx], 'validate', { height: 12 });
    expect(result.included).toEqual([tx]);
    expect(result.rejected).toEqual([]);
    const writes = new Map(result.writes);
    const record = pb.EvidenceRecord.decode(writes.get(evidenceKey(SHA256, digest, 0))!);
    expect({
      algorithm: record.algorithm, digest: toHex(record.digest), category: record.category,
      submitter: toHex(record.submitter), externalRef: record.externalRef, metadataDigest: toHex(record.metadataDigest),
      salted: record.salted, height: record.height, timeMs: record.timeMs, txHash: toHex(record.txHash), txIndex: record.txIndex,
    }).toEqual({
      algorithm: SHA256, digest: toHex(digest), category: 'notarial', submitter: toHex(platform.publicKey),
      externalRef: 'order-17', metadataDigest: toHex(digestOf('meta')), salted: true, height: 12, timeMs: BLOCK_TIME_MS,
      txHash: toHex(tx.hash), txIndex: 0,
    });
    const location = pb.TxLocation.decode(writes.get(txKey(tx.hash))!);
    expect({ height: location.height, index: location.index, resultCode: location.resultCode }).toEqual({ height: 12, index: 0, resultCode: 0 });
    expect(toHex(writes.get(evidenceCountKey(SHA256, digest))!)).toBe('00000001');
    expect(toHex(writes.get(KEY_APP_HASH)!)).toBe(toHex(result.appHash));
  });

  it('keeps every anchor of one digest, oldest first (seq 0, 1, 2), across blocks', async () => {
    const view = freshState();
    const digest = digestOf('photo.jpg');
    const first = await execute(view, [anchorTx({ digest, nonce: 1 }), anchorTx({ digest, nonce: 2 })], 'validate', { height: 1 });
    view.apply(first.writes);
    const third = anchorTx({ digest, nonce: 3, category: 'e-commerce' });
    const second = await execute(view, [third], 'validate', { height: 2, timeMs: BLOCK_TIME_MS + 1_000 });
    view.apply(second.writes);
    const records = [0, 1, 2].map((seq) => pb.EvidenceRecord.decode(view.entries.get(evidenceKey(SHA256, digest, seq))!));
    expect(records.map((r) => [r.height, r.txIndex, r.category])).toEqual([[1, 0, 'copyright'], [1, 1, 'copyright'], [2, 0, 'e-commerce']]);
    expect(toHex(records[2]!.txHash)).toBe(toHex(third.hash));
    expect(records[2]!.timeMs).toBe(BLOCK_TIME_MS + 1_000);
    expect(view.entries.get(evidenceKey(SHA256, digest, 3))).toBeUndefined();
    expect(toHex(view.entries.get(evidenceCountKey(SHA256, digest))!)).toBe('00000003');
    // The same digest under SM3 is a different anchor series.
    expect(view.entries.get(evidenceCountKey(2, digest))).toBeUndefined();
  });

  it('commits to the included txs in the tx root and results hash', async () => {
    const txs = [anchorTx({ nonce: 1 }), anchorTx({ nonce: 2 })];
    const result = await execute(freshState(), txs, 'validate');
    expect(toHex(result.txRoot)).toBe(toHex(rootFromLeafHashes(txs.map((t) => leafHash(t.hash)))));
    const ok = leafHash(Uint8Array.of(0, 0, 0, 0));
    expect(toHex(result.resultsHash)).toBe(toHex(rootFromLeafHashes([ok, ok])));
  });
});

describe('executeBlock: determinism', () => {
  const txs = () => [anchorTx({ nonce: 1, digest: digestOf('a') }), anchorTx({ nonce: 2, digest: digestOf('b') }),
    anchorTx({ nonce: 3, digest: digestOf('a') })];

  it('the same state and txs give identical writes and app hash', async () => {
    const a = await execute(freshState(), txs(), 'validate');
    const b = await execute(freshState(), txs(), 'validate');
    expect(writesText(a)).toEqual(writesText(b));
    expect(toHex(a.appHash)).toBe(toHex(b.appHash));
    expect(writesText(a)).toEqual([...writesText(a)].sort());
  });

  it('another tx order gives another app hash', async () => {
    const [t1, t2, t3] = txs();
    const a = await execute(freshState(), [t1!, t2!, t3!], 'validate');
    const b = await execute(freshState(), [t2!, t1!, t3!], 'validate');
    expect(toHex(a.appHash)).not.toBe(toHex(b.appHash));
    expect(toHex(a.txRoot)).not.toBe(toHex(b.txRoot));
  });

  it('the app hash chains: the same block on another previous app hash differs', async () => {
    const view = freshState();
    const first = await execute(view, [anchorTx({ nonce: 9 })], 'validate');
    view.apply(first.writes);
    const onTop = await execute(view, [anchorTx({ nonce: 1, digest: digestOf('x') })], 'validate', { height: 2 });
    const onGenesis = await execute(freshState(), [anchorTx({ nonce: 1, digest: digestOf('x') })], 'validate', { height: 2 });
    expect(toHex(onTop.appHash)).not.toBe(toHex(onGenesis.appHash));
  });
});

describe('executeBlock: modes and duplicates', () => {
  const invalid = () => anchorTx({ nonce: 5, category: 'astrology' });

  it("'validate' throws on an invalid tx with its code", async () => {
    const error = await execute(freshState(), [anchorTx({ nonce: 1 }), invalid()], 'validate').then(
      () => undefined, (e: unknown) => e);
    expect(isTianpingError(error)).toBe(true);
    expect((error as TianpingError).code).toBe('CATEGORY_UNKNOWN');
    expect((error as TianpingError).message).toMatch(/^block tx 1:/);
  });

  it("'propose' leaves it out, reports it, and writes what the valid txs alone would", async () => {
    const valid = anchorTx({ nonce: 1 });
    const bad = invalid();
    const mixed = await execute(freshState(), [bad, valid], 'propose');
    expect(mixed.included).toEqual([valid]);
    expect(mixed.rejected.map((r) => [r.tx, r.error.code])).toEqual([[bad, 'CATEGORY_UNKNOWN']]);
    const alone = await execute(freshState(), [valid], 'propose');
    expect(writesText(mixed)).toEqual(writesText(alone));
    expect(toHex(mixed.appHash)).toBe(toHex(alone.appHash));
  });

  it('a tx twice in one block: the second is TX_ALREADY_COMMITTED', async () => {
    const tx = anchorTx({ nonce: 1 });
    const result = await execute(freshState(), [tx, tx], 'propose');
    expect(result.included).toHaveLength(1);
    expect(result.rejected.map((r) => r.error.code)).toEqual(['TX_ALREADY_COMMITTED']);
    await expect(execute(freshState(), [tx, tx], 'validate')).rejects.toMatchObject({ code: 'TX_ALREADY_COMMITTED' });
  });

  it('a tx committed in an earlier block is refused again', async () => {
    const view = freshState();
    const tx = anchorTx({ nonce: 1 });
    view.apply((await execute(view, [tx], 'validate')).writes);
    const again = await execute(view, [tx], 'propose', { height: 2 });
    expect(again.rejected.map((r) => r.error.code)).toEqual(['TX_ALREADY_COMMITTED']);
  });

  it('an empty block still moves the app hash on', async () => {
    const view = freshState();
    const empty = await execute(view, [], 'validate');
    expect(empty.writes.map(([k]) => k)).toEqual([KEY_APP_HASH]);
    view.apply(empty.writes);
    const next = await execute(view, [], 'validate', { height: 2 });
    expect(toHex(next.appHash)).not.toBe(toHex(empty.appHash));
  });
});
