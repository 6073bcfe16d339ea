// A block's case events as state keeps them (bev/<height>), for the case feed and event receipts.
import { LedgerError, type Ledger } from '../ledger/index.js';
import { decodeBlockEvents } from '../state/cases/index.js';
import { blockEventsKey } from '../state/index.js';

/** The block's events in order ([] for a block without any); LEDGER_CORRUPT when they do not decode. */
export async function storedBlockEvents(ledger: Ledger, height: number): Promise<Uint8Array[]> {
  const bytes = await ledger.state.get(blockEventsKey(height));
  if (bytes === undefined) return [];
  try {
    return decodeBlockEvents(bytes);
  } catch {
    throw new LedgerError('LEDGER_CORRUPT', `ledger corrupt: the events of block ${height} in state do not decode`);
  }
}
