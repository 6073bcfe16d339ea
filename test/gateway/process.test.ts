// The gateway as `npm run gateway` runs it (tsx src/gateway/main.ts), driven through
// HttpBankAdapter: transfers, refusals, the unknown outcomes of failNext and timeoutAfterAccept,
// a clean SIGTERM, and a restart on the same data directory that keeps every key.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BankRefusal, BankUnavailable, BankUnknownOutcome, HttpBankAdapter, type BankTransferRequest,
} from '../../src/payouts/bank-adapter.js';
import { CASE_ACCOUNT, removeDir, transferBody } from './fixtures.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const MAIN = join(ROOT, 'src', 'gateway', 'main.ts');

interface GatewayProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly log: () => string;
}

function startProcess(dataDir: string): Promise<GatewayProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, '--data', dataDir, '--listen', '127.0.0.1:0', '--log-level', 'warn'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the gateway did not print its URL:\n${stderr}`)), 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n')[0];
      if (stdout.includes('\n') && line !== undefined) {
        clearTimeout(timer);
        resolve({ child, url: (JSON.parse(line) as { url: string }).url, log: () => stderr });
      }
    });
    child.once('exit', (code) => reject(new Error(`the gateway exited with ${code}:\n${stderr}`)));
  });
}

function stopProcess(gateway: GatewayProcess): Promise<number | null> {
  return new Promise((resolve) => {
    gateway.child.once('exit', (code) => resolve(code));
    gateway.child.kill('SIGTERM');
  });
}

const request = (overrides: Partial<BankTransferRequest> = {}): BankTransferRequest => transferBody(overrides);
let dir: string;
let gateway: GatewayProcess;
let bank: HttpBankAdapter;

async function setFaults(faults: object): Promise<void> {
  const response = await fetch(`${gateway.url}/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) });
  expect(response.status).toBe(200);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tianping-gateway-process-'));
  gateway = await startProcess(join(dir, 'data'));
  bank = new HttpBankAdapter({ baseUrl: gateway.url, timeoutMs: 2000 });
  const opened = await fetch(`${gateway.url}/accounts`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id: CASE_ACCOUNT, name: 'Court', bank: 'ICBC', number: '1', balanceFen: 1_000_000 }) });
  expect(opened.status).toBe(201);
});
afterAll(async () => {
  if (gateway.child.exitCode === null) await stopProcess(gateway);
  removeDir(dir);
});

describe('HttpBankAdapter against a gateway process', () => {
  it('transfers once per key, reads the status and the statement', async () => {
    const result = await bank.transfer('key-1', request());
    expect(result).toMatchObject({ key: 'key-1', status: 'settled' });
    expect(await bank.transfer('key-1', request())).toEqual(result);
    expect(await bank.status('key-1')).toEqual(result);
    expect(await bank.status('key-none')).toBeUndefined();
    expect(await bank.statement(result.valueDate)).toEqual([{ endToEndId: 'aa'.repeat(32), amountFen: 12_345, direction: 'debit',
      valueDate: result.valueDate, bankRef: result.bankRef, account: CASE_ACCOUNT }]);
  });

  it('reports refusals as BankRefusal with the bank\'s code', async () => {
    const reused = await bank.transfer('key-1', request({ amountFen: 1 })).catch((error: unknown) => error);
    expect(reused).toBeInstanceOf(BankRefusal);
    expect(reused).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', httpStatus: 409 });
    await expect(bank.statement('2024-13-01')).rejects.toMatchObject({ code: 'DATE_INVALID', httpStatus: 400 });
    await expect(bank.transfer('key-x', request({ fromAccount: 'nobody' }))).rejects.toMatchObject({ code: 'ACCOUNT_UNKNOWN' });
  });

  it('failNext: a 503 is an unknown outcome; asked by key the bank has nothing, and the same request then goes through', async () => {
    await setFaults({ failNext: 1 });
    await expect(bank.transfer('key-2', request({ endToEndId: 'bb'.repeat(32) }))).rejects.toBeInstanceOf(BankUnknownOutcome);
    expect(await bank.status('key-2')).toBeUndefined();
    expect(await bank.transfer('key-2', request({ endToEndId: 'bb'.repeat(32) }))).toMatchObject({ status: 'settled' });
  });

  it('rejectNext: a failed transfer is an answer, not an error', async () => {
    await setFaults({ rejectNext: 1 });
    expect(await bank.transfer('key-3', request({ endToEndId: 'cc'.repeat(32) }))).toMatchObject({ status: 'failed', failureReason: 'REJECTED' });
  });

  it('timeoutAfterAccept: the call times out as an unknown outcome, though the bank executed it', async () => {
    await setFaults({ timeoutAfterAccept: 1 });
    const impatient = new HttpBankAdapter({ baseUrl: gateway.url, timeoutMs: 500 });
    const startedAt = Date.now();
    const error = await impatient.transfer('key-4', request({ endToEndId: 'dd'.repeat(32) })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BankUnknownOutcome);
    expect((error as Error).message).toMatch(/no answer within 500 ms/);
    expect(Date.now() - startedAt).toBeLessThan(5000);
    const status = await bank.status('key-4');
    expect(status).toMatchObject({ key: 'key-4', status: 'settled' });
    expect(await bank.transfer('key-4', request({ endToEndId: 'dd'.repeat(32) }))).toEqual(status);
  });

  it('closes on SIGTERM and keeps every key across a restart', async () => {
    const before = await bank.status('key-1');
    const statementBefore = await bank.statement(before!.valueDate);
    expect(await stopProcess(gateway)).toBe(0);
    await expect(bank.status('key-1')).rejects.toBeInstanceOf(BankUnavailable);
    await expect(bank.transfer('key-5', request())).rejects.toBeInstanceOf(BankUnknownOutcome);

    gateway = await startProcess(join(dir, 'data'));
    bank = new HttpBankAdapter({ baseUrl: gateway.url, timeoutMs: 2000 });
    expect(await bank.status('key-1')).toEqual(before);
    expect(await bank.transfer('key-1', request())).toEqual(before);
    await expect(bank.transfer('key-1', request({ amountFen: 2 }))).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await bank.statement(before!.valueDate)).toEqual(statementBefore);
    const balance = await (await fetch(`${gateway.url}/accounts/${CASE_ACCOUNT}`)).json() as { balanceFen: number };
    expect(balance.balanceFen).toBe(1_000_000 - 3 * 12_345);
    // New transfers take new bank references: the sequence survived too.
    const fresh = await bank.transfer('key-6', request({ endToEndId: 'ee'.repeat(32) }));
    expect(statementBefore.map((e) => e.bankRef)).not.toContain(fresh.bankRef);
  });
});
