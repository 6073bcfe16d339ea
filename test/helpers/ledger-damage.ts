// Damage as a disk does it, on a stopped node's LevelDB directory: the newest write-ahead log cut
// short (a torn write, a lost page cache) or bytes flipped in its middle (a bad sector). And a dev
// node's data directory with anchors committed through the real API, every answer recorded.
import { openSync, readdirSync, readFileSync, statSync, truncateSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { encodeSignedTx, encodeTxBody, txSignBytes } from '../../src/codec/index.js';
import { readKeyFile, sha256, sign, type KeyPair } from '../../src/crypto/index.js';
import { parseGenesis, type Genesis } from '../../src/state/index.js';
import { toBase64, toHex, utf8 } from '../../src/types/index.js';

/** The newest `NNNNNN.log` of a LevelDB directory (the one LevelDB writes now). */
export function newestLog(dbDir: string): string {
  const logs = readdirSync(dbDir).filter((name) => /^\d{6}\.log$/.test(name)).sort();
  const newest = logs.at(-1);
  if (newest === undefined) throw new Error(`no .log in ${dbDir}`);
  return join(dbDir, newest);
}

/** Cuts the newest log to half its length; returns its path and the length it had. */
export function truncateNewestLog(dbDir: string): { path: string; bytes: number } {
  const path = newestLog(dbDir);
  const bytes = statSync(path).size;
  truncateSync(path, Math.floor(bytes / 2));
  return { path, bytes };
}

/** Overwrites 16 bytes in the middle of the newest log with their complement. */
export function flipNewestLog(dbDir: string): { path: string; bytes: number } {
  const path = newestLog(dbDir);
  const data = readFileSync(path);
  const at = Math.floor(data.length / 2);
  const flipped = Buffer.from(data.subarray(at, at + 16).map((b) => b ^ 0xff));
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, flipped, 0, flipped.length, at);
  } finally {
    closeSync(fd);
  }
  return { path, bytes: data.length };
}

export function devChainOf(dataDir: string): { genesis: Genesis; submitter: KeyPair } {
  return { genesis: parseGenesis(JSON.parse(readFileSync(join(dataDir, 'genesis.json'), 'utf8'))),
    submitter: readKeyFile(join(dataDir, 'submitter.key')) };
}

export function anchorTx(genesis: Genesis, key: KeyPair, digest: Uint8Array, nonce: number): Uint8Array {
  const body = encodeTxBody({ chainId: genesis.chainId, signer: key.publicKey, nonce, expiresAtMs: Date.now() + 600_000,
    anchorEvidence: { algorithm: 1, digest, category: genesis.categories[0]! } });
  return encodeSignedTx(body, sign(key.seed, txSignBytes(genesis.chainId, body)));
}

export const digestNumber = (label: string, n: number): Uint8Array => sha256(utf8(`${label}-${n}`));

/** Anchors `count` digests one by one through POST /v1/txs?wait=commit; returns the digests (hex). */
export async function anchorMany(apiUrl: string, genesis: Genesis, key: KeyPair, label: string, count: number,
  nonceBase = 0): Promise<string[]> {
  const digests: string[] = [];
  for (let i = 0; i < count; i++) {
    const digest = digestNumber(label, i);
    const response = await fetch(`${apiUrl}/v1/txs?wait=commit`, { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tx: toBase64(anchorTx(genesis, key, digest, nonceBase + i + 1)) }) });
    if (response.status !== 200) throw new Error(`anchor ${i}: ${response.status} ${await response.text()}`);
    digests.push(toHex(digest));
  }
  return digests;
}

export interface Answer {
  readonly status: number;
  readonly anchors: string;
}

/** What a node answers for each digest: the status and the anchors (height, block hash, tx hash). */
export async function answersOf(apiUrl: string, digests: readonly string[]): Promise<Map<string, Answer>> {
  const answers = new Map<string, Answer>();
  for (const digest of digests) {
    const response = await fetch(`${apiUrl}/v1/evidence/${digest}`);
    const body = (await response.json()) as { anchors?: { height: number; blockHash: string; txHash: string }[] };
    answers.set(digest, { status: response.status,
      anchors: JSON.stringify((body.anchors ?? []).map((a) => [a.height, a.blockHash, a.txHash])) });
  }
  return answers;
}
