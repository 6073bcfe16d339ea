// GET /v1/crosschain/:name/receipt (docs/crosschain.md §5): the two-hop receipt of an anchor on a
// side chain. The side node configured for NAME says at which height the anchor is; the lowest
// header of the side chain this chain recorded above it by a relay tx is H; the side node proves the
// anchor against H (a version 2 receipt, checked here before it is served), and the main chain's
// relay tx that recorded H is proved to its commit from the main genesis.
import type { TwoHopReceiptView } from '../api/components.js';
import { ReceiptFormatError, type Receipt } from '../client/receipt.js';
import { receiptFromJson } from '../client/receipt-json.js';
import { verifyReceipt } from '../client/receipt-verify.js';
import { TWO_HOP_RECEIPT_KIND, TWO_HOP_RECEIPT_VERSION, twoHopReceiptToJson, type TxInclusion } from '../client/two-hop.js';
import type { Ledger } from '../ledger/index.js';
import type { ForeignChainRecordMsg } from '../codec/index.js';
import { foreignChainOf, kindName, recordingUpdate, registrationOf } from '../read/crosschain.js';
import { txInclusion } from '../read/receipts.js';
import { trustedHeadersAbove } from '../state/crosschain/index.js';
import { TianpingError, toHex } from '../types/index.js';
import { fetchJson, type FetchJsonOptions } from './crosschain-fetch.js';

export interface TwoHopSources {
  /** Registered name → base URL of a node of that chain (setting crosschain.sources). */
  readonly urls: ReadonlyMap<string, string>;
  readonly fetch?: FetchJsonOptions;
}

/** "NAME URL" items of crosschain.sources as a map; the loader has checked them. */
export function parseSources(items: readonly string[]): Map<string, string> {
  return new Map(items.map((item) => {
    const [name, url] = item.split(' ') as [string, string];
    return [name, url.replace(/\/+$/, '')];
  }));
}

const unavailable = (name: string, reason: string): TianpingError =>
  new TianpingError('FOREIGN_SOURCE_UNAVAILABLE', `the node of ${name}: ${reason}`);

async function sideJson(name: string, url: string, options: FetchJsonOptions | undefined): Promise<unknown> {
  const answer = await fetchJson(url, options);
  if (answer.ok) return answer.value;
  if (answer.code === 'EVIDENCE_NOT_FOUND') throw new TianpingError('EVIDENCE_NOT_FOUND', `${name} has no anchor of this digest`);
  throw unavailable(name, answer.reason);
}

/** The height of the anchor the side node's receipt would prove: its earliest anchor of the digest. */
async function anchorHeight(name: string, base: string, digestHex: string, algorithm: string, options?: FetchJsonOptions): Promise<number> {
  const found = await sideJson(name, `${base}/v1/evidence/${digestHex}?algorithm=${algorithm}&limit=1`, options);
  const height = (found as { anchors?: { height?: unknown }[] } | null)?.anchors?.[0]?.height;
  if (typeof height !== 'number' || !Number.isSafeInteger(height) || height < 1) {
    if (Array.isArray((found as { anchors?: unknown } | null)?.anchors) && (found as { anchors: unknown[] }).anchors.length === 0) {
      throw new TianpingError('EVIDENCE_NOT_FOUND', `${name} has no anchor of this digest`);
    }
    throw unavailable(name, 'its evidence answer names no anchor height');
  }
  return height;
}

export async function composeTwoHop(ledger: Ledger, chainId: string, sources: TwoHopSources, name: string, digest: Uint8Array,
  algorithm: 'sha256' | 'sm3'): Promise<TwoHopReceiptView> {
  const record = await foreignChainOf(ledger, name);
  const registration = registrationOf(record);
  if (kindName(registration.kind) !== 'tianping') {
    throw new TianpingError('FOREIGN_CHAIN_KIND_MISMATCH', `${name} is a transparency log: two-hop receipts are for tianping chains`);
  }
  const base = sources.urls.get(name);
  if (base === undefined) throw unavailable(name, 'none is configured (setting crosschain.sources)');
  const digestHex = toHex(digest);
  const height = await anchorHeight(name, base, digestHex, algorithm, sources.fetch);
  const relayed = await lowestRelayedAbove(ledger, record, height);
  if ('examined' in relayed) {
    throw new TianpingError('FOREIGN_NOT_CHECKPOINTED', relayed.examined < RELAYED_CANDIDATES_MAX
      ? `no header of ${name} above its height ${height} is recorded here yet by a relay tx`
      : `none of the lowest ${RELAYED_CANDIDATES_MAX} headers of ${name} recorded here above its height ${height} was recorded by a relay tx`);
  }
  const sideValue = await sideJson(name, `${base}/v1/evidence/${digestHex}/receipt?algorithm=${algorithm}&trusted=${relayed.height}`,
    sources.fetch);
  let side: Receipt;
  try {
    side = receiptFromJson(sideValue);
  } catch (error) {
    if (error instanceof ReceiptFormatError) throw unavailable(name, `its receipt does not decode: ${error.message}`);
    throw error;
  }
  const verification = verifyReceipt(side, { fileDigest: side.digest }, { chainId: registration.chainId, trustedHeaderHash: relayed.hash });
  if (!verification.valid) {
    throw unavailable(name, `its receipt does not verify against the recorded header ${relayed.height}: `
      + `${verification.failed}: ${verification.reason}`);
  }
  if (toHex(side.digest) !== digestHex) throw unavailable(name, 'its receipt is for another digest');
  const main = await txInclusion(ledger, relayed.mainHeight, relayed.txIndex);
  const checkpoint: TxInclusion = {
    tx: main.tx, txIndex: main.txIndex, txCount: main.txCount, txProof: main.txProof, header: main.header, commit: main.commit,
    setChanges: main.setChanges.map((c) => ({ header: c.header!, commit: c.commit!,
      nextValidators: (c.nextValidators?.validators ?? []).map((v) => ({ publicKey: v.publicKey!, power: Number(v.power ?? 0) })) })),
  };
  const json = twoHopReceiptToJson({ kind: TWO_HOP_RECEIPT_KIND, version: TWO_HOP_RECEIPT_VERSION, chainId, name,
    side, checkpoint });
  return json as unknown as TwoHopReceiptView;
}

/** Recorded headers read per scan while looking for the lowest relayed one above a height. */
const RELAYED_PAGE = 64;
/**
 * Recorded headers examined at most, lowest first above the anchor's height. Only an epoch's anchor
 * (the registration's, or a reset's) was recorded without a relay tx, so the first or second one
 * qualifies; the bound keeps a request's cost fixed however many headers the epoch holds.
 */
export const RELAYED_CANDIDATES_MAX = 1_024;

export interface RelayedHeader {
  readonly height: number;
  readonly hash: Uint8Array;
  /** The main-chain block and the index in it of the relay tx that recorded the header. */
  readonly mainHeight: number;
  readonly txIndex: number;
}

/**
 * The lowest trusted header of the current epoch above `height` that a relay tx recorded (a
 * registration's anchor has none), walked upward by scans of RELAYED_PAGE keys from that height's
 * key on; otherwise how many headers were examined (RELAYED_CANDIDATES_MAX when the walk stopped there).
 */
export async function lowestRelayedAbove(ledger: Ledger, record: ForeignChainRecordMsg, height: number):
  Promise<RelayedHeader | { examined: number }> {
  const name = registrationOf(record).name;
  const epoch = Number(record.epoch);
  let after = height;
  let examined = 0;
  while (examined < RELAYED_CANDIDATES_MAX) {
    const page = await trustedHeadersAbove(ledger.state, name, epoch, after, Math.min(RELAYED_PAGE, RELAYED_CANDIDATES_MAX - examined));
    for (const header of page) {
      examined += 1;
      const recorded = await recordingUpdate(ledger, header);
      if (recorded !== undefined) return { height: Number(header.height), hash: header.hash, mainHeight: recorded.height, txIndex: recorded.index };
    }
    if (page.length < RELAYED_PAGE) break;
    after = Number(page[page.length - 1]!.height);
  }
  return { examined };
}
