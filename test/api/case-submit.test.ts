// Bad case txs sent to a node's POST /v1/txs are refused at admission with 4xx problem+json and a
// stable code, and nothing is committed: a production node core (one validator, real mempool and
// ledger) behind the real app, txs signed by the case fixture's keys without the SDK's own checks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { buildApp } from '../../src/api/index.js';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import { NodeVerifier, sha256 } from '../../src/crypto/index.js';
import { Ledger, MemStorage } from '../../src/ledger/index.js';
import { NodeCore } from '../../src/node/index.js';
import { genesisHash, parseGenesis } from '../../src/state/index.js';
import { ERROR_CODES, asTimeMs, toHex, utf8, type ErrorCode } from '../../src/types/index.js';
import type { DecodedTx } from '../../src/codec/tx.js';
import { ACTION, CASE_NO, CHAIN_ID, CaseChain, DOCUMENT, court, creditor, executor, oracle, platform, terms, validatorA } from '../state/cases/fixture.js';

const genesisJson = {
  chainId: CHAIN_ID, genesisTimeMs: Date.now() - 60_000,
  validators: [{ name: 'val-0', publicKey: toHex(validatorA.publicKey), power: 10 }],
  categories: ['notarial'],
  members: ([['platform', 'submitter', platform], ['court', 'court', court], ['bank-oracle', 'oracle', oracle],
    ['bureau', 'executor', executor], ['creditor', 'verifier', creditor]] as const)
    .map(([name, role, key]) => ({ name, organisation: name, role, publicKey: toHex(key.publicKey) })),
};
const genesis = parseGenesis(genesisJson);
const txs = new CaseChain(genesis);
const inMinutes = (n: number): number => Date.now() + n * 60_000;

let core: NodeCore;
let app: FastifyInstance;

async function send(tx: DecodedTx): Promise<{ status: number; body: Record<string, unknown>; type: string }> {
  const response = await app.inject({ method: 'POST', url: '/v1/txs?wait=commit', payload: Buffer.from(tx.bytes),
    headers: { 'content-type': 'application/x-protobuf' } });
  return { status: response.statusCode, body: response.json<Record<string, unknown>>(), type: String(response.headers['content-type']) };
}

beforeAll(async () => {
  const ledger = await Ledger.open(new MemStorage(), genesis, genesisHash(utf8(JSON.stringify(genesisJson))));
  core = new NodeCore({
    genesis, ledger, key: validatorA, verifier: new NodeVerifier(), clock: { nowMs: () => asTimeMs(Date.now()) },
    logger: pino({ level: 'silent' }), moniker: 'case-submit', version: 'test', mempool: { txsMax: 100, bytesMax: 1 << 20 },
    // No heartbeat block during the test: the height must move only for a committed tx.
    consensus: { ...DEFAULT_CONFIG.consensus, heartbeatIntervalMs: 600_000, blockDelayMs: 1 },
  });
  app = await buildApp(core, { bodyBytesMax: 64 * 1024, commitWaitMsMax: 10_000, evidencePageMax: 100, logger: false,
    version: 'test', signatureWindowMs: 300_000 });
  await core.start();
  expect((await send(txs.anchorTx(DOCUMENT, Date.now()))).status).toBe(200);
  expect((await send(txs.createTx(terms([{ amountFen: 100_000, dueAtMs: inMinutes(60) }]), Date.now()))).status).toBe(200);
});

afterAll(async () => {
  await core.stop();
  await app.close();
});

describe('bad case txs at POST /v1/txs', () => {
  const other = (caseNo: string, instalments: { amountFen: number; dueAtMs: number }[], o: Parameters<typeof terms>[1] = {}) =>
    (): DecodedTx => txs.createTx(terms(instalments, { caseNo, ...o }), Date.now());
  const cases: [string, () => DecodedTx, ErrorCode, string | undefined][] = [
    ['an action on an unknown case', () => txs.actionTx(ACTION.CASE_ACTION_KIND_SUSPEND, 'RETRIAL', Date.now(), court, 'X-404'),
      'CASE_UNKNOWN', undefined],
    ['a duplicate case number', other(CASE_NO, [{ amountFen: 5, dueAtMs: inMinutes(60) }]), 'CASE_EXISTS', undefined],
    ['a document never anchored', other('X-1', [{ amountFen: 5, dueAtMs: inMinutes(60) }], { documentDigest: sha256(utf8('never')) }),
      'CASE_DOCUMENT_NOT_ANCHORED', 'X-1'],
    ['instalments out of order', other('X-2', [{ amountFen: 5, dueAtMs: inMinutes(90) }, { amountFen: 5, dueAtMs: inMinutes(60) }]),
      'CASE_SCHEDULE_OUT_OF_ORDER', 'X-2'],
    ['an amount that overflows', other('X-3', [{ amountFen: 2 ** 52, dueAtMs: inMinutes(60) }]), 'CASE_AMOUNT_OVERFLOW', 'X-3'],
    ['an unknown template version', other('X-4', [{ amountFen: 5, dueAtMs: inMinutes(60) }], { templateVersion: 9 }),
      'CASE_TEMPLATE_UNKNOWN', 'X-4'],
    ['a suspension signed by a non-court key', () => txs.actionTx(ACTION.CASE_ACTION_KIND_SUSPEND, 'RETRIAL', Date.now(), oracle),
      'CASE_SIGNER_NOT_ALLOWED', undefined],
  ];

  it.each(cases)('%s', async (_, make, code, caseNo) => {
    const heightBefore = core.status().latestHeight;
    const answer = await send(make());
    expect(answer.type).toMatch(/^application\/problem\+json/);
    expect(answer.body['code']).toBe(code);
    expect(answer.status).toBe(ERROR_CODES[code].status);
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    // Nothing committed: no block for it, no case under its number, the existing case unchanged.
    expect(core.status().latestHeight).toBe(heightBefore);
    if (caseNo !== undefined) await expect(core.caseView(caseNo)).rejects.toMatchObject({ code: 'CASE_UNKNOWN' });
    expect((await core.caseView(CASE_NO)).status).toBe('ACTIVE');
  });
});
