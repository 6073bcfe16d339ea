// The SDK's request signing (RFC 9421): byte-exact against bases written out by hand from the
// RFC's rules, and accepted by the node end to end (TianpingClient → app.inject()).
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ApiError, TianpingClient, requestSignatureBase, signRequest } from '../../src/client/index.js';
import { verifyStrict } from '../../src/crypto/ed25519.js';
import { sha256 } from '../../src/crypto/hash.js';
import { fromBase64, toBase64, toHex, utf8 } from '../../src/types/index.js';
import {
  OTHER_SUBMITTER_KEY, SUBMITTER_KEY, SUBMITTER_PAIR, TEST_NOW_MS, VERIFIER_PAIR, makeApp, type FakeComponents,
} from '../api/fake-components.js';

const NOW_DATE = 'Tue, 14 Nov 2023 23:13:20 GMT';
const NOW_SECONDS = 1_700_003_600;

function signatureBytes(header: string, label = 'sig1'): Uint8Array {
  expect(header.startsWith(`${label}=:`) && header.endsWith(':')).toBe(true);
  return fromBase64(header.slice(label.length + 2, -1))!;
}

describe('signRequest', () => {
  it('signs a GET over the base written out by hand', () => {
    const url = `http://node.test:8080/v1/submitters/${SUBMITTER_KEY}/anchors?offset=0&limit=2`;
    const expectedBase =
      '"@method": GET\n' +
      `"@path": /v1/submitters/${SUBMITTER_KEY}/anchors\n` +
      '"@query": ?offset=0&limit=2\n' +
      '"date": Tue, 14 Nov 2023 23:13:20 GMT\n' +
      `"@signature-params": ("@method" "@path" "@query" "date");created=${NOW_SECONDS};keyid="${SUBMITTER_KEY}";alg="ed25519";nonce="n0nce"`;
    const params = { method: 'GET', url, nowMs: TEST_NOW_MS + 999, nonce: 'n0nce' } as const;
    expect(requestSignatureBase({ ...params, keyId: SUBMITTER_KEY })).toBe(expectedBase);
    const headers = signRequest({ ...params, keyPair: SUBMITTER_PAIR });
    expect(Object.keys(headers).sort()).toEqual(['date', 'signature', 'signature-input']);
    expect(headers.date).toBe(NOW_DATE);
    expect(headers['signature-input']).toBe(
      `sig1=("@method" "@path" "@query" "date");created=${NOW_SECONDS};keyid="${SUBMITTER_KEY}";alg="ed25519";nonce="n0nce"`);
    expect(verifyStrict(SUBMITTER_PAIR.publicKey, utf8(expectedBase), signatureBytes(headers.signature))).toBe(true);
  });

  it('covers the body through Content-Digest (RFC 9530, sha-256)', () => {
    const body = '{"hello": "world"}';
    const headers = signRequest({ method: 'post', url: 'http://n/v1/txs', body, keyPair: VERIFIER_PAIR, nowMs: TEST_NOW_MS, nonce: 'x', label: 'court' });
    // RFC 9530's own example value for this body.
    expect(headers['content-digest']).toBe('sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:');
    const keyId = toHex(VERIFIER_PAIR.publicKey);
    const expectedBase =
      '"@method": POST\n' +
      '"@path": /v1/txs\n' +
      '"@query": ?\n' +
      '"date": Tue, 14 Nov 2023 23:13:20 GMT\n' +
      '"content-digest": sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:\n' +
      `"@signature-params": ("@method" "@path" "@query" "date" "content-digest");created=${NOW_SECONDS};keyid="${keyId}";alg="ed25519";nonce="x"`;
    expect(headers['signature-input']).toBe(`court=${expectedBase.slice(expectedBase.indexOf('("@method"'))}`);
    expect(verifyStrict(VERIFIER_PAIR.publicKey, utf8(expectedBase), signatureBytes(headers.signature, 'court'))).toBe(true);
    // The same bytes given as bytes sign the same.
    const asBytes = signRequest({ method: 'POST', url: 'http://n/v1/txs', body: utf8(body), keyPair: VERIFIER_PAIR, nowMs: TEST_NOW_MS, nonce: 'x', label: 'court' });
    expect(asBytes).toEqual(headers);
  });

  it('gives an empty path as "/", and a fresh random nonce to every request by default', () => {
    expect(requestSignatureBase({ method: 'GET', url: 'http://n', keyId: 'k', nowMs: 0, nonce: 'n' }))
      .toBe('"@method": GET\n"@path": /\n"@query": ?\n"date": Thu, 01 Jan 1970 00:00:00 GMT\n' +
        '"@signature-params": ("@method" "@path" "@query" "date");created=0;keyid="k";alg="ed25519";nonce="n"');
    const one = signRequest({ method: 'GET', url: 'http://n/v1/blocks/1', keyPair: VERIFIER_PAIR, nowMs: TEST_NOW_MS });
    const two = signRequest({ method: 'GET', url: 'http://n/v1/blocks/1', keyPair: VERIFIER_PAIR, nowMs: TEST_NOW_MS });
    expect(one['signature-input']).toMatch(/;nonce="[0-9a-f]{32}"$/);
    expect(one['signature-input']).not.toBe(two['signature-input']);
    expect(one.signature).not.toBe(two.signature);
  });

  it('refuses a label that is no structured-field key and a nonce that would break the quoting', () => {
    expect(() => signRequest({ method: 'GET', url: 'http://n/', keyPair: VERIFIER_PAIR, label: 'Sig1' })).toThrow(RangeError);
    expect(() => signRequest({ method: 'GET', url: 'http://n/', keyPair: VERIFIER_PAIR, nonce: 'a"b' })).toThrow(RangeError);
  });
});

describe('TianpingClient with a signer, against the node API', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => { await app?.close(); app = undefined; });

  /** fetch, answered by the app through inject(): the request crosses the same code as over TCP. */
  function injectFetch(target: FastifyInstance, seen: Headers[]): typeof fetch {
    return (async (input: string | URL | Request, init?: RequestInit) => {
      const url = new URL(String(input));
      const headers = new Headers(init?.headers);
      seen.push(headers);
      const sent: Record<string, string> = {};
      headers.forEach((value, name) => { sent[name] = value; });
      const response = await target.inject({
        method: (init?.method ?? 'GET') as 'GET' | 'POST', url: url.pathname + url.search,
        headers: sent,
        ...(init?.body === undefined || init.body === null ? {} : { payload: String(init.body) }),
      });
      return new Response(response.body, { status: response.statusCode, headers: { 'content-type': String(response.headers['content-type']) } });
    }) as typeof fetch;
  }

  async function setup(): Promise<{ fake: FakeComponents; app: FastifyInstance }> {
    const built = await makeApp();
    // The client signs with the real clock; the fake node clock follows it here.
    built.fake.nowMs = Date.now();
    app = built.app;
    return built;
  }

  it('reads blocks, txs and anchors as a court; its signed requests verify on the node', async () => {
    const { fake, app } = await setup();
    const block = fake.anchor({ digest: 'aa'.repeat(32) }, { digest: 'bb'.repeat(32), submitter: OTHER_SUBMITTER_KEY });
    const seen: Headers[] = [];
    const court = new TianpingClient('http://node.test', { fetch: injectFetch(app, seen), signer: VERIFIER_PAIR });
    expect(await court.block(1)).toMatchObject({ height: 1, hash: block.hash, txHashes: block.txHashes });
    expect(await court.block('latest')).toMatchObject({ height: 1 });
    expect(await court.tx(block.txHashes[0]!)).toMatchObject({ status: 'committed', height: 1 });
    const page = await court.anchorsBySubmitter(OTHER_SUBMITTER_KEY, { offset: 0, limit: 1 });
    expect(page).toMatchObject({ submitter: OTHER_SUBMITTER_KEY, total: 1, offset: 0, limit: 1 });
    expect(page.anchors.map((a) => a.digest)).toEqual(['bb'.repeat(32)]);
    expect(await court.headers(1)).not.toHaveProperty('txHashes');
    for (const headers of seen) {
      expect(headers.get('signature-input')).toMatch(/^sig1=\("@method" "@path" "@query" "date"\);created=\d+;keyid="[0-9a-f]{64}";alg="ed25519";nonce="/);
      expect(headers.get('date')).toMatch(/ GMT$/);
    }
  });

  it('signs POST bodies too, lets a submitter read its own anchors, and refuses what its role may not read', async () => {
    const { fake, app } = await setup();
    const seen: Headers[] = [];
    const platform = new TianpingClient('http://node.test', { fetch: injectFetch(app, seen), signer: SUBMITTER_PAIR });
    const submitted = await platform.submit(Uint8Array.of(1, 2, 3));
    expect(submitted.status).toBe('pending');
    const post = seen[0]!;
    const sentDigest = `sha-256=:${toBase64(sha256(utf8(JSON.stringify({ tx: 'AQID' }))))}:`;
    expect(post.get('content-digest')).toBe(sentDigest);
    expect(post.get('signature-input')).toContain('"content-digest"');
    fake.anchor({ digest: 'cc'.repeat(32) });
    expect(await platform.anchorsBySubmitter(SUBMITTER_KEY)).toMatchObject({ total: 1 });
    expect(await platform.tx(submitted.hash)).toMatchObject({ hash: submitted.hash });
    const refused = await platform.block(1).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ status: 403, code: 'AUTH_FORBIDDEN' });
  });

  it('without a signer: public reads work, enumeration answers AUTH_REQUIRED', async () => {
    const { fake, app } = await setup();
    fake.commitPending();
    const seen: Headers[] = [];
    const anyone = new TianpingClient('http://node.test', { fetch: injectFetch(app, seen) });
    expect(await anyone.headers('latest')).toMatchObject({ height: 1 });
    expect(await anyone.status()).toMatchObject({ latestHeight: 1 });
    const refused = await anyone.block(1).catch((error: unknown) => error);
    expect(refused).toMatchObject({ status: 401, code: 'AUTH_REQUIRED' });
    expect(seen.every((headers) => !headers.has('signature') && !headers.has('signature-input'))).toBe(true);
  });
});
