import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { expectProblem, makeApp, type FakeComponents } from './fake-components.js';
import { injectSigned } from './signed.js';

let app: FastifyInstance | undefined;
afterEach(async () => { await app?.close(); app = undefined; });

async function setup(): Promise<{ fake: FakeComponents; app: FastifyInstance }> {
  const built = await makeApp();
  app = built.app;
  return built;
}

describe('GET /v1/blocks (signed: validator, observer, verifier)', () => {
  it('serves a block by height and the latest block, with ISO time', async () => {
    const { fake, app } = await setup();
    const first = fake.anchor({ digest: 'aa'.repeat(32) });
    const second = fake.commitPending();
    const one = await injectSigned(app, { url: '/v1/blocks/1' });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toEqual({ ...first, time: new Date(first.timeMs).toISOString() });
    const latest = await injectSigned(app, { url: '/v1/blocks/latest' });
    expect(latest.json()).toEqual({ ...second, time: new Date(second.timeMs).toISOString() });
    expect(latest.json()).toMatchObject({ height: 2, prevBlockHash: first.hash, txCount: 0, txHashes: [] });
  });

  it('answers BLOCK_NOT_FOUND 404 above the chain head and before the first block', async () => {
    const { fake, app } = await setup();
    expectProblem(await injectSigned(app, { url: '/v1/blocks/latest' }), 404, 'BLOCK_NOT_FOUND', '/v1/blocks/latest');
    fake.commitPending();
    expectProblem(await injectSigned(app, { url: '/v1/blocks/2' }), 404, 'BLOCK_NOT_FOUND', '/v1/blocks/2');
  });

  it('answers HEIGHT_INVALID 400 for anything but a positive safe integer', async () => {
    const { fake, app } = await setup();
    fake.commitPending();
    for (const height of ['0', '-1', '1.5', 'abc', '01', '1e3', '9007199254740993', '12345678901234567']) {
      expectProblem(await injectSigned(app, { url: `/v1/blocks/${height}` }), 400, 'HEIGHT_INVALID', `/v1/blocks/${height}`);
    }
  });
});

describe('GET /v1/headers (public)', () => {
  it('serves the header and commit of a block without its transaction hashes, unsigned', async () => {
    const { fake, app } = await setup();
    const first = fake.anchor({ digest: 'aa'.repeat(32) });
    const second = fake.commitPending();
    const { txHashes: _first, ...firstHeader } = first;
    const { txHashes: _second, ...secondHeader } = second;
    const one = await app.inject({ url: '/v1/headers/1' });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toEqual({ ...firstHeader, time: new Date(first.timeMs).toISOString() });
    expect(first.txCount).toBe(1);
    const latest = await app.inject({ url: '/v1/headers/latest' });
    expect(latest.json()).toEqual({ ...secondHeader, time: new Date(second.timeMs).toISOString() });
  });

  it('answers BLOCK_NOT_FOUND 404 and HEIGHT_INVALID 400 as the block routes do', async () => {
    const { fake, app } = await setup();
    expectProblem(await app.inject({ url: '/v1/headers/latest' }), 404, 'BLOCK_NOT_FOUND', '/v1/headers/latest');
    fake.commitPending();
    expectProblem(await app.inject({ url: '/v1/headers/2' }), 404, 'BLOCK_NOT_FOUND', '/v1/headers/2');
    for (const height of ['0', '01', '9007199254740993']) {
      expectProblem(await app.inject({ url: `/v1/headers/${height}` }), 400, 'HEIGHT_INVALID', `/v1/headers/${height}`);
    }
  });
});
