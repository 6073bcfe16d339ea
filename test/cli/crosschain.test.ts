// tianping crosschain and tianping relay in the test process against a main and a side node
// listening on loopback: flag errors are usage errors (exit 2) before anything is sent; then a
// validator registers the side chain, the relayer relays it once, a court verifies and records a
// side receipt under a case, and the two-hop receipt is fetched to a file that verifies offline.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as crosschain } from '../../src/cli/commands/crosschain.js';
import { parseTrustingPeriod } from '../../src/cli/commands/crosschain-register.js';
import { run as relay } from '../../src/cli/commands/relay.js';
import { buildAnchorTx } from '../../src/client/tx.js';
import { parseTwoHopReceiptJson } from '../../src/client/two-hop.js';
import { verifyTwoHopReceipt } from '../../src/client/two-hop-verify.js';
import { sha256, writeKeyFile } from '../../src/crypto/index.js';
import { toHex, utf8 } from '../../src/types/index.js';
import type { CaseNode } from '../helpers/case-node.js';
import { SIDE_CHAIN, mainChain, sideChain, startMain, startSide, type MainNode } from '../helpers/crosschain-nodes.js';
import { CASE_NO, CaseChain, DOCUMENT, court, platform, terms, validatorA } from '../state/cases/fixture.js';
import { runInProcess } from './run-cli.js';

const root = mkdtempSync(join(tmpdir(), 'tianping-crosschain-'));
const file = (name: string): string => join(root, name);
const ANCHORED = sha256(utf8('an invoice anchored on the side chain'));

let side: CaseNode;
let main: MainNode;

async function submit(url: string, bytes: Uint8Array): Promise<number> {
  const response = await fetch(`${url}/v1/txs?wait=commit`, { method: 'POST', body: Buffer.from(bytes), headers: { 'content-type': 'application/x-protobuf' } });
  const body = await response.json() as { height: number };
  expect(response.status, JSON.stringify(body)).toBe(200);
  return body.height;
}

beforeAll(async () => {
  side = await startSide();
  main = await startMain(mainChain, { side: side.url }, true);
  writeKeyFile(file('validator.key'), validatorA);
  writeKeyFile(file('platform.key'), platform);
  writeKeyFile(file('court.key'), court);
  writeFileSync(file('side-genesis.json'), JSON.stringify(sideChain.json));
  await submit(side.url, buildAnchorTx({ chainId: SIDE_CHAIN, keyPair: platform, digest: ANCHORED, algorithm: 'sha256', category: 'notarial' }).bytes);
  await submit(side.url, buildAnchorTx({ chainId: SIDE_CHAIN, keyPair: platform, digest: sha256(utf8('later')), algorithm: 'sha256',
    category: 'notarial' }).bytes);
  const caseTxs = new CaseChain(mainChain.genesis);
  await submit(main.url, caseTxs.anchorTx(DOCUMENT, Date.now()).bytes);
  await submit(main.url, caseTxs.createTx(terms([{ amountFen: 100_000, dueAtMs: Date.now() + 3_600_000 }]), Date.now()).bytes);
});

afterAll(async () => {
  await main?.stop();
  await side?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('flag errors', () => {
  it.each([
    [['register', '--name', 'side', '--kind', 'fabric', '--key', 'k'], '--kind must be tianping or c2sp'],
    [['register', '--name', 'bad name', '--kind', 'tianping'], '--name must be'],
    [['register', '--name', 'side', '--kind', 'c2sp', '--origin', 'o', '--log-key', 'k', '--quorum', '2', '--key', 'k'], '--quorum must be'],
    [['register', '--name', 'side', '--kind', 'tianping', '--origin', 'o'], '--origin is for --kind c2sp'],
    [['register', '--name', 'side', '--kind', 'tianping', '--genesis', 'g', '--trusting-period', '2w'], '--trusting-period must be'],
    [['verify', '--chain', 'side'], '--receipt is required'],
    [['verify', '--chain', 'side', '--receipt', 'f', '--digest', 'xyz'], '--digest must be 64 hex'],
    [['receipt', '--chain', 'side', '--out', 'f'], '--digest is required'],
    [['show'], 'missing argument'],
    [['list', '--bogus'], 'Unknown option'],
    [['frobnicate'], 'unknown subcommand'],
  ])('%j is a usage error', async (args, message) => {
    const result = await runInProcess(crosschain, args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it.each([
    [['--to', 'http://127.0.0.1:1', '--key', 'k', '--name', 'side'], '--from is required'],
    [['--from', 'ftp://x', '--to', 'http://127.0.0.1:1', '--key', 'k', '--name', 'side'], 'must be an http:// or https:// URL'],
    [['--from', 'http://a', '--to', 'http://b', '--key', 'k', '--name', 's', '--every-blocks', '0'], '--every-blocks must be a positive integer'],
    [['--from', 'http://a', '--to', 'http://b', '--key', 'k', '--name', 's', '--log-level', 'loud'], '--log-level must be one of'],
  ])('relay %j is a usage error', async (args, message) => {
    const result = await runInProcess(relay, args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('reads trusting periods in days, hours, minutes, seconds and milliseconds', () => {
    expect([parseTrustingPeriod('14d'), parseTrustingPeriod('12h'), parseTrustingPeriod('90m'), parseTrustingPeriod('30s'),
      parseTrustingPeriod('60000')]).toEqual([14 * 86_400_000, 12 * 3_600_000, 90 * 60_000, 30_000, 60_000]);
  });
});

describe('the commands against the nodes', () => {
  it('registers, relays, lists, shows, verifies, records and fetches a two-hop receipt', async () => {
    const registered = await runInProcess(crosschain, ['register', '--name', 'side', '--kind', 'tianping', '--genesis', file('side-genesis.json'),
      '--key', file('validator.key'), '--node', main.url, '--json']);
    expect(registered.code, registered.stderr).toBe(0);
    expect(JSON.parse(registered.stdout)).toMatchObject({ ok: true, proposal: { status: 'approved' } });

    const relayed = await runInProcess(relay, ['--from', side.url, '--to', main.url, '--key', file('platform.key'), '--name', 'side',
      '--every-blocks', '1', '--once', '--log-level', 'info']);
    expect(relayed.code, relayed.stderr + relayed.stdout).toBe(0);
    const logged = relayed.stdout.trim().split('\n').map((line) => JSON.parse(line) as { msg: string; height?: number });
    const tip = side.core.status().latestHeight;
    expect(logged).toContainEqual(expect.objectContaining({ msg: 'header relayed', height: tip }));
    // Nothing new on the side: a second round relays nothing.
    const idle = await runInProcess(relay, ['--from', side.url, '--to', main.url, '--key', file('platform.key'), '--name', 'side', '--once']);
    expect(idle.code).toBe(0);
    expect(idle.stdout).not.toContain('header relayed');

    const list = await runInProcess(crosschain, ['list', '--node', main.url]);
    expect(list.stdout).toMatch(/^side\s+tianping\s+active\s+height \d+/);
    const show = await runInProcess(crosschain, ['show', 'side', '--node', main.url, '--json']);
    expect(JSON.parse(show.stdout).chain.latestHeight).toBe(tip);

    const receipt = await (await fetch(`${side.url}/v1/evidence/${toHex(ANCHORED)}/receipt`)).text();
    writeFileSync(file('side-receipt.json'), receipt);
    const verified = await runInProcess(crosschain, ['verify', '--chain', 'side', '--receipt', file('side-receipt.json'), '--node', main.url]);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toContain('VALID: side (tianping)');
    const wrong = await runInProcess(crosschain, ['verify', '--chain', 'side', '--receipt', file('side-receipt.json'), '--digest', 'ab'.repeat(32),
      '--node', main.url, '--json']);
    expect(wrong.code).toBe(1);
    expect(JSON.parse(wrong.stdout).verdict).toMatchObject({ valid: false, failedCheck: 'item-digest' });

    const recorded = await runInProcess(crosschain, ['record', '--case', CASE_NO, '--chain', 'side', '--receipt', file('side-receipt.json'),
      '--key', file('court.key'), '--node', main.url, '--json']);
    expect(recorded.code, recorded.stderr).toBe(0);
    expect(JSON.parse(recorded.stdout)).toMatchObject({ ok: true, verdict: { valid: true } });
    const refused = await runInProcess(crosschain, ['record', '--case', 'NO-SUCH-CASE', '--chain', 'side', '--receipt', file('side-receipt.json'),
      '--key', file('court.key'), '--node', main.url, '--json']);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({ ok: false, error: { code: 'CASE_UNKNOWN' } });

    const fetched = await runInProcess(crosschain, ['receipt', '--chain', 'side', '--digest', toHex(ANCHORED), '--out', file('two-hop.json'),
      '--node', main.url]);
    expect(fetched.code, fetched.stderr).toBe(0);
    const twoHop = parseTwoHopReceiptJson(readFileSync(file('two-hop.json'), 'utf8'));
    expect(verifyTwoHopReceipt(twoHop, { fileDigest: ANCHORED }, mainChain.genesis).valid).toBe(true);
  });

  it('reports an unknown chain as the node\'s refusal, exit 2', async () => {
    writeFileSync(file('empty.json'), '{}');
    const result = await runInProcess(crosschain, ['verify', '--chain', 'nowhere', '--receipt', file('empty.json'), '--node', main.url]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('FOREIGN_CHAIN_UNKNOWN');
  });
});

describe('a relayer that sees a conflicting header', () => {
  it('submits the recorded update and the side node\'s header as misbehaviour, and the chain freezes', async () => {
    // Two nodes of one side genesis and validator that committed different blocks at height 1: a fork with valid commits.
    const honest = await startSide();
    const fork = await startSide();
    try {
      await submit(honest.url, buildAnchorTx({ chainId: SIDE_CHAIN, keyPair: platform, digest: sha256(utf8('honest')), algorithm: 'sha256',
        category: 'notarial' }).bytes);
      await submit(fork.url, buildAnchorTx({ chainId: SIDE_CHAIN, keyPair: platform, digest: sha256(utf8('fork')), algorithm: 'sha256',
        category: 'notarial' }).bytes);
      const registered = await runInProcess(crosschain, ['register', '--name', 'forked', '--kind', 'tianping', '--genesis',
        file('side-genesis.json'), '--key', file('validator.key'), '--node', main.url]);
      expect(registered.code, registered.stderr).toBe(0);
      const args = ['--to', main.url, '--key', file('platform.key'), '--name', 'forked', '--every-blocks', '1', '--once'];
      expect((await runInProcess(relay, ['--from', honest.url, ...args])).code).toBe(0);
      const conflict = await runInProcess(relay, ['--from', fork.url, ...args]);
      expect(conflict.code, conflict.stdout).toBe(0);
      expect(conflict.stdout).toContain('the side node serves another header at a trusted height');
      expect(conflict.stdout).toContain('misbehaviour submitted');
      const shown = JSON.parse((await runInProcess(crosschain, ['show', 'forked', '--node', main.url, '--json'])).stdout);
      expect(shown.chain).toMatchObject({ standing: 'frozen', freeze: { height: 1 } });
      // A frozen chain takes no more updates: the relayer says so and exits 1.
      expect((await runInProcess(relay, ['--from', honest.url, ...args])).code).toBe(1);
    } finally {
      await honest.stop();
      await fork.stop();
    }
  });
});
