// Four validators, each its own process. One is stopped and the newest log of its LevelDB cut in
// half (the end of what it committed is gone); restarted, it finds its tip below its high-water
// mark, re-fetches the lost blocks from its peers, and only then serves reads again. Meanwhile it
// answers 503 LEDGER_REPAIRING, never a 404 or another block for a committed anchor, and the
// others never see a conflicting block.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestnetFiles, startTestnet, startTestnetNode, stopAll, type TestnetLayout, type TestnetNodeHandle }
  from '../../scripts/testnet-lib.js';
import { answersOf, truncateNewestLog } from '../helpers/ledger-damage.js';
import { FAST_NODE_ENV, anchor, assertSameChain, blockHash, heal, height, sleep, waitFor } from './network-helpers.js';

const BASE_PORT = 28_100;
const ANCHORS = 8;

describe('e2e: a validator whose ledger lost its newest blocks while stopped', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tianping-repair-'));
  let layout: TestnetLayout;
  let handles: TestnetNodeHandle[] = [];
  const url = (name: string): string => handles.find((h) => h.name === name)!.node.apiUrl;

  beforeAll(async () => {
    layout = createTestnetFiles({ dir, validators: 4, observers: 0, basePort: BASE_PORT });
    heal(layout);
    handles = await startTestnet(layout, { env: FAST_NODE_ENV });
  }, 120_000);
  afterAll(async () => {
    await stopAll(handles);
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('re-fetches them, answers 503 until then, and then exactly as before', async () => {
    const digests: string[] = [];
    for (let i = 0; i < ANCHORS; i++) digests.push((await anchor(layout, url('node0'), `repair-${i}`)).digest);
    await waitFor('node3 has every anchor', async () => [...(await answersOf(url('node3'), digests)).values()]
      .every((a) => a.status === 200));
    const before = await answersOf(url('node3'), digests);
    const tipBefore = await height(url('node3'));
    const headers: (string | undefined)[] = [];
    for (let h = 1; h <= tipBefore; h++) headers.push(await blockHash(url('node3'), h));

    const node3 = handles.find((h) => h.name === 'node3')!;
    await node3.stop();
    const ledgerDir = join(node3.node.dataDir, 'ledger');
    truncateNewestLog(ledgerDir);
    const restarted = startTestnetNode(layout, 'node3', { env: FAST_NODE_ENV });
    handles = handles.map((h) => (h.name === 'node3' ? restarted : h));
    // From its first answer on: a committed anchor is either as before or 503 LEDGER_REPAIRING.
    let healthy = false;
    const deadline = Date.now() + 60_000;
    while (!healthy && Date.now() < deadline) {
      try {
        const health = await fetch(`${url('node3')}/healthz`);
        if (health.status === 503) expect(((await health.json()) as { code: string }).code).toBe('LEDGER_REPAIRING');
        for (const digest of digests) {
          const response = await fetch(`${url('node3')}/v1/evidence/${digest}`);
          if (response.status === 503) expect(((await response.json()) as { code: string }).code).toBe('LEDGER_REPAIRING');
          else expect((await answersOf(url('node3'), [digest])).get(digest), digest).toEqual(before.get(digest));
        }
        healthy = health.status === 200;
      } catch (error) {
        if (!(error instanceof TypeError)) throw error; // not listening yet
        await sleep(50);
      }
    }
    expect(healthy).toBe(true);
    const log = readFileSync(restarted.node.logFile, 'utf8');
    expect(log).toContain('"event":"ledger.repairing"');
    expect(log).toContain('"event":"ledger.repaired"');
    expect(await answersOf(url('node3'), digests)).toEqual(before);
    for (let h = 1; h <= tipBefore; h++) expect(await blockHash(url('node3'), h), `height ${h}`).toBe(headers[h - 1]);
    // It takes part again, and no node holds another block at any height.
    await anchor(layout, url('node3'), 'after-repair');
    await assertSameChain(handles);
  }, 180_000);
});
