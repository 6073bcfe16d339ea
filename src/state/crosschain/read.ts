// Reads of the foreign chains' state for the API: lists by scan (ScannableState), single records
// by key. Nothing here is used by block execution, which finds trusted headers by an ordered scan
// (trusted.ts).
import { pb, type CrossChainVerificationRecordMsg, type ForeignChainRecordMsg, type ForeignFreezeRecordMsg,
  type ForeignTrustedHeaderMsg } from '../../codec/proto.js';
import type { ScannableState, StateView } from '../view.js';
import { FOREIGN_CHAIN_PREFIX, FOREIGN_NAME_RE, VERIFICATION_PREFIX, freezeKey, heightOfTrustedHeaderKey, trustedHeaderPrefix,
  verificationPrefix } from './keys.js';
import { decodeChainRecord, decodeTrustedHeader, decodeVerificationRecord } from './messages.js';

const validEpoch = (epoch: number): boolean => Number.isSafeInteger(epoch) && epoch >= 0 && epoch < 1e8;

/** Every registered foreign chain, by name. */
export async function* allForeignChains(state: ScannableState): AsyncIterable<ForeignChainRecordMsg> {
  for await (const [, value] of state.entries(FOREIGN_CHAIN_PREFIX)) yield decodeChainRecord(value);
}

/** The trusted headers (c2sp: recorded checkpoints) of a chain's epoch, by ascending height. */
export async function* trustedHeaders(state: ScannableState, name: string, epoch: number): AsyncIterable<ForeignTrustedHeaderMsg> {
  if (!FOREIGN_NAME_RE.test(name) || !validEpoch(epoch)) return;
  for await (const [, value] of state.entries(trustedHeaderPrefix(name, epoch))) yield decodeTrustedHeader(value);
}

/** The newest trusted header of the epoch at or below `height`. */
export async function trustedHeaderAtOrBelow(state: ScannableState, name: string, epoch: number, height: number):
  Promise<ForeignTrustedHeaderMsg | undefined> {
  if (!FOREIGN_NAME_RE.test(name) || !validEpoch(epoch)) return undefined;
  let found: Uint8Array | undefined;
  // ScannableState scans forward only: the last key at or below the height is the one.
  for await (const [key, value] of state.entries(trustedHeaderPrefix(name, epoch))) {
    if (heightOfTrustedHeaderKey(key) > height) break;
    found = value;
  }
  return found === undefined ? undefined : decodeTrustedHeader(found);
}

/** The lowest trusted header of the epoch strictly above `height`. */
export async function trustedHeaderAbove(state: ScannableState, name: string, epoch: number, height: number):
  Promise<ForeignTrustedHeaderMsg | undefined> {
  if (!FOREIGN_NAME_RE.test(name) || !validEpoch(epoch)) return undefined;
  for await (const [key, value] of state.entries(trustedHeaderPrefix(name, epoch))) {
    if (heightOfTrustedHeaderKey(key) > height) return decodeTrustedHeader(value);
  }
  return undefined;
}

/** The evidence that froze a chain's epoch, if it was frozen. */
export async function readFreeze(view: StateView, name: string, epoch: number): Promise<ForeignFreezeRecordMsg | undefined> {
  if (!FOREIGN_NAME_RE.test(name) || !validEpoch(epoch)) return undefined;
  const bytes = await view.get(freezeKey(name, epoch));
  return bytes === undefined ? undefined : pb.ForeignFreezeRecord.decode(bytes);
}

/** A case's verification records, in the order they were recorded. */
export async function* verificationsOfCase(state: ScannableState, caseNo: string): AsyncIterable<CrossChainVerificationRecordMsg> {
  if (caseNo.length === 0) return;
  for await (const [, value] of state.entries(verificationPrefix(caseNo))) yield decodeVerificationRecord(value);
}

/** Every verification record: by case (in the hex of its number's bytes), then in order. */
export async function* allVerifications(state: ScannableState): AsyncIterable<CrossChainVerificationRecordMsg> {
  for await (const [, value] of state.entries(VERIFICATION_PREFIX)) yield decodeVerificationRecord(value);
}
