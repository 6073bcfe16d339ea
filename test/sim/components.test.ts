// The simulator's parts: the PRNG, the event queue, the power-loss disk, the network, and the
// checkers, which must be able to fail (a checker that never fires would make every seed pass).
import { describe, expect, it } from 'vitest';
import {
  blockHashOfHeader, decodeBlock, encodeBlock, encodeHeader, sortValidators, validatorSetHash, voteSignBytes,
} from '../../src/codec/index.js';
import {
  createValidatorSet, nextHeightValidatorSet, VOTE_PRECOMMIT, VOTE_PREVOTE,
  type CommitCertificate, type Evidence, type Proposal, type ValidatorSet, type Vote,
} from '../../src/consensus/tendermint/index.js';
import type { BatchOp, Storage } from '../../src/ledger/index.js';
import { asHeight, asRound, asTimeMs, equalBytes, utf8, type Hash32 } from '../../src/types/index.js';
import { Checker, equivocationKey, SimulationFailure } from './checkers.js';
import { SimDisk } from './disk.js';
import { EventQueue } from './event-queue.js';
import { fakeSign, fakeSigner, fakeVerifier, keyPool } from './fake-crypto.js';
import { SimNetwork, type Delivery, type Packet, type RequestTimeout } from './network.js';
import { optionsFromSeed, type SimOptions } from './options.js';
import { Prng } from './prng.js';

/** Lets every promise already started settle: all microtasks run before a macrotask. */
const drain = (): Promise<void> => new Promise((resolve) => { setImmediate(resolve); });

/**
 * 'settled' or 'pending': the promise raced against one that resolves only after every microtask
 * has run, so a promise that is merely a few ticks late still counts as settled, and 'pending'
 * means it is not going to settle by itself.
 */
async function outcome(promise: Promise<unknown>): Promise<'settled' | 'pending'> {
  const later = new Promise<'pending'>((resolve) => { setImmediate(() => resolve('pending')); });
  return Promise.race([promise.then(() => 'settled' as const, () => 'settled' as const), later]);
}

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

describe('SimDisk (power loss, incarnations)', () => {
  const put = (key: string, value: string): BatchOp => ({ type: 'put', key, value: utf8(value) });
  const read = async (storage: Storage, key: string): Promise<string | undefined> => {
    const value = await storage.get(key);
    return value === undefined ? undefined : new TextDecoder().decode(value);
  };

  it('keeps synced writes and loses the rest at a crash', async () => {
    const disk = new SimDisk();
    const first = disk.open();
    await first.batch([put('a', '1')], { sync: true });
    await first.batch([put('a', '2'), put('b', '3')], { sync: false });
    expect(await read(first, 'a')).toBe('2'); // unsynced writes are visible until the power goes
    disk.crash();
    const second = disk.open();
    expect(await read(second, 'a')).toBe('1');
    expect(await read(second, 'b')).toBeUndefined();
  });

  it('a dead incarnation\'s handle never settles, and writes nothing into its successor\'s disk', async () => {
    const disk = new SimDisk();
    const old = disk.open();
    await old.batch([put('a', '1')], { sync: true });
    // The control: a live handle's calls do settle within the race.
    expect(await outcome(old.get('a'))).toBe('settled');
    expect(await outcome(old.batch([put('c', '0')], { sync: true }))).toBe('settled');
    disk.crash();
    const fresh = disk.open();
    expect(await outcome(old.get('a'))).toBe('pending');
    expect(await outcome(old.batch([put('b', 'old')], { sync: true }))).toBe('pending');
    expect(await outcome(old.entries('')[Symbol.asyncIterator]().next())).toBe('pending');
    expect(await read(fresh, 'a')).toBe('1');
    expect(await read(fresh, 'b')).toBeUndefined();
    // A second crash kills the successor's handle too, not just the first one's.
    disk.crash();
    expect(await outcome(fresh.get('a'))).toBe('pending');
    expect(await read(disk.open(), 'a')).toBe('1');
  });

  for (const keepWrite of [true, false]) {
    it(`a crash armed at the next sync (keepWrite ${keepWrite}) strikes there; the write is ${keepWrite ? 'durable' : 'lost'}`, async () => {
      const disk = new SimDisk();
      const handle = disk.open();
      let deaths = 0;
      // As the simulator does: the death crashes the node, and with it its disk.
      disk.armCrashAtNextSync(keepWrite, () => {
        deaths += 1;
        disk.crash();
      });
      expect(disk.crashArmed).toBe(true);
      // An unsynced write is no sync: it goes through, and nothing dies.
      expect(await outcome(handle.batch([put('early', 'x')], { sync: false }))).toBe('settled');
      expect(deaths).toBe(0);
      expect(await outcome(handle.batch([put('synced', 'y')], { sync: true }))).toBe('pending');
      expect(deaths).toBe(1);
      expect(disk.crashArmed).toBe(false);
      const after = disk.open();
      // A kept synced write flushes the unsynced one before it too (the storage's log order).
      expect(await read(after, 'synced')).toBe(keepWrite ? 'y' : undefined);
      expect(await read(after, 'early')).toBe(keepWrite ? 'x' : undefined);
      // The next incarnation writes normally: the crash is spent.
      expect(await outcome(after.batch([put('next', 'z')], { sync: true }))).toBe('settled');
      expect(deaths).toBe(1);
    });
  }
});

describe('SimNetwork', () => {
  const IDS = ['id-0', 'id-1', 'id-2'];

  /**
   * Three nodes on a network with no faults unless `faults` adds some; `runUntil` plays the
   * queue's deliveries and timeouts in time order, as the simulator does, letting every promise
   * settle after each event.
   */
  function harness(faults: Partial<SimOptions> = {}) {
    const options: SimOptions = {
      ...optionsFromSeed(1), partitions: [], dropPerMille: 0, duplicatePerMille: 0,
      delayMinMs: 5, delayMaxMs: 20, faultDelayMaxMs: 20, healAtMs: 0, ...faults,
    };
    const queue = new EventQueue<Delivery | RequestTimeout>();
    let nowMs = 0;
    const sends: { from: number; packet: Packet }[] = [];
    const errors: unknown[] = [];
    const net = new SimNetwork(options, new Prng(7), queue, IDS, () => nowMs, (from, packet) => sends.push({ from, packet }));
    const runUntil = async (untilMs: number): Promise<void> => {
      await drain();
      for (let at = queue.peekTimeMs(); at !== undefined && at <= untilMs; at = queue.peekTimeMs()) {
        const { item } = queue.pop()!;
        nowMs = at;
        if (item.kind === 'deliver') net.deliver(item, (error) => errors.push(error));
        else net.timeout(item.id);
        await drain();
      }
      nowMs = untilMs;
    };
    return { net, sends, errors, runUntil, now: () => nowMs };
  }

  it('gossip reaches every other live peer after a delay', async () => {
    const { net, sends, errors, runUntil, now } = harness();
    const endpoints = [0, 1, 2].map((node) => net.attach(node));
    const got: { node: number; from: string; atMs: number; data: string }[] = [];
    endpoints.forEach((endpoint, node) => endpoint.subscribe('votes', (data, from) => {
      got.push({ node, from, atMs: now(), data: new TextDecoder().decode(data) });
      return 'accept';
    }));
    expect(endpoints[0]!.connectedNodes()).toEqual(['id-1', 'id-2']);
    await endpoints[0]!.publish('votes', utf8('v'));
    expect(got).toEqual([]); // nothing arrives in the same instant it was sent
    await runUntil(1000);
    expect(got.map(({ node, from, data }) => ({ node, from, data })).sort((a, b) => a.node - b.node)).toEqual([
      { node: 1, from: 'id-0', data: 'v' }, { node: 2, from: 'id-0', data: 'v' },
    ]);
    for (const { atMs } of got) {
      expect(atMs).toBeGreaterThanOrEqual(5);
      expect(atMs).toBeLessThanOrEqual(20);
    }
    expect(sends.map(({ from, packet }) => [from, packet.kind])).toEqual([[0, 'gossip'], [0, 'gossip']]);
    expect(net.sentCount).toBe(2);
    expect(errors).toEqual([]);
  });

  it('a request gets its response; a failing handler fails the request', async () => {
    const { net, errors, runUntil, now } = harness();
    const [asker, answerer] = [net.attach(0), net.attach(1)];
    await answerer.handle('catchup', async (request, from) => utf8(`${from} asked ${new TextDecoder().decode(request)}`));
    await answerer.handle('blocks', async () => { throw new Error('no such block'); });
    let answeredAtMs = -1;
    const answer = asker.request('id-1', 'catchup', utf8('h5'), { timeoutMs: 1000 }).then((data) => {
      answeredAtMs = now();
      return new TextDecoder().decode(data);
    });
    const failed = asker.request('id-1', 'blocks', utf8('h5'), { timeoutMs: 1000 });
    const failure = expect(failed).rejects.toThrow(/failed the request/);
    await runUntil(2000);
    expect(await answer).toBe('id-0 asked h5');
    expect(answeredAtMs).toBeGreaterThanOrEqual(10); // there and back, each at least delayMinMs
    expect(answeredAtMs).toBeLessThan(1000);
    await failure;
    expect(errors).toEqual([]);
  });

  // Two ways an answer is lost: the network drops everything before the heal, or the peer is down.
  const lostCases: { why: string; faults: Partial<SimOptions>; detachPeer: boolean; dropped: number }[] = [
    { why: 'dropped before the heal', faults: { dropPerMille: 1000, healAtMs: 10_000 }, detachPeer: false, dropped: 1 },
    { why: 'sent to a detached peer', faults: {}, detachPeer: true, dropped: 0 },
  ];
  for (const { why, faults, detachPeer, dropped } of lostCases) {
    it(`a request whose answer is lost (${why}) fails at its timeout, not before`, async () => {
      const { net, runUntil } = harness(faults);
      const asker = net.attach(0);
      const handled: string[] = [];
      await net.attach(1).handle('catchup', async (_request, from) => {
        handled.push(from);
        return utf8('answer');
      });
      if (detachPeer) net.detach(1);
      const request = asker.request('id-1', 'catchup', utf8('q'), { timeoutMs: 1000 });
      await runUntil(999);
      expect(await outcome(request)).toBe('pending');
      await runUntil(1000);
      await expect(request).rejects.toThrow(/timed out/);
      expect(handled).toEqual([]);
      expect(net.droppedCount).toBe(dropped);
    });
  }

  it('a detached endpoint, or one of a dead incarnation, sends nothing and gets nothing', async () => {
    const { net, sends, runUntil } = harness();
    const dead = net.attach(0);
    const received: number[] = [];
    for (const node of [1, 2]) net.attach(node).subscribe('votes', () => { received.push(node); return 'accept'; });
    net.detach(0);
    await dead.publish('votes', utf8('v'));
    // Its request never completes either way: the process that made it is gone.
    const orphan = dead.request('id-1', 'catchup', utf8('q'), { timeoutMs: 100 });
    await runUntil(1000);
    expect(await outcome(orphan)).toBe('pending');
    // A restart attaches a new endpoint; the old incarnation's stays mute.
    const reborn = net.attach(0);
    const rebornGot: string[] = [];
    reborn.subscribe('votes', (_data, from) => { rebornGot.push(from); return 'accept'; });
    await dead.publish('votes', utf8('v'));
    await runUntil(2000);
    expect(sends).toEqual([]);
    expect(net.sentCount).toBe(0);
    expect(received).toEqual([]);
    // A detached node gets nothing; its new incarnation does.
    net.detach(2);
    const live1 = net.attach(1);
    await live1.publish('votes', utf8('w'));
    expect(live1.connectedNodes()).toEqual(['id-0']);
    await runUntil(3000);
    expect(rebornGot).toEqual(['id-1']);
  });
});

describe('checkers fire', () => {
  const CHAIN = 'components-test';
  /** Nodes 0-3 are the genesis validators (power 1 each); node 4 is a spare outside every set at first. */
  const keys = keyPool().slice(0, 5);
  const verifier = fakeVerifier(keys);
  const newChecker = (honest: readonly number[]): Checker => new Checker(new Set(honest), {
    chainId: CHAIN,
    nodeOfPublicKey: (publicKey) => {
      const node = keys.findIndex((key) => equalBytes(key.publicKey, publicKey));
      return node === -1 ? undefined : node;
    },
    verify: (publicKey, message, signature) => verifier.verify(publicKey, message, signature),
  });

  /** Runs `check` and requires a SimulationFailure whose message matches (one call: checkers keep state). */
  const expectFailure = (check: () => unknown, pattern: RegExp): void => {
    let thrown: unknown;
    try {
      check();
    } catch (error) {
      thrown = error;
    }
    expect(thrown, 'the checker did not fire').toBeInstanceOf(SimulationFailure);
    expect((thrown as Error).message).toMatch(pattern);
  };

  /** A set of these nodes' keys, in the canonical order (by key bytes) that vote indexes refer to. */
  const setOf = (members: readonly { readonly node: number; readonly power: number }[]): ValidatorSet =>
    createValidatorSet(sortValidators(members.map(({ node, power }) => ({ publicKey: keys[node]!.publicKey, power }))));
  const ones = (nodes: readonly number[]): ValidatorSet => setOf(nodes.map((node) => ({ node, power: 1 })));
  const genesis = ones([0, 1, 2, 3]);
  const indexIn = (set: ValidatorSet, node: number): number =>
    set.validators.findIndex((validator) => equalBytes(validator.publicKey, keys[node]!.publicKey));
  /** The set of height h with the genesis members throughout: only the priorities move on. */
  const genesisAt = (height: number): ValidatorSet => {
    let set = genesis;
    for (let h = 1; h < height; h++) set = nextHeightValidatorSet(set);
    return set;
  };

  interface TestBlock {
    readonly height: number;
    readonly hash: Hash32;
    readonly bytes: Uint8Array;
  }
  /**
   * A block encoded as block-exec encodes one, naming `named` as its height's set; `variant` moves
   * its time, so two variants are two different blocks of one height. The roots are placeholders:
   * the checkers read only the height, the hash and validatorsHash.
   */
  const block = (height: number, named: ValidatorSet = genesis, variant = 0): TestBlock => {
    const zero = new Uint8Array(32);
    const headerBytes = encodeHeader({
      chainId: CHAIN, height, timeMs: 1_000 * height + variant, prevBlockHash: zero, historyRoot: zero,
      txRoot: zero, appHash: zero, resultsHash: zero, validatorsHash: validatorSetHash(named.validators),
      nextValidatorsHash: validatorSetHash(named.validators), proposer: keys[0]!.publicKey, txCount: 0,
    });
    return { height, hash: blockHashOfHeader(headerBytes), bytes: encodeBlock(headerBytes, []) };
  };

  interface CertificateOptions {
    /** The index each signer claims (by default its own in the set). */
    readonly indexOf?: (node: number) => number;
    /** What the signers signed, if not the certificate's block. */
    readonly signedHash?: Hash32;
    readonly height?: number;
  }
  /** Round-0 precommits of `signers` for block `b`, under their indexes in `set`. */
  const certificate = (set: ValidatorSet, b: TestBlock, signers: readonly number[], options: CertificateOptions = {}):
    CommitCertificate => {
    const height = options.height ?? b.height;
    const signBytes = voteSignBytes(CHAIN, height, 0, VOTE_PRECOMMIT, options.signedHash ?? b.hash);
    const indexOf = options.indexOf ?? ((node: number) => indexIn(set, node));
    return {
      height: asHeight(height), round: asRound(0), blockHash: b.hash,
      signatures: signers.map((node) => ({ validatorIndex: indexOf(node), signature: fakeSigner(keys[node]!).sign(signBytes) })),
    };
  };
  /** An honest node's ledger now holds `b`, certified by nodes 0-2 of the genesis members. */
  const commit = (checker: Checker, node: number, b: TestBlock, atMs: number): void =>
    checker.onCommit(node, b.height, b.bytes, certificate(genesis, b, [0, 1, 2]), atMs);

  const vote = (node: number, type: typeof VOTE_PREVOTE | typeof VOTE_PRECOMMIT, height: number, round: number,
    blockHash: Hash32 | null): Vote => ({
    type, height: asHeight(height), round: asRound(round), blockHash, validatorIndex: indexIn(genesis, node),
    signature: fakeSign(keys[node]!.seed, voteSignBytes(CHAIN, height, round, type, blockHash ?? undefined)),
  });
  const duplicateVote = (node: number, height: number, round: number): Evidence => ({
    kind: 'duplicateVote', validatorIndex: indexIn(genesis, node), publicKey: keys[node]!.publicKey,
    voteA: vote(node, VOTE_PREVOTE, height, round, block(height).hash), voteB: vote(node, VOTE_PREVOTE, height, round, null),
  });
  const proposal = (node: number, b: TestBlock): Proposal => ({
    height: asHeight(b.height), round: asRound(0), validRound: -1,
    block: { hash: b.hash, timeMs: asTimeMs(1_000 * b.height), bytes: b.bytes }, proposerIndex: indexIn(genesis, node),
    signature: fakeSign(keys[node]!.seed, utf8(`proposal ${b.height}`)),
  });

  describe('agreement', () => {
    it('two honest nodes commit different blocks at one height', () => {
      const checker = newChecker([0, 1, 2]);
      checker.onStartHeight(0, 1, genesis);
      commit(checker, 0, block(1), 10);
      commit(checker, 1, block(1), 11);
      expectFailure(() => commit(checker, 2, block(1, genesis, 1), 12), /agreement violated at height 1: node 2/);
      expect(checker.commits.map((c) => c.node)).toEqual([0, 1]);
    });

    // The block hash covers the header only, so a ledger that stored other txs under the agreed
    // header has the agreed hash: only the stored bytes tell.
    it('two honest ledgers store other bytes under the same block hash', () => {
      const checker = newChecker([0, 1]);
      checker.onStartHeight(0, 1, genesis);
      const agreed = block(1);
      // The agreed header, with a tx its txCount and txRoot do not account for.
      const padded = { ...agreed, bytes: encodeBlock(decodeBlock(agreed.bytes).block.header, [utf8('a tx the header does not count')]) };
      expect(decodeBlock(padded.bytes).hash).toEqual(agreed.hash);
      commit(checker, 0, agreed, 10);
      expectFailure(() => commit(checker, 1, padded, 11), /node 1 stores other bytes for block 1/);
    });

    it('a ledger holds a block (or its certificate) under another height', () => {
      const checker = newChecker([0]);
      checker.onStartHeight(0, 1, genesis);
      checker.onStartHeight(0, 2, genesisAt(2));
      const b = block(1);
      expectFailure(() => checker.onCommit(0, 2, b.bytes, certificate(genesis, b, [0, 1, 2]), 10), /node 0 stored block 1 at height 2/);
      expectFailure(() => checker.onCommit(0, 1, b.bytes, certificate(genesis, b, [0, 1, 2], { height: 2 }), 10), /node 0 stored a certificate of height 2 at height 1/);
    });
  });

  it('double signing: two different signed messages of one honest validator at one height, round and type', () => {
    const checker = newChecker([0, 1]);
    const [a, b] = [block(4).hash, block(4, genesis, 1).hash];
    const prevote = (round: number, hash: Hash32 | undefined): Uint8Array => voteSignBytes(CHAIN, 4, round, VOTE_PREVOTE, hash);
    checker.onHonestSignedSend(0, 4, 1, 'prevote', prevote(1, a));
    checker.onHonestSignedSend(0, 4, 1, 'prevote', prevote(1, a)); // sent again (gossip, catch-up): the same bytes
    checker.onHonestSignedSend(0, 4, 1, 'precommit', voteSignBytes(CHAIN, 4, 1, VOTE_PRECOMMIT, b)); // another type
    checker.onHonestSignedSend(0, 4, 2, 'prevote', prevote(2, b)); // another round
    checker.onHonestSignedSend(1, 4, 1, 'prevote', prevote(1, b)); // another validator
    expectFailure(() => checker.onHonestSignedSend(0, 4, 1, 'prevote', prevote(1, undefined)),
      /honest validator 0 signed two different prevote messages at 4\/1/);
  });

  describe('evidence', () => {
    it('an equivocation both halves of which one honest incarnation took in must be recorded', () => {
      const checker = newChecker([0, 1, 2]);
      checker.onByzantineEquivocation(equivocationKey(3, 2, 0, String(VOTE_PREVOTE)), 'sig-a', 'sig-b');
      checker.onTakenIn(0, 0, 'sig-a');
      checker.onTakenIn(1, 0, 'sig-b');
      checker.checkEvidence(); // split between two nodes: neither could tell
      checker.onTakenIn(0, 1, 'sig-b');
      checker.checkEvidence(); // node 0 saw the other half after a restart, which forgot the first
      checker.onTakenIn(1, 0, 'sig-a');
      expectFailure(() => checker.checkEvidence(), /equivocation 3\/2\/0\/1 reached an honest node but no honest node recorded evidence/);
      checker.onEvidence(2, duplicateVote(3, 2, 1)); // evidence of another round does not count
      expectFailure(() => checker.checkEvidence(), /no honest node recorded evidence/);
      checker.onEvidence(2, duplicateVote(3, 2, 0));
      checker.checkEvidence();
      expect(checker.evidenceCount).toBe(2);
    });

    it('a proposal equivocation is matched by proposal evidence', () => {
      const checker = newChecker([0, 1, 2]);
      checker.onByzantineEquivocation(equivocationKey(3, 5, 0, 'proposal'), 'p-a', 'p-b');
      checker.onTakenIn(2, 0, 'p-a');
      checker.onTakenIn(2, 0, 'p-b');
      expectFailure(() => checker.checkEvidence(), /equivocation 3\/5\/0\/proposal/);
      checker.onEvidence(0, { kind: 'duplicateProposal', validatorIndex: indexIn(genesis, 3), publicKey: keys[3]!.publicKey,
        proposalA: proposal(3, block(5)), proposalB: proposal(3, block(5, genesis, 1)) });
      checker.checkEvidence();
    });

    it('evidence against an honest validator (named by key, whatever its index) or an unknown key is a failure', () => {
      const checker = newChecker([0, 1, 2]);
      const evidence = duplicateVote(0, 1, 0);
      expectFailure(() => checker.onEvidence(1, { ...evidence, validatorIndex: indexIn(genesis, 3) }),
        /node 1 recorded evidence against honest validator 0/);
      expectFailure(() => checker.onEvidence(1, { ...evidence, publicKey: keyPool()[10]!.publicKey }), /against an unknown key/);
      checker.onEvidence(1, duplicateVote(3, 1, 0)); // node 3 is the Byzantine one here
    });
  });

  describe('liveness', () => {
    it('every honest node must commit, within the window, a height no honest node had at the heal', () => {
      const checker = newChecker([0, 1]);
      checker.onStartHeight(0, 1, genesisAt(1));
      checker.onStartHeight(0, 2, genesisAt(2));
      commit(checker, 0, block(1), 500);
      commit(checker, 0, block(2), 2000);
      commit(checker, 1, block(1), 1500); // after the heal, but node 0 had height 1 before it
      const check = (): void => checker.checkLiveness([0, 1], 1000, 61_000, 0, 'no set changes planned');
      expectFailure(check, /honest node 1 committed no height above 1 within 60000 ms/);
      commit(checker, 1, block(2), 70_000); // too late
      expectFailure(check, /honest node 1 committed no height above 1/);
      commit(checker, 1, block(2), 3000);
      check();
    });

    it('with set changes: the plan must pass (target undefined) and every honest node reach the target', () => {
      const checker = newChecker([0, 1]);
      for (let height = 1; height <= 4; height++) checker.onStartHeight(0, height, genesisAt(height));
      for (const node of [0, 1]) commit(checker, node, block(2), 2000);
      expectFailure(() => checker.checkLiveness([0, 1], 1000, 61_000, undefined, '0 of 1 planned set changes passed'),
        /liveness: 0 of 1 planned set changes passed 60000 ms after the faults healed/);
      expect(checker.livenessReached([0, 1], 1000, undefined)).toBe(false);
      commit(checker, 0, block(4), 4000);
      expectFailure(() => checker.checkLiveness([0, 1], 1000, 61_000, 4, '1 of 1 planned set changes passed'),
        /honest node 1 never committed height 4, where the last planned set is in force/);
      expect(checker.livenessReached([0, 1], 1000, 4)).toBe(false);
      commit(checker, 1, block(4), 5000);
      expect(checker.livenessReached([0, 1], 1000, 4)).toBe(true);
      checker.checkLiveness([0, 1], 1000, 61_000, 4, '1 of 1 planned set changes passed');
    });

    it('livenessReached wants a new height after the heal from every honest node', () => {
      const checker = newChecker([0, 1]);
      checker.onStartHeight(0, 1, genesis);
      commit(checker, 0, block(1), 500);
      commit(checker, 1, block(1), 500);
      expect(checker.livenessReached([0, 1], 1000, 0)).toBe(false);
    });
  });

  describe('certificates', () => {
    it('more than 2/3 of the power of the set onStartHeight registered, each signer once, its own signature, for its block', () => {
      const checker = newChecker([0, 1, 2]);
      const b = block(1);
      const other = block(1, genesis, 1);
      const accept = (cert: CommitCertificate): void => checker.onCommit(0, 1, b.bytes, cert, 10);
      expectFailure(() => accept(certificate(genesis, b, [0, 1, 2])), /certificate for height 1 that no honest node ran/);
      checker.onStartHeight(0, 1, genesis);
      expectFailure(() => accept(certificate(genesis, b, [0, 1])), /is signed by 2 of 4 power/);
      expectFailure(() => accept(certificate(genesis, b, [0, 1, 1])), /names validator \d twice/);
      expectFailure(() => accept(certificate(genesis, b, [0, 1, 2], { indexOf: (node) => (node === 2 ? 4 : indexIn(genesis, node)) })),
        /names index 4, outside the height's set of 4/);
      // Node 4 is in no set: what it signs under node 3's index is not node 3's signature.
      expectFailure(() => accept(certificate(genesis, b, [0, 1, 4], { indexOf: (node) => indexIn(genesis, node === 4 ? 3 : node) })),
        /signature of index \d that the height's member there did not make/);
      // Real precommits, but for another block, presented as this block's.
      expectFailure(() => accept(certificate(genesis, b, [0, 1, 2], { signedHash: other.hash })), /did not make/);
      expectFailure(() => accept(certificate(genesis, other, [0, 1, 2])), /is for another block/);
      expect(checker.certificatesChecked).toBe(0);
      accept(certificate(genesis, b, [0, 1, 2]));
      expect(checker.certificatesChecked).toBe(1);
    });

    it('power counts, not heads: exactly 2/3 is not enough', () => {
      const weighted = setOf([{ node: 0, power: 1 }, { node: 1, power: 1 }, { node: 2, power: 1 }, { node: 3, power: 3 }]);
      const checker = newChecker([0, 1, 2, 3]);
      checker.onStartHeight(0, 1, weighted);
      const b = block(1, weighted);
      const accept = (signers: readonly number[]): void => checker.onCommit(0, 1, b.bytes, certificate(weighted, b, signers), 10);
      expectFailure(() => accept([0, 1, 2]), /signed by 3 of 6 power/); // three of four validators
      expectFailure(() => accept([0, 3]), /signed by 4 of 6 power/); // exactly 2/3
      accept([0, 1, 3]);
    });

    it('each height\'s certificates are checked against that height\'s set', () => {
      const checker = newChecker([0, 1, 2, 4]);
      // From height 3 node 3 is out and node 4 is in with power 3: the old majority is not enough.
      const changed = setOf([{ node: 0, power: 1 }, { node: 1, power: 1 }, { node: 2, power: 1 }, { node: 4, power: 3 }]);
      checker.onStartHeight(0, 2, genesisAt(2));
      checker.onStartHeight(0, 3, changed);
      const [b2, b3] = [block(2), block(3, changed)];
      checker.onCommit(0, 2, b2.bytes, certificate(genesis, b2, [0, 1, 2]), 20);
      expectFailure(() => checker.onCommit(0, 3, b3.bytes, certificate(changed, b3, [0, 1, 2]), 30), /signed by 3 of 6 power/);
      // Node 3, voted out, signing under the index node 4 now has.
      expectFailure(() => checker.onCommit(0, 3, b3.bytes,
        certificate(changed, b3, [0, 1, 3], { indexOf: (node) => indexIn(changed, node === 3 ? 4 : node) }), 30), /did not make/);
      checker.onCommit(0, 3, b3.bytes, certificate(changed, b3, [0, 1, 4]), 30);
      expect(checker.certificatesChecked).toBe(2);
    });
  });

  describe('onStartHeight', () => {
    it('two honest nodes run one height with different members, powers or priorities', () => {
      const checker = newChecker([0, 1, 2]);
      checker.onStartHeight(0, 1, genesis);
      checker.onStartHeight(1, 1, ones([3, 2, 1, 0])); // equal by value, not by identity
      expectFailure(() => checker.onStartHeight(2, 1, setOf([0, 1, 2, 3].map((node) => ({ node, power: node === 3 ? 2 : 1 })))),
        /node 2 runs height 1 with the set \[.*3:2@0.*\], another honest node ran \[.*3:1@0.*\]/);
      expectFailure(() => checker.onStartHeight(2, 1, ones([0, 1, 2, 4])), /node 2 runs height 1/);
      // The same members and total power, distributed otherwise.
      const powered = (heavy: number): ValidatorSet => setOf([0, 1, 2, 3].map((node) => ({ node, power: node === heavy ? 2 : 1 })));
      checker.onStartHeight(0, 3, powered(0));
      expectFailure(() => checker.onStartHeight(2, 3, powered(3)), /node 2 runs height 3/);
      checker.onStartHeight(0, 2, nextHeightValidatorSet(genesis));
      // Say a node restored wrongly after a restart: the members are right, the priorities are not.
      expectFailure(() => checker.onStartHeight(1, 2, genesis), /node 1 runs height 2/);
      checker.onStartHeight(1, 2, nextHeightValidatorSet(genesis));
      expect(checker.setsChecked).toBe(5);
    });

    it('the set honest nodes ran differs from the one the agreed block names (header.validatorsHash)', () => {
      const checker = newChecker([0, 1]);
      checker.onStartHeight(0, 1, genesis);
      const b = block(1, ones([0, 1, 2, 4]));
      expectFailure(() => checker.onCommit(0, 1, b.bytes, certificate(genesis, b, [0, 1, 2]), 10),
        /honest nodes ran height 1 with a set other than the one its agreed block names/);
    });
  });

  it('answered commits: each tx a node answered as committed is in its ledger at that height', async () => {
    const checker = newChecker([0, 1]);
    checker.onAnsweredCommitted(0, 'aa', 3);
    checker.onAnsweredCommitted(0, 'bb', 4);
    const ledger = new Map([['aa', 3], ['bb', 4]]);
    await checker.checkAnswered(0, async (hashHex) => ledger.get(hashHex));
    await checker.checkAnswered(1, async () => undefined); // node 1 answered nothing
    expect(checker.answersRechecked).toBe(2);
    const moved = checker.checkAnswered(0, async (hashHex) => (hashHex === 'bb' ? 5 : ledger.get(hashHex)));
    await expect(moved).rejects.toBeInstanceOf(SimulationFailure);
    await expect(moved).rejects.toThrow(/node 0 answered tx bb committed at height 4; its ledger now has it at 5/);
    await expect(checker.checkAnswered(0, async (hashHex) => (hashHex === 'aa' ? undefined : ledger.get(hashHex))))
      .rejects.toThrow(/tx aa committed at height 3; its ledger now has it at no height/);
  });

  it('ghost votes are known by their signature', () => {
    const checker = newChecker([0]);
    const ghost = vote(4, VOTE_PREVOTE, 1, 0, null);
    expect(checker.isGhostVote(ghost)).toBe(false);
    checker.onGhostVote(ghost);
    expect(checker.isGhostVote(ghost)).toBe(true);
    expect(checker.isGhostVote(vote(0, VOTE_PREVOTE, 1, 0, null))).toBe(false);
    expect(checker.ghostVotesSent).toBe(1);
  });
});
