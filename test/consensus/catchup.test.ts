// Catch-up: commit certificates, jumping a height with a verified certificate, re-broadcast ticks,
// requests for missing messages, and messages of the next height kept until it starts.
import { describe, expect, it } from 'vitest';
import { buildCertificate, verifyCertificate, type CommitCertificate } from '../../src/consensus/tendermint/index.js';
import { asHeight, asRound, asTimeMs } from '../../src/types/index.js';
import { fakeVerifier } from '../sim/fake-crypto.js';
import { Bench, CHAIN_ID, VOTE_PRECOMMIT, VOTE_PREVOTE } from './harness.js';

function certificateFor(bench: Bench, validators: readonly number[], round = 0) {
  const block = bench.block(1, 'decided');
  const certificate: CommitCertificate = {
    height: asHeight(1), round: asRound(round), blockHash: block.hash,
    signatures: validators.map((v) => ({ validatorIndex: v, signature: bench.vote(v, VOTE_PRECOMMIT, round, block.hash).signature })),
  };
  return { block, certificate };
}

describe('commit certificates', () => {
  const bench = new Bench({ powers: [1, 2, 3, 4] });
  const verifier = fakeVerifier(bench.secrets);
  const byPower = (power: number): number => bench.set.validators.findIndex((v) => v.power === power);

  it('verifies precommits from more than 2/3 of the power, weights included', () => {
    const check = (powers: number[]) =>
      verifyCertificate(CHAIN_ID, bench.set, certificateFor(bench, powers.map(byPower)).certificate, verifier);
    expect(check([4, 3])).toEqual({ ok: true }); // 7 of 10: 21 > 20
    expect(check([4, 2])).toEqual({ ok: false, code: 'NOT_ENOUGH_POWER' }); // 6 of 10
    expect(check([3, 2, 1])).toEqual({ ok: false, code: 'NOT_ENOUGH_POWER' }); // three of four validators, 6 of 10
  });

  it('rejects a repeated validator, an unknown index and a bad signature', () => {
    const { certificate } = certificateFor(bench, [byPower(4), byPower(3), byPower(2)]);
    const [first, second] = certificate.signatures;
    expect(verifyCertificate(CHAIN_ID, bench.set, { ...certificate, signatures: [first!, first!, second!] }, verifier))
      .toEqual({ ok: false, code: 'INDEX_REPEATED' });
    expect(verifyCertificate(CHAIN_ID, bench.set, { ...certificate, signatures: [...certificate.signatures, { validatorIndex: 9, signature: first!.signature }] }, verifier))
      .toEqual({ ok: false, code: 'INDEX_OUT_OF_RANGE' });
    expect(verifyCertificate(CHAIN_ID, bench.set, { ...certificate, signatures: [{ ...first!, signature: second!.signature }, second!] }, verifier))
      .toEqual({ ok: false, code: 'BAD_SIGNATURE' });
    expect(verifyCertificate(CHAIN_ID, bench.set, { ...certificate, round: asRound(1) }, verifier))
      .toEqual({ ok: false, code: 'BAD_SIGNATURE' });
  });

  it('buildCertificate refuses to build one without a quorum', () => {
    const block = bench.block(1, 'x');
    const slots = bench.set.validators.map((_, v) => (v === byPower(4) ? [bench.vote(v, VOTE_PRECOMMIT, 0, block.hash)] : []));
    expect(() => buildCertificate(slots, bench.set, asHeight(1), asRound(0), block.hash)).toThrow(/quorum/);
    slots[byPower(3)] = [bench.vote(byPower(3), VOTE_PRECOMMIT, 0, block.hash)];
    const built = buildCertificate(slots, bench.set, asHeight(1), asRound(0), block.hash);
    expect(verifyCertificate(CHAIN_ID, bench.set, built, verifier)).toEqual({ ok: true });
  });
});

describe('catching up a height', () => {
  it('a verified certificate and its block decide the height once valid(v) answers', () => {
    const bench = new Bench();
    const run = bench.start();
    const { block, certificate } = certificateFor(bench, bench.others());
    run.feed({ kind: 'commitReceived', block, certificate });
    expect(run.lastOfKind('validateBlock')).toHaveLength(1);
    run.validated(block);
    expect(run.lastOfKind('commit')).toEqual([{ kind: 'commit', block, certificate }]);
  });

  it('decides even when we hold an earlier, conflicting precommit of one of its signers', () => {
    const bench = new Bench();
    const run = bench.start();
    const [x] = bench.others();
    run.votes(bench.vote(x!, VOTE_PRECOMMIT, 2, null));
    const { block, certificate } = certificateFor(bench, bench.others(), 2);
    run.feed({ kind: 'commitReceived', block, certificate }).validated(block);
    expect(run.allOfKind('commit')).toHaveLength(1);
    expect(run.allOfKind('recordEvidence')).toHaveLength(1);
  });

  it('ignores certificates that do not verify, or are for another height or another block', () => {
    const bench = new Bench();
    const run = bench.start();
    const { block, certificate } = certificateFor(bench, bench.others().slice(0, 2));
    run.feed({ kind: 'commitReceived', block, certificate });
    expect(run.last).toEqual([]);
    const full = certificateFor(bench, bench.others());
    run.feed({ kind: 'commitReceived', block: bench.block(1, 'other'), certificate: full.certificate });
    expect(run.last).toEqual([]);
    run.feed({ kind: 'commitReceived', block: full.block, certificate: { ...full.certificate, height: asHeight(2) } });
    expect(run.lastOfKind('validateBlock')).toEqual([]);
  });
});

describe('re-broadcast and requests', () => {
  it('re-sends own votes only after two tick intervals without progress', () => {
    const bench = new Bench();
    const run = bench.start().timeout('propose', 0);
    const prevote = run.sentVotes();
    run.feed({ kind: 'rebroadcastTick' });
    expect(run.sentVotes()).toEqual([]); // progress since the start: just note it
    run.feed({ kind: 'rebroadcastTick' });
    expect(run.sentVotes()).toEqual([]); // one interval stalled: ask peers, send nothing again yet
    expect(run.lastOfKind('requestCatchUp').length).toBeGreaterThan(0);
    run.feed({ kind: 'rebroadcastTick' });
    expect(run.sentVotes()).toEqual(prevote);
    run.feed({ kind: 'rebroadcastTick' });
    expect(run.sentVotes()).toEqual(prevote); // still stalled: every tick from now on
  });

  it('starts counting stalled ticks afresh after progress', () => {
    const bench = new Bench();
    const run = bench.start();
    run.feed({ kind: 'rebroadcastTick' }, { kind: 'rebroadcastTick' }); // stalled once at propose
    run.timeout('propose', 0); // progress: prevote
    const prevote = run.sentVotes();
    expect(prevote.length).toBe(1);
    run.feed({ kind: 'rebroadcastTick' });
    expect(run.sentVotes()).toEqual([]);
    run.feed({ kind: 'rebroadcastTick' });
    expect(run.sentVotes()).toEqual([]);
    run.feed({ kind: 'rebroadcastTick' });
    expect(run.sentVotes()).toEqual(prevote);
  });

  it('asks for the proposal it waits for, and for the votes of its round', () => {
    const bench = new Bench();
    const run = bench.start();
    run.feed({ kind: 'rebroadcastTick' }, { kind: 'rebroadcastTick' });
    expect(run.lastOfKind('requestCatchUp').map((e) => e.request)).toEqual([{ kind: 'proposal', height: 1, round: 0 }]);
    run.timeout('propose', 0).feed({ kind: 'rebroadcastTick' }, { kind: 'rebroadcastTick' });
    expect(run.lastOfKind('requestCatchUp').map((e) => e.request)).toContainEqual(
      { kind: 'votes', height: 1, round: 0, type: VOTE_PREVOTE });
  });

  it('answers a peer with the proposal and the votes it holds', () => {
    const bench = new Bench();
    const run = bench.start();
    const block = bench.block(1, 'a');
    const proposal = bench.proposal(0, block);
    const [x] = bench.others();
    run.propose(proposal).votes(bench.vote(x!, VOTE_PREVOTE, 0, null));
    run.feed({ kind: 'peerRequest', peer: 'p1', request: { kind: 'proposal', height: asHeight(1), round: asRound(0) } });
    expect(run.last).toEqual([{ kind: 'sendToPeer', peer: 'p1', proposals: [proposal], votes: [] }]);
    run.feed({ kind: 'peerRequest', peer: 'p1', request: { kind: 'votes', height: asHeight(1), round: asRound(0), type: VOTE_PREVOTE } });
    expect(run.last).toEqual([{ kind: 'sendToPeer', peer: 'p1', proposals: [], votes: [bench.vote(x!, VOTE_PREVOTE, 0, null)] }]);
    run.feed({ kind: 'peerRequest', peer: 'p1', request: { kind: 'votes', height: asHeight(2), round: asRound(0), type: VOTE_PREVOTE } });
    expect(run.last).toEqual([]);
  });

  it('keeps messages of the next height and counts them when it starts', () => {
    const bench = new Bench();
    const run = bench.start();
    const [x, y] = bench.others();
    run.votes(bench.vote(x!, VOTE_PREVOTE, 0, null, 2), bench.vote(y!, VOTE_PREVOTE, 0, null, 2));
    expect(run.state.futureMessages).toHaveLength(2);
    const { block, certificate } = certificateFor(bench, bench.others());
    run.feed({ kind: 'commitReceived', block, certificate }).validated(block);
    run.feed({ kind: 'startHeight', height: asHeight(2), validators: bench.set, prevBlockTimeMs: asTimeMs(block.timeMs) });
    expect(run.state.rounds.get(0)!.prevotes.filter((slot) => slot.length > 0)).toHaveLength(2);
  });

  it('a message two heights ahead means we are behind: ask for the commit of our height', () => {
    const bench = new Bench();
    const run = bench.start();
    run.votes(bench.vote(bench.others()[0]!, VOTE_PREVOTE, 0, null, 3));
    expect(run.lastOfKind('requestCatchUp').map((e) => e.request)).toEqual([{ kind: 'commit', height: 1 }]);
  });
});
