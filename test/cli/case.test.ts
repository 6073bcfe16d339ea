// tianping case: usage errors (exit 2, one line), a TERMS.json mistake named before anything is
// signed, and the commands against a real single-validator node listening on loopback: create from
// the documented example → report a payment → a suspension signed by an oracle refused (exit 1 with
// the chain's code) → suspend and resume by the court → the rest paid → close. Most commands run
// through the command module in this process (the same code the binary runs, without a process per
// command on a busy machine); the binary itself runs `case --help` and one create.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/commands/case.js';
import { TianpingClient, buildAnchorTx, identityCommitment } from '../../src/client/index.js';
import { keyPairFromSeed, sha256, writeKeyFile, type KeyPair } from '../../src/crypto/index.js';
import { toHex, utf8 } from '../../src/types/index.js';
import { caseGenesis, startCaseNode, type CaseNode } from '../helpers/case-node.js';
import { runCli, runInProcess, type CliResult } from './run-cli.js';

const root = mkdtempSync(join(tmpdir(), 'tianping-case-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const EXAMPLE = JSON.parse(readFileSync('docs/examples/case-terms.json', 'utf8')) as Record<string, unknown>;

/** The command module with captured output: what main.ts runs for `tianping case ...`. */
const cli = (args: readonly string[]): Promise<CliResult> => runInProcess(run, args);

const key = (label: string): KeyPair => keyPairFromSeed(sha256(utf8(`cli case test ${label}`)));

describe('tianping case: help and usage errors', () => {
  it('is listed by tianping --help, and case --help lists its subcommands (the binary)', async () => {
    const [top, help] = await Promise.all([runCli(['--help'], { cwd: root }), runCli(['case', '--help'], { cwd: root })]);
    expect(top.stdout).toMatch(/^ {2}case +judgment contracts/m);
    expect(help.code).toBe(0);
    for (const sub of ['create', 'show', 'list', 'report-payment', 'suspend', 'resume', 'settle', 'default-settlement', 'terminate', 'close',
      'file-execution', 'commit-identity']) {
      expect(help.stdout).toMatch(new RegExp(`^ {2}${sub} `, 'm'));
    }
  });

  const cases: [string[], string][] = [
    [[], 'Usage: tianping case <subcommand>'],
    [['promote'], 'tianping case: unknown subcommand "promote" (see "tianping case --help")\n'],
    [['create'], 'tianping case create: missing argument (see "tianping case create --help")\n'],
    [['suspend', 'A-1', '--key', 'k.key'], 'tianping case suspend: --reason is required (see "tianping case suspend --help")\n'],
    [['resume', 'A-1', '--reason', 'RETRIAL', '--key', 'k.key'],
      'tianping case resume: --reason must be one of CAUSE_ENDED, REVIEW_CONCLUDED, RETRIAL_CONCLUDED, CREDITOR_APPLICATION, OTHER, got "RETRIAL" (see "tianping case resume --help")\n'],
    [['report-payment', 'A-1', '--bank-ref', 'R1', '--amount', '1.005', '--received-at', '2026-04-27T10:30:00+08:00', '--key', 'k.key'],
      'tianping case report-payment: --amount must be yuan with at most two decimals, e.g. 100.00, got "1.005" (see "tianping case report-payment --help")\n'],
    [['report-payment', 'A-1', '--bank-ref', 'R1', '--amount', '100.00', '--received-at', '2026-04-27 10:30', '--key', 'k.key'],
      'tianping case report-payment: --received-at must be ISO 8601 with its offset, e.g. 2026-04-27T10:30:00+08:00, got "2026-04-27 10:30" (see "tianping case report-payment --help")\n'],
    [['default-settlement', 'A-1', '--reason', 'OTHER', '--key', 'k.key'],
      'tianping case default-settlement: --reason must be one of SETTLEMENT_NOT_PERFORMED, got "OTHER" (see "tianping case default-settlement --help")\n'],
    [['commit-identity'], 'tianping case commit-identity: --identity-file is required (see "tianping case commit-identity --help")\n'],
    [['commit-identity', '--identity-file', 'id.txt', '--salt', '00ff'],
      'tianping case commit-identity: --salt must be hex of at least 16 bytes (32 hex characters) (see "tianping case commit-identity --help")\n'],
    [['show', 'A-1'], 'tianping case show: --key is required: case reads are signed (see "tianping case show --help")\n'],
    [['list', '--status', 'OPEN', '--key', 'k.key'],
      'tianping case list: --status must be one of ACTIVE, DEFAULTED, FILED, SUSPENDED, SETTLED, TERMINATED, CLOSED, PERFORMED, got "OPEN" (see "tianping case list --help")\n'],
    [['list', '--party', 'abc', '--key', 'k.key'], 'tianping case list: --party must be 64 hex characters, got "abc" (see "tianping case list --help")\n'],
    [['file-execution', 'A-1', 'B-2'], 'tianping case file-execution: unexpected argument "B-2" (see "tianping case file-execution --help")\n'],
    [['close', 'A-1', '--reason', 'PERFORMED', '--node', '127.0.0.1:8080', '--key', 'k.key'],
      'tianping case close: --node "127.0.0.1:8080" must be an http:// or https:// URL, e.g. http://127.0.0.1:8080 (see "tianping case close --help")\n'],
  ];
  for (const [args, stderr] of cases) {
    it(`case ${args.join(' ')}`, async () => {
      const result = await cli(args);
      expect(result.code).toBe(2);
      if (stderr.endsWith('\n')) expect(result.stderr).toBe(stderr);
      else expect(result.stderr).toContain(stderr);
    });
  }

  it('commit-identity makes the SDK\'s commitment from the identity file\'s first line, with a given or a random salt', async () => {
    const path = join(root, 'identity.txt');
    writeFileSync(path, '  示例债务人 Example Debtor  \nsecond line ignored\n');
    const salt = 'ffeeddccbbaa99887766554433221100';
    const given = await cli(['commit-identity', '--identity-file', path, '--salt', salt, '--json']);
    expect(given.code, given.stderr).toBe(0);
    // The debtor of the documented example.
    expect(JSON.parse(given.stdout)).toEqual({ ok: true, salt, identityCommitment: (EXAMPLE['debtor'] as { identityCommitment: string }).identityCommitment });
    const random = JSON.parse((await cli(['commit-identity', '--identity-file', path, '--json'])).stdout) as { salt: string; identityCommitment: string };
    expect(random.salt).toMatch(/^[0-9a-f]{64}$/);
    expect(random.identityCommitment).toBe(toHex(identityCommitment('示例债务人 Example Debtor', Buffer.from(random.salt, 'hex'))));
    const text = await cli(['commit-identity', '--identity-file', path, '--salt', salt]);
    expect(text.stdout).toMatch(/^identityCommitment {2}646398f1[0-9a-f]{56}$/m);
  });

  it('a TERMS.json mistake exits 2 naming the field and the code, before any key or node is used', async () => {
    const path = join(root, 'bad-terms.json');
    writeFileSync(path, JSON.stringify({ ...EXAMPLE, instalments: [{ amount: 10000.5, dueAt: '2027-01-01T00:00:00+08:00' }] }));
    // The key file does not exist and the node is not there: neither is reached.
    const parsed = await cli(['create', path, '--key', join(root, 'absent.key'), '--node', 'http://127.0.0.1:9', '--json']);
    expect(parsed.code).toBe(2);
    expect(JSON.parse(parsed.stdout)).toEqual({ ok: false, error: { code: 'CASE_TERMS_INVALID',
      message: 'TERMS.json instalments[0].amount: is a string of yuan such as "10000.00", never a JSON number (no floats for money)' } });
    writeKeyFile(join(root, 'some.key'), key('some'));
    writeFileSync(path, '{ "caseNo": ');
    const notJson = await cli(['create', path, '--key', join(root, 'some.key')]);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/^tianping case create: .*bad-terms\.json is not JSON: /);
  });
});

describe('tianping case against a node', () => {
  const dir = mkdtempSync(join(root, 'node-'));
  const validator = key('validator');
  const court = key('court');
  const oracle = key('oracle');
  const platform = key('platform');
  let node: CaseNode | undefined;
  let url = '';
  let termsPath = '';
  const caseNo = '(2026)京0491民初77号';

  beforeAll(async () => {
    for (const [name, pair] of [['node', validator], ['court', court], ['oracle', oracle], ['platform', platform]] as const) writeKeyFile(join(dir, `${name}.key`), pair);
    const chain = caseGenesis({ chainId: 'tianping-cli-case', validator, categories: ['judgment'],
      members: [['court-1', 'court', court], ['oracle-1', 'oracle', oracle], ['platform', 'submitter', platform]] });
    node = await startCaseNode(chain, { moniker: 'cli-case-test', app: 'listen' });
    url = node.url;
    const { genesis } = node;

    // The mediation agreement is anchored first: a case names a document the chain knows.
    const document = sha256(utf8(`${caseNo} mediation agreement`));
    const client = new TianpingClient(url);
    const anchored = await client.submit(buildAnchorTx({ chainId: genesis.chainId, keyPair: platform, digest: document, algorithm: 'sha256',
      category: 'judgment' }).bytes, { wait: 'commit' });
    expect(anchored.status).toBe('committed');
    // The documented example, with this test's case number, document, parties and due times a day apart from now on.
    const day = 86_400_000;
    const due = (n: number): string => new Date(Date.now() + n * day).toISOString().replace('Z', '+00:00');
    const creditor = toHex(identityCommitment('示例债权人 Example Creditor', new Uint8Array(16).fill(1)));
    writeFileSync(termsPath = join(dir, 'TERMS.json'), JSON.stringify({
      ...EXAMPLE, caseNo, document: { algorithm: 'sha256', digest: toHex(document) },
      creditors: [{ identityCommitment: creditor }], payees: [{ party: { identityCommitment: creditor }, weight: 1 }],
      instalments: (EXAMPLE['instalments'] as Record<string, unknown>[]).map((i, n) => ({ ...i, dueAt: due(n + 1) })),
    }, null, 2));
  }, 60_000);

  afterAll(async () => {
    await node?.stop();
  });

  it('create → report-payment → oracle suspension refused → suspend, resume → paid in full → close', async () => {
    const created = await runCli(['case', 'create', termsPath, '--key', 'court.key', '--node', url, '--json'], { cwd: dir });
    expect(created.code, created.stderr).toBe(0);
    const createdDoc = JSON.parse(created.stdout) as { ok: boolean; caseNo: string; txHash: string; height: number };
    expect(createdDoc).toMatchObject({ ok: true, caseNo, action: 'CREATE' });
    expect(createdDoc.txHash).toMatch(/^[0-9a-f]{64}$/);
    expect(createdDoc.height).toBeGreaterThan(1);

    const again = await cli(['create', termsPath, '--key', join(dir, 'court.key'), '--node', url, '--json']);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: false, caseNo, error: { code: 'CASE_EXISTS' } });

    const receivedAt = new Date(Date.now() - 60_000).toISOString();
    const paid = await cli(['report-payment', caseNo, '--bank-ref', 'ICBC-0001', '--amount', '100.00', '--received-at', receivedAt,
      '--key', join(dir, 'oracle.key'), '--node', url]);
    expect(paid.code, paid.stderr).toBe(0);
    expect(paid.stdout).toMatch(/^amount {6}100\.00$/m);
    expect(paid.stdout).toMatch(/^tx {10}[0-9a-f]{64}$/m);
    expect(paid.stdout).toMatch(/^height {6}\d+$/m);

    // show and list: signed reads, with the court's key.
    const shown = await cli(['show', caseNo, '--key', join(dir, 'court.key'), '--node', url]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain(`case        ${caseNo}\nstatus      ACTIVE\n`);
    expect(shown.stdout).toMatch(/^received {4}100\.00 CNY /m);
    expect(shown.stdout).toMatch(/^owed {8}29900\.00 CNY: principal 29900\.00, interest or penalty 0\.00, fee 0\.00$/m);
    expect(shown.stdout).toMatch(/^1 +\S+ +\S+ +10000\.00 +100\.00 +9900\.00 +0\.00 +upcoming$/m);
    expect(shown.stdout).toMatch(/^1 +PAYMENT_RECEIVED +\d+ +\S+ +\S+ +ACTIVE +100\.00 CNY, ref ICBC-0001$/m);
    const json = JSON.parse((await cli(['show', caseNo, '--key', join(dir, 'oracle.key'), '--node', url, '--json'])).stdout) as {
      ok: boolean; case: { caseNo: string; events: { kind: string; height: number }[]; owed: { principal: { fen: string } } } };
    expect(json).toMatchObject({ ok: true, case: { caseNo, owed: { principal: { fen: '2990000' } } } });
    // The payee's payout order follows the money (docs/payouts.md §1).
    expect(json.case.events.map((e) => e.kind)).toEqual(['CREATED', 'PAYMENT_RECEIVED', 'PAYOUT_ORDERED']);
    expect(json.case.events[0]!.height).toBe(createdDoc.height);
    const later = new Date(Date.now() + 20 * 86_400_000).toISOString();
    const asOf = JSON.parse((await cli(['show', caseNo, '--at', later, '--key', join(dir, 'court.key'), '--node', url, '--json'])).stdout) as {
      case: { asOf: { atMs: number }; owed: { charges: { fen: string } } } };
    expect(asOf.case.asOf.atMs).toBe(Date.parse(later));
    // 20 days on, every instalment is past due: delay interest has accrued on what is unpaid.
    expect(BigInt(asOf.case.owed.charges.fen)).toBeGreaterThan(0n);
    const listed = await cli(['list', '--status', 'ACTIVE', '--key', join(dir, 'court.key'), '--node', url]);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`^${caseNo.replace(/[()]/g, '\\$&')} +ACTIVE +29900\\.00 CNY `, 'm'));
    const none = await cli(['list', '--status', 'CLOSED', '--key', join(dir, 'court.key'), '--node', url, '--json']);
    expect(JSON.parse(none.stdout)).toEqual({ ok: true, cases: [] });
    const stranger = await cli(['show', caseNo, '--key', join(dir, 'platform.key'), '--node', url, '--json']);
    expect(stranger.code).toBe(1);
    expect(JSON.parse(stranger.stdout)).toMatchObject({ ok: false, error: { code: 'AUTH_FORBIDDEN' } });
    const unknownCase = await cli(['show', 'no-such-case', '--key', join(dir, 'court.key'), '--node', url]);
    expect(unknownCase.code).toBe(1);
    expect(unknownCase.stderr).toMatch(/^tianping case show: refused: CASE_UNKNOWN: /);

    const byOracle = await cli(['suspend', caseNo, '--reason', 'RETRIAL', '--key', join(dir, 'oracle.key'), '--node', url, '--json']);
    expect(byOracle.code).toBe(1);
    expect(byOracle.stderr).toMatch(/^tianping case suspend: refused: CASE_SIGNER_NOT_ALLOWED: /);
    expect(JSON.parse(byOracle.stdout)).toMatchObject({ ok: false, caseNo, action: 'SUSPEND', error: { code: 'CASE_SIGNER_NOT_ALLOWED' } });

    const suspended = await cli(['suspend', caseNo, '--reason', 'RETRIAL', '--key', join(dir, 'court.key'), '--node', url, '--json']);
    expect(suspended.code, suspended.stderr).toBe(0);
    expect(JSON.parse(suspended.stdout)).toMatchObject({ ok: true, action: 'SUSPEND', reason: 'RETRIAL' });
    const resumed = await cli(['resume', caseNo, '--reason', 'RETRIAL_CONCLUDED', '--key', join(dir, 'court.key'), '--node', url]);
    expect(resumed.code, resumed.stderr).toBe(0);

    const early = await cli(['close', caseNo, '--reason', 'PERFORMED', '--key', join(dir, 'court.key'), '--node', url, '--json']);
    expect(early.code).toBe(1);
    expect(JSON.parse(early.stdout)).toMatchObject({ error: { code: 'CASE_TRANSITION_INVALID' } });

    const rest = await cli(['report-payment', caseNo, '--bank-ref', 'ICBC-0002', '--amount', '29900', '--received-at', receivedAt,
      '--key', join(dir, 'oracle.key'), '--node', url, '--json']);
    expect(rest.code, rest.stderr).toBe(0);
    expect(JSON.parse(rest.stdout)).toMatchObject({ ok: true, action: 'RECEIVED', amount: '29900.00', currency: 'CNY', bankRef: 'ICBC-0002' });
    const closed = await cli(['close', caseNo, '--reason', 'PERFORMED', '--key', join(dir, 'court.key'), '--node', url, '--json']);
    expect(closed.code, closed.stderr).toBe(0);

    const unknown = await cli(['file-execution', 'no-such-case', '--key', join(dir, 'court.key'), '--on-application', '--node', url, '--json']);
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.stdout)).toMatchObject({ ok: false, error: { code: 'CASE_UNKNOWN' } });
  }, 60_000);
});
