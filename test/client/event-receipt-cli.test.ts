// `tianping verify --receipt EVENT-RECEIPT --trust GENESIS`: an event receipt the node built, checked
// by the CLI as users run it (a child process) with nothing but the genesis: valid, tampered (the
// failed check named, exit 1), and given with a file (a usage error, exit 2).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeEventReceipt, eventReceiptFromJson } from '../../src/client/event-receipt.js';
import { makeTestChain } from '../helpers/chain.js';
import { ledgerWithEvents } from '../helpers/event-block.js';
import { runCli } from '../cli/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'tianping-event-receipt-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tianping verify --receipt with an event receipt (offline)', () => {
  it('verifies a good receipt in JSON and protobuf, refuses a tampered one, and takes no file', async () => {
    const genesis = join(dir, 'genesis.json');
    writeFileSync(genesis, makeTestChain().genesisBytes);
    const { read } = await ledgerWithEvents();
    const { json } = await read.eventReceipt(2, 3);
    const good = join(dir, 'event.json');
    writeFileSync(good, JSON.stringify(json, null, 2));
    const goodBinary = join(dir, 'event.pb');
    writeFileSync(goodBinary, encodeEventReceipt(eventReceiptFromJson(json)));
    const eventHex = json.event.hex;
    const tampered = join(dir, 'tampered.json');
    writeFileSync(tampered, JSON.stringify({ ...json, event: { hex: `${eventHex.slice(0, -2)}00` } }));

    for (const receipt of [good, goodBinary]) {
      const ok = await runCli(['verify', '--receipt', receipt, '--trust', genesis], { cwd: dir });
      expect(ok.stderr).toBe('');
      expect(ok.code).toBe(0);
      expect(ok.stdout).toMatch(/^VALID EVENT RECEIPT/);
      expect(ok.stdout).toContain('event     3 of 7 in its block');
      expect(ok.stdout).toContain('checks    8 passed: format, chain-id, header, event-inclusion, set-changes');
    }
    const bad = await runCli(['verify', '--receipt', tampered, '--trust', genesis, '--json'], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: true, valid: false, kind: 'event', failed: 'event-inclusion' });
    const withFile = await runCli(['verify', genesis, '--receipt', good, '--trust', genesis], { cwd: dir });
    expect(withFile.code).toBe(2);
    expect(withFile.stderr).toContain('an event receipt proves a case event, not a file');
  });
});
