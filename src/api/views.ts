// Node data → response bodies. Times go out twice: milliseconds for programs, ISO 8601 UTC for
// people reading the JSON.
import type { BlockSummary, EvidenceAnchor, TxCommitInfo } from './components.js';
import type { BlockView, HeaderView, TxCommittedView } from './schemas.js';

export function isoTime(timeMs: number): string {
  return new Date(timeMs).toISOString();
}

export function committedView(info: TxCommitInfo): TxCommittedView {
  return {
    hash: info.hash,
    status: 'committed',
    height: info.height,
    index: info.index,
    blockHash: info.blockHash,
    blockTimeMs: info.blockTimeMs,
    blockTime: isoTime(info.blockTimeMs),
  };
}

export function anchorView(anchor: EvidenceAnchor): EvidenceAnchor & { blockTime: string } {
  return { ...anchor, blockTime: isoTime(anchor.blockTimeMs) };
}

export function blockView(block: BlockSummary): BlockView {
  return {
    ...block,
    time: isoTime(block.timeMs),
    txHashes: [...block.txHashes],
    commit: { round: block.commit.round, signatures: block.commit.signatures.map((s) => ({ ...s })) },
  };
}

/** The block as the public sees it: everything but the list of its transactions. */
export function headerView(block: BlockSummary): HeaderView {
  const { txHashes: _txHashes, ...view } = blockView(block);
  return view;
}
