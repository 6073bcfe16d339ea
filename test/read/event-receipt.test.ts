// The node's event receipts: built from the ledger (the block's header and commit, its events from
// state), verified offline with the genesis alone; unknown heights and indexes are EVENT_NOT_FOUND,
// and events in state that do not rebuild the header's root are LEDGER_CORRUPT, never a receipt.
import { describe, expect, it } from 'vitest';
import { decodeEventReceipt, eventReceiptFromJson, type EventReceipt } from '../../src/client/event-receipt.js';
import { verifyEventReceipt } from '../../src/client/event-receipt-verify.js';
import { blockEventsKey } from '../../src/state/index.js';
import { decodeBlockEvents, encodeBlockEvents } from '../../src/state/cases/index.js';
import type { MemStorage } from '../../src/ledger/index.js';
import { toHex, utf8 } from '../../src/types/index.js';
import { makeTestChain } from '../helpers/chain.js';
import { EVENTS, ledgerWithEvents } from '../helpers/event-block.js';

/** The ledger stores state under this prefix (src/ledger/ledger.ts). */
const STATE_PREFIX = 's/';

/** Block 2's events as state holds them, changed by `change`, written back. */
async function rewriteEvents(storage: MemStorage, change: (events: Uint8Array[]) => Uint8Array[]): Promise<void> {
  const key = STATE_PREFIX + blockEventsKey(2);
  const events = decodeBlockEvents((await storage.get(key))!).map((event) => Uint8Array.from(event));
  await storage.batch([{ type: 'put', key, value: encodeBlockEvents(change(events)) }], { sync: true });
}

describe('ReadModel.eventReceipt', () => {
  it('proves each event of a block offline from the genesis, in both encodings', async () => {
    const { read } = await ledgerWithEvents();
    const chain = makeTestChain();
    for (let index = 0; index < EVENTS.length; index++) {
      const forms = await read.eventReceipt(2, index);
      const fromBytes: EventReceipt = decodeEventReceipt(forms.bytes);
      expect(fromBytes).toMatchObject({ kind: 'event', version: 1, eventIndex: index, eventCount: EVENTS.length });
      expect(Uint8Array.from(fromBytes.event)).toEqual(EVENTS[index]);
      for (const receipt of [fromBytes, eventReceiptFromJson(JSON.parse(JSON.stringify(forms.json)))]) {
        const result = verifyEventReceipt(receipt, chain.genesis);
        expect(result.valid ? 'valid' : result.reason).toBe('valid');
        if (result.valid) expect(result.receipt).toMatchObject({ height: 2, eventIndex: index, signedPower: 10 });
      }
    }
  });

  it('shows the events root and count in the block view of a block with events, and nothing in the others', async () => {
    const { read, ledger } = await ledgerWithEvents();
    const header = (await ledger.header(2))!.header;
    expect(await read.block(2)).toMatchObject({ eventsRoot: toHex(header.eventsRoot), eventCount: EVENTS.length });
    for (const height of [1, 3]) {
      const view = await read.block(height);
      expect(view !== undefined && ('eventsRoot' in view || 'eventCount' in view)).toBe(false);
    }
  });

  it('answers EVENT_NOT_FOUND for a block without events, an index beyond the count and a height not committed', async () => {
    const { read } = await ledgerWithEvents();
    for (const [height, index] of [[1, 0], [3, 0], [2, EVENTS.length], [4, 0], [0, 0]] as const) {
      await expect(read.eventReceipt(height, index)).rejects.toMatchObject({ code: 'EVENT_NOT_FOUND' });
    }
  });

  it('refuses events in state that do not rebuild the header\'s events root: LEDGER_CORRUPT', async () => {
    // A chain of its own: its blocks' trees are in no cache yet, so the tree is rebuilt from state.
    const { storage, read } = await ledgerWithEvents('tianping-corrupt-events');
    await rewriteEvents(storage, (events) => events.map((event, i) => (i === 3 ? utf8('not what the block said') : event)));
    await expect(read.eventReceipt(2, 0)).rejects.toMatchObject({ name: 'LedgerError', code: 'LEDGER_CORRUPT' });
  });

  it('refuses an event changed after its block\'s tree was built and kept: LEDGER_CORRUPT', async () => {
    const { storage, read } = await ledgerWithEvents('tianping-corrupt-later');
    await read.eventReceipt(2, 0);
    await rewriteEvents(storage, (events) => events.map((event, i) => (i === 3 ? utf8('not what the block said') : event)));
    await expect(read.eventReceipt(2, 3)).rejects.toMatchObject({ code: 'LEDGER_CORRUPT' });
    expect((await read.eventReceipt(2, 4)).json.eventIndex).toBe(4);
  });

  it('refuses an event the header counts but state lacks: LEDGER_CORRUPT', async () => {
    const { storage, read } = await ledgerWithEvents('tianping-missing-event');
    await rewriteEvents(storage, (events) => events.slice(0, 6));
    await expect(read.eventReceipt(2, 5)).rejects.toMatchObject({ code: 'LEDGER_CORRUPT' });
  });

  it('refuses a block\'s events in state that are not BlockEvents, or missing: LEDGER_CORRUPT', async () => {
    const { storage, read } = await ledgerWithEvents('tianping-garbled-events');
    await storage.batch([{ type: 'put', key: STATE_PREFIX + blockEventsKey(2), value: Uint8Array.of(0x10, 0x01, 0x0a) }], { sync: true });
    await expect(read.eventReceipt(2, 0)).rejects.toMatchObject({ code: 'LEDGER_CORRUPT' });
    await storage.batch([{ type: 'del', key: STATE_PREFIX + blockEventsKey(2) }], { sync: true });
    await expect(read.eventReceipt(2, 0)).rejects.toMatchObject({ code: 'LEDGER_CORRUPT' });
  });
});
