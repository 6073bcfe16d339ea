// The README's walkthrough, as a test: a dev node started as a real process, a file anchored with
// the CLI, then verified with the CLI and over HTTP; all three agree on height, time and tx hash.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/crypto/hash.js';
import { toHex } from '../../src/types/index.js';
import { NodeProcess, freePort, getJson, runCli } from './node-process.js';

describe('e2e: anchor with the CLI, verify with the CLI and HTTP', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tianping-e2e-'));
  const dataDir = join(dir, 'data');
  let node: NodeProcess;

  beforeAll(async () => {
    node = new NodeProcess(dataDir, await freePort());
    await node.start();
  });
  afterAll(async () => {
    await node.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the same height, block time and tx hash three ways', async () => {
    const file = join(dir, 'contract.pdf');
    const content = Buffer.from(`evidence ${Date.now()}`);
    writeFileSync(file, content);
    const env = { TIANPING_DATA_DIR: dataDir };
    const anchored = await runCli(['anchor', file, '--node', node.url, '--json'], env);
    expect(anchored.code, anchored.stderr).toBe(0);
    const anchor = (JSON.parse(anchored.stdout) as { anchors: { digest: string; txHash: string; height: number; blockTimeMs: number }[] }).anchors[0]!;
    expect(anchor.digest).toBe(toHex(sha256(content)));

    const verified = await runCli(['verify', file, '--node', node.url, '--json'], env);
    expect(verified.code, verified.stderr).toBe(0);
    const cliAnchor = (JSON.parse(verified.stdout) as { anchors: { txHash: string; height: number; blockTimeMs: number }[] }).anchors[0]!;

    const http = await getJson(`${node.url}/v1/evidence/${anchor.digest}`);
    expect(http.status).toBe(200);
    const httpAnchor = (http.body['anchors'] as { txHash: string; height: number; blockTimeMs: number }[])[0]!;

    const expected = { txHash: anchor.txHash, height: anchor.height, blockTimeMs: anchor.blockTimeMs };
    expect({ txHash: cliAnchor.txHash, height: cliAnchor.height, blockTimeMs: cliAnchor.blockTimeMs }).toEqual(expected);
    expect({ txHash: httpAnchor.txHash, height: httpAnchor.height, blockTimeMs: httpAnchor.blockTimeMs }).toEqual(expected);
  });

  it('verify of an altered file exits 1 (not anchored)', async () => {
    const file = join(dir, 'altered.pdf');
    writeFileSync(file, `never anchored ${Date.now()}`);
    const result = await runCli(['verify', file, '--node', node.url], { TIANPING_DATA_DIR: dataDir });
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toMatch(/NOT ANCHORED/);
  });
});
