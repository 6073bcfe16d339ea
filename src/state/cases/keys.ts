// Where judgment contracts live in state. Text from a tx (case numbers, bank references) appears in
// keys as the hex of its UTF-8 bytes: keys stay ASCII, whatever characters a case number holds, so
// the ledger's key order (bytes) and the overlay's (UTF-16 units) agree, and a '/' in a case number
// cannot split a key. The due queue sorts by legal time in fixed-width hex, then case, then
// instalment: the order the block clock processes it in.
import { fromHex, fromUtf8, readU32be, readU64be, toHex, utf8 } from '../../types/index.js';

const hexText = (text: string): string => toHex(utf8(text));

export const CASE_RECORD_PREFIX = 'case/r/';
export const caseRecordKey = (caseNo: string): string => `${CASE_RECORD_PREFIX}${hexText(caseNo)}`;
/** The record's key from the case number's hex (as a due-queue key holds it). */
export const caseRecordKeyOfHex = (caseHex: string): string => `${CASE_RECORD_PREFIX}${caseHex}`;

/** A case's terms, apart from its record: written once, at creation, and read by the txs and reads, never by the clock. */
export const caseTermsKey = (caseNo: string): string => `case/t/${hexText(caseNo)}`;

export const CASE_DUE_PREFIX = 'case/due/';
/** The last due-queue key the clock processed: it resumes just after it (the overlay deletes nothing). */
export const CASE_DUE_CURSOR_KEY = 'case/due-cursor';
/** Legal times take 12 hex digits (below 2^48 ms, year 10889); instalment indexes 4 (below 65,536). */
export function caseDueKey(legalAtMs: number, caseNo: string, index: number): string {
  return caseDueKeyOfHex(legalAtMs, hexText(caseNo), index);
}
/** caseDueKey from the case number's hex. */
export function caseDueKeyOfHex(legalAtMs: number, caseHex: string, index: number): string {
  return `${CASE_DUE_PREFIX}${legalAtMs.toString(16).padStart(12, '0')}/${caseHex}/${index.toString(16).padStart(4, '0')}`;
}

export interface DueEntry {
  readonly legalAtMs: number;
  readonly caseNo: string;
  readonly index: number;
}

/** A due-queue entry with its case number left in hex, as in the key: enough to find the record. */
export interface DueKeyParts {
  readonly legalAtMs: number;
  readonly caseHex: string;
  readonly index: number;
}

export function dueKeyParts(key: string): DueKeyParts {
  const [legal, caseHex, index] = key.slice(CASE_DUE_PREFIX.length).split('/') as [string, string, string];
  return { legalAtMs: parseInt(legal, 16), caseHex, index: parseInt(index, 16) };
}

export function parseCaseDueKey(key: string): DueEntry {
  const { legalAtMs, caseHex, index } = dueKeyParts(key);
  return { legalAtMs, caseNo: fromUtf8(fromHex(caseHex) ?? new Uint8Array()), index };
}

/** A payment reported for a case, by bank reference: a second report of the same reference is refused. */
export const casePaymentKey = (caseNo: string, bankRef: string): string => `case/pay/${hexText(caseNo)}/${hexText(bankRef)}`;
/** Money reported for a case number the chain does not know, by bank reference: kept to be claimed. */
export const UNMATCHED_PAYMENT_PREFIX = 'case/unmatched/';
export const unmatchedPaymentKey = (bankRef: string): string => `${UNMATCHED_PAYMENT_PREFIX}${hexText(bankRef)}`;
/** How many unmatched payments the chain recorded: the seq of the next one's event. */
export const UNMATCHED_COUNT_KEY = 'case/unmatched-count';
/** A filing id's case number. */
export const caseFilingKey = (filingId: Uint8Array): string => `case/filing/${toHex(filingId)}`;

/**
 * Where event `seq` of a case sits in the chain: its height and its position among the block's
 * events (its bev/ key), so that the case's feed and each event's receipt are found without
 * scanning blocks. Written by executeBlock when it writes the block's events; seq in 8 hex digits.
 */
export const CASE_EVENT_PREFIX = 'case/ev/';
export const caseEventPrefix = (caseNo: string): string => `${CASE_EVENT_PREFIX}${hexText(caseNo)}/`;
export const caseEventKey = (caseNo: string, seq: number): string => caseEventKeyOfHex(hexText(caseNo), seq);
/** caseEventKey from the case number's hex (as a due-queue key holds it). */
export const caseEventKeyOfHex = (caseHex: string, seq: number): string =>
  `${CASE_EVENT_PREFIX}${caseHex}/${seq.toString(16).padStart(8, '0')}`;
/** The hex a case number takes in keys. */
export const caseHexOf = (caseNo: string): string => hexText(caseNo);

export interface EventLocation {
  readonly height: number;
  /** Position among the block's events: the index of its bev/ key and of its leaf in the events tree. */
  readonly index: number;
}

/** u64be height ‖ u32be index. */
export function encodeEventLocation(location: EventLocation): Uint8Array {
  const out = new Uint8Array(12);
  const view = new DataView(out.buffer);
  // Two 32-bit halves, not setBigUint64: one BigInt less per event, thousands a block.
  view.setUint32(0, Math.floor(location.height / 2 ** 32));
  view.setUint32(4, location.height >>> 0);
  view.setUint32(8, location.index);
  return out;
}
export const decodeEventLocation = (bytes: Uint8Array): EventLocation => ({ height: readU64be(bytes, 0), index: readU32be(bytes, 8) });

/**
 * A party's cases, by the party's 32-byte id (a member key or an identity commitment, in hex): the
 * parties are fixed when a case is created, so each entry is written once and stays true.
 */
export const CASE_PARTY_PREFIX = 'case/party/';
export const casePartyPrefix = (partyId: Uint8Array | string): string =>
  `${CASE_PARTY_PREFIX}${typeof partyId === 'string' ? partyId.toLowerCase() : toHex(partyId)}/`;
export const casePartyKey = (partyId: Uint8Array, caseNo: string): string => `${casePartyPrefix(partyId)}${hexText(caseNo)}`;
/** The case number whose hex (as keys hold it) is `caseHex`. */
export const caseNoOfHex = (caseHex: string): string => fromUtf8(fromHex(caseHex) ?? new Uint8Array());
/** The case number of a case/party/ or case/r/ key (both end in the hex of the case number). */
export const caseNoOfKey = (key: string): string => caseNoOfHex(key.slice(key.lastIndexOf('/') + 1));
