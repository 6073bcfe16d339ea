// Compact proposals: a proposal's block on the wire as its header and its txs' hashes. Under load a
// block holds thousands of txs that every validator already received through tx gossip, and
// sending them again inside the proposal doubled the node's p2p bytes (plus gossipsub's forwarded
// duplicates of a message that large). The receiver rebuilds the exact block bytes from its
// mempool; the block hash is the header's hash and the proposal signature covers that hash, so the
// rebuilt proposal is the one the proposer signed, or it fails validation like any bad block.
import { pb, decodeCanonical, encodeBlock, decodeBlock, txHash } from '../codec/index.js';
import type { Proposal } from '../consensus/tendermint/index.js';
import { asHeight, asRound, TianpingError, HASH_BYTES } from '../types/index.js';
import { consensusBlock } from './consensus-codec.js';

type CompactMessage = InstanceType<typeof pb.CompactProposal>;

/** A decoded compact proposal: everything but the txs, which the receiver looks up by hash. */
export interface CompactProposal {
  readonly height: number;
  readonly round: number;
  readonly validRound: number;
  readonly header: Uint8Array;
  readonly txHashes: readonly Uint8Array[];
  readonly proposerIndex: number;
  readonly signature: Uint8Array;
}

export function compactMessage(proposal: Proposal): CompactMessage {
  const { block } = decodeBlock(proposal.block.bytes);
  const txHashes = new Uint8Array(block.txs.length * HASH_BYTES);
  block.txs.forEach((tx, i) => txHashes.set(txHash(tx), i * HASH_BYTES));
  return pb.CompactProposal.create({ height: proposal.height, round: proposal.round, validRound: proposal.validRound,
    header: block.header, txHashes, proposerIndex: proposal.proposerIndex, signature: proposal.signature });
}

export function encodeCompactProposal(proposal: Proposal): Uint8Array {
  return pb.CompactProposal.encode(compactMessage(proposal)).finish();
}

/** Checks what can be checked without the txs; throws TianpingError (TX_MALFORMED, TX_NOT_CANONICAL). */
export function compactFromMessage(m: CompactMessage, txsMax: number): CompactProposal {
  if (m.validRound < -1) throw new TianpingError('TX_MALFORMED', 'proposal valid round below -1');
  if (m.txHashes.length % HASH_BYTES !== 0) throw new TianpingError('TX_MALFORMED', 'tx hashes are not 32 bytes each');
  try {
    pb.Header.decode(m.header);
  } catch (error) {
    throw new TianpingError('TX_MALFORMED', `proposal header does not decode: ${(error as Error).message}`);
  }
  const count = m.txHashes.length / HASH_BYTES;
  if (count > txsMax) throw new TianpingError('TX_MALFORMED', `proposal names ${count} txs; a block holds at most ${txsMax}`);
  const txHashes: Uint8Array[] = [];
  for (let i = 0; i < count; i++) txHashes.push(m.txHashes.subarray(i * HASH_BYTES, (i + 1) * HASH_BYTES));
  return { height: m.height, round: m.round, validRound: m.validRound, header: m.header, txHashes,
    proposerIndex: m.proposerIndex, signature: m.signature };
}

export function decodeCompactProposal(bytes: Uint8Array, txsMax: number): CompactProposal {
  return compactFromMessage(decodeCanonical(pb.CompactProposal, bytes, 'compact proposal'), txsMax);
}

/** The whole proposal, given the txs named by `compact.txHashes`, in that order. */
export function proposalFromCompact(compact: CompactProposal, txs: readonly Uint8Array[]): Proposal {
  return { height: asHeight(compact.height), round: asRound(compact.round),
    validRound: compact.validRound === -1 ? -1 : asRound(compact.validRound),
    block: consensusBlock(encodeBlock(compact.header, txs)), proposerIndex: compact.proposerIndex, signature: compact.signature };
}
