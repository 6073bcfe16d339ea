// What a court, its oracle and a creditor do to the simulated chain, case by case (case-plan.ts),
// through the node's own API surface (NodeCore): the platform anchors the judgment's document; once
// it is committed the court's key creates the case with instalments due seconds after the chain's
// time; the oracle reports the money of the first instalments; the court suspends and resumes; the
// creditor files for execution once the case is in default; and the oracle's key tries a suspension,
// which every node must refuse with CASE_SIGNER_NOT_ALLOWED and never commit.
//
// Every step is driven by the committed state of the most advanced honest node and sent again at
// each tick, the same bytes, until it is committed or refused for good: faults lose txs, and a
// lost tx must not stall the case.
import { identityCommitment } from '../../src/client/cases.js';
import type { KeyPair } from '../../src/crypto/ed25519.js';
import { sha256 } from '../../src/crypto/hash.js';
import { evidenceCountKey, readTxLocation } from '../../src/state/index.js';
import { Status, readCase, type CaseRecordMsg } from '../../src/state/cases/index.js';
import { isTianpingError, toHex, utf8, type Hash32 } from '../../src/types/index.js';
import type { CasePlan } from './case-plan.js';
import type { Checker } from './checkers.js';
import type { SimNode } from './node.js';
import {
  fixedExpiryMs, honestUp, mostAdvanced, signedTx, submitAndWait, type SignedTx, type SimWorld, type TxBody,
} from './workload.js';

/** A case is created only while its first instalment's legal time lies this far ahead of the chain. */
const CREATE_MARGIN_MS = 500;
/** Refusals that end a step: the chain's rules will not take the tx (any other refusal is retried). */
const FINAL_CODES = new Set(['CASE_TRANSITION_INVALID', 'CASE_SIGNER_NOT_ALLOWED', 'PAYMENT_DUPLICATE', 'CASE_EXISTS']);
const DELAY_KIND = { statutory: 1, penaltyFixed: 2, penaltyShare: 3 } as const;
const ACTION_KIND = { SUSPEND: 1, RESUME: 2 } as const;

/** What a run made of its contracts, read from one node at the end. */
export interface CaseSummary {
  readonly casesCreated: number;
  readonly caseDefaults: number;
  readonly caseFilings: number;
  readonly caseSuspensions: number;
}

export interface CaseKeys {
  readonly submitter: KeyPair;
  readonly court: KeyPair;
  readonly oracle: KeyPair;
  readonly creditor: KeyPair;
}

export interface CaseWorld extends SimWorld {
  readonly keys: CaseKeys;
  readonly plans: readonly CasePlan[];
  readonly seed: number;
  /** PBTS precision: a block time lies at most this far from any honest clock. */
  readonly precisionMs: number;
  nowMs(): number;
  /** A violation found outside a checker call the simulator awaits: it fails the run. */
  report(error: unknown): void;
}

interface Step {
  readonly tx: SignedTx;
  state: 'sending' | 'committed' | 'refused';
}

interface CaseRun {
  readonly index: number;
  readonly plan: CasePlan;
  readonly caseNo: string;
  readonly digest: Hash32;
  readonly anchor: SignedTx;
  create: SignedTx | undefined;
  firstLegalAtMs: number;
  builds: number;
  /** The record as the last tick read it. */
  record: CaseRecordMsg | undefined;
  readonly steps: Map<string, Step>;
}

export class CaseWorkload {
  private readonly runs: CaseRun[];
  /** The reader's tip time at the last tick. */
  private tipTimeMs = 0;

  constructor(private readonly w: CaseWorld) {
    this.runs = w.plans.map((plan, index) => {
      const digest = sha256(utf8(`sim-judgment/${w.seed}/${index}`)) as Hash32;
      const anchor = signedTx(w.chainId, w.keys.submitter, { nonce: 3_000_000 + index, expiresAtMs: fixedExpiryMs(this.w),
        anchorEvidence: { algorithm: 1, digest, category: 'judicial-forensics', externalRef: '' } });
      return { index, plan, caseNo: `(2023)模拟${w.seed}号-${index}`, digest, anchor, create: undefined, firstLegalAtMs: 0, builds: 0,
        record: undefined, steps: new Map() };
    });
  }

  /** One tick: every started case takes its next steps as the most advanced honest node's state allows. */
  async tick(): Promise<void> {
    const nodes = honestUp(this.w);
    if (nodes.length === 0) return;
    const reader = mostAdvanced(nodes);
    const ledger = reader.ledger!;
    const tip = ledger.tip;
    this.tipTimeMs = Math.max(this.tipTimeMs, tip.timeMs);
    for (const run of this.runs) {
      if (run.plan.startAtMs > this.w.nowMs()) continue;
      if ((await ledger.state.get(evidenceCountKey(1, run.digest))) === undefined) {
        this.send(run.anchor);
        continue;
      }
      const record = await readCase(ledger.state, run.caseNo);
      if (record === undefined) {
        this.sendCreate(run, Math.max(tip.timeMs, reader.clock.nowMs()));
        continue;
      }
      run.record = record;
      this.takeSteps(run, record, tip.timeMs);
      // A step once taken is followed to its end, whatever the case's state has become since.
      for (const [name, step] of run.steps) await this.advance(ledger.state, name, step);
    }
  }

  private sendCreate(run: CaseRun, baseMs: number): void {
    if (run.create === undefined || run.firstLegalAtMs <= baseMs + CREATE_MARGIN_MS) {
      const { plan } = run;
      const dueAtMs = plan.instalmentsFen.map((_, i) => baseMs + plan.firstDueAfterMs + i * plan.gapMs);
      run.create = signedTx(this.w.chainId, this.w.keys.court, { nonce: 2_000_000 + run.index * 1000 + run.builds,
        expiresAtMs: fixedExpiryMs(this.w), caseCreate: { terms: this.terms(run, dueAtMs) } });
      run.firstLegalAtMs = dueAtMs[0]! + plan.graceMs;
      run.builds += 1;
    }
    this.send(run.create);
  }

  private terms(run: CaseRun, dueAtMs: readonly number[]): NonNullable<NonNullable<NonNullable<TxBody>['caseCreate']>['terms']> {
    const { plan } = run;
    const creditor = { memberKey: this.w.keys.creditor.publicKey };
    const debtor = { identityCommitment: identityCommitment(`sim debtor ${run.index}`, sha256(utf8(`sim-salt/${this.w.seed}/${run.index}`))) };
    const delay = { kind: DELAY_KIND[plan.delay], amountFen: plan.delay === 'penaltyFixed' ? 50_000 : 0,
      numerator: plan.delay === 'penaltyShare' ? 1 : 0, denominator: plan.delay === 'penaltyShare' ? 10 : 0 };
    return {
      templateVersion: 1, caseNo: run.caseNo, documentAlgorithm: 1, documentDigest: run.digest, creditors: [creditor], debtor,
      payees: [{ party: creditor, weight: 1 }], caseAccountRef: `SIM-${this.w.seed}-${run.index}`, currency: 'CNY',
      instalments: plan.instalmentsFen.map((amountFen, i) => ({ amountFen, dueAtMs: dueAtMs[i]! })), graceMs: plan.graceMs,
      acceleration: plan.acceleration, delay, graceDelaysInterest: false, paymentOrder: 1, exemptClaimTypes: [],
      autoFile: plan.autoFile, feePolicy: 'cumulative/1',
    };
  }

  /** Takes the steps the case's plan and state call for now, each built once (a retry sends the same bytes). */
  private takeSteps(run: CaseRun, record: CaseRecordMsg, tipTimeMs: number): void {
    const { plan, caseNo } = run;
    const { court, oracle, creditor } = this.w.keys;
    const take = (name: string, key: KeyPair, body: Omit<TxBody, 'chainId' | 'signer' | 'nonce' | 'expiresAtMs'>): void => {
      if (run.steps.has(name)) return;
      const nonce = 2_500_000 + run.index * 1000 + run.steps.size;
      run.steps.set(name, { tx: signedTx(this.w.chainId, key, { nonce, expiresAtMs: fixedExpiryMs(this.w), ...body }), state: 'sending' });
    };
    // Money received before the creating block's time by the chain's precision: never after a block time or a clock.
    const receivedAtMs = record.createdAtMs - this.w.precisionMs;
    for (let i = 0; i < plan.paidCount; i++) {
      take(`pay${i}`, oracle, { paymentReport: { caseNo, bankRef: `SIM-${run.index}-${i}`, amountFen: plan.instalmentsFen[i]!, currency: 'CNY',
        receivedAtMs, direction: 1 } });
    }
    take('forged', oracle, { caseAction: { caseNo, kind: ACTION_KIND.SUSPEND, reasonCode: 'OTHER' } });
    const { suspension } = plan;
    if (suspension !== undefined && tipTimeMs >= record.createdAtMs + suspension.afterMs) {
      take('suspend', court, { caseAction: { caseNo, kind: ACTION_KIND.SUSPEND, reasonCode: suspension.reason } });
      const fromMs = record.suspensions[0]?.fromMs;
      if (run.steps.get('suspend')?.state === 'committed' && fromMs !== undefined && tipTimeMs >= fromMs + suspension.forMs) {
        take('resume', court, { caseAction: { caseNo, kind: ACTION_KIND.RESUME, reasonCode: suspension.resumeReason } });
      }
    }
    if (plan.creditorFiles && record.status === Status.CASE_STATUS_DEFAULTED) take('file', creditor, { executionFiling: { caseNo, onApplication: false } });
  }

  private async advance(state: { get(key: string): Promise<Uint8Array | undefined> }, name: string, step: Step): Promise<void> {
    if (step.state !== 'sending') return;
    if ((await readTxLocation(state, step.tx.hash)) !== undefined) {
      if (name === 'forged') this.w.checker.fail(`a suspension signed by the oracle's key was committed (tx ${step.tx.hash})`);
      step.state = 'committed';
      return;
    }
    if (name === 'forged') this.sendForged(step);
    else this.send(step.tx, step);
  }

  /** Sends a tx to a random honest node; a commit answer is recorded, a final refusal ends the step. */
  private send(tx: SignedTx, step?: Step): void {
    const nodes = honestUp(this.w);
    if (nodes.length === 0) return;
    const node = this.w.prng.pick(nodes);
    submitAndWait(this.w.checker, node, tx, (error) => {
      if (step !== undefined && FINAL_CODES.has(error.code)) step.state = 'refused';
    }).catch((error: unknown) => { this.w.report(error); });
  }

  /** A suspension signed by the oracle: the node must refuse it on admission with CASE_SIGNER_NOT_ALLOWED. */
  private sendForged(step: Step): void {
    const nodes = honestUp(this.w);
    if (nodes.length === 0) return;
    const node = this.w.prng.pick(nodes);
    node.core!.submitTx(step.tx.bytes).then(() => {
      this.w.checker.fail(`node ${node.node} admitted a suspension signed by the oracle's key`);
    }, (error: unknown) => {
      if (!isTianpingError(error)) throw error;
      if (error.code === 'CASE_SIGNER_NOT_ALLOWED') step.state = 'refused';
    }).catch((error: unknown) => { this.w.report(error); });
  }

  /** Hashes of the txs no node may ever commit: the oracle's suspensions. */
  private get forbiddenTxs(): Hash32[] {
    return this.runs.flatMap((run) => [...run.steps].filter(([name]) => name === 'forged').map(([, step]) => step.tx.hash));
  }

  /**
   * The workload has nothing left to do: every case is created, the chain's time is past every
   * instalment's legal time, and every step its plan and state called for is committed or refused.
   */
  get finished(): boolean {
    return this.runs.every((run) => {
      const { record, plan, steps } = run;
      if (record === undefined) return false;
      if (this.tipTimeMs <= Math.max(...record.instalments.map((i) => i.legalAtMs))) return false;
      if ([...steps.values()].some((step) => step.state === 'sending')) return false;
      if (plan.suspension !== undefined && (steps.get('suspend') === undefined
        || (steps.get('suspend')!.state === 'committed' && steps.get('resume') === undefined))) return false;
      return !(plan.creditorFiles && record.status === Status.CASE_STATUS_DEFAULTED && !steps.has('file'));
    });
  }

  /**
   * At the end of the run, on the honest nodes that are up: the oracle's suspensions are in no
   * ledger; the workload finished within the window (`window` says which); and every case that
   * missed an instalment is in default on the most advanced node.
   */
  async finalCheck(honest: readonly SimNode[], window: string): Promise<CaseSummary> {
    const checker: Checker = this.w.checker;
    for (const node of honest) {
      for (const hash of this.forbiddenTxs) {
        if ((await readTxLocation(node.ledger!.state, hash)) !== undefined) checker.fail(`node ${node.node} committed the oracle's suspension ${toHex(hash)}`);
      }
    }
    if (!this.finished) checker.fail(`liveness: the contracts' workload did not finish ${window}: ${this.pending()}`);
    const reader = mostAdvanced(honest);
    const records: CaseRecordMsg[] = [];
    for (const run of this.runs) {
      const record = await readCase(reader.ledger!.state, run.caseNo);
      if (record === undefined) checker.fail(`case ${run.caseNo} is missing from node ${reader.node}`);
      if (run.plan.paidCount < run.plan.instalmentsFen.length && record.defaultedAtMs === 0) {
        checker.fail(`liveness: case ${run.caseNo} missed instalment ${run.plan.paidCount} and never defaulted`);
      }
      records.push(record);
    }
    return {
      casesCreated: records.length,
      caseDefaults: records.filter((record) => record.defaultedAtMs > 0).length,
      caseFilings: records.filter((record) => record.filingId.length > 0).length,
      caseSuspensions: records.filter((record) => record.suspensions.length > 0).length,
    };
  }

  /** What is left to do, for a liveness failure's message. */
  pending(): string {
    return this.runs.map((run) => {
      if (run.record === undefined) return `${run.caseNo}: not created (${run.builds} create txs built)`;
      const sending = [...run.steps].filter(([, step]) => step.state === 'sending').map(([name]) => name);
      return `${run.caseNo}: status ${run.record.status}, steps pending [${sending.join(', ')}]`;
    }).join('; ');
  }
}
