// The witness's HTTP face through inject: the verifier key at GET /, add-checkpoint read as raw
// bytes whatever the content type, the protocol's statuses and media types, the body limit.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { utf8 } from '../../src/types/index.js';
import { WITNESS_BODY_BYTES_MAX, buildWitnessApp, encodeCosignerKey, type Witness } from '../../src/witness/index.js';
import { COSIGNER, ORIGIN, bodyOf, makeWitness, noteOf, proofOf } from './fixtures.js';

let witness: Witness;
let app: FastifyInstance;
beforeEach(async () => {
  witness = makeWitness();
  app = await buildWitnessApp({ witness, cosigner: COSIGNER });
});
afterEach(() => app.close());

const post = (payload: Uint8Array | string, contentType = 'text/plain') =>
  app.inject({ method: 'POST', url: '/add-checkpoint', headers: { 'content-type': contentType }, payload: Buffer.from(payload) });

describe('buildWitnessApp', () => {
  it('serves the witness\'s verifier key at GET /', async () => {
    const response = await app.inject({ url: '/' });
    expect([response.statusCode, response.body]).toEqual([200, `${encodeCosignerKey(COSIGNER.name, COSIGNER.publicKey)}\n`]);
  });

  it('cosigns through POST /add-checkpoint whatever the content type, and answers a conflict as text/x.tlog.size', async () => {
    const first = await post(bodyOf(0, [], noteOf(4)), 'application/octet-stream');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.body.startsWith(`— ${COSIGNER.name} `)).toBe(true);
    const second = await post(bodyOf(4, proofOf(4, 9), noteOf(9)));
    expect(second.statusCode).toBe(200);
    const stale = await post(bodyOf(4, proofOf(4, 12), noteOf(12)));
    expect([stale.statusCode, stale.headers['content-type'], stale.body]).toEqual([409, 'text/x.tlog.size', '9\n']);
    const malformed = await post('old 1\n');
    expect([malformed.statusCode, malformed.body]).toEqual([400, expect.stringMatching(/^WITNESS_REQUEST_MALFORMED: /)]);
    expect((await app.inject({ method: 'POST', url: '/add-checkpoint' })).statusCode).toBe(400);
    expect(witness.latest(ORIGIN)?.size).toBe(9);
  });

  it('refuses a body beyond the limit with 413 before reading it, and other routes with 404', async () => {
    const response = await post(utf8(`old 0\n\n${'x'.repeat(WITNESS_BODY_BYTES_MAX)}`));
    expect(response.statusCode).toBe(413);
    expect((await app.inject({ url: '/add-checkpoint' })).statusCode).toBe(404);
  });
});
