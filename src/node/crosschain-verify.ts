// POST /v1/crosschain/verify (docs/crosschain.md §4): a foreign proof checked against the light
// client this chain keeps of the foreign chain. The verdict lists a `chain` check (registered, its
// kind, its standing), then the proof's own checks in the shape of `tianping verify`. The receipt
// of a "tianping" chain is verified by the SDK from a header the light client recorded: version 2
// against a recorded header's hash, version 1 from the newest recorded header at or below its
// block, with the set that signed that header. A log proof is verified by the SDK's C2SP reader.
import type { CrossChainVerdict, CrossChainVerifyRequest } from '../api/components.js';
import { validatorSetHash } from '../codec/block.js';
import type { ForeignChainRecordMsg, ForeignTrustedHeaderMsg } from '../codec/index.js';
import { ReceiptFormatError, algorithmName, encodeReceipt, type Receipt } from '../client/receipt.js';
import { receiptFromJson } from '../client/receipt-json.js';
import { decodeHeader, verifyReceipt, type ReceiptEvidence, type ReceiptVerification, type TrustAnchor } from '../client/receipt-verify.js';
import { sha256 } from '../crypto/hash.js';
import type { Ledger } from '../ledger/index.js';
import { foreignChainOf, foreignChainView, recordingUpdate, registrationOf } from '../read/crosschain.js';
import { newestTrustedBelow, trustedHeaderAt } from '../state/crosschain/index.js';
import { TianpingError, equalBytes, fromHex, toHex } from '../types/index.js';
import { verifyLogProof } from './crosschain-log-proof.js';

type Check = CrossChainVerdict['checks'][number];
type Standing = CrossChainVerdict['standing'];

/** The verdict's common part: chain, kind, standing and the `chain` check that passed. */
interface ChainContext {
  readonly record: ForeignChainRecordMsg;
  readonly name: string;
  readonly kind: CrossChainVerdict['kind'];
  readonly standing: Standing;
  readonly chainCheck: Check;
}

/** The `chain` check: a chain that is unknown, frozen or expired is refused with its code, not given a verdict. */
async function chainContext(ledger: Ledger, name: string): Promise<ChainContext> {
  const record = await foreignChainOf(ledger, name);
  const view = foreignChainView(record, ledger.tip.timeMs);
  if (view.standing === 'frozen') {
    throw new TianpingError('FOREIGN_CHAIN_FROZEN', `${name} was frozen at height ${view.frozenHeight} after conflicting commits; `
      + 'governance must reset it');
  }
  if (view.standing === 'expired') {
    throw new TianpingError('FOREIGN_CHAIN_EXPIRED', `${name}'s newest trusted header (time ${view.latestTimeMs}) is older than its `
      + `trusting period (${view.trustingPeriodMs} ms) at the newest block time ${ledger.tip.timeMs}`);
  }
  return { record, name, kind: view.kind, standing: view.standing, chainCheck: { id: 'chain', ok: true,
    detail: `${name}: ${view.kind} chain ${JSON.stringify(view.chainId)}, active, epoch ${view.epoch}, newest trusted height ${view.latestHeight}` } };
}

export async function verifyForeign(ledger: Ledger, request: CrossChainVerifyRequest): Promise<CrossChainVerdict> {
  const context = await chainContext(ledger, request.chain);
  let digest: Uint8Array | undefined;
  if (request.digest !== undefined) {
    digest = fromHex(request.digest);
    if (digest === undefined || digest.length !== 32) throw new TianpingError('DIGEST_INVALID', 'digest must be 64 hex characters');
  }
  return context.kind === 'tianping' ? verifyTianping(ledger, context, request.receipt, digest)
    : verifyLogProof(ledger, context, request.receipt, digest);
}

export type { ChainContext };

function parseForeignReceipt(value: unknown): Receipt {
  try {
    return receiptFromJson(value);
  } catch (error) {
    if (error instanceof ReceiptFormatError) throw new TianpingError('FOREIGN_RECEIPT_MALFORMED', error.message);
    throw error;
  }
}

/** The verdict of a verification in the route's shape, `chain` first. */
export function verdictOf(context: ChainContext, verification: { valid: boolean; checks: readonly Check[]; failed?: string;
  reason?: string; skipped?: readonly string[] }, facts: { foreignHeight: number; algorithm?: 'sha256' | 'sm3'; digest: string;
  receiptDigest: string; trustHeight: number; platform?: string }): CrossChainVerdict {
  return {
    chain: context.name, kind: context.kind, standing: context.standing, valid: verification.valid,
    checks: [context.chainCheck, ...verification.checks.map((c) => ({ id: c.id, ok: c.ok, detail: c.detail }))],
    ...(verification.valid ? {} : { failedCheck: verification.failed!, reason: verification.reason!, skipped: [...verification.skipped!] }),
    platform: '', ...facts,
  };
}

async function verifyTianping(ledger: Ledger, context: ChainContext, value: unknown, digest: Uint8Array | undefined): Promise<CrossChainVerdict> {
  const receipt = parseForeignReceipt(value);
  const chainId = registrationOf(context.record).chainId;
  let receiptDigest: string;
  try {
    receiptDigest = toHex(sha256(encodeReceipt(receipt)));
  } catch (error) {
    throw new TianpingError('FOREIGN_RECEIPT_MALFORMED', (error as Error).message);
  }
  const evidence: ReceiptEvidence = { fileDigest: digest ?? receipt.digest };
  const facts = (verification: ReceiptVerification, trustHeight: number): Parameters<typeof verdictOf>[2] => ({
    foreignHeight: verification.valid ? verification.receipt.height : headerHeight(receipt.header),
    ...(algorithmName(receipt.algorithm) === undefined ? {} : { algorithm: algorithmName(receipt.algorithm)! }),
    digest: toHex(receipt.digest), receiptDigest, trustHeight, platform: verification.valid ? verification.receipt.submitter : '',
  });
  if (receipt.trusted !== undefined) {
    const hash = sha256(receipt.trusted.header);
    const recorded = await recordedHeaderOf(ledger, context.record, receipt.trusted.header);
    if (recorded === undefined) {
      return verdictOf(context, notTrusted(`the receipt's trusted header ${toHex(hash)} is not one ${context.name}'s light client `
        + 'recorded in its current epoch'), { foreignHeight: headerHeight(receipt.header), digest: toHex(receipt.digest), receiptDigest,
        trustHeight: 0 });
    }
    const verification = verifyReceipt(receipt, evidence, { chainId, trustedHeaderHash: hash });
    return verdictOf(context, verification, facts(verification, Number(recorded.height)));
  }
  const height = headerHeight(receipt.header);
  const anchor = await anchorAtOrBelow(ledger, context.record, height);
  if ('examined' in anchor) {
    const which = anchor.examined < ANCHOR_CANDIDATES_MAX ? 'no header' : `none of the newest ${ANCHOR_CANDIDATES_MAX} headers`;
    return verdictOf(context, notTrusted(`${which} at or below height ${height} is recorded with its validator set in ${context.name}'s `
      + 'current epoch: ask for a version 2 receipt against a recorded header'), { foreignHeight: height, digest: toHex(receipt.digest),
      receiptDigest, trustHeight: 0 });
  }
  // Trusting header t vouches for every block up to t: the set changes below it are not the client's to walk again.
  const trimmed = { ...receipt, setChanges: receipt.setChanges.filter((c) => changeHeight(c.header) >= anchor.height) };
  const verification = verifyReceipt(trimmed, evidence, anchor.trust);
  return verdictOf(context, verification, facts(verification, anchor.height));
}

function notTrusted(reason: string): { valid: false; checks: Check[]; failed: string; reason: string; skipped: string[] } {
  return { valid: false, checks: [{ id: 'trusted-header', ok: false, detail: reason }], failed: 'trusted-header', reason, skipped: [] };
}

/** The receipt's block height, or 0 when its header does not decode (the receipt's `header` check then fails). */
function headerHeight(bytes: Uint8Array): number {
  try {
    return decodeHeader(bytes, 'header').height;
  } catch {
    return 0;
  }
}

/** A change whose header does not decode is kept: the walk fails on it, as it should. */
function changeHeight(bytes: Uint8Array): number {
  try {
    return decodeHeader(bytes, 'header').height;
  } catch {
    return Number.MAX_SAFE_INTEGER;
  }
}

/**
 * The header the light client recorded in its current epoch whose hash is that of `bytes`, or
 * undefined. A recorded header's key names its height, so the height the bytes decode to says where
 * to look: one read, where a search among all recorded headers would grow with every update. Bytes
 * that do not decode (or decode to no block height) hash to no recorded header: those were decoded
 * exactly when recorded.
 */
export async function recordedHeaderOf(ledger: Ledger, record: ForeignChainRecordMsg, bytes: Uint8Array):
  Promise<ForeignTrustedHeaderMsg | undefined> {
  let height: number;
  try {
    height = decodeHeader(bytes, 'trusted header').height;
  } catch {
    return undefined;
  }
  const recorded = await trustedHeaderAt(ledger.state, registrationOf(record).name, Number(record.epoch), height);
  return recorded !== undefined && equalBytes(recorded.hash, sha256(bytes)) ? recorded : undefined;
}

/**
 * Recorded headers a version 1 receipt's trust anchor is looked for among, newest first from its
 * block down: each costs a binary search and the read of the block that recorded it. A header a
 * relay tx recorded always qualifies, so the first one does unless the ledger is damaged; the bound
 * keeps a request's cost fixed however many headers the epoch holds.
 */
export const ANCHOR_CANDIDATES_MAX = 16;

/**
 * The trust anchor a version 1 receipt of block `height` is checked from: the newest recorded header
 * t ≤ height whose exact bytes and signing set are known, among the newest ANCHOR_CANDIDATES_MAX at
 * or below it; otherwise how many were examined. A genesis anchor (t = 0) is the genesis form (the
 * set of height 1). Otherwise the bytes are those of the tx that recorded t (or of the registration's
 * anchor), and the set is the one of those the light client holds whose hash is the header's
 * validators_hash: the update's last set change, the set the header below t hands on, or t's own next
 * set (when t announced no change). Headers are found by binary searches over their keys
 * (newestTrustedBelow), never by listing the epoch.
 */
export async function anchorAtOrBelow(ledger: Ledger, record: ForeignChainRecordMsg, height: number):
  Promise<{ trust: TrustAnchor; height: number } | { examined: number }> {
  const registration = registrationOf(record);
  const name = registration.name;
  const epoch = Number(record.epoch);
  // Heights beyond 2^53 are no block's (decodeHeader refuses them); at or below h is below h + 1.
  let t = Number.isSafeInteger(height) ? await newestTrustedBelow(ledger.state, name, epoch, height + 1) : undefined;
  let examined = 0;
  for (; t !== undefined && examined < ANCHOR_CANDIDATES_MAX; examined++) {
    const tHeight = Number(t.height);
    if (tHeight === 0) {
      const validators = setOf(t.nextValidators);
      return { height: 0, trust: { chainId: registration.chainId, validators,
        genesisTimeMs: Number(registration.tianping?.genesisTimeMs ?? t.timeMs) } };
    }
    const below = await newestTrustedBelow(ledger.state, name, epoch, tHeight);
    const trust = await trustOf(ledger, record, t, below);
    if (trust !== undefined) return { height: tHeight, trust };
    t = below;
  }
  return { examined };
}

/** Recorded header t as a trust anchor with its exact bytes and signing set, or undefined when this chain lacks them. */
async function trustOf(ledger: Ledger, record: ForeignChainRecordMsg, t: ForeignTrustedHeaderMsg, below: ForeignTrustedHeaderMsg | undefined):
  Promise<TrustAnchor | undefined> {
  const found = await headerBytesAndSets(ledger, record, t);
  if (found === undefined) return undefined;
  const header = decodeHeader(found.bytes, 'recorded header');
  const candidates: SetMsg[] = [...found.sets, below?.nextValidators, t.nextValidators].filter((s) => s !== undefined && s !== null);
  const set = candidates.map(setOf).find((s) => equalBytes(validatorSetHash(s), header.validatorsHash));
  return set === undefined ? undefined : { chainId: registrationOf(record).chainId, validators: set, trustedHeader: found.bytes };
}

/** A validator set as a decoded message may hold it (every field may be absent). */
type SetMsg = { readonly validators?: readonly { readonly publicKey?: Uint8Array | null; readonly power?: number | null }[] | null }
  | null | undefined;

function setOf(set: SetMsg): { publicKey: Uint8Array; power: number }[] {
  return (set?.validators ?? []).map((v) => ({ publicKey: v.publicKey ?? new Uint8Array(), power: Number(v.power ?? 0) }));
}

/** The exact bytes of trusted header t and the sets its recording names, or undefined when they are not on this chain. */
async function headerBytesAndSets(ledger: Ledger, record: ForeignChainRecordMsg, t: ForeignTrustedHeaderMsg):
  Promise<{ bytes: Uint8Array; sets: SetMsg[] } | undefined> {
  const recorded = await recordingUpdate(ledger, t);
  if (recorded !== undefined && equalBytes(sha256(recorded.update.header), t.hash)) {
    const changes = recorded.update.setChanges;
    return { bytes: recorded.update.header, sets: changes.length === 0 ? [] : [changes[changes.length - 1]!.nextValidators] };
  }
  const anchorHeader = registrationOf(record).tianping?.header;
  if (anchorHeader !== undefined && anchorHeader !== null && anchorHeader.length > 0 && equalBytes(sha256(anchorHeader), t.hash)) return { bytes: anchorHeader, sets: [] };
  return undefined;
}

