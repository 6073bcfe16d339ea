// The JSON form of a receipt, for people and tools (docs/receipt-format.md). Bytes are lowercase hex
// and are the source of truth; next to the tx, header and commit bytes the writer adds their
// decoded fields under "decoded" so a reader sees what they say. A reader must never be misled by
// those: the parser accepts "decoded" only when it equals what the bytes decode to.
import { toHex } from '../types/index.js';
import { duplicateJsonKey, isUnicodeText } from './json-duplicates.js';
import { difference } from './json-difference.js';
import {
  RECEIPT_VERSION, RECEIPT_VERSION_TRUSTED, ReceiptFormatError, algorithmId, algorithmName, decodeReceipt,
  type Receipt, type ReceiptSetChange, type ReceiptTrusted, type ReceiptValidator,
} from './receipt.js';
import { commitView, headerView, txView, type CommitJsonView, type HeaderJsonView, type TxJsonView } from './receipt-views.js';

export {
  commitView, headerView, txView, type AnchorJsonView, type CommitJsonView, type HeaderJsonView, type JsonInteger, type TxJsonView,
} from './receipt-views.js';

export const RECEIPT_FORMAT = 'tianping-receipt';

export interface BytesJson<View> {
  readonly hex: string;
  /** Omitted when the bytes do not decode. Informative only; must equal the decoding of hex. */
  readonly decoded?: View;
}

export interface ValidatorJson {
  readonly publicKey: string;
  readonly power: number;
}

export interface SetChangeJson {
  readonly header: BytesJson<HeaderJsonView>;
  readonly commit: BytesJson<CommitJsonView>;
  readonly nextValidators: readonly ValidatorJson[];
}

/** Version 2: the trusted header H and the block's place in H's history tree. */
export interface TrustedJson {
  readonly header: BytesJson<HeaderJsonView>;
  readonly historyProof: { readonly leafIndex: number; readonly treeSize: number; readonly hashes: readonly string[] };
  /** H's checkpoint as a signed note with witness cosignatures (§13.5), when attached. */
  readonly witnessedCheckpoint?: string;
}

/** Version 1 carries `commit` and `setChanges`; version 2 carries `trusted` instead. */
export interface ReceiptJson {
  readonly format: typeof RECEIPT_FORMAT;
  readonly version: typeof RECEIPT_VERSION | typeof RECEIPT_VERSION_TRUSTED;
  readonly chainId: string;
  readonly algorithm: 'sha256' | 'sm3';
  readonly digest: string;
  readonly salted: boolean;
  readonly batch?: { readonly itemIndex: number; readonly itemCount: number; readonly path: readonly string[] };
  readonly tx: BytesJson<TxJsonView>;
  readonly txIndex: number;
  readonly txCount: number;
  readonly txProof: readonly string[];
  readonly header: BytesJson<HeaderJsonView>;
  readonly commit?: BytesJson<CommitJsonView>;
  readonly setChanges?: readonly SetChangeJson[];
  readonly trusted?: TrustedJson;
}

// ------------------------------------------------------------------ writing

export function receiptToJson(receipt: Receipt): ReceiptJson {
  const algorithm = algorithmName(receipt.algorithm);
  const trusted = receipt.trusted;
  // Each version has its own fields: a receipt that mixes them has no JSON form that reads back the same.
  const shapeOk = receipt.version === RECEIPT_VERSION ? trusted === undefined
    : receipt.version === RECEIPT_VERSION_TRUSTED && trusted !== undefined && receipt.commit.length === 0 && receipt.setChanges.length === 0;
  if (!shapeOk) throw new ReceiptFormatError(`version ${receipt.version} with these fields has no JSON form here`);
  if (algorithm === undefined) throw new ReceiptFormatError(`hash algorithm ${receipt.algorithm} has no name`);
  return {
    format: RECEIPT_FORMAT,
    version: receipt.version === RECEIPT_VERSION ? RECEIPT_VERSION : RECEIPT_VERSION_TRUSTED,
    chainId: receipt.chainId,
    algorithm,
    digest: toHex(receipt.digest),
    salted: receipt.salted,
    ...(receipt.batch === undefined ? {} : {
      batch: { itemIndex: receipt.batch.itemIndex, itemCount: receipt.batch.itemCount, path: receipt.batch.path.map(toHex) },
    }),
    tx: withView(receipt.tx, txView),
    txIndex: receipt.txIndex,
    txCount: receipt.txCount,
    txProof: receipt.txProof.map(toHex),
    header: withView(receipt.header, headerView),
    ...(trusted === undefined
      ? { commit: withView(receipt.commit, commitView), setChanges: receipt.setChanges.map(setChangeToJson) }
      : { trusted: trustedToJson(trusted) }),
  };
}

function trustedToJson(trusted: ReceiptTrusted): TrustedJson {
  const { leafIndex, treeSize, hashes } = trusted.historyProof;
  return {
    header: withView(trusted.header, headerView), historyProof: { leafIndex, treeSize, hashes: hashes.map(toHex) },
    ...(trusted.witnessedCheckpoint === undefined ? {} : { witnessedCheckpoint: trusted.witnessedCheckpoint }),
  };
}

export function setChangeToJson(change: ReceiptSetChange): SetChangeJson {
  return {
    header: withView(change.header, headerView),
    commit: withView(change.commit, commitView),
    nextValidators: change.nextValidators.map((v) => ({ publicKey: toHex(v.publicKey), power: v.power })),
  };
}

/** The JSON text as written to a file: two-space indentation, one trailing newline. */
export function formatReceiptJson(receipt: Receipt): string {
  return JSON.stringify(receiptToJson(receipt), null, 2) + '\n';
}

/** Bytes as hex, with what they decode to beside them when they decode. */
export function withView<View>(bytes: Uint8Array, view: (bytes: Uint8Array) => View | undefined): BytesJson<View> {
  const decoded = view(bytes);
  return decoded === undefined ? { hex: toHex(bytes) } : { hex: toHex(bytes), decoded };
}

// ------------------------------------------------------------------ reading

function bad(path: string, message: string): never {
  throw new ReceiptFormatError(`receipt JSON: ${path} ${message}`);
}

function object(value: unknown, path: string, required: readonly string[], optional: readonly string[] = []): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) bad(path, 'must be an object');
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!required.includes(key) && !optional.includes(key)) bad(`${path}.${key}`, 'is not a field of this format');
  }
  for (const key of required) if (!(key in record)) bad(`${path}.${key}`, 'is missing');
  return record;
}

function text(value: unknown, path: string): string {
  if (typeof value !== 'string') bad(path, 'must be a string');
  // Such a string has no UTF-8 form, so no protobuf form either (§3): not "1..64 UTF-8 bytes".
  if (!isUnicodeText(value)) bad(path, 'is not Unicode text (an unpaired surrogate escape)');
  return value;
}

function boolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') bad(path, 'must be true or false');
  return value;
}

function integer(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) bad(path, 'must be a non-negative integer below 2^53');
  return value;
}

const LOWER_HEX = /^(?:[0-9a-f]{2})*$/;

function hex(value: unknown, path: string): Uint8Array {
  const s = text(value, path);
  if (!LOWER_HEX.test(s)) bad(path, 'must be lowercase hex of whole bytes');
  const bytes = new Uint8Array(s.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(s.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

function list<T>(value: unknown, path: string, item: (value: unknown, path: string) => T): T[] {
  if (!Array.isArray(value)) bad(path, 'must be an array');
  return value.map((v, i) => item(v, `${path}[${i}]`));
}

function bytesWithView<View>(value: unknown, path: string, view: (bytes: Uint8Array) => View | undefined): Uint8Array {
  const record = object(value, path, ['hex'], ['decoded']);
  const bytes = hex(record['hex'], `${path}.hex`);
  if ('decoded' in record) {
    const expected = view(bytes);
    if (expected === undefined) bad(`${path}.decoded`, `is given, but ${path}.hex does not decode`);
    const differs = difference(record['decoded'], expected, `${path}.decoded`);
    if (differs !== undefined) bad(differs, `does not match what ${path}.hex decodes to (the bytes are the source of truth)`);
  }
  return bytes;
}

function validatorFromJson(value: unknown, path: string): ReceiptValidator {
  const record = object(value, path, ['publicKey', 'power']);
  return { publicKey: hex(record['publicKey'], `${path}.publicKey`), power: integer(record['power'], `${path}.power`) };
}

function setChangeFromJson(value: unknown, path: string): ReceiptSetChange {
  const record = object(value, path, ['header', 'commit', 'nextValidators']);
  return {
    header: bytesWithView(record['header'], `${path}.header`, headerView),
    commit: bytesWithView(record['commit'], `${path}.commit`, commitView),
    nextValidators: list(record['nextValidators'], `${path}.nextValidators`, validatorFromJson),
  };
}

/** The strict readers, shared with the event receipt's JSON form (event-receipt.ts). */
/** The fields a receipt of a named kind opens with: its format (when it has one), kind and version. */
const HEAD_FIELDS: readonly string[] = ['format', 'kind', 'version'];

/**
 * The document of a receipt of a named kind (`what`: "event receipts", ...), with exactly `fields`.
 * The kind and then the version are read before any other field: the version decides the shape of
 * everything else.
 */
function kindDocument(value: unknown, fields: readonly string[], kind: string, version: number, what: string): Record<string, unknown> {
  const head = object(value, '$', fields.filter((field) => HEAD_FIELDS.includes(field)), fields);
  if (fields.includes('format') && head['format'] !== RECEIPT_FORMAT) bad('$.format', `must be "${RECEIPT_FORMAT}"`);
  if (head['kind'] !== kind) bad('$.kind', `must be "${kind}"`);
  const given = integer(head['version'], '$.version');
  if (given !== version) bad('$.version', `is ${given}; this verifier reads ${what} of version ${version}`);
  return object(value, '$', fields);
}

export const jsonReader = { bad, object, text, integer, hex, list, bytesWithView, setChange: setChangeFromJson, kindDocument };

const COMMON_FIELDS = ['format', 'version', 'chainId', 'algorithm', 'digest', 'salted', 'tx', 'txIndex', 'txCount', 'txProof', 'header'];
/** The fields each version requires beside the common ones: how its block is proved. */
const PROOF_FIELDS: Readonly<Record<number, readonly string[]>> = {
  [RECEIPT_VERSION]: ['commit', 'setChanges'],
  [RECEIPT_VERSION_TRUSTED]: ['trusted'],
};

/** Strict: every field present with its type, no field this version does not define. */
export function receiptFromJson(value: unknown): Receipt {
  const head = object(value, '$', ['format', 'version'], [...COMMON_FIELDS, 'batch', 'commit', 'setChanges', 'trusted']);
  if (head['format'] !== RECEIPT_FORMAT) bad('$.format', `must be "${RECEIPT_FORMAT}"`);
  // The version decides the shape of everything else, so it is read before any other field.
  const version = integer(head['version'], '$.version');
  const proofFields = PROOF_FIELDS[version];
  if (proofFields === undefined) bad('$.version', `is ${version}; this verifier reads versions ${RECEIPT_VERSION} and ${RECEIPT_VERSION_TRUSTED}`);
  const doc = object(value, '$', [...COMMON_FIELDS, ...proofFields], ['batch']);
  const algorithm = text(doc['algorithm'], '$.algorithm');
  if (algorithm !== 'sha256' && algorithm !== 'sm3') bad('$.algorithm', 'must be "sha256" or "sm3"');
  let batch: Receipt['batch'];
  if ('batch' in doc) {
    const b = object(doc['batch'], '$.batch', ['itemIndex', 'itemCount', 'path']);
    batch = {
      itemIndex: integer(b['itemIndex'], '$.batch.itemIndex'),
      itemCount: integer(b['itemCount'], '$.batch.itemCount'),
      path: list(b['path'], '$.batch.path', hex),
    };
  }
  return {
    version,
    chainId: text(doc['chainId'], '$.chainId'),
    algorithm: algorithmId(algorithm),
    digest: hex(doc['digest'], '$.digest'),
    salted: boolean(doc['salted'], '$.salted'),
    ...(batch === undefined ? {} : { batch }),
    tx: bytesWithView(doc['tx'], '$.tx', txView),
    txIndex: integer(doc['txIndex'], '$.txIndex'),
    txCount: integer(doc['txCount'], '$.txCount'),
    txProof: list(doc['txProof'], '$.txProof', hex),
    header: bytesWithView(doc['header'], '$.header', headerView),
    ...(version === RECEIPT_VERSION
      ? {
          commit: bytesWithView(doc['commit'], '$.commit', commitView),
          setChanges: list(doc['setChanges'], '$.setChanges', setChangeFromJson),
        }
      : { commit: new Uint8Array(), setChanges: [], trusted: trustedFromJson(doc['trusted']) }),
  };
}

function trustedFromJson(value: unknown): ReceiptTrusted {
  const record = object(value, '$.trusted', ['header', 'historyProof'], ['witnessedCheckpoint']);
  const proof = object(record['historyProof'], '$.trusted.historyProof', ['leafIndex', 'treeSize', 'hashes']);
  return {
    header: bytesWithView(record['header'], '$.trusted.header', headerView),
    historyProof: {
      leafIndex: integer(proof['leafIndex'], '$.trusted.historyProof.leafIndex'),
      treeSize: integer(proof['treeSize'], '$.trusted.historyProof.treeSize'),
      hashes: list(proof['hashes'], '$.trusted.historyProof.hashes', hex),
    },
    ...witnessedFromJson(record['witnessedCheckpoint']),
  };
}

/** An empty note has no protobuf form distinct from none (proto3), so it is refused rather than dropped. */
function witnessedFromJson(value: unknown): { witnessedCheckpoint?: string } {
  if (value === undefined) return {};
  const note = text(value, '$.trusted.witnessedCheckpoint');
  if (note.length === 0) bad('$.trusted.witnessedCheckpoint', 'is empty: leave the field out instead');
  return { witnessedCheckpoint: note };
}

/**
 * The JSON text of a receipt of either kind, parsed: refused (ReceiptFormatError) when it is not
 * JSON or when an object names a key twice (§3), which JSON.parse alone would let through.
 */
export function parseReceiptJsonText(json: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new ReceiptFormatError(`receipt JSON does not parse: ${(error as Error).message}`);
  }
  const duplicate = duplicateJsonKey(json);
  if (duplicate !== undefined) throw new ReceiptFormatError(`receipt JSON: ${duplicate} is given twice`);
  return value;
}

export function parseReceiptJson(json: string): Receipt {
  return receiptFromJson(parseReceiptJsonText(json));
}

/**
 * A receipt file in either encoding: JSON when its first non-blank byte (after an optional UTF-8
 * byte order mark) is "{", protobuf otherwise (a protobuf Receipt starts with field 1, byte 0x08).
 */
export function parseReceiptBytes(bytes: Uint8Array): Receipt {
  if (!isJsonReceiptFile(bytes)) return decodeReceipt(bytes);
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ReceiptFormatError('receipt JSON is not UTF-8');
  }
  return parseReceiptJson(json);
}

/**
 * Whether a receipt file (of any kind) is JSON: its first non-blank byte, after an optional UTF-8
 * byte order mark, is "{". A protobuf receipt starts with field 1: 0x08 or 0x0a.
 */
export function isJsonReceiptFile(bytes: Uint8Array): boolean {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return bytes.subarray(bom).find((b) => b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) === 0x7b;
}

/** A JSON receipt file of any kind, parsed as parseReceiptJsonText does; bytes that are not UTF-8 are refused. */
export function parseReceiptFileJson(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw new ReceiptFormatError(`receipt JSON does not parse: ${(error as Error).message}`);
  }
  return parseReceiptJsonText(text);
}
