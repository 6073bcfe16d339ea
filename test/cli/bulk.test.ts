// tianping anchor --batch / --list against a real node process: indexed and root-only batches,
// receipts that verify offline with the CLI, salts beside (never inside) receipts, and resuming
// after the anchoring process is killed, or after a submission whose fate it never learnt, without
// anchoring any item twice.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatReceiptJson, parseReceiptJson } from '../../src/client/receipt-json.js';
import { verifyReceipt } from '../../src/client/receipt-verify.js';
import { bulkAnchor, type BulkOptions } from '../../src/cli/bulk/run.js';
import { run as runVerify } from '../../src/cli/commands/verify.js';
import { readKeyFile } from '../../src/crypto/index.js';
import { parseGenesis, type Genesis } from '../../src/state/genesis.js';
import { fromBase64, fromHex, toHex } from '../../src/types/index.js';
import { txHash } from '../../src/codec/index.js';
import { NodeProcess, PROJECT_ROOT, freePort, getJson, runCli } from '../e2e/node-process.js';
import { runInProcess } from './run-cli.js';

const CLI = join(PROJECT_ROOT, 'src', 'cli', 'main.ts');

interface JournalLine { type: string; n?: number; b?: number; txHash?: string; items?: [number, number][]; path?: string; digest?: string }

function journalOf(receiptsDir: string): JournalLine[] {
  return readFileSync(join(receiptsDir, 'journal.jsonl'), 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as JournalLine);
}

const sha256Hex = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

/** n files with distinct contents, some in a subfolder; returns their names relative to `folder`. */
function makeFiles(folder: string, n: number, label: string): string[] {
  mkdirSync(join(folder, 'sub'), { recursive: true });
  const names: string[] = [];
  for (let i = 0; i < n; i++) {
    const name = i % 3 === 0 ? `sub/${label}-${i}.txt` : `${label}-${i}.txt`;
    writeFileSync(join(folder, name), `${label} evidence ${i} ${Math.random()}`);
    names.push(name);
  }
  return names;
}

async function forEachLimited<T>(inputs: readonly T[], limit: number, body: (input: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < inputs.length) await body(inputs[next++]!);
  }));
}

describe('tianping anchor --batch / --list with a real node', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tianping-bulk-'));
  const dataDir = join(dir, 'data');
  const genesisPath = join(dataDir, 'genesis.json');
  const env = { TIANPING_DATA_DIR: dataDir };
  let node: NodeProcess;
  let genesis: Genesis;

  beforeAll(async () => {
    node = new NodeProcess(dataDir, await freePort());
    await node.start();
    genesis = parseGenesis(JSON.parse(readFileSync(genesisPath, 'utf8')));
  });
  afterAll(async () => {
    await node.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function anchorCount(digest: string): Promise<number> {
    const { status, body } = await getJson(`${node.url}/v1/evidence/${digest}`);
    return status === 404 ? 0 : body['total'] as number;
  }

  /**
   * Every file's receipt verifies offline from the genesis with `tianping verify` (no --node): the
   * command run in this process for each, and the binary itself for the first few (a process per
   * file cost this test ~45 s of tsx start-ups for the same code).
   */
  async function verifyAllWithCli(folder: string, receiptsDir: string, names: readonly string[], salted: boolean): Promise<void> {
    const argsOf = (name: string): string[] => {
      const base = join(receiptsDir, name);
      const salt = salted ? ['--salt', readFileSync(`${base}.salt`, 'utf8').trim()] : [];
      return [join(folder, name), '--receipt', `${base}.receipt.json`, '--trust', genesisPath, ...salt];
    };
    for (const name of names) {
      const { code, stdout, stderr } = await runInProcess(runVerify, argsOf(name));
      expect(code, `${name}: ${stdout}${stderr}`).toBe(0);
      expect(stdout).toMatch(/^VALID RECEIPT/);
    }
    await forEachLimited(names.slice(0, 3), 3, async (name) => {
      const result = await runCli(['verify', ...argsOf(name)]);
      expect(result.code, `${name}: ${result.stdout}${result.stderr}`).toBe(0);
      expect(result.stdout).toMatch(/^VALID RECEIPT/);
    });
  }

  it('indexed, 10 per batch: every file gets a receipt that verifies offline; a copy is anchored once', { timeout: 180_000 }, async () => {
    const folder = join(dir, 'indexed');
    const names = makeFiles(folder, 50, 'indexed');
    writeFileSync(join(folder, 'copy-of-0.txt'), readFileSync(join(folder, names[0]!)));
    names.push('copy-of-0.txt');

    const result = await runCli(['anchor', '--batch', folder, '--batch-size', '10', '--node', node.url, '--json'], env);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { ok: boolean; items: { total: number; committed: number; duplicates: number };
      batches: { status: string; items: number }[]; receiptsDir: string };
    expect(report).toMatchObject({ ok: true, items: { total: 51, committed: 51, duplicates: 1 } });
    expect(report.batches.map((b) => [b.status, b.items])).toEqual(Array.from({ length: 5 }, () => ['committed', 10]));
    const receiptsDir = join(folder, '.tianping-receipts');
    expect(report.receiptsDir).toBe(receiptsDir);

    await verifyAllWithCli(folder, receiptsDir, names, false);
    for (const name of names) expect(await anchorCount(sha256Hex(readFileSync(join(folder, name))))).toBe(1);
    // A receipt file is exactly what the node serves for that item, as formatReceiptJson writes it.
    const journal = journalOf(receiptsDir);
    const firstBatch = journal.find((l) => l.type === 'batch')!;
    const firstItem = journal.find((l) => l.type === 'item' && l.n === firstBatch.items![0]![0])!;
    const served = await fetch(`${node.url}/v1/evidence/${firstItem.digest!}/receipt?tx=${firstBatch.txHash!}`).then((r) => r.text());
    expect(readFileSync(join(receiptsDir, `${firstItem.path!}.receipt.json`), 'utf8')).toBe(formatReceiptJson(parseReceiptJson(served)));

    // Running it again anchors nothing and writes nothing: the journal says all is done.
    const again = await runCli(['anchor', '--batch', folder, '--batch-size', '10', '--node', node.url, '--json'], env);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: true, items: { committed: 51, receiptsWritten: 0 } });
    expect(journalOf(receiptsDir).filter((l) => l.type === 'batch')).toHaveLength(5);
    for (const name of names.slice(0, 5)) expect(await anchorCount(sha256Hex(readFileSync(join(folder, name))))).toBe(1);
  });

  it('root-only and salted, from a list: one tx for every item; each receipt verifies with its salt, which it never holds',
    { timeout: 180_000 }, async () => {
      const folder = join(dir, 'rootonly');
      const names = makeFiles(folder, 50, 'rootonly');
      const list = join(folder, 'files.txt');
      writeFileSync(list, names.join('\n') + '\n');

      const result = await runCli(['anchor', '--list', list, '--root-only', '--salted', '--node', node.url, '--json'], env);
      expect(result.code, result.stderr).toBe(0);
      const report = JSON.parse(result.stdout) as { ok: boolean; batches: { txHash: string; status: string; items: number }[] };
      expect(report.batches).toHaveLength(1);
      expect(report.batches[0]).toMatchObject({ status: 'committed', items: 50 });
      const receiptsDir = `${list}.receipts`;

      for (const name of names) {
        const base = join(receiptsDir, name);
        const salt = readFileSync(`${base}.salt`, 'utf8').trim();
        expect(salt).toMatch(/^[0-9a-f]{64}$/);
        expect(statSync(`${base}.salt`).mode & 0o777).toBe(0o600);
        const receiptText = readFileSync(`${base}.receipt.json`, 'utf8');
        expect(receiptText).not.toContain(salt);
        const receipt = parseReceiptJson(receiptText);
        expect(receipt.salted).toBe(true);
        expect(toHex(txHash(receipt.tx))).toBe(report.batches[0]!.txHash);
        // Only the root is on chain: the file digest is found nowhere.
        expect(await anchorCount(sha256Hex(readFileSync(join(folder, name))))).toBe(0);
      }
      await verifyAllWithCli(folder, receiptsDir, names, true);
      const withoutSalt = await runCli(['verify', join(folder, names[0]!), '--receipt', join(receiptsDir, `${names[0]!}.receipt.json`),
        '--trust', genesisPath]);
      expect(withoutSalt.code).toBe(1);
      expect(withoutSalt.stdout).toMatch(/item-digest/);
    });

  it('resumes after SIGKILL: every item anchored exactly once, each with a receipt', { timeout: 180_000 }, async () => {
    const folder = join(dir, 'resume');
    const names = makeFiles(folder, 300, 'resume');
    const receiptsDir = join(folder, '.tianping-receipts');
    const args = ['anchor', '--batch', folder, '--batch-size', '10', '--node', node.url];
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: PROJECT_ROOT, env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    // Watch the journal; kill as soon as the first batch is committed.
    let killed = false;
    while (!killed) {
      if (child.exitCode !== null) throw new Error(`the anchoring process ended before it could be killed (${child.exitCode}): ${stderr}`);
      const text = existsSync(join(receiptsDir, 'journal.jsonl')) ? readFileSync(join(receiptsDir, 'journal.jsonl'), 'utf8') : '';
      if (text.includes('"type":"committed"')) {
        child.kill('SIGKILL');
        killed = true;
      } else {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }
    await exited;
    const interrupted = journalOf(receiptsDir);
    const committedBefore = interrupted.filter((l) => l.type === 'committed').length;
    expect(committedBefore).toBeGreaterThanOrEqual(1);
    // The kill really cut the run short: most batches were never committed.
    expect(committedBefore).toBeLessThan(30);

    const resumed = await runCli([...args, '--json'], env);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ ok: true, items: { total: 300, committed: 300 } });

    const journal = journalOf(receiptsDir);
    const batches = journal.filter((l) => l.type === 'batch');
    const committed = new Set(journal.filter((l) => l.type === 'committed').map((l) => l.b));
    expect(journal.filter((l) => l.type === 'superseded')).toEqual([]);
    expect(committed.size).toBe(batches.length);
    // Each item number sits in exactly one batch.
    const inBatches = batches.flatMap((b) => b.items!.flatMap(([first, count]) => Array.from({ length: count }, (_, i) => first + i)));
    expect(new Set(inBatches).size).toBe(inBatches.length);
    expect(inBatches).toHaveLength(300);

    for (const name of names) {
      const content = readFileSync(join(folder, name));
      expect(await anchorCount(sha256Hex(content)), name).toBe(1);
      const receipt = parseReceiptJson(readFileSync(join(receiptsDir, `${name}.receipt.json`), 'utf8'));
      expect(verifyReceipt(receipt, { file: content }, genesis).valid, name).toBe(true);
    }
  });

  describe('a batch journaled, then the process lost track of it', () => {
    function options(folder: string, fetchImpl: typeof fetch): BulkOptions {
      return {
        url: node.url, source: { kind: 'dir', path: folder }, mode: 'indexed', batchSize: 5, salted: false,
        keyPair: readKeyFile(join(dataDir, 'submitter.key')), category: genesis.categories[0]!, algorithm: 'sha256',
        stderr: () => undefined, stderrIsTty: false, fetch: fetchImpl, retryDelaysMs: [],
      };
    }

    /** Counts the tx submissions and, on the second one, fails as a broken connection would: before or after the node saw it. */
    function faultyFetch(when: 'before' | 'after' | 'never', submitted: string[]): typeof fetch {
      return async (input, init) => {
        const url = String(input instanceof Request ? input.url : input);
        if (init?.method === 'POST' && new URL(url).pathname === '/v1/txs') {
          const bytes = fromBase64((JSON.parse(String(init.body)) as { tx: string }).tx)!;
          submitted.push(toHex(txHash(bytes)));
          if (submitted.length === 2 && when === 'before') throw new TypeError('fetch failed (simulated: connection reset before sending)');
          if (submitted.length === 2 && when === 'after') {
            await (await fetch(input, init)).text();
            throw new TypeError('fetch failed (simulated: connection reset before the answer)');
          }
        }
        return fetch(input, init);
      };
    }

    for (const when of ['before', 'after'] as const) {
      it(`settles the journaled tx when its submission broke ${when} the node saw it (${when === 'before' ? 'resubmitted as is' : 'found committed'}); nothing is anchored twice`, async () => {
        const folder = join(dir, `lost-${when}`);
        const names = makeFiles(folder, 15, `lost-${when}`);
        const first: string[] = [];
        await expect(bulkAnchor(options(folder, faultyFetch(when, first)))).rejects.toThrow(/cannot reach node/);
        const receiptsDir = join(folder, '.tianping-receipts');
        const journaled = journalOf(receiptsDir).filter((l) => l.type === 'batch');
        expect(journaled).toHaveLength(2);
        expect(first).toEqual(journaled.map((b) => b.txHash));

        const second: string[] = [];
        const result = await bulkAnchor(options(folder, faultyFetch('never', second)));
        expect(result.ok).toBe(true);
        // The lost batch is settled under its journaled hash: resubmitted as is when the node never
        // saw it, only looked up when it had committed it; then the third batch goes out.
        const lost = journaled[1]!.txHash!;
        expect(second.filter((hash) => hash === lost)).toHaveLength(when === 'before' ? 1 : 0);
        const journal = journalOf(receiptsDir);
        expect(journal.filter((l) => l.type === 'batch').map((l) => l.txHash).slice(0, 2)).toEqual(journaled.map((b) => b.txHash));
        expect(journal.filter((l) => l.type === 'committed').map((l) => l.b)).toEqual([0, 1, 2]);
        for (const name of names) {
          const digest = sha256Hex(readFileSync(join(folder, name)));
          expect(await anchorCount(digest), name).toBe(1);
          const receipt = parseReceiptJson(readFileSync(join(receiptsDir, `${name}.receipt.json`), 'utf8'));
          expect(toHex(receipt.digest)).toBe(digest);
          expect(verifyReceipt(receipt, { fileDigest: fromHex(digest)! }, genesis).valid).toBe(true);
        }
      });
    }
  });

  it('exit 1 names what the node refused; exit 2 for usage errors', async () => {
    const folder = join(dir, 'refused');
    makeFiles(folder, 3, 'refused');
    const refused = await runCli(['anchor', '--batch', folder, '--category', 'no-such-category', '--node', node.url], env);
    expect(refused.code, refused.stderr).toBe(1);
    expect(refused.stderr).toMatch(/REFUSED CATEGORY_UNKNOWN/);

    const usage = async (args: string[]): Promise<string> => {
      const result = await runCli(['anchor', ...args, '--node', node.url], env);
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(2);
      return result.stderr;
    };
    expect(await usage(['--batch', folder, '--batch-size', '0', '--receipts', join(dir, 'r0')])).toMatch(/--batch-size/);
    expect(await usage(['--batch', folder, '--batch-size', '65536', '--receipts', join(dir, 'r1')])).toMatch(/--batch-size must be 1\.\.10000/);
    expect(await usage(['--batch', folder, '--root-only', '--batch-size', '5', '--receipts', join(dir, 'r2')])).toMatch(/root-only/);
    expect(await usage(['--batch', folder, '--list', join(folder, 'x')])).toMatch(/not both/);
    expect(await usage(['--salted', join(folder, 'refused-1.txt')])).toMatch(/needs --batch/);
    expect(await usage(['--batch', join(dir, 'no-such-dir')])).toMatch(/cannot read/);
    // The refused run's journal is for another category: resuming it with other options is refused.
    expect(await usage(['--batch', folder])).toMatch(/another category/);
  });
});
