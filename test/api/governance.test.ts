// The public governance reads: members, the validator set of a height and the proposals. The fake
// node answers with fixed data; these tests pin the HTTP contract (paths, query parameters, codes,
// the fields sent) and that nothing outside the schema leaks.
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { GovernanceProposalView } from '../../src/api/components.js';
import { SUBMITTER_KEY, VALIDATOR_KEY, VERIFIER_KEY, expectProblem, makeApp, type FakeComponents } from './fake-components.js';

let app: FastifyInstance | undefined;
afterEach(async () => { await app?.close(); app = undefined; });

async function setup(): Promise<{ fake: FakeComponents; app: FastifyInstance }> {
  const built = await makeApp();
  app = built.app;
  return built;
}

const JOINER = 'a1'.repeat(32);
const EXPIRES_AT_MS = 1_700_000_600_000;

const joinProposal: GovernanceProposalView = {
  id: 'd1'.repeat(32), kind: 'join', subject: JOINER, subjectName: 'second-court', opener: JOINER, openedHeight: 4,
  expiresAtMs: EXPIRES_AT_MS, status: 'open', decidedHeight: 0,
  approvals: [{ publicKey: VALIDATOR_KEY, name: 'court-node', power: 1 }], rejections: [],
  tally: { height: 6, approvalPower: 1, rejectionPower: 0, totalPower: 3 },
  payload: { join: { name: 'second-court', organisation: 'Second Internet Court', role: 'verifier', addresses: ['/ip4/10.0.0.9/tcp/26656'],
    evaluationReportDigest: 'e1'.repeat(32), power: 0, categories: [] } },
};

const removal: GovernanceProposalView = {
  ...joinProposal, id: 'd2'.repeat(32), kind: 'remove', subject: SUBMITTER_KEY, subjectName: 'copyright-platform', opener: VALIDATOR_KEY,
  status: 'approved', decidedHeight: 5, tally: { height: 5, approvalPower: 1, rejectionPower: 0, totalPower: 1 },
  payload: { memberChange: { kind: 'remove', member: SUBMITTER_KEY, reason: 'contract ended' } },
};

const rotation: GovernanceProposalView = {
  ...joinProposal, id: 'd3'.repeat(32), kind: 'rotate-key', subject: VERIFIER_KEY, subjectName: 'high-court', opener: VERIFIER_KEY,
  status: 'expired', approvals: [], rejections: [{ publicKey: VALIDATOR_KEY, name: 'court-node', power: 0 }],
  tally: { height: 6, approvalPower: 0, rejectionPower: 0, totalPower: 1 },
  payload: { rotateKey: { newKey: 'b2'.repeat(32), newKeyProof: 'c3'.repeat(64) } },
};

const withIsoExpiry = (p: GovernanceProposalView): Record<string, unknown> => ({ ...p, expiresAt: new Date(p.expiresAtMs).toISOString() });

describe('GET /v1/members', () => {
  it('lists every member with its role, status, power, categories, addresses and report digest', async () => {
    const { fake, app } = await setup();
    const response = await app.inject({ url: '/v1/members' });
    expect(response.statusCode).toBe(200);
    const body = response.json<{ members: Record<string, unknown>[] }>();
    expect(body.members).toEqual(fake.memberEntries);
    expect(body.members[0]).toEqual({
      name: 'court-node', organisation: 'court-node', role: 'validator', publicKey: VALIDATOR_KEY, status: 'active',
      sinceHeight: 0, power: 1, categories: [], addresses: [], evaluationReportDigest: '',
    });
  });

  it('sends only the fields of the schema', async () => {
    const { fake, app } = await setup();
    const [first] = fake.memberEntries.splice(0, fake.memberEntries.length);
    fake.memberEntries.push({ ...first!, secretNote: 'not for the wire' } as typeof first & { secretNote: string });
    expect((await app.inject({ url: '/v1/members' })).json()).toEqual({ members: [first] });
  });
});

describe('GET /v1/validators', () => {
  it('answers the set of the next height by default, with index, key, power and name', async () => {
    const { fake, app } = await setup();
    fake.commitPending();
    fake.commitPending();
    const response = await app.inject({ url: '/v1/validators' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ height: 3, sinceHeight: 1, totalPower: 1,
      validators: [{ index: 0, publicKey: VALIDATOR_KEY, power: 1, name: 'court-node' }] });
    expect(fake.validatorHeights).toEqual([undefined]);
  });

  it('answers the set that signs a given height, up to the next height', async () => {
    const { fake, app } = await setup();
    fake.commitPending();
    expect((await app.inject({ url: '/v1/validators?height=1' })).json()).toMatchObject({ height: 1 });
    expect((await app.inject({ url: '/v1/validators?height=2' })).json()).toMatchObject({ height: 2 });
    expect(fake.validatorHeights).toEqual([1, 2]);
    expectProblem(await app.inject({ url: '/v1/validators?height=3' }), 404, 'VALIDATORS_NOT_FOUND', '/v1/validators');
  });

  for (const bad of ['0', '01', '-1', '1e3', 'abc', '1.5', '', '9999999999999999']) {
    it(`refuses height=${JSON.stringify(bad)} with HEIGHT_INVALID`, async () => {
      const { fake, app } = await setup();
      expectProblem(await app.inject({ url: `/v1/validators?height=${encodeURIComponent(bad)}` }), 400, 'HEIGHT_INVALID', '/v1/validators');
      expect(fake.validatorHeights).toEqual([]);
    });
  }
});

describe('GET /v1/governance/proposals', () => {
  it('lists the proposals with votes, tally, ISO expiry and the decoded payload of each kind', async () => {
    const { fake, app } = await setup();
    fake.recordedProposals.push(joinProposal, removal, rotation);
    const response = await app.inject({ url: '/v1/governance/proposals' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ proposals: [joinProposal, removal, rotation].map(withIsoExpiry) });
  });

  it('filters by status', async () => {
    const { fake, app } = await setup();
    fake.recordedProposals.push(joinProposal, removal, rotation);
    const ids = async (status: string): Promise<string[]> =>
      (await app.inject({ url: `/v1/governance/proposals?status=${status}` })).json<{ proposals: { id: string }[] }>().proposals.map((p) => p.id);
    expect(await ids('open')).toEqual([joinProposal.id]);
    expect(await ids('approved')).toEqual([removal.id]);
    expect(await ids('expired')).toEqual([rotation.id]);
    expect(await ids('rejected')).toEqual([]);
    expectProblem(await app.inject({ url: '/v1/governance/proposals?status=pending' }), 400, 'REQUEST_INVALID');
  });

  it('sends only the fields of the schema, in the payload too', async () => {
    const { fake, app } = await setup();
    const leaky = { ...removal, internal: 1, payload: { memberChange: { ...removal.payload.memberChange!, raw: 'x' }, extra: {} } };
    fake.recordedProposals.push(leaky as unknown as GovernanceProposalView);
    expect((await app.inject({ url: '/v1/governance/proposals' })).json()).toEqual({ proposals: [withIsoExpiry(removal)] });
  });
});

describe('GET /v1/governance/proposals/:id', () => {
  it('answers one proposal by id, in either case of hex', async () => {
    const { fake, app } = await setup();
    fake.recordedProposals.push(joinProposal, removal);
    expect((await app.inject({ url: `/v1/governance/proposals/${removal.id}` })).json()).toEqual(withIsoExpiry(removal));
    expect((await app.inject({ url: `/v1/governance/proposals/${joinProposal.id.toUpperCase()}` })).json()).toEqual(withIsoExpiry(joinProposal));
  });

  it('an unknown id is PROPOSAL_NOT_FOUND 404; a malformed one HASH_INVALID 400', async () => {
    const { app } = await setup();
    const unknown = 'ee'.repeat(32);
    expectProblem(await app.inject({ url: `/v1/governance/proposals/${unknown}` }), 404, 'PROPOSAL_NOT_FOUND', `/v1/governance/proposals/${unknown}`);
    expectProblem(await app.inject({ url: '/v1/governance/proposals/abc' }), 400, 'HASH_INVALID');
    expectProblem(await app.inject({ url: `/v1/governance/proposals/${'zz'.repeat(32)}` }), 400, 'HASH_INVALID');
  });
});

describe('governance routes in the OpenAPI document', () => {
  it('are public reads under the governance tag, with their error codes', async () => {
    const { app } = await setup();
    const doc = (await app.inject({ url: '/docs/json' })).json<{ paths: Record<string, Record<string, {
      tags?: string[]; responses: Record<string, { description?: string }>; security?: unknown }>>; tags: { name: string }[] }>();
    for (const path of ['/v1/members', '/v1/validators', '/v1/governance/proposals', '/v1/governance/proposals/{id}']) {
      expect(doc.paths[path]?.['get']?.tags, path).toEqual(['governance']);
    }
    expect(doc.tags.map((t) => t.name)).toContain('governance');
    expect(doc.paths['/v1/validators']?.['get']?.responses['404']?.description).toContain('VALIDATORS_NOT_FOUND');
    expect(doc.paths['/v1/validators']?.['get']?.responses['400']?.description).toContain('HEIGHT_INVALID');
    expect(doc.paths['/v1/governance/proposals/{id}']?.['get']?.responses['404']?.description).toContain('PROPOSAL_NOT_FOUND');
  });
});
