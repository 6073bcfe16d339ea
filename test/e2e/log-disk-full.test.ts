// A node whose log cannot be written (stdout on a full disk) keeps committing and answering: the log
// is not the ledger. /dev/full answers every write with ENOSPC, as a full disk under the log would.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, freePort } from './node-process.js';
import { encodeSignedTx, encodeTxBody, txSignBytes } from '../../src/codec/index.js';
import { readKeyFile, sign, sha256 } from '../../src/crypto/index.js';
import { parseGenesis } from '../../src/state/index.js';
import { toBase64, toHex, utf8 } from '../../src/types/index.js';

const CLI = join(PROJECT_ROOT, 'src', 'cli', 'main.ts');
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Anchors one digest with the dev chain's submitter key and waits for its commit. */
async function anchorOnDevNode(dataDir: string, url: string): Promise<{ digest: string; height: number }> {
  const genesis = parseGenesis(JSON.parse(readFileSync(join(dataDir, 'genesis.json'), 'utf8')));
  const key = readKeyFile(join(dataDir, 'submitter.key'));
  const digest = sha256(utf8(`log-full-${Date.now()}`));
  const body = encodeTxBody({ chainId: genesis.chainId, signer: key.publicKey, nonce: 1, expiresAtMs: Date.now() + 600_000,
    anchorEvidence: { algorithm: 1, digest, category: genesis.categories[0]! } });
  const tx = encodeSignedTx(body, sign(key.seed, txSignBytes(genesis.chainId, body)));
  const response = await fetch(`${url}/v1/txs?wait=commit`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tx: toBase64(tx) }),
  });
  expect(response.status).toBe(200);
  const { height } = (await response.json()) as { height: number };
  return { digest: toHex(digest), height };
}

describe.skipIf(!existsSync('/dev/full'))('a node whose log disk is full', () => {
  let child: ChildProcess | undefined;
  let dir = '';

  afterEach(async () => {
    if (child !== undefined && child.exitCode === null) {
      child.kill('SIGKILL');
      await new Promise((resolve) => child?.once('exit', resolve));
    }
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  it('stays up, commits and answers while every log write fails with ENOSPC', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tianping-logfull-'));
    const port = await freePort();
    const full = openSync('/dev/full', 'w');
    let stderr = '';
    try {
      // Info level: the node logs at start and at every commit, so writes fail from the first line on.
      child = spawn(process.execPath, ['--import', 'tsx', CLI, 'start', '--dev', '--data-dir', dir, '--port', String(port)],
        { cwd: PROJECT_ROOT, stdio: ['ignore', full, 'pipe'], env: { ...process.env, TIANPING_LOG_LEVEL: 'info' } });
    } finally {
      closeSync(full);
    }
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const url = `http://127.0.0.1:${port}`;
    let healthy = false;
    for (let i = 0; i < 300 && !healthy; i++) {
      if (child.exitCode !== null) break;
      healthy = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
      if (!healthy) await sleep(200);
    }
    expect(child.exitCode, `node exited; stderr: ${stderr}`).toBeNull();
    expect(healthy).toBe(true);
    const anchored = await anchorOnDevNode(dir, url);
    expect(anchored.height).toBeGreaterThan(0);
    const found = await fetch(`${url}/v1/evidence/${anchored.digest}`);
    expect(found.status).toBe(200);
    expect(child.exitCode).toBeNull();
  });
});
