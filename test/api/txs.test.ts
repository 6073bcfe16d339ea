import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sha256 } from '../../src/crypto/hash.js';
import { toBase64, toHex, type ErrorCode } from '../../src/types/index.js';
import { FakeComponents, GENESIS_TIME_MS, SUBMITTER_PAIR, TEST_LIMITS, expectProblem, makeApp } from './fake-components.js';
import { injectSigned } from './signed.js';

const TX = new Uint8Array([10, 3, 1, 2, 3, 18, 64, ...new Array<number>(64).fill(7)]);
const TX_HASH = toHex(sha256(TX));

let app: FastifyInstance | undefined;
afterEach(async () => { await app?.close(); app = undefined; });

async function setup(): Promise<{ fake: FakeComponents; app: FastifyInstance }> {
  const built = await makeApp();
  app = built.app;
  return built;
}

const postJson = (target: FastifyInstance, payload: unknown, url = '/v1/txs') =>
  target.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(payload) });

describe('POST /v1/txs', () => {
  it('admits a base64 tx and answers 202 pending with its hash', async () => {
    const { fake, app } = await setup();
    const response = await postJson(app, { tx: toBase64(TX) });
    expect(response.statusCode).toBe(202);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.json()).toEqual({ hash: TX_HASH, status: 'pending' });
    expect(fake.submitted).toEqual([TX]);
    // Reading a tx back is a signed read; any active member may, the submitter included.
    const status = await injectSigned(app, { url: `/v1/txs/${TX_HASH}`, keyPair: SUBMITTER_PAIR });
    expect(status.json()).toEqual({ hash: TX_HASH, status: 'pending' });
  });

  it('passes raw protobuf bytes through unchanged', async () => {
    const { fake, app } = await setup();
    const response = await app.inject({
      method: 'POST', url: '/v1/txs', headers: { 'content-type': 'application/x-protobuf' }, payload: Buffer.from(TX),
    });
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ hash: TX_HASH, status: 'pending' });
    expect(fake.submitted.map((b) => toHex(b))).toEqual([toHex(TX)]);
  });

  it('refuses an empty protobuf body as TX_MALFORMED without calling the node', async () => {
    const { fake, app } = await setup();
    const response = await app.inject({
      method: 'POST', url: '/v1/txs', headers: { 'content-type': 'application/x-protobuf' }, payload: Buffer.alloc(0),
    });
    expectProblem(response, 400, 'TX_MALFORMED', '/v1/txs');
    expect(fake.submitted).toEqual([]);
  });

  it('waits for the commit with ?wait=commit and answers 200 with the block', async () => {
    const { fake, app } = await setup();
    const waiting = fake.whenWaiting();
    const pending = postJson(app, { tx: toBase64(TX) }, '/v1/txs?wait=commit');
    await waiting;
    const block = fake.commitPending();
    const response = await pending;
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      hash: TX_HASH, status: 'committed', height: 1, index: 0, blockHash: block.hash,
      blockTimeMs: GENESIS_TIME_MS + 1000, blockTime: new Date(GENESIS_TIME_MS + 1000).toISOString(),
    });
    // No timeoutMs: the node limit is the default.
    expect(fake.waitTimeoutsMs).toEqual([TEST_LIMITS.commitWaitMsMax]);
    const status = await injectSigned(app, { url: `/v1/txs/${TX_HASH.toUpperCase()}` });
    expect(status.statusCode).toBe(200);
    expect(status.json()).toMatchObject({ hash: TX_HASH, status: 'committed', height: 1, blockHash: block.hash });
  });

  it('answers 504 COMMIT_TIMEOUT when the commit does not come, with the timeout capped', async () => {
    const { fake, app } = await setup();
    const response = await postJson(app, { tx: toBase64(TX) }, '/v1/txs?wait=commit&timeoutMs=999999');
    expectProblem(response, 504, 'COMMIT_TIMEOUT', '/v1/txs');
    expect(fake.waitTimeoutsMs).toEqual([TEST_LIMITS.commitWaitMsMax]);
  });

  it('uses a shorter timeoutMs as given', async () => {
    const { fake, app } = await setup();
    const response = await postJson(app, { tx: toBase64(TX) }, '/v1/txs?wait=commit&timeoutMs=5');
    expectProblem(response, 504, 'COMMIT_TIMEOUT');
    expect(fake.waitTimeoutsMs).toEqual([5]);
  });

  it('refuses a malformed query as REQUEST_INVALID', async () => {
    const { fake, app } = await setup();
    for (const query of ['wait=later', 'wait=commit&timeoutMs=0', 'wait=commit&timeoutMs=abc']) {
      expectProblem(await postJson(app, { tx: toBase64(TX) }, `/v1/txs?${query}`), 400, 'REQUEST_INVALID');
    }
    expect(fake.submitted).toEqual([]);
  });

  it('refuses malformed JSON as BODY_MALFORMED', async () => {
    const { app } = await setup();
    const response = await app.inject({
      method: 'POST', url: '/v1/txs', headers: { 'content-type': 'application/json' }, payload: '{"tx": "AAAA"',
    });
    expectProblem(response, 400, 'BODY_MALFORMED', '/v1/txs');
  });

  it('refuses an empty JSON body as BODY_MALFORMED', async () => {
    const { app } = await setup();
    const response = await app.inject({ method: 'POST', url: '/v1/txs', headers: { 'content-type': 'application/json' }, payload: '' });
    expectProblem(response, 400, 'BODY_MALFORMED');
  });

  it('refuses JSON that is not an object, or lacks tx, as REQUEST_INVALID naming the field', async () => {
    const { fake, app } = await setup();
    for (const payload of ['"AAAA"', '[1,2]', 'null', '42']) {
      const response = await app.inject({ method: 'POST', url: '/v1/txs', headers: { 'content-type': 'application/json' }, payload });
      expectProblem(response, 400, 'REQUEST_INVALID', '/v1/txs');
    }
    const missing = expectProblem(await postJson(app, { transaction: toBase64(TX) }), 400, 'REQUEST_INVALID');
    expect(missing['errors']).toContainEqual({ in: 'body', path: '/tx', message: 'Expected required property' });
    expect(missing['errors']).toContainEqual({ in: 'body', path: '/transaction', message: 'Unexpected property' });
    // A number is not coerced to a string: 1234 would otherwise pass as the base64 text "1234".
    expectProblem(await postJson(app, { tx: 1234 }), 400, 'REQUEST_INVALID');
    expectProblem(await postJson(app, { tx: true }), 400, 'REQUEST_INVALID');
    expectProblem(await postJson(app, { tx: '' }), 400, 'REQUEST_INVALID');
    expect(fake.submitted).toEqual([]);
  });

  it('refuses base64 that is not canonical as BASE64_INVALID', async () => {
    const { fake, app } = await setup();
    for (const tx of ['AAA', 'AA=A', 'AAAA!', 'AA AA', 'AA-_']) {
      expectProblem(await postJson(app, { tx }), 400, 'BASE64_INVALID', '/v1/txs');
    }
    expect(fake.submitted).toEqual([]);
  });

  it('refuses a body over the limit as BODY_TOO_LARGE, JSON and protobuf alike', async () => {
    const { fake, app } = await setup();
    const big = new Uint8Array(TEST_LIMITS.bodyBytesMax + 1);
    expectProblem(await postJson(app, { tx: toBase64(big) }), 413, 'BODY_TOO_LARGE', '/v1/txs');
    const raw = await app.inject({
      method: 'POST', url: '/v1/txs', headers: { 'content-type': 'application/x-protobuf' }, payload: Buffer.from(big),
    });
    expectProblem(raw, 413, 'BODY_TOO_LARGE');
    expect(fake.submitted).toEqual([]);
  });

  it('refuses a request without body as REQUEST_INVALID, and a body without content type as 415', async () => {
    const { fake, app } = await setup();
    expectProblem(await app.inject({ method: 'POST', url: '/v1/txs' }), 400, 'REQUEST_INVALID', '/v1/txs');
    expectProblem(await app.inject({ method: 'POST', url: '/v1/txs?wait=commit' }), 400, 'REQUEST_INVALID', '/v1/txs');
    const untyped = await app.inject({ method: 'POST', url: '/v1/txs', payload: Buffer.from(TX) });
    expectProblem(untyped, 415, 'MEDIA_TYPE_UNSUPPORTED', '/v1/txs');
    expect(fake.submitted).toEqual([]);
  });

  it('refuses other content types as MEDIA_TYPE_UNSUPPORTED', async () => {
    const { fake, app } = await setup();
    for (const type of ['text/plain', 'application/xml', 'application/octet-stream', 'multipart/form-data; boundary=x']) {
      const response = await app.inject({ method: 'POST', url: '/v1/txs', headers: { 'content-type': type }, payload: 'tx=AAAA' });
      expectProblem(response, 415, 'MEDIA_TYPE_UNSUPPORTED', '/v1/txs');
    }
    expect(fake.submitted).toEqual([]);
  });

  const passthrough: [ErrorCode, number][] = [
    ['TX_WRONG_CHAIN', 422], ['TX_BAD_SIGNATURE', 422], ['TX_EXPIRED', 422], ['CATEGORY_UNKNOWN', 422],
    ['SIGNER_NOT_MEMBER', 403], ['MEMPOOL_FULL', 503], ['TX_MALFORMED', 400],
  ];
  for (const [code, status] of passthrough) {
    it(`passes the node's ${code} through as ${status}`, async () => {
      const { fake, app } = await setup();
      fake.rejectTx(TX, code, `node says ${code}`);
      const body = expectProblem(await postJson(app, { tx: toBase64(TX) }), status, code, '/v1/txs');
      expect(body['detail']).toBe(`node says ${code}`);
    });
  }

  it('answers TX_DUPLICATE 409 while pending and TX_ALREADY_COMMITTED 409 once committed', async () => {
    const { fake, app } = await setup();
    expect((await postJson(app, { tx: toBase64(TX) })).statusCode).toBe(202);
    expectProblem(await postJson(app, { tx: toBase64(TX) }), 409, 'TX_DUPLICATE');
    fake.commitPending();
    expectProblem(await postJson(app, { tx: toBase64(TX) }), 409, 'TX_ALREADY_COMMITTED');
  });
});

describe('GET /v1/txs/:hash', () => {
  it('answers TX_NOT_FOUND 404 for an unknown hash', async () => {
    const { app } = await setup();
    expectProblem(await injectSigned(app, { url: `/v1/txs/${'ab'.repeat(32)}` }), 404, 'TX_NOT_FOUND', `/v1/txs/${'ab'.repeat(32)}`);
  });

  it('answers HASH_INVALID 400 for a hash that is not 64 hex characters', async () => {
    const { app } = await setup();
    for (const hash of ['ab'.repeat(31), 'ab'.repeat(33), `${'ab'.repeat(31)}zz`, 'latest']) {
      const body = expectProblem(await injectSigned(app, { url: `/v1/txs/${hash}` }), 400, 'HASH_INVALID', `/v1/txs/${hash}`);
      expect(body['errors']).toEqual([expect.objectContaining({ in: 'params', path: '/hash' })]);
    }
  });
});
