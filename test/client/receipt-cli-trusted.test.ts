// `tianping verify FILE --receipt R --trusted-header HASH|FILE`: a version 2 receipt checked offline
// against the hash of a trusted header (docs/receipt-format.md §13), run as users run it (a child
// process), on the vectors of test/vectors/receipts/.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../cli/run-cli.js';

const VECTORS = resolve('test/vectors/receipts');
const vector = (name: string): string => join(VECTORS, name);
const GENESIS = vector('genesis.json');
const HASH_FILE = vector('trusted-header-hash.json');
const HASH = (JSON.parse(readFileSync(HASH_FILE, 'utf8')) as { trustedHeaderHash: string }).trustedHeaderHash;

interface ManifestEntry { name: string; evidence: { fileText?: string } }
const manifest = JSON.parse(readFileSync(vector('index.json'), 'utf8')) as { vectors: ManifestEntry[] };

const dir = mkdtempSync(join(tmpdir(), 'tianping-receipt-cli-trusted-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fileA = join(dir, 'contract.txt');
writeFileSync(fileA, manifest.vectors.find((v) => v.name === 'good-evidence-v2')!.evidence.fileText!);

const verify = (args: readonly string[]): Promise<CliResult> => runCli(['verify', fileA, ...args], { cwd: dir });

describe('tianping verify --trusted-header', () => {
  it('exits 0 on a version 2 receipt, with the hash and the genesis for the chain id, or with a hash file', async () => {
    for (const trust of [['--trusted-header', HASH, '--trust', GENESIS], ['--trusted-header', HASH_FILE], ['--trust', HASH_FILE]]) {
      const result = await verify(['--receipt', vector('good-evidence-v2.json'), ...trust]);
      expect(result.stderr, trust.join(' ')).toBe('');
      expect(result.code, trust.join(' ')).toBe(0);
      expect(result.stdout).toMatch(/^VALID RECEIPT {2}/);
      expect(result.stdout).toContain(`trusted header at height 12, block hash ${HASH}`);
      expect(result.stdout).toContain('no validator set was needed');
    }
  });

  it('exits 1 naming the check for a block not in the trusted history, another header, and a version 1 receipt', async () => {
    const cases: [string, string][] = [
      ['tampered-v2-proof-hash.json', 'history-inclusion'], ['tampered-v2-backdated-block.json', 'history-inclusion'],
      ['tampered-v2-trusted-header.json', 'trusted-header'], ['good-evidence.json', 'format'],
    ];
    for (const [receipt, check] of cases) {
      const result = await verify(['--receipt', vector(receipt), '--trusted-header', HASH, '--trust', GENESIS, '--json']);
      expect(result.code, receipt).toBe(1);
      expect(JSON.parse(result.stdout), receipt).toMatchObject({ valid: false, failed: check });
    }
  });

  it('the version 2 receipt given with the genesis alone is refused (format)', async () => {
    const result = await verify(['--receipt', vector('good-evidence-v2.json'), '--trust', GENESIS, '--json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ failed: 'format' });
  });

  it('exits 2 for a hash without a chain id, a hash of the wrong length, or files for two chains', async () => {
    expect((await verify(['--receipt', vector('good-evidence-v2.json'), '--trusted-header', HASH])).code).toBe(2);
    const short = await verify(['--receipt', vector('good-evidence-v2.json'), '--trust', GENESIS, '--trusted-header', HASH.slice(2)]);
    expect(short.code).toBe(2);
    const other = join(dir, 'other-chain.json');
    writeFileSync(other, JSON.stringify({ chainId: 'tianping-other', trustedHeaderHash: HASH }));
    const mixed = await verify(['--receipt', vector('good-evidence-v2.json'), '--trust', GENESIS, '--trusted-header', other]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('tianping-other');
    // The genesis beside a hash gives only the chain id, but an unusable one is still an error (§5, §13.2).
    const unusable = await verify(['--receipt', vector('good-evidence-v2.json'), '--trust', vector('genesis-short-key.json'),
      '--trusted-header', HASH]);
    expect(unusable.code).toBe(2);
    expect(unusable.stderr).toMatch(/key is not 32 bytes/);
  });
});
