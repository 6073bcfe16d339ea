// timeoutAfterAccept on a real socket: the transfer is executed and stored, the answer never
// comes, and the connection is cut after the hold time or when the gateway closes.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../../src/gateway/index.js';
import { CASE_ACCOUNT, removeDir, transferBody } from './fixtures.js';

const HOLD_MS = 300;
let gateway: RunningGateway;
let dir: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tianping-gateway-server-'));
  gateway = await startGateway({ dataDir: join(dir, 'data'), host: '127.0.0.1', port: 0, holdMs: HOLD_MS });
  await gateway.bank.openAccount({ id: CASE_ACCOUNT, name: 'Court', bank: 'ICBC', number: '1', balanceFen: 100_000 });
  gateway.bank.setFaults({ timeoutAfterAccept: 1 });
});
afterEach(async () => {
  await gateway.close();
  removeDir(dir);
});

const send = () => fetch(`${gateway.url}/transfers`, {
  method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': 'held' }, body: JSON.stringify(transferBody()),
});

describe('timeoutAfterAccept', () => {
  it('executes, never answers, and cuts the connection after the hold time', async () => {
    const startedAt = Date.now();
    await expect(send()).rejects.toThrow();
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(HOLD_MS - 20);
    expect(await gateway.bank.transferStatus('held')).toMatchObject({ status: 'settled' });
    expect((await gateway.bank.account(CASE_ACCOUNT)).balanceFen).toBe(100_000 - 12_345);
    // The switch fired once: the same request now answers, with the stored result.
    const again = await send();
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(await gateway.bank.transferStatus('held'));
  });

  it('does not hold up closing the gateway', async () => {
    const pending = send();
    const settled = pending.then(() => 'answered', () => 'cut');
    while (!await gateway.bank.transferStatus('held').then(() => true, () => false)) await new Promise((done) => setTimeout(done, 10));
    const closingAt = Date.now();
    await gateway.close();
    expect(await settled).toBe('cut');
    expect(Date.now() - closingAt).toBeLessThan(HOLD_MS);
    // Reopened for afterEach, on the same data: the transfer is there.
    gateway = await startGateway({ dataDir: join(dir, 'data'), host: '127.0.0.1', port: 0 });
    expect(await gateway.bank.transferStatus('held')).toMatchObject({ status: 'settled' });
  });
});
