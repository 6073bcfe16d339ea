// GET /v1/genesis: the trust anchor the court's page fetches once at load, to check receipts
// offline afterwards. It must be the genesis the node runs, and parse again exactly as the node
// parsed it (the page runs the same parser).
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { parseGenesis } from '../../src/state/genesis.js';
import { FakeComponents, makeApp } from './fake-components.js';

let app: FastifyInstance | undefined;
afterEach(async () => { await app?.close(); app = undefined; });

describe('GET /v1/genesis', () => {
  it('returns the genesis the node loaded, which parses back to the same document', async () => {
    const fake = new FakeComponents();
    ({ app } = await makeApp(fake));
    const response = await app.inject({ url: '/v1/genesis' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const body = response.json<Record<string, unknown>>();
    expect(parseGenesis(body)).toEqual(fake.genesis);
    // Nothing beyond what the genesis holds (the serializer drops fields the schema lacks, so the
    // schema must hold them all, parameters included).
    expect(Object.keys(body).sort()).toEqual(['categories', 'chainId', 'genesisTimeMs', 'members', 'params', 'validators']);
    expect(body['params']).toEqual(fake.genesis.params);
  });
});
