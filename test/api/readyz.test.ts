// GET /readyz through the API: the route maps the node's readiness to 200 or a 503 problem, and
// checks the genesis time itself. What makes a node ready or not is tested on the real node in
// test/sim/readiness.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { ReadinessView } from '../../src/api/components.js';
import { asTimeMs } from '../../src/types/index.js';
import { expectProblem, FakeComponents, GENESIS_TIME_MS, makeApp } from './fake-components.js';

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const figures = { height: 7, highestHeightSeen: 12, peers: 1, votingPowerReachable: 20, votingPowerTotal: 40 };

describe('GET /readyz', () => {
  it('is 200 with the figures when the node is ready, and never needs a signature', async () => {
    const fake = new FakeComponents();
    app = (await makeApp(fake)).app;
    const response = await app.inject({ url: '/readyz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ready: true, height: 0, highestHeightSeen: 0, peers: 3, votingPowerReachable: 40, votingPowerTotal: 40 });
  });

  const notReady: readonly Extract<ReadinessView, { ready: false }>['code'][] =
    ['NODE_SYNCING', 'QUORUM_UNREACHABLE', 'NODE_HALTED', 'LEDGER_REPAIRING'];
  for (const code of notReady) {
    it(`is 503 ${code} with the node's reason when the node says so`, async () => {
      const fake = new FakeComponents();
      fake.readinessAnswer = { ...figures, ready: false, code, detail: `because ${code}` };
      app = (await makeApp(fake)).app;
      const problem = expectProblem(await app.inject({ url: '/readyz' }), 503, code, '/readyz');
      expect(problem['detail']).toBe(`because ${code}`);
      // Liveness is another question: a node that is only behind or cut off still runs.
      if (code === 'NODE_SYNCING' || code === 'QUORUM_UNREACHABLE') expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
    });
  }

  it('is 503 GENESIS_PENDING before the genesis time even when the node would be ready, then 200', async () => {
    const fake = new FakeComponents();
    fake.nowMs = GENESIS_TIME_MS - 1;
    app = (await makeApp(fake, { clock: { nowMs: () => asTimeMs(fake.nowMs) } })).app;
    expectProblem(await app.inject({ url: '/readyz' }), 503, 'GENESIS_PENDING', '/readyz');
    fake.nowMs = GENESIS_TIME_MS;
    expect((await app.inject({ url: '/readyz' })).statusCode).toBe(200);
  });

  it('names a halted node as halted, not as pending, before the genesis time', async () => {
    const fake = new FakeComponents();
    fake.nowMs = GENESIS_TIME_MS - 1;
    fake.readinessAnswer = { ...figures, ready: false, code: 'NODE_HALTED', detail: 'halted' };
    app = (await makeApp(fake, { clock: { nowMs: () => asTimeMs(fake.nowMs) } })).app;
    expectProblem(await app.inject({ url: '/readyz' }), 503, 'NODE_HALTED', '/readyz');
  });
});
