// The "tianping" light client through the real executeBlock: registration by a proposal and a vote,
// updates followed through set changes, every refusal with its code and no write, misbehaviour that
// freezes the client (a fork of the past too), and a governance reset that brings it back.
import { beforeEach, describe, expect, it } from 'vitest';
import { encodeVerifierKey } from '../../../src/checkpoint/index.js';
import { pb } from '../../../src/codec/proto.js';
import { checkTxStateful } from '../../../src/state/tx-rules.js';
import {
  foreignChainSubject, foreignStanding, newestTrustedBelow, newestTrustedHeaders, readForeignChain, readFreeze, trustedHeaderAt,
  trustedHeaders, trustedHeadersAbove,
} from '../../../src/state/crosschain/index.js';
import { NodeVerifier } from '../../../src/crypto/verify-node.js';
import { openProposalKey } from '../../../src/state/keys.js';
import type { ScannableState } from '../../../src/state/view.js';
import { toHex } from '../../../src/types/index.js';
import {
  MainChain, expectRefused, outsider, platform, sideBlock, sideKeys, sideTime, tianpingRegistration, update, validatorA, validatorB,
} from './fixture.js';

const NAME = 'side-1';
const S1 = sideKeys('set one', 3);
const S2 = sideKeys('set two', 4);

/** A MapStateView's entries as a ScannableState, for the API's reads. */
function scannable(chain: MainChain): ScannableState {
  const entries = chain.view.entries;
  return {
    get: (key) => Promise.resolve(entries.get(key)),
    async *entries(prefix, options = {}) {
      const keys = [...entries.keys()].filter((k) => k.startsWith(prefix)).sort();
      if (options.reverse === true) keys.reverse();
      for (const key of keys.slice(0, options.limit ?? keys.length)) yield [key, entries.get(key)!];
    },
  };
}

async function registered(): Promise<MainChain> {
  const chain = new MainChain();
  await chain.register(tianpingRegistration(NAME, S1));
  return chain;
}

const relay = (chain: MainChain, fields: Record<string, unknown>) => chain.tx(platform, { foreignHeaderUpdate: fields }, chain.at + 1_000);
const misbehaviour = (chain: MainChain, first: Record<string, unknown>, second: Record<string, unknown>) =>
  chain.tx(platform, { foreignMisbehaviour: { name: NAME, first, second } }, chain.at + 1_000);

describe('registration of a tianping chain', () => {
  it('takes effect in the block whose vote passes the proposal, with its genesis as the first trusted header', async () => {
    const chain = new MainChain();
    const open = chain.tx(validatorA, { foreignChainProposal: { registration: tianpingRegistration(NAME, S1) } }, chain.at + 1_000);
    await chain.commit([open], chain.next());
    expect(await readForeignChain(chain.view, NAME)).toBeUndefined();
    expect(toHex(chain.view.entries.get(openProposalKey(foreignChainSubject(NAME)))!)).toBe(open.id);
    await chain.commit([chain.tx(validatorB, { governanceVote: { proposalId: open.hash, approve: true } }, chain.at + 1_000)], chain.next());
    const record = (await readForeignChain(chain.view, NAME))!;
    expect(record).toMatchObject({ status: 'active', epoch: 0, latestHeight: 0, latestTimeMs: sideTime(0), registeredHeight: 2 });
    expect(record.registration?.chainId).toBe('side-chain-1');
    const genesis = (await trustedHeaderAt(chain.view, NAME, 0, 0))!;
    expect(genesis.hash.length).toBe(0);
    expect(genesis.nextValidators?.validators.map((v) => toHex(v.publicKey))).toEqual(S1.map((v) => toHex(v.publicKey)));
    expect(foreignStanding(record, chain.at)).toBe('active');
  });
});

describe('a tianping header update', () => {
  let chain: MainChain;
  beforeEach(async () => {
    chain = await registered();
  });

  it('is accepted when more than 2/3 of the trusted set signs, and moves the record to it', async () => {
    const block = sideBlock(3, S1);
    const result = await chain.commit([relay(chain, update(NAME, block))], chain.next());
    expect(result.included).toHaveLength(1);
    const record = (await readForeignChain(chain.view, NAME))!;
    expect(record).toMatchObject({ latestHeight: 3, latestTimeMs: sideTime(3), updates: 1 });
    expect(toHex(record.latestHash)).toBe(toHex(block.hash));
    const trusted = (await trustedHeaderAt(chain.view, NAME, 0, 3))!;
    expect(trusted).toMatchObject({ height: 3, timeMs: sideTime(3), mainHeight: chain.height });
    expect(toHex(trusted.txHash)).toBe(result.included[0]!.id);
    const state = scannable(chain);
    const heights = [];
    for await (const h of trustedHeaders(state, NAME, 0)) heights.push(h.height);
    expect(heights).toEqual([0, 3]);
    expect((await newestTrustedBelow(chain.view, NAME, 0, 2 + 1))?.height).toBe(0);
    expect((await trustedHeadersAbove(chain.view, NAME, 0, 0, 1)).map((h) => h.height)).toEqual([3]);
    expect(await trustedHeadersAbove(chain.view, NAME, 0, 3, 1)).toEqual([]);
    expect((await newestTrustedHeaders(state, NAME, 0, 1)).map((h) => h.height)).toEqual([3]);
  });

  it('follows a set change: the change\'s header, signed by the trusted set, hands over to the next', async () => {
    const change = sideBlock(5, S1, S2);
    const target = sideBlock(8, S2);
    await chain.commit([relay(chain, update(NAME, target, [change]))], chain.next());
    const trusted = (await trustedHeaderAt(chain.view, NAME, 0, 8))!;
    expect(trusted.nextValidators?.validators).toHaveLength(4);
    // The next update is checked against S2, the set the trusted header names.
    await chain.commit([relay(chain, update(NAME, sideBlock(9, S2)))], chain.next());
    expect((await readForeignChain(chain.view, NAME))?.latestHeight).toBe(9);
  });

  it('refuses a header whose set change is skipped', async () => {
    await expectRefused(chain, relay(chain, update(NAME, sideBlock(8, S2))), 'FOREIGN_HEADER_INVALID', chain.next());
  });

  it('refuses a commit of 2/3 of the power or less', async () => {
    await expectRefused(chain, relay(chain, update(NAME, sideBlock(3, S1), [], S1.slice(0, 2))), 'FOREIGN_HEADER_INVALID', chain.next());
  });

  it('refuses a header of another chain id', async () => {
    await expectRefused(chain, relay(chain, update(NAME, sideBlock(3, S1, S1, { chainId: 'other-chain' }))), 'FOREIGN_HEADER_INVALID', chain.next());
  });

  it('refuses a header from the future and one not after its base', async () => {
    const at = chain.next();
    await expectRefused(chain, relay(chain, update(NAME, sideBlock(3, S1, S1, { timeMs: at + 11 * 60_000 }))), 'FOREIGN_HEADER_INVALID', at);
    await expectRefused(chain, relay(chain, update(NAME, sideBlock(3, S1, S1, { timeMs: sideTime(0) }))), 'FOREIGN_HEADER_INVALID', at);
  });

  it('refuses a header not above the newest trusted one as stale', async () => {
    await chain.commit([relay(chain, update(NAME, sideBlock(4, S1)))], chain.next());
    await expectRefused(chain, relay(chain, update(NAME, sideBlock(4, S1))), 'FOREIGN_HEADER_STALE', chain.next());
    await expectRefused(chain, relay(chain, update(NAME, sideBlock(2, S1))), 'FOREIGN_HEADER_STALE', chain.next());
  });

  it('refuses any update once the newest trusted header is older than the trusting period', async () => {
    const record = (await readForeignChain(chain.view, NAME))!;
    const late = record.latestTimeMs + 3_600_000;
    expect(foreignStanding(record, late - 1)).toBe('active');
    expect(foreignStanding(record, late)).toBe('expired');
    chain.at = late - 1_000;
    await expectRefused(chain, relay(chain, update(NAME, sideBlock(3, S1))), 'FOREIGN_CHAIN_EXPIRED', chain.next());
  });

  it('refuses an unknown chain, a relayer that is no member, and an unsigned header', async () => {
    await expectRefused(chain, relay(chain, update('no-such-chain', sideBlock(3, S1))), 'FOREIGN_CHAIN_UNKNOWN', chain.next());
    const foreignRelayer = chain.tx(outsider, { foreignHeaderUpdate: update(NAME, sideBlock(3, S1)) }, chain.at + 1_000);
    await expectRefused(chain, foreignRelayer, 'SIGNER_NOT_MEMBER', chain.next());
    const forged = update(NAME, sideBlock(3, S1));
    const other = sideBlock(3, S1, S1, { appHash: new Uint8Array(32).fill(7) });
    await expectRefused(chain, relay(chain, { ...forged, commit: update(NAME, other).commit }), 'FOREIGN_HEADER_INVALID', chain.next());
  });

  it('refuses a checkpoint update of a tianping chain as the wrong kind', async () => {
    const tx = chain.tx(platform, { foreignCheckpointUpdate: { name: NAME, checkpoint: 'x\n\n' } }, chain.at + 1_000);
    await expectRefused(chain, tx, 'FOREIGN_CHAIN_KIND_MISMATCH', chain.next());
  });

  it('runs the same checks at mempool admission (no height), writing nothing', async () => {
    const ctx = { chainId: chain.genesis.chainId, timeMs: chain.at, params: chain.genesis.params, verifier: new NodeVerifier() };
    await chain.commit([relay(chain, update(NAME, sideBlock(4, S1)))], chain.next());
    const stale = relay(chain, update(NAME, sideBlock(3, S1)));
    await expect(checkTxStateful(stale, chain.view, ctx)).rejects.toMatchObject({ code: 'FOREIGN_HEADER_STALE' });
    const good = await checkTxStateful(relay(chain, update(NAME, sideBlock(6, S1))), chain.view, ctx);
    expect(good.kind).toBe('crosschain');
  });
});

describe('misbehaviour', () => {
  it('freezes the client on two validly signed headers of one height, keeps the pair, then refuses updates', async () => {
    const chain = await registered();
    await chain.commit([relay(chain, update(NAME, sideBlock(3, S1)))], chain.next());
    await chain.commit([relay(chain, update(NAME, sideBlock(8, S1)))], chain.next());
    // A fork of the past: height 5 lies between the trusted 3 and 8; both halves verify from 3.
    const honest = sideBlock(5, S1);
    const fork = sideBlock(5, S1, S1, { appHash: new Uint8Array(32).fill(9) });
    const same = misbehaviour(chain, update(NAME, honest), update(NAME, honest));
    await expectRefused(chain, same, 'FOREIGN_MISBEHAVIOUR_INVALID', chain.next());
    const weak = misbehaviour(chain, update(NAME, honest), update(NAME, fork, [], S1.slice(0, 1)));
    await expectRefused(chain, weak, 'FOREIGN_MISBEHAVIOUR_INVALID', chain.next());
    const proof = misbehaviour(chain, update(NAME, honest), update(NAME, fork));
    await chain.commit([proof], chain.next());
    const record = (await readForeignChain(chain.view, NAME))!;
    expect(record).toMatchObject({ status: 'frozen', frozenHeight: chain.height });
    expect(toHex(record.freezeTx)).toBe(proof.id);
    expect(foreignStanding(record, chain.at)).toBe('frozen');
    const freeze = (await readFreeze(chain.view, NAME, 0))!;
    expect(freeze.height).toBe(5);
    expect([toHex(freeze.firstHash), toHex(freeze.secondHash)]).toEqual([toHex(honest.hash), toHex(fork.hash)]);
    expect(toHex(freeze.secondHeader)).toBe(toHex(fork.header));
    await expectRefused(chain, relay(chain, update(NAME, sideBlock(9, S1))), 'FOREIGN_CHAIN_FROZEN', chain.next());
    await expectRefused(chain, misbehaviour(chain, update(NAME, honest), update(NAME, fork)), 'FOREIGN_CHAIN_FROZEN', chain.next());
  });

  it('is cleared only by a governance reset, which starts a new epoch from a new trust anchor', async () => {
    const chain = await registered();
    const fork = sideBlock(4, S1, S1, { appHash: new Uint8Array(32).fill(1) });
    await chain.commit([misbehaviour(chain, update(NAME, sideBlock(4, S1)), update(NAME, fork))], chain.next());
    expect((await readForeignChain(chain.view, NAME))?.status).toBe('frozen');
    const anchor = sideBlock(10, S2);
    await chain.register(tianpingRegistration(NAME, S2, { anchor }), true);
    const record = (await readForeignChain(chain.view, NAME))!;
    expect(record).toMatchObject({ status: 'active', epoch: 1, latestHeight: 10, frozenHeight: 0 });
    expect((await trustedHeaderAt(chain.view, NAME, 1, 10))?.height).toBe(10);
    // The old epoch's evidence and headers stay for audit.
    expect(await readFreeze(chain.view, NAME, 0)).toBeDefined();
    expect(await trustedHeaderAt(chain.view, NAME, 0, 0)).toBeDefined();
    await chain.commit([relay(chain, update(NAME, sideBlock(11, S2)))], chain.next());
    expect((await readForeignChain(chain.view, NAME))?.latestHeight).toBe(11);
  });
});

describe('registration refusals', () => {
  it('refuses bad fields naming the field, a taken name, an opener who is no validator, and resets of the unknown or another kind', async () => {
    const chain = await registered();
    const propose = (registration: Record<string, unknown>, reset = false, signer = validatorA) =>
      chain.tx(signer, { foreignChainProposal: { registration, reset } }, chain.at + 1_000);
    const good = tianpingRegistration('side-2', S1);
    const cases: [Record<string, unknown>, string][] = [
      [{ ...good, name: '-bad' }, 'name'],
      [{ ...good, trustingPeriodMs: 59_999 }, 'trusting_period_ms'],
      [{ ...good, kind: 0 }, 'kind'],
      [{ ...good, chainId: chain.genesis.chainId }, 'chain_id'],
      [{ ...good, description: 'x'.repeat(513) }, 'description'],
      [{ ...good, tianping: { genesisTimeMs: 1, nextValidators: { validators: [...setOf(S1)].reverse() } } }, 'tianping.next_validators'],
      [{ ...good, tianping: { genesisTimeMs: 1, nextValidators: { validators: [] } } }, 'tianping.next_validators'],
      [{ ...good, tianping: { header: sideBlock(3, S1).header, nextValidators: { validators: setOf(S2) } } }, 'next_validators_hash'],
      [{ ...good, tianping: { header: sideBlock(3, S1, S1, { chainId: 'x' }).header, nextValidators: { validators: setOf(S1) } } }, 'tianping.header'],
    ];
    for (const [registration, field] of cases) {
      const proposed = await chain.propose([propose(registration)], chain.at + 1_000);
      expect(proposed.rejected.map((r) => [r.error.code, r.error.message.includes(field)])).toEqual([['FOREIGN_CHAIN_INVALID', true]]);
    }
    await expectRefused(chain, propose(tianpingRegistration(NAME, S1)), 'FOREIGN_CHAIN_EXISTS', chain.next());
    await expectRefused(chain, propose(good, false, platform), 'GOV_NOT_VALIDATOR', chain.next());
    await expectRefused(chain, propose(good, true), 'FOREIGN_CHAIN_UNKNOWN', chain.next());
    const asLog = { ...good, name: NAME, kind: pb.ForeignChainKind.FOREIGN_CHAIN_KIND_C2SP_CHECKPOINT, chainId: 'o', tianping: null,
      c2sp: { origin: 'o', logKey: 'bad' } };
    await expectRefused(chain, propose({ ...asLog, c2sp: { origin: 'o', logKey: c2spKey() } }, true), 'FOREIGN_CHAIN_KIND_MISMATCH', chain.next());
  });
});

const c2spKey = () => encodeVerifierKey('some-log', S1[0]!.publicKey);
const setOf = (set: typeof S1) => set.map((v) => ({ publicKey: v.publicKey, power: v.power }));
