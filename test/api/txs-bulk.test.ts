// POST /v1/txs/bulk through app.inject with the in-memory node: per-tx results inside a 200, whole
// request problems as 4xx problem+json with nothing submitted, and both body forms alike.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { txsOfBatchBody } from '../../src/api/routes/txs-bulk.js';
import { decodeTxBatch, encodeTxBatch, TX_BATCH_TXS_MAX } from '../../src/codec/tx-batch.js';
import { sha256 } from '../../src/crypto/hash.js';
import { toBase64, toHex, type ErrorCode } from '../../src/types/index.js';
import { FakeComponents, TEST_LIMITS, expectProblem, makeApp } from './fake-components.js';

const URL = '/v1/txs/bulk';
/** Distinct stand-ins for signed txs: the fake node admits any non-empty bytes it has not seen. */
const tx = (n: number, length = 40): Uint8Array => new Uint8Array(length).fill(n);
const hashOf = (bytes: Uint8Array): string => toHex(sha256(bytes));

let app: FastifyInstance | undefined;
afterEach(async () => { await app?.close(); app = undefined; });

async function setup(fake = new FakeComponents()): Promise<{ fake: FakeComponents; app: FastifyInstance }> {
  const built = await makeApp(fake);
  app = built.app;
  return built;
}

const postJson = (target: FastifyInstance, payload: unknown, url = URL) =>
  target.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(payload) });
const postBatch = (target: FastifyInstance, body: Uint8Array, url = URL) =>
  target.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-protobuf' }, payload: Buffer.from(body) });
const jsonOf = (txs: readonly Uint8Array[]): { txs: string[] } => ({ txs: txs.map((t) => toBase64(t)) });

interface BulkBody {
  accepted: number;
  refused: number;
  results: { index: number; hash: string; status: string; error?: { code: string; status: number; title: string; detail: string } }[];
}

describe('POST /v1/txs/bulk: results', () => {
  it('admits every tx of a good batch in order and answers 200 with their hashes', async () => {
    const { fake, app } = await setup();
    const txs = [tx(1), tx(2), tx(3)];
    const response = await postJson(app, jsonOf(txs));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.json()).toEqual({
      accepted: 3, refused: 0,
      results: txs.map((t, index) => ({ index, hash: hashOf(t), status: 'pending' })),
    });
    expect(fake.submitted).toEqual(txs);
  });

  it('refuses bad txs one by one and admits the others', async () => {
    const { fake, app } = await setup();
    const [good, badSignature, other, full] = [tx(1), tx(2), tx(3), tx(4)];
    fake.rejectTx(badSignature, 'TX_BAD_SIGNATURE', 'signature does not verify');
    fake.rejectTx(full, 'MEMPOOL_FULL');
    const response = await postJson(app, jsonOf([good, badSignature, good, other, full, new Uint8Array(0)]));
    expect(response.statusCode).toBe(200);
    const body = response.json<BulkBody>();
    expect(body).toMatchObject({ accepted: 2, refused: 4 });
    expect(body.results).toEqual([
      { index: 0, hash: hashOf(good), status: 'pending' },
      { index: 1, hash: hashOf(badSignature), status: 'refused',
        error: { code: 'TX_BAD_SIGNATURE', status: 422, title: 'Transaction signature does not verify', detail: 'signature does not verify' } },
      { index: 2, hash: hashOf(good), status: 'refused',
        error: { code: 'TX_DUPLICATE', status: 409, title: 'Transaction is already pending', detail: 'Transaction is already pending' } },
      { index: 3, hash: hashOf(other), status: 'pending' },
      { index: 4, hash: hashOf(full), status: 'refused', error: expect.objectContaining({ code: 'MEMPOOL_FULL', status: 503 }) },
      // An empty tx is refused as POST /v1/txs refuses it, without asking the node.
      { index: 5, hash: hashOf(new Uint8Array(0)), status: 'refused', error: expect.objectContaining({ code: 'TX_MALFORMED', status: 400 }) },
    ]);
    expect(fake.submitted.map(hashOf)).toEqual([good, badSignature, good, other, full].map(hashOf));
  });

  it('answers the same for the JSON and the protobuf form', async () => {
    const txs = [tx(1), tx(2), tx(1), tx(9, 300)];
    const answers: unknown[] = [];
    for (const send of [(a: FastifyInstance) => postJson(a, jsonOf(txs)), (a: FastifyInstance) => postBatch(a, encodeTxBatch(txs))]) {
      const fake = new FakeComponents();
      fake.rejectTx(txs[1]!, 'TX_EXPIRED');
      const { app: fresh } = await setup(fake);
      const response = await send(fresh);
      expect(response.statusCode).toBe(200);
      answers.push(response.json());
      expect(fake.submitted).toEqual(txs);
      await fresh.close();
      app = undefined;
    }
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[0]).toMatchObject({ accepted: 2, refused: 2 });
  });

  it('admits in order across event-loop turns', async () => {
    const { fake, app } = await setup();
    const txs = Array.from({ length: 150 }, (_, i) => tx(i, 2));
    // A clock that moves 1 ms per reading: the route yields every few txs.
    let nowMs = 0;
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => ++nowMs);
    try {
      const response = await postBatch(app, encodeTxBatch(txs));
      expect(response.json<BulkBody>().accepted).toBe(150);
    } finally {
      clock.mockRestore();
    }
    expect(nowMs).toBeGreaterThan(150);
    expect(fake.submitted).toEqual(txs);
  });

  it('answers 503 NODE_HALTED as POST /v1/txs does when the node halted', async () => {
    const { fake, app } = await setup();
    fake.halted = true;
    expectProblem(await postJson(app, jsonOf([tx(1)])), 503, 'NODE_HALTED', URL);
    expectProblem(await postJson(app, { tx: toBase64(tx(1)) }, '/v1/txs'), 503, 'NODE_HALTED');
  });

  it('fails the request when the node halts part-way', async () => {
    const { fake, app } = await setup();
    fake.rejectTx(tx(2), 'NODE_HALTED');
    expectProblem(await postJson(app, jsonOf([tx(1), tx(2), tx(3)])), 503, 'NODE_HALTED', URL);
    expect(fake.submitted).toEqual([tx(1), tx(2)]);
  });
});

describe('POST /v1/txs/bulk: whole-request problems', () => {
  it('refuses an empty list as REQUEST_INVALID, JSON and protobuf alike', async () => {
    const { fake, app } = await setup();
    expectProblem(await postJson(app, { txs: [] }), 400, 'REQUEST_INVALID', URL);
    expectProblem(await postBatch(app, new Uint8Array(0)), 400, 'REQUEST_INVALID', URL);
    expect(fake.submitted).toEqual([]);
  });

  it(`refuses more than ${TX_BATCH_TXS_MAX} txs as TXS_TOO_MANY, JSON and protobuf alike`, async () => {
    const { fake, app } = await setup();
    // Empty txs keep the body under the test limit; the count is checked before any tx.
    const empties = Array.from({ length: TX_BATCH_TXS_MAX + 1 }, () => new Uint8Array(0));
    expectProblem(await postJson(app, jsonOf(empties)), 400, 'TXS_TOO_MANY', URL);
    expectProblem(await postBatch(app, encodeTxBatch(empties)), 400, 'TXS_TOO_MANY', URL);
    // The limit itself passes.
    const atLimit = await postBatch(app, encodeTxBatch(empties.slice(1)));
    expect(atLimit.json<BulkBody>()).toMatchObject({ accepted: 0, refused: TX_BATCH_TXS_MAX });
    expect(fake.submitted).toEqual([]);
  });

  it('refuses a tx that is not canonical base64 as BASE64_INVALID, naming it, and submits none', async () => {
    const { fake, app } = await setup();
    for (const bad of ['AAA', 'AA=A', 'AA AA', 'AA-_']) {
      const body = expectProblem(await postJson(app, { txs: [toBase64(tx(1)), bad] }), 400, 'BASE64_INVALID', URL);
      expect(body['detail']).toContain('txs[1]');
    }
    expect(fake.submitted).toEqual([]);
  });

  it('refuses JSON of the wrong shape as REQUEST_INVALID and malformed JSON as BODY_MALFORMED', async () => {
    const { fake, app } = await setup();
    for (const payload of [{ txs: [1] }, { txs: 'AAAA' }, { tx: toBase64(tx(1)) }, { txs: [toBase64(tx(1))], wait: 'commit' }, [], null]) {
      expectProblem(await postJson(app, payload), 400, 'REQUEST_INVALID', URL);
    }
    const broken = await app.inject({ method: 'POST', url: URL, headers: { 'content-type': 'application/json' }, payload: '{"txs": [' });
    expectProblem(broken, 400, 'BODY_MALFORMED', URL);
    expectProblem(await app.inject({ method: 'POST', url: URL }), 400, 'REQUEST_INVALID', URL);
    expect(fake.submitted).toEqual([]);
  });

  it('refuses ?wait=commit and any other query as REQUEST_INVALID', async () => {
    const { fake, app } = await setup();
    expectProblem(await postJson(app, jsonOf([tx(1)]), `${URL}?wait=commit`), 400, 'REQUEST_INVALID', URL);
    expectProblem(await postBatch(app, encodeTxBatch([tx(1)]), `${URL}?timeoutMs=5`), 400, 'REQUEST_INVALID', URL);
    expect(fake.submitted).toEqual([]);
  });

  const malformedBatches: [string, number[]][] = [
    ['another field', [0x12, 0x01, 0x00]],
    ['a varint field 1', [0x08, 0x01]],
    ['a length cut off', [0x0a, 0x80]],
    ['bytes cut off', [0x0a, 0x05, 1, 2]],
    ['a non-minimal length', [0x0a, 0x81, 0x00, 7]],
    ['a length of six bytes', [0x0a, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00]],
    ['a good tx, then junk', [0x0a, 0x01, 7, 0xff]],
  ];
  for (const [what, bytes] of malformedBatches) {
    it(`refuses a TxBatch with ${what} as TX_BATCH_MALFORMED`, async () => {
      const { fake, app } = await setup();
      expectProblem(await postBatch(app, Uint8Array.from(bytes)), 400, 'TX_BATCH_MALFORMED', URL);
      expect(() => decodeTxBatch(Uint8Array.from(bytes))).toThrow();
      expect(fake.submitted).toEqual([]);
    });
  }

  it('refuses other media types as MEDIA_TYPE_UNSUPPORTED', async () => {
    const { fake, app } = await setup();
    for (const type of ['text/plain', 'application/octet-stream', 'application/xml']) {
      const response = await app.inject({ method: 'POST', url: URL, headers: { 'content-type': type }, payload: 'txs=AAAA' });
      expectProblem(response, 415, 'MEDIA_TYPE_UNSUPPORTED', URL);
    }
    expectProblem(await app.inject({ method: 'POST', url: URL, payload: Buffer.from(encodeTxBatch([tx(1)])) }), 415, 'MEDIA_TYPE_UNSUPPORTED');
    expect(fake.submitted).toEqual([]);
  });

  it('refuses a body over api.bodyBytesMax as BODY_TOO_LARGE, JSON and protobuf alike', async () => {
    const { fake, app } = await setup();
    const txs = Array.from({ length: 8 }, (_, i) => tx(i, TEST_LIMITS.bodyBytesMax / 8));
    expectProblem(await postJson(app, jsonOf(txs)), 413, 'BODY_TOO_LARGE', URL);
    expectProblem(await postBatch(app, encodeTxBatch(txs)), 413, 'BODY_TOO_LARGE', URL);
    expect(fake.submitted).toEqual([]);
  });
});

describe('txsOfBatchBody', () => {
  it('reads what encodeTxBatch writes, as decodeTxBatch does, into buffers of their own', () => {
    const txs = [tx(1), new Uint8Array(0), tx(2, 127), tx(3, 128), tx(4, 20_000)];
    const body = encodeTxBatch(txs);
    const read = txsOfBatchBody(body);
    expect(read).toEqual(decodeTxBatch(body));
    expect(read.map((t) => toHex(t))).toEqual(txs.map((t) => toHex(t)));
    // Not views into the body: a pending tx must not keep a whole request alive.
    for (const t of read) expect(t.buffer.byteLength).toBe(t.length);
  });

  it('gives the code of each problem', () => {
    const codeOf = (bytes: Uint8Array): ErrorCode | undefined => {
      try {
        txsOfBatchBody(bytes);
        return undefined;
      } catch (error) {
        return (error as { code?: ErrorCode }).code;
      }
    };
    expect(codeOf(Uint8Array.of(0x12, 0x00))).toBe('TX_BATCH_MALFORMED');
    expect(codeOf(encodeTxBatch(Array.from({ length: TX_BATCH_TXS_MAX + 1 }, () => new Uint8Array(0))))).toBe('TXS_TOO_MANY');
    expect(codeOf(new Uint8Array(0))).toBeUndefined();
  });
});
