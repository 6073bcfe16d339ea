// A foreign chain's record and its standing. Expiry is derived from the time and never stored
// (docs/crosschain.md §1), so every node derives it alike from the block time it executes at.
import { pb, type ForeignChainRecordMsg, type ForeignTrustedHeaderMsg } from '../../codec/proto.js';
import { TianpingError, type ErrorCode } from '../../types/index.js';
import type { StateView } from '../view.js';
import { FOREIGN_NAME_RE, foreignChainKey, trustedHeaderKey } from './keys.js';
import { decodeChainRecord, decodeTrustedHeader } from './messages.js';

export type ForeignStanding = 'active' | 'frozen' | 'expired';

export function refuse(code: ErrorCode, message: string): never {
  throw new TianpingError(code, message);
}

/** The record of a registered foreign chain; undefined for a name not registered (or not a name). */
export async function readForeignChain(view: StateView, name: string): Promise<ForeignChainRecordMsg | undefined> {
  if (!FOREIGN_NAME_RE.test(name)) return undefined;
  const bytes = await view.get(foreignChainKey(name));
  return bytes === undefined ? undefined : decodeChainRecord(bytes);
}

/**
 * 'frozen' once conflicting commits were proved, else 'expired' when the newest trusted header's
 * time plus the trusting period is at or before `timeMs`, else 'active'.
 */
export function foreignStanding(record: ForeignChainRecordMsg, timeMs: number): ForeignStanding {
  if (record.status === 'frozen') return 'frozen';
  const period = record.registration?.trustingPeriodMs ?? 0;
  return record.latestTimeMs + period <= timeMs ? 'expired' : 'active';
}

/** The registered chain of `name`, or FOREIGN_CHAIN_UNKNOWN. */
export async function registeredChain(view: StateView, name: string): Promise<ForeignChainRecordMsg> {
  const record = await readForeignChain(view, name);
  if (record === undefined) refuse('FOREIGN_CHAIN_UNKNOWN', `no foreign chain is registered as ${JSON.stringify(name)}`);
  return record;
}

/** Refuses a chain that is frozen or expired at `timeMs` with that standing's code. */
export function requireActive(record: ForeignChainRecordMsg, timeMs: number): void {
  const standing = foreignStanding(record, timeMs);
  const name = record.registration?.name ?? '';
  if (standing === 'frozen') refuse('FOREIGN_CHAIN_FROZEN', `foreign chain ${JSON.stringify(name)} is frozen since block ${record.frozenHeight}`);
  if (standing === 'expired') {
    refuse('FOREIGN_CHAIN_EXPIRED', `foreign chain ${JSON.stringify(name)}'s newest trusted header (time ${record.latestTimeMs}) is older than its trusting period`);
  }
}

export async function trustedHeaderAt(view: StateView, name: string, epoch: number, height: number):
  Promise<ForeignTrustedHeaderMsg | undefined> {
  if (!FOREIGN_NAME_RE.test(name) || !Number.isSafeInteger(epoch) || epoch < 0 || !Number.isSafeInteger(height) || height < 0) return undefined;
  const bytes = await view.get(trustedHeaderKey(name, epoch, height));
  return bytes === undefined ? undefined : decodeTrustedHeader(bytes);
}

export const encodeChainRecord = (record: ForeignChainRecordMsg): Uint8Array => pb.ForeignChainRecord.encode(record).finish();
export const encodeTrustedHeader = (header: ForeignTrustedHeaderMsg): Uint8Array => pb.ForeignTrustedHeader.encode(header).finish();
