// The "c2sp-checkpoint" kind through executeBlock: a log built in the test (an RFC 6962 tree of its
// entries), checkpoints signed with the log's note key and cosigned by its witnesses; consistency
// from the recorded checkpoint, the witnesses' quorum, the log's key, staleness, and the log's
// equivocation (one size, two roots), which freezes the client.
import { describe, expect, it } from 'vitest';
import { foreignStanding, readForeignChain, readFreeze, trustedHeaderAt } from '../../../src/state/crosschain/index.js';
import { fromUtf8, toHex } from '../../../src/types/index.js';
import {
  MainChain, c2spRegistration, checkpointNote, expectRefused, logLeaves, otherLogKey, platform, proofBetween, rootOf, validatorA,
} from './fixture.js';

const NAME = 'ct-log';
const leaves = logLeaves('log', 12);

async function registeredLog(quorum = 2): Promise<MainChain> {
  const chain = new MainChain();
  await chain.register(c2spRegistration(NAME, { quorum }));
  return chain;
}

const checkpointTx = (chain: MainChain, checkpoint: string, consistencyProof: Uint8Array[] = []) =>
  chain.tx(platform, { foreignCheckpointUpdate: { name: NAME, checkpoint, consistencyProof } }, chain.at + 1_000);

describe('a c2sp-checkpoint log', () => {
  it('records its first checkpoint without a proof, then a larger one proved consistent', async () => {
    const chain = await registeredLog();
    const registered = (await readForeignChain(chain.view, NAME))!;
    expect(registered).toMatchObject({ status: 'active', latestHeight: 0, latestTimeMs: chain.at });
    const first = checkpointNote(leaves.slice(0, 4));
    const t1 = chain.next();
    const result = await chain.commit([checkpointTx(chain, first)], t1);
    expect(result.included).toHaveLength(1);
    const second = checkpointNote(leaves.slice(0, 7));
    await chain.commit([checkpointTx(chain, second, proofBetween(leaves.slice(0, 7), 4))], chain.next());
    const record = (await readForeignChain(chain.view, NAME))!;
    expect(record).toMatchObject({ latestHeight: 7, latestTimeMs: chain.at, updates: 2 });
    expect(toHex(record.latestHash)).toBe(toHex(rootOf(leaves.slice(0, 7))));
    const recorded = (await trustedHeaderAt(chain.view, NAME, 0, 4))!;
    expect(recorded).toMatchObject({ height: 4, timeMs: t1, checkpoint: first });
    expect(toHex(recorded.hash)).toBe(toHex(rootOf(leaves.slice(0, 4))));
  });

  it('refuses a bad consistency proof, a missing quorum, another log key and a stale size, writing nothing', async () => {
    const chain = await registeredLog();
    await chain.commit([checkpointTx(chain, checkpointNote(leaves.slice(0, 4)))], chain.next());
    const seven = leaves.slice(0, 7);
    const otherHistory = logLeaves('rewritten', 7);
    await expectRefused(chain, checkpointTx(chain, checkpointNote(seven), proofBetween(otherHistory, 4)), 'FOREIGN_CHECKPOINT_INVALID', chain.next());
    await expectRefused(chain, checkpointTx(chain, checkpointNote(seven), []), 'FOREIGN_CHECKPOINT_INVALID', chain.next());
    // A log that rewrote its history cannot prove the recorded tree a prefix of its new one.
    await expectRefused(chain, checkpointTx(chain, checkpointNote(otherHistory), proofBetween(otherHistory, 4)), 'FOREIGN_CHECKPOINT_INVALID',
      chain.next());
    await expectRefused(chain, checkpointTx(chain, checkpointNote(seven, { witnesses: [2] }), proofBetween(seven, 4)),
      'FOREIGN_CHECKPOINT_INVALID', chain.next());
    await expectRefused(chain, checkpointTx(chain, checkpointNote(seven, { key: otherLogKey }), proofBetween(seven, 4)),
      'FOREIGN_CHECKPOINT_INVALID', chain.next());
    await expectRefused(chain, checkpointTx(chain, 'not a note'), 'FOREIGN_CHECKPOINT_INVALID', chain.next());
    await expectRefused(chain, checkpointTx(chain, checkpointNote(leaves.slice(0, 3))), 'FOREIGN_CHECKPOINT_STALE', chain.next());
    await expectRefused(chain, checkpointTx(chain, checkpointNote(leaves.slice(0, 4))), 'FOREIGN_CHECKPOINT_STALE', chain.next());
    // Two of the three witnesses is the quorum: any two will do.
    await chain.commit([checkpointTx(chain, checkpointNote(seven, { witnesses: [2, 0] }), proofBetween(seven, 4))], chain.next());
    expect((await readForeignChain(chain.view, NAME))?.latestHeight).toBe(7);
  });

  it('freezes on a validly signed checkpoint of the recorded size with another root, keeping both roots', async () => {
    const chain = await registeredLog();
    const honest = checkpointNote(leaves.slice(0, 5));
    await chain.commit([checkpointTx(chain, honest)], chain.next());
    const forked = logLeaves('fork', 5);
    const equivocation = checkpointTx(chain, checkpointNote(forked));
    await chain.commit([equivocation], chain.next());
    const record = (await readForeignChain(chain.view, NAME))!;
    expect(record).toMatchObject({ status: 'frozen', frozenHeight: chain.height, latestHeight: 5 });
    expect(foreignStanding(record, chain.at)).toBe('frozen');
    const freeze = (await readFreeze(chain.view, NAME, 0))!;
    expect(freeze).toMatchObject({ height: 5, mainHeight: chain.height });
    expect([toHex(freeze.firstHash), toHex(freeze.secondHash)]).toEqual([toHex(rootOf(leaves.slice(0, 5))), toHex(rootOf(forked))]);
    expect(fromUtf8(freeze.firstHeader)).toBe(honest);
    expect(toHex(freeze.txHash)).toBe(equivocation.id);
    const more = leaves.slice(0, 8);
    await expectRefused(chain, checkpointTx(chain, checkpointNote(more), proofBetween(more, 5)), 'FOREIGN_CHAIN_FROZEN', chain.next());
  });

  it('needs no cosignature when its quorum is 0, and refuses a header update as the wrong kind', async () => {
    const chain = await registeredLog(0);
    await chain.commit([checkpointTx(chain, checkpointNote(leaves.slice(0, 2), { witnesses: [] }))], chain.next());
    expect((await readForeignChain(chain.view, NAME))?.latestHeight).toBe(2);
    const headerUpdate = chain.tx(platform, { foreignHeaderUpdate: { name: NAME } }, chain.at + 1_000);
    await expectRefused(chain, headerUpdate, 'FOREIGN_CHAIN_KIND_MISMATCH', chain.next());
  });

  it('refuses registrations whose log anchor breaks a rule', async () => {
    const chain = new MainChain();
    const good = c2spRegistration('log-2');
    const anchor = good['c2sp'] as Record<string, unknown>;
    const cases: [Record<string, unknown>, string][] = [
      [{ ...good, chainId: 'another origin' }, 'chain_id'],
      [{ ...good, c2sp: { ...anchor, logKey: 'test-log+00000000+AAAA' } }, 'c2sp.log_key'],
      [{ ...good, c2sp: { ...anchor, witnessKeys: ['nope'] } }, 'c2sp.witness_keys[0]'],
      [{ ...good, c2sp: { ...anchor, witnessKeys: [(anchor['witnessKeys'] as string[])[0], (anchor['witnessKeys'] as string[])[0]] } }, 'repeats'],
      [{ ...good, c2sp: { ...anchor, witnessQuorum: 4 } }, 'c2sp.witness_quorum'],
      [{ ...good, c2sp: null }, 'c2sp'],
    ];
    for (const [registration, field] of cases) {
      const tx = chain.tx(validatorA, { foreignChainProposal: { registration } }, chain.at + 1_000);
      const proposed = await chain.propose([tx], chain.at + 1_000);
      expect(proposed.rejected.map((r) => [r.error.code, r.error.message.includes(field)]), field).toEqual([['FOREIGN_CHAIN_INVALID', true]]);
    }
  });
});
