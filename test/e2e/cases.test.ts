// A judgment contract on a real 4-validator testnet (separate processes), with due times seconds
// apart: a three-instalment mediation contract; the oracle reports the first payment; the second
// is missed, so in the first block whose time reaches its due + grace every node records the
// default (the same block, the same app hash), and the acceleration clause makes the third due;
// the creditor files for execution and every node gives the same filing id; a court suspension for
// review stops delay interest and the resume restarts it; a suspension signed by the oracle's key
// is refused with its code and commits nothing. Every figure is read from the nodes' HTTP API.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestnetFiles, startTestnet, stopAll, type TestnetLayout, type TestnetNodeHandle } from '../../scripts/testnet-lib.js';
import {
  ApiError, TianpingClient, buildAnchorTx, caseActionTx, createCaseTx, fileExecutionTx, generateKeyPair, identityCommitment,
  reportPaymentTx, verifyEventReceipt, type BuiltTx, type CaseView, type KeyPair,
} from '../../src/client/index.js';
import { readKeyFile, sha256 } from '../../src/crypto/index.js';
import { parseGenesis, type Genesis } from '../../src/state/index.js';
import { toBase64, toHex, utf8 } from '../../src/types/index.js';
import { FAST_NODE_ENV, waitFor } from './network-helpers.js';

const CASE_NO = '(2026)京0491民调88号';
const INSTALMENT_FEN = 1_000_000;
const GRACE_MS = 1000;
const DAY_MS = 86_400_000;

describe('a judgment contract on a 4-validator testnet', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tianping-e2e-cases-'));
  let layout: TestnetLayout;
  let handles: TestnetNodeHandle[] = [];
  let genesis: Genesis;
  const court = generateKeyPair();
  const oracle = generateKeyPair();
  const creditor = generateKeyPair();
  /** A client per node, signing its reads with the court's key (courts read every case). */
  let readers: TianpingClient[];
  const submitAs = (key: KeyPair, node = 0): TianpingClient => new TianpingClient(layout.nodes[node]!.apiUrl, { signer: key });
  const commit = (tx: BuiltTx, node = 0): ReturnType<TianpingClient['submit']> => submitAs(court, node).submit(tx.bytes, { wait: 'commit', timeoutMs: 20_000 });
  const common = (keyPair: KeyPair): { chainId: string; keyPair: KeyPair } => ({ chainId: layout.chainId, keyPair });

  beforeAll(async () => {
    // Below the ephemeral port range (32768-60999 on Linux): a fixed port inside it can be taken by
    // any outgoing socket of a test running beside this one (CI caught EADDRINUSE on 42160).
    layout = createTestnetFiles({ dir, validators: 4, observers: 0, basePort: 14_000 + (process.pid % 100) * 20 });
    // The court, its bank's oracle and a creditor holding a member key join the genesis before the nodes first start.
    const doc = JSON.parse(readFileSync(layout.genesisFile, 'utf8')) as { members: object[] };
    doc.members.push(
      { name: 'court', organisation: 'Internet Court', role: 'court', publicKey: toHex(court.publicKey) },
      { name: 'bank-oracle', organisation: 'Case Account Bank', role: 'oracle', publicKey: toHex(oracle.publicKey) },
      { name: 'creditor', organisation: 'Creditor Ltd', role: 'verifier', publicKey: toHex(creditor.publicKey) },
    );
    writeFileSync(layout.genesisFile, JSON.stringify(doc, null, 2));
    genesis = parseGenesis(doc);
    handles = await startTestnet(layout, { env: FAST_NODE_ENV });
    readers = layout.nodes.map((node) => new TianpingClient(node.apiUrl, { signer: court }));
  }, 120_000);

  afterAll(async () => {
    await stopAll(handles);
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  /** Every node's view of the case once each has committed `height`. */
  async function everyNode(height: number, at?: number): Promise<CaseView[]> {
    await waitFor(`every node commits height ${height}`, async () => (await Promise.all(readers.map((r) => r.status())))
      .every((s) => s.latestHeight >= height), 20_000);
    return Promise.all(readers.map((r) => r.getCase(CASE_NO, at === undefined ? {} : { at })));
  }

  it('records the missed instalment\'s default in the first block past due + grace on every node, accelerates, files and suspends', async () => {
    const document = sha256(utf8(`mediation agreement ${CASE_NO} ${Date.now()}`));
    const submitter = readKeyFile(layout.submitterKeyFile);
    await commit(buildAnchorTx({ ...common(submitter), digest: document, algorithm: 'sha256', category: 'judicial-forensics' }));

    // Due 8, 11 and 14 s from now with 1 s of grace: time to create the case and report the first payment.
    const startMs = Date.now();
    const dueAtMs = [8000, 11_000, 14_000].map((offset) => startMs + offset);
    const creditorParty = { memberKey: toHex(creditor.publicKey) };
    const created = await commit(createCaseTx({ ...common(court), terms: { json: {
      format: 'tianping-case-terms/1', templateVersion: 1, caseNo: CASE_NO, document: { algorithm: 'sha256', digest: toHex(document) },
      creditors: [creditorParty],
      debtor: { identityCommitment: toHex(identityCommitment('王某 110101199001011234', utf8('a salt the court keeps'))) },
      payees: [{ party: creditorParty, weight: 1 }], caseAccountRef: 'BJ0491-2026-88', currency: 'CNY',
      instalments: dueAtMs.map((ms) => ({ amountFen: INSTALMENT_FEN, dueAt: new Date(ms).toISOString() })),
      grace: 'PT1S', acceleration: true, delay: { kind: 'statutory' }, graceDelaysInterest: false, paymentOrder: 'principalFirst',
      exemptClaimTypes: [], autoFile: false, feePolicy: 'cumulative/1',
    } } }));
    expect(created.status).toBe('committed');
    const paid = await commit(reportPaymentTx({ ...common(oracle), caseNo: CASE_NO, bankRef: 'BANK-88-0001', amountFen: INSTALMENT_FEN,
      receivedAtMs: Date.now() - 1000 }), 1);
    if (paid.status !== 'committed') throw new Error('the payment report did not commit');
    expect(paid.blockTimeMs).toBeLessThan(dueAtMs[0]! + GRACE_MS);

    // The default of instalment 1 and the acceleration of instalment 2, in one block.
    let view!: CaseView;
    await waitFor('the case defaults', async () => (view = await readers[0]!.getCase(CASE_NO)).status === 'DEFAULTED', 30_000);
    const defaultEvent = view.events.find((e) => e.kind === 'DEFAULT')!;
    expect(defaultEvent.details.instalmentIndex).toBe(1);
    expect(defaultEvent.legalAtMs).toBe(dueAtMs[1]! + GRACE_MS);
    const accelerated = view.events.find((e) => e.kind === 'ACCELERATED')!;
    expect(accelerated.height).toBe(defaultEvent.height);
    expect(accelerated.details.amount?.fen).toBe(String(INSTALMENT_FEN));
    expect(view.schedule.map((i) => i.status)).toEqual(['paid', 'defaulted', 'defaulted']);
    const h = defaultEvent.height;
    // Every node has height h before its header is read: a loaded machine lets one lag behind reader 0.
    const atDefaultViews = await everyNode(h);
    // The first block whose time reaches due + grace, on every node, with the same app hash.
    const headers = await Promise.all(readers.map((r) => r.headers(h)));
    expect(new Set(headers.map((header) => `${header.hash}/${header.appHash}`)).size).toBe(1);
    expect(headers[0]!.timeMs).toBeGreaterThanOrEqual(defaultEvent.legalAtMs);
    expect((await readers[0]!.headers(h - 1)).timeMs).toBeLessThan(defaultEvent.legalAtMs);
    for (const [node, atDefault] of atDefaultViews.entries()) {
      expect(atDefault.events.find((e) => e.kind === 'DEFAULT'), `node ${node}`).toEqual(defaultEvent);
      const receipt = await readers[node]!.caseEventReceipt(CASE_NO, defaultEvent.seq);
      expect(verifyEventReceipt(receipt, genesis).valid, `node ${node}'s receipt of the default`).toBe(true);
    }

    // The creditor files; every node names the same filing id.
    const filed = await commit(fileExecutionTx({ ...common(creditor), caseNo: CASE_NO }), 2);
    if (filed.status !== 'committed') throw new Error('the filing did not commit');
    const afterFiling = await everyNode(filed.height);
    expect(afterFiling.every((v) => v.status === 'FILED' && v.filingId === afterFiling[0]!.filingId)).toBe(true);
    expect(afterFiling[0]!.filingId).toMatch(/^[0-9a-f]{64}$/);
    expect(afterFiling.map((v) => v.events.find((e) => e.kind === 'FILED')?.details.filingId)).toEqual(afterFiling.map((v) => v.filingId));

    // Delay interest on the defaulted principal, as of ten days on: a suspension for review stops it, the resume restarts it.
    const nowMs = afterFiling[0]!.asOf.latestBlockTimeMs;
    const chargesAt = async (at: number, height: number): Promise<string[]> => (await everyNode(height, at)).map((v) => v.owed.charges.fen);
    const running = await chargesAt(nowMs + 10 * DAY_MS, filed.height);
    const today = await chargesAt(nowMs, filed.height);
    expect(BigInt(running[0]!)).toBeGreaterThan(BigInt(today[0]!));
    const suspended = await commit(caseActionTx({ ...common(court), caseNo: CASE_NO, kind: 'SUSPEND', reasonCode: 'COURT_REVIEW' }), 3);
    if (suspended.status !== 'committed') throw new Error('the suspension did not commit');
    expect(await chargesAt(nowMs + 10 * DAY_MS, suspended.height)).toEqual(today);
    const resumed = await commit(caseActionTx({ ...common(court), caseNo: CASE_NO, kind: 'RESUME', reasonCode: 'REVIEW_CONCLUDED' }), 0);
    if (resumed.status !== 'committed') throw new Error('the resume did not commit');
    expect(await chargesAt(nowMs + 10 * DAY_MS, resumed.height)).toEqual(running);
    expect((await readers[0]!.getCase(CASE_NO)).status).toBe('FILED');
  }, 90_000);

  it('refuses a suspension signed by the oracle\'s key with its code, and commits nothing', async () => {
    const before = await readers[0]!.getCase(CASE_NO);
    const tx = caseActionTx({ ...common(oracle), caseNo: CASE_NO, kind: 'SUSPEND', reasonCode: 'COURT_REVIEW' });
    const response = await fetch(`${layout.nodes[1]!.apiUrl}/v1/txs?wait=commit&timeoutMs=5000`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tx: toBase64(tx.bytes) }),
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await response.json()) as { code: string }).code).toBe('CASE_SIGNER_NOT_ALLOWED');
    // Two blocks later no node knows the tx, and the case is as it was.
    const { latestHeight } = await readers[0]!.status();
    const after = await everyNode(latestHeight + 2);
    for (const [node, reader] of readers.entries()) {
      await expect(reader.tx(tx.hash), `node ${node}`).rejects.toSatisfy((error) => error instanceof ApiError && error.code === 'TX_NOT_FOUND');
      expect(after[node]!.eventsCount, `node ${node}`).toBe(before.eventsCount);
      expect(after[node]!.status).toBe('FILED');
    }
  }, 30_000);
});
