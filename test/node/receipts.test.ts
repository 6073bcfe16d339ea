// Batches and receipts through the real node core and API: an indexed batch makes every item
// findable by digest, and the receipts the node serves verify offline from the genesis alone.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { parseReceiptJson } from '../../src/client/receipt-json.js';
import { verifyReceipt } from '../../src/client/receipt-verify.js';
import { encodeSignedTx, encodeTxBody, txSignBytes } from '../../src/codec/index.js';
import { sign } from '../../src/crypto/index.js';
import { toBase64, toHex } from '../../src/types/index.js';
import { anchorTxBytes, digestOf, makeTestChain } from '../helpers/chain.js';
import { chainClock, startMemNode, type MemNode } from '../helpers/mem-node.js';

const chain = makeTestChain();
const clock = chainClock();
let node: MemNode;
let app: FastifyInstance;

beforeEach(async () => {
  node = await startMemNode(chain, clock);
  ({ app } = node);
});
afterEach(() => node.stop());

async function submit(tx: Uint8Array): Promise<{ hash: string; height: number }> {
  const response = await app.inject({ method: 'POST', url: '/v1/txs?wait=commit', payload: { tx: toBase64(tx) } });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

function batchTx(digests: Uint8Array[]): Uint8Array {
  const body = encodeTxBody({ chainId: chain.genesis.chainId, signer: chain.submitter.publicKey, nonce: 7,
    expiresAtMs: clock.nowMs() + 600_000, anchorBatch: { algorithm: 1, category: 'copyright', indexed: { digests } } });
  return encodeSignedTx(body, sign(chain.submitter.seed, txSignBytes(chain.genesis.chainId, body)));
}

async function receiptOf(digest: Uint8Array) {
  const response = await app.inject({ method: 'GET', url: `/v1/evidence/${toHex(digest)}/receipt` });
  expect(response.statusCode, response.body).toBe(200);
  return parseReceiptJson(response.body);
}

describe('batches and receipts through the node', () => {
  it('finds every item of an indexed batch, and each item receipt verifies from the genesis', async () => {
    const digests = [digestOf('item-0'), digestOf('item-1'), digestOf('item-2')];
    const committed = await submit(batchTx(digests));
    for (const [index, digest] of digests.entries()) {
      const lookup = await app.inject({ method: 'GET', url: `/v1/evidence/${toHex(digest)}` });
      expect(lookup.statusCode).toBe(200);
      expect(lookup.json().anchors[0]).toMatchObject({ txHash: committed.hash, height: committed.height });
      const verification = verifyReceipt(await receiptOf(digest), { fileDigest: digest }, chain.genesis);
      expect(verification.valid, JSON.stringify(verification)).toBe(true);
      if (verification.valid) expect(verification.receipt.batch?.itemIndex ?? index).toBe(index);
    }
  });

  it('a single anchor receipt verifies, and fails for another digest naming the check', async () => {
    await submit(anchorTxBytes(chain, digestOf('single'), { expiresAtMs: clock.nowMs() + 600_000 }));
    const receipt = await receiptOf(digestOf('single'));
    expect(verifyReceipt(receipt, { fileDigest: digestOf('single') }, chain.genesis).valid).toBe(true);
    const wrong = verifyReceipt(receipt, { fileDigest: digestOf('other') }, chain.genesis);
    expect(wrong.valid).toBe(false);
    if (!wrong.valid) expect(wrong.failed).toMatch(/digest/);
  });

  it('serves the protobuf form on request, and 404 for a digest never anchored', async () => {
    await submit(anchorTxBytes(chain, digestOf('proto'), { expiresAtMs: clock.nowMs() + 600_000 }));
    const response = await app.inject({ method: 'GET', url: `/v1/evidence/${toHex(digestOf('proto'))}/receipt`,
      headers: { accept: 'application/x-protobuf' } });
    expect(response.headers['content-type']).toMatch(/application\/x-protobuf/);
    expect(response.rawPayload.length).toBeGreaterThan(100);
    const missing = await app.inject({ method: 'GET', url: `/v1/evidence/${toHex(digestOf('never'))}/receipt` });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('EVIDENCE_NOT_FOUND');
  });
});
