// One node's stored chain, verified from the genesis up: every header re-hashed from its exact
// bytes, linked to the one before (prev hash, history root), its txs matching its tx root and
// count, its validators hash matching the set in force, and its commit signed for that hash by
// more than 2/3 of that set's power.
//
// The set in force: the genesis set at height 1. When a header names a different next set
// (next_validators_hash), the checker takes the candidate set from the node's state
// (valset/hist/<h+1>, the set the node says took effect) and accepts it only if it hashes to that
// next_validators_hash, which the header committed to under the old set's signatures. So the
// node's state supplies the keys, but only the signed chain decides whether they are the right ones.
import { pb, type CommitMsg, type HeaderMsg } from '../../../src/codec/index.js';
import type { TestnetNode } from '../../testnet-files.js';
import type { Findings } from './findings.js';
import { checkCommit, decodeSet, hex, HistoryTree, merkleRoot, PRECOMMIT, same, setHash, sha256, voteSignBytes,
  type SetMember } from './primitives.js';
import { heightKey, type RawLedger } from './raw-ledger.js';
import type { Trust } from './trust.js';
import type { VoteBook } from './votes.js';

export interface VerifiedChain {
  readonly node: TestnetNode;
  /** Heights read, 1..tip. */
  readonly tip: number;
  /** Block hash (hex) of height h at index h - 1, as this node stores it. */
  readonly hashes: readonly string[];
}

function decodeOr<T>(decode: () => T): T | undefined {
  try {
    return decode();
  } catch {
    return undefined;
  }
}

const canonical = (bytes: Uint8Array, encoded: Uint8Array): boolean => same(bytes, encoded);

interface Cursor {
  prevHash: Uint8Array;
  prevTimeMs: number;
  set: SetMember[] | undefined;
  readonly history: HistoryTree;
}

export async function verifyChain(raw: RawLedger, node: TestnetNode, trust: Trust, votes: VoteBook, findings: Findings):
  Promise<VerifiedChain> {
  const tip = raw.tip();
  const hashes: string[] = [];
  if (tip === undefined) {
    findings.fail(`${node.name}: ledger has no tip (meta/tip)`);
    return { node, tip: 0, hashes };
  }
  const cursor: Cursor = { prevHash: new Uint8Array(32), prevTimeMs: trust.genesis.genesisTimeMs, set: [...trust.genesisSet],
    history: new HistoryTree() };
  for (let height = 1; height <= tip; height++) {
    const hash = verifyHeight(raw, node, trust, votes, findings, height, cursor);
    if (hash === undefined) return { node, tip: height - 1, hashes };
    hashes.push(hex(hash));
  }
  if (raw.block(tip + 1) !== undefined) findings.fail(`${node.name}: a block is stored at height ${tip + 1}, above the tip ${tip}`);
  findings.add('heightsVerified', tip);
  return { node, tip, hashes };
}

/** Checks one height; returns its block hash, or undefined when the block cannot be read at all. */
function verifyHeight(raw: RawLedger, node: TestnetNode, trust: Trust, votes: VoteBook, findings: Findings, height: number,
  cursor: Cursor): Uint8Array | undefined {
  const at = `${node.name} height ${height}`;
  const blockBytes = raw.block(height);
  const block = blockBytes === undefined ? undefined : decodeOr(() => pb.Block.decode(blockBytes));
  const header = block === undefined ? undefined : decodeOr(() => pb.Header.decode(block.header));
  if (blockBytes === undefined || block === undefined || header === undefined) {
    findings.fail(`${at}: block ${blockBytes === undefined ? 'missing' : 'does not decode'} (tip ${raw.tip()})`);
    return undefined;
  }
  const hash = sha256(block.header);
  const hashHex = hex(hash);
  if (!canonical(blockBytes, pb.Block.encode(block).finish()) || !canonical(block.header, pb.Header.encode(header).finish())) {
    findings.fail(`${at}: block or header ${hashHex} is not canonically encoded`);
  }
  if (!same(raw.header(height), block.header)) findings.fail(`${at}: stored header (hd/) differs from the header inside the block`);
  checkHeaderFields(header, block.txs, trust, cursor, findings, `${at} (block ${hashHex})`, height);
  if (raw.heightOfHash(hashHex) !== height) findings.fail(`${at}: hash index bh/${hashHex} does not give ${height}`);
  checkStoredCommit(raw, trust, votes, findings, height, hash, cursor.set, `${at} (block ${hashHex})`, node.name);
  advanceSet(raw, header, cursor, findings, at, height);
  cursor.history.append(hash);
  cursor.prevHash = hash;
  cursor.prevTimeMs = Number(header.timeMs);
  return hash;
}

function checkHeaderFields(header: HeaderMsg, txs: readonly Uint8Array[], trust: Trust, cursor: Cursor, findings: Findings,
  at: string, height: number): void {
  if (header.chainId !== trust.chainId) findings.fail(`${at}: chain id "${header.chainId}", not ${trust.chainId}`);
  if (Number(header.height) !== height) findings.fail(`${at}: header says height ${Number(header.height)}`);
  if (!same(header.prevBlockHash, cursor.prevHash)) {
    findings.fail(`${at}: prev hash ${hex(header.prevBlockHash)} does not link to ${hex(cursor.prevHash)}`);
  }
  if (!same(header.historyRoot, cursor.history.root())) findings.fail(`${at}: history root differs from the root over blocks 1..${height - 1}`);
  const timeMs = Number(header.timeMs);
  if (timeMs <= cursor.prevTimeMs) {
    findings.fail(`${at}: block time ${timeMs} is not after the previous ${height === 1 ? 'genesis ' : 'block '}time ${cursor.prevTimeMs}`);
  }
  if (header.txCount !== txs.length) findings.fail(`${at}: header counts ${header.txCount} txs, the block holds ${txs.length}`);
  if (!same(header.txRoot, merkleRoot(txs.map(sha256)))) findings.fail(`${at}: tx root differs from the root over its txs`);
  if (cursor.set !== undefined) {
    if (!same(header.validatorsHash, setHash(cursor.set))) findings.fail(`${at}: validators hash is not the hash of the set in force`);
    if (!cursor.set.some((v) => same(v.publicKey, header.proposer))) findings.fail(`${at}: proposer ${hex(header.proposer)} is not a validator`);
  }
}

function checkStoredCommit(raw: RawLedger, trust: Trust, votes: VoteBook, findings: Findings, height: number, hash: Uint8Array,
  set: SetMember[] | undefined, at: string, nodeName: string): void {
  const bytes = raw.commit(height);
  const commit: CommitMsg | undefined = bytes === undefined ? undefined : decodeOr(() => pb.Commit.decode(bytes));
  if (commit === undefined) {
    findings.fail(`${at}: commit ${bytes === undefined ? 'missing' : 'does not decode'}`);
    return;
  }
  if (Number(commit.height) !== height || !same(commit.blockHash, hash)) {
    findings.fail(`${at}: commit is for height ${Number(commit.height)} block ${hex(commit.blockHash)}`);
    return;
  }
  if (set === undefined) return;
  const signatures = commit.signatures.map((s) => ({ validatorIndex: s.validatorIndex ?? 0, signature: s.signature ?? new Uint8Array() }));
  const result = checkCommit(trust.chainId, height, commit.round, hash, signatures, set);
  if (result.problem !== undefined) findings.fail(`${at}: commit round ${commit.round}: ${result.problem}`);
  else findings.add('commitsVerified');
  const signBytes = voteSignBytes(trust.chainId, height, commit.round, PRECOMMIT, hash);
  const statement = { height, round: commit.round, step: 3 as const, blockHash: hex(hash) };
  for (const signer of result.signers) votes.add(signer, statement, signBytes, `commit on ${nodeName}`);
}

/** The set of height + 1: the same, or the node's stored candidate when it hashes to the header's next validators hash. */
function advanceSet(raw: RawLedger, header: HeaderMsg, cursor: Cursor, findings: Findings, at: string, height: number): void {
  if (same(header.nextValidatorsHash, header.validatorsHash) || cursor.set === undefined) return;
  const stored = raw.state(`valset/hist/${heightKey(height + 1)}`);
  const candidate = stored === undefined ? undefined : decodeOr(() => decodeSet(stored));
  if (candidate !== undefined && same(setHash(candidate), header.nextValidatorsHash)) {
    cursor.set = candidate;
    findings.add('setChanges');
    return;
  }
  findings.fail(`${at}: the next validator set changes, and the node's stored set of ${height + 1} does not hash to it; `
    + 'commits above are not checked');
  cursor.set = undefined;
}
