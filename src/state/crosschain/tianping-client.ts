// The "tianping" kind's light client (docs/crosschain.md §2): a header of another Tianping network
// becomes trusted when its commit is signed by more than 2/3 of the set the client trusts for its
// height, that set followed from the newest trusted header below it through the set changes given
// (oldest first), as a receipt's are (docs/receipt-format.md check 9). Two such headers of one
// height with different hashes freeze the client. Signatures go through the injected verifier.
import { blockHashOfHeader } from '../../codec/block.js';
import { decodeCanonical, pb, type CommitMsg, type ForeignChainRecordMsg, type ForeignHeaderUpdateMsg, type ForeignMisbehaviourMsg,
  type ForeignTrustedHeaderMsg, type HeaderMsg, type ForeignValidatorSetMsg } from '../../codec/proto.js';
import { VOTE_PRECOMMIT, voteSignBytes } from '../../codec/sign-bytes.js';
import type { DecodedTx } from '../../codec/tx.js';
import type { SignatureVerifier } from '../../crypto/ed25519.js';
import { HASH_BYTES, equalBytes, toHex, type ErrorCode } from '../../types/index.js';
import type { OrderedState } from '../view.js';
import { mainHeightOf, type CrossChainContext, type CrossChainPlan } from './context.js';
import { freezeKey, foreignChainKey, trustedHeaderKey } from './keys.js';
import { encodeChainRecord, encodeTrustedHeader, refuse, requireActive, trustedHeaderAt } from './record.js';
import { newestTrustedBelow } from './trusted.js';
import { copySet, foreignSet, setProblem, type ForeignSet } from './valset.js';
import { chainRecord, trustedHeader } from './messages.js';

/** Set changes one update may walk (docs/crosschain.md §6). */
export const SET_CHANGES_MAX = 64;
/** A header may be this far ahead of the block time: clocks differ; a header from the future does not verify. */
export const FUTURE_BOUND_MS = 10 * 60_000;

/** Where a verification starts: a trusted header's height and time, and the set signing the height after it. */
interface Base {
  readonly height: number;
  readonly timeMs: number;
  readonly set: ForeignSet;
}

interface Verified {
  readonly header: HeaderMsg;
  readonly headerBytes: Uint8Array;
  readonly hash: Uint8Array;
  readonly next: ForeignValidatorSetMsg;
}

type Fail = (message: string) => never;
const failWith = (code: ErrorCode): Fail => (message) => refuse(code, message);

function baseOf(trusted: ForeignTrustedHeaderMsg, fail: Fail): Base {
  // Stored only after its checks passed; a set that no longer passes is a broken state, refused alike.
  if (trusted.nextValidators == null || setProblem(trusted.nextValidators, false) !== undefined) fail('the trusted header\'s set is unusable');
  return { height: trusted.height, timeMs: trusted.timeMs, set: foreignSet(trusted.nextValidators) };
}

function decodeHeader(bytes: Uint8Array, chainId: string, what: string, fail: Fail): HeaderMsg {
  let header: HeaderMsg;
  try {
    header = decodeCanonical(pb.Header, bytes, what);
  } catch (error) {
    return fail((error as Error).message);
  }
  if (header.chainId !== chainId) fail(`${what} is for chain ${JSON.stringify(header.chainId)}, not ${JSON.stringify(chainId)}`);
  if (!Number.isSafeInteger(header.height) || header.height < 1) fail(`${what}'s height ${header.height} is not a block height`);
  if (!Number.isSafeInteger(header.timeMs)) fail(`${what}'s time is not an integer below 2^53`);
  return header;
}

/** Every signature must verify and name a distinct validator; more than 2/3 of the set's power must sign. */
function verifyCommit(chainId: string, bytes: Uint8Array, header: HeaderMsg, hash: Uint8Array, set: ForeignSet,
  verifier: SignatureVerifier, what: string, fail: Fail): void {
  let commit: CommitMsg;
  try {
    commit = decodeCanonical(pb.Commit, bytes, what);
  } catch (error) {
    return fail((error as Error).message);
  }
  if (commit.height !== header.height) fail(`${what} is for height ${commit.height}, the header is at ${header.height}`);
  if (commit.blockHash.length !== HASH_BYTES || !equalBytes(commit.blockHash, hash)) fail(`${what} is for another block than the header's ${toHex(hash)}`);
  if (commit.signatures.length > set.validators.length) fail(`${what} holds ${commit.signatures.length} signatures for a set of ${set.validators.length}`);
  const signBytes = voteSignBytes(chainId, commit.height, commit.round, VOTE_PRECOMMIT, commit.blockHash);
  const seen = new Set<number>();
  let power = 0;
  for (const sig of commit.signatures) {
    const index = sig.validatorIndex ?? 0;
    const validator = set.validators[index];
    if (validator === undefined) fail(`${what}: validator index ${index} is outside the set of ${set.validators.length}`);
    if (seen.has(index)) fail(`${what}: validator ${index} signs twice`);
    seen.add(index);
    if (!verifier.verify(validator.publicKey, signBytes, sig.signature ?? new Uint8Array())) fail(`${what}: the signature of validator ${index} does not verify`);
    power += validator.power;
  }
  if (3 * power <= 2 * set.total) fail(`${what}: signers hold power ${power} of ${set.total}, not more than 2/3`);
}

function nextSetOf(set: ForeignValidatorSetMsg | null | undefined, header: HeaderMsg, what: string, fail: Fail): ForeignValidatorSetMsg {
  const problem = setProblem(set, false);
  if (set == null || problem !== undefined) return fail(`${what}'s next validators ${problem ?? 'are missing'}`);
  if (!equalBytes(foreignSet(set).hash, header.nextValidatorsHash)) fail(`${what}'s next validators do not hash to its next validators hash`);
  return set;
}

/**
 * Steps 2–4 of an update from `base`: the header of the chain above the base, not from the future,
 * reached through its set changes and signed by more than 2/3 of the set so found. Staleness
 * (above the newest trusted height) is the caller's: a misbehaviour's header may lie in the past.
 */
export function verifyForeignHeader(update: ForeignHeaderUpdateMsg, chainId: string, base: Base, ctx: CrossChainContext, fail: Fail): Verified {
  const header = decodeHeader(update.header, chainId, 'the header', fail);
  const n = header.height;
  if (n <= base.height) fail(`the header's height ${n} is not above the trusted height ${base.height} it is checked from`);
  if (header.timeMs > ctx.timeMs + FUTURE_BOUND_MS) fail(`the header's time ${header.timeMs} is more than 10 minutes after the block time`);
  if (update.setChanges.length > SET_CHANGES_MAX) fail(`${update.setChanges.length} set changes, more than ${SET_CHANGES_MAX}`);
  let set = base.set;
  let lowest = base.height + 1;
  let after = base.timeMs;
  update.setChanges.forEach((change, i) => {
    const what = `set change ${i + 1}`;
    const changeHeader = decodeHeader(change.header, chainId, `${what}'s header`, fail);
    const c = changeHeader.height;
    if (c < lowest || c >= n) fail(`${what} is at height ${c}, not in ${lowest}..${n - 1}`);
    if (changeHeader.timeMs <= after) fail(`${what}'s time ${changeHeader.timeMs} is not after ${after}`);
    if (!equalBytes(changeHeader.validatorsHash, set.hash)) fail(`${what} (height ${c}) is not signed by the set trusted so far`);
    verifyCommit(chainId, change.commit, changeHeader, blockHashOfHeader(change.header), set, ctx.verifier, `${what}'s commit`, fail);
    set = foreignSet(nextSetOf(change.nextValidators, changeHeader, what, fail));
    lowest = c + 1;
    after = changeHeader.timeMs;
  });
  if (header.timeMs <= after) fail(`the header's time ${header.timeMs} is not after ${after}`);
  if (!equalBytes(header.validatorsHash, set.hash)) fail(`the header (height ${n}) is not signed by the set trusted for it: a set change is missing`);
  const hash = blockHashOfHeader(update.header);
  verifyCommit(chainId, update.commit, header, hash, set, ctx.verifier, 'the commit', fail);
  return { header, headerBytes: update.header, hash, next: nextSetOf(update.nextValidators, header, 'the header', fail) };
}

function requireTianping(record: ForeignChainRecordMsg): { name: string; chainId: string } {
  const registration = record.registration;
  if (registration == null) return refuse('FOREIGN_CHAIN_UNKNOWN', 'the foreign chain record has no registration');
  return { name: registration.name, chainId: registration.chainId };
}

/** A header update (§2 steps 1–5): the plan writing the new trusted header and moving the record to it. */
export async function checkHeaderUpdate(tx: DecodedTx, record: ForeignChainRecordMsg, view: OrderedState, ctx: CrossChainContext):
  Promise<CrossChainPlan> {
  const update = tx.body.foreignHeaderUpdate as ForeignHeaderUpdateMsg;
  const { name, chainId } = requireTianping(record);
  requireActive(record, ctx.timeMs);
  const fail: Fail = failWith('FOREIGN_HEADER_INVALID');
  const newest = await trustedHeaderAt(view, name, record.epoch, record.latestHeight);
  if (newest === undefined) fail('the newest trusted header is missing');
  const header = decodeHeader(update.header, chainId, 'the header', fail);
  if (header.height <= record.latestHeight) {
    refuse('FOREIGN_HEADER_STALE', `height ${header.height} is not above the newest trusted height ${record.latestHeight}`);
  }
  const verified = verifyForeignHeader(update, chainId, baseOf(newest, fail), ctx, fail);
  const trusted = trustedHeaderOf(verified, tx, ctx);
  const next = chainRecord({ ...record, latestHeight: trusted.height, latestTimeMs: trusted.timeMs,
    latestHash: trusted.hash, updates: record.updates + 1 });
  return { writes: [
    [trustedHeaderKey(name, record.epoch, trusted.height), encodeTrustedHeader(trusted)],
    [foreignChainKey(name), encodeChainRecord(next)],
  ] };
}

function trustedHeaderOf(verified: Verified, tx: DecodedTx, ctx: CrossChainContext): ForeignTrustedHeaderMsg {
  return trustedHeader({ height: verified.header.height, hash: verified.hash, timeMs: verified.header.timeMs,
    historyRoot: verified.header.historyRoot, nextValidators: copySet(verified.next), mainHeight: mainHeightOf(ctx), txHash: tx.hash });
}

/**
 * Two headers of one height with different hashes, each verified from the newest trusted header
 * below that height (so a fork of the past is caught too): the client freezes, the pair kept.
 */
export async function checkMisbehaviour(tx: DecodedTx, record: ForeignChainRecordMsg, view: OrderedState, ctx: CrossChainContext):
  Promise<CrossChainPlan> {
  const misbehaviour = tx.body.foreignMisbehaviour as ForeignMisbehaviourMsg;
  const { name, chainId } = requireTianping(record);
  requireActive(record, ctx.timeMs);
  const fail: Fail = failWith('FOREIGN_MISBEHAVIOUR_INVALID');
  const { first, second } = misbehaviour;
  if (first == null || second == null) fail('a misbehaviour carries two updates');
  const height = decodeHeader(first.header, chainId, 'the first header', fail).height;
  const trusted = await newestTrustedBelow(view, name, record.epoch, height);
  if (trusted === undefined) fail(`no trusted header lies below height ${height}`);
  const base = baseOf(trusted, fail);
  const one = verifyForeignHeader(first, chainId, base, ctx, (m) => fail(`the first update: ${m}`));
  const other = verifyForeignHeader(second, chainId, base, ctx, (m) => fail(`the second update: ${m}`));
  if (other.header.height !== height) fail(`the headers are of heights ${height} and ${other.header.height}`);
  if (equalBytes(one.hash, other.hash)) fail('the two headers are the same block');
  const freeze = pb.ForeignFreezeRecord.create({ height, firstHash: one.hash, secondHash: other.hash, mainHeight: mainHeightOf(ctx),
    txHash: tx.hash, firstHeader: one.headerBytes, secondHeader: other.headerBytes });
  const frozen = chainRecord({ ...record, status: 'frozen', frozenHeight: mainHeightOf(ctx), freezeTx: tx.hash });
  return { writes: [
    [freezeKey(name, record.epoch), pb.ForeignFreezeRecord.encode(freeze).finish()],
    [foreignChainKey(name), encodeChainRecord(frozen)],
  ] };
}
