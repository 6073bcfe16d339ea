// Seeds that failed while the core was written, kept as named scenarios. Each group fails when the
// fix it names is reverted (checked when recorded); with the fix in place every invariant holds.
//
// Seeds replay through optionsFromSeed. If the scenario generator changes, the fingerprint check
// fails: re-derive the seeds (revert the fix, `npm run sim -- --seeds 2000 --start 1`, keep the
// failures) rather than deleting the test.
import { describe, expect, it } from 'vitest';
import { optionsFromSeed } from './options.js';
import { runSimulation } from './simulator.js';

/** seed → "nodeCount/Byzantine nodes/heal time" of its scenario when it was recorded. */
type Regressions = Readonly<Record<number, string>>;

function fingerprint(seed: number): string {
  const options = optionsFromSeed(seed);
  return `${options.nodeCount}/${options.byzantineNodes.join(',')}/${options.healAtMs}`;
}

function expectAllHold(regressions: Regressions): void {
  for (const [seedText, recorded] of Object.entries(regressions)) {
    const seed = Number(seedText);
    expect(fingerprint(seed), `scenario generator changed: re-derive seed ${seed}`).toBe(recorded);
    expect(() => runSimulation(seed)).not.toThrow();
  }
}

describe('regressions', () => {
  // A Byzantine validator's first vote (nil, say) shadowed its later vote for the block, so a node
  // that had received both never counted the polka its peers locked on: after the heal, the locked
  // validators prevoted only their value and the others never saw it justified, and the height
  // stalled for good. Fix: count votes as the paper counts messages, an equivocator towards each
  // value it voted for (votes.ts, addVote).
  it('an equivocator\'s vote for the locked value still counts (liveness)', () => {
    expectAllHold({ 26: '6/2/6141', 30: '7/2/15851', 61: '7/2,5/17684', 152: '7/3,4/17983' });
  });

  // With a fixed number of votes kept per validator, a Byzantine validator's votes for random
  // hashes filled its slots, and its vote for the real block was dropped: the same stall. Fix:
  // beyond its first vote, keep a validator's votes only for nil or for blocks we hold.
  it('votes for unknown hashes cannot crowd out a polka vote (liveness)', () => {
    expectAllHold({ 180: '6/0/15653', 198: '7/0,2/15570', 252: '7/2/21266', 394: '6/2/19833' });
  });

  // Mutation seeds: with a simple-majority quorum instead of more than 2/3 of the power, these
  // seeds fork the chain under a split-brain Byzantine proposer.
  it('more-than-2/3 quorums keep these split-brain scenarios safe', () => {
    expectAllHold({ 60: '7/4/16556', 360: '5/2/4681', 717: '7/2/11949', 882: '6/2/21826' });
  });

  // Mutation seeds: with line 22's lock check removed, these seeds fork the chain through crashes
  // and partitions alone, without any Byzantine validator.
  it('locking keeps these crash-and-partition scenarios safe', () => {
    expectAllHold({ 579: '4//9373', 1358: '5//3378', 1875: '4//5819' });
  });
});
