// The checks both receipt kinds share (docs/receipt-format.md): the header decoded and held against
// a trusted header, the walk of validator-set changes from the trust anchor's set up to the set that
// signs the header, the commit for that header, and its signatures tallied to more than 2/3 of the
// set's power. CommitProof runs them in order for the anchor, event and two-hop verifiers, keeping
// what each check hands the next. Each failure throws CheckFailure with the check's detail; the
// verifiers' runChecks (receipt-verify.ts) turns it into the named failed check. Browser-safe: no
// node:* imports.
import { blockHashOfHeader } from '../codec/block.js';
import { pb, type CommitMsg, type HeaderMsg } from '../codec/proto.js';
import { VOTE_PRECOMMIT, voteSignBytes } from '../codec/sign-bytes.js';
import { verifyStrict } from '../crypto/ed25519.js';
import { equalBytes, toHex } from '../types/index.js';
import { decodeExact } from './exact-proto.js';
import type { ReceiptSetChange } from './receipt.js';
import { validatorListProblem, validatorSetState, type PreparedTrust, type ValidatorSetState } from './receipt-trust.js';

export interface ReceiptSigner {
  readonly publicKey: string;
  readonly power: number;
  /** Index in the height's validator set (ordered by public key bytes). */
  readonly validatorIndex: number;
  /** Known only for validators named by the trust anchor. */
  readonly name?: string;
}

/** An audit path of a tree below 2^53 leaves has at most 53 hashes. */
const PROOF_HASHES_MAX = 53;
/** Dates beyond this are not representable (ECMAScript time value range). */
export const TIME_MS_MAX = 8.64e15;

/** A failed check; its message is the check's detail. */
export class CheckFailure extends Error {}

export function fail(detail: string): never {
  throw new CheckFailure(detail);
}

/** Part of `format` in both kinds: each set change carries a header, a commit and a well-formed next set. */
export function checkSetChangeShapes(changes: readonly ReceiptSetChange[]): void {
  changes.forEach((change, i) => {
    if (change.header.length === 0 || change.commit.length === 0) fail(`set change ${i + 1}: header or commit bytes are empty`);
    const problem = validatorListProblem(change.nextValidators);
    if (problem !== undefined) fail(`set change ${i + 1}: next validators ${problem}`);
  });
}

/**
 * Check 9 of both receipt kinds: each set change, from the set trusted so far, up to the set that
 * signs the header at `anchorHeight`. Returns that set and the check's detail; fails with the first
 * broken link.
 */
export function walkSetChanges(trust: PreparedTrust, trusted: ValidatorSetState, changes: readonly ReceiptSetChange[],
  anchor: HeaderMsg): { set: ValidatorSetState; detail: string } {
  const anchorHeight = anchor.height;
  let set = trusted;
  // A genesis trusts the set of height 1; a trusted header may itself announce the next change.
  let lowest = Math.max(trust.height, 1);
  // Block times strictly increase from the genesis time (the time of height 0) or the trusted
  // header's: a change at or before the previous one's time is no block of this chain.
  let after = trust.timeMs;
  let afterHeight = trust.height;
  let afterWhat = trust.header === undefined ? 'the genesis time' : 'the trusted header\'s time';
  const applied: string[] = [];
  changes.forEach((change, i) => {
    const name = `set change ${i + 1} of ${changes.length}`;
    const header = decodeHeader(change.header, `${name}: the header`);
    if (header.chainId !== trust.chainId) fail(`${name}: the header is for chain "${header.chainId}"`);
    if (header.height < lowest) {
      fail(`${name}: height ${header.height} is not above the previous change or below the trust anchor (lowest allowed ${lowest})`);
    }
    if (header.height >= anchorHeight) fail(`${name}: height ${header.height} is not below the anchor's header (${anchorHeight})`);
    checkAgainstTrustedHeader(trust, header, change.header, `${name}: the header`);
    if (header.height > trust.height && after !== undefined && !(header.timeMs > after)) {
      fail(`${name}: time ${header.timeMs} is not after ${afterWhat} (${after})`);
    }
    if (!equalBytes(header.validatorsHash, set.hash)) {
      fail(`${name} (height ${header.height}): the header's validators hash is not the hash of the set trusted so far`);
    }
    const what = `${name} (height ${header.height}): the commit`;
    const commit = decodeCommitFor(change.commit, header, blockHashOfHeader(change.header), what);
    requireQuorum(tallyCommit(trust.chainId, commit, set, what).power, set.total, what);
    const next = validatorSetState(change.nextValidators);
    if (!equalBytes(next.hash, header.nextValidatorsHash)) {
      fail(`${name} (height ${header.height}): the next validators do not hash to the header's next validators hash`);
    }
    set = next;
    applied.push(`height ${header.height + 1}: ${next.validators.length} validators, power ${next.total}`);
    lowest = header.height + 1;
    after = header.timeMs;
    afterHeight = header.height;
    afterWhat = `the time of ${name}`;
  });
  if (anchor.height > afterHeight && after !== undefined && !(anchor.timeMs > after)) fail(`the header's time ${anchor.timeMs} is not after ${afterWhat} (${after})`);
  return { set, detail: applied.length === 0 ? 'none: the trust anchor\'s set signs the header' : `sets from ${applied.join('; ')}` };
}

export function isCount(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 1;
}

export function isIndex(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

export function checkHashList(list: readonly Uint8Array[], what: string): void {
  if (list.length > PROOF_HASHES_MAX) fail(`${what} has ${list.length} hashes, more than ${PROOF_HASHES_MAX}`);
  list.forEach((hash, i) => {
    if (hash.length !== 32) fail(`${what} hash ${i} is ${hash.length} bytes, not 32`);
  });
}

/**
 * The header decoded exactly (§1) and bounded: a height or time at or above 2^53 is canonical but no
 * block of a chain; it fails the check that reads the header, with that reason.
 */
export function decodeHeader(bytes: Uint8Array, what: string): HeaderMsg {
  let header: HeaderMsg;
  try {
    header = decodeExact(pb.Header, bytes, 'header');
  } catch (error) {
    fail(`${what} does not decode: ${(error as Error).message}`);
  }
  if (typeof header.height !== 'number') fail(`${what} has height ${String(header.height)}, beyond 2^53 - 1`);
  if (typeof header.timeMs !== 'number' || header.timeMs > TIME_MS_MAX) fail(`${what} time ${String(header.timeMs)} is not a representable date`);
  return header;
}

/** At the trusted height only the trusted header itself is acceptable: anything else is a fork. */
export function checkAgainstTrustedHeader(trust: PreparedTrust, header: HeaderMsg, bytes: Uint8Array, what: string): void {
  if (trust.header === undefined) return;
  if (header.height < trust.height) fail(`${what} is at height ${header.height}, below the trusted header (${trust.height})`);
  if (header.height === trust.height && !equalBytes(bytes, trust.header)) fail(`${what} at the trusted height differs from the trusted header`);
}

export function decodeCommitFor(bytes: Uint8Array, header: HeaderMsg, blockHash: Uint8Array, what: string): CommitMsg {
  let commit: CommitMsg;
  try {
    commit = decodeExact(pb.Commit, bytes, 'commit');
  } catch (error) {
    fail(`${what} does not decode: ${(error as Error).message}`);
  }
  if (commit.height !== header.height) fail(`${what} is for height ${String(commit.height)}, the header is at ${header.height}`);
  if (!equalBytes(commit.blockHash, blockHash)) {
    fail(`${what} is for block ${toHex(commit.blockHash)}, the header hashes to ${toHex(blockHash)}`);
  }
  return commit;
}

/**
 * Every signature must verify and name a distinct validator of the set: an honest node never
 * stores a bad one, so one bad signature condemns the whole commit (as block sync does).
 */
export function tallyCommit(chainId: string, commit: CommitMsg, set: ValidatorSetState, what: string): { power: bigint; indexes: number[] } {
  const signBytes = voteSignBytes(chainId, commit.height, commit.round, VOTE_PRECOMMIT, commit.blockHash);
  const seen = new Set<number>();
  let power = 0n;
  for (const sig of commit.signatures) {
    const index = sig.validatorIndex ?? 0;
    const validator = set.validators[index];
    if (validator === undefined) fail(`${what}: validator index ${index} is outside the set of ${set.validators.length}`);
    if (seen.has(index)) fail(`${what}: validator ${index} signs twice`);
    seen.add(index);
    if (!verifyStrict(validator.publicKey, signBytes, sig.signature ?? new Uint8Array())) {
      fail(`${what}: the precommit signature of validator ${index} (${toHex(validator.publicKey)}) does not verify`);
    }
    power += BigInt(validator.power);
  }
  return { power, indexes: [...seen].sort((a, b) => a - b) };
}

/** More than 2/3 in integers: 3 × signed > 2 × total. */
export function requireQuorum(signed: bigint, total: bigint, what: string): void {
  if (3n * signed <= 2n * total) fail(`${what}: signers hold power ${signed} of ${total}, not more than 2/3`);
}

// The checks below run the same in both verifiers, by the same name, on the parts both receipt
// kinds carry (the header, its commit and the set that signs it); each returns the check's detail.

/** `chain-id`: the receipt names the trust anchor's chain. */
export function checkChainId(trust: PreparedTrust, chainId: string): string {
  if (chainId !== trust.chainId) fail(`the receipt is for chain "${chainId}", the trust anchor is for "${trust.chainId}"`);
  return `chain "${trust.chainId}"`;
}

/** `header`: the header decodes, is of the trusted chain at a height, is no fork of a trusted header, and its time is a date. */
export function checkHeader(trust: PreparedTrust, bytes: Uint8Array): { header: HeaderMsg; blockHash: Uint8Array; detail: string } {
  const header = decodeHeader(bytes, 'the header');
  if (header.chainId !== trust.chainId) fail(`the header is for chain "${header.chainId}"`);
  if (header.height < 1) fail('the header has no height');
  checkAgainstTrustedHeader(trust, header, bytes, 'the header');
  // Height 0 is the genesis, at the genesis time; every block is later (block times strictly increase).
  if (header.height > trust.height && trust.timeMs !== undefined && !(header.timeMs > trust.timeMs)) {
    const bound = trust.header === undefined ? 'the genesis time' : 'the trusted header\'s time';
    fail(`the header time ${header.timeMs} is not after ${bound} (${trust.timeMs})`);
  }
  const blockHash = blockHashOfHeader(bytes);
  return { header, blockHash, detail: `height ${header.height}, time ${new Date(header.timeMs).toISOString()}, block hash ${toHex(blockHash)}` };
}

/** `validators-hash`: the header names the set the trust anchor (and the set changes) lead to. */
export function checkValidatorsHash(header: HeaderMsg, set: ValidatorSetState): string {
  if (!equalBytes(header.validatorsHash, set.hash)) {
    fail(`the header's validators hash ${toHex(header.validatorsHash)} is not the hash ${toHex(set.hash)} of the set trusted at its height`);
  }
  return `${set.validators.length} validators, power ${set.total}, set hash ${toHex(set.hash)}`;
}

/** `commit-block`: the commit decodes and is for this header's height and block. */
export function checkCommitBlock(bytes: Uint8Array, header: HeaderMsg, blockHash: Uint8Array): { commit: CommitMsg; detail: string } {
  const commit = decodeCommitFor(bytes, header, blockHash, 'the commit');
  return { commit, detail: `commit of height ${commit.height}, round ${commit.round}, block ${toHex(blockHash)}` };
}

/** `commit-signatures`: every signature verifies and the signers hold more than 2/3 of the set's power. */
export function checkCommitSignatures(trust: PreparedTrust, commit: CommitMsg, set: ValidatorSetState):
  { signers: ReceiptSigner[]; power: bigint; detail: string } {
  const tally = tallyCommit(trust.chainId, commit, set, 'the commit');
  requireQuorum(tally.power, set.total, 'the commit');
  const signers = tally.indexes.map((index): ReceiptSigner => {
    const validator = set.validators[index]!;
    const key = toHex(validator.publicKey);
    const name = trust.names.get(key);
    return { publicKey: key, power: validator.power, validatorIndex: index, ...(name === undefined ? {} : { name }) };
  });
  return {
    signers, power: tally.power,
    detail: `${tally.indexes.length} of ${set.validators.length} validators, power ${tally.power} of ${set.total} (more than 2/3)`,
  };
}

/** The block a receipt proves. Hashes are lowercase hex. */
export interface BlockFacts {
  readonly chainId: string;
  readonly height: number;
  /** Block time: the proposer's clock, bounded by the validators' clocks (docs/receipt-format.md). */
  readonly blockTimeMs: number;
  readonly blockTime: string;
  readonly blockHash: string;
}

/** What a block proved by its commit shows: the commit's signers and power, of which set, reached from which trust. */
export interface CommitFacts {
  readonly commitRound: number;
  readonly signers: readonly ReceiptSigner[];
  readonly signedPower: number;
  /** Size and power of the set that signed the header. */
  readonly validatorCount: number;
  readonly totalPower: number;
  readonly validatorsHash: string;
  readonly setChanges: number;
  /** The height trust started from: 0 for a genesis, else the trusted header's height. */
  readonly trustHeight: number;
}

/**
 * The checks of a block proved by its commit, run in this order by the verifiers (header, set
 * changes, validators hash, commit block, commit signatures): each keeps what the next one reads.
 */
export class CommitProof {
  #header: HeaderMsg | undefined;
  #blockHash: Uint8Array = new Uint8Array();
  #set: ValidatorSetState;
  #commit: CommitMsg | undefined;
  #signers: ReceiptSigner[] = [];
  #signedPower = 0n;
  #setChanges = 0;

  constructor(readonly trust: PreparedTrust) {
    this.#set = trust.set;
  }

  /** The header, once `header` passed. */
  get header(): HeaderMsg {
    return this.#header!;
  }

  get blockHash(): Uint8Array {
    return this.#blockHash;
  }

  /** The set that signs the header, once `set-changes` passed. */
  get set(): ValidatorSetState {
    return this.#set;
  }

  /** The commit, once `commit-block` passed. */
  get commit(): CommitMsg | undefined {
    return this.#commit;
  }

  get signers(): readonly ReceiptSigner[] {
    return this.#signers;
  }

  get signedPower(): bigint {
    return this.#signedPower;
  }

  checkHeader(bytes: Uint8Array): string {
    const { header, blockHash, detail } = checkHeader(this.trust, bytes);
    this.#header = header;
    this.#blockHash = blockHash;
    return detail;
  }

  walkSetChanges(changes: readonly ReceiptSetChange[]): string {
    const walked = walkSetChanges(this.trust, this.#set, changes, this.#header!);
    this.#set = walked.set;
    this.#setChanges = changes.length;
    return walked.detail;
  }

  checkValidatorsHash(): string {
    return checkValidatorsHash(this.#header!, this.#set);
  }

  checkCommitBlock(bytes: Uint8Array): string {
    const { commit, detail } = checkCommitBlock(bytes, this.#header!, this.#blockHash);
    this.#commit = commit;
    return detail;
  }

  checkCommitSignatures(): string {
    const { signers, power, detail } = checkCommitSignatures(this.trust, this.#commit!, this.#set);
    this.#signers = signers;
    this.#signedPower = power;
    return detail;
  }

  /** Once `header` passed. */
  block(): BlockFacts {
    const header = this.#header!;
    return {
      chainId: this.trust.chainId, height: header.height, blockTimeMs: header.timeMs, blockTime: new Date(header.timeMs).toISOString(),
      blockHash: toHex(this.#blockHash),
    };
  }

  /** Once every check passed. */
  facts(): CommitFacts {
    return {
      commitRound: this.#commit!.round, signers: this.#signers, signedPower: Number(this.#signedPower),
      validatorCount: this.#set.validators.length, totalPower: Number(this.#set.total), validatorsHash: toHex(this.#set.hash),
      setChanges: this.#setChanges, trustHeight: this.trust.height,
    };
  }
}
