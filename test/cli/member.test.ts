// tianping member and tianping validators: help, usage errors (one line on stderr, exit 2), and the
// commands run as users do against a real single-validator node listening on loopback: a join,
// its approval, the lists, and a refusal (exit 1 with the node's code).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { buildApp } from '../../src/api/index.js';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import { NodeVerifier, keyPairFromSeed, readKeyFile, sha256, writeKeyFile } from '../../src/crypto/index.js';
import { Ledger, MemStorage } from '../../src/ledger/index.js';
import { NodeCore } from '../../src/node/index.js';
import { genesisHash, parseGenesis } from '../../src/state/index.js';
import { asTimeMs, toHex, utf8 } from '../../src/types/index.js';
import { run as runMember } from '../../src/cli/commands/member.js';
import { run as runValidators } from '../../src/cli/commands/validators.js';
import { runCli, runInProcess, type CliResult } from './run-cli.js';

const root = mkdtempSync(join(tmpdir(), 'tianping-member-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const HEX64 = 'ab'.repeat(32);

/**
 * `tianping member ...` or `tianping validators ...` run in this process, as the binary's main
 * dispatches them (with an empty TIANPING_* environment): for the usage errors, which never reach
 * a file or the node. The binary itself is run for help, a few errors and the node's answers.
 */
function runCommand(args: readonly string[]): Promise<CliResult> {
  const [name, ...rest] = args;
  return runInProcess(name === 'validators' ? runValidators : runMember, rest);
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise<void>((done) => server.close(() => done()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('tianping member and validators: help', () => {
  it('are listed by tianping --help', async () => {
    const help = await runCli(['--help'], { cwd: root });
    expect(help.stdout).toMatch(/^ {2}member +join, vote on/m);
    expect(help.stdout).toMatch(/^ {2}validators +show the validator set/m);
  });

  it('member --help lists the subcommands; member alone is a usage error', async () => {
    const help = await runCli(['member', '--help'], { cwd: root });
    expect(help.code).toBe(0);
    for (const sub of ['join', 'approve', 'reject', 'remove', 'suspend', 'reinstate', 'rotate-key', 'list', 'proposals']) {
      expect(help.stdout).toMatch(new RegExp(`^ {2}${sub} `, 'm'));
    }
    const bare = await runCli(['member'], { cwd: root });
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('Usage: tianping member <subcommand>');
    const unknown = await runCli(['member', 'promote'], { cwd: root });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('tianping member: unknown subcommand "promote" (see "tianping member --help")\n');
  });

  it('every subcommand, and validators, has its own help', async () => {
    const cases = ['join', 'approve', 'reject', 'remove', 'suspend', 'reinstate', 'rotate-key', 'list', 'proposals'].map((sub) => ['member', sub]);
    const results = await Promise.all([...cases, ['validators']].map((args) => runCli([...args, '--help'], { cwd: root })));
    results.forEach((result, i) => {
      const args = [...cases, ['validators']][i]!;
      expect(result.code, args.join(' ')).toBe(0);
      expect(result.stdout, args.join(' ')).toContain(`Usage: tianping ${args.join(' ')}`);
    });
  });
});

describe('tianping member and validators: usage errors exit 2 with one line', () => {
  const joinBase = ['member', 'join', '--key', 'k.key', '--name', 'n', '--org', 'o'];
  const cases: [string[], string][] = [
    [['member', 'join', '--name', 'n'], 'tianping member join: --role is required (see "tianping member join --help")\n'],
    [[...joinBase, '--role', 'king', '--report-digest', HEX64],
      'tianping member join: --role must be one of validator, observer, submitter, verifier, executor, oracle, court, officer, bureau-chief, finance, got "king" (see "tianping member join --help")\n'],
    [[...joinBase, '--role', 'observer', '--power', '5', '--report-digest', HEX64],
      'tianping member join: --power is for validators only (see "tianping member join --help")\n'],
    [[...joinBase, '--role', 'validator', '--power', '0', '--report-digest', HEX64],
      'tianping member join: --power must be a positive integer, got "0" (see "tianping member join --help")\n'],
    [[...joinBase, '--role', 'observer', '--categories', 'copyright', '--report-digest', HEX64],
      'tianping member join: --categories is for submitters only (see "tianping member join --help")\n'],
    [[...joinBase, '--role', 'observer'],
      'tianping member join: give exactly one of --report FILE and --report-digest HEX (see "tianping member join --help")\n'],
    [[...joinBase, '--role', 'observer', '--report', 'r.pdf', '--report-digest', HEX64],
      'tianping member join: give exactly one of --report FILE and --report-digest HEX (see "tianping member join --help")\n'],
    [[...joinBase, '--role', 'observer', '--report-digest', 'abc'],
      'tianping member join: --report-digest must be 64 hex characters (SHA-256), got "abc" (see "tianping member join --help")\n'],
    [['member', 'approve'], 'tianping member approve: missing argument (see "tianping member approve --help")\n'],
    [['member', 'reject', 'xyz', '--key', 'k.key'],
      'tianping member reject: proposal id must be 64 hex characters (a tx hash), got "xyz" (see "tianping member reject --help")\n'],
    [['member', 'approve', HEX64], 'tianping member approve: --key is required (see "tianping member approve --help")\n'],
    [['member', 'remove', 'someone', 'extra', '--key', 'k.key'],
      'tianping member remove: unexpected argument "extra" (see "tianping member remove --help")\n'],
    [['member', 'suspend', 'someone'], 'tianping member suspend: --key is required (see "tianping member suspend --help")\n'],
    [['member', 'rotate-key'], 'tianping member rotate-key: --key is required (see "tianping member rotate-key --help")\n'],
    [['member', 'list', '--bogus'], 'tianping member list: Unknown option \'--bogus\' (see "tianping member list --help")\n'],
    [['member', 'proposals', '--status', 'pending'],
      'tianping member proposals: --status must be one of open, approved, rejected, expired, got "pending" (see "tianping member proposals --help")\n'],
    [['validators', '--height', '0'], 'tianping validators: --height must be a positive integer, got "0" (see "tianping validators --help")\n'],
    [['validators', '--height', '1e3'], 'tianping validators: --height must be a positive integer, got "1e3" (see "tianping validators --help")\n'],
    [['validators', '--node', '127.0.0.1:8080'],
      'tianping validators: --node "127.0.0.1:8080" must be an http:// or https:// URL, e.g. http://127.0.0.1:8080 (see "tianping validators --help")\n'],
  ];
  for (const [args, stderr] of cases) {
    it(args.join(' '), async () => {
      const result = await runCommand(args);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(stderr);
    });
  }

  it('the binary gives the same line and exit code as the command run in-process', async () => {
    for (const [args, stderr] of [cases[1]!, cases.at(-1)!]) {
      const result = await runCli(args, { cwd: root });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toBe(stderr);
    }
  });

  it('--json adds a machine-readable error document', async () => {
    const result = await runCli(['member', 'proposals', '--status', 'pending', '--json'], { cwd: root });
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({ ok: false,
      error: { code: 'USAGE', message: '--status must be one of open, approved, rejected, expired, got "pending"' } });
  });

  it('an unreadable report file, a missing key file and an unreachable node exit 2', async () => {
    const report = await runCli([...joinBase, '--role', 'observer', '--report', 'absent.pdf'], { cwd: root });
    expect(report.code).toBe(2);
    expect(report.stderr).toMatch(/^tianping member join: cannot read absent\.pdf: ENOENT/);
    const key = await runCli(['member', 'approve', HEX64, '--key', 'absent.key'], { cwd: root });
    expect(key.code).toBe(2);
    expect(key.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(key.stderr).toContain('absent.key');
    const port = await closedPort();
    const list = await runCli(['member', 'list', '--node', `http://127.0.0.1:${port}`, '--json'], { cwd: root });
    expect(list.code).toBe(2);
    expect(list.stderr).toMatch(/^tianping member list: cannot reach node/);
    expect(JSON.parse(list.stdout)).toMatchObject({ ok: false, error: { code: 'NODE_UNREACHABLE' } });
  });
});

describe('tianping member and validators against a node', () => {
  const dir = mkdtempSync(join(root, 'node-'));
  const validator = keyPairFromSeed(sha256(utf8('cli member test validator')));
  let core: NodeCore;
  let app: FastifyInstance;
  let url: string;

  beforeAll(async () => {
    writeKeyFile(join(dir, 'node.key'), validator);
    const genesisJson = {
      chainId: 'tianping-cli-gov', genesisTimeMs: Date.now() - 60_000,
      validators: [{ name: 'node0', publicKey: toHex(validator.publicKey), power: 10 }],
      categories: ['copyright'],
    };
    const genesis = parseGenesis(genesisJson);
    const ledger = await Ledger.open(new MemStorage(), genesis, genesisHash(utf8(JSON.stringify(genesisJson))));
    core = new NodeCore({
      genesis, ledger, key: validator, verifier: new NodeVerifier(), clock: { nowMs: () => asTimeMs(Date.now()) },
      logger: pino({ level: 'silent' }), moniker: 'cli-test', version: 'test', mempool: { txsMax: 100, bytesMax: 1 << 20 },
      consensus: { ...DEFAULT_CONFIG.consensus, heartbeatIntervalMs: 600_000, blockDelayMs: 1 },
    });
    app = await buildApp(core, { bodyBytesMax: 64 * 1024, commitWaitMsMax: 10_000, evidencePageMax: 100, logger: false,
      version: 'test', signatureWindowMs: 300_000 });
    await core.start();
    url = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await core.stop();
    await app.close();
  });

  it('join → approve → list and proposals; a second approval is refused with exit 1', async () => {
    expect((await runCli(['keygen', '--out', 'court.key'], { cwd: dir })).code).toBe(0);
    const court = readKeyFile(join(dir, 'court.key'));
    writeFileSync(join(dir, 'report.pdf'), 'admission evaluation report');
    const joined = await runCli(['member', 'join', '--key', 'court.key', '--name', 'second-court', '--org', 'Second Court',
      '--role', 'verifier', '--report', 'report.pdf', '--node', url, '--json'], { cwd: dir });
    expect(joined.code, joined.stderr).toBe(0);
    const opened = JSON.parse(joined.stdout) as { ok: boolean; txHash: string; proposalId: string; height: number;
      proposal: { status: string; kind: string; payload: { join: { evaluationReportDigest: string } } } };
    expect(opened).toMatchObject({ ok: true, proposal: { status: 'open', kind: 'join' } });
    expect(opened.proposalId).toBe(opened.txHash);
    expect(opened.proposal.payload.join.evaluationReportDigest).toBe(toHex(sha256(utf8('admission evaluation report'))));

    const approved = await runCli(['member', 'approve', opened.proposalId, '--key', 'node.key', '--node', url], { cwd: dir });
    expect(approved.code, approved.stderr).toBe(0);
    expect(approved.stdout).toContain(`proposal  ${opened.proposalId}`);
    expect(approved.stdout).toMatch(/^ {2}status {2}approved at height \d+ \(approvals 10\/10, rejections 0\/10\)$/m);

    const list = await runCli(['member', 'list', '--node', url], { cwd: dir });
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(new RegExp(`^second-court +verifier +active +0 +${toHex(court.publicKey)}$`, 'm'));
    const proposals = await runCli(['member', 'proposals', '--status', 'approved', '--node', url, '--json'], { cwd: dir });
    expect((JSON.parse(proposals.stdout) as { proposals: { id: string }[] }).proposals.map((p) => p.id)).toEqual([opened.proposalId]);

    const again = await runCli(['member', 'approve', opened.proposalId, '--key', 'node.key', '--node', url, '--json'], { cwd: dir });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^tianping member approve: refused: GOV_PROPOSAL_CLOSED: /);
    expect(again.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: false, proposalId: opened.proposalId, error: { code: 'GOV_PROPOSAL_CLOSED' } });
  });

  it('remove by name opens and (with the only validator) passes a removal', async () => {
    expect((await runCli(['keygen', '--out', 'oracle.key'], { cwd: dir })).code).toBe(0);
    const joined = JSON.parse((await runCli(['member', 'join', '--key', 'oracle.key', '--name', 'oracle-1', '--org', 'Oracle',
      '--role', 'oracle', '--report-digest', HEX64, '--node', url, '--json'], { cwd: dir })).stdout) as { proposalId: string };
    expect((await runCli(['member', 'approve', joined.proposalId, '--key', 'node.key', '--node', url], { cwd: dir })).code).toBe(0);
    const removed = await runCli(['member', 'remove', 'oracle-1', '--key', 'node.key', '--reason', 'contract ended', '--node', url, '--json'],
      { cwd: dir });
    expect(removed.code, removed.stderr).toBe(0);
    expect(JSON.parse(removed.stdout)).toMatchObject({ ok: true, proposal: { kind: 'remove', status: 'approved', subjectName: 'oracle-1',
      payload: { memberChange: { kind: 'remove', reason: 'contract ended' } } } });
    const unknown = await runCli(['member', 'suspend', 'nobody', '--key', 'node.key', '--node', url], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no member is named "nobody"');
  });

  it('validators prints the set of the next height, or of a given one; beyond the next height exits 2', async () => {
    const text = await runCli(['validators', '--node', url], { cwd: dir });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^height \d+: 1 validators, total power 10 \(this set since height 1\)$/m);
    expect(text.stdout).toMatch(new RegExp(`^ {4}0 +10 +node0 +${toHex(validator.publicKey)}$`, 'm'));
    const json = JSON.parse((await runCli(['validators', '--height', '1', '--node', url, '--json'], { cwd: dir })).stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ ok: true, height: 1, sinceHeight: 1, totalPower: 10 });
    const beyond = await runCli(['validators', '--height', '1000000', '--node', url], { cwd: dir });
    expect(beyond.code).toBe(2);
    expect(beyond.stderr).toMatch(/^tianping validators: VALIDATORS_NOT_FOUND: /);
  });
});
