// The mempool keeps decoded member records between commits. A membership change must still take
// effect for admission exactly when its block commits: not when the governance tx is admitted,
// and not one block later.
import { describe, expect, it } from 'vitest';
import { memberChangeTx } from '../../src/client/governance.js';
import { NodeVerifier } from '../../src/crypto/index.js';
import { Ledger, MemStorage } from '../../src/ledger/index.js';
import { MemberCache, Mempool } from '../../src/mempool/index.js';
import { buildAndCommit, type BuilderComponents } from '../helpers/block-builder.js';
import { categoryKey, encodeMember, memberKey, MapStateView, readMember, type MemberRecord } from '../../src/state/index.js';
import { asTimeMs, isTianpingError, toHex, type Clock, type ErrorCode } from '../../src/types/index.js';
import { GENESIS_TIME_MS, anchorTxBytes, digestOf, makeTestChain } from '../helpers/chain.js';

const NOW_MS = GENESIS_TIME_MS + 1_000;
const clock: Clock = { nowMs: () => asTimeMs(NOW_MS) };
const verifier = new NodeVerifier();

async function codeOf(admission: Promise<unknown>): Promise<ErrorCode | 'admitted'> {
  try {
    await admission;
    return 'admitted';
  } catch (error) {
    if (isTianpingError(error)) return error.code;
    throw error;
  }
}

describe('member records cached by the mempool', () => {
  it('a suspension takes effect for admission at the commit of its block, not before', async () => {
    const chain = makeTestChain();
    const ledger = await Ledger.open(new MemStorage(), chain.genesis, chain.genesisHash);
    const mempool = new Mempool({ chainId: chain.genesis.chainId, params: chain.genesis.params, verifier, clock,
      state: ledger.state, committedHeight: () => ledger.tip.height }, { txsMax: 100, bytesMax: 1 << 20 });
    const builder: BuilderComponents = { genesis: chain.genesis, ledger, mempool, verifier, key: chain.validator, validatorIndex: 0 };
    const anchor = (label: string): Promise<unknown> => mempool.add(anchorTxBytes(chain, digestOf(label)));

    expect(await codeOf(anchor('before'))).toBe('admitted');
    // The only validator opens the suspension: its approval alone passes it, in the block that carries it.
    const suspend = memberChangeTx({ chainId: chain.genesis.chainId, keyPair: chain.validator, kind: 'suspend',
      member: chain.submitter.publicKey, nowMs: NOW_MS });
    await mempool.add(suspend.bytes);
    expect(await codeOf(anchor('pending suspension'))).toBe('admitted');

    const block = await buildAndCommit(builder, 1, NOW_MS);
    expect(block.included.map((tx) => toHex(tx.hash))).toContain(toHex(suspend.hash));
    expect((await readMember(ledger.state, toHex(chain.submitter.publicKey)))?.status).toBe('suspended');
    expect(await codeOf(anchor('after the commit'))).toBe('SIGNER_NOT_MEMBER');
  });

  it('reads a record once per height, and again after the height moves', async () => {
    const chain = makeTestChain();
    const key = chain.submitter.publicKey;
    const record = (status: MemberRecord['status']): Uint8Array => encodeMember({ name: 'p', organisation: 'P', role: 'submitter',
      publicKey: toHex(key), categories: [], status, sinceHeight: 0, power: 0 });
    const entries = new Map([[memberKey(key), record('active')]]);
    let reads = 0;
    const view = new MapStateView(entries);
    const counting = { get: (k: string) => { reads++; return view.get(k); } };
    let height = 5;
    const cache = new MemberCache(counting, () => height);

    expect((await cache.member(key))?.status).toBe('active');
    expect((await cache.member(key))?.status).toBe('active');
    expect(reads).toBe(1);
    // A write without a new height is not something committed state does; it shows the cache answers.
    entries.set(memberKey(key), record('suspended'));
    expect((await cache.member(key))?.status).toBe('active');
    height = 6;
    expect((await cache.member(key))?.status).toBe('suspended');
    expect(reads).toBe(2);
    // Non-members are remembered too, and the records read match readMember's.
    expect(await cache.member(chain.outsider.publicKey)).toBeUndefined();
    expect(await cache.member(chain.outsider.publicKey)).toBeUndefined();
    expect(reads).toBe(3);
    expect(await cache.member(key)).toEqual(await readMember(view, key));
  });

  it('does not keep a record read while a block committed', async () => {
    const chain = makeTestChain();
    let height = 1;
    const view = new MapStateView();
    // The read itself sees the height move (a commit landed meanwhile).
    const racing = { get: async (k: string) => { height++; return view.get(k); } };
    const cache = new MemberCache(racing, () => height);
    await cache.member(chain.submitter.publicKey);
    expect(cache.size).toBe(0);
  });

  it('knows the chain\'s categories, read once per height', async () => {
    const entries = new Map([[categoryKey('copyright'), Uint8Array.from([0x31])]]);
    let reads = 0;
    const view = new MapStateView(entries);
    const counting = { get: (k: string) => { reads++; return view.get(k); } };
    let height = 3;
    const cache = new MemberCache(counting, () => height);
    expect(await cache.hasCategory('copyright')).toBe(true);
    expect(await cache.hasCategory('copyright')).toBe(true);
    expect(await cache.hasCategory('finance')).toBe(false);
    expect(await cache.hasCategory('finance')).toBe(false);
    expect(reads).toBe(2);
    entries.set(categoryKey('finance'), Uint8Array.from([0x31]));
    height = 4;
    expect(await cache.hasCategory('finance')).toBe(true);
    expect(reads).toBe(3);
  });

  it('holds at most its bound, dropping the oldest', async () => {
    const chain = makeTestChain();
    const cache = new MemberCache(new MapStateView(), () => 1, 2);
    const keys = [chain.submitter, chain.validator, chain.outsider].map((k) => k.publicKey);
    for (const key of keys) await cache.member(key);
    expect(cache.size).toBe(2);
  });
});
