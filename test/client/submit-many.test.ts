// TianpingClient.submitMany: what it sends (a protobuf TxBatch, signed like any body when a signer
// is set), and end to end: anchor txs built by the SDK go through the real API (app.inject) into a
// real single-validator node core, which admits, refuses and commits each on its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { buildApp } from '../../src/api/index.js';
import { ApiError, TianpingClient, buildAnchorTx, type BuiltTx, type KeyPair } from '../../src/client/index.js';
import { decodeTxBatch, TX_BATCH_TXS_MAX } from '../../src/codec/tx-batch.js';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import { keyPairFromSeed } from '../../src/crypto/ed25519.js';
import { sha256 } from '../../src/crypto/hash.js';
import { NodeVerifier } from '../../src/crypto/verify-node.js';
import { Ledger, MemStorage } from '../../src/ledger/index.js';
import { NodeCore } from '../../src/node/index.js';
import { genesisHash, parseGenesis } from '../../src/state/index.js';
import { asTimeMs, toBase64, toHex, utf8 } from '../../src/types/index.js';

const CHAIN_ID = 'tianping-sdk-bulk';
const key = (label: string): KeyPair => keyPairFromSeed(sha256(utf8(`sdk bulk ${label}`)));

describe('TianpingClient.submitMany: the request', () => {
  it('sends one protobuf TxBatch to /v1/txs/bulk, its bytes signed when a signer is set', async () => {
    const sent: { url: string; init: RequestInit }[] = [];
    const answer = { accepted: 2, refused: 0, results: [] };
    const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
      sent.push({ url: String(input), init: init ?? {} });
      return new Response(JSON.stringify(answer), { status: 200, headers: { 'content-type': 'application/json' } });
    }) as typeof globalThis.fetch;
    const txs = [Uint8Array.of(1, 2, 3), new Uint8Array(200).fill(9)];
    const client = new TianpingClient('http://n/', { fetch, signer: key('reader') });
    expect(await client.submitMany(txs)).toEqual(answer);
    expect(sent).toHaveLength(1);
    const { url, init } = sent[0]!;
    expect(url).toBe('http://n/v1/txs/bulk');
    expect(init.method).toBe('POST');
    const headers = init.headers as Record<string, string>;
    expect(headers['content-type']).toBe('application/x-protobuf');
    const body = init.body as Uint8Array;
    expect(decodeTxBatch(body).map((t) => toHex(t))).toEqual(txs.map((t) => toHex(t)));
    expect(headers['content-digest']).toBe(`sha-256=:${toBase64(sha256(body))}:`);
    // Nothing to send: no request.
    expect(await client.submitMany([])).toEqual({ accepted: 0, refused: 0, results: [] });
    expect(sent).toHaveLength(1);
  });
});

/** TianpingClient's fetch, answered by app.inject: the real API without a socket. */
function injectFetch(app: FastifyInstance): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const body = init?.body;
    const response = await app.inject({
      method: (init?.method ?? 'GET') as 'GET' | 'POST', url: url.pathname + url.search,
      headers: (init?.headers ?? {}) as Record<string, string>,
      ...(typeof body === 'string' ? { payload: body } : body instanceof Uint8Array ? { payload: Buffer.from(body) } : {}),
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(response.headers)) if (value !== undefined) headers.set(name, String(value));
    return new Response(response.body, { status: response.statusCode, headers });
  }) as typeof fetch;
}

describe('SDK → API → node core: submitMany', () => {
  const validator = key('node0');
  const submitter = key('platform');
  const stranger = key('stranger');
  let core: NodeCore;
  let app: FastifyInstance;
  let client: TianpingClient;

  beforeAll(async () => {
    const genesisJson = {
      chainId: CHAIN_ID, genesisTimeMs: Date.now() - 60_000,
      validators: [{ name: 'node0', publicKey: toHex(validator.publicKey), power: 10 }],
      members: [{ name: 'platform', organisation: 'Platform Ltd', role: 'submitter', publicKey: toHex(submitter.publicKey) }],
      categories: ['copyright'],
    };
    const genesis = parseGenesis(genesisJson);
    const ledger = await Ledger.open(new MemStorage(), genesis, genesisHash(utf8(JSON.stringify(genesisJson))));
    core = new NodeCore({
      genesis, ledger, key: validator, verifier: new NodeVerifier(), clock: { nowMs: () => asTimeMs(Date.now()) },
      logger: pino({ level: 'silent' }), moniker: 'sdk-bulk', version: 'test', mempool: { txsMax: 100, bytesMax: 1 << 20 },
      consensus: { ...DEFAULT_CONFIG.consensus, heartbeatIntervalMs: 600_000, blockDelayMs: 1 },
    });
    app = await buildApp(core, { bodyBytesMax: 64 * 1024, commitWaitMsMax: 10_000, evidencePageMax: 100, logger: false,
      version: 'test', signatureWindowMs: 300_000 });
    await core.start();
    client = new TianpingClient('http://node.test', { fetch: injectFetch(app) });
  });
  afterAll(async () => {
    await core.stop();
    await app.close();
  });

  const anchor = (label: string, keyPair = submitter): BuiltTx =>
    buildAnchorTx({ chainId: CHAIN_ID, keyPair, digest: sha256(utf8(label)), algorithm: 'sha256', category: 'copyright' });

  it('admits good txs, refuses each bad one with its own code, and the good ones commit', async () => {
    const [first, second, third] = [anchor('one'), anchor('two'), anchor('three')];
    const forged = anchor('forged');
    const badSignature = Uint8Array.from(forged.bytes);
    badSignature[badSignature.length - 1]! ^= 1;
    const result = await client.submitMany([first.bytes, badSignature, second.bytes, first.bytes, anchor('x', stranger).bytes, third.bytes]);
    expect(result).toMatchObject({ accepted: 3, refused: 3 });
    // The node makes blocks as txs arrive: the first may have committed before its second copy came.
    const again = result.results[3];
    expect(again?.status === 'refused' ? again.error?.code : again?.status).toMatch(/^(TX_DUPLICATE|TX_ALREADY_COMMITTED)$/);
    expect(result.results.map((r) => [r.index, r.status, r.status === 'refused' ? r.error?.code : r.hash])).toEqual([
      [0, 'pending', toHex(first.hash)],
      [1, 'refused', 'TX_BAD_SIGNATURE'],
      [2, 'pending', toHex(second.hash)],
      [3, 'refused', again?.status === 'refused' ? again.error?.code : ''],
      [4, 'refused', 'SIGNER_NOT_MEMBER'],
      [5, 'pending', toHex(third.hash)],
    ]);
    expect(result.results[1]!.hash).toBe(toHex(sha256(badSignature)));
    // A later tx waited for commits after the earlier ones (oldest first in every block).
    await client.submit(anchor('last').bytes, { wait: 'commit' });
    for (const label of ['one', 'two', 'three']) {
      expect((await client.evidence(sha256(utf8(label)))).anchors.map((a) => a.txHash)).toHaveLength(1);
    }
    await expect(client.evidence(sha256(utf8('forged')))).rejects.toMatchObject({ code: 'EVIDENCE_NOT_FOUND' });
  });

  it('gets a whole-request refusal as an ApiError, with nothing admitted', async () => {
    const txs = Array.from({ length: TX_BATCH_TXS_MAX + 1 }, () => new Uint8Array(0));
    const error = await client.submitMany(txs).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'TXS_TOO_MANY' });
  });
});
