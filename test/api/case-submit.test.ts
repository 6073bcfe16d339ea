// Bad case txs sent to a node's POST /v1/txs are refused at admission with 4xx problem+json and a
// stable code, and nothing is committed: a production node core (one validator, real mempool and
// ledger) behind the real app, txs signed by the case fixture's keys without the SDK's own checks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sha256 } from '../../src/crypto/index.js';
import type { NodeCore } from '../../src/node/index.js';
import { ERROR_CODES, utf8, type ErrorCode } from '../../src/types/index.js';
import type { DecodedTx } from '../../src/codec/tx.js';
import { caseGenesis, startCaseNode, type CaseNode } from '../helpers/case-node.js';
import { ACTION, CASE_NO, CHAIN_ID, CaseChain, DOCUMENT, court, creditor, executor, oracle, platform, terms, validatorA } from '../state/cases/fixture.js';

const chain = caseGenesis({
  chainId: CHAIN_ID, validator: validatorA, validatorName: 'val-0', categories: ['notarial'],
  members: [['platform', 'submitter', platform], ['court', 'court', court], ['bank-oracle', 'oracle', oracle],
    ['bureau', 'executor', executor], ['creditor', 'verifier', creditor]],
});
const txs = new CaseChain(chain.genesis);
const inMinutes = (n: number): number => Date.now() + n * 60_000;

let node: CaseNode;
let core: NodeCore;
let app: FastifyInstance;

async function send(tx: DecodedTx): Promise<{ status: number; body: Record<string, unknown>; type: string }> {
  const response = await app.inject({ method: 'POST', url: '/v1/txs?wait=commit', payload: Buffer.from(tx.bytes),
    headers: { 'content-type': 'application/x-protobuf' } });
  return { status: response.statusCode, body: response.json<Record<string, unknown>>(), type: String(response.headers['content-type']) };
}

beforeAll(async () => {
  // No heartbeat block during the test (the helper's is 10 minutes away): the height must move only for a committed tx.
  node = await startCaseNode(chain, { moniker: 'case-submit', app: 'inject' });
  ({ core } = node);
  app = node.app!;
  expect((await send(txs.anchorTx(DOCUMENT, Date.now()))).status).toBe(200);
  expect((await send(txs.createTx(terms([{ amountFen: 100_000, dueAtMs: inMinutes(60) }]), Date.now()))).status).toBe(200);
});

afterAll(async () => {
  await node.stop();
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
