// The upon-rules of Algorithm 1 (Buchman, Kwon, Milosevic 2018), one behaviour per test, each
// named after the paper's lines.
import { describe, expect, it } from 'vitest';
import { proposerIndex, verifyCertificate } from '../../src/consensus/tendermint/index.js';
import { voteSignBytes } from '../../src/codec/sign-bytes.js';
import { asHeight, asRound, toHex } from '../../src/types/index.js';
import { fakeVerifier } from '../sim/fake-crypto.js';
import { Bench, CHAIN_ID, VOTE_PRECOMMIT, VOTE_PREVOTE, type Run } from './harness.js';

const hex = (bytes: Uint8Array | null): string | null => (bytes === null ? null : toHex(bytes));

/** Round 0 of a plain validator: proposal A arrives, is valid, we prevote it. */
function prevotedA(bench = new Bench()): { bench: Bench; run: Run; blockA: ReturnType<Bench['block']> } {
  const run = bench.start();
  const blockA = bench.block(1, 'a');
  run.propose(bench.proposal(0, blockA)).validated(blockA);
  return { bench, run, blockA };
}

describe('StartRound (lines 11-21)', () => {
  it('line 21: a validator that is not the proposer schedules timeoutPropose(0) and waits', () => {
    const run = new Bench({ self: 'notProposer' }).start();
    expect(run.state.step).toBe('propose');
    expect(run.lastOfKind('scheduleTimeout')).toEqual([
      expect.objectContaining({ step: 'propose', round: 0, durationMs: 3000 }),
    ]);
    expect(run.lastOfKind('buildBlock')).toHaveLength(0);
  });

  it('line 18: the proposer asks the application for a value (getValue), after the previous block time', () => {
    const run = new Bench({ self: 'proposer' }).start();
    expect(run.lastOfKind('buildBlock')).toEqual([expect.objectContaining({ height: 1, round: 0, timeAfterMs: 1_000_000 })]);
  });

  it('line 19: the proposer persists, then broadcasts its signed proposal with validRound -1', () => {
    const bench = new Bench({ self: 'proposer' });
    const run = bench.start();
    const block = bench.block(1, 'mine');
    run.feed({ kind: 'blockBuilt', height: run.state.height, round: run.state.round, block, nowMs: block.timeMs });
    const kinds = run.last.map((effect) => effect.kind);
    expect(kinds.indexOf('persist')).toBeLessThan(kinds.indexOf('broadcastProposal'));
    const [broadcast] = run.lastOfKind('broadcastProposal');
    const proposal = broadcast!.proposal;
    expect(proposal.validRound).toBe(-1);
    expect(proposal).toEqual(bench.proposal(0, block));
    // The proposer's own block is valid and timely to itself: it prevotes it at once (line 24).
    expect(run.sentVotes()).toEqual([bench.vote(bench.self, VOTE_PREVOTE, 0, block.hash)]);
  });

  it('lines 15-16: a proposer with a valid value re-proposes it with its validRound and time', () => {
    const { bench, run, blockA } = prevotedA(new Bench({ self: 'notProposer' }));
    run.votes(...bench.others().map((v) => bench.vote(v, VOTE_PREVOTE, 0, blockA.hash)));
    expect(run.state.validRound).toBe(0);
    const ownRound = [...Array(50).keys()].find((r) => r > 0 && proposerIndex(bench.set, r) === bench.self)!;
    for (let r = 0; r < ownRound; r++) run.timeout('precommit', r);
    expect(run.lastOfKind('buildBlock')).toEqual([]);
    const proposals = run.lastOfKind('broadcastProposal');
    expect(proposals).toHaveLength(1);
    expect(proposals[0]!.proposal).toEqual(bench.proposal(ownRound, blockA, 0));
    // The polka of the valid round travels with it, for validators that never saw it (line 28).
    expect(run.sentVotes().filter((vote) => vote.round === 0)).toHaveLength(4);
  });
});

describe('prevote (lines 22-33)', () => {
  it('line 22: waits for valid(v), then prevotes id(v) for a valid proposal when unlocked', () => {
    const bench = new Bench();
    const run = bench.start();
    const block = bench.block(1, 'a');
    run.propose(bench.proposal(0, block));
    expect(run.lastOfKind('validateBlock')).toEqual([{ kind: 'validateBlock', height: 1, block }]);
    expect(run.sentVotes()).toEqual([]);
    run.validated(block);
    expect(run.sentVotes()).toEqual([bench.vote(bench.self, VOTE_PREVOTE, 0, block.hash)]);
    expect(run.state.step).toBe('prevote');
  });

  it('line 24: the vote is persisted before it is broadcast (persist before send)', () => {
    const { run } = prevotedA();
    const kinds = run.last.map((effect) => effect.kind);
    expect(kinds).toEqual(['persist', 'broadcastVote']);
    const persist = run.lastOfKind('persist')[0]!;
    expect(persist.record.lastSigned?.signStep).toBe(2);
    expect(persist.record.ownVotes).toEqual(run.sentVotes());
  });

  it('line 26: prevotes nil when the application says the block is invalid', () => {
    const bench = new Bench();
    const run = bench.start();
    const block = bench.block(1, 'bad');
    run.propose(bench.proposal(0, block)).validated(block, false);
    expect(run.sentVotes()).toEqual([bench.vote(bench.self, VOTE_PREVOTE, 0, null)]);
  });

  it('line 22: ignores a proposal that is not from proposer(h, round)', () => {
    const bench = new Bench();
    const run = bench.start();
    const impostor = (proposerIndex(bench.set, 0) + 2) % 4;
    run.propose(bench.proposal(0, bench.block(1, 'x'), -1, 1, impostor));
    expect(run.last).toEqual([]);
    expect(run.state.rounds.get(0)?.proposals ?? []).toHaveLength(0);
  });

  it('line 22: a validator locked on another value prevotes nil for a fresh proposal', () => {
    const { bench, run, blockA } = prevotedA();
    run.votes(...bench.others().slice(0, 2).map((v) => bench.vote(v, VOTE_PREVOTE, 0, blockA.hash)));
    expect(run.state.lockedRound).toBe(0);
    const round = bench.roundProposedByOther(1);
    run.timeout('precommit', 0);
    for (let r = 1; r < round; r++) run.timeout('precommit', r);
    const blockB = bench.block(1, 'b');
    // Locked on A the answer is nil whatever valid(B) is: no need to wait for the application.
    run.propose(bench.proposal(round, blockB));
    expect(run.sentVotes()).toEqual([bench.vote(bench.self, VOTE_PREVOTE, round, null)]);
  });

  it('line 28: unlocks when a later round had a polka for another value (lockedRound <= vr)', () => {
    const { bench, run, blockA } = prevotedA();
    run.votes(...bench.others().slice(0, 2).map((v) => bench.vote(v, VOTE_PREVOTE, 0, blockA.hash)));
    expect(run.state.lockedRound).toBe(0);
    run.timeout('precommit', 0);
    // Round 1: value B gets a polka we do not see in time; we stay locked on A.
    const blockB = bench.block(1, 'b');
    run.timeout('propose', 1).timeout('precommit', 1);
    const round = bench.roundProposedByOther(2);
    for (let r = 2; r < round; r++) run.timeout('precommit', r);
    run.propose(bench.proposal(round, blockB, 1));
    expect(run.lastOfKind('requestCatchUp')).toEqual([
      { kind: 'requestCatchUp', request: { kind: 'votes', height: 1, round: 1, type: VOTE_PREVOTE } },
    ]);
    run.validated(blockB);
    expect(run.sentVotes()).toEqual([]); // no polka for B in round 1 yet: line 28 waits
    run.votes(...bench.others().map((v) => bench.vote(v, VOTE_PREVOTE, 1, blockB.hash)));
    expect(run.sentVotes()).toEqual([bench.vote(bench.self, VOTE_PREVOTE, round, blockB.hash)]);
  });

  it('line 32: stays locked when the polka is older than the lock (vr < lockedRound) for another value', () => {
    const bench = new Bench();
    const run = bench.start();
    const blockA = bench.block(1, 'a');
    const blockB = bench.block(1, 'b');
    // Round 0: B has a polka we only learn of later; we time out and prevote nil.
    run.timeout('propose', 0).timeout('precommit', 0);
    // Round 1: we lock A.
    const round1Proposal = bench.proposal(1, blockA);
    run.propose(round1Proposal).validated(blockA);
    run.votes(...bench.others().map((v) => bench.vote(v, VOTE_PREVOTE, 1, blockA.hash)));
    expect(run.state.lockedRound).toBe(1);
    run.timeout('precommit', 1);
    const round = bench.roundProposedByOther(2);
    for (let r = 2; r < round; r++) run.timeout('precommit', r);
    run.votes(...bench.others().map((v) => bench.vote(v, VOTE_PREVOTE, 0, blockB.hash)));
    run.propose(bench.proposal(round, blockB, 0));
    expect(run.sentVotes()).toEqual([bench.vote(bench.self, VOTE_PREVOTE, round, null)]);
  });

  it('line 29: prevotes its locked value when re-proposed, whatever the valid round', () => {
    const { bench, run, blockA } = prevotedA();
    run.votes(...bench.others().map((v) => bench.vote(v, VOTE_PREVOTE, 0, blockA.hash)));
    run.timeout('precommit', 0);
    const round = bench.roundProposedByOther(1);
    for (let r = 1; r < round; r++) run.timeout('precommit', r);
    run.propose(bench.proposal(round, blockA, 0));
    expect(run.sentVotes()).toEqual([bench.vote(bench.self, VOTE_PREVOTE, round, blockA.hash)]);
  });
});

describe('precommit (lines 34-48)', () => {
  it('line 34: schedules timeoutPrevote once, on 2f + 1 prevotes of any kind', () => {
    const { bench, run, blockA } = prevotedA();
    const [x, y, z] = bench.others();
    run.votes(bench.vote(x!, VOTE_PREVOTE, 0, null), bench.vote(y!, VOTE_PREVOTE, 0, blockA.hash));
    expect(run.lastOfKind('scheduleTimeout')).toEqual([
      expect.objectContaining({ step: 'prevote', round: 0, durationMs: 1000 }),
    ]);
    run.votes(bench.vote(z!, VOTE_PREVOTE, 0, null));
    expect(run.lastOfKind('scheduleTimeout')).toEqual([]);
  });

  it('line 36: locks v and precommits id(v) on a polka for the proposal', () => {
    const { bench, run, blockA } = prevotedA();
    run.votes(...bench.others().slice(0, 2).map((v) => bench.vote(v, VOTE_PREVOTE, 0, blockA.hash)));
    expect(run.sentVotes()).toEqual([bench.vote(bench.self, VOTE_PRECOMMIT, 0, blockA.hash)]);
    expect(run.state).toMatchObject({ step: 'precommit', lockedRound: 0, validRound: 0 });
    expect(hex(run.state.lockedBlock!.hash)).toBe(hex(blockA.hash));
    // The lock is in the record persisted before the precommit leaves.
    expect(run.lastOfKind('persist')[0]!.record.locked?.round).toBe(0);
  });

  it('line 42: at step precommit a polka only updates validValue, not the lock', () => {
    const { bench, run, blockA } = prevotedA();
    const [x, y, z] = bench.others();
    run.votes(bench.vote(x!, VOTE_PREVOTE, 0, null), bench.vote(y!, VOTE_PREVOTE, 0, null));
    run.timeout('prevote', 0);
    expect(run.state.step).toBe('precommit');
    run.votes(bench.vote(z!, VOTE_PREVOTE, 0, blockA.hash));
    expect(run.state).toMatchObject({ validRound: -1 }); // 2 of 4 for A: no polka yet
    run.votes(bench.vote(x!, VOTE_PREVOTE, 0, blockA.hash)); // x equivocates: it counts for A too
    expect(run.state).toMatchObject({ lockedRound: -1, validRound: 0 });
    expect(run.sentVotes()).toEqual([]);
  });

  it('line 44: precommits nil on 2f + 1 nil prevotes', () => {
    const { bench, run } = prevotedA();
    run.votes(...bench.others().map((v) => bench.vote(v, VOTE_PREVOTE, 0, null)));
    expect(run.sentVotes()).toEqual([bench.vote(bench.self, VOTE_PRECOMMIT, 0, null)]);
    expect(run.state.step).toBe('precommit');
  });

  it('line 47: schedules timeoutPrecommit once on 2f + 1 precommits of any kind, at any step', () => {
    const bench = new Bench();
    const run = bench.start();
    const [x, y, z] = bench.others();
    run.votes(bench.vote(x!, VOTE_PRECOMMIT, 0, null), bench.vote(y!, VOTE_PRECOMMIT, 0, null));
    expect(run.lastOfKind('scheduleTimeout')).toEqual([]);
    run.votes(bench.vote(z!, VOTE_PRECOMMIT, 0, bench.block(1, 'q').hash));
    expect(run.lastOfKind('scheduleTimeout')).toEqual([expect.objectContaining({ step: 'precommit', round: 0 })]);
    expect(run.state.step).toBe('propose');
  });
});

describe('decide (lines 49-54)', () => {
  it('line 49: commits v on 2f + 1 precommits with the proposal and a certificate that verifies', () => {
    const { bench, run, blockA } = prevotedA();
    run.votes(...bench.others().map((v) => bench.vote(v, VOTE_PRECOMMIT, 0, blockA.hash)));
    const [commit] = run.lastOfKind('commit');
    expect(commit).toBeDefined();
    expect(hex(commit!.block.hash)).toBe(hex(blockA.hash));
    expect(commit!.certificate).toMatchObject({ height: 1, round: 0 });
    expect(verifyCertificate(CHAIN_ID, bench.set, commit!.certificate, fakeVerifier(bench.secrets))).toEqual({ ok: true });
    expect(run.state.status).toBe('decided');
  });

  it('line 49: not before valid(v) is known; a commit needs the block itself', () => {
    const bench = new Bench();
    const run = bench.start();
    const block = bench.block(1, 'a');
    run.votes(...bench.others().map((v) => bench.vote(v, VOTE_PRECOMMIT, 0, block.hash)));
    expect(run.state.status).toBe('running');
    run.propose(bench.proposal(0, block));
    expect(run.state.status).toBe('running');
    run.validated(block);
    expect(run.lastOfKind('commit')).toHaveLength(1);
  });

  it('line 49: decides from the precommits of an earlier round, too', () => {
    const bench = new Bench();
    const run = bench.start();
    const block = bench.block(1, 'a');
    run.timeout('propose', 0).timeout('precommit', 0).timeout('propose', 1).timeout('precommit', 1);
    expect(run.state.round).toBe(2);
    run.propose(bench.proposal(0, block)).validated(block);
    run.votes(...bench.others().map((v) => bench.vote(v, VOTE_PRECOMMIT, 0, block.hash)));
    expect(run.lastOfKind('commit')[0]?.certificate.round).toBe(0);
  });

  it('lines 52-54: the next height starts from scratch with startHeight', () => {
    const { bench, run, blockA } = prevotedA();
    run.votes(...bench.others().map((v) => bench.vote(v, VOTE_PRECOMMIT, 0, blockA.hash)));
    run.feed({ kind: 'startHeight', height: asHeight(2), validators: bench.set, prevBlockTimeMs: blockA.timeMs });
    expect(run.state).toMatchObject({ status: 'running', height: 2, round: 0, lockedRound: -1, validRound: -1 });
    expect(run.state.rounds.size).toBeLessThanOrEqual(1);
  });
});

describe('round skip (lines 55-56)', () => {
  it('line 55: f + 1 messages of a higher round start that round', () => {
    const bench = new Bench();
    const run = bench.start();
    const [x, y] = bench.others();
    run.votes(bench.vote(x!, VOTE_PREVOTE, 5, null));
    expect(run.state.round).toBe(0);
    run.votes(bench.vote(y!, VOTE_PRECOMMIT, 5, null));
    expect(run.state.round).toBe(5);
    expect(run.lastOfKind('scheduleTimeout')).toEqual([expect.objectContaining({ step: 'propose', round: 5, durationMs: 5500 })]);
  });

  it('line 55: f + 1 is by voting power, not by count', () => {
    const bench = new Bench({ powers: [1, 1, 1, 7], self: 'notProposer' });
    const heavy = bench.set.validators.findIndex((v) => v.power === 7);
    const light = bench.others().filter((v) => v !== heavy);
    const run = bench.start();
    expect(heavy).not.toBe(bench.self);
    run.votes(...light.map((v) => bench.vote(v, VOTE_PREVOTE, 3, null)));
    expect(run.state.round).toBe(0); // at most 3 of 10
    run.votes(bench.vote(heavy, VOTE_PREVOTE, 3, null));
    expect(run.state.round).toBe(3);
  });

  it('a vote changed after signing (here its round) does not verify and starts nothing', () => {
    const bench = new Bench();
    const vote = bench.vote(1, VOTE_PREVOTE, 0, null);
    const forged = { ...vote, round: asRound(1) };
    const run = bench.start();
    run.votes(forged);
    expect(run.state.rounds.get(1)).toBeUndefined();
    expect(voteSignBytes(CHAIN_ID, 1, 0, VOTE_PREVOTE, undefined)).toHaveLength(16 + 1 + CHAIN_ID.length + 8 + 4 + 1 + 32);
  });
});
