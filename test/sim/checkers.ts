// What every simulated run must satisfy, checked as the run goes (safety) and at its end (liveness):
// 1. agreement: no two honest nodes commit different blocks at one height, and every honest ledger
//    stores the same bytes for a height (so the same txs and app hash); at the end, honest nodes at
//    one tip hold the same state;
// 2. no honest validator sends two different signed votes (or proposals) for one height/round/type,
//    across crashes too;
// 3. a Byzantine equivocation that reached one honest node (both messages taken in at their height,
//    in one incarnation) is recorded as evidence by an honest node; and no honest validator is ever
//    accused;
// 4. liveness: after the last fault heals, every honest node commits a height no honest node had
//    before the heal, within the liveness window; and with set changes, every planned change gets
//    committed and every honest node commits a block of a height where the last set is in force;
// 5. every commit certificate an honest ledger holds is for its block and signed, each signer once
//    and each signature valid, by more than 2/3 of the power of THAT height's set; and no honest
//    node counts a vote of a node that is not in the set of the vote's height;
// 6. every honest node runs every height with the same set (members, powers, proposer priorities),
//    restarts and joins included, and it is the set the agreed block of that height names
//    (header.validatorsHash);
// 7. every tx a node answered as committed (waitForCommit) is in that node's ledger, at that
//    height, after any crash.
//
// The checks read only what the node stores and sends; they derive nothing by the node's rules.
import { decodeBlock, validatorSetHash, voteSignBytes } from '../../src/codec/index.js';
import { VOTE_PRECOMMIT, type CommitCertificate, type Evidence, type ValidatorSet, type Vote } from '../../src/consensus/tendermint/index.js';
import { equalBytes, toHex } from '../../src/types/index.js';

export class SimulationFailure extends Error {
  override name = 'SimulationFailure';
}

/** One equivocation: which node signed twice, where. */
export function equivocationKey(node: number, height: number, round: number, type: string): string {
  return `${node}/${height}/${round}/${type}`;
}

export interface CheckerWorld {
  readonly chainId: string;
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
  /** The agreed chain: block hash and stored-bytes digest by height. */
  private readonly committedHash = new Map<number, string>();
  private readonly committedBytes = new Map<number, Uint8Array>();
  /** Header validatorsHash of each agreed height, checked against the set honest nodes ran. */
  private readonly namedSetHash = new Map<number, string>();
  /** The set the first honest node ran each height with; every other must be equal. */
  private readonly referenceSets = new Map<number, ValidatorSet>();
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
  /** Votes a Byzantine node signed for a height whose set it is not in: never to be counted. */
  private readonly ghostVotes = new Set<string>();
  ghostVotesSent = 0;
  forgedCommitsSent = 0;
  /** Honest restarts whose ledger already held a set change (the set must come back right). */
  restartsAfterChange = 0;
  /** Txs answered as committed, by node: hash hex → height. */
  private readonly answered = new Map<number, Map<string, number>>();
  answeredCount = 0;
  answersRechecked = 0;

  constructor(private readonly honestNodes: ReadonlySet<number>, private readonly world: CheckerWorld) {}

  fail(message: string): never {
    throw new SimulationFailure(message);
  }

  isHonest(node: number): boolean {
    return this.honestNodes.has(node);
  }

  onGhostVote(vote: Vote): void {
    this.ghostVotes.add(toHex(vote.signature));
    this.ghostVotesSent += 1;
  }

  isGhostVote(vote: Vote): boolean {
    return this.ghostVotes.size > 0 && vote.signature instanceof Uint8Array && this.ghostVotes.has(toHex(vote.signature));
  }

  /** Invariants 1, 5 and 6 on a block an honest ledger now holds with its certificate. */
  onCommit(node: number, height: number, blockBytes: Uint8Array, certificate: CommitCertificate, atMs: number): void {
    const { header, hash } = decodeBlock(blockBytes);
    const hashHex = toHex(hash);
    if (header.height !== height) this.fail(`node ${node} stored block ${header.height} at height ${height}`);
    if (certificate.height !== height) this.fail(`node ${node} stored a certificate of height ${certificate.height} at height ${height}`);
    this.checkCertificate(node, hash, certificate);
    const previous = this.committedHash.get(height);
    if (previous !== undefined && previous !== hashHex) {
      this.fail(`agreement violated at height ${height}: node ${node} committed ${hashHex}, another ${previous}`);
    }
    if (previous === undefined) {
      // A certificate was checked against the set of this height, so honest nodes ran it: that set
      // must be the one the block names before the block becomes the agreed one.
      this.namedSetHash.set(height, toHex(header.validatorsHash));
      this.checkNamedSet(height, this.referenceSets.get(height)!);
      this.committedHash.set(height, hashHex);
      this.committedBytes.set(height, blockBytes);
    } else if (!equalBytes(this.committedBytes.get(height)!, blockBytes)) {
      this.fail(`node ${node} stores other bytes for block ${height} than another honest node`);
    }
    this.commits.push({ node, height, hashHex, atMs });
  }

  private checkNamedSet(height: number, set: ValidatorSet): void {
    const named = this.namedSetHash.get(height);
    if (named !== undefined && named !== toHex(validatorSetHash(set.validators))) {
      this.fail(`honest nodes ran height ${height} with a set other than the one its agreed block names`);
    }
  }

  /** Invariant 5, checked here independently of the core's verifyCertificate. */
  private checkCertificate(node: number, blockHash: Uint8Array, certificate: CommitCertificate): void {
    const height = certificate.height;
    const fail: (why: string) => never = (why) => this.fail(`node ${node} accepted a certificate for height ${height} that ${why}`);
    const set = this.referenceSets.get(height);
    if (set === undefined) fail('no honest node ran (so no honest validator signed it)');
    if (!equalBytes(certificate.blockHash, blockHash)) fail('is for another block');
    const signBytes = voteSignBytes(this.world.chainId, height, certificate.round, VOTE_PRECOMMIT, certificate.blockHash);
    const signers = new Set<number>();
    let power = 0;
    for (const { validatorIndex, signature } of certificate.signatures) {
      const validator = set.validators[validatorIndex];
      if (validator === undefined) fail(`names index ${validatorIndex}, outside the height's set of ${set.validators.length}`);
      if (signers.has(validatorIndex)) fail(`names validator ${validatorIndex} twice`);
      if (!this.world.verify(validator.publicKey, signBytes, signature)) {
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
    const expected = this.referenceSets.get(height);
    if (expected === undefined) {
      this.referenceSets.set(height, set);
      this.checkNamedSet(height, set);
      this.setsChecked += 1;
      return;
    }
    const same = set.totalPower === expected.totalPower && set.validators.length === expected.validators.length
      && set.validators.every((v, i) => v.power === expected.validators[i]!.power
        && equalBytes(v.publicKey, expected.validators[i]!.publicKey)
        && set.proposerPriorities[i] === expected.proposerPriorities[i]);
    if (!same) {
      const show = (s: ValidatorSet): string => s.validators
        .map((v, i) => `${this.world.nodeOfPublicKey(v.publicKey)}:${v.power}@${s.proposerPriorities[i]}`).join(' ');
      this.fail(`node ${node} runs height ${height} with the set [${show(set)}], another honest node ran [${show(expected)}]`);
    }
    this.setsChecked += 1;
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
    const accused = this.world.nodeOfPublicKey(evidence.publicKey);
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

  /** Invariant 7: a node answered that this tx committed at this height. */
  onAnsweredCommitted(node: number, hashHex: string, height: number): void {
    let byNode = this.answered.get(node);
    if (byNode === undefined) {
      byNode = new Map();
      this.answered.set(node, byNode);
    }
    byNode.set(hashHex, height);
    this.answeredCount += 1;
  }

  /** Invariant 7, after a restart and at the end: `locate` reads the node's own ledger. */
  async checkAnswered(node: number, locate: (hashHex: string) => Promise<number | undefined>): Promise<void> {
    for (const [hashHex, height] of this.answered.get(node) ?? []) {
      const found = await locate(hashHex);
      if (found !== height) {
        this.fail(`node ${node} answered tx ${hashHex} committed at height ${height}; its ledger now has it at ${found ?? 'no height'}`);
      }
      this.answersRechecked += 1;
    }
  }

  /** Invariant 4, at the end of the run; `target` is the height where the last planned set is in force. */
  checkLiveness(honestNodes: readonly number[], healAtMs: number, deadlineMs: number, target: number | undefined, planned: string): void {
    const heightAtHeal = this.heightAt(healAtMs);
    for (const node of honestNodes) {
      const progressed = this.commits.some((c) => c.node === node && c.height > heightAtHeal
        && c.atMs > healAtMs && c.atMs <= deadlineMs);
      if (!progressed) {
        this.fail(`liveness: honest node ${node} committed no height above ${heightAtHeal} within `
          + `${deadlineMs - healAtMs} ms after the faults healed`);
      }
    }
    if (target === undefined) this.fail(`liveness: ${planned} ${deadlineMs - healAtMs} ms after the faults healed`);
    for (const node of honestNodes) {
      if (!this.commits.some((c) => c.node === node && c.height >= target && c.atMs <= deadlineMs)) {
        this.fail(`liveness: honest node ${node} never committed height ${target}, where the last planned set is in force`);
      }
    }
  }

  private heightAt(atMs: number): number {
    return this.commits.filter((c) => c.atMs <= atMs).reduce((max, c) => Math.max(max, c.height), 0);
  }

  /** True once every honest node has committed a new height after the heal and reached `target`: the run may stop. */
  livenessReached(honestNodes: readonly number[], healAtMs: number, target: number | undefined): boolean {
    if (target === undefined) return false;
    const heightAtHeal = this.heightAt(healAtMs);
    return honestNodes.every((node) => this.commits.some((c) => c.node === node
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
