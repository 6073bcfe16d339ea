// `tianping verify FILE --receipt R --trust T`: the offline mode, run as users run it (a child
// process), with no node anywhere and with every way of reaching the network made to fail loudly,
// so a regression that looks something up online cannot pass unnoticed.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RECEIPT_CHECKS } from '../../src/client/receipt-verify.js';
import { runCli, type CliResult } from '../cli/run-cli.js';

const VECTORS = resolve('test/vectors/receipts');
const vector = (name: string): string => join(VECTORS, name);
const GENESIS = vector('genesis.json');

interface ManifestEntry { name: string; evidence: { fileText?: string; salt?: string } }
const manifest = JSON.parse(readFileSync(vector('index.json'), 'utf8')) as { vectors: ManifestEntry[] };
const evidenceOf = (name: string): ManifestEntry['evidence'] => manifest.vectors.find((v) => v.name === name)!.evidence;

const dir = mkdtempSync(join(tmpdir(), 'tianping-receipt-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Loaded into the CLI process before anything else: any attempt to reach a network ends the
// process with exit 99 and says so.
const GUARD = join(dir, 'no-network.mjs');
writeFileSync(GUARD, `
import http from 'node:http';
import https from 'node:https';
import dns from 'node:dns';
const refuse = (what) => () => { process.stderr.write('NETWORK ACCESS: ' + what + '\\n'); process.exit(99); };
globalThis.fetch = refuse('fetch');
http.request = refuse('http.request');
http.get = refuse('http.get');
https.request = refuse('https.request');
https.get = refuse('https.get');
dns.lookup = refuse('dns.lookup');
`);

const fileA = join(dir, 'contract.txt');
writeFileSync(fileA, evidenceOf('good-evidence').fileText!);
const salted = join(dir, 'call.txt');
writeFileSync(salted, evidenceOf('good-salted').fileText!);

function offline(args: readonly string[]): Promise<CliResult> {
  return runCli(['verify', ...args], { cwd: dir, env: { NODE_OPTIONS: `--import=${GUARD}` } });
}

describe('tianping verify --receipt (offline)', () => {
  it('the network guard works: the online mode is stopped by it', async () => {
    const result = await offline([fileA]);
    expect(result.code).toBe(99);
    expect(result.stderr).toContain('NETWORK ACCESS: fetch');
  });

  it('exits 0 on a good receipt and says when, where, by whom and who signed', async () => {
    const result = await offline([fileA, '--receipt', vector('good-evidence.json'), '--trust', GENESIS]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const out = result.stdout;
    expect(out).toMatch(/^VALID RECEIPT {2}/);
    expect(out).toContain('2026-01-01T00:00:40.123Z (UTC)');
    expect(out).toContain('block 8 849fb5ed4dd24574401790224424bf1cb3841b6fdade89db6728f2dc6b84f69d');
    expect(out).toContain('submitter key 5d0ae5351d981bcd64880fd028d9ade9a4e26cacdf4a122990f672a0ec06c52f');
    expect(out).toContain('signed by 3 of 4 validators, power 50 of 60 (more than 2/3)');
    expect(out).toContain('(validator-1)');
  });

  it('exits 1 on a tampered receipt and names the failed check', async () => {
    const result = await offline([fileA, '--receipt', vector('tampered-two-thirds.json'), '--trust', GENESIS]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^INVALID RECEIPT {2}/);
    expect(result.stdout).toContain('failed    commit-signatures: the commit: signers hold power 40 of 60, not more than 2/3');
  });

  it('checks a salted item with --salt, and refuses it without', async () => {
    const salt = evidenceOf('good-salted').salt!;
    const ok = await offline([salted, '--receipt', vector('good-salted.json'), '--trust', GENESIS, '--salt', salt]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('= H(salt ‖ file digest)');
    const missing = await offline([salted, '--receipt', vector('good-salted.json'), '--trust', GENESIS]);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('failed    item-digest:');
  });

  it('reads a trust file as receipt-format.md §5 says: a genesis of chainId, genesisTimeMs and validators alone', async () => {
    const result = await offline([fileA, '--receipt', vector('good-evidence.json'), '--trust', vector('genesis-minimal.json'), '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as { valid: boolean }).valid).toBe(true);
  });

  it('accepts a trusted-header file as the trust anchor', async () => {
    const result = await offline([fileA, '--receipt', vector('good-evidence-trusted-header.json'), '--trust',
      vector('trusted-header.json'), '--json']);
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout) as { valid: boolean; anchor: { height: number; trustHeight: number; setChanges: number } };
    expect(doc.valid).toBe(true);
    expect(doc.anchor).toMatchObject({ height: 8, trustHeight: 5, setChanges: 1 });
  });

  it('--json names every check that ran and the one that failed', async () => {
    const result = await offline([fileA, '--receipt', vector('tampered-header-time-second.json'), '--trust', GENESIS, '--json']);
    expect(result.code).toBe(1);
    const doc = JSON.parse(result.stdout) as { valid: boolean; failed: string; checks: { id: string; ok: boolean }[]; skipped: string[] };
    expect(doc.valid).toBe(false);
    expect(doc.failed).toBe('commit-block');
    expect(doc.checks.at(-1)).toMatchObject({ id: 'commit-block', ok: false });
    expect(doc.skipped).toEqual(['commit-signatures']);
  });

  // A receipt that is wrong in any way is a verdict (exit 1, the failed check named), never an
  // error: a court must be able to tell "this receipt proves nothing" from "the tool could not run".
  const contradicting = join(dir, 'contradicting.json');
  {
    // The readable view says the block is an hour later than the header bytes do.
    const doc = JSON.parse(readFileSync(vector('good-evidence.json'), 'utf8')) as { header: { decoded: { timeMs: number; time: string } } };
    doc.header.decoded.timeMs += 3_600_000;
    doc.header.decoded.time = new Date(doc.header.decoded.timeMs).toISOString();
    writeFileSync(contradicting, JSON.stringify(doc, null, 2));
  }
  const incomplete = join(dir, 'incomplete.json');
  writeFileSync(incomplete, '{"format":"tianping-receipt","version":1}');
  const notProtobuf = join(dir, 'not-a-receipt.bin');
  writeFileSync(notProtobuf, new Uint8Array([0x08, 0x01, 0xff, 0xff, 0xff]));

  it.each([
    ['decoded view contradicting its bytes', contradicting,
      'format: receipt JSON: $.header.decoded.timeMs does not match what $.header.hex decodes to'],
    ['JSON missing fields', incomplete, 'format: receipt JSON: $.chainId is missing'],
    ['bytes that are not a protobuf receipt', notProtobuf, 'format: receipt protobuf:'],
  ])('exits 1 naming the format check for a receipt with %s', async (_what, receipt, failed) => {
    const result = await offline([fileA, '--receipt', receipt, '--trust', GENESIS]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^INVALID RECEIPT {2}/);
    expect(result.stdout).toContain(`failed    ${failed}`);
    expect(result.stdout).toContain('passed    (none)');
  });

  it('--json reports a receipt that does not parse as the failed format check, every other check not run', async () => {
    const result = await offline([fileA, '--receipt', contradicting, '--trust', GENESIS, '--json']);
    expect(result.code).toBe(1);
    const doc = JSON.parse(result.stdout) as {
      ok: boolean; valid: boolean; failed: string; reason: string; checks: { id: string; ok: boolean }[]; skipped: string[];
    };
    expect(doc).toMatchObject({ ok: true, valid: false, failed: 'format' });
    expect(doc.reason).toContain('$.header.decoded.timeMs');
    expect(doc.checks).toEqual([expect.objectContaining({ id: 'format', ok: false })]);
    expect(doc.skipped).toEqual([...RECEIPT_CHECKS.slice(1)]);
  });

  it('exits 1 naming the item-digest check for an empty --salt', async () => {
    const salt = await offline([salted, '--receipt', vector('good-salted.json'), '--trust', GENESIS, '--salt', '']);
    expect(salt.stderr).toBe('');
    expect(salt.code).toBe(1);
    expect(salt.stdout).toContain('failed    item-digest: the salt is empty');
    const unsalted = await offline([fileA, '--receipt', vector('good-evidence.json'), '--trust', GENESIS, '--salt', '']);
    expect(unsalted.code).toBe(1);
    expect(unsalted.stdout).toContain('failed    item-digest: a salt was given, but the receipt is for an unsalted item');
  });

  it('exits 2 on errors: unreadable file or receipt, bad trust file, bad flags', async () => {
    const cases: [string[], RegExp][] = [
      [['absent.txt', '--receipt', vector('good-evidence.json'), '--trust', GENESIS], /cannot read absent\.txt/],
      // The tool could not run: that comes before any verdict on the receipt.
      [['absent.txt', '--receipt', contradicting, '--trust', GENESIS], /cannot read absent\.txt/],
      [[fileA, '--receipt', 'absent.json', '--trust', GENESIS], /cannot read receipt absent\.json/],
      [[fileA, '--receipt', vector('good-evidence.json'), '--trust', vector('good-evidence.json')], /trust anchor file: validators is missing/],
      [[fileA, '--receipt', contradicting, '--trust', vector('good-evidence.json')], /trust anchor file: validators is missing/],
      [[fileA, '--receipt', vector('good-evidence.json')], /--receipt needs --trust/],
      [[fileA, '--trust', GENESIS], /--trust and --salt need --receipt/],
      [[fileA, '--receipt', vector('good-evidence.json'), '--trust', GENESIS, '--node', 'http://127.0.0.1:1'], /--node does not apply/],
      [[fileA, '--receipt', vector('good-evidence.json'), '--trust', GENESIS, '--salt', 'xyz'], /--salt must be hex/],
    ];
    const results = await Promise.all(cases.map(([args]) => offline(args)));
    cases.forEach(([args, message], i) => {
      const result = results[i]!;
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(message);
      expect(result.stderr).not.toContain('NETWORK ACCESS');
    });
  });
});
