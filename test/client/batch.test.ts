// The SDK's batch helpers: the batch tree against src/merkle, the salted digest against the
// verifier and the receipt vectors, the batch txs as the codec decodes them, and receipts of
// root-only items (built by the platform) and indexed items (served by the node) verifying
// offline against a real NodeCore behind its HTTP API.
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { batchTree, buildBatchTx, randomSalt, rootOnlyReceipt, saltedDigest, SALT_BYTES } from '../../src/client/batch.js';
import { ApiError, TianpingClient } from '../../src/client/client.js';
import { parseReceiptJson } from '../../src/client/receipt-json.js';
import { verifyReceipt } from '../../src/client/receipt-verify.js';
import { decodeTx } from '../../src/codec/index.js';
import { hashEvidence, sha256 } from '../../src/crypto/hash.js';
import { inclusionProof, leafHash, rootFromLeafHashes, verifyInclusion } from '../../src/merkle/index.js';
import { TianpingError, fromHex, toHex, utf8 } from '../../src/types/index.js';
import { GENESIS_TIME_MS, digestOf, makeTestChain } from '../helpers/chain.js';
import { chainClock, startMemNode, type MemNode } from '../helpers/mem-node.js';

const digests = (n: number, label = 'item'): Uint8Array[] => Array.from({ length: n }, (_, i) => digestOf(`${label}-${i}`));

describe('batchTree', () => {
  it('has the root and audit paths src/merkle gives, for every item of trees of 1..33 items', () => {
    for (let n = 1; n <= 33; n++) {
      const items = digests(n);
      const leaves = items.map((d) => leafHash(d));
      const tree = batchTree(items);
      expect(toHex(tree.root)).toBe(toHex(rootFromLeafHashes(leaves)));
      expect(tree.itemCount).toBe(n);
      for (let i = 0; i < n; i++) {
        const path = tree.path(i);
        expect(path.map(toHex)).toEqual(inclusionProof(leaves, i).map(toHex));
        expect(verifyInclusion(leaves[i]!, i, n, path, tree.root)).toBe(true);
      }
    }
  });

  it('puts items in order: swapping two items changes the root', () => {
    const items = digests(4);
    const swapped = [items[1]!, items[0]!, items[2]!, items[3]!];
    expect(toHex(batchTree(items).root)).not.toBe(toHex(batchTree(swapped).root));
  });

  it('refuses an empty batch and a digest that is not 32 bytes', () => {
    expect(() => batchTree([])).toThrow(TianpingError);
    expect(() => batchTree([new Uint8Array(31)])).toThrow(/32/);
  });
});

describe('salted digests', () => {
  it('match the salted receipt vector: SM3(salt ‖ SM3(file)) is the digest the receipt names', () => {
    const manifest = JSON.parse(readFileSync(new URL('../vectors/receipts/index.json', import.meta.url), 'utf8')) as {
      vectors: { name: string; receipt: string; evidence: { fileText?: string; salt?: string } }[] };
    const vector = manifest.vectors.find((v) => v.name === 'good-salted')!;
    const receipt = parseReceiptJson(readFileSync(new URL(`../vectors/receipts/${vector.receipt}`, import.meta.url), 'utf8'));
    const fileDigest = hashEvidence('sm3', utf8(vector.evidence.fileText!));
    expect(toHex(saltedDigest('sm3', fromHex(vector.evidence.salt!)!, fileDigest))).toBe(toHex(receipt.digest));
    // And not the other order, nor the other algorithm: the verifier's exact construction.
    expect(toHex(saltedDigest('sha256', fromHex(vector.evidence.salt!)!, fileDigest))).not.toBe(toHex(receipt.digest));
  });

  it('is H(salt ‖ file digest) with the evidence algorithm', () => {
    const salt = randomSalt();
    const fileDigest = sha256(utf8('a contract'));
    const joined = new Uint8Array([...salt, ...fileDigest]);
    expect(toHex(saltedDigest('sha256', salt, fileDigest))).toBe(toHex(hashEvidence('sha256', joined)));
    expect(toHex(saltedDigest('sm3', salt, fileDigest))).toBe(toHex(hashEvidence('sm3', joined)));
  });

  it('draws 32 fresh random bytes per salt, and refuses an empty salt', () => {
    const a = randomSalt();
    const b = randomSalt();
    expect(a.length).toBe(SALT_BYTES);
    expect(toHex(a)).not.toBe(toHex(b));
    expect(() => saltedDigest('sha256', new Uint8Array(), sha256(utf8('x')))).toThrow(/salt is empty/);
  });
});

describe('buildBatchTx', () => {
  const chain = makeTestChain();
  const common = { chainId: chain.genesis.chainId, keyPair: chain.submitter, algorithm: 'sha256' as const, category: 'copyright',
    nonce: 5, expiresAtMs: GENESIS_TIME_MS + 600_000 };

  it('signs an indexed batch whose digests decode in order', () => {
    const items = digests(3);
    const tx = buildBatchTx({ ...common, kind: 'indexed', digests: [items[0]!, toHex(items[1]!), items[2]!], externalRef: 'order-7' });
    const decoded = decodeTx(tx.bytes, chain.genesis.params.txBytesMax);
    expect(toHex(decoded.hash)).toBe(toHex(tx.hash));
    expect(decoded.body.anchorBatch?.kind).toBe('indexed');
    expect((decoded.body.anchorBatch?.indexed?.digests ?? []).map(toHex)).toEqual(items.map(toHex));
    expect(decoded.body.anchorBatch?.externalRef).toBe('order-7');
    expect(decoded.body.anchorBatch?.salted).toBe(false);
  });

  it('signs a root-only batch with its root and count', () => {
    const tree = batchTree(digests(7));
    const tx = buildBatchTx({ ...common, kind: 'root-only', root: tree.root, itemCount: 7, salted: true, algorithm: 'sm3' });
    const batch = decodeTx(tx.bytes, chain.genesis.params.txBytesMax).body.anchorBatch;
    expect(batch?.kind).toBe('rootOnly');
    expect(toHex(batch?.rootOnly?.root ?? new Uint8Array())).toBe(toHex(tree.root));
    expect(batch?.rootOnly?.itemCount).toBe(7);
    expect(batch?.salted).toBe(true);
    expect(batch?.algorithm).toBe(2);
  });

  it('refuses what no chain accepts', () => {
    expect(() => buildBatchTx({ ...common, kind: 'indexed', digests: [] })).toThrow(/1\.\.65535/);
    expect(() => buildBatchTx({ ...common, kind: 'indexed', digests: ['abcd'] })).toThrow(/item digest 0/);
    expect(() => buildBatchTx({ ...common, kind: 'root-only', root: digestOf('r'), itemCount: 0 })).toThrow(/counts/);
    expect(() => buildBatchTx({ ...common, chainId: '', kind: 'root-only', root: digestOf('r'), itemCount: 1 })).toThrow(/chain id/);
  });
});

describe('batch receipts through a node', () => {
  const chain = makeTestChain();
  // The chain's clock runs from its genesis time, so txs expire relative to it.
  const clock = chainClock();
  let node: MemNode;
  let app: FastifyInstance;
  let client: TianpingClient;
  let member: TianpingClient;

  beforeAll(async () => {
    node = await startMemNode(chain, clock);
    app = node.app;
    await app.listen({ host: '127.0.0.1', port: 0 });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    client = new TianpingClient(url);
    member = new TianpingClient(url, { signer: chain.submitter });
  });
  afterAll(() => node.stop());

  const txCommon = () => ({ chainId: chain.genesis.chainId, keyPair: chain.submitter, category: 'copyright',
    expiresAtMs: clock.nowMs() + 600_000 });

  it('completes the receipt of every item of a root-only batch; each verifies from the genesis alone', async () => {
    const files = Array.from({ length: 6 }, (_, i) => utf8(`root-only file ${i}`));
    const fileDigests = files.map((f) => sha256(f));
    const tree = batchTree(fileDigests);
    const tx = buildBatchTx({ ...txCommon(), algorithm: 'sha256', kind: 'root-only', root: tree.root, itemCount: files.length });
    const committed = await client.submit(tx.bytes, { wait: 'commit' });
    expect(committed.status).toBe('committed');

    const inclusion = await member.txInclusion(tx.hash);
    expect(toHex(inclusion.tx)).toBe(toHex(tx.bytes));
    for (const [index, file] of files.entries()) {
      const receipt = rootOnlyReceipt(inclusion, { digest: fileDigests[index]!, index, count: files.length, path: tree.path(index),
        algorithm: 'sha256' });
      const verification = verifyReceipt(receipt, { file }, chain.genesis);
      expect(verification.valid, JSON.stringify(verification)).toBe(true);
      if (verification.valid) expect(verification.receipt.batch).toEqual({ kind: 'root-only', itemIndex: index, itemCount: files.length });
      // Another item's file does not pass for this one.
      const other = verifyReceipt(receipt, { file: files[(index + 1) % files.length]! }, chain.genesis);
      expect(other.valid).toBe(false);
    }
  });

  it('salted SM3 items: the receipt verifies with the salt, and not without it or with another', async () => {
    const files = Array.from({ length: 3 }, (_, i) => utf8(`salted file ${i}`));
    const salts = files.map(() => randomSalt());
    const items = files.map((f, i) => saltedDigest('sm3', salts[i]!, hashEvidence('sm3', f)));
    const tree = batchTree(items);
    const tx = buildBatchTx({ ...txCommon(), algorithm: 'sm3', salted: true, kind: 'root-only', root: tree.root, itemCount: items.length });
    await client.submit(tx.bytes, { wait: 'commit' });
    const inclusion = await member.txInclusion(tx.hash);
    for (const [index, file] of files.entries()) {
      const receipt = rootOnlyReceipt(inclusion, { digest: items[index]!, index, count: items.length, path: tree.path(index),
        algorithm: 'sm3', salted: true });
      expect(verifyReceipt(receipt, { file, salt: salts[index]! }, chain.genesis).valid).toBe(true);
      const unsalted = verifyReceipt(receipt, { file }, chain.genesis);
      expect(unsalted.valid === false && unsalted.failed).toBe('item-digest');
      const wrong = verifyReceipt(receipt, { file, salt: salts[(index + 1) % files.length]! }, chain.genesis);
      expect(wrong.valid === false && wrong.failed).toBe('item-digest');
    }
  });

  it('refuses to build a receipt the verifier would refuse', async () => {
    const items = digests(5, 'refuse');
    const tree = batchTree(items);
    const tx = buildBatchTx({ ...txCommon(), algorithm: 'sha256', kind: 'root-only', root: tree.root, itemCount: 5 });
    await client.submit(tx.bytes, { wait: 'commit' });
    const inclusion = await member.txInclusion(tx.hash);
    const item = { digest: items[2]!, index: 2, count: 5, path: tree.path(2), algorithm: 'sha256' as const };
    expect(() => rootOnlyReceipt(inclusion, { ...item, index: 3 })).toThrow(/path does not lead/);
    expect(() => rootOnlyReceipt(inclusion, { ...item, count: 6 })).toThrow(/counts 5/);
    expect(() => rootOnlyReceipt(inclusion, { ...item, algorithm: 'sm3' })).toThrow(/algorithm/);
    expect(() => rootOnlyReceipt(inclusion, { ...item, salted: true })).toThrow(/salted/);

    const indexed = buildBatchTx({ ...txCommon(), algorithm: 'sha256', kind: 'indexed', digests: digests(2, 'indexed-refuse') });
    await client.submit(indexed.bytes, { wait: 'commit' });
    const indexedInclusion = await member.txInclusion(indexed.hash);
    expect(() => rootOnlyReceipt(indexedInclusion, item)).toThrow(/not a root-only/);
  });

  it('client.receipt serves an indexed item of a given tx; txInclusion needs a member signature', async () => {
    const items = digests(4, 'indexed');
    const tx = buildBatchTx({ ...txCommon(), algorithm: 'sha256', kind: 'indexed', digests: items });
    await client.submit(tx.bytes, { wait: 'commit' });
    for (const [index, digest] of items.entries()) {
      const receipt = await client.receipt(digest, { tx: tx.hash });
      expect(receipt.batch?.itemIndex).toBe(index);
      expect(verifyReceipt(receipt, { fileDigest: digest }, chain.genesis).valid).toBe(true);
    }
    await expect(client.receipt(digestOf('never anchored'))).rejects.toMatchObject({ code: 'EVIDENCE_NOT_FOUND' });
    const unsigned = await client.txInclusion(tx.hash).catch((error: unknown) => error);
    expect(unsigned).toBeInstanceOf(ApiError);
    expect((unsigned as ApiError).code).toBe('AUTH_REQUIRED');
    await expect(member.txInclusion(digestOf('no such tx'))).rejects.toMatchObject({ code: 'TX_NOT_FOUND' });
  });
});
