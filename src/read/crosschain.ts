// The cross-chain reads (docs/crosschain.md §1–§5): foreign chains with their standing at the newest
// block time, a chain's trusted headers and freeze record, a case's verification records and the
// counts, the main-chain tx that recorded a trusted header, and the light block a relayer fetches.
// Standing is computed here from the time, as state computes it, never stored.
import type {
  CaseVerificationsView, ForeignChainDetailView, ForeignChainView, LightBlockView, VerificationCountsView, VerificationRecordView,
} from '../api/components.js';
import {
  ForeignChainKind, algorithmName, pb, type CrossChainVerificationRecordMsg, type ForeignChainRecordMsg, type ForeignHeaderUpdateMsg,
  type ForeignTrustedHeaderMsg, type ValidatorEntry,
} from '../codec/index.js';
import { setChangeToJson, type ValidatorJson } from '../client/receipt-json.js';
import { LedgerError, type Ledger } from '../ledger/index.js';
import { isCaseNo, readCase } from '../state/cases/index.js';
import {
  allForeignChains, allVerifications, foreignStanding, newestTrustedHeaders, readForeignChain, readFreeze, verificationsOfCase,
} from '../state/crosschain/index.js';
import { encodeValidatorSet, readTxLocation, readValidatorHistory } from '../state/index.js';
import { TianpingError, toHex, type Hash32 } from '../types/index.js';
import { setChangesBetween } from './receipts.js';

/** Trusted headers a chain's view lists, newest first. */
export const TRUSTED_HEADERS_LISTED = 100;
/** Records a case's view lists (docs/crosschain.md §6: 100 per page). */
export const CASE_VERIFICATIONS_LISTED = 100;

export type ForeignStanding = ForeignChainView['standing'];
export type RegistrationMsg = InstanceType<typeof pb.ForeignChainRegistration>;

/**
 * The record's registration as the decoded message it is (nested fields decode to instances, whose
 * defaults fill absent fields; the generated types only say "properties").
 */
export const registrationOf = (record: ForeignChainRecordMsg): RegistrationMsg =>
  (record.registration ?? pb.ForeignChainRegistration.create()) as RegistrationMsg;

export function kindName(kind: number): ForeignChainView['kind'] {
  if (kind === ForeignChainKind.FOREIGN_CHAIN_KIND_TIANPING) return 'tianping';
  if (kind === ForeignChainKind.FOREIGN_CHAIN_KIND_C2SP_CHECKPOINT) return 'c2sp-checkpoint';
  throw new LedgerError('LEDGER_CORRUPT', `ledger corrupt: a foreign chain of kind ${kind}`);
}

const num = (value: number | { toNumber(): number } | null | undefined): number =>
  typeof value === 'number' ? value : value === null || value === undefined ? 0 : value.toNumber();

const validatorsJson = (set: { validators?: { publicKey?: Uint8Array | null; power?: unknown }[] | null } | null | undefined): ValidatorJson[] =>
  (set?.validators ?? []).map((v) => ({ publicKey: toHex(v.publicKey ?? new Uint8Array()), power: num(v.power as number) }));

export function foreignChainView(record: ForeignChainRecordMsg, atMs: number): ForeignChainView {
  const registration = registrationOf(record);
  const latestTimeMs = num(record.latestTimeMs);
  const trustingPeriodMs = num(registration.trustingPeriodMs);
  return {
    name: registration.name, kind: kindName(registration.kind), chainId: registration.chainId, description: registration.description,
    standing: foreignStanding(record, atMs) as ForeignStanding, epoch: num(record.epoch), trustingPeriodMs,
    registeredHeight: num(record.registeredHeight), latestHeight: num(record.latestHeight), latestTimeMs,
    latestHash: toHex(record.latestHash), expiresAtMs: latestTimeMs + trustingPeriodMs, updates: num(record.updates),
    frozenHeight: num(record.frozenHeight),
  };
}

/** The registered chain of this name, or FOREIGN_CHAIN_UNKNOWN. */
export async function foreignChainOf(ledger: Ledger, name: string): Promise<ForeignChainRecordMsg> {
  const record = await readForeignChain(ledger.state, name);
  if (record === undefined) throw new TianpingError('FOREIGN_CHAIN_UNKNOWN', `no foreign chain is registered as ${JSON.stringify(name)}`);
  return record;
}

export async function readForeignChains(ledger: Ledger): Promise<{ atMs: number; chains: ForeignChainView[] }> {
  const atMs = ledger.tip.timeMs;
  const chains: ForeignChainView[] = [];
  for await (const record of allForeignChains(ledger.state)) chains.push(foreignChainView(record, atMs));
  chains.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { atMs, chains };
}

export function trustedHeaderView(h: ForeignTrustedHeaderMsg): ForeignChainDetailView['trustedHeaders'][number] {
  return {
    height: num(h.height), hash: toHex(h.hash), timeMs: num(h.timeMs), historyRoot: toHex(h.historyRoot),
    nextValidators: validatorsJson(h.nextValidators), mainHeight: num(h.mainHeight), txHash: toHex(h.txHash),
    ...(h.checkpoint === '' ? {} : { checkpoint: h.checkpoint }),
  };
}

export async function readForeignChainDetail(ledger: Ledger, name: string): Promise<ForeignChainDetailView> {
  const record = await foreignChainOf(ledger, name);
  const registration = registrationOf(record);
  // The newest headers by one reverse scan of their keys (key order is height order): the view reads
  // TRUSTED_HEADERS_LISTED headers however many the relayers recorded.
  const headers = await newestTrustedHeaders(ledger.state, registration.name, num(record.epoch), TRUSTED_HEADERS_LISTED);
  const freeze = await readFreeze(ledger.state, name, num(record.epoch));
  const tianping = registration.tianping as InstanceType<typeof pb.TianpingTrustAnchor> | null | undefined;
  const c2sp = registration.c2sp as InstanceType<typeof pb.C2spLogAnchor> | null | undefined;
  return {
    ...foreignChainView(record, ledger.tip.timeMs),
    anchor: {
      ...(tianping === null || tianping === undefined ? {} : { tianping: { header: toHex(tianping.header),
        genesisTimeMs: num(tianping.genesisTimeMs), nextValidators: validatorsJson(tianping.nextValidators) } }),
      ...(c2sp === null || c2sp === undefined ? {} : { c2sp: { origin: c2sp.origin, logKey: c2sp.logKey, witnessKeys: [...c2sp.witnessKeys],
        witnessQuorum: c2sp.witnessQuorum } }),
    },
    trustedHeaders: headers.map(trustedHeaderView),
    ...(freeze === undefined ? {} : { freeze: { height: num(freeze.height), firstHash: toHex(freeze.firstHash),
      secondHash: toHex(freeze.secondHash), mainHeight: num(freeze.mainHeight), txHash: toHex(freeze.txHash) } }),
  };
}

type VerificationMsg = InstanceType<typeof pb.CrossChainVerification>;
/** The record's verification as the decoded message it is (see registrationOf). */
const verificationOf = (record: CrossChainVerificationRecordMsg): VerificationMsg =>
  (record.verification ?? pb.CrossChainVerification.create()) as VerificationMsg;

function recordView(record: CrossChainVerificationRecordMsg, seq: number): VerificationRecordView {
  const v = verificationOf(record);
  const algorithm = algorithmName(v.algorithm);
  if (algorithm === undefined) throw new LedgerError('LEDGER_CORRUPT', `ledger corrupt: a verification names hash algorithm ${v.algorithm}`);
  return {
    caseNo: v.caseNo, seq, chain: v.name, algorithm, digest: toHex(v.digest), valid: v.valid, failedCheck: v.failedCheck,
    foreignHeight: num(v.foreignHeight), receiptDigest: toHex(v.receiptDigest), platform: toHex(v.platform), court: toHex(record.court),
    height: num(record.height), timeMs: num(record.timeMs), txHash: toHex(record.txHash),
    chainStanding: record.chainStanding as ForeignStanding, chainLatestHeight: num(record.chainLatestHeight),
    platformStanding: record.platformStanding,
  };
}

type Counts = { total: number; valid: number; invalid: number };

function tally(counts: Map<string, Counts>, key: string, valid: boolean): void {
  const count = counts.get(key) ?? { total: 0, valid: 0, invalid: 0 };
  count.total += 1;
  if (valid) count.valid += 1;
  else count.invalid += 1;
  counts.set(key, count);
}

const sortedEntries = (counts: Map<string, Counts>): [string, Counts][] => [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** A case's records (the first CASE_VERIFICATIONS_LISTED) with counts per chain over all of them: CASE_UNKNOWN. */
export async function readCaseVerifications(ledger: Ledger, caseNo: string): Promise<CaseVerificationsView> {
  if (!isCaseNo(caseNo) || await readCase(ledger.state, caseNo) === undefined) {
    throw new TianpingError('CASE_UNKNOWN', `no case ${JSON.stringify(caseNo)}`);
  }
  const verifications: VerificationRecordView[] = [];
  const counts = new Map<string, Counts>();
  let seq = 0;
  for await (const record of verificationsOfCase(ledger.state, caseNo)) {
    if (verifications.length < CASE_VERIFICATIONS_LISTED) verifications.push(recordView(record, seq));
    tally(counts, verificationOf(record).name, verificationOf(record).valid);
    seq += 1;
  }
  return { caseNo, verifications, counts: sortedEntries(counts).map(([chain, c]) => ({ chain, ...c })) };
}

export async function readVerificationCounts(ledger: Ledger): Promise<VerificationCountsView> {
  const chains = new Map<string, Counts>();
  const cases = new Map<string, Counts>();
  for await (const record of allVerifications(ledger.state)) {
    const v = verificationOf(record);
    tally(chains, v.name, v.valid);
    tally(cases, v.caseNo, v.valid);
  }
  return {
    chains: sortedEntries(chains).map(([chain, c]) => ({ chain, ...c })),
    cases: sortedEntries(cases).map(([caseNo, c]) => ({ caseNo, ...c })),
  };
}

/**
 * The main-chain tx that recorded a trusted header, decoded as the ForeignHeaderUpdate it is, with
 * its place: undefined for a header recorded otherwise (the registration's anchor). A tx state
 * names that is not there, or not an update, is corruption.
 */
export async function recordingUpdate(ledger: Ledger, header: ForeignTrustedHeaderMsg):
  Promise<{ update: ForeignHeaderUpdateMsg; height: number; index: number } | undefined> {
  if (header.txHash.length === 0) return undefined;
  const location = await readTxLocation(ledger.state, header.txHash as Hash32);
  if (location === undefined) throw new LedgerError('LEDGER_CORRUPT', `ledger corrupt: trusted header ${num(header.height)} names an unknown tx`);
  const block = await ledger.block(location.height);
  const tx = block?.txs[location.index];
  if (tx === undefined) throw new LedgerError('LEDGER_CORRUPT', `ledger corrupt: the tx of trusted header ${num(header.height)} is not in its block`);
  const body = pb.TxBody.decode(pb.SignedTx.decode(tx).body);
  const update = body.foreignHeaderUpdate as ForeignHeaderUpdateMsg | null | undefined;
  if (update === undefined || update === null) return undefined;
  return { update, height: location.height, index: location.index };
}

/**
 * GET /v1/light-blocks/:height?since=T (docs/crosschain.md §5): the header and commit of a committed
 * height, the set that signs the next height, and the set changes taking effect at heights T + 2 ..
 * height, in the receipt JSON's encodings. BLOCK_NOT_FOUND beyond the tip.
 */
export async function readLightBlock(ledger: Ledger, height: number, since: number): Promise<LightBlockView> {
  const stored = height >= 1 ? await ledger.block(height) : undefined;
  if (stored === undefined) throw new TianpingError('BLOCK_NOT_FOUND', `no block of height ${height} is committed`);
  const next = await setOfHeight(ledger, height + 1);
  const nextValidators = pb.ValidatorSet.decode(encodeValidatorSet(next));
  const block = setChangeToJson({ header: stored.headerBytes, commit: stored.commitBytes,
    nextValidators: nextValidators.validators.map((v) => ({ publicKey: v.publicKey ?? new Uint8Array(), power: num(v.power) })) });
  const changes = await setChangesBetween(ledger, since + 2, height);
  const view = {
    header: block.header, commit: block.commit, nextValidators: block.nextValidators,
    setChanges: changes.map((c) => setChangeToJson({ header: c.header, commit: c.commit,
      nextValidators: (c.nextValidators?.validators ?? []).map((v) => ({ publicKey: v.publicKey ?? new Uint8Array(), power: num(v.power) })) })),
  };
  // The decoded views are the receipt JSON's own types; the schema leaves them open objects.
  return view as unknown as LightBlockView;
}

async function setOfHeight(ledger: Ledger, height: number): Promise<ValidatorEntry[]> {
  let found: { since: number; set: ValidatorEntry[] } | undefined;
  for (const [since, set] of await readValidatorHistory(ledger.state)) {
    if (since <= height && (found === undefined || since > found.since)) found = { since, set };
  }
  if (found === undefined) throw new LedgerError('LEDGER_CORRUPT', `ledger corrupt: no validator set for height ${height}`);
  return found.set;
}
