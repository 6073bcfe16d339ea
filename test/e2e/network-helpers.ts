// Helpers for multi-node end-to-end tests over a real testnet of OS processes on 127.0.0.1.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeSignedTx, encodeTxBody, txSignBytes } from '../../src/codec/index.js';
import { readKeyFile, sign, sha256 } from '../../src/crypto/index.js';
import { toBase64, toHex, utf8 } from '../../src/types/index.js';
import type { TestnetLayout, TestnetNodeHandle } from '../../scripts/testnet-lib.js';

/** Fast settings for tests: short heartbeat so idle chains keep moving, short round timeouts. */
export const FAST_NODE_ENV: Readonly<Record<string, string>> = {
  TIANPING_CONSENSUS_HEARTBEAT_INTERVAL_MS: '700',
  TIANPING_CONSENSUS_TIMEOUT_PROPOSE_MS: '1000',
  TIANPING_CONSENSUS_TIMEOUT_PREVOTE_MS: '500',
  TIANPING_CONSENSUS_TIMEOUT_PRECOMMIT_MS: '500',
  TIANPING_CONSENSUS_REBROADCAST_INTERVAL_MS: '500',
  TIANPING_P2P_DENY_LIST_FILE: 'deny.txt',
  TIANPING_LOG_LEVEL: 'info',
};

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function height(url: string): Promise<number> {
  const response = await fetch(`${url}/v1/status`);
  return ((await response.json()) as { latestHeight: number }).latestHeight;
}

export async function blockHash(url: string, h: number): Promise<string | undefined> {
  // The header route is public; /v1/blocks lists transactions and needs a member's signature.
  const response = await fetch(`${url}/v1/headers/${h}`);
  if (response.status !== 200) return undefined;
  return ((await response.json()) as { hash: string }).hash;
}

/** Polls until cond() holds; fails with the description (and the time waited) otherwise. */
export async function waitFor(description: string, cond: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const startedMs = Date.now();
  while (Date.now() - startedMs < timeoutMs) {
    try {
      if (await cond()) return;
    } catch {
      // A node that is restarting does not answer yet.
    }
    await sleep(200);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for: ${description}`);
}

export async function anchor(layout: TestnetLayout, url: string, label: string): Promise<{ digest: string; hash: string; height: number; blockHash: string }> {
  const key = readKeyFile(layout.submitterKeyFile);
  const digest = sha256(utf8(`${label}-${Date.now()}-${Math.random()}`));
  const body = encodeTxBody({ chainId: layout.chainId, signer: key.publicKey, nonce: Date.now(), expiresAtMs: Date.now() + 600_000,
    anchorEvidence: { algorithm: 1, digest, category: 'copyright' } });
  const tx = encodeSignedTx(body, sign(key.seed, txSignBytes(layout.chainId, body)));
  const response = await fetch(`${url}/v1/txs?wait=commit&timeoutMs=30000`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tx: toBase64(tx) }),
  });
  const json = (await response.json()) as { hash: string; height: number; blockHash: string; code?: string };
  if (response.status !== 200) throw new Error(`anchor failed: ${response.status} ${JSON.stringify(json)}`);
  return { digest: toHex(digest), ...json };
}

/** Cuts every link between the two groups with the nodes' deny lists (the gater refuses them). */
export function partition(layout: TestnetLayout, groups: readonly (readonly string[])[]): void {
  for (const group of groups) {
    const others = layout.nodes.filter((n) => !group.includes(n.name)).map((n) => n.nodeId);
    for (const name of group) {
      const node = layout.nodes.find((n) => n.name === name)!;
      writeFileSync(join(node.dataDir, 'deny.txt'), others.join('\n') + '\n');
    }
  }
}

export function heal(layout: TestnetLayout): void {
  for (const node of layout.nodes) writeFileSync(join(node.dataDir, 'deny.txt'), '');
}

/** Every node has the same block hash at every height up to the lowest tip. */
export async function assertSameChain(handles: readonly TestnetNodeHandle[]): Promise<number> {
  const tips = await Promise.all(handles.map((h) => height(h.node.apiUrl)));
  const top = Math.min(...tips);
  for (let h = 1; h <= top; h++) {
    const hashes = await Promise.all(handles.map((n) => blockHash(n.node.apiUrl, h)));
    if (new Set(hashes).size !== 1) throw new Error(`height ${h}: nodes disagree: ${hashes.join(', ')}`);
  }
  return top;
}
