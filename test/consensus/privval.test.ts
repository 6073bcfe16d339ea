// The double-sign guard and the durable record: never two different signatures for one
// height/round/step, also across a crash; a restarted node resumes its round with its lock.
import { describe, expect, it } from 'vitest';
import {
  checkSign,
  SIGN_STEP_PRECOMMIT,
  SIGN_STEP_PREVOTE,
  SIGN_STEP_PROPOSAL,
  type DurableRecord,
  type SignedRecord,
} from '../../src/consensus/tendermint/index.js';
import { asHeight, asRound, utf8 } from '../../src/types/index.js';
import { Bench, VOTE_PRECOMMIT, VOTE_PREVOTE, type Run } from './harness.js';

const last: SignedRecord = {
  height: asHeight(5), round: asRound(2), signStep: SIGN_STEP_PREVOTE, signBytes: utf8('bytes'), signature: utf8('sig'),
};

function lastRecord(run: Run): DurableRecord {
  const persists = run.allOfKind('persist');
  expect(persists.length).toBeGreaterThan(0);
  return persists.at(-1)!.record;
}

describe('double-sign guard (height/round/step)', () => {
  it('signs past the last signature, in (height, round, step) order', () => {
    expect(checkSign(null, asHeight(1), asRound(0), SIGN_STEP_PROPOSAL, utf8('x'))).toEqual({ kind: 'sign' });
    expect(checkSign(last, asHeight(5), asRound(2), SIGN_STEP_PRECOMMIT, utf8('x')).kind).toBe('sign');
    expect(checkSign(last, asHeight(5), asRound(3), SIGN_STEP_PROPOSAL, utf8('x')).kind).toBe('sign');
    expect(checkSign(last, asHeight(6), asRound(0), SIGN_STEP_PROPOSAL, utf8('x')).kind).toBe('sign');
  });

  it('refuses to go back, and refuses different bytes at the same step', () => {
    expect(checkSign(last, asHeight(5), asRound(2), SIGN_STEP_PROPOSAL, utf8('x'))).toEqual({ kind: 'refuse', reason: 'regression' });
    expect(checkSign(last, asHeight(5), asRound(1), SIGN_STEP_PRECOMMIT, utf8('x'))).toEqual({ kind: 'refuse', reason: 'regression' });
    expect(checkSign(last, asHeight(4), asRound(9), SIGN_STEP_PRECOMMIT, utf8('x'))).toEqual({ kind: 'refuse', reason: 'regression' });
    expect(checkSign(last, asHeight(5), asRound(2), SIGN_STEP_PREVOTE, utf8('other'))).toEqual({ kind: 'refuse', reason: 'conflict' });
  });

  it('hands back the same signature for the same bytes', () => {
    expect(checkSign(last, asHeight(5), asRound(2), SIGN_STEP_PREVOTE, utf8('bytes'))).toEqual({ kind: 'resend', signature: utf8('sig') });
  });
});

describe('restart from the durable record', () => {
  it('after a prevote: resumes at step prevote and re-sends exactly the same vote, never another', () => {
    const bench = new Bench();
    const run = bench.start();
    const block = bench.block(1, 'a');
    run.propose(bench.proposal(0, block)).validated(block);
    const sent = run.sentVotes();
    const restarted = bench.start(lastRecord(run));
    expect(restarted.state).toMatchObject({ round: 0, step: 'prevote' });
    expect(restarted.sentVotes()).toEqual(sent);
    // A timeoutPropose left over from before the crash cannot make it prevote nil now.
    restarted.timeout('propose', 0);
    expect(restarted.sentVotes()).toEqual([]);
  });

  it('after a proposal: the proposer re-sends the same proposal instead of building another', () => {
    const bench = new Bench({ self: 'proposer' });
    const run = bench.start();
    const block = bench.block(1, 'mine');
    run.feed({ kind: 'blockBuilt', height: run.state.height, round: run.state.round, block, nowMs: block.timeMs });
    // Crash after the proposal's persist, before its prevote's.
    const [proposalOnly, withPrevote] = run.allOfKind('persist').map((effect) => effect.record);
    expect(proposalOnly!.lastSigned?.signStep).toBe(SIGN_STEP_PROPOSAL);
    expect(withPrevote!.lastSigned?.signStep).toBe(SIGN_STEP_PREVOTE);
    const restarted = bench.start(proposalOnly!);
    expect(restarted.allOfKind('buildBlock')).toEqual([]);
    expect(restarted.allOfKind('broadcastProposal').map((e) => e.proposal)).toEqual([bench.proposal(0, block)]);
  });

  it('keeps its lock: a restarted validator locked on A prevotes nil for a fresh B', () => {
    const bench = new Bench();
    const run = bench.start();
    const blockA = bench.block(1, 'a');
    run.propose(bench.proposal(0, blockA)).validated(blockA);
    run.votes(...bench.others().map((v) => bench.vote(v, VOTE_PREVOTE, 0, blockA.hash)));
    expect(run.sentVotes()).toEqual([bench.vote(bench.self, VOTE_PRECOMMIT, 0, blockA.hash)]);
    const restarted = bench.start(lastRecord(run));
    expect(restarted.state).toMatchObject({ round: 0, step: 'precommit', lockedRound: 0 });
    const round = bench.roundProposedByOther(1);
    for (let r = 0; r < round; r++) restarted.timeout('precommit', r);
    restarted.propose(bench.proposal(round, bench.block(1, 'b')));
    expect(restarted.sentVotes()).toEqual([bench.vote(bench.self, VOTE_PREVOTE, round, null)]);
  });

  it('a record of an earlier height only keeps the guard; the new height starts at round 0', () => {
    const bench = new Bench();
    const run = bench.start().timeout('propose', 0);
    const restarted = bench.start(lastRecord(run), 2);
    expect(restarted.state).toMatchObject({ height: 2, round: 0, step: 'propose', lockedRound: -1 });
    expect(restarted.state.lastSigned?.height).toBe(1);
  });
});

