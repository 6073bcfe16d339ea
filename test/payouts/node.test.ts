// A node with payouts.enabled: the dispatcher opens its files in the data directory, the webhook
// route answers on the node's own API (signed, or 401 problem+json), and the node closes with it;
// a missing executor key stops the start with nothing left locked.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { initDevChain } from '../../src/cli/commands/init.js';
import { loadConfig, type NodeConfig } from '../../src/config/index.js';
import { writeKeyFile } from '../../src/crypto/index.js';
import { signWebhook } from '../../src/gateway/webhook-signature.js';
import { writeAccountKey } from '../../src/payouts/account-store.js';
import { startNode, type RunningNode } from '../../src/node/index.js';
import { executorKey } from './fakes.js';

const SECRET = 'node-webhook-secret-01';
const dirs: string[] = [];
const nodes: RunningNode[] = [];
afterEach(async () => {
  for (const node of nodes.splice(0)) await node.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tianping-payout-node-'));
  dirs.push(dir);
  initDevChain({ dataDir: dir, genesisPath: join(dir, 'genesis.json'), nodeKeyPath: join(dir, 'node.key'), chainId: 'payout-node',
    validatorName: 'v0', force: false, nowMs: Date.now() - 60_000 });
  return dir;
}

function config(dir: string): NodeConfig {
  return loadConfig({ env: {}, flags: { 'data-dir': dir, port: '0', 'log-level': 'silent', 'payouts.enabled': 'true',
    'payouts.gatewayUrl': 'http://127.0.0.1:9', 'payouts.fromAccount': 'case-account', 'payouts.webhookSecrets': SECRET } });
}

describe('a node with payouts.enabled', () => {
  it('runs the dispatcher from its data directory and takes signed webhooks on its API', async () => {
    const dir = dataDir();
    writeKeyFile(join(dir, 'executor.key'), executorKey);
    writeAccountKey(join(dir, 'payout-accounts.key'));
    const node = await startNode({ config: config(dir), logger: pino({ level: 'silent' }) });
    nodes.push(node);
    expect(existsSync(join(dir, 'payouts-outbox'))).toBe(true);
    const body = JSON.stringify({ key: 'cd'.repeat(32), status: 'settled', bankRef: 'REF-1', valueDate: '2026-12-07' });
    const post = (signature: string): Promise<Response> => fetch(`${node.apiUrl}/v1/payouts/webhook`, { method: 'POST', body,
      headers: { 'content-type': 'application/json', 'x-signature': signature } });
    const good = await post(signWebhook(SECRET, Math.floor(Date.now() / 1000), body));
    expect(good.status).toBe(200);
    // No entry waits for this transfer: nothing changes.
    expect(await good.json()).toEqual({ result: 'ignored' });
    const bad = await post(signWebhook('another-secret-000000', Math.floor(Date.now() / 1000), body));
    expect(bad.status).toBe(401);
    expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await bad.json()).toMatchObject({ code: 'WEBHOOK_SIGNATURE_INVALID' });
    // The rest of the API keeps its own JSON parsing.
    expect((await fetch(`${node.apiUrl}/v1/txs`, { method: 'POST', body: '{', headers: { 'content-type': 'application/json' } })).status).toBe(400);
  });

  it('refuses to start without the executor key, and leaves the data directory unlocked', async () => {
    const dir = dataDir();
    writeAccountKey(join(dir, 'payout-accounts.key'));
    await expect(startNode({ config: config(dir), logger: pino({ level: 'silent' }) })).rejects.toThrow(/executor\.key/);
    writeKeyFile(join(dir, 'executor.key'), executorKey);
    nodes.push(await startNode({ config: config(dir), logger: pino({ level: 'silent' }) }));
  });
});
