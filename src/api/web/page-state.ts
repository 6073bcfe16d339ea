// What the sections of the court's verification page share: the one state object they all read
// and write (the file, its digests, the receipt, the trust anchor, and the tokens that let a newer
// action win over a slower older one), the page's elements by id, and the names of the algorithms.
import type { AnchorSchema, Json } from '../../contract/http.js';
import type { EvidenceAlgorithm, LoadedTrust, ReceiptFile } from './tianping-web.js';

export const ALGORITHM_LABELS: Readonly<Record<EvidenceAlgorithm, string>> = { sha256: 'SHA-256', sm3: 'SM3' };

/** The page's element of that id; the page is static, so a missing one is a bug of this script. */
export function $<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (node === null) throw new Error(`the page has no #${id}`);
  return node as T;
}

// The node's anchors have the shape of its HTTP contract (type-only: nothing of it is bundled).
export type EvidenceAnchor = Json<typeof AnchorSchema>;

interface Trust {
  readonly loaded: LoadedTrust;
  readonly source: 'node' | 'file';
  readonly name: string;
  readonly at: number;
}

export const state: {
  file: File | undefined;
  fileToken: number;
  digests: Map<EvidenceAlgorithm, Uint8Array>;
  hashQueue: Promise<unknown>;
  lookupToken: number;
  anchorsByTx: Map<string, EvidenceAnchor>;
  receipt: { readonly parsed: ReceiptFile; readonly name: string } | undefined;
  trust: Trust | undefined;
  checkToken: number;
} = {
  /** The evidence file: a File, never read whole. */
  file: undefined,
  /** Bumped with every new file: results computed for an older file are dropped. */
  fileToken: 0,
  /** algorithm → file digest (Uint8Array) of the current file. */
  digests: new Map(),
  /** Hashing runs one pass at a time; later requests wait for the pass before them. */
  hashQueue: Promise.resolve(),
  /** Bumped with every lookup, so a slow answer never overwrites a newer one. */
  lookupToken: 0,
  /** Anchors seen online, by tx hash: they name the submitter when the trust anchor cannot. */
  anchorsByTx: new Map(),
  /** The receipt loaded, with the name of its file or download. */
  receipt: undefined,
  /** The trust anchor: the genesis fetched from the node at load, or a file the user loaded. */
  trust: undefined,
  /** Bumped with every receipt check. */
  checkToken: 0,
};
