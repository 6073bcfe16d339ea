// The block overlay: a block's own writes are visible to its later txs, also through the values
// it decodes once per block (signer records, categories).
import { describe, expect, it } from 'vitest';
import { encodeMember, memberKey, categoryKey, MapStateView, Overlay, overlayMemberReader, type MemberRecord } from '../../src/state/index.js';
import { toHex, utf8 } from '../../src/types/index.js';
import { makeTestChain } from '../helpers/chain.js';

const chain = makeTestChain();
const key = chain.submitter.publicKey;
const record = (status: MemberRecord['status']): Uint8Array => encodeMember({ name: 'p', organisation: 'P', role: 'submitter',
  publicKey: toHex(key), categories: [], status, sinceHeight: 0, power: 0 });

describe('Overlay.decoded', () => {
  it('decodes a value once, and again after the overlay writes its key', async () => {
    const base = new MapStateView(new Map([['k', utf8('1')]]));
    const overlay = new Overlay(base);
    let decodes = 0;
    const decode = (bytes: Uint8Array): string => { decodes++; return new TextDecoder().decode(bytes); };
    expect(await overlay.decoded('k', decode)).toBe('1');
    expect(await overlay.decoded('k', decode)).toBe('1');
    expect(decodes).toBe(1);
    overlay.set('k', utf8('2'));
    expect(await overlay.decoded('k', decode)).toBe('2');
    expect(decodes).toBe(2);
    // Absence is remembered too, until a write.
    expect(await overlay.decoded('absent', decode)).toBeUndefined();
    base.entries.set('absent', utf8('late')); // the base does not change under a block; shows the memo answers
    expect(await overlay.decoded('absent', decode)).toBeUndefined();
    overlay.set('absent', utf8('3'));
    expect(await overlay.decoded('absent', decode)).toBe('3');
  });

  it('lets the member reader of a block see the block\'s own membership and category changes', async () => {
    const overlay = new Overlay(new MapStateView(new Map([[memberKey(key), record('active')], [categoryKey('copyright'), utf8('1')]])));
    const reader = overlayMemberReader(overlay);
    expect((await reader.member(key))?.status).toBe('active');
    expect(await reader.hasCategory('copyright')).toBe(true);
    expect(await reader.hasCategory('finance')).toBe(false);
    overlay.set(memberKey(key), record('suspended'));
    overlay.set(categoryKey('finance'), utf8('1'));
    expect((await reader.member(key))?.status).toBe('suspended');
    expect(await reader.hasCategory('finance')).toBe(true);
    expect(await reader.member(chain.outsider.publicKey)).toBeUndefined();
  });
});
