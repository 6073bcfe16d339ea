// What users and operators do to the simulated chain, through the node's own API surface (NodeCore):
// a platform anchors evidence at a steady rate and waits for each commit, and the consortium carries
// out the seed's plan of validator-set changes as governance proposals that the validators vote
// through (a spare asks to join; a validator opens a removal, suspension or reinstatement). Txs are
// the SDK's wire format signed with the simulator's fake signatures.
import { encodeSignedTx, encodeTxBody, txHash, txSignBytes } from '../../src/codec/index.js';
import type { KeyPair } from '../../src/crypto/ed25519.js';
import { sha256 } from '../../src/crypto/hash.js';
import { isTianpingError, toHex, utf8, type Hash32, type TianpingError } from '../../src/types/index.js';
import type { Checker } from './checkers.js';
import { fakeSign } from './fake-crypto.js';
import type { SimNode } from './node.js';
import { applyPlanned, type PlanState, type PlannedChange, type SetChangeOp } from './options.js';
import type { Prng } from './prng.js';

const TX_LIFETIME_MS = 10 * 60 * 1000;
const COMMIT_WAIT_MS = 30_000;
const ROLE_VALIDATOR = 1;
const CHANGE_KIND = { remove: 1, suspend: 2, reinstate: 3 } as const;

/** What every workload drives: the chain, the nodes, the run's randomness and the commit checker. */
export interface SimWorld {
  readonly chainId: string;
  readonly checker: Checker;
  readonly prng: Prng;
  readonly nodes: readonly SimNode[];
  readonly epochMs: number;
}

export interface WorkloadWorld extends SimWorld {
  readonly submitter: KeyPair;
  readonly plan: readonly PlannedChange[];
  readonly genesisPlan: PlanState;
}

export type TxBody = Parameters<typeof encodeTxBody>[0];
export type SignedTx = { readonly bytes: Uint8Array; readonly hash: Hash32 };

/** A tx in the SDK's wire format, signed with the simulator's fake signature. */
export function signedTx(chainId: string, key: KeyPair, body: Omit<TxBody, 'chainId' | 'signer'>): { bytes: Uint8Array; hash: Hash32 } {
  const bodyBytes = encodeTxBody({ chainId, signer: key.publicKey, ...body });
  const bytes = encodeSignedTx(bodyBytes, fakeSign(key.seed, txSignBytes(chainId, bodyBytes)));
  return { bytes, hash: txHash(bytes) };
}

/** Txs a workload re-sends expire an hour after the run's start: a retry is the very same tx. */
export const fixedExpiryMs = (w: SimWorld): number => w.epochMs + 60 * 60 * 1000;

/** The honest nodes that are up, with a node core to talk to. */
export const honestUp = (w: SimWorld): SimNode[] => w.nodes.filter((n) => n.up && n.core !== undefined && !n.byzantine);

/** Of nodes with a ledger, the one with the highest tip (the first of them on a tie). */
export const mostAdvanced = (nodes: readonly SimNode[]): SimNode =>
  nodes.reduce((best, n) => (n.ledger!.tip.height > best.ledger!.tip.height ? n : best));

/**
 * Submits a tx to the node and waits for its commit; an answer of "committed" is recorded with the
 * checker. A refusal (full, halted, the chain's rules) or a tx not committed in time gave no such
 * answer: onRefused hears of it. Any other error is a bug and rejects.
 */
export async function submitAndWait(checker: Checker, node: SimNode, tx: SignedTx,
  onRefused?: (error: TianpingError) => void): Promise<void> {
  const core = node.core!;
  try {
    await core.submitTx(tx.bytes);
    const info = await core.waitForCommit(tx.hash, COMMIT_WAIT_MS);
    checker.onAnsweredCommitted(node.node, toHex(tx.hash), info.height);
  } catch (error) {
    if (!isTianpingError(error)) throw error;
    onRefused?.(error);
  }
}

/** Expected member status once the change has passed. */
const statusAfter = (op: SetChangeOp): string => (op.kind === 'add' || op.kind === 'reinstate' ? 'active'
  : op.kind === 'remove' ? 'removed' : 'suspended');

export class Workload {
  private anchorsSent = 0;
  /** Plan changes seen applied on chain, and the height of the ledger that showed the last one. */
  opsApplied = 0;
  private lastAppliedAtHeight = 0;
  private planState: PlanState;

  constructor(private readonly w: WorkloadWorld) {
    this.planState = w.genesisPlan;
  }

  /** The height from which the last planned set is in force, once every change is seen applied. */
  get setChangesTarget(): number | undefined {
    if (this.w.plan.length === 0) return 0;
    return this.opsApplied < this.w.plan.length ? undefined : this.lastAppliedAtHeight + 2;
  }

  /** Submits one anchor to a random honest node that is up, and records the answer if it commits. */
  anchor(): void {
    const nodes = honestUp(this.w);
    if (nodes.length === 0) return;
    const node = this.w.prng.pick(nodes);
    const n = this.anchorsSent++;
    const tx = signedTx(this.w.chainId, this.w.submitter, {
      nonce: n, expiresAtMs: node.clock.nowMs() + TX_LIFETIME_MS,
      anchorEvidence: { algorithm: 1, digest: sha256(utf8(`sim-evidence/${n}`)), category: 'copyright', externalRef: '' },
    });
    void submitAndWait(this.w.checker, node, tx);
  }

  /** One step of the governance plan: see whether the current change passed, else (re)send its txs. */
  async governance(): Promise<void> {
    const planned = this.w.plan[this.opsApplied];
    if (planned === undefined) return;
    const nodes = honestUp(this.w);
    if (nodes.length === 0) return;
    const reader = mostAdvanced(nodes);
    const tipHeight = reader.ledger!.tip.height;
    if (tipHeight < planned.fromHeight) return;
    const { op } = planned;
    const subject = this.w.nodes[op.node]!.key;
    const member = await reader.core!.member(toHex(subject.publicKey));
    if (reader.core === undefined) return;
    if (member !== undefined && member.status === statusAfter(op) && (op.kind !== 'add' || member.role === 'validator')) {
      this.opsApplied += 1;
      this.lastAppliedAtHeight = tipHeight;
      this.planState = applyPlanned(this.planState, op) ?? this.planState;
      return;
    }
    const opening = this.openingTx(planned);
    const voters = this.planState.validators.map((m) => this.w.nodes[m.node]!).filter((n) => !n.byzantine);
    const send = (tx: { bytes: Uint8Array }): void => {
      // A node may have crashed while this step awaited its reads.
      const core = this.w.prng.pick(nodes).core;
      core?.submitTx(tx.bytes).catch((error: unknown) => {
        if (!isTianpingError(error)) throw error;
      });
    };
    const readerCore = reader.core;
    if (readerCore === undefined) return;
    const proposal = await readerCore.proposal(opening.hash);
    if (proposal === undefined) {
      send(opening);
      return;
    }
    for (const voter of voters) {
      send(signedTx(this.w.chainId, voter.key, { nonce: 1_000_000 + this.opsApplied, expiresAtMs: fixedExpiryMs(this.w),
        governanceVote: { proposalId: opening.hash, approve: true } }));
    }
  }

  /** The tx that opens the proposal of a planned change; the same bytes at every retry. */
  private openingTx(planned: PlannedChange): { bytes: Uint8Array; hash: Hash32 } {
    const { op } = planned;
    const subject = this.w.nodes[op.node]!.key;
    const seq = this.opsApplied;
    const expiresAtMs = fixedExpiryMs(this.w);
    if (op.kind === 'add') {
      return signedTx(this.w.chainId, subject, { nonce: seq, expiresAtMs, joinRequest: {
        name: `sim-node-${op.node}`, organisation: `Sim ${op.node}`, role: ROLE_VALIDATOR, addresses: [],
        evaluationReportDigest: sha256(utf8(`sim-evaluation/${op.node}`)), power: op.power, categories: [] } });
    }
    // A validator other than the subject opens it (the subject itself when it is the only honest one).
    const honest = this.planState.validators.map((m) => this.w.nodes[m.node]!).filter((n) => !n.byzantine);
    const opener = honest.find((n) => n.node !== op.node) ?? honest[0];
    if (opener === undefined) throw new Error('the plan left no honest validator to open a change');
    return signedTx(this.w.chainId, opener.key, { nonce: seq, expiresAtMs,
      memberChange: { kind: CHANGE_KIND[op.kind], member: subject.publicKey, reason: `sim plan ${seq}` } });
  }
}
