// The simulator's parts: the PRNG, the event queue, the power-loss disk, and the checkers, which
// must be able to fail (a checker that never fires would make every seed pass).
import { describe, expect, it } from 'vitest';
import { asHeight, asRound, utf8 } from '../../src/types/index.js';
import { sha256 } from '../../src/crypto/hash.js';
import { voteSignBytes, VOTE_PRECOMMIT } from '../../src/codec/sign-bytes.js';
import { nextHeightValidatorSet, type ConsensusBlock, type ValidatorSet } from '../../src/consensus/tendermint/index.js';
import { equalBytes, type Hash32 } from '../../src/types/index.js';
import { makeBlock } from './app.js';
import { Checker, equivocationKey, SimulationFailure } from './checkers.js';
import { fakePublicKey, fakeSign, fakeVerifier } from './fake-crypto.js';
import type { BlockOp } from './valset.js';
import { EventQueue } from './event-queue.js';
import { FakeStorage } from './fake-storage.js';
import { Prng } from './prng.js';

describe('Prng (xoshiro128**)', () => {
  it('matches the reference xoshiro128** outputs for the state {1, 2, 3, 4}', () => {
    const prng = Prng.fromState(1, 2, 3, 4);
    expect(Array.from({ length: 10 }, () => prng.nextU32())).toEqual([
      11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849, 3729100597, 4258142804,
    ]);
  });

  it('one seed, one stream; pinned so that recorded seeds keep their meaning', () => {
    const a = new Prng(42);
    const b = new Prng(42);
    const first = Array.from({ length: 5 }, () => a.nextU32());
    expect(Array.from({ length: 5 }, () => b.nextU32())).toEqual(first);
    expect(first).toEqual([2837322924, 544945897, 479756282, 3500138142, 339756180]);
    expect(new Prng(43).nextU32()).not.toBe(first[0]);
    expect(new Prng(2 ** 40 + 42).nextU32()).not.toBe(first[0]);
  });

  it('int() stays in range and covers it evenly', () => {
    const prng = new Prng(7);
    const counts = new Array<number>(6).fill(0);
    for (let i = 0; i < 60_000; i++) counts[prng.int(6)]! += 1;
    for (const count of counts) expect(count).toBeGreaterThan(9_500);
    for (const count of counts) expect(count).toBeLessThan(10_500);
    expect(() => prng.int(0)).toThrow();
  });
});

describe('EventQueue', () => {
  it('pops by time, and in insertion order within one time', () => {
    const queue = new EventQueue<string>();
    queue.push(5, 'c');
    queue.push(1, 'a');
    queue.push(5, 'd');
    queue.push(3, 'b');
    expect([1, 2, 3, 4].map(() => queue.pop()?.item)).toEqual(['a', 'b', 'c', 'd']);
    expect(queue.pop()).toBeUndefined();
  });
});

describe('FakeStorage (power loss)', () => {
  it('keeps synced writes and loses the rest at a crash', () => {
    const disk = new FakeStorage();
    disk.put('a', 1);
    disk.append('log', 'x');
    disk.sync();
    disk.put('a', 2);
    disk.put('b', 3);
    disk.append('log', 'y');
    expect(disk.get('a')).toBe(2);
    expect(disk.log('log')).toEqual(['x', 'y']);
    disk.crash();
    expect(disk.get('a')).toBe(1);
    expect(disk.get('b')).toBeUndefined();
    expect(disk.log('log')).toEqual(['x']);
    expect(disk.lostWriteCount).toBe(3);
  });
});

describe('checkers fire', () => {
  const secrets = [0, 1, 2, 3, 4].map((node) => sha256(utf8(`secret ${node}`)));
  const keys = secrets.map(fakePublicKey);
  const verifier = fakeVerifier(secrets);
  /** Nodes 0-3 with power 1 at genesis; node 4 is a spare. */
  const newChecker = (honest: number[], plannedOps = 0): Checker => new Checker(new Set(honest), {
    chainId: 'test',
    genesis: [0, 1, 2, 3].map((node) => ({ node, power: 1 })),
    plannedOps,
    publicKeyOf: (node) => keys[node]!,
    nodeOfPublicKey: (publicKey) => {
      const node = keys.findIndex((key) => equalBytes(key, publicKey));
      return node === -1 ? undefined : node;
    },
    verify: (publicKey, message, signature) => verifier.verify(publicKey, message, signature),
  });
  const block = (height: number, nonce: number, ops: BlockOp[] = []) => makeBlock({
    height, timeMs: 1000 + height, proposerNode: 0, nonce, valid: true, ops,
  });
  /** Precommits of `signers` (nodes) under their indexes in `set`; `indexOf` may lie about them. */
  const certificate = (set: ValidatorSet, height: number, hash: Hash32, signers: number[],
    indexOf = (node: number) => set.validators.findIndex((v) => equalBytes(v.publicKey, keys[node]!))) => ({
    height: asHeight(height), round: asRound(0), blockHash: hash,
    signatures: signers.map((node) => ({
      validatorIndex: indexOf(node),
      signature: fakeSign(secrets[node]!, voteSignBytes('test', asHeight(height), asRound(0), VOTE_PRECOMMIT, hash)),
    })),
  });
  const commit = (checker: Checker, node: number, b: ConsensusBlock, height: number, atMs: number, signers = [0, 1, 2]) => {
    checker.onCommit(node, b, certificate(checker.referenceSetAt(height), height, b.hash, signers), atMs);
  };

  it('agreement: two honest commits of different blocks at one height', () => {
    const checker = newChecker([0, 1, 2]);
    commit(checker, 0, block(1, 1), 1, 10);
    commit(checker, 1, block(1, 1), 1, 11);
    expect(() => commit(checker, 2, block(1, 2), 1, 12)).toThrow(SimulationFailure);
  });

  it('double signing: two different votes of one honest validator, however far apart', () => {
    const checker = newChecker([0]);
    checker.onHonestSignedSend(0, 4, 1, 'prevote', utf8('vote A'));
    checker.onHonestSignedSend(0, 4, 1, 'prevote', utf8('vote A'));
    checker.onHonestSignedSend(0, 4, 1, 'precommit', utf8('vote B'));
    expect(() => checker.onHonestSignedSend(0, 4, 1, 'prevote', utf8('vote B'))).toThrow(/signed two different/);
  });

  it('evidence: an equivocation both halves of which reached one honest node must be recorded', () => {
    const checker = newChecker([0, 1, 2]);
    checker.onByzantineEquivocation(equivocationKey(3, 2, 0, '1'), 'sigA', 'sigB');
    checker.onTakenIn(0, 0, 'sigA');
    checker.onTakenIn(1, 0, 'sigB');
    checker.checkEvidence(); // split between two nodes: nobody could tell
    checker.onTakenIn(1, 1, 'sigA');
    checker.onTakenIn(1, 0, 'sigA');
    expect(() => checker.checkEvidence()).toThrow(/no honest node recorded evidence/);
  });

  it('evidence against an honest validator (named by key, whatever its index) is itself a failure', () => {
    const checker = newChecker([0]);
    const vote = { type: 1 as const, height: asHeight(1), round: asRound(0), blockHash: null, validatorIndex: 3, signature: utf8('s') };
    expect(() => checker.onEvidence(1, { kind: 'duplicateVote', validatorIndex: 3, publicKey: keys[0]!, voteA: vote, voteB: vote }))
      .toThrow(/honest validator 0/);
  });

  it('liveness: every honest node must commit a new height after the heal, within the window', () => {
    const checker = newChecker([0, 1]);
    commit(checker, 0, block(1, 1), 1, 500);
    commit(checker, 0, block(2, 1), 2, 2000);
    expect(() => checker.checkLiveness([0, 1], 1000, 61_000)).toThrow(/honest node 1/);
    commit(checker, 1, block(2, 1), 2, 70_000);
    expect(() => checker.checkLiveness([0, 1], 1000, 61_000)).toThrow(/honest node 1/);
    commit(checker, 1, block(2, 1), 2, 3000);
    expect(() => checker.checkLiveness([0, 1], 1000, 61_000)).not.toThrow();
  });

  it('liveness: planned set changes must all commit, and every honest node reach the last set', () => {
    const checker = newChecker([0, 1], 1);
    commit(checker, 0, block(1, 1), 1, 500);
    commit(checker, 0, block(2, 1), 2, 2000);
    commit(checker, 1, block(2, 1), 2, 2000);
    expect(() => checker.checkLiveness([0, 1], 1000, 61_000)).toThrow(/0 of 1 planned set changes/);
    commit(checker, 0, block(3, 1, [{ seq: 0, op: { kind: 'power', node: 2, power: 5 } }]), 3, 3000);
    commit(checker, 0, block(4, 1), 4, 4000);
    commit(checker, 0, block(5, 1), 5, 5000);
    expect(() => checker.checkLiveness([0, 1], 1000, 61_000)).toThrow(/node 1 never committed height 5/);
    expect(checker.livenessReached([0, 1], 1000)).toBe(false);
    commit(checker, 1, block(5, 1), 5, 5000);
    expect(checker.livenessReached([0, 1], 1000)).toBe(true);
  });

  it('certificates: more than 2/3 of the power of that height\'s set, each signer once, signatures its own', () => {
    const checker = newChecker([0, 1, 2]);
    const b = block(1, 1);
    const set = checker.referenceSetAt(1);
    expect(() => commit(checker, 0, b, 1, 10, [0, 1])).toThrow(/signed by 2 of 4 power/);
    expect(() => checker.onCommit(0, b, certificate(set, 1, b.hash, [0, 1, 1]), 10)).toThrow(/twice/);
    expect(() => checker.onCommit(0, b, certificate(set, 1, b.hash, [0, 1, 4], (node) => (node === 4 ? 3 : set.validators
      .findIndex((v) => equalBytes(v.publicKey, keys[node]!)))), 10)).toThrow(/did not make/);
    expect(() => checker.onCommit(0, b, certificate(set, 1, block(1, 2).hash, [0, 1, 2]), 10)).toThrow(/another block/);
    commit(checker, 0, b, 1, 10);
  });

  it('certificates and sets follow the chain: a change in block h counts from h + 2', () => {
    const checker = newChecker([0, 1, 2, 3]);
    // Block 1 removes node 3 and adds node 4 with power 3: from height 3 node 4 alone is not enough.
    commit(checker, 0, block(1, 1, [
      { seq: 0, op: { kind: 'remove', node: 3 } }, { seq: 1, op: { kind: 'add', node: 4, power: 3 } },
    ]), 1, 10);
    const genesis = checker.referenceSetAt(1);
    expect(checker.referenceSetAt(2).validators).toEqual(genesis.validators);
    commit(checker, 0, block(2, 1), 2, 20);
    const changed = checker.referenceSetAt(3);
    expect(changed.totalPower).toBe(6);
    expect(changed.proposerPriorities.every((priority) => priority === 0)).toBe(true); // afresh at a change
    const b3 = block(3, 1);
    // Three of the old set's members: 3 of 6 power in the set of height 3.
    expect(() => checker.onCommit(0, b3, certificate(changed, 3, b3.hash, [0, 1, 2]), 30)).toThrow(/signed by 3 of 6/);
    // Node 3, voted out, signing under the index node 4 now has: not its signature to give.
    const indexInChanged = (node: number) => changed.validators.findIndex((v) => equalBytes(v.publicKey, keys[node === 3 ? 4 : node]!));
    expect(() => checker.onCommit(0, b3, certificate(changed, 3, b3.hash, [0, 1, 3], indexInChanged), 30)).toThrow(/did not make/);
    checker.onCommit(0, b3, certificate(changed, 3, b3.hash, [0, 1, 4]), 30);
    // A node that ran height 3 with the old set (say, restored wrongly after a restart) is caught.
    expect(() => checker.onStartHeight(1, 3, nextHeightValidatorSet(checker.referenceSetAt(2)))).toThrow(/runs height 3/);
    checker.onStartHeight(1, 3, changed);
    expect(() => checker.onStartHeight(1, 4, changed)).toThrow(/runs height 4/); // priorities moved on
    checker.onStartHeight(1, 4, nextHeightValidatorSet(changed));
  });
});
