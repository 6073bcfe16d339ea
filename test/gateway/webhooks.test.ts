// Webhook deliveries from a listening gateway to an HTTP server of the test: signed so that
// verifyWebhook accepts them, in each mode (normal, twice, late, never), and retried with backoff
// while the receiver fails.
import { createServer, type Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WEBHOOK_SIGNATURE_HEADER, startGateway, verifyWebhook, type RunningGateway, type TransferAnswer } from '../../src/gateway/index.js';
import { CASE_ACCOUNT, removeDir, transferBody } from './fixtures.js';

const SECRET = 'webhook-secret-1';
const LATE_MS = 400;

interface Delivery {
  readonly signature: string | undefined;
  readonly body: string;
  readonly atMs: number;
}

let receiver: Server;
let deliveries: Delivery[];
/** How many of the next deliveries the receiver answers 500. */
let failing: number;
let gateway: RunningGateway;
let dir: string;

beforeEach(async () => {
  deliveries = [];
  failing = 0;
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const header = request.headers[WEBHOOK_SIGNATURE_HEADER];
      deliveries.push({ signature: typeof header === 'string' ? header : undefined, body: Buffer.concat(chunks).toString(), atMs: Date.now() });
      response.statusCode = failing > 0 ? 500 : 204;
      if (failing > 0) failing -= 1;
      response.end();
    });
  });
  await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
  const address = receiver.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  dir = mkdtempSync(join(tmpdir(), 'tianping-gateway-webhooks-'));
  gateway = await startGateway({
    dataDir: join(dir, 'data'), host: '127.0.0.1', port: 0, webhookUrl: `http://127.0.0.1:${port}/v1/payouts/webhook`,
    webhookSecret: SECRET, lateDelayMs: LATE_MS,
  });
  await fetch(`${gateway.url}/accounts`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id: CASE_ACCOUNT, name: 'Court', bank: 'ICBC', number: '1', balanceFen: 1_000_000 }) });
});
afterEach(async () => {
  await gateway.close();
  await new Promise<void>((done) => receiver.close(() => done()));
  removeDir(dir);
});

async function setFaults(faults: object): Promise<void> {
  const response = await fetch(`${gateway.url}/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) });
  expect(response.status).toBe(200);
}

async function transfer(key: string): Promise<TransferAnswer> {
  const response = await fetch(`${gateway.url}/transfers`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key }, body: JSON.stringify(transferBody()),
  });
  expect(response.status).toBe(200);
  return response.json() as Promise<TransferAnswer>;
}

function expectSigned(delivery: Delivery, answer: TransferAnswer): void {
  expect(JSON.parse(delivery.body)).toEqual(answer);
  const verdict = verifyWebhook(['rotated-away', SECRET], delivery.signature, delivery.body, Math.floor(Date.now() / 1000));
  expect(verdict).toMatchObject({ ok: true, secretIndex: 1 });
  expect(verifyWebhook(['another'], delivery.signature, delivery.body, Math.floor(Date.now() / 1000)).ok).toBe(false);
}

describe('webhook deliveries', () => {
  it('normal: one signed delivery of the final status; a replayed key sends none', async () => {
    const answer = await transfer('key-normal');
    await gateway.webhooks!.idle();
    expect(deliveries).toHaveLength(1);
    expectSigned(deliveries[0]!, answer);
    await transfer('key-normal');
    await gateway.webhooks!.idle();
    expect(deliveries).toHaveLength(1);
  });

  it('twice: two identical deliveries', async () => {
    await setFaults({ webhook: 'twice' });
    const answer = await transfer('key-twice');
    await gateway.webhooks!.idle();
    expect(deliveries).toHaveLength(2);
    for (const delivery of deliveries) expectSigned(delivery, answer);
  });

  it('late: one delivery after the delay, the transfer having answered at once', async () => {
    await setFaults({ webhook: 'late' });
    const sentAt = Date.now();
    const answer = await transfer('key-late');
    expect(deliveries).toHaveLength(0);
    await gateway.webhooks!.idle();
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]!.atMs - sentAt).toBeGreaterThanOrEqual(LATE_MS - 20);
    expectSigned(deliveries[0]!, answer);
  });

  it('never: no delivery at all, while the status stays queryable', async () => {
    await setFaults({ webhook: 'never' });
    const answer = await transfer('key-never');
    await gateway.webhooks!.idle();
    await new Promise((done) => setTimeout(done, LATE_MS + 100));
    expect(deliveries).toHaveLength(0);
    expect(await (await fetch(`${gateway.url}/transfers/key-never`)).json()).toEqual(answer);
  });

  it('retries with backoff while the receiver fails, each attempt freshly signed', async () => {
    failing = 2;
    const answer = await transfer('key-retry');
    await gateway.webhooks!.idle();
    expect(deliveries).toHaveLength(3);
    for (const delivery of deliveries) expectSigned(delivery, answer);
    const gaps = [deliveries[1]!.atMs - deliveries[0]!.atMs, deliveries[2]!.atMs - deliveries[1]!.atMs];
    expect(gaps[0]).toBeGreaterThanOrEqual(450);
    expect(gaps[1]).toBeGreaterThanOrEqual(950);
  });
});
