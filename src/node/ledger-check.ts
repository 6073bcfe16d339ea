// Checks of the ledger against itself: each block re-hashed from its stored bytes, linked to the one
// before it, its commit verified against the validator set of its height, its header, hash and tx
// indexes and its anchors' evidence indexes consistent with its txs. The node runs it on its
// newest blocks at every start (node/ledger-open.ts); `tianping ledger check` runs it on them all.
import { decodeBlock, pb, txHash, type HeaderMsg } from '../codec/index.js';
import { createValidatorSet, verifyCertificate, type ValidatorSet } from '../consensus/tendermint/index.js';
import type { SignatureVerifier } from '../crypto/ed25519.js';
import type { Ledger } from '../ledger/index.js';
import { Frontier } from '../merkle/index.js';
import { batchItemKey, evidenceCountKey, evidenceKey, readCounter, readTxLocation, readValidatorHistory } from '../state/index.js';
import { equalBytes, type Hash32 } from '../types/index.js';
import { decodeCertificate } from '../wire/index.js';

export interface LedgerProblem {
  readonly height: number;
  readonly what: string;
  /** The damaged file, when LevelDB named it (a read of a damaged table fails with its name). */
  readonly file?: string;
}

export interface BlockCheckOptions {
  readonly chainId: string;
  readonly verifier: SignatureVerifier;
  readonly fromHeight: number;
  readonly toHeight: number;
  /** Problems reported at most: a lost range would otherwise report every height of it. */
  readonly problemsMax?: number;
  /**
   * The index entries read per block at most: of its txs, and of each indexed batch's items, the
   * first, the last and others spread evenly between, up to this many. Unset: every one (`tianping
   * ledger check`). The start's self-check sets it, so that a start reads the same whatever the
   * blocks hold: reading every item of 64 full blocks of batches was ~1.9 million point reads, most
   * of a restart at 10 million anchors (bench:scale), and 64 blocks of 10,000 single anchors held
   * validators for minutes (bench:catchup). Damage that loses state loses it for a range of keys
   * or a whole block's writes, which the first and last of each block already meet.
   */
  readonly indexSampleMax?: number;
}

/** Positions 0..count−1 to read: all of them, or first, last and evenly spread ones up to `max`. */
export function samplePositions(count: number, max: number | undefined): number[] {
  if (max === undefined || count <= max) return Array.from({ length: count }, (_, i) => i);
  if (max <= 1) return count === 0 ? [] : [count - 1];
  const positions = new Set<number>();
  for (let k = 0; k < max; k++) positions.add(Math.round((k * (count - 1)) / (max - 1)));
  return [...positions].sort((a, b) => a - b);
}

/** Anchors of one digest looked through for a tx's record; past it the check reports the index as unread. */
const EVIDENCE_SCAN_MAX = 10_000;

/** The file LevelDB names in an error ("Corruption: block checksum mismatch: /x/000005.ldb"). */
export function fileInError(error: unknown): string | undefined {
  const match = /(\d{6}\.(?:ldb|sst|log)|MANIFEST-\d+)/.exec(error instanceof Error ? error.message : String(error));
  return match?.[1];
}

/** Problems of heights fromHeight..toHeight (each block also linked to the one before the range). */
export async function checkBlocks(ledger: Ledger, o: BlockCheckOptions): Promise<LedgerProblem[]> {
  const problems: LedgerProblem[] = [];
  const max = o.problemsMax ?? 100;
  const sets = await validatorSets(ledger);
  let prevHash: Uint8Array | undefined = o.fromHeight <= 1 ? new Uint8Array(32) : (await safeHeader(ledger, o.fromHeight - 1))?.hash;
  for (let height = Math.max(1, o.fromHeight); height <= o.toHeight && problems.length < max; height++) {
    let found: LedgerProblem[];
    let hash: Hash32 | undefined;
    try {
      ({ problems: found, hash } = await checkOne(ledger, o, sets, height, prevHash));
    } catch (error) {
      const file = fileInError(error);
      found = [{ height, what: `unreadable: ${(error as Error).message}`, ...(file === undefined ? {} : { file }) }];
    }
    problems.push(...found);
    prevHash = hash;
  }
  return problems.slice(0, max);
}

async function safeHeader(ledger: Ledger, height: number): Promise<{ header: HeaderMsg; hash: Hash32 } | undefined> {
  try {
    return await ledger.header(height);
  } catch {
    return undefined;
  }
}

/** Validator sets by the height they take effect at, from state's history. */
async function validatorSets(ledger: Ledger): Promise<{ from: number; set: ValidatorSet }[]> {
  const history = await readValidatorHistory(ledger.state);
  return [...history.entries()].sort((a, b) => b[0] - a[0]).map(([from, entries]) => ({ from, set: createValidatorSet(entries) }));
}

async function checkOne(ledger: Ledger, o: BlockCheckOptions, sets: readonly { from: number; set: ValidatorSet }[],
  height: number, prevHash: Uint8Array | undefined): Promise<{ problems: LedgerProblem[]; hash: Hash32 | undefined }> {
  const problems: LedgerProblem[] = [];
  const bad = (what: string): void => void problems.push({ height, what });
  const raw = await ledger.rawBlock(height).catch(() => undefined);
  if (raw === undefined) return { problems: [{ height, what: 'block or commit missing' }], hash: undefined };
  const { header, hash, block } = decodeBlock(raw.block);
  if (header.height !== height) bad(`the block stored here is of height ${header.height}`);
  if (prevHash === undefined) bad('the block before it is missing, so its link cannot be checked');
  else if (!equalBytes(header.prevBlockHash, prevHash)) bad('does not link to the block before it (prevBlockHash)');
  const stored = await ledger.header(height).catch(() => undefined);
  if (stored === undefined) bad('header missing');
  else if (!equalBytes(stored.hash, hash)) bad('stored header differs from the header inside the block');
  if ((await ledger.heightOfBlock(hash)) !== height) bad('block hash index does not point here');
  const certificate = decodeCertificate(raw.commit);
  const set = sets.find((s) => s.from <= height)?.set;
  if (certificate.height !== height || !equalBytes(certificate.blockHash, hash)) bad('commit is for another block');
  else if (set === undefined) bad('no validator set is recorded for this height');
  else {
    const check = verifyCertificate(o.chainId, set, certificate, o.verifier);
    if (!check.ok) bad(`commit does not verify against the validator set of its height: ${check.code}`);
  }
  for (const index of samplePositions(block.txs.length, o.indexSampleMax)) {
    const what = await txIndexProblem(ledger, block.txs[index]!, height, index, o.indexSampleMax);
    if (what !== undefined) bad(`tx ${index}: ${what}`);
  }
  return { problems, hash };
}

/** The tx index and the evidence index of an anchor tx, against the block that holds it. */
async function txIndexProblem(ledger: Ledger, tx: Uint8Array, height: number, index: number, itemSampleMax: number | undefined):
  Promise<string | undefined> {
  const id = txHash(tx);
  const location = await readTxLocation(ledger.state, id);
  if (location?.height !== height || location.index !== index) return 'tx index does not point here';
  const body = pb.TxBody.decode(pb.SignedTx.decode(tx).body);
  const single = body.anchorEvidence;
  if (single !== null && single !== undefined) {
    const algorithm = single.algorithm ?? 0;
    const digest = single.digest ?? new Uint8Array();
    const count = await readCounter(ledger.state, evidenceCountKey(algorithm, digest));
    for (let seq = count - 1; seq >= Math.max(0, count - EVIDENCE_SCAN_MAX); seq--) {
      const bytes = await ledger.state.get(evidenceKey(algorithm, digest, seq));
      if (bytes !== undefined && equalBytes(pb.EvidenceRecord.decode(bytes).txHash, id)) return undefined;
    }
    return 'anchor missing from the evidence index of its digest';
  }
  const batch = body.anchorBatch;
  const digests = batch?.indexed?.digests ?? [];
  for (const item of samplePositions(digests.length, itemSampleMax)) {
    if ((await ledger.state.get(batchItemKey(batch?.algorithm ?? 0, digests[item]!, height, index, item))) === undefined) {
      return `batch item ${item} missing from the evidence index`;
    }
  }
  return undefined;
}

/** History roots of every header from 1 to toHeight (the RFC 6962 root over the blocks before it). */
export async function checkHistoryRoots(ledger: Ledger, toHeight: number, problemsMax = 100): Promise<LedgerProblem[]> {
  const problems: LedgerProblem[] = [];
  const history = Frontier.empty();
  for (let height = 1; height <= toHeight && problems.length < problemsMax; height++) {
    const found = await safeHeader(ledger, height);
    if (found === undefined) return problems;
    if (!equalBytes(found.header.historyRoot, history.root())) problems.push({ height, what: 'history root differs' });
    history.append(found.hash);
  }
  return problems;
}
