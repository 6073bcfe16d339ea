// Durability with a real process: under a steady load of anchors the node is killed with SIGKILL;
// after restart every anchor that had been answered as committed is found, and the ledger is
// consistent from genesis to tip.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeSignedTx, encodeTxBody, txSignBytes } from '../../src/codec/index.js';
import { readKeyFile, sign, sha256, type KeyPair } from '../../src/crypto/index.js';
import { Ledger, LevelStorage } from '../../src/ledger/index.js';
import { genesisHash, parseGenesis } from '../../src/state/index.js';
import { toBase64, toHex, utf8 } from '../../src/types/index.js';
import { NodeProcess, freePort, getJson } from './node-process.js';

interface Committed {
  readonly digest: string;
  readonly hash: string;
  readonly height: number;
}

function anchorBody(chainId: string, key: KeyPair, digest: Uint8Array, nonce: number, category: string): Uint8Array {
  const body = encodeTxBody({ chainId, signer: key.publicKey, nonce, expiresAtMs: Date.now() + 600_000,
    anchorEvidence: { algorithm: 1, digest, category } });
  return encodeSignedTx(body, sign(key.seed, txSignBytes(chainId, body)));
}

describe('e2e: kill -9 under load', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tianping-kill9-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps every anchor answered as committed', async () => {
    const node = new NodeProcess(dataDir, await freePort(), ['--set', 'consensus.blockDelayMs=20']);
    await node.start();
    const genesis = parseGenesis(JSON.parse(readFileSync(join(dataDir, 'genesis.json'), 'utf8')));
    const key = readKeyFile(join(dataDir, 'submitter.key'));
    const committed: Committed[] = [];
    let stop = false;
    let nonce = 0;
    const worker = async (): Promise<void> => {
      while (!stop) {
        const digest = sha256(utf8(`kill9-${nonce}-${Math.random()}`));
        const tx = anchorBody(genesis.chainId, key, digest, ++nonce, genesis.categories[0]!);
        try {
          const response = await fetch(`${node.url}/v1/txs?wait=commit`, {
            method: 'POST', headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ tx: toBase64(tx) }),
          });
          if (response.status === 200) {
            const body = (await response.json()) as { hash: string; height: number };
            committed.push({ digest: toHex(digest), hash: body.hash, height: body.height });
          }
        } catch {
          // The connection dies with the process: that anchor was never answered as committed.
        }
      }
    };
    const workers = Array.from({ length: 8 }, () => worker());
    while (committed.length < 200) await new Promise((r) => setTimeout(r, 20));
    await node.kill9();
    stop = true;
    await Promise.all(workers);

    await node.start();
    const status = await getJson(`${node.url}/v1/status`);
    expect(status.body['latestHeight']).toBeGreaterThanOrEqual(Math.max(...committed.map((c) => c.height)));
    for (const c of committed) {
      const { status: code, body } = await getJson(`${node.url}/v1/evidence/${c.digest}`);
      expect(code, c.digest).toBe(200);
      const anchors = body['anchors'] as { txHash: string; height: number }[];
      expect(anchors.some((a) => a.txHash === c.hash && a.height === c.height), c.digest).toBe(true);
    }
    await node.stop();

    const storage = await LevelStorage.open(join(dataDir, 'ledger'));
    const ledger = await Ledger.open(storage, genesis, genesisHash(readFileSync(join(dataDir, 'genesis.json'))));
    await ledger.checkConsistency();
    await ledger.close();
  });
});
