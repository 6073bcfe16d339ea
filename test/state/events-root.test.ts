// executeBlock commits to a block's case events: the events root is the RFC 6962 root over their
// leaf hashes, the block's events are written in order under its one bev/ key (so the app hash
// covers them), and a block
// without events has neither a root nor a bev/ write.
import { describe, expect, it } from 'vitest';
import { leafHash, rootFromLeafHashes } from '../../src/merkle/index.js';
import { blockEventsKey } from '../../src/state/index.js';
import { decodeBlockEvents } from '../../src/state/cases/index.js';
import { toHex } from '../../src/types/index.js';
import { CaseChain, DOCUMENT, GENESIS_TIME_MS, terms } from './cases/fixture.js';

const T0 = GENESIS_TIME_MS + 60_000;

describe('the events root of executeBlock', () => {
  it('is the root over the block\'s events, stored in order under bev/<height>; absent without events', async () => {
    const chain = new CaseChain();
    const anchored = await chain.commit([chain.anchorTx(DOCUMENT, T0)], T0);
    expect(anchored.events).toEqual([]);
    expect(anchored.eventsRoot).toHaveLength(0);
    expect(anchored.writes.filter(([key]) => key.startsWith('bev/'))).toEqual([]);

    const created = await chain.commit([chain.createTx(terms([{ amountFen: 500, dueAtMs: T0 + 10_000 }]), T0 + 1_000)], T0 + 1_000);
    expect(created.events.length).toBeGreaterThan(0);
    expect(toHex(created.eventsRoot)).toBe(toHex(rootFromLeafHashes(created.events.map((e) => leafHash(e)))));
    const stored = created.writes.filter(([key]) => key.startsWith('bev/'));
    expect(stored.map(([key]) => key)).toEqual([blockEventsKey(2)]);
    expect(decodeBlockEvents(stored[0]![1]).map(toHex)).toEqual(created.events.map(toHex));
  });
});
