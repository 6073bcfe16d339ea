// Finding trusted headers during block execution. The state there scans forward only (OrderedState:
// keys after a given key, in order), so the newest trusted header below a height is found by a
// binary search over "the first trusted header above a": at most 54 scans of one key each, however
// many headers the epoch holds, where a walk over them all would grow with every update.
import type { ForeignTrustedHeaderMsg } from '../../codec/proto.js';
import type { OrderedState } from '../view.js';
import { heightOfTrustedHeaderKey, trustedHeaderKey, trustedHeaderPrefix } from './keys.js';
import { decodeTrustedHeader } from './messages.js';

/** The first trusted header strictly above height `after` (-1: the lowest), with its height. */
async function firstAbove(view: OrderedState, name: string, epoch: number, after: number):
  Promise<{ height: number; value: Uint8Array } | undefined> {
  const prefix = trustedHeaderPrefix(name, epoch);
  const [entry] = await view.scan(prefix, { after: after < 0 ? undefined : trustedHeaderKey(name, epoch, after), limit: 1 });
  return entry === undefined ? undefined : { height: heightOfTrustedHeaderKey(entry[0]), value: entry[1] };
}

/** The newest trusted header of the epoch strictly below `height`. */
export async function newestTrustedBelow(view: OrderedState, name: string, epoch: number, height: number):
  Promise<ForeignTrustedHeaderMsg | undefined> {
  const below = async (after: number): Promise<boolean> => {
    const found = await firstAbove(view, name, epoch, after);
    return found !== undefined && found.height < height;
  };
  if (height <= 0 || !(await below(-1))) return undefined;
  // Invariant: below(low) holds, below(high) does not; the answer is the first header above `low`
  // once they meet.
  let low = -1;
  let high = height - 1;
  while (high - low > 1) {
    const middle = low + Math.floor((high - low) / 2);
    if (await below(middle)) low = middle;
    else high = middle;
  }
  const found = await firstAbove(view, name, epoch, low);
  return found === undefined ? undefined : decodeTrustedHeader(found.value);
}
