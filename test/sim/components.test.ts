// The simulator's parts: the PRNG, the event queue, the power-loss disk, and the checkers, which
// must be able to fail (a checker that never fires would make every seed pass).
import { describe, expect, it } from 'vitest';
import { asHeight, asRound, asTimeMs, utf8 } from '../../src/types/index.js';
import { sha256 } from '../../src/crypto/hash.js';
import { Checker, equivocationKey, SimulationFailure } from './checkers.js';
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
  const block = (tag: string) => ({ hash: sha256(utf8(tag)), timeMs: asTimeMs(1), bytes: utf8(tag) });
  const certificate = (tag: string) => ({ height: asHeight(3), round: asRound(0), blockHash: sha256(utf8(tag)), signatures: [] });

  it('agreement: two honest commits of different blocks at one height', () => {
    const checker = new Checker(new Set([0, 1]));
    checker.onCommit(0, block('a'), certificate('a'), 10);
    checker.onCommit(1, block('a'), certificate('a'), 11);
    expect(() => checker.onCommit(2, block('b'), certificate('b'), 12)).toThrow(SimulationFailure);
  });

  it('double signing: two different votes of one honest validator, however far apart', () => {
    const checker = new Checker(new Set([0]));
    checker.onHonestSignedSend(0, 4, 1, 'prevote', utf8('vote A'));
    checker.onHonestSignedSend(0, 4, 1, 'prevote', utf8('vote A'));
    checker.onHonestSignedSend(0, 4, 1, 'precommit', utf8('vote B'));
    expect(() => checker.onHonestSignedSend(0, 4, 1, 'prevote', utf8('vote B'))).toThrow(/signed two different/);
  });

  it('evidence: an equivocation both halves of which reached one honest node must be recorded', () => {
    const checker = new Checker(new Set([0, 1, 2]));
    checker.onByzantineEquivocation(equivocationKey(3, 2, 0, '1'), 'sigA', 'sigB');
    checker.onTakenIn(0, 0, 'sigA');
    checker.onTakenIn(1, 0, 'sigB');
    checker.checkEvidence(); // split between two nodes: nobody could tell
    checker.onTakenIn(1, 1, 'sigA');
    checker.onTakenIn(1, 0, 'sigA');
    expect(() => checker.checkEvidence()).toThrow(/no honest node recorded evidence/);
  });

  it('evidence against an honest validator is itself a failure', () => {
    const checker = new Checker(new Set([0]));
    const vote = { type: 1 as const, height: asHeight(1), round: asRound(0), blockHash: null, validatorIndex: 0, signature: utf8('s') };
    expect(() => checker.onEvidence(1, { kind: 'duplicateVote', validatorIndex: 0, publicKey: utf8('k'), voteA: vote, voteB: vote }))
      .toThrow(/honest validator/);
  });

  it('liveness: every honest node must commit a new height after the heal, within the window', () => {
    const checker = new Checker(new Set([0, 1]));
    checker.onCommit(0, block('a'), { ...certificate('a'), height: asHeight(1) }, 500);
    checker.onCommit(0, block('b'), { ...certificate('b'), height: asHeight(2) }, 2000);
    expect(() => checker.checkLiveness([0, 1], 1000, 61_000)).toThrow(/honest node 1/);
    checker.onCommit(1, block('b'), { ...certificate('b'), height: asHeight(2) }, 70_000);
    expect(() => checker.checkLiveness([0, 1], 1000, 61_000)).toThrow(/honest node 1/);
    checker.onCommit(1, block('b'), { ...certificate('b'), height: asHeight(2) }, 3000);
    expect(() => checker.checkLiveness([0, 1], 1000, 61_000)).not.toThrow();
  });
});
