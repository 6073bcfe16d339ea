// Receipts of version 2 (docs/receipt-format.md §13): the receipt's block is proved against a newer
// header H that the verifier already trusts, by the history tree H's header commits to, instead of by
// the block's commit and the validator sets from the genesis to it. A verifier then needs no
// validator set older than H, so keys of a retired set that leak later cannot fool it with a
// backdated fork: a block of the fork is not in H's history. Browser-safe: no node:* imports.
import type { HeaderMsg } from '../codec/proto.js';
import { sha256 } from '../crypto/hash.js';
import { verifyInclusion } from '../merkle/index.js';
import { equalBytes, fromHex, toHex } from '../types/index.js';
import type { Receipt, ReceiptTrusted } from './receipt.js';
import { checkHashList, decodeHeader, fail, isCount, isIndex, TIME_MS_MAX } from './receipt-commit.js';
import { TrustAnchorError, checkTrustChainId, type PreparedTrust } from './receipt-trust.js';

/**
 * Where trust starts for a version 2 receipt: the hash of a header the verifier trusts (a court
 * recorded it, or it checked that header while its set was current). Nothing else: no validators.
 */
export interface HeaderHashTrust {
  readonly chainId: string;
  /** SHA-256 of the trusted header's exact bytes (its block hash), as bytes or hex. */
  readonly trustedHeaderHash: string | Uint8Array;
}

export function isHeaderHashTrust(trust: object): trust is HeaderHashTrust {
  return 'trustedHeaderHash' in trust;
}

/**
 * The trust the shared checks (chain-id, header) read: the chain id, and no trusted height, since a
 * header-hash trust says nothing about heights below H. The set is empty: no signature is checked.
 */
export function prepareHeaderHashTrust(trust: HeaderHashTrust): { prepared: PreparedTrust; headerHash: Uint8Array } {
  checkTrustChainId(trust.chainId);
  const hash = typeof trust.trustedHeaderHash === 'string' ? fromHex(trust.trustedHeaderHash) : trust.trustedHeaderHash;
  if (hash === undefined || hash.length !== 32) throw new TrustAnchorError('trust anchor: the trusted header hash is not 32 bytes');
  const prepared: PreparedTrust = {
    chainId: trust.chainId, set: { validators: [], total: 0n, hash: new Uint8Array() }, height: 0, names: new Map(),
  };
  return { prepared, headerHash: hash };
}

/** Part of `format` for version 2: the trusted part is well-formed, and nothing of version 1's proof is there. */
export function checkTrustedShape(receipt: Receipt): ReceiptTrusted {
  const trusted = receipt.trusted;
  if (trusted === undefined) fail('version 2 needs the trusted header and its history proof');
  if (receipt.commit.length > 0) fail('a version 2 receipt carries no commit: its block is proved by the history proof');
  if (receipt.setChanges.length > 0) fail('a version 2 receipt carries no validator-set changes');
  if (trusted.header.length === 0) fail('the trusted header bytes are empty');
  const { leafIndex, treeSize, hashes } = trusted.historyProof;
  if (!isCount(treeSize) || !isIndex(leafIndex) || leafIndex >= treeSize) {
    fail(`history proof position ${leafIndex} of ${treeSize} is not an index below a positive size`);
  }
  checkHashList(hashes, 'history proof');
  return trusted;
}

/**
 * `trusted-header`: H is the header the verifier trusts (its SHA-256 is the hash given), decodes
 * canonically, is of the chain, and lies above the receipt's block: only an older block can be in
 * its history.
 */
export function checkTrustedHeader(trusted: ReceiptTrusted, headerHash: Uint8Array, chainId: string, block: HeaderMsg):
  { header: HeaderMsg; detail: string } {
  const hash = sha256(trusted.header);
  if (!equalBytes(hash, headerHash)) {
    fail(`the trusted header in the receipt hashes to ${toHex(hash)}, not to the trusted header hash ${toHex(headerHash)}`);
  }
  const header = decodeHeader(trusted.header, 'the trusted header');
  if (header.chainId !== chainId) fail(`the trusted header is for chain "${header.chainId}"`);
  if (header.timeMs > TIME_MS_MAX) fail(`the trusted header time ${header.timeMs} is not a representable date`);
  if (header.height <= block.height) {
    fail(`the trusted header is at height ${header.height}, not above the receipt's block (${block.height})`);
  }
  return { header, detail: `height ${header.height}, block hash ${toHex(hash)}, history root ${toHex(header.historyRoot)}` };
}

/**
 * `history-inclusion`: the receipt's block hash is leaf height - 1 of H's history tree (size
 * H.height - 1; the block hash is the leaf node itself, with no leaf prefix, §4), under H's root.
 */
export function checkHistoryInclusion(trusted: ReceiptTrusted, trustedHeader: HeaderMsg, block: HeaderMsg, blockHash: Uint8Array): string {
  const { leafIndex, treeSize, hashes } = trusted.historyProof;
  if (treeSize !== trustedHeader.height - 1) {
    fail(`the history proof is for a tree of ${treeSize} blocks; the trusted header's history holds ${trustedHeader.height - 1}`);
  }
  if (leafIndex !== block.height - 1) fail(`the history proof is for leaf ${leafIndex}; block ${block.height} is leaf ${block.height - 1}`);
  if (!verifyInclusion(blockHash, leafIndex, treeSize, hashes, trustedHeader.historyRoot)) {
    fail(`the history proof does not lead from block hash ${toHex(blockHash)} to the trusted header's history root `
      + `${toHex(trustedHeader.historyRoot)}: the block is not in the trusted header's history`);
  }
  return `block ${block.height} is leaf ${leafIndex} of the ${treeSize} blocks under the history root of height ${trustedHeader.height}`;
}
