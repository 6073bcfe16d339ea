import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { VALIDATOR_KEY, expectProblem, makeApp, type FakeComponents } from './fake-components.js';

let app: FastifyInstance | undefined;
afterEach(async () => { await app?.close(); app = undefined; });

async function setup(): Promise<{ fake: FakeComponents; app: FastifyInstance }> {
  const built = await makeApp();
  app = built.app;
  return built;
}

describe('status and health', () => {
  it('GET /v1/status reports the node view', async () => {
    const { fake, app } = await setup();
    const block = fake.commitPending();
    const response = await app.inject({ url: '/v1/status' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      chainId: 'tianping-test', nodeId: VALIDATOR_KEY, moniker: 'fake-node', role: 'validator',
      latestHeight: 1, latestBlockHash: block.hash, latestBlockTimeMs: block.timeMs, mempoolSize: 0,
      mempoolSizeMax: 100, halted: false, version: '0.0.0-test', startedAtMs: fake.status().startedAtMs,
    });
  });

  it('GET /healthz is 200 while running and 503 NODE_HALTED once halted', async () => {
    const { fake, app } = await setup();
    const ok = await app.inject({ url: '/healthz' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ ok: true });
    fake.halted = true;
    expectProblem(await app.inject({ url: '/healthz' }), 503, 'NODE_HALTED', '/healthz');
    expect((await app.inject({ url: '/v1/status' })).json()).toMatchObject({ halted: true });
  });
});
