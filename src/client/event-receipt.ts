// Event receipts: the proof, verifiable offline, that one case event is leaf `eventIndex` of the
// events tree whose root a committed header carries (docs/receipt-format.md, "Event receipts").
// This module holds the in-memory form, its protobuf encoding (message EventReceipt) and its JSON
// form; event-receipt-verify.ts holds the checks. The event bytes are opaque here: what they say
// is the case state machine's (an encoded CaseEvent). Browser-safe: no node:* imports.
import { decodeCanonical, pb } from '../codec/proto.js';
import { TianpingError, toHex } from '../types/index.js';
import { ReceiptFormatError, decodeReceipt, type Receipt, type ReceiptSetChange } from './receipt.js';
import {
  RECEIPT_FORMAT, commitView, headerView, parseReceiptJsonText, receiptFromJson, setChangeToJson, jsonReader, type BytesJson,
  type CommitJsonView,
  type HeaderJsonView, type SetChangeJson,
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
    setChanges: receipt.setChanges.map((change) => ({
      header: change.header, commit: change.commit,
      nextValidators: { validators: change.nextValidators.map((v) => ({ publicKey: v.publicKey, power: v.power })) },
    })),
  }).finish();
}

/** Decodes the protobuf form; only the canonical encoding is accepted (as for anchor receipts). */
export function decodeEventReceipt(bytes: Uint8Array): EventReceipt {
  let m: InstanceType<typeof pb.EventReceipt>;
  try {
    m = decodeCanonical(pb.EventReceipt, bytes, 'event receipt');
  } catch (error) {
    throw new ReceiptFormatError(`event receipt protobuf: ${error instanceof TianpingError ? error.message : String(error)}`);
  }
  return {
    kind: m.kind, version: m.version, chainId: m.chainId, event: m.event, eventIndex: m.eventIndex, eventCount: m.eventCount,
    eventProof: [...m.eventProof], header: m.header, commit: m.commit,
    setChanges: m.setChanges.map((change) => ({
      header: change.header ?? new Uint8Array(),
      commit: change.commit ?? new Uint8Array(),
      nextValidators: (change.nextValidators?.validators ?? []).map((v) => ({ publicKey: v.publicKey ?? new Uint8Array(), power: v.power ?? 0 })),
    })),
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
  const header = headerView(receipt.header);
  const commit = commitView(receipt.commit);
  return {
    format: RECEIPT_FORMAT, kind: EVENT_RECEIPT_KIND, version: EVENT_RECEIPT_VERSION, chainId: receipt.chainId,
    event: { hex: toHex(receipt.event) }, eventIndex: receipt.eventIndex, eventCount: receipt.eventCount,
    eventProof: receipt.eventProof.map(toHex),
    header: header === undefined ? { hex: toHex(receipt.header) } : { hex: toHex(receipt.header), decoded: header },
    commit: commit === undefined ? { hex: toHex(receipt.commit) } : { hex: toHex(receipt.commit), decoded: commit },
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
  const head = r.object(value, '$', ['format', 'kind', 'version'], EVENT_FIELDS);
  if (head['format'] !== RECEIPT_FORMAT) r.bad('$.format', `must be "${RECEIPT_FORMAT}"`);
  if (head['kind'] !== EVENT_RECEIPT_KIND) r.bad('$.kind', `must be "${EVENT_RECEIPT_KIND}"`);
  // The version decides the shape of everything else, so it is read before any other field.
  const version = r.integer(head['version'], '$.version');
  if (version !== EVENT_RECEIPT_VERSION) r.bad('$.version', `is ${version}; this verifier reads event receipts of version ${EVENT_RECEIPT_VERSION}`);
  const doc = r.object(value, '$', EVENT_FIELDS);
  const event = r.object(doc['event'], '$.event', ['hex']);
  return {
    kind: EVENT_RECEIPT_KIND, version, chainId: r.text(doc['chainId'], '$.chainId'), event: r.hex(event['hex'], '$.event.hex'),
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
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const first = bytes.subarray(bom).find((b) => b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d);
  if (first !== 0x7b) {
    return bytes[0] === 0x0a ? { kind: 'event', receipt: decodeEventReceipt(bytes) } : { kind: 'anchor', receipt: decodeReceipt(bytes) };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw new ReceiptFormatError(`receipt JSON does not parse: ${(error as Error).message}`);
  }
  const value = parseReceiptJsonText(text);
  const isEvent = typeof value === 'object' && value !== null && !Array.isArray(value) && 'kind' in value;
  return isEvent ? { kind: 'event', receipt: eventReceiptFromJson(value) } : { kind: 'anchor', receipt: receiptFromJson(value) };
}
