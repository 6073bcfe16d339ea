import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { EquivocationView } from '../../src/api/components.js';
import { VALIDATOR_KEY, SUBMITTER_KEY, expectProblem, makeApp, type FakeComponents } from './fake-components.js';

let app: FastifyInstance | undefined;
afterEach(async () => { await app?.close(); app = undefined; });

async function setup(): Promise<{ fake: FakeComponents; app: FastifyInstance }> {
  const built = await makeApp();
  app = built.app;
  return built;
}

const votes: EquivocationView = {
  offender: VALIDATOR_KEY, offenderName: 'court-node', offenceHeight: 41, offenceRound: 3, kind: 'prevote',
  reporter: SUBMITTER_KEY, reporterName: '', height: 43, txHash: 'c1'.repeat(32),
  statements: [
    { type: 'prevote', height: 41, round: 3, blockHash: 'a1'.repeat(32), validatorIndex: 0, signature: '51'.repeat(64) },
    { type: 'prevote', height: 41, round: 3, blockHash: '', validatorIndex: 0, signature: '52'.repeat(64) },
  ],
};

const proposals: EquivocationView = {
  ...votes, offenceHeight: 50, offenceRound: 0, kind: 'proposal', height: 51, txHash: 'c2'.repeat(32),
  statements: [
    { type: 'proposal', height: 50, round: 0, validRound: -1, blockHash: 'b1'.repeat(32), validatorIndex: 0, signature: '61'.repeat(64) },
    { type: 'proposal', height: 50, round: 0, validRound: -1, blockHash: 'b2'.repeat(32), validatorIndex: 0, signature: '62'.repeat(64) },
  ],
};

describe('GET /v1/equivocations', () => {
  it('answers an empty list while nothing is recorded', async () => {
    const { app } = await setup();
    const response = await app.inject({ url: '/v1/equivocations' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.json()).toEqual({ equivocations: [] });
  });

  it('lists each recorded offence with both signed statements, in the order the node gives', async () => {
    const { fake, app } = await setup();
    fake.recordedEquivocations.push(votes, proposals);
    const response = await app.inject({ url: '/v1/equivocations' });
    expect(response.statusCode).toBe(200);
    const body = response.json<{ equivocations: Record<string, unknown>[] }>();
    expect(body).toEqual({ equivocations: [votes, proposals] });
    // validRound belongs to proposals: a vote's signature does not cover one.
    const [first] = body.equivocations;
    expect((first!['statements'] as Record<string, unknown>[]).map((s) => 'validRound' in s)).toEqual([false, false]);
  });

  it('sends only the fields of the schema', async () => {
    const { fake, app } = await setup();
    const leaky = { ...votes, internalNote: 'not for the wire',
      statements: [{ ...votes.statements[0], extra: 1 }, votes.statements[1]] } as unknown as EquivocationView;
    fake.recordedEquivocations.push(leaky);
    const body = (await app.inject({ url: '/v1/equivocations' })).json<{ equivocations: unknown[] }>();
    expect(body.equivocations).toEqual([votes]);
  });

  it('answers INTERNAL 500 as problem+json when the node cannot read them', async () => {
    const { fake, app } = await setup();
    fake.equivocations = () => Promise.reject(new Error('disk read failed'));
    const body = expectProblem(await app.inject({ url: '/v1/equivocations' }), 500, 'INTERNAL', '/v1/equivocations');
    expect(JSON.stringify(body)).not.toContain('disk read failed');
  });

  it('is documented under the consensus tag', async () => {
    const { app } = await setup();
    const doc = (await app.inject({ url: '/docs/json' })).json<{ paths: Record<string, Record<string, { tags?: string[] }>>; tags: { name: string }[] }>();
    expect(doc.paths['/v1/equivocations']?.['get']?.tags).toEqual(['consensus']);
    expect(doc.tags.map((t) => t.name)).toContain('consensus');
  });
});
