// The dispatcher end to end, in this process: a single-validator node on loopback (the real state
// rules and read routes), the reference bank gateway on loopback, and `tianping payout account-key`,
// `account add` and `dispatch --once` through the command module. Money received makes an order for
// the payee whose commitment the account store made; the officer approves it; one dispatcher round
// claims it, pays it through the gateway under the payout id, and reports it settled; a second round
// (and a dispatcher on a fresh outbox) pays nothing more.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/commands/payout.js';
import { TianpingClient, payoutApprovalTx, type BuiltTx } from '../../src/client/index.js';
import type { DecodedTx } from '../../src/codec/tx.js';
import { sha256, writeKeyFile } from '../../src/crypto/index.js';
import { HttpBankAdapter } from '../../src/payouts/bank-adapter.js';
import { fromHex, utf8 } from '../../src/types/index.js';
import { appGateway, removeDir, type AppGateway } from '../gateway/fixtures.js';
import { caseGenesis, startCaseNode, type CaseNode } from '../helpers/case-node.js';
import { runInProcess, type CliResult } from '../cli/run-cli.js';
import { CASE_NO, CHAIN_ID, CaseChain, DOCUMENT, court, creditor, executor, oracle, platform, terms, validatorA } from '../state/cases/fixture.js';
import { finance, officer } from '../state/payouts/fixture.js';

const root = mkdtempSync(join(tmpdir(), 'tianping-dispatch-int-'));
const cli = (args: readonly string[]): Promise<CliResult> => runInProcess(run, args);
const ACCOUNT = 'case-account-7';

interface PayoutJson { id: string; payeeIndex: number; amountFen: number; status: string; bankRef: string; claimant: string }

describe('tianping payout dispatch against a node and the bank gateway', () => {
  const chain = caseGenesis({
    chainId: CHAIN_ID, validator: validatorA, validatorName: 'val-0', categories: ['notarial'],
    members: [['platform', 'submitter', platform], ['court', 'court', court], ['bank-oracle', 'oracle', oracle], ['bureau', 'executor', executor],
      ['creditor', 'verifier', creditor], ['officer', 'officer', officer], ['finance', 'finance', finance]],
  });
  const txs = new CaseChain(chain.genesis);
  let node: CaseNode;
  let gateway: AppGateway;
  let gatewayUrl: string;
  let reader: TianpingClient;
  const files = { accounts: join(root, 'accounts.bin'), accountsKey: join(root, 'accounts.key'), executor: join(root, 'executor.key'),
    genesis: join(root, 'genesis.json') };

  const bankClient = (): HttpBankAdapter => new HttpBankAdapter({ baseUrl: gatewayUrl });
  const send = async (tx: DecodedTx | BuiltTx): Promise<void> => {
    expect((await reader.submit(tx.bytes, { wait: 'commit' })).status).toBe('committed');
  };
  const payouts = async (): Promise<PayoutJson[]> => {
    // The executor reads the case (the payout list is the dispatcher's own to test).
    const signed = new TianpingClient(node.url, { signer: executor });
    return ((await signed.getCase(CASE_NO)) as unknown as { payouts: PayoutJson[] }).payouts;
  };
  const dispatch = (outbox: string): Promise<CliResult> => cli(['dispatch', '--node', node.url, '--genesis', files.genesis,
    '--key', files.executor, '--gateway', gatewayUrl, '--accounts', files.accounts, '--accounts-key', files.accountsKey,
    '--outbox', join(root, outbox), '--from-account', ACCOUNT, '--once', '--log-level', 'debug']);

  beforeAll(async () => {
    writeKeyFile(files.executor, executor);
    writeFileSync(files.genesis, JSON.stringify(chain.json));
    node = await startCaseNode(chain, { moniker: 'dispatch-test', app: 'listen' });
    reader = new TianpingClient(node.url);
    gateway = await appGateway();
    gatewayUrl = await gateway.app.listen({ host: '127.0.0.1', port: 0 });
    await gateway.bank.openAccount({ id: ACCOUNT, name: 'Case account', bank: 'Court Bank', number: '0007', balanceFen: 0 });
  }, 60_000);

  afterAll(async () => {
    await node?.stop();
    await gateway?.close();
    if (gateway !== undefined) removeDir(gateway.dir);
    rmSync(root, { recursive: true, force: true });
  });

  it('files the account, pays the approved order once, and reports it settled', async () => {
    expect((await cli(['account-key', '--out', files.accountsKey])).code).toBe(0);
    const added = await cli(['account', 'add', '--accounts', files.accounts, '--accounts-key', files.accountsKey, '--bank', 'Bank of Hangzhou',
      '--name', 'Creditor Ltd', '--number', '6222000011112222', '--json']);
    expect(added.code, added.stderr).toBe(0);
    const commitment = (JSON.parse(added.stdout) as { accountCommitment: string }).accountCommitment;
    expect(commitment).toMatch(/^[0-9a-f]{64}$/);

    const now = Date.now();
    await send(txs.anchorTx(DOCUMENT, now));
    await send(txs.createTx(terms([{ amountFen: 100_000_000, dueAtMs: now + 90 * 86_400_000 }], { payees: [
      { party: { memberKey: creditor.publicKey }, weight: 1, accountCommitment: fromHex(commitment)! },
      { party: { identityCommitment: sha256(utf8('payee 2')) }, weight: 1 },
    ] }), now));
    const credited = await gateway.bank.credit(ACCOUNT, { amountFen: 1_000_000, endToEndId: 'DEBTOR-PAYMENT-7' });
    await send(txs.paymentTx(1_000_000, credited.bankRef, now - 60_000, Date.now()));
    const order = (await payouts()).find((p) => p.payeeIndex === 0)!;
    expect(order.status).toBe('awaiting-approval');

    // Not approved yet: a round pays nothing.
    const early = await dispatch('outbox');
    expect(early.code, early.stderr).toBe(0);
    expect(await bankClient().status(order.id)).toBeUndefined();

    await send(payoutApprovalTx({ chainId: CHAIN_ID, keyPair: officer, payoutId: order.id, amountFen: order.amountFen }));
    const round = await dispatch('outbox');
    expect(round.code, round.stderr).toBe(0);
    const paid = (await payouts()).find((p) => p.id === order.id)!;
    const transfer = await bankClient().status(order.id);
    expect(transfer).toMatchObject({ key: order.id, status: 'settled' });
    expect(paid).toMatchObject({ status: 'settled', bankRef: transfer!.bankRef });
    const lines = round.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.filter((l) => l['payoutId'] === order.id).map((l) => l['event'])).toEqual(expect.arrayContaining(
      ['payout.outbox', 'payout.claimed', 'payout.call', 'payout.answered', 'payout.reported']));

    // Again, and from an empty outbox: the order is settled on chain, nothing is listed as approved.
    for (const outbox of ['outbox', 'outbox-2']) expect((await dispatch(outbox)).code).toBe(0);
    const statement = await gateway.bank.statement(transfer!.valueDate);
    expect(statement.filter((entry) => entry.endToEndId === order.id)).toHaveLength(1);
  }, 60_000);

  it('refuses bad input before reading any file (exit 2)', async () => {
    const missing = await cli(['dispatch', '--node', 'http://127.0.0.1:1']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('tianping payout dispatch: --gateway is required (see "tianping payout dispatch --help")\n');
    const badListen = await cli(['dispatch', '--node', 'http://127.0.0.1:1', '--gateway', 'http://127.0.0.1:2', '--key', 'k', '--genesis', 'g',
      '--accounts', 'a', '--accounts-key', 'ak', '--outbox', 'o', '--from-account', 'f', '--listen', '127.0.0.1:9999']);
    expect(badListen.stderr).toMatch(/--listen needs --webhook-secret/);
    const help = await cli(['--help']);
    for (const sub of ['dispatch', 'account', 'account-key']) expect(help.stdout).toMatch(new RegExp(`^ {2}${sub} `, 'm'));
  });
});
