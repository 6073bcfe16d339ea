// tianping payout: usage errors (exit 2, one line, before any key or node is used), and the commands
// against a single-validator node listening on loopback and the reference bank gateway: money
// received makes two orders → list (text and JSON) → a hold on the case and its release (a second
// release refused, exit 1 with the chain's code) → approvals refused for a court key and for a key
// that may not read payouts → the officer's approval → the executor claims, the bank pays, the
// result is reported → reconcile the day's statement (the payout and the money received settled, an
// entry the chain does not know unknown), the report written and its digest recorded → the same
// date again refused. The commands run through the command module in this process.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/commands/payout.js';
import { TianpingClient, payoutClaimTx, payoutResultTx, type BuiltTx } from '../../src/client/index.js';
import type { DecodedTx } from '../../src/codec/tx.js';
import { sha256, writeKeyFile, type KeyPair } from '../../src/crypto/index.js';
import { valueDateOf } from '../../src/gateway/bank.js';
import { utf8 } from '../../src/types/index.js';
import { appGateway, removeDir, type AppGateway } from '../gateway/fixtures.js';
import { caseGenesis, startCaseNode, type CaseNode } from '../helpers/case-node.js';
import {
  CASE_NO, CHAIN_ID, CaseChain, DOCUMENT, court, creditor, executor, oracle, outsider, platform, terms, validatorA,
} from '../state/cases/fixture.js';
import { finance, officer } from '../state/payouts/fixture.js';
import { runInProcess, type CliResult } from './run-cli.js';

const root = mkdtempSync(join(tmpdir(), 'tianping-payout-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const cli = (args: readonly string[]): Promise<CliResult> => runInProcess(run, args);
const keyFile = (name: string): string => join(root, `${name}.key`);

describe('tianping payout: usage errors', () => {
  const ID = 'ab'.repeat(32);
  const cases: [string[], string][] = [
    [[], 'Usage: tianping payout <subcommand>'],
    [['pay'], 'tianping payout: unknown subcommand "pay" (see "tianping payout --help")\n'],
    [['list'], 'tianping payout list: --key is required (see "tianping payout list --help")\n'],
    [['list', '--status', 'paid', '--key', 'k.key'],
      'tianping payout list: --status must be one of awaiting-approval, approved, claimed, settled, failed, got "paid" (see "tianping payout list --help")\n'],
    [['approve', '--key', 'k.key'], 'tianping payout approve: missing argument (see "tianping payout approve --help")\n'],
    [['approve', 'xyz', '--key', 'k.key'],
      'tianping payout approve: PAYOUT_ID must be a payout id of 64 hex characters, got "xyz" (see "tianping payout approve --help")\n'],
    [['hold', '--kind', 'freeze', '--reason', 'r', '--key', 'k.key'], 'tianping payout hold: --case is required (see "tianping payout hold --help")\n'],
    [['hold', '--case', 'A-1', '--kind', 'stop', '--reason', 'r', '--key', 'k.key'],
      'tianping payout hold: --kind must be one of dispute, freeze, suspension, not-collecting, got "stop" (see "tianping payout hold --help")\n'],
    [['release', '--case', 'A-1', '--payout', '12', '--kind', 'freeze', '--reason', 'r', '--key', 'k.key'],
      'tianping payout release: --payout must be a payout id of 64 hex characters, got "12" (see "tianping payout release --help")\n'],
    [['hold', '--case', 'A-1', '--kind', 'freeze', '--key', 'k.key'], 'tianping payout hold: --reason is required (see "tianping payout hold --help")\n'],
    [['reconcile', '--date', '2026-02-30', '--gateway', 'http://127.0.0.1:1', '--key', 'k.key'],
      'tianping payout reconcile: --date must be a calendar date YYYY-MM-DD, got "2026-02-30" (see "tianping payout reconcile --help")\n'],
    [['reconcile', '--date', '2026-02-03', '--gateway', 'bank:80', '--key', 'k.key'],
      'tianping payout reconcile: --gateway "bank:80" must be an http:// or https:// URL (see "tianping payout reconcile --help")\n'],
    [['approve', ID, '--key', 'k.key', '--node', '127.0.0.1:8080'],
      'tianping payout approve: --node "127.0.0.1:8080" must be an http:// or https:// URL, e.g. http://127.0.0.1:8080 (see "tianping payout approve --help")\n'],
    [['list', '--key', 'k.key', '--colour'], 'tianping payout list: Unknown option \'--colour\' (see "tianping payout list --help")\n'],
  ];
  for (const [args, stderr] of cases) {
    it(`payout ${args.join(' ')}`, async () => {
      const result = await cli(args);
      expect(result.code).toBe(2);
      if (stderr.endsWith('\n')) expect(result.stderr).toBe(stderr);
      else expect(result.stderr).toContain(stderr);
    });
  }

  it('lists its subcommands with --help, and answers --json with a usage document', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    for (const sub of ['list', 'approve', 'hold', 'release', 'reconcile']) expect(help.stdout).toMatch(new RegExp(`^ {2}${sub} `, 'm'));
    const bad = await cli(['hold', '--case', 'A-1', '--kind', 'stop', '--reason', 'r', '--key', 'k.key', '--json']);
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, error: { code: 'USAGE' } });
  });
});

describe('tianping payout against a node and the bank gateway', () => {
  const chain = caseGenesis({
    chainId: CHAIN_ID, validator: validatorA, validatorName: 'val-0', categories: ['notarial'],
    members: [['platform', 'submitter', platform], ['court', 'court', court], ['bank-oracle', 'oracle', oracle], ['bureau', 'executor', executor],
      ['creditor', 'verifier', creditor], ['officer', 'officer', officer], ['finance', 'finance', finance], ['outsider', 'submitter', outsider]],
  });
  const txs = new CaseChain(chain.genesis);
  const ACCOUNT = 'case-account-1';
  let node: CaseNode;
  let gateway: AppGateway;
  let gatewayUrl: string;
  let client: TianpingClient;
  let url: string;
  let ids: string[];

  const send = async (tx: DecodedTx | BuiltTx): Promise<void> => {
    const result = await client.submit(tx.bytes, { wait: 'commit' });
    expect(result.status).toBe('committed');
  };
  const as = (key: string): string[] => ['--key', keyFile(key), '--node', url];

  beforeAll(async () => {
    const keys: [string, KeyPair][] = [['court', court], ['officer', officer], ['executor', executor], ['finance', finance], ['outsider', outsider]];
    for (const [name, pair] of keys) writeKeyFile(keyFile(name), pair);
    node = await startCaseNode(chain, { moniker: 'cli-payout-test', app: 'listen' });
    url = node.url;
    client = new TianpingClient(url);
    gateway = await appGateway();
    gatewayUrl = await gateway.app.listen({ host: '127.0.0.1', port: 0 });
    await gateway.bank.openAccount({ id: ACCOUNT, name: 'Case account', bank: 'Court Bank', number: '0001', balanceFen: 0 });
    const now = Date.now();
    await send(txs.anchorTx(DOCUMENT, now));
    await send(txs.createTx(terms([{ amountFen: 100_000_000, dueAtMs: now + 90 * 86_400_000 }], { payees: [
      { party: { memberKey: creditor.publicKey }, weight: 1, accountCommitment: sha256(utf8('account')) },
      { party: { identityCommitment: sha256(utf8('payee 2')) }, weight: 1 },
    ] }), now));
    // The debtor's money arrives at the bank and is reported by the oracle under the bank's reference.
    const credited = await gateway.bank.credit(ACCOUNT, { amountFen: 1_000_000, endToEndId: 'DEBTOR-PAYMENT-1' });
    await send(txs.paymentTx(1_000_000, credited.bankRef, now - 60_000, Date.now()));
  }, 60_000);

  afterAll(async () => {
    await node?.stop();
    await gateway?.close();
    if (gateway !== undefined) removeDir(gateway.dir);
  });

  it('lists the orders, holds and releases the case, approves, and reconciles the day once', async () => {
    const listed = await cli(['list', '--case', CASE_NO, ...as('finance'), '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    const orders = (JSON.parse(listed.stdout) as { ok: boolean; payouts: { id: string; payeeIndex: number; amountFen: number; holds: string[] }[] }).payouts;
    expect(orders).toHaveLength(2);
    ids = [0, 1].map((i) => orders.find((o) => o.payeeIndex === i)!.id);
    const text = await cli(['list', ...as('officer')]);
    expect(text.stdout).toMatch(new RegExp(`^${ids[0]}  ${CASE_NO.replace(/[()]/g, '\\$&')}  #0/0  \\d+\\.\\d\\d CNY  awaiting-approval  \\[officer\\]$`, 'm'));
    expect(text.stdout).toMatch(new RegExp(`^${ids[1]} .* held:not-collecting$`, 'm'));

    const held = await cli(['hold', '--case', CASE_NO, '--kind', 'freeze', '--reason', 'asset preservation', ...as('court'), '--json']);
    expect(held.code, held.stderr).toBe(0);
    expect(JSON.parse(held.stdout)).toMatchObject({ ok: true, caseNo: CASE_NO, action: 'HOLD', kind: 'freeze' });
    const frozen = JSON.parse((await cli(['list', '--status', 'awaiting-approval', ...as('court'), '--json'])).stdout) as { payouts: { holds: string[] }[] };
    expect(frozen.payouts.every((p) => p.holds.includes('freeze'))).toBe(true);
    expect((await cli(['release', '--case', CASE_NO, '--kind', 'freeze', '--reason', 'lifted', ...as('court')])).code).toBe(0);
    const again = await cli(['release', '--case', CASE_NO, '--kind', 'freeze', '--reason', 'lifted', ...as('court'), '--json']);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: false, error: { code: 'PAYOUT_HOLD_INVALID' } });

    const byCourt = await cli(['approve', ids[0]!, ...as('court')]);
    expect(byCourt.code).toBe(1);
    expect(byCourt.stderr).toMatch(/^tianping payout approve: refused: .*/);
    const byOutsider = await cli(['approve', ids[0]!, ...as('outsider'), '--json']);
    expect(byOutsider.code).toBe(1);
    expect(JSON.parse(byOutsider.stdout)).toMatchObject({ ok: false, error: { code: 'AUTH_FORBIDDEN' } });
    const approved = await cli(['approve', ids[0]!, ...as('officer'), '--json']);
    expect(approved.code, approved.stderr).toBe(0);
    expect(JSON.parse(approved.stdout)).toMatchObject({ ok: true, payout: ids[0], action: 'APPROVE' });

    // The executor pays it: claim, the bank's transfer under the payout id, the result.
    const amountFen = orders.find((o) => o.id === ids[0])!.amountFen;
    await send(payoutClaimTx({ chainId: CHAIN_ID, keyPair: executor, payoutId: ids[0]! }));
    const paid = await gateway.bank.transfer(ids[0]!, { fromAccount: ACCOUNT, to: { bank: 'B', name: 'Creditor', number: '9' }, amountFen,
      currency: 'CNY', endToEndId: ids[0]!, remittance: CASE_NO });
    await send(payoutResultTx({ chainId: CHAIN_ID, keyPair: executor, payoutId: ids[0]!, settled: true, bankRef: paid.answer.bankRef, amountFen }));
    await gateway.bank.credit(ACCOUNT, { amountFen: 5, endToEndId: 'NOBODY-KNOWS' });

    const date = valueDateOf(Date.now());
    const out = join(root, 'report.json');
    const reconciled = await cli(['reconcile', '--date', date, '--gateway', gatewayUrl, '--out', out, ...as('finance'), '--json']);
    expect(reconciled.code, reconciled.stderr).toBe(0);
    const doc = JSON.parse(reconciled.stdout) as Record<string, unknown>;
    expect(doc).toMatchObject({ ok: true, date, report: out, settled: 2, unpaid: 0, mismatched: 0, duplicate: 0, unknown: 1, recorded: 1 });
    const bytes = readFileSync(out);
    expect(doc['digest']).toBe(createHash('sha256').update(bytes).digest('hex'));
    const report = JSON.parse(bytes.toString('utf8')) as { entries: { endToEndId: string; state: string; subject: string }[] };
    expect(report.entries.map((e) => [e.subject, e.state])).toEqual(expect.arrayContaining([['payout', 'settled'], ['money-received', 'settled'],
      ['none', 'unknown']]));
    const after = JSON.parse((await cli(['list', ...as('executor'), '--json'])).stdout) as { payouts: { id: string; reconciliation: string; status: string }[] };
    expect(after.payouts.find((p) => p.id === ids[0])).toMatchObject({ status: 'settled', reconciliation: 'settled' });

    const twice = await cli(['reconcile', '--date', date, '--gateway', gatewayUrl, '--out', join(root, 'again.json'), ...as('finance'), '--json']);
    expect(twice.code).toBe(1);
    expect(JSON.parse(twice.stdout)).toMatchObject({ ok: false, error: { code: 'RECONCILIATION_INVALID' } });
  }, 60_000);

  it('reports a gateway that does not answer as an error (exit 2)', async () => {
    const result = await cli(['reconcile', '--date', '2026-01-02', '--gateway', 'http://127.0.0.1:9', ...as('finance')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^tianping payout reconcile: statement 2026-01-02: /);
  });
});

