// GET /v1/blocks/:height/events/:index/receipt: a receipt the node built from its ledger goes out
// unchanged in JSON (every field in the response schema) and protobuf, and verifies offline from the
// genesis; unknown events are a problem+json 404 with code EVENT_NOT_FOUND; reading needs a signature.
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { decodeEventReceipt, encodeEventReceipt, eventReceiptFromJson } from '../../src/client/event-receipt.js';
import { verifyEventReceipt } from '../../src/client/event-receipt-verify.js';
import { makeTestChain } from '../helpers/chain.js';
import { ledgerWithEvents } from '../helpers/event-block.js';
import { expectProblem, makeApp, type FakeComponents } from './fake-components.js';
import { injectSigned } from './signed.js';

let app: FastifyInstance | undefined;
afterEach(async () => { await app?.close(); app = undefined; });

async function setup(): Promise<{ fake: FakeComponents; app: FastifyInstance }> {
  const built = await makeApp();
  app = built.app;
  // Receipts of a real ledger, as the node's read model builds them.
  const { read } = await ledgerWithEvents();
  for (const index of [0, 4]) built.fake.eventReceipts.set(`2/${index}`, await read.eventReceipt(2, index));
  return built;
}

describe('GET /v1/blocks/:height/events/:index/receipt (signed: validator, observer, verifier)', () => {
  it('serves the receipt in JSON, every field kept, and it verifies offline from the genesis', async () => {
    const { fake, app } = await setup();
    const response = await injectSigned(app, { url: '/v1/blocks/2/events/4/receipt' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(fake.eventReceipts.get('2/4')!.json);
    const receipt = eventReceiptFromJson(response.json());
    expect(encodeEventReceipt(receipt)).toEqual(fake.eventReceipts.get('2/4')!.bytes);
    const result = verifyEventReceipt(receipt, makeTestChain().genesis);
    expect(result.valid ? 'valid' : result.reason).toBe('valid');
  });

  it('serves the exact protobuf bytes with Accept: application/x-protobuf', async () => {
    const { fake, app } = await setup();
    const response = await injectSigned(app, { url: '/v1/blocks/2/events/0/receipt', headers: { accept: 'application/x-protobuf' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/x-protobuf/);
    expect(new Uint8Array(response.rawPayload)).toEqual(Uint8Array.from(fake.eventReceipts.get('2/0')!.bytes));
    expect(decodeEventReceipt(new Uint8Array(response.rawPayload)).eventIndex).toBe(0);
  });

  it('answers EVENT_NOT_FOUND 404 as problem+json for an unknown height or index', async () => {
    const { app } = await setup();
    for (const url of ['/v1/blocks/2/events/1/receipt', '/v1/blocks/9/events/0/receipt']) {
      expectProblem(await injectSigned(app, { url }), 404, 'EVENT_NOT_FOUND', url);
    }
  });

  it('answers 400 for a height or index that is not a plain number, and 401 unsigned', async () => {
    const { app } = await setup();
    for (const height of ['0', '01', '9007199254740993']) {
      const url = `/v1/blocks/${height}/events/0/receipt`;
      expectProblem(await injectSigned(app, { url }), 400, 'HEIGHT_INVALID', url);
    }
    for (const index of ['-1', '01', '1e3', '100000']) {
      const url = `/v1/blocks/2/events/${index}/receipt`;
      expect((await injectSigned(app, { url })).statusCode).toBe(400);
    }
    expectProblem(await app.inject({ url: '/v1/blocks/2/events/0/receipt' }), 401, 'AUTH_REQUIRED');
  });
});
