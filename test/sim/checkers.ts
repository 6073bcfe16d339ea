// What every simulated run must satisfy, checked as the run goes (safety) and at its end (liveness):
// 1. agreement: no two honest nodes commit different blocks at one height;
// 2. no honest validator sends two different signed votes (or proposals) for one height/round/type,
//    across crashes too;
// 3. a Byzantine equivocation that reached one honest node (both messages taken in at their height,
//    in one incarnation) is recorded as evidence by an honest node; and no honest validator is ever
//    accused;
// 4. liveness: after the last fault heals, every honest node commits a height no honest node had
//    before the heal, within the liveness window.
import { toHex } from '../../src/types/index.js';
import type { CommitCertificate, ConsensusBlock, Evidence } from '../../src/consensus/tendermint/index.js';

export class SimulationFailure extends Error {
  override name = 'SimulationFailure';
}

export function equivocationKey(validatorIndex: number, height: number, round: number, type: string): string {
  return `${validatorIndex}/${height}/${round}/${type}`;
}

export interface CommitRecord {
  readonly node: number;
  readonly height: number;
  readonly hashHex: string;
  readonly atMs: number;
}

export class Checker {
  private readonly committedHash = new Map<number, string>();
  private readonly signedBytes = new Map<string, string>();
  /** Equivocations a Byzantine node made: key → the two message ids. */
  private readonly equivocations = new Map<string, readonly [string, string]>();
  /** Per node incarnation: message ids it took in at their height. */
  private readonly received = new Map<string, Set<string>>();
  private readonly evidenceKeys = new Set<string>();
  readonly commits: CommitRecord[] = [];
  evidenceCount = 0;

  constructor(private readonly honestValidators: ReadonlySet<number>) {}

  private fail(message: string): never {
    throw new SimulationFailure(message);
  }

  /** Invariant 1, checked on every commit effect of an honest node. */
  onCommit(node: number, block: ConsensusBlock, certificate: CommitCertificate, atMs: number): void {
    const height = certificate.height;
    const hashHex = toHex(block.hash);
    const previous = this.committedHash.get(height);
    if (previous !== undefined && previous !== hashHex) {
      this.fail(`agreement violated at height ${height}: node ${node} committed ${hashHex}, another ${previous}`);
    }
    this.committedHash.set(height, hashHex);
    this.commits.push({ node, height, hashHex, atMs });
  }

  /** Invariant 2, checked on every own signed message an honest validator sends. */
  onHonestSignedSend(validatorIndex: number, height: number, round: number, type: string, signBytes: Uint8Array): void {
    const key = equivocationKey(validatorIndex, height, round, type);
    const bytesHex = toHex(signBytes);
    const previous = this.signedBytes.get(key);
    if (previous !== undefined && previous !== bytesHex) {
      this.fail(`honest validator ${validatorIndex} signed two different ${type} messages at ${height}/${round}`);
    }
    this.signedBytes.set(key, bytesHex);
  }

  onByzantineEquivocation(key: string, idA: string, idB: string): void {
    if (!this.equivocations.has(key)) this.equivocations.set(key, [idA, idB]);
  }

  onTakenIn(node: number, incarnation: number, messageId: string): void {
    const key = `${node}/${incarnation}`;
    let ids = this.received.get(key);
    if (ids === undefined) {
      ids = new Set();
      this.received.set(key, ids);
    }
    ids.add(messageId);
  }

  onEvidence(node: number, evidence: Evidence): void {
    const accused = evidence.validatorIndex;
    if (this.honestValidators.has(accused)) this.fail(`node ${node} recorded evidence against honest validator ${accused}`);
    const [height, round, type] = evidence.kind === 'duplicateVote'
      ? [evidence.voteA.height, evidence.voteA.round, String(evidence.voteA.type)]
      : [evidence.proposalA.height, evidence.proposalA.round, 'proposal'];
    this.evidenceKeys.add(equivocationKey(accused, height, round, type));
    this.evidenceCount += 1;
  }

  /** Invariant 3, at the end of the run. */
  checkEvidence(): void {
    for (const [key, [idA, idB]] of this.equivocations) {
      const seenBoth = [...this.received.values()].some((ids) => ids.has(idA) && ids.has(idB));
      if (seenBoth && !this.evidenceKeys.has(key)) {
        this.fail(`equivocation ${key} reached an honest node but no honest node recorded evidence`);
      }
    }
  }

  /** Invariant 4, at the end of the run. */
  checkLiveness(honestNodes: readonly number[], healAtMs: number, deadlineMs: number): void {
    const heightAtHeal = this.commits.filter((c) => c.atMs <= healAtMs).reduce((max, c) => Math.max(max, c.height), 0);
    for (const node of honestNodes) {
      const progressed = this.commits.some((c) => c.node === node && c.height > heightAtHeal
        && c.atMs > healAtMs && c.atMs <= deadlineMs);
      if (!progressed) {
        this.fail(`liveness: honest node ${node} committed no height above ${heightAtHeal} within `
          + `${deadlineMs - healAtMs} ms after the faults healed`);
      }
    }
  }

  /** True once every honest node has committed a new height after the heal: the run may stop. */
  livenessReached(honestNodes: readonly number[], healAtMs: number): boolean {
    const heightAtHeal = this.commits.filter((c) => c.atMs <= healAtMs).reduce((max, c) => Math.max(max, c.height), 0);
    return honestNodes.every((node) => this.commits.some((c) => c.node === node && c.height > heightAtHeal && c.atMs > healAtMs));
  }

  get equivocationCount(): number {
    return this.equivocations.size;
  }

  get maxCommittedHeight(): number {
    let max = 0;
    for (const height of this.committedHash.keys()) max = Math.max(max, height);
    return max;
  }
}
