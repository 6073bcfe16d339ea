// Lines 57-67: the three timeouts, their entry conditions, and durations that grow with the round.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONSENSUS_PARAMS, timeoutDurationMs } from '../../src/consensus/tendermint/index.js';
import { asRound } from '../../src/types/index.js';
import { Bench, VOTE_PRECOMMIT, VOTE_PREVOTE } from './harness.js';

describe('timeouts (lines 57-67)', () => {
  it('durations are base + round × delta for each step', () => {
    const params = DEFAULT_CONSENSUS_PARAMS;
    expect(timeoutDurationMs(params, 'propose', asRound(0))).toBe(3000);
    expect(timeoutDurationMs(params, 'propose', asRound(4))).toBe(5000);
    expect(timeoutDurationMs(params, 'prevote', asRound(2))).toBe(2000);
    expect(timeoutDurationMs(params, 'precommit', asRound(10))).toBe(6000);
    expect(timeoutDurationMs({ ...params, timeoutPrecommitDeltaMs: 7 }, 'precommit', asRound(3))).toBe(1021);
  });

  it('line 57: OnTimeoutPropose at step propose prevotes nil and moves to prevote', () => {
    const bench = new Bench();
    const run = bench.start().timeout('propose', 0);
    expect(run.sentVotes()).toEqual([bench.vote(bench.self, VOTE_PREVOTE, 0, null)]);
    expect(run.state.step).toBe('prevote');
  });

  it('line 58: a timeout of another round or height, or past its step, does nothing', () => {
    const bench = new Bench();
    const run = bench.start();
    expect(run.timeout('propose', 1).last).toEqual([]);
    expect(run.timeout('propose', 0, 2).last).toEqual([]);
    run.timeout('propose', 0);
    expect(run.timeout('propose', 0).last).toEqual([]);
    expect(run.state.step).toBe('prevote');
  });

  it('line 61: OnTimeoutPrevote at step prevote precommits nil', () => {
    const bench = new Bench();
    const run = bench.start().timeout('propose', 0).timeout('prevote', 0);
    expect(run.sentVotes()).toEqual([bench.vote(bench.self, VOTE_PRECOMMIT, 0, null)]);
    expect(run.state.step).toBe('precommit');
    expect(run.timeout('prevote', 0).last).toEqual([]);
  });

  it('line 62: OnTimeoutPrevote does nothing at step propose', () => {
    const run = new Bench().start().timeout('prevote', 0);
    expect(run.last).toEqual([]);
    expect(run.state.step).toBe('propose');
  });

  it('line 65: OnTimeoutPrecommit starts the next round, at any step, with a longer timeoutPropose', () => {
    const bench = new Bench();
    const run = bench.start().timeout('precommit', 0);
    expect(run.state).toMatchObject({ round: 1, step: 'propose' });
    expect(run.lastOfKind('scheduleTimeout')).toEqual([
      expect.objectContaining({ step: 'propose', round: 1, durationMs: 3500 }),
    ]);
    expect(run.timeout('precommit', 0).last).toEqual([]);
  });

  it('a full round of timeouts walks propose → prevote → precommit → next round', () => {
    const bench = new Bench();
    const run = bench.start();
    const others = bench.others();
    run.timeout('propose', 0);
    run.votes(...others.map((v) => bench.vote(v, VOTE_PREVOTE, 0, bench.block(1, `v${v}`).hash)));
    expect(run.lastOfKind('scheduleTimeout')).toEqual([expect.objectContaining({ step: 'prevote', round: 0 })]);
    run.timeout('prevote', 0);
    run.votes(...others.map((v) => bench.vote(v, VOTE_PRECOMMIT, 0, null)));
    expect(run.lastOfKind('scheduleTimeout')).toEqual([expect.objectContaining({ step: 'precommit', round: 0 })]);
    run.timeout('precommit', 0);
    expect(run.state.round).toBe(1);
  });
});
