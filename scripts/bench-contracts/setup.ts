// Phase 1 of bench:contracts: the testnet (its genesis admits a court key and sets the clock's
// per-block limit), the contracts' documents anchored, and the contracts created by the court.
import { randomFillSync, sign as cryptoSign } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { decodeTx, encodeSignedTx, encodeTxBody, txHash, txSignBytes } from '../../src/codec/index.js';
import { generateKeyPair, readKeyFile, type KeyPair } from '../../src/crypto/index.js';
import { DEFAULT_PARAMS } from '../../src/state/genesis.js';
import { toHex } from '../../src/types/index.js';
import { keepAliveAgent, nodePrivateKey, presignAnchorTxs, type PresignedTx } from '../bench-lib.js';
import { drainMempools } from '../bench-run.js';
import { StatusPoller, STATUS_POLL_MS } from '../bench-chain.js';
import { newSubmitCounters, submitBulk, type SubmitCounters } from '../bench-net-submit.js';
import { setGenesisParams } from '../bench-batch/testnet.js';
import { createTestnetFiles, type TestnetLayout, type TestnetNodeHandle } from '../testnet-lib.js';
import { VALIDATORS, fixed, log, type Args } from './args.js';
import { benchCaseTerms } from './terms.js';

export const CATEGORY = 'copyright';
export const TX_LIFETIME_MS = 2 * 60 * 60 * 1000;
/** Submitters pause while a validator's mempool holds more than this (two full proposals). */
const BACKLOG_TXS_MAX = 4_000;
const BULK_SIZE = 128;
const SUBMITTERS_PER_VALIDATOR = 2;
const DRAIN_TIMEOUT_MS = 300_000;
const PROGRESS_EVERY_MS = 5_000;
const COURT_MEMBER = 'bench-court';
/** Case txs' nonces lie above every anchor's. */
const CASE_NONCE_BASE = 1_000_000_000;

/** Writes the testnet's files; its genesis admits the court key and sets caseEventsPerBlockMax. */
export function benchTestnetFiles(dir: string, args: Args): { layout: TestnetLayout; submitter: KeyPair; court: KeyPair } {
  const layout = createTestnetFiles({ dir, validators: VALIDATORS, observers: 0, basePort: args.basePort });
  const court = generateKeyPair();
  const document = JSON.parse(readFileSync(layout.genesisFile, 'utf8')) as { members: object[] };
  document.members.push({ name: COURT_MEMBER, organisation: COURT_MEMBER, role: 'court', publicKey: toHex(court.publicKey), categories: [] });
  writeFileSync(layout.genesisFile, JSON.stringify(document, null, 2) + '\n');
  // Checked by the node's own genesis parser on the way.
  setGenesisParams(layout.genesisFile, { caseEventsPerBlockMax: args.eventsPerBlockMax });
  return { layout, submitter: readKeyFile(layout.submitterKeyFile), court };
}

export function presignAnchors(layout: TestnetLayout, keyPair: KeyPair, count: number, firstNonce: number): PresignedTx[] {
  return presignAnchorTxs({ chainId: layout.chainId, keyPair, count, category: CATEGORY, firstNonce,
    expiresAtMs: Date.now() + TX_LIFETIME_MS });
}

/** The digest an anchor tx anchors. */
export function anchoredDigest(tx: PresignedTx): Uint8Array {
  const digest = decodeTx(tx.bytes, DEFAULT_PARAMS.txBytesMax).body.anchorEvidence?.digest;
  if (digest === undefined || digest === null) throw new Error('not an AnchorEvidence tx');
  return digest;
}

export interface SendResult {
  readonly sent: number;
  readonly accepted: number;
  readonly refused: Readonly<Record<string, number>>;
  readonly ms: number;
  readonly drained: boolean;
}

/**
 * Sends txs in bulk over SUBMITTERS_PER_VALIDATOR connections per validator, pausing while a
 * mempool is deep or while ahead of ratePerSec (undefined: as fast as the chain takes them), until
 * all are sent or endMs; then waits for the mempools to drain.
 */
export async function sendAll(handles: readonly TestnetNodeHandle[], txs: readonly PresignedTx[], what: string,
  ratePerSec: number | undefined, endMs: number): Promise<SendResult> {
  const poller = new StatusPoller(handles.map((h) => h.node.apiUrl));
  await poller.poll();
  poller.start();
  const counters: SubmitCounters = newSubmitCounters();
  const startMs = Date.now();
  const ahead = (): boolean => ratePerSec !== undefined && counters.next >= ((Date.now() - startMs) * ratePerSec) / 1000;
  const progress = setInterval(() => log(`  ${what}: sent ${counters.next}, accepted ${counters.accepted}, ${poller.describe()}`),
    PROGRESS_EVERY_MS);
  const urls = handles.map((h) => new URL(h.node.apiUrl));
  const agents = urls.map(() => keepAliveAgent(SUBMITTERS_PER_VALIDATOR));
  try {
    await Promise.all(urls.flatMap((url, v) => Array.from({ length: SUBMITTERS_PER_VALIDATOR }, () => submitBulk({
      txs, agent: agents[v]!, url, endMs, counters, bulkSize: ratePerSec === undefined ? BULK_SIZE : Math.max(1, Math.min(BULK_SIZE,
        Math.ceil(ratePerSec / 20))),
      backlogged: () => ahead() || poller.mempoolMax > BACKLOG_TXS_MAX, pauseMs: ratePerSec === undefined ? STATUS_POLL_MS : 25,
    }))));
    const drained = await drainMempools(poller, { timeoutMs: DRAIN_TIMEOUT_MS, progressEveryMs: PROGRESS_EVERY_MS, pollMs: STATUS_POLL_MS,
      progress: () => poller.describe(), log });
    return { sent: counters.next, accepted: counters.accepted, refused: { ...counters.refused }, ms: Date.now() - startMs,
      drained: drained.drained };
  } finally {
    clearInterval(progress);
    poller.stop();
    for (const agent of agents) agent.destroy();
  }
}

/** When the windows of phase 2 begin and how contract k's instalments fall due in them. */
export interface Schedule {
  readonly contracts: number;
  readonly rounds: number;
  readonly windowMs: number;
  readonly gapMs: number;
  /** Control window r starts at controlStartsMs[r], contracts window r at contractStartsMs[r]. */
  readonly controlStartsMs: readonly number[];
  readonly contractStartsMs: readonly number[];
  readonly spreadMs: number;
}

export function makeSchedule(args: Args, firstWindowMs: number, spreadFraction: number): Schedule {
  const step = args.windowMs + args.gapMs;
  const controlStartsMs = Array.from({ length: args.rounds }, (_, r) => firstWindowMs + 2 * r * step);
  return { contracts: args.contracts, rounds: args.rounds, windowMs: args.windowMs, gapMs: args.gapMs, controlStartsMs,
    contractStartsMs: controlStartsMs.map((ms) => ms + step), spreadMs: Math.floor(args.windowMs * spreadFraction) };
}

/** Due time of contract k's instalment r: the N contracts spread evenly over the window's first part. */
export const dueAtMs = (s: Schedule, k: number, r: number): number =>
  s.contractStartsMs[r]! + 1 + Math.floor((k * s.spreadMs) / s.contracts);

/** How many of round r's instalments have their legal time (due + 0 grace) at or before timeMs. */
export function dueBy(s: Schedule, r: number, timeMs: number): number {
  const offset = timeMs - s.contractStartsMs[r]! - 1;
  if (offset < 0) return 0;
  // k is due by then when floor(k × spread / N) <= offset, i.e. k < (offset + 1) × N / spread.
  return Math.min(s.contracts, Math.ceil(((offset + 1) * s.contracts) / s.spreadMs));
}

/**
 * The court's case_create txs, signed with node:crypto (as presignAnchorTxs does): the bench's
 * contract (terms.ts) with one unpaid instalment per round.
 */
export function presignCases(chainId: string, court: KeyPair, digests: readonly Uint8Array[], s: Schedule): PresignedTx[] {
  const privateKey = nodePrivateKey(court.seed);
  const parties = randomFillSync(Buffer.alloc(64 * digests.length));
  const expiresAtMs = Date.now() + TX_LIFETIME_MS;
  return digests.map((digest, k) => {
    const terms = benchCaseTerms(k, digest, { creditor: parties.subarray(64 * k, 64 * k + 32), debtor: parties.subarray(64 * k + 32, 64 * k + 64) },
      Array.from({ length: s.rounds }, (_, r) => dueAtMs(s, k, r)));
    const body = encodeTxBody({ chainId, signer: court.publicKey, nonce: CASE_NONCE_BASE + k, expiresAtMs, caseCreate: { terms } });
    const bytes = encodeSignedTx(body, cryptoSign(null, txSignBytes(chainId, body), privateKey));
    return { hash: toHex(txHash(bytes)), bytes,
      jsonBody: Buffer.from(`{"tx":"${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')}"}`) };
  });
}

export const sendText = (r: SendResult): string =>
  `${r.accepted} of ${r.sent} accepted in ${fixed(r.ms / 1000, 1)} s (${fixed((r.accepted * 1000) / r.ms)}/s)`
  + `${Object.keys(r.refused).length === 0 ? '' : `; refused: ${JSON.stringify(r.refused)}`}${r.drained ? '' : '; MEMPOOLS NOT DRAINED'}`;
