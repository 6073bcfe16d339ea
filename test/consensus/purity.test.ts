// step(state, event) is a pure function: it never modifies the state it is given, and the same
// state and event always give the same result. Observers (no signer) follow without voting.
import { describe, expect, it } from 'vitest';
import type { ConsensusEvent } from '../../src/consensus/tendermint/index.js';
import { asHeight, asTimeMs } from '../../src/types/index.js';
import { Bench, VOTE_PRECOMMIT, VOTE_PREVOTE } from './harness.js';

function scriptedEvents(bench: Bench): ConsensusEvent[] {
  const block = bench.block(1, 'a');
  const [x, y, z] = bench.others();
  return [
    { kind: 'proposalReceived', proposal: bench.proposal(0, block), receivedAtMs: asTimeMs(1_001_100) },
    { kind: 'blockValidated', height: asHeight(1), blockHash: block.hash, valid: true },
    { kind: 'voteReceived', vote: bench.vote(x!, VOTE_PREVOTE, 0, block.hash) },
    { kind: 'voteReceived', vote: bench.vote(y!, VOTE_PREVOTE, 0, null) },
    { kind: 'voteReceived', vote: bench.vote(y!, VOTE_PREVOTE, 0, block.hash) },
    { kind: 'rebroadcastTick' },
    { kind: 'rebroadcastTick' },
    { kind: 'voteReceived', vote: bench.vote(x!, VOTE_PRECOMMIT, 0, block.hash) },
    { kind: 'voteReceived', vote: bench.vote(z!, VOTE_PRECOMMIT, 0, block.hash) },
  ];
}

describe('purity and determinism', () => {
  it('never modifies the input state, and repeats itself exactly', () => {
    const bench = new Bench();
    let state = bench.start().state;
    for (const event of scriptedEvents(bench)) {
      const before = structuredClone(state);
      const first = bench.core.step(state, event);
      expect(state).toEqual(before);
      const second = bench.core.step(state, event);
      expect(second).toEqual(first);
      state = first.state;
    }
    expect(state.status).toBe('decided');
  });

  it('an observer (no signer) follows the height and decides without signing anything', () => {
    const bench = new Bench({ self: -1 });
    const run = bench.start();
    for (const event of scriptedEvents(bench)) run.feed(event);
    const block = bench.block(1, 'a');
    run.votes(bench.vote(3, VOTE_PRECOMMIT, 0, block.hash), bench.vote(0, VOTE_PRECOMMIT, 0, block.hash));
    expect(run.allOfKind('broadcastVote')).toEqual([]);
    expect(run.allOfKind('persist')).toEqual([]);
    expect(run.allOfKind('commit')).toHaveLength(1);
  });
});
