import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { expectProblem, makeApp, type FakeComponents } from './fake-components.js';

let app: FastifyInstance | undefined;
afterEach(async () => { await app?.close(); app = undefined; });

async function setup(): Promise<{ fake: FakeComponents; app: FastifyInstance }> {
  const built = await makeApp();
  app = built.app;
  return built;
}

describe('GET /v1/blocks', () => {
  it('serves a block by height and the latest block, with ISO time', async () => {
    const { fake, app } = await setup();
    const first = fake.anchor({ digest: 'aa'.repeat(32) });
    const second = fake.commitPending();
    const one = await app.inject({ url: '/v1/blocks/1' });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toEqual({ ...first, time: new Date(first.timeMs).toISOString() });
    const latest = await app.inject({ url: '/v1/blocks/latest' });
    expect(latest.json()).toEqual({ ...second, time: new Date(second.timeMs).toISOString() });
    expect(latest.json()).toMatchObject({ height: 2, prevBlockHash: first.hash, txCount: 0, txHashes: [] });
  });

  it('answers BLOCK_NOT_FOUND 404 above the chain head and before the first block', async () => {
    const { fake, app } = await setup();
    expectProblem(await app.inject({ url: '/v1/blocks/latest' }), 404, 'BLOCK_NOT_FOUND', '/v1/blocks/latest');
    fake.commitPending();
    expectProblem(await app.inject({ url: '/v1/blocks/2' }), 404, 'BLOCK_NOT_FOUND', '/v1/blocks/2');
  });

  it('answers HEIGHT_INVALID 400 for anything but a positive safe integer', async () => {
    const { fake, app } = await setup();
    fake.commitPending();
    for (const height of ['0', '-1', '1.5', 'abc', '01', '1e3', '9007199254740993', '12345678901234567']) {
      expectProblem(await app.inject({ url: `/v1/blocks/${height}` }), 400, 'HEIGHT_INVALID', `/v1/blocks/${height}`);
    }
  });
});
