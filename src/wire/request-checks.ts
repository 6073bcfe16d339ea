// Checks on the requests peers send to "catchup", "push" and "blocks", before any work is done for
// them. What fails here is the requesting peer's fault (PeerFaultError): the p2p layer refuses it
// and penalises the peer as for an invalid gossip message, so a member's node sending junk is banned.
import { pb, decodeCanonical } from '../codec/index.js';
import { PeerFaultError } from '../p2p/index.js';
import { isTianpingError } from '../types/index.js';

/**
 * Runs a decoder over a peer's bytes: a TianpingError from it (the bytes do not decode, are not
 * the canonical encoding, or hold a value out of range) is the peer's fault. Other errors are ours.
 */
export function decodeFromPeer<T>(decode: () => T): T {
  try {
    return decode();
  } catch (error) {
    if (!isTianpingError(error)) throw error;
    throw new PeerFaultError(error.code === 'TX_NOT_CANONICAL' ? 'non-canonical' : 'malformed', error.message, { cause: error });
  }
}

/**
 * The heights a "blocks" request asks for, at most syncBlocksMax of them: a longer range is clipped,
 * not refused (a peer configured with a larger syncBlocksMax asks for more, honestly). Refused as
 * the peer's fault: a range that is empty or starts below 1 (our requesters start at tip + 1), and
 * heights past 2^53, which no chain reaches (they do not even decode canonically into numbers).
 */
export function blocksRange(bytes: Uint8Array, syncBlocksMax: number): { fromHeight: number; toHeight: number } {
  const request = decodeFromPeer(() => decodeCanonical(pb.BlocksRequest, bytes, 'blocks request'));
  const { fromHeight, toHeight } = request;
  if (!Number.isSafeInteger(fromHeight) || !Number.isSafeInteger(toHeight)) {
    throw new PeerFaultError('out-of-bounds', 'blocks request height past 2^53');
  }
  if (fromHeight < 1 || toHeight < fromHeight) {
    throw new PeerFaultError('out-of-bounds', `blocks request for heights ${fromHeight}..${toHeight}`);
  }
  return { fromHeight, toHeight: Math.min(toHeight, fromHeight + syncBlocksMax - 1) };
}

/**
 * Proposals one push may carry. A node pushes its own proposal or vote, one per push; a few more
 * leave room for batching, and bound the compact proposals that wait for their txs.
 */
export const PUSH_PROPOSALS_MAX = 4;

/**
 * Decodes a "push" and bounds it: at most PUSH_PROPOSALS_MAX proposals, and no more votes than a
 * validator set of the current size can cast in one round (a prevote and a precommit each).
 * `hasValidator(i)` says whether the current set has a validator at index i.
 */
export function decodePush(bytes: Uint8Array, hasValidator: (index: number) => boolean): InstanceType<typeof pb.CatchUpResponse> {
  const message = decodeFromPeer(() => decodeCanonical(pb.CatchUpResponse, bytes, 'push'));
  const proposals = message.proposals.length + message.compactProposals.length;
  if (proposals > PUSH_PROPOSALS_MAX) {
    throw new PeerFaultError('abuse', `push of ${proposals} proposals, at most ${PUSH_PROPOSALS_MAX}`);
  }
  // 2 votes per validator: v votes need a set of at least ceil(v / 2) validators.
  const votes = message.votes.length;
  if (votes > 0 && !hasValidator(Math.ceil(votes / 2) - 1)) {
    throw new PeerFaultError('abuse', `push of ${votes} votes, more than the validator set casts in a round`);
  }
  return message;
}
