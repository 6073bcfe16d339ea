import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { SUBMITTER_KEY, TEST_LIMITS, expectProblem, makeApp, type FakeComponents } from './fake-components.js';

const DIGEST = 'c0ffee'.padEnd(64, '0');
const OTHER = 'beef'.padEnd(64, '1');

let app: FastifyInstance | undefined;
afterEach(async () => { await app?.close(); app = undefined; });

async function setup(): Promise<{ fake: FakeComponents; app: FastifyInstance }> {
  const built = await makeApp();
  app = built.app;
  return built;
}

describe('GET /v1/evidence/:digest', () => {
  it('lists every anchor of the digest with its block, tx, submitter and ISO time', async () => {
    const { fake, app } = await setup();
    const first = fake.anchor({ digest: DIGEST, category: 'copyright', externalRef: 'case-2024-001' });
    fake.anchor({ digest: OTHER });
    const second = fake.anchor({ digest: DIGEST, category: 'notarial' });
    const response = await app.inject({ url: `/v1/evidence/${DIGEST.toUpperCase()}` });
    expect(response.statusCode).toBe(200);
    const body = response.json<{ anchors: Record<string, unknown>[] } & Record<string, unknown>>();
    expect(body).toMatchObject({ digest: DIGEST, algorithm: 'sha256', total: 2, offset: 0, limit: TEST_LIMITS.evidencePageMax });
    expect(body.anchors).toEqual([
      {
        algorithm: 'sha256', digest: DIGEST, category: 'copyright', submitter: SUBMITTER_KEY,
        submitterName: 'copyright-platform', externalRef: 'case-2024-001', metadataDigest: '', salted: false,
        height: first.height, blockTimeMs: first.timeMs, blockTime: new Date(first.timeMs).toISOString(),
        blockHash: first.hash, txHash: first.txHashes[0], txIndex: 0,
      },
      expect.objectContaining({ height: second.height, blockHash: second.hash, category: 'notarial', externalRef: '' }),
    ]);
  });

  it('keeps algorithms apart: an sm3 anchor is not a sha256 anchor', async () => {
    const { fake, app } = await setup();
    fake.anchor({ digest: DIGEST, algorithm: 'sm3' });
    expectProblem(await app.inject({ url: `/v1/evidence/${DIGEST}` }), 404, 'EVIDENCE_NOT_FOUND');
    const sm3 = await app.inject({ url: `/v1/evidence/${DIGEST}?algorithm=sm3` });
    expect(sm3.statusCode).toBe(200);
    expect(sm3.json()).toMatchObject({ algorithm: 'sm3', total: 1, anchors: [{ algorithm: 'sm3', digest: DIGEST }] });
  });

  it('pages with offset and limit, the limit capped at evidencePageMax', async () => {
    const { fake, app } = await setup();
    const blocks = [1, 2, 3, 4, 5].map(() => fake.anchor({ digest: DIGEST }));
    const page = await app.inject({ url: `/v1/evidence/${DIGEST}?offset=1&limit=2` });
    expect(page.json()).toMatchObject({ total: 5, offset: 1, limit: 2 });
    expect(page.json<{ anchors: { height: number }[] }>().anchors.map((a) => a.height)).toEqual([blocks[1]!.height, blocks[2]!.height]);
    const capped = await app.inject({ url: `/v1/evidence/${DIGEST}?limit=1000` });
    expect(capped.json<{ anchors: unknown[] }>().anchors).toHaveLength(TEST_LIMITS.evidencePageMax);
    expect(fake.evidencePages).toEqual([{ offset: 1, limit: 2 }, { offset: 0, limit: TEST_LIMITS.evidencePageMax }]);
    const beyond = await app.inject({ url: `/v1/evidence/${DIGEST}?offset=10` });
    expect(beyond.statusCode).toBe(200);
    expect(beyond.json()).toMatchObject({ total: 5, anchors: [] });
  });

  it('answers EVIDENCE_NOT_FOUND 404 for a digest never anchored', async () => {
    const { app } = await setup();
    const body = expectProblem(await app.inject({ url: `/v1/evidence/${DIGEST}` }), 404, 'EVIDENCE_NOT_FOUND', `/v1/evidence/${DIGEST}`);
    expect(body['detail']).toContain(DIGEST);
  });

  it('answers DIGEST_INVALID 400 for a digest that is not 64 hex characters', async () => {
    const { fake, app } = await setup();
    for (const digest of ['abc', DIGEST.slice(2), `${DIGEST}00`, `${DIGEST.slice(2)}xy`]) {
      expectProblem(await app.inject({ url: `/v1/evidence/${digest}` }), 400, 'DIGEST_INVALID', `/v1/evidence/${digest}`);
    }
    expect(fake.evidencePages).toEqual([]);
  });

  it('answers REQUEST_INVALID 400 for a bad algorithm or page, without the query in instance', async () => {
    const { app } = await setup();
    for (const query of ['algorithm=md5', 'offset=-1', 'limit=0', 'limit=two']) {
      expectProblem(await app.inject({ url: `/v1/evidence/${DIGEST}?${query}` }), 400, 'REQUEST_INVALID', `/v1/evidence/${DIGEST}`);
    }
  });
});
