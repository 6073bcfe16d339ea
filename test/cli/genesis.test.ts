import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseMemberFlag, parseParamFlags, parseValidatorFlag, parseGenesisTime } from '../../src/cli/commands/genesis.js';
import { generateKeyPair, sha256, writeKeyFile } from '../../src/crypto/index.js';
import { DEFAULT_CATEGORIES, DEFAULT_PARAMS, parseGenesis } from '../../src/state/genesis.js';
import { fromHex, toHex } from '../../src/types/index.js';
import { peerIdOfEd25519 } from '../helpers/peer-id.js';
import { runCli } from './run-cli.js';

const root = mkdtempSync(join(tmpdir(), 'tianping-genesis-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let dirCount = 0;
const freshDir = (): string => mkdtempSync(join(root, `case-${dirCount++}-`));

/** A key file in dir, as `tianping keygen` writes it; returns its public key hex. */
function keyFile(dir: string, name: string): string {
  const pair = generateKeyPair();
  writeKeyFile(join(dir, name), pair);
  return toHex(pair.publicKey);
}

describe('tianping genesis', () => {
  it('is listed by tianping --help and has its own help', async () => {
    const [list, help] = await Promise.all([runCli(['--help'], { cwd: root }), runCli(['genesis', '--help'], { cwd: root })]);
    expect(list.stdout).toMatch(/^ {2}genesis +build the genesis file/m);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: tianping genesis --chain-id ID');
  });

  it('builds a multi-validator genesis from key files, public-key files and hex keys', async () => {
    const dir = freshDir();
    const keys = ['a.key', 'b.key', 'c.key', 'd.key'].map((name) => keyFile(dir, name));
    const observer = keyFile(dir, 'obs.key');
    const platform = toHex(generateKeyPair().publicKey);
    const court = toHex(generateKeyPair().publicKey);
    writeFileSync(join(dir, 'court.pub'), `${court}\n`);
    const result = await runCli(['genesis', '--chain-id', 'court-net', '--genesis-time', '2026-01-01T00:00:00Z',
      '--validator', 'a=a.key', '--validator', 'b=b.key:20', '--validator', `c=${keys[2]!.toUpperCase()}:5`, '--validator', 'd=d.key',
      '--member', 'obs=obs.key:observer', '--member', `platform=${platform}:submitter:copyright,notarial`,
      '--member', 'court=court.pub:verifier', '--organisation', 'court=Beijing-Internet-Court',
      '--param', 'txBytesMax=4096', '--json'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const text = readFileSync(join(dir, 'genesis.json'), 'utf8');
    const genesis = parseGenesis(JSON.parse(text));
    expect(genesis.chainId).toBe('court-net');
    expect(genesis.genesisTimeMs).toBe(Date.UTC(2026, 0, 1));
    expect(genesis.validators.map((v) => [v.name, v.publicKey, v.power])).toEqual([
      ['a', keys[0], 10], ['b', keys[1], 20], ['c', keys[2], 5], ['d', keys[3], 10]]);
    expect(genesis.members.map((m) => [m.name, m.organisation, m.role, m.publicKey, m.categories])).toEqual([
      ['obs', 'obs', 'observer', observer, []],
      ['platform', 'platform', 'submitter', platform, ['copyright', 'notarial']],
      ['court', 'Beijing-Internet-Court', 'verifier', court, []],
    ]);
    expect(genesis.categories).toEqual([...DEFAULT_CATEGORIES]);
    expect(genesis.params).toEqual({ ...DEFAULT_PARAMS, txBytesMax: 4096 });
    const summary = JSON.parse(result.stdout) as {
      ok: boolean; genesisHash: string; validators: { peerId: string }[]; members: { name: string; peerId?: string }[] };
    expect(summary.ok).toBe(true);
    expect(summary.genesisHash).toBe(toHex(sha256(new TextEncoder().encode(text))));
    expect(summary.validators.map((v) => v.peerId)).toEqual(keys.map((k) => peerIdOfEd25519(fromHex(k)!)));
    expect(summary.members.map((m) => [m.name, m.peerId])).toEqual([
      ['obs', peerIdOfEd25519(fromHex(observer)!)], ['platform', undefined], ['court', undefined]]);
  });

  it('gives the same bytes for the same flags, and never overwrites a file', async () => {
    const dir = freshDir();
    const key = keyFile(dir, 'v.key');
    const args = ['genesis', '--chain-id', 'c1', '--genesis-time', '1700000000000', '--validator', `v=${key}`, '--categories', 'copyright,notarial'];
    expect((await runCli([...args, '--out', 'one.json'], { cwd: dir })).code).toBe(0);
    const text = await runCli([...args, '--out', 'two.json'], { cwd: dir });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('peer 12D3KooW');
    expect(readFileSync(join(dir, 'two.json'), 'utf8')).toBe(readFileSync(join(dir, 'one.json'), 'utf8'));
    expect(parseGenesis(JSON.parse(readFileSync(join(dir, 'one.json'), 'utf8'))).categories).toEqual(['copyright', 'notarial']);
    writeFileSync(join(dir, 'genesis.json'), 'keep me');
    const again = await runCli([...args], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(`tianping genesis: ${join(dir, 'genesis.json')} already exists; refusing to overwrite it\n`);
    expect(readFileSync(join(dir, 'genesis.json'), 'utf8')).toBe('keep me');
  });

  it('refuses bad input with one line and exit 2, writing nothing', async () => {
    const dir = freshDir();
    const key = keyFile(dir, 'v.key');
    const cases: [string[], string][] = [
      [['--validator', `v=${key}`], '--chain-id is required'],
      [['--chain-id', 'c'], 'at least one --validator is required'],
      [['--chain-id', 'c', '--validator', 'v=missing.key'], '--validator v: "missing.key" is neither 64 hex characters nor a readable key file (no such file)'],
      [['--chain-id', 'c', '--validator', `v=${key}:0`], '--validator v power must be a positive integer, got "0"'],
      [['--chain-id', 'c', '--validator', `v=${key}`, '--member', `m=${key}:judge`], '--member m: expects NAME=KEYFILE_OR_HEX:ROLE[:CATEGORY,...]'],
      [['--chain-id', 'c', '--validator', `v=${key}`, '--member', `m=${key}:observer`], `genesis: public key ${key} appears twice`],
      [['--chain-id', 'c', '--validator', `v=${key}`, '--param', 'blockTxs=5'], '--param blockTxs is not a genesis parameter'],
      [['--chain-id', 'bad id', '--validator', `v=${key}`], 'genesis: chainId "bad id" does not match'],
      [['--chain-id', 'c', '--validator', `v=${key}`, '--validator', `v=${toHex(generateKeyPair().publicKey)}`], 'validator name "v" is given twice'],
      [['--chain-id', 'c', '--validator', `v=${key}`, '--organisation', 'x=Org'], '--organisation x: no --member of that name'],
      [['--chain-id', 'c', '--validator', `v=${key}:1099511627776`], 'genesis: validators[0].power 1099511627776 exceeds 4294967296'],
      [['--chain-id', 'c', '--validator', `v=${key}`, '--genesis-time', '5138-01-01T00:00:00Z'], 'genesis: genesisTimeMs 99972403200000'],
      [['--chain-id', 'c', '--validator', `v=${key}`, '--member', `v=${toHex(generateKeyPair().publicKey)}:observer`],
        'genesis: members[0].name "v" is already the name of validators[0]'],
    ];
    const results = await Promise.all(cases.map(([args]) => runCli(['genesis', ...args], { cwd: dir })));
    for (const [i, [args, message]] of cases.entries()) {
      const result = results[i]!;
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toContain(`tianping genesis: ${message}`);
      expect(result.stderr.trimEnd().split('\n'), args.join(' ')).toHaveLength(1);
    }
    expect(() => readFileSync(join(dir, 'genesis.json'))).toThrow();
  });
});

describe('genesis flag parsers', () => {
  const key = toHex(generateKeyPair().publicKey);

  it('--validator: power after the last colon, default 10', () => {
    expect(parseValidatorFlag(`v=${key}`)).toEqual({ name: 'v', publicKey: key, power: 10 });
    expect(parseValidatorFlag(`v=${key}:7`)).toEqual({ name: 'v', publicKey: key, power: 7 });
    expect(() => parseValidatorFlag(`=${key}`)).toThrow('--validator expects NAME=KEYFILE_OR_HEX[:POWER]');
  });

  it('--member: role last or before the categories', () => {
    expect(parseMemberFlag(`m=${key}:oracle`)).toMatchObject({ role: 'oracle', categories: [] });
    expect(parseMemberFlag(`m=${key}:submitter:a,b`)).toMatchObject({ role: 'submitter', categories: ['a', 'b'] });
  });

  it('--param and --genesis-time', () => {
    expect(parseParamFlags(['blockTxsMax=10', 'txExpiryMaxMs=60000'])).toEqual({ blockTxsMax: 10, txExpiryMaxMs: 60000 });
    expect(() => parseParamFlags(['blockTxsMax=1.5'])).toThrow('--param blockTxsMax must be a positive integer, got "1.5"');
    expect(parseGenesisTime(undefined, 42)).toBe(42);
    expect(parseGenesisTime('2026-01-01T08:00:00+08:00', 0)).toBe(Date.UTC(2026, 0, 1));
    expect(() => parseGenesisTime('2026-01-01T08:00:00', 0)).toThrow(/with a zone/);
  });
});
