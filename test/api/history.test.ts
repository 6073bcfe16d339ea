// GET /v1/checkpoint and GET /v1/history/consistency through the API, over the fake node's blocks
// with the real history-tree code: the note opens with the validator's verifier key and states
// the latest header's tree; proofs verify against the roots recomputed from the block hashes,
// and bad sizes get their stable codes.
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { encodeVerifierKey, openNote, parseCheckpoint, parseVerifierKey } from '../../src/checkpoint/index.js';
import { rootFromLeafHashes, verifyConsistency } from '../../src/merkle/index.js';
import { fromHex, toBase64 } from '../../src/types/index.js';
import { expectProblem, FakeComponents, makeApp, VALIDATOR_PAIR } from './fake-components.js';

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function appWithBlocks(count: number, fake = new FakeComponents()): Promise<{ fake: FakeComponents; app: FastifyInstance }> {
  for (let i = 0; i < count; i++) fake.commitPending();
  app = (await makeApp(fake)).app;
  return { fake, app };
}

async function blockHashes(fake: FakeComponents, count: number): Promise<Uint8Array[]> {
  const hashes: Uint8Array[] = [];
  for (let height = 1; height <= count; height++) hashes.push(fromHex((await fake.block(height))!.hash)!);
  return hashes;
}

const verifierKey = parseVerifierKey(encodeVerifierKey('tianping-test', VALIDATOR_PAIR.publicKey));

describe('GET /v1/checkpoint', () => {
  it('answers the latest header\'s checkpoint as a note signed by the node key, in text/plain', async () => {
    const { fake } = await appWithBlocks(9);
    const response = await app!.inject({ url: '/v1/checkpoint' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
    const opened = openNote(response.body, [verifierKey]);
    expect(opened.verified).toHaveLength(1);
    expect(opened.unknown).toHaveLength(0);
    const checkpoint = parseCheckpoint(opened.text);
    expect(checkpoint.origin).toBe('tianping-test');
    expect(checkpoint.size).toBe(8);
    expect(toBase64(checkpoint.root)).toBe(toBase64(rootFromLeafHashes(await blockHashes(fake, 8))));
  });

  it('is 404 CHECKPOINT_NOT_FOUND before block 1', async () => {
    await appWithBlocks(0);
    expectProblem(await app!.inject({ url: '/v1/checkpoint' }), 404, 'CHECKPOINT_NOT_FOUND');
  });

  it('?witnessed=K: 400 for a K that is not 1..99 or an unknown parameter, 404 on a node that pushes to no witnesses', async () => {
    await appWithBlocks(3);
    for (const query of ['witnessed=0', 'witnessed=100', 'witnessed=x', 'other=1']) {
      expectProblem(await app!.inject({ url: `/v1/checkpoint?${query}` }), 400, 'REQUEST_INVALID');
    }
    expectProblem(await app!.inject({ url: '/v1/checkpoint?witnessed=2' }), 404, 'WITNESSED_CHECKPOINT_NOT_FOUND');
  });
});

describe('GET /v1/history/consistency', () => {
  it('answers proofs that verify between every pair of sizes of a 20-block chain', async () => {
    const { fake } = await appWithBlocks(21);
    const hashes = await blockHashes(fake, 20);
    for (let to = 0; to <= 20; to++) {
      for (let from = 0; from <= to; from++) {
        const response = await app!.inject({ url: `/v1/history/consistency?from=${from}&to=${to}` });
        expect(response.statusCode, `${from} -> ${to}`).toBe(200);
        const body = response.json<{ from: number; to: number; fromRoot: string; toRoot: string; proof: string[] }>();
        const oldRoot = rootFromLeafHashes(hashes.slice(0, from));
        const newRoot = rootFromLeafHashes(hashes.slice(0, to));
        expect([body.from, body.to, body.fromRoot, body.toRoot]).toEqual([from, to, Buffer.from(oldRoot).toString('hex'),
          Buffer.from(newRoot).toString('hex')]);
        expect(verifyConsistency(from, to, body.proof.map((h) => fromHex(h)!), oldRoot, newRoot), `${from} -> ${to}`).toBe(true);
      }
    }
  });

  it.each([
    ['a negative size', 'from=-1&to=3', 'HISTORY_SIZE_INVALID'],
    ['a leading zero', 'from=01&to=3', 'HISTORY_SIZE_INVALID'],
    ['a fraction', 'from=1.5&to=3', 'HISTORY_SIZE_INVALID'],
    ['an exponent', 'from=1e1&to=3', 'HISTORY_SIZE_INVALID'],
    ['a size beyond 2^53', 'from=1&to=9007199254740993', 'HISTORY_SIZE_INVALID'],
    ['from beyond to', 'from=4&to=3', 'HISTORY_SIZE_INVALID'],
    ['to beyond the latest checkpoint', 'from=1&to=5', 'HISTORY_SIZE_BEYOND_TIP'],
    ['no from', 'to=3', 'REQUEST_INVALID'],
    ['an unknown parameter', 'from=1&to=3&x=1', 'REQUEST_INVALID'],
  ] as const)('is 400 for %s', async (_name, query, code) => {
    await appWithBlocks(5);
    expectProblem(await app!.inject({ url: `/v1/history/consistency?${query}` }), 400, code);
  });

  it('is 503 HISTORY_PROOF_BUSY past its read budget, and each retry goes further with the subtrees it kept', async () => {
    const fake = new FakeComponents();
    fake.historyLeafReadsMax = 700;
    await appWithBlocks(1100, fake);
    const url = '/v1/history/consistency?from=3&to=1099';
    // Each request reads the 256 leaves under the ranges left of leaf 256 and the 75 right of 1024
    // (subtrees under 256 leaves are not kept), and the 256-leaf tiles [256, 512), [512, 768) and
    // [768, 1024) once each: the budget of 700 lets one new tile through per request.
    const statuses: number[] = [];
    let response = await app!.inject({ url });
    statuses.push(response.statusCode);
    while (response.statusCode === 503 && statuses.length < 5) {
      expectProblem(response, 503, 'HISTORY_PROOF_BUSY');
      response = await app!.inject({ url });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([503, 503, 200]);
    const hashes = await blockHashes(fake, 1099);
    const body = response.json<{ proof: string[] }>();
    expect(verifyConsistency(3, 1099, body.proof.map((h) => fromHex(h)!), rootFromLeafHashes(hashes.slice(0, 3)),
      rootFromLeafHashes(hashes))).toBe(true);
  });
});
