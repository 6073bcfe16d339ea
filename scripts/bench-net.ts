// npm run bench:net -- [--validators N] [--seconds S] [--quick] ...: throughput and latency of a
// local testnet of real node processes on 127.0.0.1, against the figures of the issue:
//   1. committed anchors/s at the most the validators accept (one signed tx per anchor), read
//      from the chain itself (header tx counts and block times) over a steady window;
//   2. p50/p99 submit-to-commit latency at half that load, open-loop, in the same submission mode
//      (scripts/bench-net-latency.ts): with bulk, sampled on every K-th tx sent alone with ?wait=commit;
//   3. the ceiling: ed25519 verifications/s of the node's verifier on every core of this machine,
//      divided by the number of validators (each validator verifies every tx once);
//   4. etcd's writes/s on the same machine in the same run (scripts/bench-net-etcd.ts), the
//      reference the committed rate is read against, and CPU per anchor at half against full load.
// Targets are reported as pass/fail; a missed target is a result, not an error (exit 0).
import { readKeyFile, type KeyPair } from '../src/crypto/index.js';
import { txSignBytes, decodeTx, TX_BATCH_TXS_MAX } from '../src/codec/index.js';
import { DEFAULT_PARAMS } from '../src/state/genesis.js';
import {
  getJson, heightOfFirstBlockAfter, keepAliveAgent, machineInfo, measureVerifyCeiling, presignAnchorTxs,
  withCpuProfile, type MachineInfo, type PresignedTx, type VerifyCeiling,
} from './bench-lib.js';
import { cpuPercents, cpuSnapshot, headers, StatusPoller, STATUS_POLL_MS, type CpuPercents, type CpuSnapshot } from './bench-chain.js';
import { HALF_LOAD_BULK_TICK_MS, emptyHalfLoadResult, halfLoad, LATENCY_SAMPLES_PER_SEC } from './bench-net-latency.js';
import { newSubmitCounters, submitBulk, submitSingle, SUBMIT_MODES, SUBMIT_TIMEOUT_MS, type SubmitMode } from './bench-net-submit.js';
import { ETCD_INSTALL_HINT, ETCD_LOAD, ETCD_MEMBERS, etcdTools, measureEtcd } from './bench-net-etcd.js';
import {
  fixed, jsonLine, submitText, summaryLines, TARGET_COMMITTED_TPS,
  type Args, type EtcdPhase, type Figures, type HalfLoadCommitted, type HalfLoadPhase, type MaxLoadResult,
} from './bench-net-report.js';
import {
  benchMain, cpuProfOption, drainMempools, EXIT_OK, nodeEnvOption, parseOptions, UsageError, warmUp, wholeNumber, withTestnet, type TestnetRun,
} from './bench-run.js';
import { createTestnetFiles, startTestnet, type TestnetLayout, type TestnetNodeHandle } from './testnet-lib.js';
import { metricsMovement, scrapeMetrics, watchMetrics } from './bench-metrics.js';

/** /metrics is scraped this often during the loads too, as Prometheus would (its default is 15 s). */
const METRICS_SCRAPE_INTERVAL_MS = 2_000;
const DEFAULT_VALIDATORS = 4;
/** Away from the testnet's default 8100, so that a developer's running testnet does not collide. */
const DEFAULT_BASE_PORT = 18_100;
/** etcd's client ports (its peer ports 10 above): beside etcd's own 2379, clear of the testnets'. */
const DEFAULT_ETCD_PORT = 23_790;
const DEFAULT_LOAD_SECONDS = 30;
const QUICK_LOAD_SECONDS = 8;
const HALF_LOAD_SECONDS = 20;
const QUICK_HALF_LOAD_SECONDS = 6;
const CEILING_MS = 4_000;
const QUICK_CEILING_MS = 1_000;
/** Concurrent keep-alive connections per validator in the max-load phase, single submission. */
const DEFAULT_CONNECTIONS = 8;
/** The same for bulk: 2 × 128 txs in flight per validator already exceed what a block takes. */
const DEFAULT_BULK_CONNECTIONS = 2;
/**
 * How the max-load phase submits (scripts/bench-net-submit.ts). Bulk, because it commits more: in
 * four back-to-back pairs of 20 s runs, 744–1,196 anchors/s against 599–733/s single, with 1.6–1.9
 * against 2.5–3.0 ms of node CPU per anchor (fuller blocks, HTTP paid once per 128 txs).
 */
const DEFAULT_SUBMIT: SubmitMode = 'bulk';
/** Txs per POST /v1/txs/bulk: with 2 connections to each of 4 validators, ~1,000 txs in flight. */
const DEFAULT_BULK_SIZE = 128;
/**
 * Txs pre-signed per second of max load: twice the target, so the target can be shown to hold;
 * the phase ends early (and says so) if a faster chain uses them up.
 */
const PRESIGN_RATE_PER_SEC = 2 * TARGET_COMMITTED_TPS;
/**
 * Submitters pause while some validator's mempool holds more than this: two full proposals
 * (consensus.proposeTxsMax) keep every block full. A deeper backlog only adds admission work that
 * competes with consensus for the same cores (at 20,000, bulk submission stalled the chain).
 */
const DEFAULT_BACKLOG_TXS_MAX = 4_000;
const WARMUP_FRACTION = 0.2;
const WARMUP_MIN_MS = 3_000;
const HALF_LOAD_WARMUP_MS = 2_000;
const QUICK_HALF_LOAD_WARMUP_MS = 1_000;
const PROGRESS_EVERY_MS = 2_000;
const DRAIN_TIMEOUT_MS = 120_000;
/** How long, after the load, the chain may take to commit the blocks proposed during it. */
const CHAIN_CATCH_UP_MS = 60_000;
const COMMIT_WAIT_MS = 60_000;
const TX_LIFETIME_MS = 60 * 60 * 1000;
const CATEGORY = 'copyright';
const USAGE = `Usage: npm run bench:net -- [--validators N] [--seconds S] [--quick] [--connections C]
                            [--submit single|bulk] [--bulk-size K] [--backlog N]
                            [--latency-sample-every K] [--base-port P]
                            [--etcd | --no-etcd] [--etcd-port P]
                            [--node-env NAME=VALUE]... [--cpu-prof DIR] [--keep]

Starts a fresh local testnet of N validators (each its own process, in a temporary directory, on
127.0.0.1), then measures:
  1. committed anchors/s at maximum load (pre-signed txs, one per anchor, submitted without
     waiting over C keep-alive connections per validator, one tx per POST /v1/txs or K per
     POST /v1/txs/bulk; throughput read from the blocks),
  2. p50/p99 submit-to-commit latency at half that load, open loop, submitted as at maximum load:
     with single, every tx is a POST /v1/txs?wait=commit and a latency sample; with bulk, the txs
     due in each ${HALF_LOAD_BULK_TICK_MS} ms go as one POST /v1/txs/bulk, except every K-th tx, sent alone with
     ?wait=commit as a sample. The samples ride in the same blocks as the bulk txs, so their
     latency stands for every tx's.
  3. the verification ceiling: NodeVerifier verifications/s on every core, divided by N;
  4. before the testnet starts, etcd's writes/s: ${ETCD_MEMBERS} etcd members on 127.0.0.1 in a temporary
     directory, \`etcdctl check perf --load=${ETCD_LOAD}\` (60 s); committed anchors/s ÷ that is the
     ratio to etcd. Without etcd (${ETCD_INSTALL_HINT}) the bench says so and reports no ratio.
Targets: committed >= ${TARGET_COMMITTED_TPS}/s; p50 <= 1 s, p99 <= 2 s at half load; committed/etcd >= 1.0;
node CPU per anchor at half load <= 1.3 x that at maximum load.
Every node's GET /metrics is scraped after the warm-up, every 2 s during the loads and after the
half load: the JSON line lists the tianping_ series that moved from the first scrape (at any later
one) and those that did not.
Prints a summary, pass/fail per target, and one JSON line last. Exits 0 even when a target is
missed; 2 on an error.

Options:
  --validators N        validators (default ${DEFAULT_VALIDATORS})
  --seconds S           seconds of maximum load (default ${DEFAULT_LOAD_SECONDS}; the first ${WARMUP_FRACTION * 100}% are warm-up)
  --quick               a short smoke run (${QUICK_LOAD_SECONDS} s max load, ${QUICK_HALF_LOAD_SECONDS} s half load)
  --connections C       connections per validator at maximum load (default ${DEFAULT_CONNECTIONS}, with bulk ${DEFAULT_BULK_CONNECTIONS})
  --submit MODE         how maximum load submits: single (one tx per POST /v1/txs) or bulk (K txs per
                        POST /v1/txs/bulk, a protobuf TxBatch) (default ${DEFAULT_SUBMIT}); the half-load
                        phase submits the same way
  --bulk-size K         txs per bulk request, 1..${TX_BATCH_TXS_MAX} (default ${DEFAULT_BULK_SIZE})
  --backlog N           submitters pause while a validator's mempool holds over N txs (default ${DEFAULT_BACKLOG_TXS_MAX})
  --latency-sample-every K
                        with bulk, every K-th half-load tx is a latency sample (default: K for at least
                        ${LATENCY_SAMPLES_PER_SEC} samples/s, e.g. 12 at 600 txs/s)
  --base-port P         API ports P.., p2p ports P+100.. (default ${DEFAULT_BASE_PORT})
  --etcd                measure etcd, and fail (exit 2) where it is not installed
  --no-etcd             skip etcd (no ratio to etcd; saves its 60 s)
                        (default: measure etcd where it is installed, else say so)
  --etcd-port P         etcd client ports P..P+${ETCD_MEMBERS - 1}, peer ports P+10.. (default ${DEFAULT_ETCD_PORT})
  --node-env NAME=VALUE extra environment of every node, e.g. TIANPING_CONSENSUS_BLOCK_DELAY_MS=0 (repeatable)
  --cpu-prof DIR        write a V8 CPU profile of every validator into DIR (written when the nodes stop)
  --keep                keep the testnet directory (logs, ledgers) instead of deleting it
  -h, --help            show this help
`;

function parse(argv: readonly string[]): Args | 'help' {
  const values = parseOptions(argv, {
    validators: { type: 'string' }, seconds: { type: 'string' }, quick: { type: 'boolean' },
    connections: { type: 'string' }, submit: { type: 'string' }, 'bulk-size': { type: 'string' }, backlog: { type: 'string' },
    'latency-sample-every': { type: 'string' },
    'base-port': { type: 'string' }, 'node-env': { type: 'string', multiple: true },
    etcd: { type: 'boolean' }, 'no-etcd': { type: 'boolean' }, 'etcd-port': { type: 'string' },
    'cpu-prof': { type: 'string' }, keep: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
  });
  if (values.help === true) return 'help';
  const quick = values.quick === true;
  const loadSeconds = wholeNumber('seconds', values.seconds, quick ? QUICK_LOAD_SECONDS : DEFAULT_LOAD_SECONDS, 2);
  const nodeEnv = nodeEnvOption(values['node-env']);
  const submit = values.submit ?? DEFAULT_SUBMIT;
  if (!(SUBMIT_MODES as readonly string[]).includes(submit)) throw new UsageError(`--submit must be ${SUBMIT_MODES.join(' or ')}, got "${submit}"`);
  const bulkSize = wholeNumber('bulk-size', values['bulk-size'], DEFAULT_BULK_SIZE, 1);
  if (bulkSize > TX_BATCH_TXS_MAX) throw new UsageError(`--bulk-size must be at most ${TX_BATCH_TXS_MAX}, got ${bulkSize}`);
  const sampleEveryText = values['latency-sample-every'];
  if (sampleEveryText !== undefined && submit !== 'bulk') throw new UsageError('--latency-sample-every needs --submit bulk: with single, every tx is a sample');
  const cpuProfDir = cpuProfOption(values['cpu-prof']);
  if (values.etcd === true && values['no-etcd'] === true) throw new UsageError('--etcd and --no-etcd contradict each other');
  return {
    validators: wholeNumber('validators', values.validators, DEFAULT_VALIDATORS, 1),
    loadSeconds,
    halfLoadSeconds: quick ? QUICK_HALF_LOAD_SECONDS : HALF_LOAD_SECONDS,
    ceilingMs: quick ? QUICK_CEILING_MS : CEILING_MS,
    halfLoadWarmupMs: quick ? QUICK_HALF_LOAD_WARMUP_MS : HALF_LOAD_WARMUP_MS,
    quick,
    connections: wholeNumber('connections', values.connections, submit === 'bulk' ? DEFAULT_BULK_CONNECTIONS : DEFAULT_CONNECTIONS, 1),
    submit: submit as SubmitMode, bulkSize, backlogTxsMax: wholeNumber('backlog', values.backlog, DEFAULT_BACKLOG_TXS_MAX, 1),
    latencySampleEvery: sampleEveryText === undefined ? undefined : wholeNumber('latency-sample-every', sampleEveryText, 1, 1),
    basePort: wholeNumber('base-port', values['base-port'], DEFAULT_BASE_PORT, 1),
    etcd: values.etcd === true ? 'on' : values['no-etcd'] === true ? 'off' : 'auto',
    etcdPort: wholeNumber('etcd-port', values['etcd-port'], DEFAULT_ETCD_PORT, 1, 65_535 - 20),
    nodeEnv, cpuProfDir, keep: values.keep === true,
  };
}

const log = (message: string): void => {
  process.stderr.write(`bench:net: ${message}\n`);
};

// --- phase 1: maximum load -------------------------------------------------------------------

async function maxLoad(args: Args, handles: readonly TestnetNodeHandle[], txs: readonly PresignedTx[], poller: StatusPoller):
  Promise<MaxLoadResult> {
  const urls = handles.map((h) => new URL(h.node.apiUrl));
  const agents = urls.map(() => keepAliveAgent(args.connections));
  const loadMs = args.loadSeconds * 1000;
  const warmupMs = Math.max(WARMUP_MIN_MS, loadMs * WARMUP_FRACTION);
  const startHeight = poller.heightMin;
  const counters = newSubmitCounters();
  const startMs = Date.now();
  const endMs = startMs + loadMs;
  let acceptedAtWindowStart: number | undefined;
  let windowStartCpu: CpuSnapshot | undefined;
  const submit = args.submit === 'bulk' ? submitBulk : submitSingle;
  const submitter = (validator: number): Promise<void> => submit({
    txs, agent: agents[validator]!, url: urls[validator]!, endMs, counters, bulkSize: args.bulkSize,
    backlogged: () => poller.mempoolMax > args.backlogTxsMax, pauseMs: STATUS_POLL_MS,
  });

  const progress = setInterval(() => {
    const elapsedMs = Date.now() - startMs;
    log(`  max load ${(elapsedMs / 1000).toFixed(0).padStart(3)} s: accepted ${counters.accepted}, ${poller.describe()}`);
  }, PROGRESS_EVERY_MS);
  const windowTimer = setTimeout(() => {
    acceptedAtWindowStart = counters.accepted;
    windowStartCpu = cpuSnapshot(handles);
  }, warmupMs);

  try {
    await Promise.all(urls.flatMap((_, validator) => Array.from({ length: args.connections }, () => submitter(validator))));
  } finally {
    clearInterval(progress);
    clearTimeout(windowTimer);
    for (const agent of agents) agent.destroy();
  }
  const loadEndMs = Date.now();
  const cpu = windowStartCpu === undefined ? undefined : cpuPercents(windowStartCpu, cpuSnapshot(handles));
  const ranOutOfTxs = counters.next >= txs.length && loadEndMs < endMs;
  const windowStartMs = startMs + warmupMs;
  if (loadEndMs - windowStartMs < 1000) {
    throw new Error(`the steady window is under 1 s (load ran ${loadEndMs - startMs} ms): use more --seconds`);
  }

  // Blocks go by time as by height: once node0 has a block younger than the load, every block of
  // the window is committed (or the chain is stuck, and what is missing counts as not committed).
  const tipHeight = await heightOfFirstBlockAfter(handles[0]!.node.apiUrl, loadEndMs, CHAIN_CATCH_UP_MS, STATUS_POLL_MS);
  const chain = await headers(handles[0]!.node.apiUrl, startHeight + 1, tipHeight);
  const inWindow = chain.filter((b) => b.timeMs > windowStartMs && b.timeMs <= loadEndMs);
  // Every tx of a block proposed within the window, over the window: sparse blocks (a slow chain)
  // are not stretched over the span between two of them.
  const windowMs = loadEndMs - windowStartMs;
  const committedTps = (inWindow.reduce((sum, b) => sum + b.txCount, 0) * 1000) / windowMs;
  const blockSpanMs = inWindow.length >= 2 ? inWindow.at(-1)!.timeMs - inWindow[0]!.timeMs : Number.NaN;
  const windowWallMs = loadEndMs - windowStartMs;
  return {
    committedTps, windowMs,
    acceptedTps: ((counters.accepted - (acceptedAtWindowStart ?? 0)) * 1000) / windowWallMs,
    windowBlocks: inWindow.length,
    meanBlockIntervalMs: blockSpanMs / (inWindow.length - 1),
    meanTxsPerBlock: inWindow.length === 0 ? 0 : inWindow.reduce((sum, b) => sum + b.txCount, 0) / inWindow.length,
    maxTxsPerBlock: Math.max(0, ...inWindow.map((b) => b.txCount)),
    laterRoundBlocks: inWindow.filter((b) => b.round > 0).length,
    submitted: counters.next, accepted: counters.accepted, requests: counters.requests, mempoolFullAnswers: counters.mempoolFullAnswers,
    backlogPauses: counters.backlogPauses, refused: counters.refused, ranOutOfTxs,
    nodeCpuPercent: cpu?.nodes ?? handles.map(() => Number.NaN),
    nodeMainThreadCpuPercent: cpu?.nodesMain ?? handles.map(() => Number.NaN),
    clientCpuPercent: cpu?.client ?? Number.NaN,
    machineCpuPercent: cpu?.machine ?? Number.NaN,
  };
}

/** Waits until every validator's mempool is empty (or DRAIN_TIMEOUT_MS). */
const drain = (poller: StatusPoller): Promise<{ drained: boolean; ms: number }> => drainMempools(poller, {
  timeoutMs: DRAIN_TIMEOUT_MS, progressEveryMs: PROGRESS_EVERY_MS, pollMs: STATUS_POLL_MS, log,
  progress: () => `mempools ${poller.statuses.map((s) => s?.mempoolSize ?? '?').join('/')}`,
});

// --- the run ---------------------------------------------------------------------------------

function presign(layout: TestnetLayout, keyPair: KeyPair, count: number, firstNonce: number): PresignedTx[] {
  const startMs = performance.now();
  const txs = presignAnchorTxs({ chainId: layout.chainId, keyPair, count, category: CATEGORY, firstNonce,
    expiresAtMs: Date.now() + TX_LIFETIME_MS });
  log(`  pre-signed ${count} txs in ${((performance.now() - startMs) / 1000).toFixed(1)} s`);
  return txs;
}

/** The ceiling first, on an idle machine: the node's verifier on a real signature of this chain. */
async function ceilingPhase(args: Args, layout: TestnetLayout, keyPair: KeyPair, machine: MachineInfo): Promise<VerifyCeiling> {
  const [sample] = presignAnchorTxs({ chainId: layout.chainId, keyPair, count: 1, category: CATEGORY, firstNonce: 0,
    expiresAtMs: Date.now() + TX_LIFETIME_MS });
  const decoded = decodeTx(sample!.bytes, DEFAULT_PARAMS.txBytesMax);
  log(`ceiling: NodeVerifier on ${machine.cores} worker threads for ${args.ceilingMs / 1000} s`);
  const ceiling = await measureVerifyCeiling({ publicKey: decoded.body.signer, message: txSignBytes(layout.chainId, decoded.bodyBytes),
    signature: decoded.signature }, args.ceilingMs);
  log(`  ${fixed(ceiling.verifyPerSec)} verifications/s in all (${ceiling.perThreadPerSec.map((r) => fixed(r)).join(' + ')}), `
    + `${fixed(ceiling.verifyPerSec / args.validators)} per validator; other processes used ${fixed(ceiling.otherCpuPercent)}% meanwhile`);
  return ceiling;
}

async function maxLoadPhase(args: Args, handles: readonly TestnetNodeHandle[], txs: readonly PresignedTx[]):
  Promise<{ max: MaxLoadResult; drained: { drained: boolean; ms: number } }> {
  const poller = new StatusPoller(handles.map((h) => h.node.apiUrl));
  await poller.poll();
  poller.start();
  try {
    log(`phase 1: maximum load for ${args.loadSeconds} s over ${args.connections} connections per validator, ${submitText(args)}`);
    const max = await maxLoad(args, handles, txs, poller);
    log(`  committed ${fixed(max.committedTps)} anchors/s over ${fixed(max.windowMs / 1000, 1)} s (${max.windowBlocks} blocks, `
      + `one every ${fixed(max.meanBlockIntervalMs)} ms, ${fixed(max.meanTxsPerBlock)} txs each); accepted ${fixed(max.acceptedTps)}/s`);
    log('  draining the mempools');
    const drained = await drain(poller);
    if (!drained.drained) log(`  mempools not empty after ${DRAIN_TIMEOUT_MS / 1000} s: the half-load latency includes that backlog`);
    return { max, drained };
  } finally {
    poller.stop();
  }
}

async function halfLoadPhase(args: Args, layout: TestnetLayout, keyPair: KeyPair, handles: readonly TestnetNodeHandle[],
  committedTps: number): Promise<HalfLoadPhase> {
  const rateTps = committedTps / 2;
  if (!(rateTps > 0)) {
    // No rate to halve: a failed result, not an error of the bench.
    log('phase 2 skipped: nothing was committed in the steady window of maximum load');
    return { result: emptyHalfLoadResult(args.submit), cpu: undefined, committed: undefined };
  }
  log(`phase 2: ${fixed(rateTps)} txs/s (half of ${fixed(committedTps)}) for ${args.halfLoadSeconds} s, `
    + (args.submit === 'bulk' ? 'bulk with latency samples alone with ?wait=commit' : 'single with ?wait=commit'));
  const txs = presign(layout, keyPair, Math.ceil(rateTps * args.halfLoadSeconds) + 1, 10_000_000);
  // CPU while the load is sent, warm-up excluded: how close half load runs the machine to its limit.
  let from: CpuSnapshot | undefined;
  let to: CpuSnapshot | undefined;
  const fromTimer = setTimeout(() => { from = cpuSnapshot(handles); }, args.halfLoadWarmupMs);
  const toTimer = setTimeout(() => { if (from !== undefined) to = cpuSnapshot(handles); }, args.halfLoadSeconds * 1000);
  const apiUrl = handles[0]!.node.apiUrl;
  const startHeight = (await getJson<{ latestHeight: number }>(`${apiUrl}/v1/status`)).latestHeight;
  try {
    const result = await halfLoad({ urls: handles.map((h) => new URL(h.node.apiUrl)), txs, rateTps,
      durationMs: args.halfLoadSeconds * 1000, warmupMs: args.halfLoadWarmupMs, submit: args.submit, bulkSize: args.bulkSize,
      sampleEvery: args.latencySampleEvery, commitWaitMs: COMMIT_WAIT_MS, log });
    const cpu: CpuPercents | undefined = from === undefined || to === undefined ? undefined : cpuPercents(from, to);
    const committed = from === undefined || to === undefined ? undefined : await committedBetween(apiUrl, startHeight, from.atMs, to.atMs);
    return { result, cpu, committed };
  } finally {
    clearTimeout(fromTimer);
    clearTimeout(toTimer);
  }
}

/**
 * What the chain committed in blocks timed within (fromMs, toMs]: the anchors the half load's CPU
 * paid for. Blocks are read from startHeight + 1 to the first one timed after toMs.
 */
async function committedBetween(apiUrl: string, startHeight: number, fromMs: number, toMs: number): Promise<HalfLoadCommitted> {
  const tipHeight = await heightOfFirstBlockAfter(apiUrl, toMs, CHAIN_CATCH_UP_MS, STATUS_POLL_MS);
  const blocks = (await headers(apiUrl, startHeight + 1, tipHeight)).filter((b) => b.timeMs > fromMs && b.timeMs <= toMs);
  const txs = blocks.reduce((sum, b) => sum + b.txCount, 0);
  return { committedTps: (txs * 1000) / (toMs - fromMs), blocks: blocks.length, meanTxsPerBlock: blocks.length === 0 ? 0 : txs / blocks.length,
    spanMs: toMs - fromMs };
}

/**
 * etcd's writes/s before anything else runs (args.etcd: on requires it installed, auto measures it
 * where installed, off skips it); the members are stopped before the ceiling is measured. A run
 * of etcd that fails is reported as such, with no ratio.
 */
async function etcdPhase(args: Args): Promise<EtcdPhase> {
  if (args.etcd === 'off') return { measured: false, reason: 'skipped (--no-etcd)' };
  const tools = etcdTools();
  if (!tools.installed) {
    if (args.etcd === 'on') throw new Error(`--etcd: ${tools.reason}; ${ETCD_INSTALL_HINT}`);
    log(`etcd: ${tools.reason}: no ratio to etcd (${ETCD_INSTALL_HINT})`);
    return { measured: false, reason: tools.reason };
  }
  log(`etcd ${tools.version}: ${ETCD_MEMBERS} members on 127.0.0.1, client ports ${args.etcdPort}..`);
  let result;
  try {
    result = await measureEtcd({ basePort: args.etcdPort, version: tools.version, log });
  } catch (error) {
    // A failed reference is no reason to lose the rest of the run: no ratio, and the reason why.
    const reason = `the etcd run failed: ${(error as Error).message.replace(/\s+/g, ' ').slice(0, 300)}`;
    log(`  ${reason}`);
    return { measured: false, reason };
  }
  log(`  ${fixed(result.writesPerSec)} writes/s (members' CPU ${fixed(result.membersCpuPercent)}% of a core, `
    + `the rest of the machine ${fixed(result.restCpuPercent)}%)`);
  return { measured: true, result };
}

/** The phases on a fresh testnet in dir: etcd and the ceiling first, then maximum and half load. */
async function phases(args: Args, machine: MachineInfo, running: TestnetRun): Promise<Figures> {
  const { dir } = running;
  const layout = createTestnetFiles({ dir, validators: args.validators, observers: 0, basePort: args.basePort });
  const keyPair = readKeyFile(layout.submitterKeyFile);
  const etcd = await etcdPhase(args);
  const ceiling = await ceilingPhase(args, layout, keyPair, machine);

  log(`presigning: ${args.loadSeconds} s at up to ${PRESIGN_RATE_PER_SEC} txs/s`);
  const warmTxs = presign(layout, keyPair, args.validators, 1);
  const loadTxs = presign(layout, keyPair, args.loadSeconds * PRESIGN_RATE_PER_SEC, 1_000_000);

  log(`starting ${args.validators} validators in ${dir} (API ports ${args.basePort}..; env ${Object.entries(args.nodeEnv).map(([k, v]) => `${k}=${v}`).join(' ')})`);
  running.handles = await startTestnet(withCpuProfile(layout, args.cpuProfDir), { env: args.nodeEnv });
  const handles = running.handles;
  await warmUp(handles, warmTxs, { what: 'anchor', submitTimeoutMs: SUBMIT_TIMEOUT_MS, chainId: layout.chainId });
  const apiUrls = handles.map((h) => h.node.apiUrl);
  const metricsBefore = await scrapeMetrics(apiUrls);
  const watch = watchMetrics(apiUrls, METRICS_SCRAPE_INTERVAL_MS);
  const { max, drained } = await maxLoadPhase(args, handles, loadTxs);
  const { result: half, cpu: halfCpu, committed: halfCommitted } = await halfLoadPhase(args, layout, keyPair, handles, max.committedTps);
  const during = await watch.stop();
  const metrics = metricsMovement(metricsBefore, await scrapeMetrics(apiUrls), during);
  return { args, machine, etcd, ceiling, max, drained, half, halfCpu, halfCommitted, metrics };
}

async function run(args: Args): Promise<number> {
  const machine = machineInfo();
  log(`${args.validators} validators on ${machine.cores} cores (${machine.cpuModel}), Node ${machine.nodeVersion}`);
  await withTestnet({ prefix: 'tianping-bench-net-', keep: args.keep, log }, (running) => phases(args, machine, running), (figures, unclean) => {
    process.stdout.write(summaryLines(figures).join('\n') + '\n');
    if (args.cpuProfDir !== undefined) log(`CPU profiles of the validators in ${args.cpuProfDir}`);
    if (unclean.length > 0) log(`${unclean.length} node(s) did not stop cleanly: ${unclean.join(', ')}`);
    process.stdout.write(jsonLine(figures) + '\n');
  });
  return EXIT_OK;
}

benchMain('bench:net', USAGE, parse, run);
