// Signed reads (RFC 9421): who may enumerate, and every way a signature is refused. Requests are
// signed as the SDK signs them (signed.ts) or, where the SDK would never produce the case, by hand
// here, writing the signature base line by line from the RFC's rules.
import { afterEach, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import { createSignatureAuth, digestBody, requestSigner, signatureBase, type RequestView } from '../../src/api/auth/index.js';
import { ReplayCache } from '../../src/api/auth/replay-cache.js';
import { parseDictionary, type InnerList } from '../../src/api/auth/structured-fields.js';
import { registerProblemHandlers } from '../../src/api/problem.js';
import { keyPairFromSeed, sign, type KeyPair } from '../../src/crypto/ed25519.js';
import { sha256 } from '../../src/crypto/hash.js';
import { NodeVerifier } from '../../src/crypto/verify-node.js';
import { asTimeMs, fromBase64, toBase64, toHex, utf8 } from '../../src/types/index.js';
import {
  OTHER_SUBMITTER_KEY, OTHER_SUBMITTER_PAIR, SUBMITTER_KEY, SUBMITTER_PAIR, TEST_LIMITS, TEST_NOW_MS, TEST_SIGNATURE_WINDOW_MS,
  VALIDATOR_PAIR, VERIFIER_KEY, VERIFIER_PAIR, FakeComponents, expectProblem, makeApp,
} from './fake-components.js';
import { injectSigned, signedHeaders } from './signed.js';

let app: FastifyInstance | undefined;
afterEach(async () => { await app?.close(); app = undefined; });

async function setup(): Promise<{ fake: FakeComponents; app: FastifyInstance }> {
  const built = await makeApp();
  app = built.app;
  return built;
}

const OUTSIDER_PAIR = keyPairFromSeed(new Uint8Array(32).fill(9));
/** TEST_NOW_MS (1 700 003 600 000 ms) in the two forms a signature carries it. */
const NOW_SECONDS = 1_700_003_600;
const NOW_DATE = 'Tue, 14 Nov 2023 23:13:20 GMT';

interface HandSigned {
  readonly keyPair: KeyPair;
  /** Covered components and their values, in order: the lines of the signature base. */
  readonly lines: readonly (readonly [string, string])[];
  /** Everything after the inner list of components in Signature-Input, e.g. ';created=1;keyid="…"'. */
  readonly params: string;
  readonly label?: string;
}

/** Signs a base written out by hand: the test states every byte the node must rebuild. */
function handSign({ keyPair, lines, params, label = 'sig1' }: HandSigned): { 'signature-input': string; signature: string } {
  const innerList = `(${lines.map(([name]) => `"${name}"`).join(' ')})${params}`;
  const base = [...lines.map(([name, value]) => `"${name}": ${value}`), `"@signature-params": ${innerList}`].join('\n');
  return { 'signature-input': `${label}=${innerList}`, signature: `${label}=:${toBase64(sign(keyPair.seed, utf8(base)))}:` };
}

const stdParams = (keyPair: KeyPair, created = NOW_SECONDS): string =>
  `;created=${created};keyid="${toHex(keyPair.publicKey)}";alg="ed25519"`;

describe('signed reads: who may read', () => {
  it('lets a verifier read blocks with a signed request', async () => {
    const { fake, app } = await setup();
    const block = fake.anchor({ digest: 'aa'.repeat(32) });
    const response = await injectSigned(app, { url: '/v1/blocks/1', keyPair: VERIFIER_PAIR });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ height: 1, txHashes: block.txHashes });
  });

  it('lets validators (and observers) read blocks, and any active member read a tx', async () => {
    const { fake, app } = await setup();
    fake.memberTable.set(toHex(OUTSIDER_PAIR.publicKey), { name: 'mirror-node', role: 'observer', status: 'active' });
    fake.commitPending();
    expect((await injectSigned(app, { url: '/v1/blocks/latest', keyPair: VALIDATOR_PAIR })).statusCode).toBe(200);
    expect((await injectSigned(app, { url: '/v1/blocks/latest', keyPair: OUTSIDER_PAIR })).statusCode).toBe(200);
    const tx = fake.anchor({ digest: 'bb'.repeat(32) }).txHashes[0]!;
    const read = await injectSigned(app, { url: `/v1/txs/${tx}`, keyPair: OTHER_SUBMITTER_PAIR });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ hash: tx, status: 'committed', height: 2 });
  });

  it('refuses a submitter reading blocks: 403 AUTH_FORBIDDEN', async () => {
    const { fake, app } = await setup();
    fake.commitPending();
    const body = expectProblem(await injectSigned(app, { url: '/v1/blocks/1', keyPair: SUBMITTER_PAIR }), 403, 'AUTH_FORBIDDEN', '/v1/blocks/1');
    expect(body['detail']).toContain('role submitter');
  });

  it('refuses a suspended or removed member: 403 AUTH_FORBIDDEN, though the signature is good', async () => {
    const { fake, app } = await setup();
    fake.commitPending();
    for (const status of ['suspended', 'removed'] as const) {
      fake.memberTable.set(VERIFIER_KEY, { name: 'high-court', role: 'verifier', status });
      const body = expectProblem(await injectSigned(app, { url: '/v1/blocks/1' }), 403, 'AUTH_FORBIDDEN');
      expect(body['detail']).toContain(status);
    }
    fake.memberTable.set(VERIFIER_KEY, { name: 'high-court', role: 'verifier', status: 'active' });
    expect((await injectSigned(app, { url: '/v1/blocks/1' })).statusCode).toBe(200);
  });

  it('refuses a key that is no member: 403 AUTH_FORBIDDEN, on every signed route', async () => {
    const { fake, app } = await setup();
    const tx = fake.anchor({ digest: 'aa'.repeat(32) }).txHashes[0]!;
    for (const url of ['/v1/blocks/1', `/v1/txs/${tx}`, `/v1/submitters/${SUBMITTER_KEY}/anchors`]) {
      const body = expectProblem(await injectSigned(app, { url, keyPair: OUTSIDER_PAIR }), 403, 'AUTH_FORBIDDEN');
      expect(body['detail']).toContain('not a member');
    }
  });

  it('lets a submitter list its own anchors, not another submitter\'s', async () => {
    const { fake, app } = await setup();
    fake.anchor({ digest: 'a1'.repeat(32) }, { digest: 'a2'.repeat(32), submitter: OTHER_SUBMITTER_KEY });
    fake.anchor({ digest: 'a3'.repeat(32) });
    const own = await injectSigned(app, { url: `/v1/submitters/${SUBMITTER_KEY}/anchors`, keyPair: SUBMITTER_PAIR });
    expect(own.statusCode).toBe(200);
    const body = own.json<{ submitter: string; total: number; anchors: { digest: string; submitter: string }[] }>();
    expect(body).toMatchObject({ submitter: SUBMITTER_KEY, total: 2, offset: 0, limit: TEST_LIMITS.evidencePageMax });
    expect(body.anchors.map((a) => a.digest)).toEqual(['a1'.repeat(32), 'a3'.repeat(32)]);
    const other = await injectSigned(app, { url: `/v1/submitters/${OTHER_SUBMITTER_KEY}/anchors`, keyPair: SUBMITTER_PAIR });
    expectProblem(other, 403, 'AUTH_FORBIDDEN', `/v1/submitters/${OTHER_SUBMITTER_KEY}/anchors`);
    // The key in the path is matched whatever its case.
    const upper = await injectSigned(app, { url: `/v1/submitters/${OTHER_SUBMITTER_KEY.toUpperCase()}/anchors`, keyPair: OTHER_SUBMITTER_PAIR });
    expect(upper.json()).toMatchObject({ submitter: OTHER_SUBMITTER_KEY, total: 1 });
  });

  it('lets a verifier page through any submitter\'s anchors, the page capped at the node limit', async () => {
    const { fake, app } = await setup();
    for (let i = 0; i < 5; i++) fake.anchor({ digest: `${i}`.repeat(64) });
    const page = await injectSigned(app, { url: `/v1/submitters/${SUBMITTER_KEY}/anchors?offset=1&limit=99` });
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ total: 5, offset: 1, limit: TEST_LIMITS.evidencePageMax });
    expect(page.json<{ anchors: unknown[] }>().anchors).toHaveLength(TEST_LIMITS.evidencePageMax);
    expect(fake.submitterPages).toEqual([{ key: SUBMITTER_KEY, offset: 1, limit: TEST_LIMITS.evidencePageMax }]);
  });

  it('keeps the public routes public: no signature asked', async () => {
    const { fake, app } = await setup();
    fake.anchor({ digest: 'aa'.repeat(32) });
    for (const url of ['/v1/status', '/healthz', `/v1/evidence/${'aa'.repeat(32)}`, '/v1/headers/latest', '/v1/headers/1', '/']) {
      expect((await app.inject({ url })).statusCode, url).toBe(200);
    }
    const submitted = await app.inject({ method: 'POST', url: '/v1/txs', headers: { 'content-type': 'application/json' }, payload: '{"tx":"AAAA"}' });
    expect(submitted.statusCode).toBe(202);
    // A signature on a public route is simply not looked at.
    expect((await injectSigned(app, { url: '/v1/headers/1', keyPair: OUTSIDER_PAIR })).statusCode).toBe(200);
  });
});

describe('signed reads: refusals', () => {
  it('asks an unsigned caller for a signature: 401 AUTH_REQUIRED with the hint and Accept-Signature', async () => {
    const { fake, app } = await setup();
    fake.commitPending();
    const response = await app.inject({ url: '/v1/blocks/1' });
    const body = expectProblem(response, 401, 'AUTH_REQUIRED', '/v1/blocks/1');
    expect(body['detail']).toContain('Signature-Input: sig1=("@method" "@path" "@query" "date")');
    expect(response.headers['accept-signature']).toBe('sig1=("@method" "@path" "@query" "date");alg="ed25519"');
    // fastify's automatic HEAD route runs the same preHandler.
    expect((await app.inject({ method: 'HEAD', url: '/v1/blocks/1' })).statusCode).toBe(401);
    // Half a signature is no signature.
    const { signature: _dropped, ...withoutSignature } = signedHeaders({ url: '/v1/blocks/1' });
    expectProblem(await app.inject({ url: '/v1/blocks/1', headers: withoutSignature }), 401, 'AUTH_REQUIRED');
  });

  it('refuses a signature by another key than keyid names: 401 AUTH_INVALID', async () => {
    const { fake, app } = await setup();
    fake.commitPending();
    // Signed by an outsider, claiming to be the court.
    const forged = handSign({
      keyPair: OUTSIDER_PAIR, params: `;created=${NOW_SECONDS};keyid="${VERIFIER_KEY}";alg="ed25519"`,
      lines: [['@method', 'GET'], ['@path', '/v1/blocks/1'], ['date', NOW_DATE]],
    });
    const body = expectProblem(await app.inject({ url: '/v1/blocks/1', headers: { date: NOW_DATE, ...forged } }), 401, 'AUTH_INVALID');
    expect(body['detail']).toContain('does not verify');
  });

  it('refuses a forged signature and a signature moved to another path: 401 AUTH_INVALID', async () => {
    const { fake, app } = await setup();
    fake.commitPending();
    fake.commitPending();
    const headers = signedHeaders({ url: '/v1/blocks/1' });
    const bytes = fromBase64(headers.signature!.slice('sig1=:'.length, -1))!;
    bytes[0]! ^= 1;
    const flipped = { ...headers, signature: `sig1=:${toBase64(bytes)}:` };
    expectProblem(await app.inject({ url: '/v1/blocks/1', headers: flipped }), 401, 'AUTH_INVALID');
    expectProblem(await app.inject({ url: '/v1/blocks/2', headers }), 401, 'AUTH_INVALID');
    expectProblem(await app.inject({ url: '/v1/blocks/1?x=1', headers }), 401, 'AUTH_INVALID');
    // The genuine request still passes: none of the refusals above consumed it.
    expect((await app.inject({ url: '/v1/blocks/1', headers })).statusCode).toBe(200);
  });

  it('refuses signatures outside the window around the node clock: 401 AUTH_STALE', async () => {
    const { fake, app } = await setup();
    fake.commitPending();
    const window = TEST_SIGNATURE_WINDOW_MS;
    // Created and Date both too old, then both too far ahead.
    expectProblem(await injectSigned(app, { url: '/v1/blocks/1', nowMs: TEST_NOW_MS - window - 1000 }), 401, 'AUTH_STALE');
    expectProblem(await injectSigned(app, { url: '/v1/blocks/1', nowMs: TEST_NOW_MS + window + 1000 }), 401, 'AUTH_STALE');
    // At the edge of the window it is still good.
    expect((await injectSigned(app, { url: '/v1/blocks/1', nowMs: TEST_NOW_MS - window })).statusCode).toBe(200);
    // A request signed now is refused once the node clock has moved past the window.
    const headers = signedHeaders({ url: '/v1/blocks/1' });
    fake.nowMs = TEST_NOW_MS + window + 1000;
    expectProblem(await app.inject({ url: '/v1/blocks/1', headers }), 401, 'AUTH_STALE');
  });

  it('checks Date and created each: a fresh created does not excuse an old Date, nor the reverse', async () => {
    const { fake, app } = await setup();
    fake.commitPending();
    const oldSeconds = NOW_SECONDS - TEST_SIGNATURE_WINDOW_MS / 1000 - 60;
    const oldDate = 'Tue, 14 Nov 2023 23:07:20 GMT';
    const lines = (date: string): [string, string][] => [['@method', 'GET'], ['@path', '/v1/blocks/1'], ['date', date]];
    const oldDateSigned = handSign({ keyPair: VERIFIER_PAIR, lines: lines(oldDate), params: stdParams(VERIFIER_PAIR) });
    const body = expectProblem(await app.inject({ url: '/v1/blocks/1', headers: { date: oldDate, ...oldDateSigned } }), 401, 'AUTH_STALE');
    expect(body['detail']).toContain('Date');
    const oldCreated = handSign({ keyPair: VERIFIER_PAIR, lines: lines(NOW_DATE), params: stdParams(VERIFIER_PAIR, oldSeconds) });
    const body2 = expectProblem(await app.inject({ url: '/v1/blocks/1', headers: { date: NOW_DATE, ...oldCreated } }), 401, 'AUTH_STALE');
    expect(body2['detail']).toContain('created');
    // An expires in the past ends the signature's life early; one before created makes no sense.
    const expired = handSign({ keyPair: VERIFIER_PAIR, lines: lines(NOW_DATE), params: `${stdParams(VERIFIER_PAIR, NOW_SECONDS - 2)};expires=${NOW_SECONDS - 1}` });
    expectProblem(await app.inject({ url: '/v1/blocks/1', headers: { date: NOW_DATE, ...expired } }), 401, 'AUTH_STALE');
    const backwards = handSign({ keyPair: VERIFIER_PAIR, lines: lines(NOW_DATE), params: `${stdParams(VERIFIER_PAIR)};expires=${NOW_SECONDS - 1}` });
    expectProblem(await app.inject({ url: '/v1/blocks/1', headers: { date: NOW_DATE, ...backwards } }), 401, 'AUTH_INVALID');
    const expiring = handSign({ keyPair: VERIFIER_PAIR, lines: lines(NOW_DATE), params: `${stdParams(VERIFIER_PAIR)};expires=${NOW_SECONDS + 10}` });
    expect((await app.inject({ url: '/v1/blocks/1', headers: { date: NOW_DATE, ...expiring } })).statusCode).toBe(200);
    fake.nowMs = TEST_NOW_MS + 11_000;
    const late = handSign({ keyPair: VERIFIER_PAIR, lines: lines(NOW_DATE), params: `${stdParams(VERIFIER_PAIR)};expires=${NOW_SECONDS + 10};nonce="2"` });
    expectProblem(await app.inject({ url: '/v1/blocks/1', headers: { date: NOW_DATE, ...late } }), 401, 'AUTH_STALE');
  });

  it('refuses an exact replay: 401 AUTH_REPLAYED; a fresh signature of the same request passes', async () => {
    const { fake, app } = await setup();
    fake.commitPending();
    const headers = signedHeaders({ url: '/v1/blocks/1', nonce: 'fixed' });
    expect((await app.inject({ url: '/v1/blocks/1', headers })).statusCode).toBe(200);
    expectProblem(await app.inject({ url: '/v1/blocks/1', headers }), 401, 'AUTH_REPLAYED', '/v1/blocks/1');
    // Ed25519 is deterministic: the same request, second and nonce is the same signature.
    expectProblem(await injectSigned(app, { url: '/v1/blocks/1', nonce: 'fixed' }), 401, 'AUTH_REPLAYED');
    expect((await injectSigned(app, { url: '/v1/blocks/1', nonce: 'other' })).statusCode).toBe(200);
  });

  it('refuses signatures that do not cover what the node requires: 401 AUTH_INVALID', async () => {
    const { fake, app } = await setup();
    fake.commitPending();
    const base: [string, string][] = [['@method', 'GET'], ['@path', '/v1/blocks/1'], ['date', NOW_DATE]];
    const cases: { url: string; lines: [string, string][]; params?: string; why: string }[] = [
      { url: '/v1/blocks/1', lines: base.filter(([n]) => n !== 'date'), why: '"date"' },
      { url: '/v1/blocks/1', lines: base.filter(([n]) => n !== '@method'), why: '"@method"' },
      { url: '/v1/blocks/1', lines: base.filter(([n]) => n !== '@path'), why: '"@path"' },
      { url: '/v1/blocks/1?x=1', lines: [['@method', 'GET'], ['@path', '/v1/blocks/1'], ['date', NOW_DATE]], why: '"@query"' },
      { url: '/v1/blocks/1', lines: base, params: `;created=${NOW_SECONDS};keyid="${VERIFIER_KEY}"`, why: 'alg="ed25519"' },
      { url: '/v1/blocks/1', lines: base, params: `;created=${NOW_SECONDS};keyid="${VERIFIER_KEY}";alg="rsa-pss-sha512"`, why: 'alg="ed25519"' },
      { url: '/v1/blocks/1', lines: base, params: `;created=${NOW_SECONDS};keyid="${VERIFIER_KEY.toUpperCase()}";alg="ed25519"`, why: 'lowercase hex' },
      { url: '/v1/blocks/1', lines: base, params: `;keyid="${VERIFIER_KEY}";alg="ed25519"`, why: 'created' },
      { url: '/v1/blocks/1', lines: base, params: `;created=${NOW_SECONDS}.5;keyid="${VERIFIER_KEY}";alg="ed25519"`, why: 'created' },
      { url: '/v1/blocks/1', lines: base, params: `${stdParams(VERIFIER_PAIR)};scope="all"`, why: 'unknown signature parameter' },
      { url: '/v1/blocks/1', lines: [...base, ['x-absent', 'nothing']], why: 'absent' },
    ];
    for (const c of cases) {
      const signed = handSign({ keyPair: VERIFIER_PAIR, lines: c.lines, params: c.params ?? stdParams(VERIFIER_PAIR) });
      const body = expectProblem(await app.inject({ url: c.url, headers: { date: NOW_DATE, ...signed } }), 401, 'AUTH_INVALID');
      expect(body['detail'], c.why).toContain(c.why);
    }
  });

  it('refuses malformed headers: 401 AUTH_INVALID naming what is wrong', async () => {
    const { fake, app } = await setup();
    fake.commitPending();
    const good = signedHeaders({ url: '/v1/blocks/1' });
    const cases: Record<string, string>[] = [
      { 'signature-input': 'sig1=("@method" "@path"', signature: good.signature! },
      { 'signature-input': 'sig1=("@method" "@path"),', signature: good.signature! },
      { 'signature-input': good['signature-input']!, signature: 'sig1=:bm90IDY0IGJ5dGVz:' },
      { 'signature-input': good['signature-input']!, signature: 'sig2=:' + 'A'.repeat(86) + '==:' },
      { 'signature-input': 'sig1="@method"', signature: good.signature! },
      { 'signature-input': good['signature-input']!, signature: good.signature!, date: '14 Nov 2023 23:13:20 GMT' },
      { 'signature-input': good['signature-input']!, signature: good.signature!, date: 'Wed, 14 Nov 2023 23:13:20 GMT' },
    ];
    for (const headers of cases) {
      expectProblem(await app.inject({ url: '/v1/blocks/1', headers: { ...good, ...headers } }), 401, 'AUTH_INVALID');
    }
  });
});

describe('signed requests with a body', () => {
  /** A signed POST route: the API's own signed routes are reads, so the body path is tested here. */
  async function bodyApp(fake: FakeComponents): Promise<FastifyInstance> {
    const echo = Fastify();
    registerProblemHandlers(echo);
    const auth = createSignatureAuth({
      components: fake, verifier: new NodeVerifier(), clock: { nowMs: () => asTimeMs(fake.nowMs) }, windowMs: TEST_SIGNATURE_WINDOW_MS,
    });
    echo.addHook('preParsing', digestBody);
    const rule = { roles: ['verifier'] } as const;
    echo.post('/v1/echo', { preHandler: auth.requireSignature(rule) }, async (request) => ({ signer: requestSigner(request), body: request.body }));
    echo.get('/v1/echo', { preHandler: auth.requireSignature(rule) }, async () => ({ ok: true }));
    app = echo;
    return echo;
  }

  const BODY = '{"hello": "world"}';

  it('accepts a body whose Content-Digest the signature covers and the bytes match', async () => {
    const echo = await bodyApp(new FakeComponents());
    const headers: Record<string, string> = { ...signedHeaders({ method: 'POST', url: '/v1/echo', body: BODY }), 'content-type': 'application/json' };
    // RFC 9530's own example: the SHA-256 of {"hello": "world"}.
    expect(headers['content-digest']).toBe('sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:');
    const response = await echo.inject({ method: 'POST', url: '/v1/echo', headers, payload: BODY });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ signer: { publicKey: VERIFIER_KEY, name: 'high-court', role: 'verifier' }, body: { hello: 'world' } });
  });

  it('refuses a tampered body (digest mismatch), a digest swapped to match it, and an uncovered body', async () => {
    const echo = await bodyApp(new FakeComponents());
    const headers: Record<string, string> = { ...signedHeaders({ method: 'POST', url: '/v1/echo', body: BODY }), 'content-type': 'application/json' };
    const tampered = '{"hello": "World"}';
    const body = expectProblem(await echo.inject({ method: 'POST', url: '/v1/echo', headers, payload: tampered }), 401, 'AUTH_INVALID');
    expect(body['detail']).toContain('does not match the body');
    // Rewriting Content-Digest to fit the new body breaks the signature instead.
    const rehashed = { ...headers, 'content-digest': `sha-256=:${toBase64(sha256(utf8(tampered)))}:` };
    const body2 = expectProblem(await echo.inject({ method: 'POST', url: '/v1/echo', headers: rehashed, payload: tampered }), 401, 'AUTH_INVALID');
    expect(body2['detail']).toContain('does not verify');
    // A signature made without the body (no content-digest covered) does not cover one sent later.
    const bare = { ...signedHeaders({ method: 'POST', url: '/v1/echo' }), 'content-type': 'application/json' };
    const body3 = expectProblem(await echo.inject({ method: 'POST', url: '/v1/echo', headers: bare, payload: BODY }), 401, 'AUTH_INVALID');
    expect(body3['detail']).toContain('"content-digest"');
    // A body on GET is never read by the node, so its digest cannot be checked.
    const get = signedHeaders({ method: 'GET', url: '/v1/echo', body: BODY });
    expectProblem(await echo.inject({ method: 'GET', url: '/v1/echo', headers: get, payload: BODY }), 401, 'AUTH_INVALID');
  });
});

describe('signature base (RFC 9421 §2.5), byte-exact', () => {
  function view(method: string, target: string, fields: Record<string, string[]>): RequestView {
    return { method, target, fieldLines: (name) => fields[name] };
  }
  const paramsOf = (signatureInput: string, label: string): InnerList => parseDictionary(signatureInput).get(label) as InnerList;

  it('rebuilds the base of a Tianping read exactly as written out by hand', async () => {
    // GET /v1/submitters/<key>/anchors?offset=0&limit=2 at TEST_NOW_MS, nonce "n0nce". By the
    // RFC: one line per component, `"name": value`; @path without the query; @query with its "?";
    // the params line last, serialized as an inner list, and no newline at the end.
    const target = `/v1/submitters/${SUBMITTER_KEY}/anchors?offset=0&limit=2`;
    const input = `sig1=("@method" "@path" "@query" "date");created=1700003600;keyid="${SUBMITTER_KEY}";alg="ed25519";nonce="n0nce"`;
    const expected =
      '"@method": GET\n' +
      `"@path": /v1/submitters/${SUBMITTER_KEY}/anchors\n` +
      '"@query": ?offset=0&limit=2\n' +
      '"date": Tue, 14 Nov 2023 23:13:20 GMT\n' +
      `"@signature-params": ("@method" "@path" "@query" "date");created=1700003600;keyid="${SUBMITTER_KEY}";alg="ed25519";nonce="n0nce"`;
    const base = signatureBase(paramsOf(input, 'sig1'), view('GET', target, { date: [NOW_DATE] }));
    expect(base).toBe(expected);
    // And the node accepts the request signed over exactly these bytes.
    const { app } = await setup();
    const signature = `sig1=:${toBase64(sign(SUBMITTER_PAIR.seed, utf8(expected)))}:`;
    const response = await app.inject({ url: target, headers: { date: NOW_DATE, 'signature-input': input, signature } });
    expect(response.statusCode).toBe(200);
  });

  it('reproduces RFC 9421 appendix B.2.6 (ed25519): the base, and the RFC\'s signature verifies over it', () => {
    const input = 'sig-b26=("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"';
    const request = view('POST', '/foo?param=Value&Pet=dog', {
      host: ['example.com'], date: ['Tue, 20 Apr 2021 02:07:55 GMT'], 'content-type': ['application/json'], 'content-length': ['18'],
    });
    const base = signatureBase(paramsOf(input, 'sig-b26'), request);
    expect(base).toBe([
      '"date": Tue, 20 Apr 2021 02:07:55 GMT',
      '"@method": POST',
      '"@path": /foo',
      '"@authority": example.com',
      '"content-type": application/json',
      '"content-length": 18',
      '"@signature-params": ("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"',
    ].join('\n'));
    // test-key-ed25519 of appendix B.1.4 (JWK x and d, base64url).
    const publicKey = new Uint8Array(Buffer.from('JrQLj5P_89iXES9-vFgrIy29clF9CC_oPPsw3c5D0bs', 'base64url'));
    const seed = new Uint8Array(Buffer.from('n4Ni-HpISpVObnQMW0wOhCKROaIKqKtW_2ZYb2p9KcU', 'base64url'));
    const rfcSignature = fromBase64('wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==')!;
    expect(toHex(keyPairFromSeed(seed).publicKey)).toBe(toHex(publicKey));
    expect(new NodeVerifier().verify(publicKey, utf8(base), rfcSignature)).toBe(true);
    expect(toHex(sign(seed, utf8(base)))).toBe(toHex(rfcSignature));
  });

  it('joins repeated field lines with ", " after trimming each, and gives "?" for an absent query', () => {
    const input = 'sig1=("@query" "@path" "x-list");created=1;keyid="k"';
    const base = signatureBase(paramsOf(input, 'sig1'), view('GET', '', { 'x-list': ['  a ', 'b,c\t'] }));
    expect(base).toBe('"@query": ?\n"@path": /\n"x-list": a, b,c\n"@signature-params": ("@query" "@path" "x-list");created=1;keyid="k"');
  });
});

describe('replay cache', () => {
  it('answers fresh, then replayed, and forgets a signature once it has expired', () => {
    const cache = new ReplayCache({ entriesMax: 10 });
    expect(cache.admit('a', 1_000, 0)).toBe('fresh');
    expect(cache.admit('a', 1_000, 500)).toBe('replayed');
    expect(cache.admit('b', 2_000, 1_001)).toBe('fresh');
    expect(cache.size).toBe(1);
  });

  it('when full, refuses everything as old as what it evicted instead of forgetting it', () => {
    const cache = new ReplayCache({ entriesMax: 2 });
    expect(cache.admit('a', 1_000, 0)).toBe('fresh');
    expect(cache.admit('b', 1_100, 0)).toBe('fresh');
    expect(cache.admit('c', 1_200, 0)).toBe('fresh');
    expect(cache.size).toBe(2);
    // "a" was evicted: it is still refused, and so is any new signature no younger than it.
    expect(cache.admit('a', 1_000, 10)).toBe('beyond-horizon');
    expect(cache.admit('d', 900, 10)).toBe('beyond-horizon');
    expect(cache.admit('b', 1_100, 10)).toBe('replayed');
    expect(cache.admit('e', 1_300, 10)).toBe('fresh');
  });
});
