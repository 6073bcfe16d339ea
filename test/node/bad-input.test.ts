// Every kind of bad input reaches the real node core through the real API, is answered with a 4xx
// problem+json and a stable code, and commits nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/api/index.js';
import { NodeVerifier } from '../../src/crypto/index.js';
import { Ledger, MemStorage } from '../../src/ledger/index.js';
import { NodeCore } from '../../src/node/index.js';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import { asTimeMs, toBase64, toHex } from '../../src/types/index.js';
import { GENESIS_TIME_MS, anchorTxBytes, digestOf, makeTestChain } from '../helpers/chain.js';

const NOW_MS = GENESIS_TIME_MS + 60_000;
// The chain's clock starts at NOW_MS and runs at real speed, so the producer's timers fire.
const startedAtMs = Date.now();
const clock = { nowMs: () => asTimeMs(NOW_MS + (Date.now() - startedAtMs)) };
const chain = makeTestChain();

let storage: MemStorage;
let core: NodeCore;
let app: FastifyInstance;

async function openNode(): Promise<void> {
  const ledger = await Ledger.open(storage, chain.genesis, chain.genesisHash);
  core = new NodeCore({
    genesis: chain.genesis, ledger, key: chain.validator, verifier: new NodeVerifier(),
    clock, logger: pino({ level: 'silent' }), moniker: 'test', version: 'test',
    mempool: { txsMax: 100, bytesMax: 1 << 20 }, consensus: { ...DEFAULT_CONFIG.consensus, heartbeatIntervalMs: 60_000, blockDelayMs: 1 },
  });
  app = await buildApp(core, {
    bodyBytesMax: 64 * 1024, commitWaitMsMax: 5_000, evidencePageMax: 100, logger: false, version: 'test',
    signatureWindowMs: DEFAULT_CONFIG.api.signatureWindowMs, clock,
  });
  await core.start();
}

async function closeNode(): Promise<void> {
  await core.stop();
  await app.close();
}

beforeEach(async () => {
  storage = new MemStorage();
  await openNode();
});
afterEach(closeNode);

async function post(payload: string | Buffer, contentType = 'application/json', query = '?wait=commit') {
  return app.inject({ method: 'POST', url: `/v1/txs${query}`, headers: { 'content-type': contentType }, payload });
}

function expectProblem(response: { statusCode: number; headers: Record<string, unknown>; json(): unknown },
  status: number, code: string): void {
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = response.json() as { code: string; status: number };
  expect({ status: response.statusCode, code: body.code }).toEqual({ status, code });
  expect(body.status).toBe(status);
}

async function expectNothingCommitted(): Promise<void> {
  const latest = await core.block('latest');
  // Only heartbeat blocks could exist; none carries a tx.
  expect(latest === undefined || latest.txCount === 0).toBe(true);
}

describe('bad input through the API is refused and commits nothing', () => {
  const cases: [string, () => Promise<Awaited<ReturnType<typeof post>>>, number, string][] = [
    ['malformed JSON', () => post('{"tx": '), 400, 'BODY_MALFORMED'],
    ['malformed base64', () => post(JSON.stringify({ tx: 'not base64!!' })), 400, 'BASE64_INVALID'],
    ['malformed protobuf', () => post(Buffer.from([0x0a, 0xff, 0xff]), 'application/x-protobuf'), 400, 'TX_MALFORMED'],
    ['oversized body', () => post(JSON.stringify({ tx: 'A'.repeat(100_000) })), 413, 'BODY_TOO_LARGE'],
    ['wrong chain id', () => post(JSON.stringify({ tx: toBase64(anchorTxBytes(chain, digestOf('a'), { chainId: 'other-chain' })) })), 422, 'TX_WRONG_CHAIN'],
    ['bad signature', async () => {
      const bytes = anchorTxBytes(chain, digestOf('b'));
      bytes[bytes.length - 1]! ^= 1;
      return post(JSON.stringify({ tx: toBase64(bytes) }));
    }, 422, 'TX_BAD_SIGNATURE'],
    ['expired tx', () => post(JSON.stringify({ tx: toBase64(anchorTxBytes(chain, digestOf('c'), { expiresAtMs: NOW_MS - 1 })) })), 422, 'TX_EXPIRED'],
    ['unknown category', () => post(JSON.stringify({ tx: toBase64(anchorTxBytes(chain, digestOf('d'), { category: 'no-such-category' })) })), 422, 'CATEGORY_UNKNOWN'],
    ['signer not a member', () => post(JSON.stringify({ tx: toBase64(anchorTxBytes(chain, digestOf('e'), { key: chain.outsider })) })), 403, 'SIGNER_NOT_MEMBER'],
  ];
  for (const [name, send, status, code] of cases) {
    it(name, async () => {
      expectProblem(await send(), status, code);
      await expectNothingCommitted();
    });
  }

  it('unknown digest → 404 EVIDENCE_NOT_FOUND', async () => {
    expectProblem(await app.inject({ method: 'GET', url: `/v1/evidence/${toHex(digestOf('never'))}` }), 404, 'EVIDENCE_NOT_FOUND');
  });

  it('replayed tx is refused, also after a restart', async () => {
    const tx = JSON.stringify({ tx: toBase64(anchorTxBytes(chain, digestOf('once'), { nonce: 99 })) });
    const first = await post(tx);
    expect(first.statusCode).toBe(200);
    const height = (first.json() as { height: number }).height;
    expectProblem(await post(tx), 409, 'TX_ALREADY_COMMITTED');
    await closeNode();
    storage.crash();
    storage.reopen();
    await openNode();
    expectProblem(await post(tx), 409, 'TX_ALREADY_COMMITTED');
    const evidence = await app.inject({ method: 'GET', url: `/v1/evidence/${toHex(digestOf('once'))}` });
    expect(evidence.statusCode).toBe(200);
    const body = evidence.json() as { total: number; anchors: { height: number }[] };
    expect(body.total).toBe(1);
    expect(body.anchors[0]!.height).toBe(height);
  });

  it('a valid anchor commits and is found with height, time and tx hash', async () => {
    const response = await post(JSON.stringify({ tx: toBase64(anchorTxBytes(chain, digestOf('good'))) }));
    expect(response.statusCode).toBe(200);
    const committed = response.json() as { hash: string; height: number; blockTimeMs: number };
    const evidence = (await app.inject({ method: 'GET', url: `/v1/evidence/${toHex(digestOf('good'))}` })).json() as
      { anchors: { txHash: string; height: number; blockTimeMs: number; submitterName: string }[] };
    expect(evidence.anchors[0]).toMatchObject({ txHash: committed.hash, height: committed.height,
      blockTimeMs: committed.blockTimeMs, submitterName: 'dev-platform' });
  });
});
