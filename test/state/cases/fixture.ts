// A chain for judgment-contract tests: a court, an oracle, an executor, a creditor who holds a
// member key, a platform that anchors the documents, and two validators. Blocks are executed with
// the production executeBlock at the times a test gives, and every tx is a real signed tx.
import { expect } from 'vitest';
import type { tianping } from '../../../src/codec/gen/tianping.js';
import { pb } from '../../../src/codec/proto.js';
import { txSignBytes } from '../../../src/codec/sign-bytes.js';
import { decodeTx, encodeSignedTx, encodeTxBody, type DecodedTx } from '../../../src/codec/tx.js';
import { keyPairFromSeed, sign, type KeyPair } from '../../../src/crypto/ed25519.js';
import { sha256 } from '../../../src/crypto/hash.js';
import { NodeVerifier } from '../../../src/crypto/verify-node.js';
import { decodeEvent, readCase, type CaseEventMsg, type CaseRecordMsg } from '../../../src/state/cases/index.js';
import { executeBlock, type BlockContext, type ExecuteMode, type ExecuteResult } from '../../../src/state/execute.js';
import { parseGenesis, type ChainParams, type Genesis } from '../../../src/state/genesis.js';
import { genesisWrites } from '../../../src/state/members.js';
import { MapStateView } from '../../../src/state/view.js';
import { isTianpingError, toHex, utf8, type ErrorCode } from '../../../src/types/index.js';

export const CHAIN_ID = 'tianping-cases-test';
export const GENESIS_TIME_MS = 1_700_000_000_000;

const keyOf = (label: string): KeyPair => keyPairFromSeed(sha256(utf8(`tianping case test ${label}`)));
export const validatorA = keyOf('validator a');
export const validatorB = keyOf('validator b');
export const platform = keyOf('platform');
export const court = keyOf('court');
export const oracle = keyOf('oracle');
export const executor = keyOf('executor');
/** A creditor holding a member key (role verifier: any active member may be a party). */
export const creditor = keyOf('creditor');
export const outsider = keyOf('outsider');

export function caseGenesis(params: Partial<ChainParams> = {}): Genesis {
  return parseGenesis({
    chainId: CHAIN_ID, genesisTimeMs: GENESIS_TIME_MS,
    validators: [validatorA, validatorB].map((k, i) => ({ name: `val-${i}`, publicKey: toHex(k.publicKey), power: 10 })),
    categories: ['notarial'],
    members: [
      { name: 'platform', organisation: 'Platform', role: 'submitter', publicKey: toHex(platform.publicKey) },
      { name: 'court', organisation: 'Internet Court', role: 'court', publicKey: toHex(court.publicKey) },
      { name: 'bank-oracle', organisation: 'Bank', role: 'oracle', publicKey: toHex(oracle.publicKey) },
      { name: 'bureau', organisation: 'Execution Bureau', role: 'executor', publicKey: toHex(executor.publicKey) },
      { name: 'creditor', organisation: 'Creditor Ltd', role: 'verifier', publicKey: toHex(creditor.publicKey) },
    ],
    params,
  });
}

let nonce = 1;
type Action = Omit<NonNullable<Parameters<typeof encodeTxBody>[0]>, 'chainId' | 'signer' | 'nonce' | 'expiresAtMs'>;

export function signedTx(signer: KeyPair, action: Action, genesis: Genesis, expiresAtMs: number): DecodedTx {
  const body = encodeTxBody({ chainId: CHAIN_ID, signer: signer.publicKey, nonce: nonce++, expiresAtMs, ...action });
  return decodeTx(encodeSignedTx(body, sign(signer.seed, txSignBytes(CHAIN_ID, body))), genesis.params.txBytesMax);
}

export const DOCUMENT = sha256(utf8('mediation agreement (2026)京0491民初1234号'));
export const CASE_NO = '(2026)京0491民初1234号';
const commitment = (label: string): Uint8Array => sha256(utf8(`salt|${label}`));

/** Terms of a case: one creditor by key, a debtor by commitment, the creditor as the payee. */
export function terms(instalments: { amountFen: number; dueAtMs: number }[], o: Partial<tianping.v1.CaseTerms.$Properties> = {}):
  tianping.v1.CaseTerms.$Properties {
  return {
    templateVersion: 1, caseNo: CASE_NO, documentAlgorithm: 1, documentDigest: DOCUMENT,
    creditors: [{ memberKey: creditor.publicKey }], debtor: { identityCommitment: commitment('debtor') },
    payees: [{ party: { memberKey: creditor.publicKey }, weight: 1 }], caseAccountRef: 'BJ-IC-2026-0001', currency: 'CNY',
    instalments, graceMs: 0, acceleration: false, delay: { kind: pb.CaseDelayKind.CASE_DELAY_KIND_STATUTORY },
    graceDelaysInterest: false, paymentOrder: pb.CasePaymentOrder.CASE_PAYMENT_ORDER_PRINCIPAL_FIRST, exemptClaimTypes: [],
    autoFile: false, feePolicy: 'cumulative/1', ...o,
  };
}

export const ACTION = pb.CaseActionKind;
export const EVENT = pb.CaseEventKind;
export const STATUS = pb.CaseStatus;

/** A chain in memory; each block is executed at the time the test names. */
export class CaseChain {
  readonly view: MapStateView;
  height = 0;
  timeMs = GENESIS_TIME_MS;

  constructor(readonly genesis: Genesis = caseGenesis()) {
    this.view = new MapStateView(new Map(genesisWrites(genesis)));
  }

  ctx(timeMs: number): BlockContext {
    return { chainId: CHAIN_ID, timeMs, params: this.genesis.params, verifier: new NodeVerifier(), height: this.height + 1 };
  }

  /** A tx valid until a day after `atMs` (the block it is meant for). */
  tx(signer: KeyPair, action: Action, atMs: number): DecodedTx {
    return signedTx(signer, action, this.genesis, atMs + 3_600_000);
  }

  anchorTx(digest: Uint8Array, atMs: number): DecodedTx {
    return this.tx(platform, { anchorEvidence: { algorithm: 1, digest, category: 'notarial' } }, atMs);
  }

  createTx(caseTerms: tianping.v1.CaseTerms.$Properties, atMs: number, signer: KeyPair = court): DecodedTx {
    return this.tx(signer, { caseCreate: { terms: caseTerms } }, atMs);
  }

  actionTx(kind: number, reasonCode: string, atMs: number, signer: KeyPair = court, caseNo = CASE_NO): DecodedTx {
    return this.tx(signer, { caseAction: { caseNo, kind, reasonCode } }, atMs);
  }

  paymentTx(amountFen: number, bankRef: string, receivedAtMs: number, atMs: number, o: { caseNo?: string; currency?: string; paid?: boolean } = {}): DecodedTx {
    return this.tx(oracle, { paymentReport: {
      caseNo: o.caseNo ?? CASE_NO, bankRef, amountFen, currency: o.currency ?? 'CNY', receivedAtMs,
      direction: o.paid === true ? pb.PaymentDirection.PAYMENT_DIRECTION_PAID : pb.PaymentDirection.PAYMENT_DIRECTION_RECEIVED,
    } }, atMs);
  }

  filingTx(atMs: number, signer: KeyPair = creditor, onApplication = false): DecodedTx {
    return this.tx(signer, { executionFiling: { caseNo: CASE_NO, onApplication } }, atMs);
  }

  /** The next block at `timeMs`, validated (every tx must pass) and applied. */
  async commit(txs: readonly DecodedTx[], timeMs: number): Promise<ExecuteResult> {
    const result = await executeBlock(this.view, this.ctx(timeMs), txs, 'validate');
    this.view.apply(result.writes);
    this.height++;
    this.timeMs = timeMs;
    return result;
  }

  propose(txs: readonly DecodedTx[], timeMs: number, mode: ExecuteMode = 'propose'): Promise<ExecuteResult> {
    return executeBlock(this.view, this.ctx(timeMs), txs, mode);
  }

  async record(caseNo = CASE_NO): Promise<CaseRecordMsg> {
    const record = await readCase(this.view, caseNo);
    expect(record, `case ${caseNo}`).toBeDefined();
    return record!;
  }

  /** Anchors the document and creates the case, in two blocks. */
  async open(caseTerms: tianping.v1.CaseTerms.$Properties, anchorAtMs: number, createAtMs: number): Promise<ExecuteResult> {
    await this.commit([this.anchorTx(caseTerms.documentDigest ?? DOCUMENT, anchorAtMs)], anchorAtMs);
    return this.commit([this.createTx(caseTerms, createAtMs)], createAtMs);
  }
}

export const eventsOf = (result: ExecuteResult): CaseEventMsg[] => result.events.map(decodeEvent);

/** Kind names and the fields a test compares, per event. */
export const brief = (event: CaseEventMsg): Record<string, unknown> => ({
  kind: pb.CaseEventKind[event.kind].replace('CASE_EVENT_KIND_', ''), seq: event.seq, legalAtMs: event.legalAtMs,
  status: pb.CaseStatus[event.status].replace('CASE_STATUS_', ''), instalment: event.instalmentIndex,
});

/**
 * Refused with `code` by a proposer (left out, the block writing exactly what an empty block at the
 * same time writes) and by a validator (the block is invalid).
 */
export async function expectRefused(chain: CaseChain, bad: DecodedTx, code: ErrorCode, timeMs: number): Promise<void> {
  const empty = await chain.propose([], timeMs);
  const proposed = await chain.propose([bad], timeMs);
  expect(proposed.rejected.map((r) => r.error.code)).toEqual([code]);
  expect(proposed.included).toEqual([]);
  expect(proposed.writes.map(([k, v]) => `${k}=${toHex(v)}`)).toEqual(empty.writes.map(([k, v]) => `${k}=${toHex(v)}`));
  expect(toHex(proposed.appHash)).toBe(toHex(empty.appHash));
  expect(proposed.events).toEqual(empty.events);
  const error = await chain.propose([bad], timeMs, 'validate').then(() => undefined, (e: unknown) => e);
  expect(isTianpingError(error) ? error.code : error).toBe(code);
}
