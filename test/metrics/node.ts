// A real node for the metrics tests: startNode (the composition root, so the wiring itself is under
// test) on a dev chain in a temporary directory, with p2p listening on loopback, and its /metrics
// scraped over HTTP.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { initDevChain } from '../../src/cli/commands/init.js';
import { buildAnchorTx } from '../../src/client/tx.js';
import { loadConfig } from '../../src/config/index.js';
import { readKeyFile } from '../../src/crypto/keyfile.js';
import type { KeyPair } from '../../src/crypto/ed25519.js';
import { parseExposition, type Exposition } from '../../src/metrics/index.js';
import { startNode, type RunningNode } from '../../src/node/index.js';

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export interface MetricsNode {
  readonly node: RunningNode;
  readonly chainId: string;
  readonly submitter: KeyPair;
  /** GET /metrics: the answer's status, content type and parsed body. */
  scrape(): Promise<{ status: number; contentType: string | null; exposition: Exposition }>;
  /** Anchors a fresh digest and waits for its commit; returns the tx bytes. */
  anchor(seed: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

export async function startMetricsNode(): Promise<MetricsNode> {
  const dir = mkdtempSync(join(tmpdir(), 'tianping-metrics-'));
  const chainId = 'tianping-metrics';
  const dev = initDevChain({ dataDir: dir, genesisPath: join(dir, 'genesis.json'), nodeKeyPath: join(dir, 'node.key'),
    chainId, validatorName: 'v0', force: false, nowMs: Date.now() - 60_000 });
  const config = loadConfig({ env: {}, flags: { 'data-dir': dir, port: '0', 'log-level': 'silent',
    'p2p-listen': '/ip4/127.0.0.1/tcp/0', 'consensus.blockDelayMs': '1' } });
  const node = await startNode({ config, logger: pino({ level: 'silent' }) });
  const submitter = readKeyFile(dev.submitterKeyPath);
  return {
    node, chainId, submitter,
    async scrape() {
      const response = await fetch(`${node.apiUrl}/metrics`);
      return { status: response.status, contentType: response.headers.get('content-type'),
        exposition: parseExposition(await response.text()) };
    },
    async anchor(seed) {
      const digest = new Uint8Array(32).fill(seed);
      const tx = buildAnchorTx({ chainId, keyPair: submitter, digest, algorithm: 'sha256', category: 'copyright' });
      const response = await fetch(`${node.apiUrl}/v1/txs?wait=commit`, { method: 'POST',
        headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tx: Buffer.from(tx.bytes).toString('base64') }) });
      if (response.status !== 200) throw new Error(`anchor ${seed}: ${response.status} ${await response.text()}`);
      return tx.bytes;
    },
    async close() {
      await node.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The value of the one sample of `name` whose labels include `labels`; undefined when there is none. */
export function valueOf(exposition: Exposition, name: string, labels: Record<string, string> = {}): number | undefined {
  const found = exposition.samples.filter((sample) => sample.name === name
    && Object.entries(labels).every(([key, value]) => sample.labels[key] === value));
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} match ${JSON.stringify(labels)}`);
  return found[0]?.value;
}

/** The sum of every sample of `name` whose labels include `labels`. */
export function sumOf(exposition: Exposition, name: string, labels: Record<string, string> = {}): number {
  return exposition.samples.filter((sample) => sample.name === name
    && Object.entries(labels).every(([key, value]) => sample.labels[key] === value)).reduce((sum, s) => sum + s.value, 0);
}
