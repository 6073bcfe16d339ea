// Two-hop receipts (docs/crosschain.md §5): a side chain's anchor receipt of version 2, proved against
// a side header H, and the main chain's ForeignHeaderUpdate tx that recorded H, proved to a main
// commit (TxInclusion). This module holds the in-memory form, its protobuf encoding (message
// TwoHopReceipt) and its JSON form, and tells the receipt kinds apart in a file; two-hop-verify.ts
// holds the checks. The side receipt and every byte field use the anchor receipt's encodings
// (receipt-json.ts, docs/receipt-format.md §3). Browser-safe: no node:* imports.
import { pb } from '../codec/proto.js';
import { toHex } from '../types/index.js';
import {
  ReceiptFormatError, decodeReceipt, decodeReceiptMessage, encodeReceipt, setChangeFromMessage, setChangeToMessage, type Receipt,
  type TxInclusion,
} from './receipt.js';
import {
  commitView, headerView, isJsonReceiptFile, jsonReader, parseReceiptFileJson, parseReceiptJsonText, receiptFromJson, receiptToJson,
  setChangeToJson, txView, withView,
  type BytesJson, type CommitJsonView, type HeaderJsonView, type ReceiptJson, type SetChangeJson, type TxJsonView,
} from './receipt-json.js';
import { parseAnyReceiptBytes, type AnyReceipt } from './event-receipt.js';

/** The kind a two-hop receipt names in both encodings (field 1, as an event receipt names "event"). */
export const TWO_HOP_RECEIPT_KIND = 'two-hop';
/** The only two-hop receipt version this code reads and writes. */
export const TWO_HOP_RECEIPT_VERSION = 1;

/** The main-chain hop: the ForeignHeaderUpdate tx that recorded the side header, proved to its commit from the main genesis. */
export type { TxInclusion } from './receipt.js';

export interface TwoHopReceipt {
  readonly kind: string;
  readonly version: number;
  /** The main chain's id. */
  readonly chainId: string;
  /** The side chain's registered name on the main chain. */
  readonly name: string;
  /** The side chain's receipt, version 2, proved against the side header the relay tx carries. */
  readonly side: Receipt;
  readonly checkpoint: TxInclusion;
}

// ------------------------------------------------------------------ protobuf

export function encodeTwoHopReceipt(receipt: TwoHopReceipt): Uint8Array {
  const c = receipt.checkpoint;
  return pb.TwoHopReceipt.encode({
    kind: receipt.kind, version: receipt.version, chainId: receipt.chainId, name: receipt.name,
    // The side receipt is encoded by its own encoder, so that it is the same message as on its own.
    side: pb.Receipt.decode(encodeReceipt(receipt.side)),
    checkpoint: {
      tx: c.tx, txIndex: c.txIndex, txCount: c.txCount, txProof: [...c.txProof], header: c.header, commit: c.commit,
      setChanges: c.setChanges.map(setChangeToMessage),
    },
  }).finish();
}

/** Decodes the protobuf form; only the canonical encoding is accepted (as for the other receipts). */
export function decodeTwoHopReceipt(bytes: Uint8Array): TwoHopReceipt {
  const m = decodeReceiptMessage(pb.TwoHopReceipt, bytes, 'two-hop receipt');
  // An absent part has no JSON form that converts back to the same bytes: the document is refused.
  if (!m.side) throw new ReceiptFormatError('two-hop receipt protobuf: side is missing');
  if (!m.checkpoint) throw new ReceiptFormatError('two-hop receipt protobuf: checkpoint is missing');
  let side: Receipt;
  try {
    // The whole message was canonical, so its side message re-encodes to the bytes it was read from.
    side = decodeReceipt(pb.Receipt.encode(m.side).finish());
  } catch (error) {
    throw new ReceiptFormatError(`two-hop receipt protobuf: side: ${(error as Error).message}`);
  }
  const c = m.checkpoint;
  return {
    kind: m.kind, version: m.version, chainId: m.chainId, name: m.name, side,
    checkpoint: {
      tx: c.tx ?? new Uint8Array(), txIndex: c.txIndex ?? 0, txCount: c.txCount ?? 0, txProof: [...(c.txProof ?? [])],
      header: c.header ?? new Uint8Array(), commit: c.commit ?? new Uint8Array(), setChanges: (c.setChanges ?? []).map(setChangeFromMessage),
    },
  };
}

// ------------------------------------------------------------------ JSON

export interface TxInclusionJson {
  readonly tx: BytesJson<TxJsonView>;
  readonly txIndex: number;
  readonly txCount: number;
  readonly txProof: readonly string[];
  readonly header: BytesJson<HeaderJsonView>;
  readonly commit: BytesJson<CommitJsonView>;
  readonly setChanges: readonly SetChangeJson[];
}

export interface TwoHopReceiptJson {
  readonly kind: typeof TWO_HOP_RECEIPT_KIND;
  readonly version: typeof TWO_HOP_RECEIPT_VERSION;
  readonly chainId: string;
  readonly name: string;
  readonly side: ReceiptJson;
  readonly checkpoint: TxInclusionJson;
}

export function twoHopReceiptToJson(receipt: TwoHopReceipt): TwoHopReceiptJson {
  if (receipt.kind !== TWO_HOP_RECEIPT_KIND || receipt.version !== TWO_HOP_RECEIPT_VERSION) {
    throw new ReceiptFormatError(`a two-hop receipt of kind "${receipt.kind}", version ${receipt.version} has no JSON form here`);
  }
  const c = receipt.checkpoint;
  return {
    kind: TWO_HOP_RECEIPT_KIND, version: TWO_HOP_RECEIPT_VERSION, chainId: receipt.chainId, name: receipt.name,
    side: receiptToJson(receipt.side),
    checkpoint: {
      tx: withView(c.tx, txView), txIndex: c.txIndex, txCount: c.txCount, txProof: c.txProof.map(toHex),
      header: withView(c.header, headerView), commit: withView(c.commit, commitView), setChanges: c.setChanges.map(setChangeToJson),
    },
  };
}

/** The JSON text as written to a file: two-space indentation, one trailing newline. */
export function formatTwoHopReceiptJson(receipt: TwoHopReceipt): string {
  return JSON.stringify(twoHopReceiptToJson(receipt), null, 2) + '\n';
}

const TWO_HOP_FIELDS = ['kind', 'version', 'chainId', 'name', 'side', 'checkpoint'] as const;
const CHECKPOINT_FIELDS = ['tx', 'txIndex', 'txCount', 'txProof', 'header', 'commit', 'setChanges'] as const;

/** Strict like the other readers: every field present with its type, none this version does not define. */
export function twoHopReceiptFromJson(value: unknown): TwoHopReceipt {
  const r = jsonReader;
  const doc = r.kindDocument(value, TWO_HOP_FIELDS, TWO_HOP_RECEIPT_KIND, TWO_HOP_RECEIPT_VERSION, 'two-hop receipts');
  const c = r.object(doc['checkpoint'], '$.checkpoint', CHECKPOINT_FIELDS);
  let side: Receipt;
  try {
    side = receiptFromJson(doc['side']);
  } catch (error) {
    if (!(error instanceof ReceiptFormatError)) throw error;
    throw new ReceiptFormatError(error.message.replace(/^receipt JSON: \$/, 'receipt JSON: $.side'));
  }
  return {
    kind: TWO_HOP_RECEIPT_KIND, version: TWO_HOP_RECEIPT_VERSION, chainId: r.text(doc['chainId'], '$.chainId'), name: r.text(doc['name'], '$.name'), side,
    checkpoint: {
      tx: r.bytesWithView(c['tx'], '$.checkpoint.tx', txView),
      txIndex: r.integer(c['txIndex'], '$.checkpoint.txIndex'),
      txCount: r.integer(c['txCount'], '$.checkpoint.txCount'),
      txProof: r.list(c['txProof'], '$.checkpoint.txProof', r.hex),
      header: r.bytesWithView(c['header'], '$.checkpoint.header', headerView),
      commit: r.bytesWithView(c['commit'], '$.checkpoint.commit', commitView),
      setChanges: r.list(c['setChanges'], '$.checkpoint.setChanges', r.setChange),
    },
  };
}

/** A two-hop receipt from its JSON text (duplicate keys refused, §3) or from a value already parsed. */
export function parseTwoHopReceiptJson(json: string | object): TwoHopReceipt {
  return twoHopReceiptFromJson(typeof json === 'string' ? parseReceiptJsonText(json) : json);
}

// ------------------------------------------------------------------ telling the kinds apart

/** A receipt file of any kind: an anchor's, an event's, or a two-hop receipt. */
export type ReceiptFile = AnyReceipt | { readonly kind: 'two-hop'; readonly receipt: TwoHopReceipt };

const KIND_BYTES = new TextEncoder().encode(TWO_HOP_RECEIPT_KIND);

/** Protobuf: field 1 as the string "two-hop" (0a 07 "two-hop"); an EventReceipt has 0a 05 "event", a Receipt starts 08. */
function isTwoHopProtobuf(bytes: Uint8Array): boolean {
  if (bytes[0] !== 0x0a || bytes[1] !== KIND_BYTES.length || bytes.length < 2 + KIND_BYTES.length) return false;
  return KIND_BYTES.every((b, i) => bytes[2 + i] === b);
}

/**
 * Whether a file names itself a two-hop receipt (protobuf field 1 "two-hop", or a JSON object with
 * "kind": "two-hop"), whether or not the rest of it reads: a verifier answers a two-hop receipt that
 * does not parse with the two-hop checks' format failure.
 */
export function claimsTwoHopKind(bytes: Uint8Array): boolean {
  if (isTwoHopProtobuf(bytes)) return true;
  try {
    const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === TWO_HOP_RECEIPT_KIND;
  } catch {
    return false;
  }
}

/**
 * A receipt file of any kind in either encoding. JSON (first non-blank byte "{" after an optional
 * byte order mark): "kind": "two-hop" is a two-hop receipt, "kind": "event" an event receipt, no
 * kind an anchor receipt. Protobuf: field 1's string names the kind (two-hop or event), an anchor
 * Receipt starts with field 1 as a number. Throws ReceiptFormatError for a document of none.
 */
export function parseReceiptFileBytes(bytes: Uint8Array): ReceiptFile {
  if (!isJsonReceiptFile(bytes)) {
    return isTwoHopProtobuf(bytes) ? { kind: 'two-hop', receipt: decodeTwoHopReceipt(bytes) } : parseAnyReceiptBytes(bytes);
  }
  const value = parseReceiptFileJson(bytes);
  const isTwoHop = typeof value === 'object' && value !== null && !Array.isArray(value)
    && (value as { kind?: unknown }).kind === TWO_HOP_RECEIPT_KIND;
  return isTwoHop ? { kind: 'two-hop', receipt: twoHopReceiptFromJson(value) } : parseAnyReceiptBytes(bytes);
}
