// The votes and proposals a node kept of its own signing: its consensus WAL record in the ledger
// (src/node/consensus-wal.ts: the last signature, its own votes and proposals of the height) and
// its high-water mark file beside the ledger (<dataDir>/high-water.json: the last signature and
// the committed tip). Each statement is entered in the vote book under the node's own key, and
// only if its signature verifies under that key.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pb } from '../../../src/codec/index.js';
import type { TestnetNode } from '../../testnet-files.js';
import type { Findings } from './findings.js';
import { parseSignBytes, proposalSignBytes, sha256, unhex, verifySignature, voteSignBytes } from './primitives.js';
import type { RawLedger } from './raw-ledger.js';
import type { Trust } from './trust.js';
import type { VoteBook } from './votes.js';

export const HIGH_WATER_FILE = 'high-water.json';

/** Enters one signed sign-bytes string; a signature that does not verify is a failure for an honest node. */
function enter(node: TestnetNode, trust: Trust, votes: VoteBook, findings: Findings, signBytes: Uint8Array,
  signature: Uint8Array, source: string): void {
  const key = unhex(node.nodeId)!;
  const statement = parseSignBytes(trust.chainId, signBytes);
  if (statement === undefined || !verifySignature(key, signBytes, signature)) {
    if (!trust.byzantine.has(node.nodeId)) {
      findings.fail(`${node.name}: ${source} holds a ${statement === undefined ? 'statement that is no vote or proposal of this chain'
        : `signature that does not verify (height ${statement.height} round ${statement.round})`}`);
    }
    return;
  }
  votes.add(node.nodeId, statement, signBytes, `${source} of ${node.name}`);
}

export async function collectWalVotes(raw: RawLedger, node: TestnetNode, trust: Trust, votes: VoteBook, findings: Findings):
  Promise<void> {
  const wal = await raw.consensusWal();
  if (wal === undefined) return;
  let record;
  try {
    record = pb.ConsensusWal.decode(wal.record);
  } catch (error) {
    findings.fail(`${node.name}: consensus WAL record does not decode: ${(error as Error).message}`);
    return;
  }
  findings.add('walRecords');
  const height = Number(record.height);
  const s = record.lastSigned;
  if (s?.signBytes && s.signBytes.length > 0) enter(node, trust, votes, findings, s.signBytes, s.signature ?? new Uint8Array(), 'WAL last signed');
  for (const v of record.ownVotes) {
    const signBytes = voteSignBytes(trust.chainId, Number(v.height), v.round ?? 0, v.type ?? 0, v.blockHash ?? new Uint8Array());
    enter(node, trust, votes, findings, signBytes, v.signature ?? new Uint8Array(), 'WAL own vote');
  }
  for (const p of record.ownProposalRefs) {
    const signBytes = proposalSignBytes(trust.chainId, height, p.round ?? 0, p.validRound ?? -1, p.blockHash ?? new Uint8Array());
    enter(node, trust, votes, findings, signBytes, p.signature ?? new Uint8Array(), 'WAL own proposal');
  }
  for (const p of record.ownProposals) {
    // Records written before blocks were kept apart carry the block inline.
    let blockHash: Uint8Array;
    try {
      blockHash = sha256(pb.Block.decode(p.block ?? new Uint8Array()).header);
    } catch {
      findings.fail(`${node.name}: a WAL own proposal's block does not decode`);
      continue;
    }
    const signBytes = proposalSignBytes(trust.chainId, Number(p.height), p.round ?? 0, p.validRound ?? -1, blockHash);
    enter(node, trust, votes, findings, signBytes, p.signature ?? new Uint8Array(), 'WAL own proposal');
  }
}

/**
 * The high-water mark: its last signature enters the vote book, and the block it says was
 * committed must be in the ledger at that height (a node whose ledger lost blocks it had
 * committed, or holds another block there, fails). Its checksum is the node's business: the
 * signature and the chain are what count here.
 */
export function checkHighWater(node: TestnetNode, hashes: readonly string[], trust: Trust, votes: VoteBook, findings: Findings): void {
  const path = join(node.dataDir, HIGH_WATER_FILE);
  if (!existsSync(path)) return;
  let mark: { committed?: { height?: unknown; blockHash?: unknown }; signed?: { signBytes?: unknown; signature?: unknown } | null };
  try {
    mark = JSON.parse(readFileSync(path, 'utf8')) as typeof mark;
  } catch (error) {
    findings.fail(`${node.name}: ${HIGH_WATER_FILE} is not JSON: ${(error as Error).message}`);
    return;
  }
  findings.add('highWaterMarks');
  const height = Number(mark.committed?.height);
  const blockHash = String(mark.committed?.blockHash ?? '');
  if (Number.isSafeInteger(height) && height > 0) {
    if (hashes.length < height) {
      findings.fail(`${node.name}: high-water mark says height ${height} committed (block ${blockHash}), the ledger ends at ${hashes.length}`);
    } else if (hashes[height - 1] !== blockHash) {
      findings.fail(`${node.name}: high-water mark says block ${blockHash} at height ${height}, the ledger holds ${hashes[height - 1]}`);
    }
  }
  const signed = mark.signed;
  if (signed === null || signed === undefined) return;
  const signBytes = typeof signed.signBytes === 'string' ? unhex(signed.signBytes) : undefined;
  const signature = typeof signed.signature === 'string' ? unhex(signed.signature) : undefined;
  if (signBytes === undefined || signature === undefined) {
    findings.fail(`${node.name}: ${HIGH_WATER_FILE} signed record lacks hex signBytes and signature`);
    return;
  }
  enter(node, trust, votes, findings, signBytes, signature, 'high-water mark');
}

