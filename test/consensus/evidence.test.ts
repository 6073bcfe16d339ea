// Equivocation: two different signed votes by one validator for one height/round/type, or two
// proposals, are recorded as evidence once; and the equivocator's votes count as the paper counts
// messages, so it cannot hide a polka from a node that received both of its votes.
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../src/crypto/hash.js';
import { utf8 } from '../../src/types/index.js';
import { proposerIndex } from '../../src/consensus/tendermint/index.js';
import { Bench, VOTE_PRECOMMIT, VOTE_PREVOTE } from './harness.js';

describe('evidence', () => {
  it('records a double vote once, with both votes; an identical repeat is no evidence', () => {
    const bench = new Bench();
    const run = bench.start();
    const [x] = bench.others();
    const voteA = bench.vote(x!, VOTE_PREVOTE, 0, null);
    const voteB = bench.vote(x!, VOTE_PREVOTE, 0, bench.block(1, 'b').hash);
    run.votes(voteA, voteA);
    expect(run.allOfKind('recordEvidence')).toEqual([]);
    run.votes(voteB);
    expect(run.lastOfKind('recordEvidence')).toEqual([{
      kind: 'recordEvidence',
      evidence: { kind: 'duplicateVote', validatorIndex: x, publicKey: bench.set.validators[x!]!.publicKey, voteA, voteB },
    }]);
    run.votes(bench.vote(x!, VOTE_PREVOTE, 0, bench.block(1, 'c').hash), voteB);
    expect(run.lastOfKind('recordEvidence')).toEqual([]);
  });

  it('a prevote and a precommit of one round are not equivocation', () => {
    const bench = new Bench();
    const run = bench.start();
    const [x] = bench.others();
    run.votes(bench.vote(x!, VOTE_PREVOTE, 0, null), bench.vote(x!, VOTE_PRECOMMIT, 0, bench.block(1, 'b').hash));
    expect(run.allOfKind('recordEvidence')).toEqual([]);
  });

  it('records two different proposals of one round by its proposer', () => {
    const bench = new Bench();
    const run = bench.start();
    const proposalA = bench.proposal(0, bench.block(1, 'a'));
    const proposalB = bench.proposal(0, bench.block(1, 'b'));
    run.propose(proposalA).propose(proposalB);
    const [effect] = run.lastOfKind('recordEvidence');
    expect(effect?.evidence).toMatchObject({ kind: 'duplicateProposal', validatorIndex: proposerIndex(bench.set, 0) });
    expect(effect?.evidence.kind === 'duplicateProposal' && effect.evidence.proposalB).toEqual(proposalB);
  });

  it('ignores votes whose signature does not verify: no evidence from forgeries', () => {
    const bench = new Bench();
    const run = bench.start();
    const [x, y] = bench.others();
    const real = bench.vote(x!, VOTE_PREVOTE, 0, null);
    const forged = { ...bench.vote(y!, VOTE_PREVOTE, 0, bench.block(1, 'b').hash), validatorIndex: x! };
    run.votes(real, forged);
    expect(run.allOfKind('recordEvidence')).toEqual([]);
  });

  it('an equivocator counts towards each value it voted for (line 36 sees the polka)', () => {
    const bench = new Bench();
    const run = bench.start();
    const block = bench.block(1, 'a');
    run.propose(bench.proposal(0, block)).validated(block);
    const [x, y] = bench.others();
    // x first votes nil to us, then (relayed by a peer) for the block: both messages count.
    run.votes(bench.vote(x!, VOTE_PREVOTE, 0, null), bench.vote(y!, VOTE_PREVOTE, 0, block.hash));
    expect(run.state.lockedRound).toBe(-1);
    run.votes(bench.vote(x!, VOTE_PREVOTE, 0, block.hash));
    expect(run.state.lockedRound).toBe(0);
  });

  it('votes for unknown hashes cannot crowd out a later vote for a real block', () => {
    const bench = new Bench();
    const run = bench.start();
    const block = bench.block(1, 'a');
    run.propose(bench.proposal(0, block)).validated(block);
    const [x, y] = bench.others();
    for (let i = 0; i < 20; i++) run.votes(bench.vote(x!, VOTE_PREVOTE, 0, sha256(utf8(`junk ${i}`))));
    run.votes(bench.vote(y!, VOTE_PREVOTE, 0, block.hash), bench.vote(x!, VOTE_PREVOTE, 0, block.hash));
    expect(run.state.lockedRound).toBe(0);
    expect(run.state.rounds.get(0)!.prevotes[x!]!.length).toBe(2);
  });
});
