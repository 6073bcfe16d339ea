// Runs the outside verifier (verify_receipt.py, written from docs/receipt-format.md alone) over every
// receipt vector and holds each verdict to the vector's expectation: the spec is complete only if an
// implementation that owes nothing to the SDK agrees with it everywhere.
import { execFile, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('./verify_receipt.py', import.meta.url));
const DIFFERENTIAL = fileURLToPath(new URL('./differential.py', import.meta.url));
const VECTORS = fileURLToPath(new URL('../vectors/receipts/', import.meta.url));
const IN_CI = process.env['CI'] === 'true';
// No __pycache__ left in the tree by a test run.
const PY_ENV = { ...process.env, PYTHONDONTWRITEBYTECODE: '1' };

const pythonFound = spawnSync('python3', ['--version'], { encoding: 'utf8' }).status === 0;
if (!pythonFound && !IN_CI) {
  console.warn('outside-verifier tests SKIPPED: python3 not found (under CI=true they fail instead)');
}

interface VectorEntry {
  readonly name: string;
  readonly expect: { readonly valid: boolean; readonly failedCheck?: string; readonly error?: string } & Record<string, unknown>;
  readonly protobufSha256?: string;
}
interface VerdictLine {
  readonly name: string;
  readonly ok: boolean;
  readonly failedCheck: string | null;
  readonly error: string | null;
  readonly detail?: string;
  readonly facts?: Record<string, unknown> | null;
  readonly protobufSha256: string | null;
}

const index = JSON.parse(readFileSync(`${VECTORS}index.json`, 'utf8')) as { vectors: VectorEntry[] };

function run(args: readonly string[], script = SCRIPT): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('python3', [script, ...args], { env: PY_ENV, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

describe.skipIf(!pythonFound && !IN_CI)('outside verifier (Python, from the spec alone) on the receipt vectors', () => {
  const lines = new Map<string, VerdictLine>();
  let differential: { code: number; stdout: string; stderr: string } | undefined;

  beforeAll(async () => {
    if (!pythonFound) throw new Error('python3 not found: required when CI=true');
    // One process for every vector: pure-Python Ed25519 is slow, and each signature is checked once.
    // The cases without vectors run beside it, in a second process.
    const [vectorRun, differentialRun] = await Promise.all([run(['--vectors', VECTORS]), run(['--no-sdk'], DIFFERENTIAL)]);
    differential = differentialRun;
    const { code, stdout, stderr } = vectorRun;
    if (code !== 0) throw new Error(`verify_receipt.py --vectors exited ${code}: ${stderr}`);
    for (const text of stdout.split('\n').filter((l) => l.trim() !== '')) {
      const line = JSON.parse(text) as VerdictLine;
      lines.set(line.name, line);
    }
  }, 60_000);

  it('gives one verdict per vector of index.json', () => {
    expect([...lines.keys()].sort()).toEqual(index.vectors.map((v) => v.name).sort());
  });

  it.each(index.vectors.map((v) => [v.name, v] as const))('%s: the same verdict as the SDK', (name, vector) => {
    const line = lines.get(name);
    expect(line, `no verdict for ${name}`).toBeDefined();
    if (line === undefined) return;
    // Three outcomes (section 10): valid, invalid naming the first failed check, or an error with no verdict.
    expect({ ok: line.ok, failedCheck: line.failedCheck, error: line.error }, line.detail ?? '').toEqual({
      ok: vector.expect.valid,
      failedCheck: vector.expect.valid ? null : (vector.expect.failedCheck ?? null),
      error: vector.expect.error ?? null,
    });
    if (vector.expect.valid) {
      const { valid: _valid, ...proved } = vector.expect;
      expect(line.facts).toMatchObject(proved);
    }
    // Every receipt that parses re-encodes to the pinned protobuf form (section 10).
    if (vector.protobufSha256 !== undefined && line.protobufSha256 !== null) {
      expect(line.protobufSha256).toBe(vector.protobufSha256);
    }
  });

  it('gives the outcome the page gives to each receipt no vector holds (differential.py --no-sdk)', () => {
    expect(differential?.code, differential?.stderr).toBe(0);
    const results = (differential?.stdout ?? '').split('\n').filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as { case?: string; page?: string; python?: string; cases?: number });
    const cases = results.filter((r) => r.case !== undefined);
    expect(cases.length).toBeGreaterThan(50);
    expect(cases.filter((r) => r.python !== r.page)).toEqual([]);
  });

  it('prints the one-line verdict of a single receipt, exit 0 valid and 2 for an unusable trust anchor', async () => {
    const good = await run([`${VECTORS}good-evidence.json`, '--trust', `${VECTORS}genesis.json`,
      '--file-digest', '894c6482682c174c0569579c2779b795760163876e0880e7280069ee2f44ce16']);
    expect(good.code).toBe(0);
    expect(JSON.parse(good.stdout)).toEqual({ ok: true, failedCheck: null, error: null });
    const badTrust = await run([`${VECTORS}good-evidence-v2.json`, '--trust', `${VECTORS}genesis.json`,
      '--trusted-header', 'abcd', '--file-digest', '894c6482682c174c0569579c2779b795760163876e0880e7280069ee2f44ce16']);
    expect(badTrust.code).toBe(2);
    expect(JSON.parse(badTrust.stdout)).toEqual({ ok: false, failedCheck: null, error: 'trust-anchor' });
  }, 30_000);
});
