// What every simulated run must satisfy, checked as the run goes (safety) and at its end (liveness):
// 1. agreement: no two honest nodes commit different blocks at one height;
// 2. no honest validator sends two different signed votes (or proposals) for one height/round/type,
//    across crashes too;
// 3. a Byzantine equivocation that reached one honest node (both messages taken in at their height,
//    in one incarnation) is recorded as evidence by an honest node; and no honest validator is ever
//    accused;
// 4. liveness: after the last fault heals, every honest node commits a height no honest node had
//    before the heal, within the liveness window; and with set changes, every planned operation
//    gets committed and every honest node commits a block of the height where the last set is in force;
// 5. every commit certificate an honest node accepts (decided or caught up) is for its block and signed,
//    each signer once and each signature valid, by more than 2/3 of the power of THAT height's set;
//    and no honest node counts a vote of a node that is not in the set of the vote's height;
// 6. every honest node runs every height with the same set (members, powers, proposer priorities):
//    the one the agreed chain gives by the real node's rule (valset.ts), restarts and joins included.
//
// Validators are named by node here, not by index: a node's index changes with the set.
import { voteSignBytes } from '../../src/codec/sign-bytes.js';
import {
  createValidatorSet,
  nextHeightValidatorSet,
  VOTE_PRECOMMIT,
  type CommitCertificate,
  type ConsensusBlock,
  type Evidence,
  type ValidatorSet,
  type Vote,
} from '../../src/consensus/tendermint/index.js';
import { equalBytes, toHex } from '../../src/types/index.js';
import { blockOps } from './app.js';
import { applyOps, sameMembers, toValidators, type Member } from './valset.js';

export class SimulationFailure extends Error {
  override name = 'SimulationFailure';
}

/** One equivocation: which node signed twice, where. */
export function equivocationKey(node: number, height: number, round: number, type: string): string {
  return `${node}/${height}/${round}/${type}`;
}

/** What the checker knows of the world to derive the sets on its own, from the agreed chain. */
export interface SetReference {
  readonly chainId: string;
  readonly genesis: readonly Member[];
  /** Operations in the plan: all of them must end up committed. */
  readonly plannedOps: number;
  publicKeyOf(node: number): Uint8Array;
  nodeOfPublicKey(publicKey: Uint8Array): number | undefined;
  verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
}

export interface CommitRecord {
  readonly node: number;
  readonly height: number;
  readonly hashHex: string;
  readonly atMs: number;
}

export class Checker {
  private readonly committedHash = new Map<number, string>();
  /** The agreed chain, by height, as honest nodes committed it. */
  private readonly committedBlocks = new Map<number, ConsensusBlock>();
  /** Reference members and sets by height, derived from committedBlocks alone. */
  private readonly referenceMembers = new Map<number, readonly Member[]>();
  private readonly referenceSets = new Map<number, ValidatorSet>();
  /** Plan operations committed on the agreed chain, and the height of the block with the last one. */
  private opsCommitted = 0;
  private lastOpHeight = 0;
  private nextOpsHeight = 1;
  setsChecked = 0;
  certificatesChecked = 0;
  private readonly signedBytes = new Map<string, string>();
  /** Equivocations a Byzantine node made: key → the two message ids. */
  private readonly equivocations = new Map<string, readonly [string, string]>();
  /** Per node incarnation: message ids it took in at their height. */
  private readonly received = new Map<string, Set<string>>();
  private readonly evidenceKeys = new Set<string>();
  readonly commits: CommitRecord[] = [];
  evidenceCount = 0;

  constructor(private readonly honestNodes: ReadonlySet<number>, private readonly reference: SetReference) {}

  fail(message: string): never {
    throw new SimulationFailure(message);
  }

  /** Votes a Byzantine node signed for a height whose set it is not in (byzantine.ts): never to be counted. */
  private readonly ghostVotes = new Set<string>();
  ghostVotesSent = 0;
  /** Forged finished heights Byzantine nodes sent to nodes catching up (all to be rejected). */
  forgedCommitsSent = 0;
  /** Honest restarts whose ledger already held a set change (the set must come back right). */
  restartsAfterChange = 0;

  onGhostVote(vote: Vote): void {
    this.ghostVotes.add(toHex(vote.signature));
    this.ghostVotesSent += 1;
  }

  isGhostVote(vote: Vote): boolean {
    return this.ghostVotes.size > 0 && vote.signature instanceof Uint8Array && this.ghostVotes.has(toHex(vote.signature));
  }

  /** Invariant 1, checked on every commit effect of an honest node. */
  onCommit(node: number, block: ConsensusBlock, certificate: CommitCertificate, atMs: number): void {
    const height = certificate.height;
    const hashHex = toHex(block.hash);
    this.checkCertificate(node, block, certificate);
    const previous = this.committedHash.get(height);
    if (previous !== undefined && previous !== hashHex) {
      this.fail(`agreement violated at height ${height}: node ${node} committed ${hashHex}, another ${previous}`);
    }
    if (previous === undefined) {
      this.committedHash.set(height, hashHex);
      this.committedBlocks.set(height, block);
      this.countOps();
    }
    this.commits.push({ node, height, hashHex, atMs });
  }

  private countOps(): void {
    for (let block = this.committedBlocks.get(this.nextOpsHeight); block !== undefined;
      block = this.committedBlocks.get(this.nextOpsHeight)) {
      const ops = blockOps(block);
      this.opsCommitted += ops.length;
      if (ops.length > 0) this.lastOpHeight = this.nextOpsHeight;
      this.nextOpsHeight += 1;
    }
  }

  /** Members in force at `height`: genesis, then the operations of block h - 2 on those of h - 1. */
  private membersAt(height: number): readonly Member[] {
    if (height <= 2) return this.reference.genesis;
    const known = this.referenceMembers.get(height);
    if (known !== undefined) return known;
    const block = this.committedBlocks.get(height - 2);
    if (block === undefined) this.fail(`the set of height ${height} is needed before block ${height - 2} is committed`);
    const members = applyOps(this.membersAt(height - 1), blockOps(block).map((op) => op.op));
    if (members === undefined) this.fail(`block ${height - 2} was committed with operations that do not apply`);
    this.referenceMembers.set(height, members);
    return members;
  }

  /** The set of `height` with its proposer priorities, by the real node's rule. */
  referenceSetAt(height: number): ValidatorSet {
    const known = this.referenceSets.get(height);
    if (known !== undefined) return known;
    let from = height;
    while (from > 1 && !this.referenceSets.has(from - 1)) from -= 1;
    for (let h = from; h <= height; h++) {
      const members = this.membersAt(h);
      const set = h > 1 && sameMembers(members, this.membersAt(h - 1))
        ? nextHeightValidatorSet(this.referenceSets.get(h - 1)!)
        : createValidatorSet(toValidators(members, (node) => this.reference.publicKeyOf(node)));
      this.referenceSets.set(h, set);
    }
    return this.referenceSets.get(height)!;
  }

  /** The node whose key holds `index` in the set of `height` (messages name validators by index). */
  signerNode(height: number, index: number): number | undefined {
    const validator = this.referenceSetAt(height).validators[index];
    return validator === undefined ? undefined : this.reference.nodeOfPublicKey(validator.publicKey);
  }

  /** Invariant 5: checked here independently of the core's verifyCertificate. */
  private checkCertificate(node: number, block: ConsensusBlock, certificate: CommitCertificate): void {
    const height = certificate.height;
    const set = this.referenceSetAt(height);
    const fail: (why: string) => never = (why) => this.fail(`node ${node} accepted a certificate for height ${height} that ${why}`);
    if (!equalBytes(certificate.blockHash, block.hash)) fail('is for another block');
    const signBytes = voteSignBytes(this.reference.chainId, height, certificate.round, VOTE_PRECOMMIT, certificate.blockHash);
    const signers = new Set<number>();
    let power = 0;
    for (const { validatorIndex, signature } of certificate.signatures) {
      const validator = set.validators[validatorIndex];
      if (validator === undefined) fail(`names index ${validatorIndex}, outside the height's set of ${set.validators.length}`);
      if (signers.has(validatorIndex)) fail(`names validator ${validatorIndex} twice`);
      if (!this.reference.verify(validator.publicKey, signBytes, signature)) {
        fail(`carries a signature of index ${validatorIndex} that the height's member there did not make`);
      }
      signers.add(validatorIndex);
      power += validator.power;
    }
    if (3 * power <= 2 * set.totalPower) fail(`is signed by ${power} of ${set.totalPower} power`);
    this.certificatesChecked += 1;
  }

  /** Invariant 6, on every startHeight of an honest node (first start, restart, next height, catch-up). */
  onStartHeight(node: number, height: number, set: ValidatorSet): void {
    const expected = this.referenceSetAt(height);
    const same = set.totalPower === expected.totalPower && set.validators.length === expected.validators.length
      && set.validators.every((v, i) => v.power === expected.validators[i]!.power
        && equalBytes(v.publicKey, expected.validators[i]!.publicKey)
        && set.proposerPriorities[i] === expected.proposerPriorities[i]);
    if (!same) {
      const show = (s: ValidatorSet): string => s.validators
        .map((v, i) => `${this.reference.nodeOfPublicKey(v.publicKey)}:${v.power}@${s.proposerPriorities[i]}`).join(' ');
      this.fail(`node ${node} runs height ${height} with the set [${show(set)}], the chain gives [${show(expected)}]`);
    }
    this.setsChecked += 1;
  }

  /** The height from which the last planned set is in force, once every operation is committed. */
  private setChangesTarget(): number | undefined {
    if (this.reference.plannedOps === 0) return 0;
    return this.opsCommitted < this.reference.plannedOps ? undefined : this.lastOpHeight + 2;
  }

  get setChangesCommitted(): number {
    return this.opsCommitted;
  }

  /** Distinct sets in force on the agreed chain (the genesis set counts as one). */
  get setsInForce(): number {
    let count = 1;
    for (let h = 3; this.committedBlocks.has(h - 2) && this.committedBlocks.has(h); h++) {
      if (!sameMembers(this.membersAt(h), this.membersAt(h - 1))) count += 1;
    }
    return count;
  }

  /** Invariant 2, checked on every own signed message an honest validator sends. */
  onHonestSignedSend(node: number, height: number, round: number, type: string, signBytes: Uint8Array): void {
    const key = equivocationKey(node, height, round, type);
    const bytesHex = toHex(signBytes);
    const previous = this.signedBytes.get(key);
    if (previous !== undefined && previous !== bytesHex) {
      this.fail(`honest validator ${node} signed two different ${type} messages at ${height}/${round}`);
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
    const accused = this.reference.nodeOfPublicKey(evidence.publicKey);
    if (accused === undefined) this.fail(`node ${node} recorded evidence against an unknown key`);
    if (this.honestNodes.has(accused)) this.fail(`node ${node} recorded evidence against honest validator ${accused}`);
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
    const target = this.setChangesTarget();
    if (target === undefined) {
      this.fail(`liveness: ${this.opsCommitted} of ${this.reference.plannedOps} planned set changes committed `
        + `${deadlineMs - healAtMs} ms after the faults healed`);
    }
    for (const node of honestNodes) {
      if (!this.commits.some((c) => c.node === node && c.height >= target && c.atMs <= deadlineMs)) {
        this.fail(`liveness: honest node ${node} never committed height ${target}, where the last planned set is in force`);
      }
    }
  }

  /** True once every honest node has committed a new height after the heal (and the plan is done): the run may stop. */
  livenessReached(honestNodes: readonly number[], healAtMs: number): boolean {
    const heightAtHeal = this.commits.filter((c) => c.atMs <= healAtMs).reduce((max, c) => Math.max(max, c.height), 0);
    const target = this.setChangesTarget();
    return target !== undefined && honestNodes.every((node) => this.commits.some((c) => c.node === node
      && c.height > heightAtHeal && c.atMs > healAtMs) && this.commits.some((c) => c.node === node && c.height >= target));
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
