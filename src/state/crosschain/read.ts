// Reads of the foreign chains' state for the API: lists by scan (ScannableState), single records
// by key. Nothing here is used by block execution. Trusted headers by height (the newest at or below
// one, those above one) are found by bounded ordered scans in trusted.ts, by block execution and the
// read model alike.
import { pb, type CrossChainVerificationRecordMsg, type ForeignChainRecordMsg, type ForeignFreezeRecordMsg,
  type ForeignTrustedHeaderMsg } from '../../codec/proto.js';
import type { ScannableState, StateView } from '../view.js';
import { FOREIGN_CHAIN_PREFIX, FOREIGN_NAME_RE, VERIFICATION_PREFIX, freezeKey, trustedHeaderPrefix, verificationPrefix } from './keys.js';
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

/**
 * The newest `limit` trusted headers of an epoch, newest first: one reverse scan of `limit` entries,
 * however many headers the epoch holds.
 */
export async function newestTrustedHeaders(state: ScannableState, name: string, epoch: number, limit: number):
  Promise<ForeignTrustedHeaderMsg[]> {
  const found: ForeignTrustedHeaderMsg[] = [];
  if (!FOREIGN_NAME_RE.test(name) || !validEpoch(epoch) || limit <= 0) return found;
  for await (const [, value] of state.entries(trustedHeaderPrefix(name, epoch), { reverse: true, limit })) {
    found.push(decodeTrustedHeader(value));
    // A state that ignores the limit still yields no more than asked.
    if (found.length >= limit) break;
  }
  return found;
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
