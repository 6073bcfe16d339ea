// Finding trusted headers by height with ordered scans of a bounded size, during block execution and
// for the read model alike. The state scans forward only (OrderedState: keys after a given key, in
// order), so the newest trusted header below a height is found by a binary search over "the first
// trusted header above a": at most 54 scans of one key each, however many headers the epoch holds,
// where a walk over them all would grow with every update. The headers above a height are a scan
// from that height's key on. Keys carry the height in fixed width, so key order is height order.
import type { ForeignTrustedHeaderMsg } from '../../codec/proto.js';
import type { OrderedState } from '../view.js';
import { heightOfTrustedHeaderKey, trustedHeaderKey, trustedHeaderPrefix } from './keys.js';
import { decodeTrustedHeader } from './messages.js';

/** Up to `limit` trusted headers' entries strictly above height `after` (-1: from the lowest), by ascending height. */
function entriesAbove(view: OrderedState, name: string, epoch: number, after: number, limit: number): Promise<[string, Uint8Array][]> {
  const prefix = trustedHeaderPrefix(name, epoch);
  return view.scan(prefix, { after: after < 0 ? undefined : trustedHeaderKey(name, epoch, after), limit });
}

/** The first trusted header strictly above height `after` (-1: the lowest), with its height. */
async function firstAbove(view: OrderedState, name: string, epoch: number, after: number):
  Promise<{ height: number; value: Uint8Array } | undefined> {
  const [entry] = await entriesAbove(view, name, epoch, after, 1);
  return entry === undefined ? undefined : { height: heightOfTrustedHeaderKey(entry[0]), value: entry[1] };
}

/**
 * Up to `limit` trusted headers of the epoch strictly above `height` (-1: from the lowest), by
 * ascending height: one scan. A caller walking upward passes the last height it got.
 */
export async function trustedHeadersAbove(view: OrderedState, name: string, epoch: number, height: number, limit: number):
  Promise<ForeignTrustedHeaderMsg[]> {
  return (await entriesAbove(view, name, epoch, height, limit)).map(([, value]) => decodeTrustedHeader(value));
}

/** The newest trusted header of the epoch strictly below `height` (at or below h: below h + 1). */
export async function newestTrustedBelow(view: OrderedState, name: string, epoch: number, height: number):
  Promise<ForeignTrustedHeaderMsg | undefined> {
  if (height <= 0) return undefined;
  let found = await firstAbove(view, name, epoch, -1);
  if (found === undefined || found.height >= height) return undefined;
  // Invariant: `found` is the first header above `low` and lies below `height`; the first header
  // above `high` does not. The answer is `found` once they meet.
  let low = found.height - 1;
  let high = height - 1;
  while (high - low > 1) {
    const middle = low + Math.floor((high - low) / 2);
    const next = await firstAbove(view, name, epoch, middle);
    if (next === undefined || next.height >= height) {
      high = middle;
    } else {
      found = next;
      low = next.height - 1;
    }
  }
  return decodeTrustedHeader(found.value);
}
