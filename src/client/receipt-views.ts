// The `decoded` views of a receipt's bytes (docs/receipt-format.md §3): what a tx, a header and a
// commit decode to, for people to read. Each is computed from the bytes alone, integers exact (a
// value of 2^53 or more as its decimal digits), and exists only when the bytes decode canonically;
// the JSON readers (receipt-json.ts, event-receipt.ts) refuse a given view that differs from it.
// Browser-safe: no node:* imports.
import { blockHashOfHeader } from '../codec/block.js';
import { pb } from '../codec/proto.js';
import { toHex } from '../types/index.js';
import { decodeExact, decodeReceiptTx, jsonInteger } from './exact-proto.js';
import { RECEIPT_TX_BYTES_MAX, algorithmName } from './receipt.js';

/** An integer of a view: a JSON number below 2^53, else its decimal digits as a string (§3). */
export type JsonInteger = number | string;

export interface HeaderJsonView {
  readonly blockHash: string;
  readonly chainId: string;
  readonly height: JsonInteger;
  readonly timeMs: JsonInteger;
  /** timeMs as ISO 8601 UTC, when representable. */
  readonly time?: string;
  readonly prevBlockHash: string;
  readonly historyRoot: string;
  readonly txRoot: string;
  readonly appHash: string;
  readonly resultsHash: string;
  readonly validatorsHash: string;
  readonly nextValidatorsHash: string;
  readonly proposer: string;
  readonly txCount: number;
  /** Only in a header of a block with case events (fields 13, 14): absent, the view is the one of before. */
  readonly eventsRoot?: string;
  readonly eventCount?: number;
}

export interface CommitJsonView {
  readonly height: JsonInteger;
  readonly round: number;
  readonly blockHash: string;
  readonly signatures: readonly { readonly validatorIndex: number; readonly signature: string }[];
}

export interface AnchorJsonView {
  /** "sha256", "sm3", or any other value of the enum as a JSON number. */
  readonly algorithm: string | number;
  readonly category: string;
  readonly externalRef: string;
  readonly metadataDigest: string;
  readonly salted: boolean;
}

export interface TxJsonView {
  readonly hash: string;
  readonly chainId: string;
  readonly signer: string;
  readonly nonce: JsonInteger;
  readonly expiresAtMs: JsonInteger;
  readonly signature: string;
  /** The TxBody oneof case: anchorEvidence or anchorBatch (a tx of any other action has no view). */
  readonly action: 'anchorEvidence' | 'anchorBatch';
  readonly anchorEvidence?: AnchorJsonView & { readonly digest: string };
  /** Indexed batches show their item count, not every digest (the bytes hold them). */
  readonly anchorBatch?: AnchorJsonView & { readonly kind: 'indexed' | 'root-only' | 'none'; readonly itemCount: JsonInteger; readonly root?: string };
}

/** A HashAlgorithm value: its name, or the number itself for a value the format does not name (§3). */
const nameOf = (algorithm: number): string | number => algorithmName(algorithm) ?? algorithm;

export function txView(bytes: Uint8Array): TxJsonView | undefined {
  let tx: ReturnType<typeof decodeReceiptTx>;
  try {
    tx = decodeReceiptTx(bytes, RECEIPT_TX_BYTES_MAX);
  } catch {
    return undefined;
  }
  const { body } = tx;
  const base = {
    hash: toHex(tx.hash), chainId: body.chainId, signer: toHex(body.signer), nonce: jsonInteger(body.nonce),
    expiresAtMs: jsonInteger(body.expiresAtMs), signature: toHex(tx.signature), action: body.action as TxJsonView['action'],
  };
  if (body.action === 'anchorEvidence' && body.anchorEvidence) {
    const a = body.anchorEvidence;
    return {
      ...base,
      anchorEvidence: {
        algorithm: nameOf(a.algorithm ?? 0), digest: toHex(a.digest ?? new Uint8Array()), category: a.category ?? '',
        externalRef: a.externalRef ?? '', metadataDigest: toHex(a.metadataDigest ?? new Uint8Array()), salted: a.salted ?? false,
      },
    };
  }
  if (body.action === 'anchorBatch' && body.anchorBatch) {
    const b = body.anchorBatch;
    const common = {
      algorithm: nameOf(b.algorithm ?? 0), category: b.category ?? '', externalRef: b.externalRef ?? '',
      metadataDigest: toHex(b.metadataDigest ?? new Uint8Array()), salted: b.salted ?? false,
    };
    const anchorBatch = b.kind === 'indexed' && b.indexed
      ? { ...common, kind: 'indexed' as const, itemCount: (b.indexed.digests ?? []).length }
      : b.kind === 'rootOnly' && b.rootOnly
        ? { ...common, kind: 'root-only' as const, itemCount: jsonInteger(b.rootOnly.itemCount ?? 0), root: toHex(b.rootOnly.root ?? new Uint8Array()) }
        : { ...common, kind: 'none' as const, itemCount: 0 };
    return { ...base, anchorBatch };
  }
  // No view for any other action (§3): a verifier need not know their messages, so neither can a view show them.
  return undefined;
}

export function headerView(bytes: Uint8Array): HeaderJsonView | undefined {
  let h: InstanceType<typeof pb.Header>;
  try {
    h = decodeExact(pb.Header, bytes, 'header');
  } catch {
    return undefined;
  }
  const time = typeof h.timeMs === 'number' && h.timeMs <= 8.64e15 ? { time: new Date(h.timeMs).toISOString() } : {};
  return {
    blockHash: toHex(blockHashOfHeader(bytes)), chainId: h.chainId, height: jsonInteger(h.height), timeMs: jsonInteger(h.timeMs), ...time,
    prevBlockHash: toHex(h.prevBlockHash), historyRoot: toHex(h.historyRoot), txRoot: toHex(h.txRoot),
    appHash: toHex(h.appHash), resultsHash: toHex(h.resultsHash), validatorsHash: toHex(h.validatorsHash),
    nextValidatorsHash: toHex(h.nextValidatorsHash), proposer: toHex(h.proposer), txCount: h.txCount,
    ...(h.eventsRoot.length === 0 ? {} : { eventsRoot: toHex(h.eventsRoot) }),
    ...(h.eventCount === 0 ? {} : { eventCount: h.eventCount }),
  };
}

export function commitView(bytes: Uint8Array): CommitJsonView | undefined {
  let c: InstanceType<typeof pb.Commit>;
  try {
    c = decodeExact(pb.Commit, bytes, 'commit');
  } catch {
    return undefined;
  }
  return {
    height: jsonInteger(c.height), round: c.round, blockHash: toHex(c.blockHash),
    signatures: c.signatures.map((s) => ({ validatorIndex: s.validatorIndex ?? 0, signature: toHex(s.signature ?? new Uint8Array()) })),
  };
}
