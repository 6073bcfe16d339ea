// Checkpoints and consistency proofs through the real node core and API, on a ledger of real
// blocks: a client keeps the checkpoint it verified, later fetches a newer one, and checks with
// the node's consistency proof that the newer tree extends the older one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { encodeVerifierKey, openNote, parseCheckpoint, parseVerifierKey, type Checkpoint } from '../../src/checkpoint/index.js';
import { verifyConsistency } from '../../src/merkle/index.js';
import { NodeCore } from '../../src/node/index.js';
import { fromHex, toBase64, toHex } from '../../src/types/index.js';
import { anchorTxBytes, digestOf, makeTestChain } from '../helpers/chain.js';
import { startMemNode, type MemNode } from '../helpers/mem-node.js';

const chain = makeTestChain();
const verifierKey = parseVerifierKey(encodeVerifierKey(chain.genesis.chainId, chain.validator.publicKey));
let node: MemNode;
let core: NodeCore;
let app: FastifyInstance;

beforeEach(async () => {
  node = await startMemNode(chain);
  ({ core, app } = node);
});
afterEach(() => node.stop());

let anchors = 0;
async function commitAnchor(): Promise<number> {
  const tx = anchorTxBytes(chain, digestOf(`checkpoint-${anchors++}`));
  const response = await app.inject({ method: 'POST', url: '/v1/txs?wait=commit', payload: { tx: toBase64(tx) } });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ height: number }>().height;
}

/** What a client does: fetch the note, open it with the validator's verifier key, parse the checkpoint. */
async function verifiedCheckpoint(): Promise<{ checkpoint: Checkpoint; height: number }> {
  const response = await app.inject({ url: '/v1/checkpoint' });
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
  const checkpoint = parseCheckpoint(openNote(response.body, [verifierKey]).text);
  return { checkpoint, height: core.status().latestHeight };
}

describe('checkpoints through the node', () => {
  it('signs the latest header\'s tree, and proves a later checkpoint consistent with an earlier one', async () => {
    await commitAnchor();
    await commitAnchor();
    const older = await verifiedCheckpoint();
    expect(older.checkpoint.origin).toBe(chain.genesis.chainId);
    expect(older.checkpoint.size).toBe(older.height - 1);
    const header = await app.inject({ url: `/v1/headers/${older.height}` });
    expect(toHex(older.checkpoint.root)).toBe(header.json<{ historyRoot: string }>().historyRoot);

    for (let i = 0; i < 4; i++) await commitAnchor();
    const newer = await verifiedCheckpoint();
    expect(newer.checkpoint.size).toBeGreaterThanOrEqual(older.checkpoint.size + 4);
    const { from, to } = { from: older.checkpoint.size, to: newer.checkpoint.size };
    const response = await app.inject({ url: `/v1/history/consistency?from=${from}&to=${to}` });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<{ fromRoot: string; toRoot: string; proof: string[] }>();
    expect([body.fromRoot, body.toRoot]).toEqual([toHex(older.checkpoint.root), toHex(newer.checkpoint.root)]);
    const proof = body.proof.map((h) => fromHex(h)!);
    expect(verifyConsistency(from, to, proof, older.checkpoint.root, newer.checkpoint.root)).toBe(true);
    // The same proof does not tie the newer tree to any other older root.
    const forged = older.checkpoint.root.slice();
    forged[0] = forged[0]! ^ 1;
    expect(verifyConsistency(from, to, proof, forged, newer.checkpoint.root)).toBe(false);
  });

  it('answers 404 before block 1 and 400 beyond the latest checkpoint', async () => {
    const early = await app.inject({ url: '/v1/checkpoint' });
    if (core.status().latestHeight === 0) expect(early.json<{ code: string }>().code).toBe('CHECKPOINT_NOT_FOUND');
    const height = await commitAnchor();
    const beyond = await app.inject({ url: `/v1/history/consistency?from=0&to=${height + 5}` });
    expect([beyond.statusCode, beyond.json<{ code: string }>().code]).toEqual([400, 'HISTORY_SIZE_BEYOND_TIP']);
  });
});
