// Proposer-based timestamps (CometBFT PBTS; docs/consensus.md): a first proposal is timely only within
// [receive − (MSG_DELAY(round) + PRECISION), receive + PRECISION]; a re-proposal keeps its time.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONSENSUS_PARAMS, isTimely, messageDelayMs } from '../../src/consensus/tendermint/index.js';
import { asRound, asTimeMs } from '../../src/types/index.js';
import { Bench, PREV_TIME_MS, VOTE_PREVOTE } from './harness.js';

const params = DEFAULT_CONSENSUS_PARAMS;
const receiveMs = 10_000_000;

describe('PBTS timeliness', () => {
  it('accepts exactly the window [receive − (MSG_DELAY + PRECISION), receive + PRECISION]', () => {
    const window = messageDelayMs(params, asRound(0)) + params.precisionMs;
    expect(window).toBe(2500);
    const timely = (timeMs: number, round = 0): boolean => isTimely(params, asTimeMs(timeMs), asTimeMs(receiveMs), asRound(round));
    expect(timely(receiveMs + params.precisionMs)).toBe(true);
    expect(timely(receiveMs + params.precisionMs + 1)).toBe(false);
    expect(timely(receiveMs - window)).toBe(true);
    expect(timely(receiveMs - window - 1)).toBe(false);
  });

  it('MSG_DELAY grows with the round, so a late proposal becomes timely in a later round', () => {
    const lateMs = receiveMs - 2600;
    expect(isTimely(params, asTimeMs(lateMs), asTimeMs(receiveMs), asRound(0))).toBe(false);
    expect(isTimely(params, asTimeMs(lateMs), asTimeMs(receiveMs), asRound(1))).toBe(true);
    expect(messageDelayMs(params, asRound(3))).toBe(3500);
  });

  it('line 22: an untimely first proposal gets a nil prevote without waiting for valid(v)', () => {
    const bench = new Bench();
    const run = bench.start();
    const block = bench.block(1, 'future', PREV_TIME_MS + 5000);
    run.propose(bench.proposal(0, block), PREV_TIME_MS + 4000); // 1000 ms ahead of our clock
    expect(run.sentVotes()).toEqual([bench.vote(bench.self, VOTE_PREVOTE, 0, null)]);
  });

  it('line 22: a timely first proposal is judged by the reception time, not by later events', () => {
    const bench = new Bench();
    const run = bench.start();
    const block = bench.block(1, 'ok', PREV_TIME_MS + 5000);
    run.propose(bench.proposal(0, block), PREV_TIME_MS + 5400);
    run.validated(block);
    expect(run.sentVotes()).toEqual([bench.vote(bench.self, VOTE_PREVOTE, 0, block.hash)]);
  });

  it('a block not later than the previous block is invalid outright (no application call)', () => {
    const bench = new Bench();
    const run = bench.start();
    const block = bench.block(1, 'old', PREV_TIME_MS);
    run.propose(bench.proposal(0, block), PREV_TIME_MS + 100);
    expect(run.lastOfKind('validateBlock')).toEqual([]);
    expect(run.sentVotes()).toEqual([bench.vote(bench.self, VOTE_PREVOTE, 0, null)]);
  });

  it('line 28: a re-proposed value keeps its time and is not re-checked for timeliness', () => {
    const bench = new Bench();
    const run = bench.start();
    const block = bench.block(1, 'old-but-locked', PREV_TIME_MS + 1000);
    run.timeout('propose', 0);
    run.votes(...bench.others().map((v) => bench.vote(v, VOTE_PREVOTE, 0, block.hash)));
    run.timeout('prevote', 0).timeout('precommit', 0);
    const round = bench.roundProposedByOther(1);
    for (let r = 1; r < round; r++) run.timeout('precommit', r);
    // Received a minute after its time: far outside any window, yet prevoted.
    run.propose(bench.proposal(round, block, 0), PREV_TIME_MS + 61_000).validated(block);
    expect(run.sentVotes()).toEqual([bench.vote(bench.self, VOTE_PREVOTE, round, block.hash)]);
  });
});
