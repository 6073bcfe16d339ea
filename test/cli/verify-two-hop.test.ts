// `tianping verify FILE --receipt TWO-HOP --trust MAIN-GENESIS`: a two-hop receipt built on two chains
// made in the test (test/client/two-hop-fixture.ts), checked by the CLI as users run it (a child
// process) with the main genesis alone: valid in JSON and protobuf (exit 0), altered (exit 1, the
// failed check named), and unusable inputs (exit 2).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeTwoHopReceipt, formatTwoHopReceiptJson, twoHopReceiptToJson } from '../../src/client/two-hop.js';
import { FILE, makeTwoHop, mainGenesisJson } from '../client/two-hop-fixture.js';
import { runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'tianping-two-hop-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, content: string | Uint8Array): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe('tianping verify with a two-hop receipt (offline)', () => {
  const good = makeTwoHop();
  const genesis = write('main-genesis.json', mainGenesisJson());
  const file = write('agreement.txt', FILE);

  it('verifies a good receipt in JSON and protobuf: exit 0, the side item, the recording main block and its signers', async () => {
    for (const receipt of [write('two-hop.json', formatTwoHopReceiptJson(good.receipt)), write('two-hop.pb', encodeTwoHopReceipt(good.receipt))]) {
      const ok = await runCli(['verify', file, '--receipt', receipt, '--trust', genesis], { cwd: dir });
      expect(ok.stderr).toBe('');
      expect(ok.code).toBe(0);
      expect(ok.stdout).toMatch(/^VALID TWO-HOP RECEIPT/);
      expect(ok.stdout).toContain('side      lender-side, registered as "lender" on court-main');
      expect(ok.stdout).toContain(`proved    in the history of side header ${good.h} (height 3`);
      expect(ok.stdout).toContain('signed by 3 of 4 validators, power 30 of 40');
      expect(ok.stdout).toContain('checks    19 passed: format, chain-id, header, tx-inclusion');
    }
  });

  it('an altered receipt or another file is invalid: exit 1 with the failed check, in text and --json', async () => {
    const renamed = write('renamed.json', JSON.stringify({ ...twoHopReceiptToJson(good.receipt), name: 'other' }));
    const bad = await runCli(['verify', file, '--receipt', renamed, '--trust', genesis, '--json'], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: true, valid: false, kind: 'two-hop', failed: 'relay-tx' });
    const short = write('short.pb', encodeTwoHopReceipt(makeTwoHop({ mainSigners: [0, 1] }).receipt));
    const unsigned = await runCli(['verify', file, '--receipt', short, '--trust', genesis], { cwd: dir });
    expect(unsigned.code).toBe(1);
    expect(unsigned.stdout).toMatch(/^INVALID TWO-HOP RECEIPT/);
    expect(unsigned.stdout).toContain('failed    commit-signatures:');
    const other = write('other.txt', 'another file');
    const wrongFile = await runCli(['verify', other, '--receipt', join(dir, 'two-hop.json'), '--trust', genesis], { cwd: dir });
    expect(wrongFile.code).toBe(1);
    expect(wrongFile.stdout).toContain('failed    side-item-digest:');
    const broken = write('broken.json', JSON.stringify({ ...twoHopReceiptToJson(good.receipt), extra: true }));
    const unread = await runCli(['verify', file, '--receipt', broken, '--trust', genesis, '--json'], { cwd: dir });
    expect(unread.code).toBe(1);
    expect(JSON.parse(unread.stdout)).toMatchObject({ valid: false, kind: 'two-hop', failed: 'format' });
  });

  it('no file, or a header hash as the trust anchor, is an error: exit 2', async () => {
    const receipt = join(dir, 'two-hop.json');
    const noFile = await runCli(['verify', '--receipt', receipt, '--trust', genesis], { cwd: dir });
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toContain('give the file the two-hop receipt is for');
    const byHash = await runCli(['verify', file, '--receipt', receipt, '--trusted-header', good.h, '--trust', genesis], { cwd: dir });
    expect(byHash.code).toBe(2);
    expect(byHash.stderr).toContain('main chain\'s genesis');
  });
});
