// npm run bench:batch -- [--quick] [--items N] ...: anchor batches on a local testnet of real node
// processes on 127.0.0.1, against the figures of the issue:
//   1. committed records/s with signed indexed batches of 1,000 items on 4 validators, read from the
//      chain itself (header tx counts × items, block times) over a steady window;
//   2. root-only end to end: N item digests → RFC 6962 tree → one signed root-only AnchorBatch →
//      committed → N complete receipts written to disk, items/s and the time of each stage;
//   3. receipts served/s: GET /v1/evidence/:digest/receipt for items of indexed batches;
//   4. offline verification time per receipt (verifyReceipt, noble signatures);
//   5. disk bytes per indexed item on a single dev node, both ledgers compacted.
// Targets are reported as pass/fail; a missed target is a result, not an error (exit 0).
import { execFileSync } from 'node:child_process';
import { randomFillSync, randomInt } from 'node:crypto';
import { closeSync, cpSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { ClassicLevel } from 'classic-level';
import { buildBatchTx, rootOnlyReceipt } from '../src/client/batch.js';
import { TianpingClient } from '../src/client/client.js';
import { decodeReceipt, encodeReceipt, type Receipt } from '../src/client/receipt.js';
import { receiptFromJson } from '../src/client/receipt-json.js';
import { verifyReceipt } from '../src/client/receipt-verify.js';
import { installNodeSha256, readKeyFile, type KeyPair } from '../src/crypto/index.js';
import { leafHash, MerkleBuilder, nodeHash } from '../src/merkle/index.js';
import { parseGenesis, type Genesis } from '../src/state/genesis.js';
import { equalBytes, toHex } from '../src/types/index.js';
import {
  dirBytes, getJson, getText, keepAliveAgent, machineInfo, percentile, postJson, presignBatchTxs, problemCode, processCpuMs,
  round, sleep, systemCpuMs, type PresignedBatch,
} from './bench-lib.js';
import {
  createTestnetFiles, startTestnet, startTestnetNode, stopAll, type TestnetLayout, type TestnetNode, type TestnetNodeHandle,
} from './testnet-lib.js';

const EXIT_OK = 0;
const EXIT_ERROR = 2;

const TARGET_INDEXED_RECORDS_PER_SEC = 15_000;
const TARGET_ROOT_ONLY_ITEMS_PER_SEC = 100_000;
const TARGET_DISK_BYTES_PER_ITEM = 100;

const VALIDATORS = 4;
const ITEMS_PER_BATCH = 1_000;
/** API ports P..P+3, p2p ports P+100..; the dev node's API on P+50. Away from bench:net (18100) and the testnet (8100). */
const DEFAULT_BASE_PORT = 18_300;
const DEV_PORT_OFFSET = 50;
const CATEGORY = 'copyright';
const TX_LIFETIME_MS = 60 * 60 * 1000;
const NODE_ENV: Readonly<Record<string, string>> = { TIANPING_LOG_LEVEL: 'warn' };
/** Above this share of one core used by other processes, the figures are flagged as disturbed. */
const OTHER_CPU_WARN_PERCENT = 20;

const FULL = { loadSeconds: 30, items: 1_000_000, receiptSeconds: 10, verifyCount: 300, diskItems: 200_000 } as const;
const QUICK = { loadSeconds: 8, items: 50_000, receiptSeconds: 3, verifyCount: 50, diskItems: 20_000 } as const;

// Phase 1.
/** Batches pre-signed per second of load: twice the target, so the target can be shown to hold. */
const PRESIGN_BATCHES_PER_SEC = (2 * TARGET_INDEXED_RECORDS_PER_SEC) / ITEMS_PER_BATCH;
const DEFAULT_CONNECTIONS = 2;
/** Submitters pause while some validator's mempool holds more batches than this (keeps the drain short). */
const BACKLOG_BATCHES_MAX = 150;
const WARMUP_FRACTION = 0.2;
const WARMUP_MIN_MS = 3_000;
const STATUS_POLL_MS = 250;
const PROGRESS_EVERY_MS = 2_000;
const DRAIN_TIMEOUT_MS = 180_000;
const CHAIN_CATCH_UP_MS = 60_000;
const MEMPOOL_FULL_BACKOFF_MS = 50;
/** No block for this long while txs wait: the chain is stuck, and the bench says why instead of waiting on. */
const STALL_MS = 30_000;
const SUBMIT_TIMEOUT_MS = 60_000;
const COMMIT_WAIT_MS = 60_000;

// Phase 2.
const RECEIPT_FILES_PER_THREAD = 4;
const WRITE_CHUNK_BYTES = 32 * 1024 * 1024;
const ROOT_ONLY_SAMPLE = 100;

// Phase 3.
const DEFAULT_RECEIPT_CLIENTS = 16;
const RECEIPT_ITEMS_SAMPLED = 2_000;
const RECEIPT_WARMUP_MS = 1_000;
const RECEIPT_TIMEOUT_MS = 30_000;

// Phase 5.
const DISK_CONNECTIONS = 4;

const PHASES = ['load', 'root-only', 'receipts', 'verify', 'disk'] as const;
type Phase = (typeof PHASES)[number];

const USAGE = `Usage: npm run bench:batch -- [--quick] [--items N] [--seconds S] [--disk-items N]
                              [--phases LIST] [--threads T] [--connections C] [--clients K]
                              [--base-port P] [--node-env NAME=VALUE]... [--genesis-param NAME=N]...
                              [--cpu-prof DIR] [--keep]

Starts a fresh local testnet of ${VALIDATORS} validators (each its own process, in a temporary directory, on
127.0.0.1), then measures:
  load       committed records/s with signed indexed batches of ${ITEMS_PER_BATCH} items (pre-signed, random
             digests, submitted over C keep-alive connections per validator; read from the blocks)
  root-only  N digests → RFC 6962 tree → one signed root-only AnchorBatch → committed → N receipts
             written to disk (protobuf Receipt, varint-length-delimited, a few files); items/s end to
             end and per stage; ${ROOT_ONLY_SAMPLE} receipts read back and checked with verifyReceipt
  receipts   receipts/s served by GET /v1/evidence/:digest/receipt for items of indexed batches, K
             concurrent clients
  verify     verifyReceipt (noble) ms per receipt, over the receipts served (and the root-only sample)
  disk       on a single dev node (start --dev): bytes per indexed item, ledgers compacted
Prints a summary, pass/fail per target, and one JSON line last. Exits 0 even when a target is
missed; 2 on an error.

Options:
  --quick               a smoke run (load ${QUICK.loadSeconds} s, ${QUICK.items} root-only items, receipts ${QUICK.receiptSeconds} s, ${QUICK.diskItems} disk items)
  --items N             root-only batch size (default ${FULL.items})
  --seconds S           seconds of indexed load (default ${FULL.loadSeconds}; the first ${WARMUP_FRACTION * 100}% are warm-up)
  --disk-items N        items anchored on the dev node (default ${FULL.diskItems}; whole batches of ${ITEMS_PER_BATCH})
  --phases LIST         comma-separated subset of ${PHASES.join(',')} (default all)
  --threads T           threads building the root-only tree and receipts: 1 or 2 (default: 2 if 2+ cores)
  --connections C       connections per validator in the load phase (default ${DEFAULT_CONNECTIONS})
  --clients K           concurrent receipt clients, spread over the validators (default ${DEFAULT_RECEIPT_CLIENTS})
  --base-port P         API ports P.., p2p ports P+100.., dev node P+${DEV_PORT_OFFSET} (default ${DEFAULT_BASE_PORT})
  --node-env NAME=VALUE extra environment of every node, e.g. TIANPING_CONSENSUS_PROPOSE_TXS_MAX=20 (repeatable)
  --genesis-param NAME=N a genesis parameter of the chains made here, e.g. blockTxsMax=20 (repeatable)
  --cpu-prof DIR        write a V8 CPU profile of every validator into DIR (written when the nodes stop)
  --keep                keep the temporary directory (logs, ledgers, receipt files) instead of deleting it
  -h, --help            show this help
`;

class UsageError extends Error {}

/** The chain committed nothing for STALL_MS with txs waiting: a result of the load phase, not a failure of the bench. */
class ChainStalledError extends Error {}

interface Args {
  readonly quick: boolean;
  readonly items: number;
  readonly loadSeconds: number;
  readonly receiptSeconds: number;
  readonly verifyCount: number;
  readonly diskItems: number;
  readonly phases: ReadonlySet<Phase>;
  readonly threads: 1 | 2;
  readonly connections: number;
  readonly clients: number;
  readonly basePort: number;
  readonly nodeEnv: Readonly<Record<string, string>>;
  /** Genesis parameters set on the chains this bench makes (testnet and dev node). */
  readonly genesisParams: Readonly<Record<string, number>>;
  readonly cpuProfDir: string | undefined;
  readonly keep: boolean;
}

function parse(argv: readonly string[]): Args | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv], allowPositionals: false, strict: true,
      options: {
        quick: { type: 'boolean' }, items: { type: 'string' }, seconds: { type: 'string' }, 'disk-items': { type: 'string' },
        phases: { type: 'string' }, threads: { type: 'string' }, connections: { type: 'string' }, clients: { type: 'string' },
        'base-port': { type: 'string' }, 'node-env': { type: 'string', multiple: true },
        'genesis-param': { type: 'string', multiple: true }, 'cpu-prof': { type: 'string' },
        keep: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
  if (values.help === true) return 'help';
  const integer = (name: string, text: string | undefined, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number => {
    if (text === undefined) return fallback;
    const clean = text.replace(/_/g, '');
    if (!/^[0-9]+$/.test(clean) || Number(clean) < min || Number(clean) > max) {
      throw new UsageError(`--${name} must be a whole number in ${min}..${max}, got "${text}"`);
    }
    return Number(clean);
  };
  const quick = values.quick === true;
  const sizes = quick ? QUICK : FULL;
  const phases = new Set<Phase>();
  for (const name of (values.phases ?? PHASES.join(',')).split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    if (!(PHASES as readonly string[]).includes(name)) throw new UsageError(`--phases: unknown phase "${name}" (known: ${PHASES.join(', ')})`);
    phases.add(name as Phase);
  }
  if (phases.size === 0) throw new UsageError('--phases names no phase');
  const nodeEnv: Record<string, string> = { ...NODE_ENV };
  for (const item of values['node-env'] ?? []) {
    const match = /^(TIANPING_[A-Z0-9_]+)=(.*)$/s.exec(item);
    if (match === null) throw new UsageError(`--node-env must be TIANPING_NAME=VALUE, got "${item}"`);
    nodeEnv[match[1]!] = match[2]!;
  }
  const genesisParams: Record<string, number> = {};
  for (const item of values['genesis-param'] ?? []) {
    const match = /^([A-Za-z]+)=([0-9]+)$/.exec(item);
    if (match === null) throw new UsageError(`--genesis-param must be NAME=INTEGER (e.g. blockTxsMax=20), got "${item}"`);
    genesisParams[match[1]!] = Number(match[2]);
  }
  const cpuProfDir = values['cpu-prof'] === undefined ? undefined
    : isAbsolute(values['cpu-prof']) ? values['cpu-prof'] : resolve(values['cpu-prof']);
  const diskItems = integer('disk-items', values['disk-items'], sizes.diskItems, ITEMS_PER_BATCH);
  return {
    quick,
    items: integer('items', values.items, sizes.items, 2),
    loadSeconds: integer('seconds', values.seconds, sizes.loadSeconds, 5),
    receiptSeconds: sizes.receiptSeconds,
    verifyCount: sizes.verifyCount,
    diskItems: Math.ceil(diskItems / ITEMS_PER_BATCH) * ITEMS_PER_BATCH,
    phases,
    threads: integer('threads', values.threads, availableParallelism() >= 2 ? 2 : 1, 1, 2) as 1 | 2,
    connections: integer('connections', values.connections, DEFAULT_CONNECTIONS, 1),
    clients: integer('clients', values.clients, DEFAULT_RECEIPT_CLIENTS, 1),
    basePort: integer('base-port', values['base-port'], DEFAULT_BASE_PORT, 1024, 65_000),
    nodeEnv, genesisParams, cpuProfDir, keep: values.keep === true,
  };
}

const log = (message: string): void => {
  process.stderr.write(`bench:batch: ${message}\n`);
};

const fixed = (value: number, digits = 0): string => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const seconds = (ms: number): string => `${fixed(ms / 1000, 2)} s`;
const passText = (pass: boolean): string => (pass ? 'PASS' : 'FAIL');
const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
const mean = (values: readonly number[]): number => (values.length === 0 ? Number.NaN : sum(values) / values.length);

// --- chain observation -----------------------------------------------------------------------

interface NodeStatus {
  readonly latestHeight: number;
  readonly mempoolSize: number;
}

interface HeaderView {
  readonly height: number;
  readonly timeMs: number;
  readonly txCount: number;
  /** The round the block was committed in: above 0 when earlier rounds failed (timeouts). */
  readonly round: number;
}

/** Polls every validator's /v1/status; submitters read the largest mempool to pace themselves. */
class StatusPoller {
  statuses: (NodeStatus | undefined)[];
  private timer: NodeJS.Timeout | undefined;
  private polling = false;
  private lastHeight = -1;
  private lastAdvanceMs = Date.now();

  constructor(private readonly urls: readonly string[]) {
    this.statuses = urls.map(() => undefined);
  }

  start(): void {
    this.timer = setInterval(() => void this.poll(), STATUS_POLL_MS);
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
  }

  async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      this.statuses = await Promise.all(this.urls.map((url) => getJson<NodeStatus>(`${url}/v1/status`).catch(() => undefined)));
      if (this.heightMin > this.lastHeight) {
        this.lastHeight = this.heightMin;
        this.lastAdvanceMs = Date.now();
      }
    } finally {
      this.polling = false;
    }
  }

  /** True once no validator has committed a block for STALL_MS while some mempool holds txs. */
  get stalled(): boolean {
    return Date.now() - this.lastAdvanceMs > STALL_MS && this.mempoolMax > 0;
  }

  get mempoolMax(): number {
    return Math.max(0, ...this.statuses.map((s) => s?.mempoolSize ?? 0));
  }

  get heightMin(): number {
    return Math.min(...this.statuses.map((s) => s?.latestHeight ?? 0));
  }

  describe(): string {
    return `heights ${this.statuses.map((s) => s?.latestHeight ?? '?').join('/')}, `
      + `mempools ${this.statuses.map((s) => s?.mempoolSize ?? '?').join('/')}`;
  }
}

async function headers(url: string, fromHeight: number, toHeight: number): Promise<HeaderView[]> {
  const out: HeaderView[] = [];
  for (let height = fromHeight; height <= toHeight; height++) {
    const header = await getJson<Omit<HeaderView, 'round'> & { commit?: { round?: number } }>(`${url}/v1/headers/${height}`, 30_000);
    out.push({ height: header.height, timeMs: header.timeMs, txCount: header.txCount, round: header.commit?.round ?? 0 });
  }
  return out;
}

/** Height of the node's first block timed after timeMs, waiting up to CHAIN_CATCH_UP_MS for it. */
async function heightOfFirstBlockAfter(url: string, timeMs: number): Promise<number> {
  const deadlineMs = Date.now() + CHAIN_CATCH_UP_MS;
  for (;;) {
    const latest = await getJson<HeaderView>(`${url}/v1/headers/latest`);
    if (latest.timeMs > timeMs || Date.now() >= deadlineMs) return latest.height;
    await sleep(STATUS_POLL_MS);
  }
}

/** A pino error line in one line: its message, the error and where it was thrown. */
function describeLogError(line: string): string {
  try {
    const entry = JSON.parse(line) as { msg?: string; err?: { type?: string; message?: string; stack?: string } };
    const at = entry.err?.stack?.split('\n').find((l) => l.trim().startsWith('at '))?.trim()
      .replace(/\(.*?\/(src|scripts|node_modules)\//, '($1/');
    return [entry.msg, entry.err === undefined ? undefined : `${entry.err.type ?? 'Error'}: ${entry.err.message ?? ''}`, at]
      .filter((part) => part !== undefined && part !== '').join(' ');
  } catch {
    return line.slice(0, 300);
  }
}

/** What each node says about itself once the chain has stopped: health and its last error lines. */
async function stallReport(handles: readonly TestnetNodeHandle[], poller: StatusPoller): Promise<string> {
  const lines = [`no block for ${STALL_MS / 1000} s with txs waiting (${poller.describe()})`];
  for (const handle of handles) {
    const health = await fetch(`${handle.node.apiUrl}/healthz`, { signal: AbortSignal.timeout(2_000) })
      .then((r) => String(r.status), (e: unknown) => (e as Error).message);
    const errors = handle.logTail(400).split('\n').filter((l) => /"level":(50|60)/.test(l));
    lines.push(`  ${handle.name}: /healthz ${health}${handle.running() ? '' : ' (exited)'}`
      + `${errors.length === 0 ? '' : `; last error: ${describeLogError(errors.at(-1)!)}`}`);
  }
  return lines.join('\n');
}

async function drain(poller: StatusPoller, handles: readonly TestnetNodeHandle[]): Promise<{ drained: boolean; ms: number }> {
  const startMs = Date.now();
  let lastLogMs = startMs;
  while (Date.now() - startMs < DRAIN_TIMEOUT_MS) {
    await poller.poll();
    if (poller.statuses.every((s) => s !== undefined && s.mempoolSize === 0)) return { drained: true, ms: Date.now() - startMs };
    if (poller.stalled) throw new ChainStalledError(`the chain stopped committing (seen after the load): ${await stallReport(handles, poller)}`);
    if (Date.now() - lastLogMs >= PROGRESS_EVERY_MS) {
      lastLogMs = Date.now();
      log(`  draining: ${poller.describe()}`);
    }
    await sleep(STATUS_POLL_MS);
  }
  return { drained: false, ms: Date.now() - startMs };
}

interface CpuSnapshot {
  readonly atMs: number;
  readonly nodesMs: readonly (number | undefined)[];
  readonly clientMs: number;
  readonly machineBusyMs: number | undefined;
}

function cpuSnapshot(handles: readonly TestnetNodeHandle[]): CpuSnapshot {
  const client = process.cpuUsage();
  return { atMs: Date.now(), nodesMs: handles.map((h) => processCpuMs(h.pid)), clientMs: (client.user + client.system) / 1000,
    machineBusyMs: systemCpuMs()?.busyMs };
}

interface CpuPercents {
  /** Each node, this client, the whole machine: % of one core (a machine of C cores has C × 100 %). */
  readonly nodes: readonly number[];
  readonly client: number;
  readonly machine: number;
}

function cpuPercents(from: CpuSnapshot, to: CpuSnapshot): CpuPercents {
  const wallMs = to.atMs - from.atMs;
  const percent = (a: number | undefined, b: number | undefined): number =>
    a === undefined || b === undefined || wallMs <= 0 ? Number.NaN : round(((b - a) * 100) / wallMs);
  return { nodes: from.nodesMs.map((ms, i) => percent(ms, to.nodesMs[i])), client: percent(from.clientMs, to.clientMs),
    machine: percent(from.machineBusyMs, to.machineBusyMs) };
}

/** Submits one tx, retrying on MEMPOOL_FULL and once on a closed keep-alive socket. */
async function submitBatch(agent: ReturnType<typeof keepAliveAgent>, url: URL, path: string, tx: PresignedBatch, timeoutMs: number,
  counters: { mempoolFull: number }): Promise<{ ok: boolean; code: string; body: string }> {
  let retried = false;
  for (;;) {
    let answer;
    try {
      answer = await postJson(agent, url, path, tx.jsonBody, timeoutMs);
    } catch (error) {
      if (retried) throw error;
      retried = true;
      continue;
    }
    if (answer.status === 202 || answer.status === 200) return { ok: true, code: 'OK', body: answer.body };
    const code = problemCode(answer);
    if (code === 'MEMPOOL_FULL') {
      counters.mempoolFull++;
      await sleep(MEMPOOL_FULL_BACKOFF_MS);
      continue;
    }
    // A duplicate after a resend means the first send got in.
    if (code === 'TX_DUPLICATE' && retried) return { ok: true, code: 'OK', body: answer.body };
    return { ok: false, code, body: answer.body };
  }
}

// --- phase 1: indexed batches at maximum load --------------------------------------------------

interface LoadResult {
  readonly committedRecordsPerSec: number;
  readonly acceptedRecordsPerSec: number;
  readonly windowMs: number;
  readonly windowBlocks: number;
  readonly meanBlockIntervalMs: number;
  readonly meanBatchesPerBlock: number;
  readonly maxBatchesPerBlock: number;
  /** Blocks of the window committed in a round above 0, and the highest such round. */
  readonly laterRoundBlocks: number;
  readonly maxRound: number;
  readonly submittedBatches: number;
  readonly acceptedBatches: number;
  readonly mempoolFullAnswers: number;
  readonly backlogPauses: number;
  readonly refused: Readonly<Record<string, number>>;
  readonly ranOutOfTxs: boolean;
  readonly cpu: CpuPercents | undefined;
  /** Indexes (into the pre-signed txs) of the batches the nodes accepted. */
  readonly acceptedIndexes: readonly number[];
  readonly drainMs: number;
  readonly drained: boolean;
}

async function indexedLoad(args: Args, handles: readonly TestnetNodeHandle[], txs: readonly PresignedBatch[], poller: StatusPoller):
  Promise<LoadResult> {
  const urls = handles.map((h) => new URL(h.node.apiUrl));
  const agents = urls.map(() => keepAliveAgent(args.connections));
  const loadMs = args.loadSeconds * 1000;
  const warmupMs = Math.max(WARMUP_MIN_MS, loadMs * WARMUP_FRACTION);
  const startHeight = poller.heightMin;
  let next = 0;
  const acceptedIndexes: number[] = [];
  const counters = { mempoolFull: 0 };
  let backlogPauses = 0;
  const refused: Record<string, number> = {};
  const startMs = Date.now();
  const endMs = startMs + loadMs;
  let acceptedAtWindowStart: number | undefined;
  let windowStartCpu: CpuSnapshot | undefined;

  const submitter = async (validator: number): Promise<void> => {
    while (Date.now() < endMs && next < txs.length && !poller.stalled) {
      if (poller.mempoolMax > BACKLOG_BATCHES_MAX) {
        backlogPauses++;
        await sleep(STATUS_POLL_MS);
        continue;
      }
      const index = next++;
      const answer = await submitBatch(agents[validator]!, urls[validator]!, '/v1/txs', txs[index]!, SUBMIT_TIMEOUT_MS, counters);
      if (answer.ok) acceptedIndexes.push(index);
      else refused[answer.code] = (refused[answer.code] ?? 0) + 1;
    }
  };

  const progress = setInterval(() => {
    log(`  load ${((Date.now() - startMs) / 1000).toFixed(0).padStart(3)} s: accepted ${acceptedIndexes.length} batches, ${poller.describe()}`);
  }, PROGRESS_EVERY_MS);
  const windowTimer = setTimeout(() => {
    acceptedAtWindowStart = acceptedIndexes.length;
    windowStartCpu = cpuSnapshot(handles);
  }, warmupMs);
  try {
    await Promise.all(urls.flatMap((_, validator) => Array.from({ length: args.connections }, () => submitter(validator))));
  } finally {
    clearInterval(progress);
    clearTimeout(windowTimer);
    for (const agent of agents) agent.destroy();
  }
  if (poller.stalled) throw new ChainStalledError(`the chain stopped committing (seen under load): ${await stallReport(handles, poller)}`);
  const loadEndMs = Date.now();
  const cpu = windowStartCpu === undefined ? undefined : cpuPercents(windowStartCpu, cpuSnapshot(handles));
  const ranOutOfTxs = next >= txs.length && loadEndMs < endMs;
  const windowStartMs = startMs + warmupMs;
  if (loadEndMs - windowStartMs < 1000) {
    throw new Error(`the steady window is under 1 s (load ran ${loadEndMs - startMs} ms): use more --seconds`);
  }
  // Once node0 has a block younger than the load, every block of the window is committed.
  const tipHeight = await heightOfFirstBlockAfter(handles[0]!.node.apiUrl, loadEndMs);
  const chain = await headers(handles[0]!.node.apiUrl, startHeight + 1, tipHeight);
  // Every tx of this phase is a batch of ITEMS_PER_BATCH items; every block proposed within the
  // window counts, over the window (a slow chain's sparse blocks are not stretched).
  const inWindow = chain.filter((b) => b.timeMs > windowStartMs && b.timeMs <= loadEndMs);
  log(`  blocks (height: batches, round, ms after the previous): ${chain.map((b, i) => `${b.height}: ${b.txCount}, r${b.round}`
    + `${i === 0 ? '' : `, +${b.timeMs - chain[i - 1]!.timeMs}`}`).join('; ')}`);
  const windowMs = loadEndMs - windowStartMs;
  const batchesInWindow = sum(inWindow.map((b) => b.txCount));
  const blockSpanMs = inWindow.length >= 2 ? inWindow.at(-1)!.timeMs - inWindow[0]!.timeMs : Number.NaN;
  log('  draining the mempools');
  const drained = await drain(poller, handles);
  return {
    committedRecordsPerSec: (batchesInWindow * ITEMS_PER_BATCH * 1000) / windowMs,
    acceptedRecordsPerSec: ((acceptedIndexes.length - (acceptedAtWindowStart ?? 0)) * ITEMS_PER_BATCH * 1000) / windowMs,
    windowMs, windowBlocks: inWindow.length,
    meanBlockIntervalMs: blockSpanMs / (inWindow.length - 1),
    meanBatchesPerBlock: inWindow.length === 0 ? 0 : batchesInWindow / inWindow.length,
    maxBatchesPerBlock: Math.max(0, ...inWindow.map((b) => b.txCount)),
    laterRoundBlocks: inWindow.filter((b) => b.round > 0).length, maxRound: Math.max(0, ...inWindow.map((b) => b.round)),
    submittedBatches: next, acceptedBatches: acceptedIndexes.length, mempoolFullAnswers: counters.mempoolFull, backlogPauses,
    refused, ranOutOfTxs, cpu, acceptedIndexes, drainMs: drained.ms, drained: drained.drained,
  };
}

// --- phase 2: root-only, end to end ------------------------------------------------------------

/** What a root-only worker is given: the digests (shared), its range of items, and where to write. */
interface RootWorkerData {
  readonly kind: 'bench-batch-root-only';
  readonly digests: SharedArrayBuffer;
  readonly itemCount: number;
  readonly begin: number;
  readonly end: number;
}

/** Second message: the receipt parts every item shares, and the files of this worker. */
interface RootWorkerWrite {
  /** Receipt fields 1..3 (version, chain id, algorithm), encoded. */
  readonly head: Uint8Array;
  /** Field 5 (salted), encoded: empty when false. */
  readonly saltedField: Uint8Array;
  /** Fields 7..13 (tx, tx index and count, tx proof, header, commit, set changes), encoded. */
  readonly tail: Uint8Array;
  /** The root of the other half of the tree, the top of every path of this half; absent with one thread. */
  readonly otherRoot: Uint8Array | undefined;
  readonly files: readonly string[];
  /** Items whose place in the files to report (for the read-back check). */
  readonly sample: readonly number[];
}

interface SamplePlace {
  readonly item: number;
  readonly file: string;
  /** Offset of the Receipt bytes (after the length prefix) and their length. */
  readonly offset: number;
  readonly length: number;
}

interface RootWorkerTreeDone {
  readonly root: Uint8Array;
  readonly leafMs: number;
  readonly treeMs: number;
}

interface RootWorkerWriteDone {
  readonly receipts: number;
  readonly bytes: number;
  /** Building receipts (paths and splicing), and waiting for a chunk's write to finish (writes overlap the building). */
  readonly buildMs: number;
  readonly writeMs: number;
  readonly fsyncMs: number;
  readonly places: readonly SamplePlace[];
}

function varintLength(value: number): number {
  let length = 1;
  for (let v = value; v >= 0x80; v = Math.floor(v / 128)) length++;
  return length;
}

function writeVarint(buffer: Uint8Array, at: number, value: number): number {
  let v = value;
  while (v >= 0x80) {
    buffer[at++] = (v % 128) | 0x80;
    v = Math.floor(v / 128);
  }
  buffer[at++] = v;
  return at;
}

/**
 * Worker side of phase 2. First the tree: leaf hashes of this range, then MerkleBuilder over them
 * (the whole tree with one thread; with two, the left subtree of the RFC 6962 split and the rest).
 * Then, once the tx is committed, every receipt of the range: shared head ‖ digest ‖ salted ‖
 * batch path ‖ shared tail, each preceded by its length as a varint, into this worker's files.
 */
function runRootWorker(data: RootWorkerData): void {
  const port = parentPort!;
  const digests = new Uint8Array(data.digests);
  const count = data.end - data.begin;
  let tree: MerkleBuilder | undefined;
  port.once('message', () => {
    let startMs = performance.now();
    const leaves: Uint8Array[] = new Array<Uint8Array>(count);
    for (let i = 0; i < count; i++) {
      const at = 32 * (data.begin + i);
      leaves[i] = leafHash(digests.subarray(at, at + 32));
    }
    const leafMs = performance.now() - startMs;
    startMs = performance.now();
    tree = new MerkleBuilder(leaves);
    leaves.length = 0;
    const treeMs = performance.now() - startMs;
    port.postMessage({ root: tree.root, leafMs, treeMs } satisfies RootWorkerTreeDone);
    port.once('message', (write: RootWorkerWrite) => {
      void writeReceipts(data, digests, tree!, write).then((done) => port.postMessage(done satisfies RootWorkerWriteDone));
    });
  });
  port.postMessage('ready');
}

/**
 * Builds every receipt of the range into one of two chunks while the other is being written (the
 * write runs in libuv's thread pool), so building and writing overlap.
 */
async function writeReceipts(data: RootWorkerData, digests: Uint8Array, tree: MerkleBuilder, write: RootWorkerWrite):
  Promise<RootWorkerWriteDone> {
  const count = data.end - data.begin;
  const { head, saltedField, tail, otherRoot, files } = write;
  const sample = new Set(write.sample);
  const places: SamplePlace[] = [];
  const itemCountField = 1 + varintLength(data.itemCount);
  const chunks = [new Uint8Array(WRITE_CHUNK_BYTES), new Uint8Array(WRITE_CHUNK_BYTES)];
  let chunk = chunks[0]!;
  let used = 0;
  let bytes = 0;
  let writeWaitMs = 0;
  let fsyncMs = 0;
  const startMs = performance.now();
  const perFile = Math.ceil(count / files.length);
  for (let f = 0; f < files.length; f++) {
    const file = files[f]!;
    const handle = await open(file, 'w');
    let fileOffset = 0;
    let pending: Promise<unknown> = Promise.resolve();
    const flush = async (): Promise<void> => {
      const t = performance.now();
      await pending; // the other chunk is free again
      writeWaitMs += performance.now() - t;
      const full = chunk;
      const length = used;
      pending = (async () => {
        for (let written = 0; written < length; ) written += (await handle.write(full, written, length - written)).bytesWritten;
      })();
      chunk = full === chunks[0] ? chunks[1]! : chunks[0]!;
      fileOffset += length;
      bytes += length;
      used = 0;
    };
    const from = f * perFile;
    const to = Math.min(count, from + perFile);
    for (let local = from; local < to; local++) {
      const item = data.begin + local;
      const path = tree.proof(local);
      if (otherRoot !== undefined) path.push(otherRoot);
      // BatchPath: item_index (omitted when 0, as canonical proto3 omits defaults), item_count, path.
      const batchLength = (item === 0 ? 0 : 1 + varintLength(item)) + itemCountField + 34 * path.length;
      const receiptLength = head.length + 34 + saltedField.length + 1 + varintLength(batchLength) + batchLength + tail.length;
      const recordLength = varintLength(receiptLength) + receiptLength;
      if (used + recordLength > chunk.length) await flush();
      let at = writeVarint(chunk, used, receiptLength);
      const receiptOffset = fileOffset + at;
      chunk.set(head, at);
      at += head.length;
      chunk[at++] = 0x22; // field 4 (digest), length-delimited
      chunk[at++] = 32;
      chunk.set(digests.subarray(32 * item, 32 * item + 32), at);
      at += 32;
      chunk.set(saltedField, at);
      at += saltedField.length;
      chunk[at++] = 0x32; // field 6 (batch), length-delimited
      at = writeVarint(chunk, at, batchLength);
      if (item !== 0) {
        chunk[at++] = 0x08; // BatchPath.item_index
        at = writeVarint(chunk, at, item);
      }
      chunk[at++] = 0x10; // BatchPath.item_count
      at = writeVarint(chunk, at, data.itemCount);
      for (const hash of path) {
        chunk[at++] = 0x1a; // BatchPath.path
        chunk[at++] = 32;
        chunk.set(hash, at);
        at += 32;
      }
      chunk.set(tail, at);
      at += tail.length;
      if (sample.has(item)) places.push({ item, file, offset: receiptOffset, length: receiptLength });
      used = at;
    }
    await flush();
    let t = performance.now();
    await pending;
    writeWaitMs += performance.now() - t;
    t = performance.now();
    await handle.sync();
    await handle.close();
    fsyncMs += performance.now() - t;
  }
  const buildMs = performance.now() - startMs - writeWaitMs - fsyncMs;
  return { receipts: count, bytes, buildMs, writeMs: writeWaitMs, fsyncMs, places };
}

function nextMessage<T>(worker: Worker): Promise<T> {
  return new Promise((resolvePromise, reject) => {
    const onMessage = (message: T): void => {
      worker.off('error', onError);
      resolvePromise(message);
    };
    const onError = (error: Error): void => {
      worker.off('message', onMessage);
      reject(error);
    };
    worker.once('message', onMessage);
    worker.once('error', onError);
  });
}

function startRootWorker(data: RootWorkerData): Worker {
  // A worker does not inherit the main thread's loader: it loads this file through tsx's API.
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const self = import.meta.url;
  const code = `import(${JSON.stringify(tsxApi)}).then((api) => api.tsImport(${JSON.stringify(self)}, ${JSON.stringify(self)}))`;
  return new Worker(code, { eval: true, workerData: data });
}

interface RootOnlyResult {
  readonly items: number;
  readonly threads: number;
  readonly digestsMs: number;
  readonly workerStartMs: number;
  readonly leafMs: number;
  readonly treeMs: number;
  readonly txMs: number;
  readonly commitMs: number;
  readonly inclusionMs: number;
  readonly receiptsMs: number;
  readonly receiptsBuildMs: number;
  readonly receiptsWriteMs: number;
  readonly receiptsFsyncMs: number;
  readonly endToEndMs: number;
  readonly itemsPerSec: number;
  readonly height: number;
  readonly txBytes: number;
  readonly files: number;
  readonly fileBytes: number;
  readonly bytesPerReceipt: number;
  readonly sampleChecked: number;
  readonly sampleValid: number;
  readonly sameAsSdk: number;
  readonly framesCounted: number;
  readonly sampleVerifyMs: readonly number[];
  readonly checkMs: number;
  /** CPU from the first hash to the last receipt written: this bench process (all its threads), the nodes, the machine. */
  readonly cpu: CpuPercents;
}

async function rootOnly(args: Args, dir: string, layout: TestnetLayout, handles: readonly TestnetNodeHandle[], keyPair: KeyPair,
  genesis: Genesis): Promise<RootOnlyResult> {
  const n = args.items;
  const node0 = handles[0]!.node;
  const receiptDir = join(dir, 'receipts');
  mkdirSync(receiptDir, { recursive: true });

  // The input: N item digests, as a platform holds them (not part of the end-to-end time).
  let t = performance.now();
  const shared = new SharedArrayBuffer(32 * n);
  const digests = new Uint8Array(shared);
  randomFillSync(digests);
  const digestsMs = performance.now() - t;

  // Stage 1: the tree. With two threads, RFC 6962 splits at k, the largest power of two below N:
  // root = H(1 ‖ MTH(items[0, k)) ‖ MTH(items[k, N))); each thread builds one subtree.
  const threads = n >= 4 ? args.threads : 1;
  const split = threads === 2 ? largestPowerOfTwoBelow(n) : n;
  const ranges = threads === 2 ? [[0, split], [split, n]] as const : [[0, n]] as const;
  // The threads start before the clock does: a platform's process is up before its items arrive.
  t = performance.now();
  const workers = ranges.map(([begin, end]) => startRootWorker({ kind: 'bench-batch-root-only', digests: shared, itemCount: n, begin, end }));
  let written: RootWorkerWriteDone[];
  let treeDone: RootWorkerTreeDone[];
  let txMs: number;
  let commitMs: number;
  let inclusionMs: number;
  let receiptsMs: number;
  let treeStageMs: number;
  let inclusion: Receipt;
  let height: number;
  let txBytes: number;
  const files: string[][] = ranges.map((_, w) => Array.from({ length: RECEIPT_FILES_PER_THREAD },
    (__, f) => join(receiptDir, `receipts-${String(w * RECEIPT_FILES_PER_THREAD + f).padStart(2, '0')}.pb`)));
  const sample = new Set<number>([0, 1, n - 1, split - 1, Math.min(split, n - 1)]);
  while (sample.size < Math.min(n, ROOT_ONLY_SAMPLE)) sample.add(randomInt(n));
  let workerStartMs = 0;
  let e2eStartMs = 0;
  let cpuFrom: CpuSnapshot | undefined;
  try {
    await Promise.all(workers.map((w) => nextMessage<string>(w)));
    workerStartMs = performance.now() - t;
    cpuFrom = cpuSnapshot(handles);
    e2eStartMs = performance.now();
    t = performance.now();
    const trees = workers.map((w) => nextMessage<RootWorkerTreeDone>(w));
    for (const worker of workers) worker.postMessage('tree');
    treeDone = await Promise.all(trees);
    const root = treeDone.length === 2 ? nodeHash(treeDone[0]!.root, treeDone[1]!.root) : treeDone[0]!.root;
    treeStageMs = performance.now() - t;
    log(`  tree of ${n} items on ${threads} thread(s): ${seconds(treeStageMs)} (root ${toHex(root).slice(0, 16)}…)`);

    // Stage 2: one signed root-only AnchorBatch (the SDK's builder, noble signature).
    t = performance.now();
    const tx = buildBatchTx({ chainId: layout.chainId, keyPair, algorithm: 'sha256', category: CATEGORY, kind: 'root-only',
      root, itemCount: n });
    txMs = performance.now() - t;
    txBytes = tx.bytes.length;

    // Stage 3: submitted, and committed by the validators.
    t = performance.now();
    const agent = keepAliveAgent(1);
    const answer = await postJson(agent, new URL(node0.apiUrl), `/v1/txs?wait=commit&timeoutMs=${COMMIT_WAIT_MS}`,
      Buffer.from(JSON.stringify({ tx: Buffer.from(tx.bytes).toString('base64') })), COMMIT_WAIT_MS + SUBMIT_TIMEOUT_MS);
    agent.destroy();
    if (answer.status !== 200) throw new Error(`the root-only batch was not committed: ${answer.status} ${answer.body}`);
    height = (JSON.parse(answer.body) as { height: number }).height;
    commitMs = performance.now() - t;

    // Stage 4: the tx's inclusion proof (tx, tx-root path, header, commit, set changes), a signed read.
    t = performance.now();
    inclusion = await new TianpingClient(node0.apiUrl, { signer: keyPair }).txInclusion(tx.hash);
    inclusionMs = performance.now() - t;

    // Stage 5: every receipt, spliced from the shared parts encoded once.
    t = performance.now();
    const parts = sharedReceiptParts(inclusion);
    const done = workers.map((w) => nextMessage<RootWorkerWriteDone>(w));
    workers.forEach((w, i) => w.postMessage({ ...parts,
      otherRoot: treeDone.length === 2 ? treeDone[1 - i]!.root : undefined, files: files[i]!, sample: [...sample] } satisfies RootWorkerWrite));
    written = await Promise.all(done);
    receiptsMs = performance.now() - t;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  const endToEndMs = performance.now() - e2eStartMs;
  const cpu = cpuPercents(cpuFrom ?? cpuSnapshot(handles), cpuSnapshot(handles));
  const fileBytes = sum(written.map((w) => w.bytes));
  log(`  ${n} receipts written (${fixed(fileBytes / 2 ** 20)} MiB in ${files.flat().length} files) in ${seconds(receiptsMs)}; `
    + `end to end ${seconds(endToEndMs)}`);

  // Not part of the end-to-end time: prove the files hold valid, canonical receipts.
  const check = checkRootOnlyFiles(files.flat(), written.flatMap((w) => w.places), digests, n, inclusion, genesis);
  return {
    items: n, threads, digestsMs, workerStartMs,
    leafMs: Math.max(...treeDone.map((d) => d.leafMs)), treeMs: treeStageMs,
    txMs, commitMs, inclusionMs, receiptsMs,
    receiptsBuildMs: Math.max(...written.map((w) => w.buildMs)), receiptsWriteMs: Math.max(...written.map((w) => w.writeMs)),
    receiptsFsyncMs: Math.max(...written.map((w) => w.fsyncMs)),
    endToEndMs, itemsPerSec: (n * 1000) / endToEndMs, height, txBytes,
    files: files.flat().length, fileBytes, bytesPerReceipt: fileBytes / n, ...check, cpu,
  };
}

function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * The receipt parts shared by every item, encoded once with the SDK's own encoder: fields 1..3,
 * field 5, and fields 7..13. A receipt with an empty digest and no batch encodes as exactly
 * head ‖ salted ‖ tail (empty and absent fields are omitted), so the item's fields 4 and 6 splice
 * in between, in field order.
 */
function sharedReceiptParts(inclusion: Receipt): Pick<RootWorkerWrite, 'head' | 'saltedField' | 'tail'> {
  const empty = new Uint8Array();
  const { batch: _batch, ...withoutBatch } = inclusion;
  const whole = encodeReceipt({ ...withoutBatch, digest: empty });
  const head = encodeReceipt({ version: inclusion.version, chainId: inclusion.chainId, algorithm: inclusion.algorithm, digest: empty,
    salted: false, tx: empty, txIndex: 0, txCount: 0, txProof: [], header: empty, commit: empty, setChanges: [] });
  const saltedField = inclusion.salted ? Uint8Array.of(0x28, 0x01) : empty;
  if (!equalBytes(whole.subarray(0, head.length), head) || !equalBytes(whole.subarray(head.length, head.length + saltedField.length), saltedField)) {
    throw new Error('the encoded receipt does not start with its fields 1..3 and 5: cannot splice');
  }
  return { head, saltedField, tail: whole.slice(head.length + saltedField.length) };
}

/**
 * Reads back the sampled receipts: each decodes canonically (decodeReceipt), names its own digest
 * and position, is byte for byte what the SDK's rootOnlyReceipt + encodeReceipt make, and passes
 * verifyReceipt against the genesis. Every file's length prefixes are walked to count the receipts.
 */
function checkRootOnlyFiles(files: readonly string[], places: readonly SamplePlace[], digests: Uint8Array, n: number,
  inclusion: Receipt, genesis: Genesis): Pick<RootOnlyResult, 'sampleChecked' | 'sampleValid' | 'sameAsSdk' | 'framesCounted'
  | 'sampleVerifyMs' | 'checkMs'> {
  const startMs = performance.now();
  let sampleValid = 0;
  let sameAsSdk = 0;
  const sampleVerifyMs: number[] = [];
  const failures: string[] = [];
  for (const place of places) {
    const bytes = Buffer.alloc(place.length);
    const fd = openSync(place.file, 'r');
    try {
      readSync(fd, bytes, 0, place.length, place.offset);
    } finally {
      closeSync(fd);
    }
    const digest = digests.subarray(32 * place.item, 32 * place.item + 32);
    let receipt: Receipt;
    try {
      receipt = decodeReceipt(bytes);
    } catch (error) {
      failures.push(`item ${place.item}: ${(error as Error).message}`);
      continue;
    }
    if (!equalBytes(receipt.digest, digest) || receipt.batch?.itemIndex !== place.item || receipt.batch.itemCount !== n) {
      failures.push(`item ${place.item}: the receipt names another digest or position`);
      continue;
    }
    const sdk = encodeReceipt(rootOnlyReceipt(inclusion, { digest, index: place.item, count: n, path: receipt.batch.path, algorithm: 'sha256' }));
    if (equalBytes(sdk, bytes)) sameAsSdk++;
    else failures.push(`item ${place.item}: differs from the SDK's encoding`);
    const t = performance.now();
    const verdict = verifyReceipt(receipt, { fileDigest: digest }, genesis);
    sampleVerifyMs.push(performance.now() - t);
    if (verdict.valid) sampleValid++;
    else failures.push(`item ${place.item}: ${verdict.failed}: ${verdict.reason}`);
  }
  let framesCounted = 0;
  for (const file of files) {
    const bytes = readFileSync(file);
    for (let at = 0; at < bytes.length; framesCounted++) {
      let length = 0;
      let scale = 1;
      for (;;) {
        const byte = bytes[at++]!;
        length += (byte & 0x7f) * scale;
        scale *= 128;
        if (byte < 0x80) break;
      }
      at += length;
      if (at > bytes.length) throw new Error(`${file}: the last receipt is cut short`);
    }
  }
  if (failures.length > 0) log(`  read-back failures (${failures.length}):\n    ${failures.slice(0, 10).join('\n    ')}`);
  if (framesCounted !== n) log(`  the files hold ${framesCounted} receipts, not ${n}`);
  return { sampleChecked: places.length, sampleValid, sameAsSdk, framesCounted, sampleVerifyMs, checkMs: performance.now() - startMs };
}

// --- phase 3: receipts served ------------------------------------------------------------------

interface ServedReceipt {
  readonly digest: Uint8Array;
  readonly json: string;
}

interface ReceiptsResult {
  readonly clients: number;
  readonly windowMs: number;
  readonly served: number;
  readonly servedPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: Readonly<Record<string, number>>;
  readonly meanBytes: number;
  readonly cpu: CpuPercents;
  readonly collected: readonly ServedReceipt[];
}

async function serveReceipts(args: Args, handles: readonly TestnetNodeHandle[], items: readonly Uint8Array[], keep: number):
  Promise<ReceiptsResult> {
  const urls = handles.map((h) => new URL(h.node.apiUrl));
  const perNode = Math.ceil(args.clients / urls.length);
  const agents = urls.map(() => keepAliveAgent(perNode));
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  const collected: ServedReceipt[] = [];
  let served = 0;
  let bytes = 0;
  let cursor = 0;
  const startMs = performance.now();
  const windowStartMs = startMs + RECEIPT_WARMUP_MS;
  const endMs = windowStartMs + args.receiptSeconds * 1000;
  let cpuFrom: CpuSnapshot | undefined;
  const cpuTimer = setTimeout(() => (cpuFrom = cpuSnapshot(handles)), RECEIPT_WARMUP_MS);
  const client = async (index: number): Promise<void> => {
    const validator = index % urls.length;
    while (performance.now() < endMs) {
      const digest = items[cursor++ % items.length]!;
      const sentMs = performance.now();
      let answer;
      try {
        answer = await getText(agents[validator]!, urls[validator]!, `/v1/evidence/${toHex(digest)}/receipt`, RECEIPT_TIMEOUT_MS);
      } catch (error) {
        const code = (error as Error).message;
        errors[code] = (errors[code] ?? 0) + 1;
        continue;
      }
      const doneMs = performance.now();
      if (answer.status !== 200) {
        const code = problemCode(answer);
        errors[code] = (errors[code] ?? 0) + 1;
        continue;
      }
      if (collected.length < keep) collected.push({ digest, json: answer.body });
      if (sentMs >= windowStartMs && doneMs <= endMs) {
        served++;
        bytes += answer.body.length;
        latencies.push(doneMs - sentMs);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: args.clients }, (_, i) => client(i)));
  } finally {
    clearTimeout(cpuTimer);
    for (const agent of agents) agent.destroy();
  }
  const cpu = cpuPercents(cpuFrom ?? cpuSnapshot(handles), cpuSnapshot(handles));
  const windowMs = endMs - windowStartMs;
  latencies.sort((a, b) => a - b);
  return { clients: args.clients, windowMs, served, servedPerSec: (served * 1000) / windowMs, p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99), errors, meanBytes: served === 0 ? Number.NaN : bytes / served, cpu, collected };
}

// --- phase 4: offline verification -------------------------------------------------------------

interface VerifyResult {
  readonly receipts: number;
  readonly valid: number;
  readonly p50Ms: number;
  readonly meanMs: number;
  readonly p99Ms: number;
}

function verifyTimes(receipts: readonly ServedReceipt[], genesis: Genesis): { asServed: VerifyResult; withoutPath: VerifyResult } {
  const parsed = receipts.map((r) => ({ digest: r.digest, receipt: receiptFromJson(JSON.parse(r.json)) }));
  // One run first, not counted: noble builds its precomputed tables on the first signature.
  if (parsed[0] !== undefined) verifyReceipt(parsed[0].receipt, { fileDigest: parsed[0].digest }, genesis);
  const timed = (variant: (receipt: Receipt) => Receipt, what: string): VerifyResult => {
    const times: number[] = [];
    let valid = 0;
    for (const { digest, receipt } of parsed) {
      const input = variant(receipt);
      const t = performance.now();
      const verdict = verifyReceipt(input, { fileDigest: digest }, genesis);
      times.push(performance.now() - t);
      if (verdict.valid) valid++;
      else log(`  receipt of ${toHex(digest)} (${what}) invalid: ${verdict.failed}: ${verdict.reason}`);
    }
    return summarizeTimes(times, valid);
  };
  return {
    asServed: timed((receipt) => receipt, 'as served'),
    // For an indexed batch the path may be empty (docs/receipt-format.md, check 6): the verifier
    // then finds the digest in the tx at item_index and builds no batch tree. What that would save.
    withoutPath: timed((receipt) => (receipt.batch === undefined ? receipt : { ...receipt, batch: { ...receipt.batch, path: [] } }),
      'without its batch path'),
  };
}

function summarizeTimes(times: readonly number[], valid: number): VerifyResult {
  const sorted = [...times].sort((a, b) => a - b);
  return { receipts: times.length, valid, p50Ms: percentile(sorted, 50), meanMs: mean(sorted), p99Ms: percentile(sorted, 99) };
}

// --- phase 5: disk per indexed item ------------------------------------------------------------

interface DiskResult {
  readonly items: number;
  readonly batches: number;
  readonly anchorMs: number;
  readonly baselineBytes: number;
  readonly afterBytes: number;
  readonly baselineBytesUncompacted: number;
  readonly afterBytesUncompacted: number;
  readonly bytesPerItem: number;
  readonly bytesPerItemUncompacted: number;
  readonly txBytesPerItem: number;
  readonly compactMs: number;
  readonly height: number;
}

const CLI_MAIN = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));

function devNode(dir: string, port: number): TestnetNode {
  const dataDir = join(dir, 'dev');
  const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const cli = [process.execPath, '--import', tsxLoader, CLI_MAIN];
  // `tianping init` writes the dev chain `start --dev` would (its node key is needed to know the node).
  execFileSync(cli[0]!, [...cli.slice(1), 'init', '--data-dir', dataDir, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const nodeId = toHex(readKeyFile(join(dataDir, 'node.key')).publicKey);
  return {
    name: 'dev', role: 'validator', apiPort: port, apiUrl: `http://127.0.0.1:${port}`, p2pPort: 0, p2pAddr: '', peerId: '', nodeId,
    dataDir, configFile: '', logFile: join(dir, 'dev-node.log'),
    command: [...cli, 'start', '--dev', '--data-dir', dataDir, '--port', String(port), '--log-level', 'warn'],
  };
}

async function compactLedger(ledgerDir: string): Promise<void> {
  const db = new ClassicLevel<Uint8Array, Uint8Array>(ledgerDir, { keyEncoding: 'view', valueEncoding: 'view' });
  await db.open();
  try {
    // Every key of ours is ASCII: [empty, 0xff × 16] covers the whole key space.
    await db.compactRange(new Uint8Array(), new Uint8Array(16).fill(0xff));
  } finally {
    await db.close();
  }
}

async function diskPerItem(args: Args, dir: string, register: (handle: TestnetNodeHandle | undefined) => void): Promise<DiskResult> {
  const node = devNode(dir, args.basePort + DEV_PORT_OFFSET);
  const layout: TestnetLayout = { dir, chainId: 'tianping-dev', basePort: args.basePort + DEV_PORT_OFFSET,
    genesisFile: join(node.dataDir, 'genesis.json'), submitterKeyFile: join(node.dataDir, 'submitter.key'), nodes: [node] };
  const genesis = setGenesisParams(layout.genesisFile, args.genesisParams);
  const keyPair = readKeyFile(layout.submitterKeyFile);
  const batches = args.diskItems / ITEMS_PER_BATCH;
  const txs = presignBatchTxs({ chainId: genesis.chainId, keyPair, count: batches, itemsPerBatch: ITEMS_PER_BATCH, category: CATEGORY,
    firstNonce: 1, expiresAtMs: Date.now() + TX_LIFETIME_MS });

  // First start: the ledger with its genesis state; stopped, it is the baseline.
  let handle = startTestnetNode(layout, 'dev', { env: { ...args.nodeEnv } });
  register(handle);
  await handle.waitHealthy();
  await stopAll([handle]);
  const baselineDir = join(dir, 'dev-baseline');
  cpSync(node.dataDir, baselineDir, { recursive: true });

  handle = startTestnetNode(layout, 'dev', { env: { ...args.nodeEnv } });
  register(handle);
  await handle.waitHealthy();
  const url = new URL(node.apiUrl);
  const agent = keepAliveAgent(DISK_CONNECTIONS);
  const startMs = performance.now();
  let next = 0;
  const counters = { mempoolFull: 0 };
  const refused: string[] = [];
  const progress = setInterval(() => log(`  disk: ${next} of ${batches} batches sent`), PROGRESS_EVERY_MS);
  try {
    await Promise.all(Array.from({ length: DISK_CONNECTIONS }, async () => {
      while (next < txs.length) {
        const tx = txs[next++]!;
        const answer = await submitBatch(agent, url, `/v1/txs?wait=commit&timeoutMs=${COMMIT_WAIT_MS}`, tx, COMMIT_WAIT_MS + SUBMIT_TIMEOUT_MS, counters);
        if (!answer.ok) refused.push(`${answer.code} ${answer.body.slice(0, 200)}`);
      }
    }));
  } finally {
    clearInterval(progress);
    agent.destroy();
  }
  const anchorMs = performance.now() - startMs;
  if (refused.length > 0) throw new Error(`the dev node refused ${refused.length} batches: ${refused[0]}`);
  const height = (await getJson<HeaderView>(`${node.apiUrl}/v1/headers/latest`)).height;
  await stopAll([handle]);
  register(undefined);
  const exit = await handle.exited;
  if (exit.code !== 0) log(`  the dev node did not stop cleanly (${exit.signal ?? `code ${exit.code}`})`);

  const baselineBytesUncompacted = dirBytes(baselineDir);
  const afterBytesUncompacted = dirBytes(node.dataDir);
  const t = performance.now();
  await compactLedger(join(baselineDir, 'ledger'));
  await compactLedger(join(node.dataDir, 'ledger'));
  const compactMs = performance.now() - t;
  const baselineBytes = dirBytes(baselineDir);
  const afterBytes = dirBytes(node.dataDir);
  const items = batches * ITEMS_PER_BATCH;
  return {
    items, batches, anchorMs, baselineBytes, afterBytes, baselineBytesUncompacted, afterBytesUncompacted,
    bytesPerItem: (afterBytes - baselineBytes) / items,
    bytesPerItemUncompacted: (afterBytesUncompacted - baselineBytesUncompacted) / items,
    txBytesPerItem: sum(txs.map((tx) => tx.bytes.length)) / items, compactMs, height,
  };
}

// --- the run ---------------------------------------------------------------------------------

/** Sets genesis parameters in a genesis file no node has started from yet; checked by the node's own parser. */
function setGenesisParams(file: string, params: Readonly<Record<string, number>>): Genesis {
  const document = JSON.parse(readFileSync(file, 'utf8')) as { params?: Record<string, number> };
  if (Object.keys(params).length > 0) {
    document.params = { ...(document.params ?? {}), ...params };
    parseGenesis(document);
    writeFileSync(file, JSON.stringify(document, null, 2) + '\n');
  }
  return parseGenesis(document);
}

/**
 * The layout with --cpu-prof on every node's command line (Node refuses it in NODE_OPTIONS). V8
 * writes the profile when the process exits, which a node does on the SIGTERM of stopAll.
 */
function withCpuProfile(layout: TestnetLayout, profileDir: string | undefined): TestnetLayout {
  if (profileDir === undefined) return layout;
  return { ...layout, nodes: layout.nodes.map((node) => {
    const [executable, ...rest] = node.command;
    return { ...node, command: [executable!, '--cpu-prof', `--cpu-prof-dir=${profileDir}`, ...rest] };
  }) };
}

/** Batch i through validator i, each waited for: the mesh, gossip and block production all work. */
async function warmUp(handles: readonly TestnetNodeHandle[], txs: readonly PresignedBatch[]): Promise<void> {
  const agent = keepAliveAgent(1);
  try {
    for (const [i, tx] of txs.entries()) {
      const handle = handles[i % handles.length]!;
      const answer = await postJson(agent, new URL(handle.node.apiUrl), `/v1/txs?wait=commit&timeoutMs=${COMMIT_WAIT_MS}`,
        tx.jsonBody, COMMIT_WAIT_MS + SUBMIT_TIMEOUT_MS);
      if (answer.status !== 200) throw new Error(`warm-up batch through ${handle.name} failed: ${answer.status} ${answer.body}`);
    }
  } finally {
    agent.destroy();
  }
}

/** Random (batch, item) digests of committed batches, for the receipt clients. */
function sampleItems(txs: readonly PresignedBatch[], count: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < count && txs.length > 0; i++) {
    const tx = txs[randomInt(txs.length)]!;
    const item = randomInt(ITEMS_PER_BATCH);
    out.push(tx.digests.subarray(32 * item, 32 * (item + 1)));
  }
  return out;
}

/** A testnet of this bench, started, with its warm-up batches committed. */
interface BenchTestnet {
  readonly layout: TestnetLayout;
  readonly keyPair: KeyPair;
  readonly genesis: Genesis;
  readonly handles: TestnetNodeHandle[];
  /** Pre-signed batches beyond the warm-up ones, for the caller. */
  readonly extra: PresignedBatch[];
  /** The warm-up batches, committed. */
  readonly warm: PresignedBatch[];
}

/** Batches the receipt phases anchor themselves when the load phase gave them none. */
const OWN_BATCHES = 20;

async function run(args: Args): Promise<number> {
  const machine = machineInfo();
  log(`${VALIDATORS} validators on ${machine.cores} cores (${machine.cpuModel}), Node ${machine.nodeVersion}; `
    + `phases ${[...args.phases].join(', ')}`);
  const dir = mkdtempSync(join(tmpdir(), 'tianping-bench-batch-'));
  let handles: TestnetNodeHandle[] = [];
  let dev: TestnetNodeHandle | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    log(`${signal}: stopping the nodes`);
    void Promise.all([stopAll(handles), dev === undefined ? undefined : stopAll([dev])]).then(() => {
      if (!args.keep) rmSync(dir, { recursive: true, force: true });
      process.exit(EXIT_ERROR);
    });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const has = (phase: Phase): boolean => args.phases.has(phase);
  let load: LoadResult | undefined;
  let loadFailure: string | undefined;
  let root: RootOnlyResult | undefined;
  let receipts: ReceiptsResult | undefined;
  let verify: VerifyResult | undefined;
  let verifyNoPath: VerifyResult | undefined;
  let disk: DiskResult | undefined;
  const unclean: string[] = [];

  const boot = async (name: string, extraBatches: number): Promise<BenchTestnet> => {
    const layout = createTestnetFiles({ dir: join(dir, name), validators: VALIDATORS, observers: 0, basePort: args.basePort });
    const keyPair = readKeyFile(layout.submitterKeyFile);
    const genesis = setGenesisParams(layout.genesisFile, args.genesisParams);
    const startMs = performance.now();
    const txs = presignBatchTxs({ chainId: layout.chainId, keyPair, count: VALIDATORS + extraBatches, itemsPerBatch: ITEMS_PER_BATCH,
      category: CATEGORY, firstNonce: 1, expiresAtMs: Date.now() + TX_LIFETIME_MS });
    log(`pre-signed ${txs.length} indexed batches of ${ITEMS_PER_BATCH} items in ${seconds(performance.now() - startMs)}`);
    log(`starting ${VALIDATORS} validators in ${layout.dir} (API ports ${args.basePort}..; env `
      + `${Object.entries(args.nodeEnv).map(([k, v]) => `${k}=${v}`).join(' ')}`
      + `${Object.keys(args.genesisParams).length === 0 ? '' : `; genesis params ${JSON.stringify(args.genesisParams)}`})`);
    handles = await startTestnet(withCpuProfile(layout, args.cpuProfDir), { env: args.nodeEnv });
    const warm = txs.slice(0, VALIDATORS);
    await warmUp(handles, warm);
    return { layout, keyPair, genesis, handles, warm, extra: txs.slice(VALIDATORS) };
  };
  const stop = async (net: BenchTestnet): Promise<void> => {
    await stopAll(net.handles);
    const exits = await Promise.all(net.handles.map((h) => h.exited));
    unclean.push(...exits.filter((e) => e.code !== 0).map((e) => e.signal ?? `code ${e.code}`));
  };

  try {
    if (has('load') || has('root-only') || has('receipts') || has('verify')) {
      const loadBatches = has('load') ? Math.ceil(args.loadSeconds * PRESIGN_BATCHES_PER_SEC) : 0;
      const receiptsNeedOwn = has('receipts') || has('verify');
      let net = await boot('testnet', has('load') ? loadBatches : receiptsNeedOwn ? OWN_BATCHES : 0);
      let committed: PresignedBatch[] = [...net.warm];
      if (has('load')) {
        log(`phase 1: indexed batches for ${args.loadSeconds} s over ${args.connections} connections per validator `
          + `(${net.extra.length} batches pre-signed)`);
        const poller = new StatusPoller(net.handles.map((h) => h.node.apiUrl));
        await poller.poll();
        poller.start();
        try {
          load = await indexedLoad(args, net.handles, net.extra, poller);
          log(`  committed ${fixed(load.committedRecordsPerSec)} records/s over ${seconds(load.windowMs)} (${load.windowBlocks} blocks, `
            + `one every ${fixed(load.meanBlockIntervalMs)} ms, ${fixed(load.meanBatchesPerBlock, 1)} batches each)`);
          committed = committed.concat(load.acceptedIndexes.map((i) => net.extra[i]!));
        } catch (error) {
          if (!(error instanceof ChainStalledError)) throw error;
          loadFailure = error.message;
          log(`  ${loadFailure}`);
        } finally {
          poller.stop();
        }
        if (loadFailure !== undefined && (has('root-only') || receiptsNeedOwn)) {
          log('  the other phases run on a fresh testnet');
          await stop(net);
          net = await boot('testnet-2', receiptsNeedOwn ? OWN_BATCHES : 0);
          committed = [...net.warm];
        }
      }
      if (receiptsNeedOwn && (load === undefined)) {
        const own = net.extra.slice(0, OWN_BATCHES);
        for (let i = 0; i < own.length; i += VALIDATORS) await warmUp(net.handles, own.slice(i, i + VALIDATORS));
        committed = committed.concat(own);
      }
      if (has('root-only')) {
        log(`phase 2: root-only batch of ${args.items} items, end to end`);
        root = await rootOnly(args, dir, net.layout, net.handles, net.keyPair, net.genesis);
        log(`  ${fixed(root.itemsPerSec)} items/s end to end; sample ${root.sampleValid}/${root.sampleChecked} valid`);
      }
      let served: ServedReceipt[] = [];
      if (has('receipts')) {
        log(`phase 3: receipts served for ${args.receiptSeconds} s, ${args.clients} clients`);
        receipts = await serveReceipts(args, net.handles, sampleItems(committed, RECEIPT_ITEMS_SAMPLED), args.verifyCount);
        log(`  ${fixed(receipts.servedPerSec, 1)} receipts/s, p50 ${fixed(receipts.p50Ms)} ms, p99 ${fixed(receipts.p99Ms)} ms`);
        served = [...receipts.collected];
      }
      if (has('verify')) {
        if (served.length < args.verifyCount) {
          const agent = keepAliveAgent(1);
          const url = new URL(net.handles[0]!.node.apiUrl);
          for (const digest of sampleItems(committed, args.verifyCount - served.length)) {
            const answer = await getText(agent, url, `/v1/evidence/${toHex(digest)}/receipt`, RECEIPT_TIMEOUT_MS);
            if (answer.status === 200) served.push({ digest, json: answer.body });
          }
          agent.destroy();
        }
        log(`phase 4: verifyReceipt over ${served.length} receipts of indexed batches`);
        ({ asServed: verify, withoutPath: verifyNoPath } = verifyTimes(served, net.genesis));
        log(`  p50 ${fixed(verify.p50Ms, 2)} ms, mean ${fixed(verify.meanMs, 2)} ms per receipt; ${verify.valid} valid`);
      }
      await stop(net);
    }
    if (has('disk')) {
      log(`phase 5: ${args.diskItems} indexed items on a dev node, ledgers compacted`);
      disk = await diskPerItem(args, dir, (handle) => (dev = handle));
      log(`  ${fixed(disk.bytesPerItem, 1)} bytes per item compacted (${fixed(disk.bytesPerItemUncompacted, 1)} before compaction)`);
    }
  } finally {
    await stopAll(handles);
    if (dev !== undefined) await stopAll([dev]);
    if (args.keep) log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
  report(args, machine, { load, loadFailure, root, receipts, verify, verifyNoPath, disk, unclean });
  return EXIT_OK;
}

interface Results {
  readonly load: LoadResult | undefined;
  /** Why the load phase has no figures: the chain stopped committing under it. */
  readonly loadFailure: string | undefined;
  readonly root: RootOnlyResult | undefined;
  readonly receipts: ReceiptsResult | undefined;
  readonly verify: VerifyResult | undefined;
  /** The same receipts with their batch path dropped (allowed for indexed batches). */
  readonly verifyNoPath: VerifyResult | undefined;
  readonly disk: DiskResult | undefined;
  readonly unclean: readonly string[];
}

function report(args: Args, machine: ReturnType<typeof machineInfo>, r: Results): void {
  const { load, root, receipts, verify, disk } = r;
  const rootVerify = root === undefined ? undefined : summarizeTimes(root.sampleVerifyMs, root.sampleValid);
  // CPU time per committed record hardly depends on what else runs: the figure to compare runs by
  // on a shared machine, and what the machine could commit if the chain had it to itself.
  const nodeCpu = load?.cpu === undefined ? Number.NaN : sum(load.cpu.nodes);
  const nodeMsPer1000 = load === undefined ? Number.NaN : (nodeCpu * 10 * 1000) / load.committedRecordsPerSec;
  const clientMsPer1000 = load === undefined ? Number.NaN : ((load.cpu?.client ?? Number.NaN) * 10 * 1000) / load.committedRecordsPerSec;
  const projectedIdle = load === undefined || load.committedRecordsPerSec <= 0 ? Number.NaN
    : (machine.cores * 1000 * 1000) / (nodeMsPer1000 + clientMsPer1000);
  const loadOther = load?.cpu === undefined ? Number.NaN : load.cpu.machine - load.cpu.client - nodeCpu;
  const rootOther = root === undefined ? Number.NaN : root.cpu.machine - root.cpu.client - sum(root.cpu.nodes);
  const lines = ['', `bench:batch  ${VALIDATORS} validators, ${machine.cores} cores (${machine.cpuModel}), Node ${machine.nodeVersion}`
    + `${args.quick ? ', --quick' : ''}`, ''];
  if (load !== undefined) {
    const refused = Object.entries(load.refused).map(([code, n]) => `${code} ${n}`).join(', ') || 'none';
    lines.push(
      `  indexed batches         ${fixed(load.committedRecordsPerSec)} records/s committed  (${ITEMS_PER_BATCH} items per batch; steady `
        + `${seconds(load.windowMs)}, ${load.windowBlocks} blocks, ${fixed(load.meanBlockIntervalMs)} ms apart, `
        + `${fixed(load.meanBatchesPerBlock, 1)} batches/block, max ${load.maxBatchesPerBlock}; ${load.laterRoundBlocks} committed `
        + `after round 0, highest round ${load.maxRound})`,
      `    accepted by the APIs  ${fixed(load.acceptedRecordsPerSec)} records/s  (${load.acceptedBatches} of ${load.submittedBatches} batches; `
        + `MEMPOOL_FULL ${load.mempoolFullAnswers}; backlog pauses ${load.backlogPauses}; refused: ${refused}`
        + `${load.ranOutOfTxs ? '; RAN OUT OF PRE-SIGNED BATCHES' : ''}; drain ${seconds(load.drainMs)}${load.drained ? '' : ' (not drained)'})`,
      `    CPU in the window     nodes ${load.cpu?.nodes.map((p) => `${fixed(p)}%`).join(' ') ?? 'n/a'}, bench client `
        + `${fixed(load.cpu?.client ?? Number.NaN)}%, machine ${fixed(load.cpu?.machine ?? Number.NaN)}% of ${machine.cores * 100}%; `
        + `other processes ${fixed(loadOther)}%`,
      `    CPU per 1,000 records ${fixed(nodeMsPer1000, 1)} ms in all validators (${fixed(nodeMsPer1000 / VALIDATORS, 1)} ms each), `
        + `${fixed(clientMsPer1000, 1)} ms in the client: ${fixed(projectedIdle)} records/s if this machine ran nothing else`,
    );
  }
  if (r.loadFailure !== undefined) lines.push(`  indexed batches         0 records/s: ${r.loadFailure.replace(/\n/g, '\n    ')}`);
  if (root !== undefined) {
    lines.push(
      `  root-only end to end    ${fixed(root.itemsPerSec)} items/s  (${root.items} items in ${seconds(root.endToEndMs)}, ${root.threads} thread(s))`,
      `    stages                tree ${seconds(root.treeMs)} (leaf hashes ${seconds(root.leafMs)}), tx ${seconds(root.txMs)}, `
        + `commit ${seconds(root.commitMs)} (height ${root.height}), inclusion proof ${seconds(root.inclusionMs)}, `
        + `receipts ${seconds(root.receiptsMs)} (build ${seconds(root.receiptsBuildMs)}, waiting for writes ${seconds(root.receiptsWriteMs)}, `
        + `fsync ${seconds(root.receiptsFsyncMs)}, slowest thread); threads started in ${seconds(root.workerStartMs)} before (not counted)`,
      `    receipts on disk      protobuf Receipt, each preceded by its varint length, in ${root.files} files: `
        + `${fixed(root.fileBytes / 2 ** 20)} MiB, ${fixed(root.bytesPerReceipt)} bytes per receipt; ${root.framesCounted} counted back`,
      `    read back             ${root.sampleValid}/${root.sampleChecked} valid (verifyReceipt), ${root.sameAsSdk}/${root.sampleChecked} `
        + `byte for byte as rootOnlyReceipt + encodeReceipt; check took ${seconds(root.checkMs)} (not counted); `
        + `digests made in ${seconds(root.digestsMs)} (input, not counted)`,
      `    CPU end to end        bench process ${fixed(root.cpu.client)}% (all its threads), nodes `
        + `${root.cpu.nodes.map((p) => `${fixed(p)}%`).join(' ')}, machine ${fixed(root.cpu.machine)}% of ${machine.cores * 100}%, `
        + `other processes ${fixed(rootOther)}%`,
    );
  }
  if (receipts !== undefined) {
    const errors = Object.entries(receipts.errors).map(([code, n]) => `${code} ${n}`).join(', ') || 'none';
    lines.push(
      `  receipts served         ${fixed(receipts.servedPerSec, 1)} receipts/s  (GET /v1/evidence/:digest/receipt, JSON, ${receipts.clients} `
        + `clients over ${VALIDATORS} nodes, ${seconds(receipts.windowMs)}; p50 ${fixed(receipts.p50Ms)} ms, p99 ${fixed(receipts.p99Ms)} ms; `
        + `${fixed(receipts.meanBytes)} bytes each; errors: ${errors})`,
      `    CPU                   nodes ${receipts.cpu.nodes.map((p) => `${fixed(p)}%`).join(' ')}, bench client ${fixed(receipts.cpu.client)}%: `
        + `${fixed((sum(receipts.cpu.nodes) * 10) / receipts.servedPerSec, 1)} ms of node CPU per receipt`,
    );
  }
  if (verify !== undefined) {
    lines.push(`  offline verification    p50 ${fixed(verify.p50Ms, 2)} ms, mean ${fixed(verify.meanMs, 2)} ms, p99 ${fixed(verify.p99Ms, 2)} ms `
      + `per receipt  (verifyReceipt, noble; ${verify.receipts} receipts of indexed batches, ${verify.valid} valid)`);
  }
  if (r.verifyNoPath !== undefined) {
    lines.push(`    without batch path    p50 ${fixed(r.verifyNoPath.p50Ms, 2)} ms, mean ${fixed(r.verifyNoPath.meanMs, 2)} ms per receipt `
      + `(the same receipts, path dropped as an indexed batch allows: no batch tree to rebuild; ${r.verifyNoPath.valid} valid)`);
  }
  if (rootVerify !== undefined) {
    lines.push(`    root-only receipts    p50 ${fixed(rootVerify.p50Ms, 2)} ms, mean ${fixed(rootVerify.meanMs, 2)} ms per receipt `
      + `(${rootVerify.receipts} of the ${root?.items} written, ${rootVerify.valid} valid)`);
  }
  if (disk !== undefined) {
    lines.push(
      `  disk per indexed item   ${fixed(disk.bytesPerItem, 1)} bytes  (dev node, ${disk.items} items in ${disk.batches} batches, height `
        + `${disk.height}; data dir ${disk.baselineBytes} → ${disk.afterBytes} bytes, both compacted; `
        + `${fixed(disk.bytesPerItemUncompacted, 1)} bytes before compaction; the batch txs alone are ${fixed(disk.txBytesPerItem, 1)} bytes per item)`,
      `    anchoring             ${fixed((disk.items * 1000) / disk.anchorMs)} records/s on one dev node (?wait=commit, ${DISK_CONNECTIONS} connections); `
        + `compaction ${seconds(disk.compactMs)}`,
    );
  }
  if (r.unclean.length > 0) lines.push(`  ${r.unclean.length} validator(s) did not stop cleanly: ${r.unclean.join(', ')}`);
  lines.push('');
  const busiest = Math.max(Number.isFinite(loadOther) ? loadOther : 0, Number.isFinite(rootOther) ? rootOther : 0);
  if (busiest > OTHER_CPU_WARN_PERCENT) {
    lines.push(`  WARNING: other processes used up to ${fixed(busiest)}% of a core while measuring: the throughput figures `
      + 'understate the node and the SDK; compare runs by CPU per record, or rerun on an idle machine', '');
  }
  const targets: Record<string, { target: number; value: number; pass: boolean }> = {};
  if (load !== undefined || r.loadFailure !== undefined) {
    const value = load?.committedRecordsPerSec ?? 0;
    targets['indexedRecordsPerSec'] = { target: TARGET_INDEXED_RECORDS_PER_SEC, value: round(value), pass: value >= TARGET_INDEXED_RECORDS_PER_SEC };
    lines.push(`  target indexed >= ${TARGET_INDEXED_RECORDS_PER_SEC} records/s      ${passText(targets['indexedRecordsPerSec'].pass)}`);
  }
  if (root !== undefined) {
    const pass = root.itemsPerSec >= TARGET_ROOT_ONLY_ITEMS_PER_SEC && root.sampleValid === root.sampleChecked
      && root.framesCounted === root.items;
    targets['rootOnlyItemsPerSec'] = { target: TARGET_ROOT_ONLY_ITEMS_PER_SEC, value: round(root.itemsPerSec), pass };
    lines.push(`  target root-only >= ${TARGET_ROOT_ONLY_ITEMS_PER_SEC} items/s     ${passText(pass)}`
      + `${root.sampleValid === root.sampleChecked ? '' : ' (receipts INVALID)'}`);
  }
  if (disk !== undefined) {
    targets['diskBytesPerItem'] = { target: TARGET_DISK_BYTES_PER_ITEM, value: round(disk.bytesPerItem, 1),
      pass: disk.bytesPerItem <= TARGET_DISK_BYTES_PER_ITEM };
    lines.push(`  target disk <= ${TARGET_DISK_BYTES_PER_ITEM} bytes per indexed item  ${passText(targets['diskBytesPerItem'].pass)}`);
  }
  lines.push('');
  process.stdout.write(lines.join('\n') + '\n');
  process.stdout.write(JSON.stringify({
    bench: 'batch', quick: args.quick, phases: [...args.phases], validators: VALIDATORS, itemsPerBatch: ITEMS_PER_BATCH,
    cores: machine.cores, cpuModel: machine.cpuModel, node: machine.nodeVersion,
    indexedStalled: r.loadFailure,
    indexed: load === undefined ? undefined : {
      loadSeconds: args.loadSeconds, connectionsPerValidator: args.connections,
      committedRecordsPerSec: round(load.committedRecordsPerSec), acceptedRecordsPerSec: round(load.acceptedRecordsPerSec),
      windowMs: round(load.windowMs), windowBlocks: load.windowBlocks, meanBlockIntervalMs: round(load.meanBlockIntervalMs),
      meanBatchesPerBlock: round(load.meanBatchesPerBlock, 1), maxBatchesPerBlock: load.maxBatchesPerBlock,
      laterRoundBlocks: load.laterRoundBlocks, maxRound: load.maxRound,
      acceptedBatches: load.acceptedBatches, submittedBatches: load.submittedBatches, mempoolFullAnswers: load.mempoolFullAnswers,
      refused: load.refused, ranOutOfTxs: load.ranOutOfTxs, drainMs: round(load.drainMs),
      nodeCpuPercent: load.cpu?.nodes, clientCpuPercent: load.cpu?.client, machineCpuPercent: load.cpu?.machine,
      otherCpuPercent: round(loadOther), nodeCpuMsPer1000Records: round(nodeMsPer1000, 1),
      clientCpuMsPer1000Records: round(clientMsPer1000, 1), projectedIdleRecordsPerSec: round(projectedIdle),
    },
    rootOnly: root === undefined ? undefined : {
      items: root.items, threads: root.threads, itemsPerSec: round(root.itemsPerSec), endToEndMs: round(root.endToEndMs),
      stagesMs: { tree: round(root.treeMs), leafHashes: round(root.leafMs), tx: round(root.txMs, 1), commit: round(root.commitMs),
        inclusion: round(root.inclusionMs), receipts: round(root.receiptsMs), receiptsBuild: round(root.receiptsBuildMs),
        receiptsWrite: round(root.receiptsWriteMs), receiptsFsync: round(root.receiptsFsyncMs) },
      format: 'protobuf Receipt, varint length-delimited', files: root.files, fileBytes: root.fileBytes,
      bytesPerReceipt: round(root.bytesPerReceipt, 1), receiptsCounted: root.framesCounted,
      sampleChecked: root.sampleChecked, sampleValid: root.sampleValid, sampleSameAsSdk: root.sameAsSdk,
      sampleVerifyP50Ms: round(rootVerify?.p50Ms ?? Number.NaN, 3), sampleVerifyMeanMs: round(rootVerify?.meanMs ?? Number.NaN, 3),
      benchCpuPercent: root.cpu.client, nodeCpuPercent: root.cpu.nodes, machineCpuPercent: root.cpu.machine, otherCpuPercent: round(rootOther),
    },
    receipts: receipts === undefined ? undefined : {
      clients: receipts.clients, windowMs: round(receipts.windowMs), served: receipts.served, servedPerSec: round(receipts.servedPerSec, 1),
      p50Ms: round(receipts.p50Ms), p99Ms: round(receipts.p99Ms), meanBytes: round(receipts.meanBytes), errors: receipts.errors,
      nodeCpuPercent: receipts.cpu.nodes, clientCpuPercent: receipts.cpu.client,
    },
    verify: verify === undefined ? undefined : {
      receipts: verify.receipts, valid: verify.valid, p50Ms: round(verify.p50Ms, 3), meanMs: round(verify.meanMs, 3), p99Ms: round(verify.p99Ms, 3),
      withoutPathP50Ms: round(r.verifyNoPath?.p50Ms ?? Number.NaN, 3), withoutPathMeanMs: round(r.verifyNoPath?.meanMs ?? Number.NaN, 3),
    },
    disk: disk === undefined ? undefined : {
      items: disk.items, batches: disk.batches, bytesPerItem: round(disk.bytesPerItem, 1),
      bytesPerItemUncompacted: round(disk.bytesPerItemUncompacted, 1), txBytesPerItem: round(disk.txBytesPerItem, 1),
      baselineBytes: disk.baselineBytes, afterBytes: disk.afterBytes, anchorMs: round(disk.anchorMs), compactMs: round(disk.compactMs),
      height: disk.height,
    },
    targets,
  }) + '\n');
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parse(argv);
  if (args === 'help') {
    process.stdout.write(USAGE);
    return EXIT_OK;
  }
  return run(args);
}

// A platform runs the tree and its receipts in Node (the tianping CLI), which hashes with OpenSSL:
// so does the bench, in the main thread and in every worker.
installNodeSha256();
if (!isMainThread && (workerData as { kind?: unknown } | null)?.kind === 'bench-batch-root-only') {
  runRootWorker(workerData as RootWorkerData);
} else if (isMainThread) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      const hint = error instanceof UsageError ? ' (see "npm run bench:batch -- --help")' : '';
      process.stderr.write(`bench:batch: ${message}${hint}\n`);
      process.exit(EXIT_ERROR);
    },
  );
}
