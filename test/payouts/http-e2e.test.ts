// Bad payout txs through HTTP (POST /v1/txs) to a node process (a one-validator testnet under the
// default policy: an officer approves every order up to ¥50,000): approvals signed by keys without
// the role, of an unknown order, of a settled one, or naming another amount, of an order approved
// already, and a hold on a closed case. Each is answered 4xx problem+json with its code, and
// nothing is committed: the tx is unknown two blocks later and the order is as it was.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiError, TianpingClient, caseActionTx, generateKeyPair, payoutApprovalTx, payoutClaimTx, payoutHoldTx, payoutResultTx, type BuiltTx,
} from '../../src/client/index.js';
import { toBase64, toHex } from '../../src/types/index.js';
import { height, waitFor } from '../e2e/network-helpers.js';
import {
  commit, createCase, e2eBasePort, fileAccount, orderById, ordersOf, receiveMoney, startWorld, type PayoutJson, type World,
} from './helpers-e2e.js';

describe('bad payout txs through POST /v1/txs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tianping-payout-http-e2e-'));
  let world: World;
  let awaiting: PayoutJson;
  let settled: PayoutJson;
  const CLOSED_CASE = '(2026)京0491执1号';

  beforeAll(async () => {
    world = await startWorld({ dir, basePort: e2eBasePort(3) });
    const { chainId } = world.genesis;
    const commitment = fileAccount(world, { bank: 'Bank of Beijing', name: 'Payee', number: '6222000044440001' });
    await createCase(world, '(2026)京0491执2号', [{ commitment }, { commitment }]);
    await receiveMoney(world, '(2026)京0491执2号', 800_000);
    [awaiting, settled] = await ordersOf(world, '(2026)京0491执2号') as [PayoutJson, PayoutJson];
    expect([awaiting.status, settled.status]).toEqual(['awaiting-approval', 'awaiting-approval']);
    // The second order approved, claimed and reported settled.
    await commit(world, payoutApprovalTx({ chainId, keyPair: world.keys.officer, payoutId: settled.id, amountFen: settled.amountFen }));
    await commit(world, payoutClaimTx({ chainId, keyPair: world.keys.executor, payoutId: settled.id }));
    await commit(world, payoutResultTx({ chainId, keyPair: world.keys.executor, payoutId: settled.id, settled: true, bankRef: 'GW20260101-0000000001',
      amountFen: settled.amountFen }));
    settled = await orderById(world, settled.id);
    expect(settled.status).toBe('settled');
    // A case terminated and closed.
    await createCase(world, CLOSED_CASE, [{ commitment }]);
    await commit(world, caseActionTx({ chainId, keyPair: world.keys.court, caseNo: CLOSED_CASE, kind: 'TERMINATE', reasonCode: 'WITHDRAWN' }));
    await commit(world, caseActionTx({ chainId, keyPair: world.keys.court, caseNo: CLOSED_CASE, kind: 'CLOSE', reasonCode: 'TERMINATED' }));
  }, 120_000);

  afterAll(async () => {
    await world?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  const approval = (keyName: 'officer' | 'executor' | 'oracle' | 'stranger', id: string, amountFen: number): BuiltTx => payoutApprovalTx({
    chainId: world.genesis.chainId, keyPair: keyName === 'stranger' ? generateKeyPair() : world.keys[keyName], payoutId: id, amountFen });

  const cases: [string, () => BuiltTx, string][] = [
    ['an approval by the executor key (no approver role)', () => approval('executor', awaiting.id, awaiting.amountFen), 'SIGNER_NOT_MEMBER'],
    ['an approval by the oracle key', () => approval('oracle', awaiting.id, awaiting.amountFen), 'SIGNER_NOT_MEMBER'],
    ['an approval by a key of no member', () => approval('stranger', awaiting.id, awaiting.amountFen), 'SIGNER_NOT_MEMBER'],
    ['an approval of an unknown order', () => approval('officer', 'ab'.repeat(32), awaiting.amountFen), 'PAYOUT_UNKNOWN'],
    ['an approval of a settled order', () => approval('officer', settled.id, settled.amountFen), 'PAYOUT_STATE_INVALID'],
    ['an approval naming another amount', () => approval('officer', awaiting.id, awaiting.amountFen + 1), 'PAYOUT_AMOUNT_MISMATCH'],
    ['a hold on a closed case', () => payoutHoldTx({ chainId: world.genesis.chainId, keyPair: world.keys.court, caseNo: CLOSED_CASE, kind: 'freeze',
      reason: 'too late' }), 'PAYOUT_HOLD_INVALID'],
  ];

  it.each(cases.map(([label, tx, code]) => ({ label, tx, code })))('$label: $code, nothing committed', async ({ tx, code }) => {
    const built = tx();
    const before = await Promise.all([awaiting.id, settled.id].map((id) => orderById(world, id)));
    const response = await fetch(`${world.nodeUrl}/v1/txs?wait=commit&timeoutMs=5000`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tx: toBase64(built.bytes) }),
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await response.json()) as { code: string }).code).toBe(code);

    const at = await height(world.nodeUrl);
    await waitFor('two more blocks', async () => (await height(world.nodeUrl)) >= at + 2, 20_000);
    const reader = new TianpingClient(world.nodeUrl, { signer: world.keys.court });
    await expect(reader.tx(toHex(built.hash))).rejects.toSatisfy((error) => error instanceof ApiError && error.code === 'TX_NOT_FOUND');
    expect(await Promise.all([awaiting.id, settled.id].map((id) => orderById(world, id)))).toEqual(before);
  }, 30_000);

  it('an approval of an order the officer has approved already: PAYOUT_STATE_INVALID, the order approved once', async () => {
    await commit(world, approval('officer', awaiting.id, awaiting.amountFen));
    const approved = await orderById(world, awaiting.id);
    expect(approved.status).toBe('approved');
    const again = approval('officer', awaiting.id, awaiting.amountFen);
    const response = await fetch(`${world.nodeUrl}/v1/txs?wait=commit&timeoutMs=5000`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tx: toBase64(again.bytes) }),
    });
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await response.json()) as { code: string }).code).toBe('PAYOUT_STATE_INVALID');
    expect(await orderById(world, awaiting.id)).toEqual(approved);
  }, 30_000);
});
