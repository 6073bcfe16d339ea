// Event receipts: the proof, verifiable offline, that one case event is leaf `eventIndex` of the
// events tree whose root a committed header carries (docs/receipt-format.md, "Event receipts").
// This module holds the in-memory form, its protobuf encoding (message EventReceipt) and its JSON
// form; event-receipt-verify.ts holds the checks. The event bytes are opaque here: what they say
// is the case state machine's (an encoded CaseEvent). Browser-safe: no node:* imports.
import { pb } from '../codec/proto.js';
import { toHex } from '../types/index.js';
import {
  ReceiptFormatError, decodeReceipt, decodeReceiptMessage, setChangeFromMessage, setChangeToMessage, type Receipt, type ReceiptSetChange,
} from './receipt.js';
import {
  RECEIPT_FORMAT, commitView, headerView, isJsonReceiptFile, jsonReader, parseReceiptFileJson, receiptFromJson, setChangeToJson, withView,
  type BytesJson, type CommitJsonView, type HeaderJsonView, type SetChangeJson,
} from './receipt-json.js';

/** The kind an event receipt names in both encodings; an anchor receipt names none (docs/receipt-format.md). */
export const EVENT_RECEIPT_KIND = 'event';
/** The only event receipt version this code reads and writes. */
export const EVENT_RECEIPT_VERSION = 1;

export interface EventReceipt {
  readonly kind: string;
  readonly version: number;
  readonly chainId: string;
  /** Exact event bytes: the leaf is SHA-256(0x00 ‖ these bytes). */
  readonly event: Uint8Array;
  readonly eventIndex: number;
  readonly eventCount: number;
  /** RFC 6962 audit path of the event's leaf in the block's events tree, bottom-up. */
  readonly eventProof: readonly Uint8Array[];
  /** Exact Header bytes. */
  readonly header: Uint8Array;
  /** Exact Commit bytes for that header. */
  readonly commit: Uint8Array;
  /** Oldest first, from the trust anchor's set to the set that signed the header. */
  readonly setChanges: readonly ReceiptSetChange[];
}

export function encodeEventReceipt(receipt: EventReceipt): Uint8Array {
  return pb.EventReceipt.encode({
    kind: receipt.kind, version: receipt.version, chainId: receipt.chainId, event: receipt.event,
    eventIndex: receipt.eventIndex, eventCount: receipt.eventCount, eventProof: [...receipt.eventProof],
    header: receipt.header, commit: receipt.commit,
    setChanges: receipt.setChanges.map(setChangeToMessage),
  }).finish();
}

/** Decodes the protobuf form; only the canonical encoding is accepted (as for anchor receipts). */
export function decodeEventReceipt(bytes: Uint8Array): EventReceipt {
  const m = decodeReceiptMessage(pb.EventReceipt, bytes, 'event receipt');
  return {
    kind: m.kind, version: m.version, chainId: m.chainId, event: m.event, eventIndex: m.eventIndex, eventCount: m.eventCount,
    eventProof: [...m.eventProof], header: m.header, commit: m.commit,
    setChanges: m.setChanges.map(setChangeFromMessage),
  };
}

export interface EventReceiptJson {
  readonly format: typeof RECEIPT_FORMAT;
  readonly kind: typeof EVENT_RECEIPT_KIND;
  readonly version: typeof EVENT_RECEIPT_VERSION;
  readonly chainId: string;
  readonly event: { readonly hex: string };
  readonly eventIndex: number;
  readonly eventCount: number;
  readonly eventProof: readonly string[];
  readonly header: BytesJson<HeaderJsonView>;
  readonly commit: BytesJson<CommitJsonView>;
  readonly setChanges: readonly SetChangeJson[];
}

export function eventReceiptToJson(receipt: EventReceipt): EventReceiptJson {
  if (receipt.kind !== EVENT_RECEIPT_KIND || receipt.version !== EVENT_RECEIPT_VERSION) {
    throw new ReceiptFormatError(`an event receipt of kind "${receipt.kind}", version ${receipt.version} has no JSON form here`);
  }
  return {
    format: RECEIPT_FORMAT, kind: EVENT_RECEIPT_KIND, version: EVENT_RECEIPT_VERSION, chainId: receipt.chainId,
    event: { hex: toHex(receipt.event) }, eventIndex: receipt.eventIndex, eventCount: receipt.eventCount,
    eventProof: receipt.eventProof.map(toHex),
    header: withView(receipt.header, headerView), commit: withView(receipt.commit, commitView),
    setChanges: receipt.setChanges.map(setChangeToJson),
  };
}

export function formatEventReceiptJson(receipt: EventReceipt): string {
  return JSON.stringify(eventReceiptToJson(receipt), null, 2) + '\n';
}

const EVENT_FIELDS = ['format', 'kind', 'version', 'chainId', 'event', 'eventIndex', 'eventCount', 'eventProof', 'header', 'commit',
  'setChanges'] as const;

/** Strict like the anchor reader: every field present with its type, none this version does not define. */
export function eventReceiptFromJson(value: unknown): EventReceipt {
  const r = jsonReader;
  const doc = r.kindDocument(value, EVENT_FIELDS, EVENT_RECEIPT_KIND, EVENT_RECEIPT_VERSION, 'event receipts');
  const event = r.object(doc['event'], '$.event', ['hex']);
  return {
    kind: EVENT_RECEIPT_KIND, version: EVENT_RECEIPT_VERSION, chainId: r.text(doc['chainId'], '$.chainId'), event: r.hex(event['hex'], '$.event.hex'),
    eventIndex: r.integer(doc['eventIndex'], '$.eventIndex'), eventCount: r.integer(doc['eventCount'], '$.eventCount'),
    eventProof: r.list(doc['eventProof'], '$.eventProof', r.hex),
    header: r.bytesWithView(doc['header'], '$.header', headerView),
    commit: r.bytesWithView(doc['commit'], '$.commit', commitView),
    setChanges: r.list(doc['setChanges'], '$.setChanges', r.setChange),
  };
}

/** A receipt of either kind: an anchor's (evidence) or an event's. */
export type AnyReceipt = { readonly kind: 'anchor'; readonly receipt: Receipt } | { readonly kind: 'event'; readonly receipt: EventReceipt };

/**
 * A receipt file of either kind in either encoding. JSON: an object with "kind": "event" is an
 * event receipt, one without "kind" an anchor receipt. Protobuf: an EventReceipt starts with byte
 * 0x0a (field 1, the kind string), an anchor Receipt with 0x08 (field 1, the version).
 */
export function parseAnyReceiptBytes(bytes: Uint8Array): AnyReceipt {
  if (!isJsonReceiptFile(bytes)) {
    return bytes[0] === 0x0a ? { kind: 'event', receipt: decodeEventReceipt(bytes) } : { kind: 'anchor', receipt: decodeReceipt(bytes) };
  }
  const value = parseReceiptFileJson(bytes);
  const isEvent = typeof value === 'object' && value !== null && !Array.isArray(value) && 'kind' in value;
  return isEvent ? { kind: 'event', receipt: eventReceiptFromJson(value) } : { kind: 'anchor', receipt: receiptFromJson(value) };
}
