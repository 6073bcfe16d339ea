// Real crashes: `tianping payout dispatch --once` in a child process with TIANPING_PAYOUTS_FAILPOINT
// set kills itself (SIGKILL) at that step; a dispatcher started afterwards on the same outbox pays
// the order exactly once. The bank is the reference gateway with its idempotency switched off, so a
// second transfer under the same key would be a second debit, and the statement would show it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/commands/payout.js';
import { writeKeyFile } from '../../src/crypto/index.js';
import { AccountStore, writeAccountKey } from '../../src/payouts/account-store.js';
import { Outbox } from '../../src/payouts/outbox.js';
import { appGateway, removeDir, type AppGateway } from '../gateway/fixtures.js';
import { runCli, runInProcess } from '../cli/run-cli.js';
import { FakeNode, executorKey } from './fakes.js';

const ACCOUNT = 'case-account-crash';
let dir: string;
let node: FakeNode;
let gateway: AppGateway;
let gatewayUrl: string;
let args: string[];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tianping-crash-'));
  node = new FakeNode();
  await node.listen();
  gateway = await appGateway();
  gatewayUrl = await gateway.app.listen({ host: '127.0.0.1', port: 0 });
  await gateway.bank.openAccount({ id: ACCOUNT, name: 'Case account', bank: 'Court Bank', number: '1', balanceFen: 10_000_000 });
  gateway.bank.setFaults({ idempotency: false });
  writeKeyFile(join(dir, 'executor.key'), executorKey);
  writeAccountKey(join(dir, 'accounts.key'));
  writeFileSync(join(dir, 'genesis.json'), JSON.stringify(node.trust));
  args = ['dispatch', '--node', node.url, '--genesis', join(dir, 'genesis.json'), '--key', join(dir, 'executor.key'), '--gateway', gatewayUrl,
    '--accounts', join(dir, 'accounts.bin'), '--accounts-key', join(dir, 'accounts.key'), '--outbox', join(dir, 'outbox'),
    '--from-account', ACCOUNT, '--once'];
});

afterEach(async () => {
  await node.close();
  await gateway.close();
  removeDir(gateway.dir);
  rmSync(dir, { recursive: true, force: true });
});

describe('a dispatcher killed at a failpoint', () => {
  it.each([['after-outbox', 'claiming'], ['after-call', 'calling'], ['after-answer', 'answered']])(
    'at %s (left at %s): the next start pays the order exactly once', async (step, left) => {
    const commitment = AccountStore.open(join(dir, 'accounts.bin'), join(dir, 'accounts.key'))
      .add({ bank: 'Bank of Hangzhou', name: 'Payee', number: '6222' });
    const id = node.addOrder({ caseNo: 'C-kill', amountFen: 12_345, commitment });
    const killed = await runCli(['payout', ...args], { cwd: dir, env: { TIANPING_PAYOUTS_FAILPOINT: step } });
    // Killed by SIGKILL: tsx reports it as 128 + 9 (or the signal itself).
    expect([137, -1], killed.stderr).toContain(killed.code);
    const outbox = await Outbox.open(join(dir, 'outbox'));
    expect((await outbox.get(id))?.step).toBe(left);
    await outbox.close();
    const resumed = await runInProcess(run, args);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(node.orders.get(id)?.status).toBe('settled');
    expect(node.txs.filter((tx) => tx.kind === 'result' && tx.code === undefined)).toHaveLength(1);
    const date = (await gateway.bank.transferStatus(id)).valueDate;
    expect((await gateway.bank.statement(date)).filter((entry) => entry.endToEndId === id)).toHaveLength(1);
    expect((await gateway.bank.account(ACCOUNT)).balanceFen).toBe(10_000_000 - 12_345);
  }, 60_000);

  it('refuses an unknown failpoint name (exit 2)', async () => {
    let stderr = '';
    const io = { stdout: () => undefined, stderr: (text: string) => void (stderr += text), env: { TIANPING_PAYOUTS_FAILPOINT: 'somewhere' } };
    expect(await run(args, io)).toBe(2);
    expect(stderr).toMatch(/TIANPING_PAYOUTS_FAILPOINT must be one of before-outbox, after-outbox, after-call, after-answer, during-retry/);
  });
});
