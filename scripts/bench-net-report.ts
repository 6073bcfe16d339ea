// What bench:net reports: the figures of its phases, what they imply (CPU per anchor, the ratios to
// the verifier ceiling and to etcd, the targets), the summary for people and the one JSON line.
import type { CpuPercents } from './bench-chain.js';
import type { HalfLoadResult } from './bench-net-latency.js';
import type { SubmitMode } from './bench-net-submit.js';
import { round, type MachineInfo, type VerifyCeiling } from './bench-lib.js';
import type { MetricsMovement } from './bench-metrics.js';
import { ETCD_INSTALL_HINT, ETCD_LOAD, type EtcdResult } from './bench-net-etcd.js';

export const TARGET_COMMITTED_TPS = 1_500;
const TARGET_P50_MS = 1_000;
const TARGET_P99_MS = 2_000;
/** Committed single-signature anchors/s against etcd's writes/s (check perf --load=l) of the same run. */
const TARGET_RATIO_TO_ETCD = 1.0;
/**
 * Node CPU per anchor at half load over that at maximum load: a node whose cost is per anchor keeps
 * it near 1; fixed costs per block and per tick, paid whether blocks are full or not, raise it.
 */
const TARGET_HALF_LOAD_CPU_RATIO = 1.3;

/** Above this share of one core used by other processes, the figures are flagged as disturbed. */
const OTHER_CPU_WARN_PERCENT = 20;

export interface Args {
  readonly validators: number;
  readonly loadSeconds: number;
  readonly halfLoadSeconds: number;
  readonly ceilingMs: number;
  readonly halfLoadWarmupMs: number;
  readonly quick: boolean;
  readonly connections: number;
  readonly submit: SubmitMode;
  readonly bulkSize: number;
  readonly backlogTxsMax: number;
  /** Every K-th half-load tx is a latency sample in bulk mode; undefined: chosen from the rate. */
  readonly latencySampleEvery: number | undefined;
  readonly basePort: number;
  /** on: etcd must run (an error where it is missing); auto: measured where installed; off: skipped. */
  readonly etcd: 'on' | 'auto' | 'off';
  /** etcd's client ports start here, its peer ports 10 above. */
  readonly etcdPort: number;
  readonly nodeEnv: Readonly<Record<string, string>>;
  readonly cpuProfDir: string | undefined;
  readonly keep: boolean;
}

export interface MaxLoadResult {
  readonly committedTps: number;
  readonly acceptedTps: number;
  readonly windowMs: number;
  readonly windowBlocks: number;
  readonly meanBlockIntervalMs: number;
  readonly meanTxsPerBlock: number;
  readonly maxTxsPerBlock: number;
  /** Blocks of the window that committed after round 0. */
  readonly laterRoundBlocks: number;
  readonly submitted: number;
  readonly accepted: number;
  /** HTTP requests sent, resends included. */
  readonly requests: number;
  readonly mempoolFullAnswers: number;
  readonly backlogPauses: number;
  readonly refused: Readonly<Record<string, number>>;
  readonly ranOutOfTxs: boolean;
  /** CPU used during the window, in % of one core: each node, this client, the whole machine. */
  readonly nodeCpuPercent: readonly number[];
  /** The part of nodeCpuPercent spent on each node's main thread. */
  readonly nodeMainThreadCpuPercent: readonly number[];
  readonly clientCpuPercent: number;
  readonly machineCpuPercent: number;
}

/** What the chain committed while the half load's CPU was measured (blocks timed in that span). */
export interface HalfLoadCommitted {
  readonly committedTps: number;
  readonly blocks: number;
  readonly meanTxsPerBlock: number;
  readonly spanMs: number;
}

/** The half-load phase's latencies, and the CPU it took while sending (after the warm-up). */
export interface HalfLoadPhase {
  readonly result: HalfLoadResult;
  /** Undefined when the phase did not run. */
  readonly cpu: CpuPercents | undefined;
  readonly committed: HalfLoadCommitted | undefined;
}

/** etcd's figures, or why there are none. */
export type EtcdPhase = { readonly measured: true; readonly result: EtcdResult } | { readonly measured: false; readonly reason: string };

export const submitText = (args: Args): string =>
  (args.submit === 'bulk' ? `bulk (POST /v1/txs/bulk, up to ${args.bulkSize} txs per request)` : 'single (one tx per POST /v1/txs)');
const halfSubmitText = (half: HalfLoadResult): string =>
  (half.submit === 'bulk' ? `bulk, 1 in ${half.sampleEvery} txs alone with ?wait=commit` : 'single, every tx with ?wait=commit');
export const fixed = (value: number, digits = 0): string => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const passText = (pass: boolean): string => (pass ? 'PASS' : 'FAIL');
const countsText = (counts: Readonly<Record<string, number>>): string =>
  Object.entries(counts).map(([code, n]) => `${code} ${n}`).join(', ') || 'none';

export interface Figures {
  readonly args: Args;
  readonly machine: MachineInfo;
  readonly etcd: EtcdPhase;
  readonly ceiling: VerifyCeiling;
  readonly max: MaxLoadResult;
  readonly drained: { readonly drained: boolean; readonly ms: number };
  readonly half: HalfLoadResult;
  readonly halfCpu: CpuPercents | undefined;
  readonly halfCommitted: HalfLoadCommitted | undefined;
  /** The nodes' tianping_ series before the maximum load and after the half load. */
  readonly metrics: MetricsMovement;
}

/** A target of the JSON line: its limit, the value measured and whether it holds. */
interface Target {
  readonly target: number;
  readonly value: number;
  readonly pass: boolean;
}

/** The targets that rest on etcd and on the half load; absent where their figure is missing. */
function ratioTargets(f: Figures, nodeCpuMsPerAnchor: number, halfNodeCpuMsPerAnchor: number):
  { ratioToEtcd?: Target; halfLoadCpuPerAnchorRatio?: Target } {
  const out: { ratioToEtcd?: Target; halfLoadCpuPerAnchorRatio?: Target } = {};
  if (f.etcd.measured) {
    const ratio = f.max.committedTps / f.etcd.result.writesPerSec;
    out.ratioToEtcd = { target: TARGET_RATIO_TO_ETCD, value: round(ratio, 3), pass: ratio >= TARGET_RATIO_TO_ETCD };
  }
  const cpuRatio = halfNodeCpuMsPerAnchor / nodeCpuMsPerAnchor;
  if (Number.isFinite(cpuRatio)) {
    out.halfLoadCpuPerAnchorRatio = { target: TARGET_HALF_LOAD_CPU_RATIO, value: round(cpuRatio, 3), pass: cpuRatio <= TARGET_HALF_LOAD_CPU_RATIO };
  }
  return out;
}

/** What the measured figures imply: the ratios to the ceiling and to etcd, CPU per anchor, the targets. */
function derive(f: Figures) {
  const { args, machine, ceiling, max, half } = f;
  const ceilingPerValidator = ceiling.verifyPerSec / args.validators;
  const nodeCpuPercentSum = max.nodeCpuPercent.reduce((a, b) => a + b, 0);
  const otherCpuPercent = round(max.machineCpuPercent - max.clientCpuPercent - nodeCpuPercentSum);
  // CPU time per committed anchor hardly depends on what else runs: the figure to compare runs by
  // on a shared machine, and what the machine could commit if the chain had it all to itself.
  const nodeCpuMsPerAnchor = (nodeCpuPercentSum * 10) / max.committedTps;
  const clientCpuMsPerAnchor = (max.clientCpuPercent * 10) / max.committedTps;
  const errors: Record<string, number> = { ...max.refused };
  for (const [code, n] of Object.entries(half.errors)) errors[code] = (errors[code] ?? 0) + n;
  // The same figure at half load: the nodes' CPU while it was sent over what committed meanwhile.
  const halfNodeCpuMsPerAnchor = f.halfCpu === undefined || f.halfCommitted === undefined ? Number.NaN
    : (f.halfCpu.nodes.reduce((a, b) => a + b, 0) * 10) / f.halfCommitted.committedTps;
  // The same two figures split between the nodes' main threads and their other threads.
  const mainMsPerAnchor = (max.nodeMainThreadCpuPercent.reduce((x, y) => x + y, 0) * 10) / max.committedTps;
  const halfMainMsPerAnchor = f.halfCpu === undefined || f.halfCommitted === undefined ? Number.NaN
    : (f.halfCpu.nodesMain.reduce((x, y) => x + y, 0) * 10) / f.halfCommitted.committedTps;
  return {
    halfNodeCpuMsPerAnchor, mainMsPerAnchor, halfMainMsPerAnchor,
    ratioToEtcd: f.etcd.measured ? max.committedTps / f.etcd.result.writesPerSec : Number.NaN,
    ceilingPerValidator, ratio: max.committedTps / ceilingPerValidator, otherCpuPercent, nodeCpuMsPerAnchor, clientCpuMsPerAnchor,
    projectedIdleTps: max.committedTps > 0 ? (machine.cores * 1000) / (nodeCpuMsPerAnchor + clientCpuMsPerAnchor) : Number.NaN,
    busy: otherCpuPercent > OTHER_CPU_WARN_PERCENT || ceiling.otherCpuPercent > OTHER_CPU_WARN_PERCENT,
    errors,
    targets: {
      committedTps: { target: TARGET_COMMITTED_TPS, value: round(max.committedTps), pass: max.committedTps >= TARGET_COMMITTED_TPS },
      p50Ms: { target: TARGET_P50_MS, value: round(half.p50Ms), pass: half.p50Ms <= TARGET_P50_MS },
      p99Ms: { target: TARGET_P99_MS, value: round(half.p99Ms), pass: half.p99Ms <= TARGET_P99_MS },
      ...ratioTargets(f, nodeCpuMsPerAnchor, halfNodeCpuMsPerAnchor),
    },
  };
}

function etcdLine(f: Figures, ratio: number): string {
  if (!f.etcd.measured) return `  etcd (same run)         not measured: ${f.etcd.reason}; no ratio`;
  const e = f.etcd.result;
  return `  etcd (same run)         ${fixed(e.writesPerSec)} writes/s (${e.members} members, check perf --load=${e.load}, etcd ${e.version}; `
    + `slowest ${fixed(e.slowestMs)} ms; members' CPU ${fixed(e.membersCpuPercent)}%, ${fixed(e.membersCpuMsPerWrite, 3)} ms per write); `
    + `committed/etcd = ${fixed(ratio, 3)}`;
}

function halfCpuLine(f: Figures, d: ReturnType<typeof derive>): string {
  if (f.halfCpu === undefined) return '  CPU at half load        —';
  const committed = f.halfCommitted === undefined ? 'committed: n/a'
    : `committed ${fixed(f.halfCommitted.committedTps)}/s in ${f.halfCommitted.blocks} blocks of ${fixed(f.halfCommitted.meanTxsPerBlock)} txs`;
  return `  CPU at half load        nodes ${f.halfCpu.nodes.map((p) => `${fixed(p)}%`).join(' ')}, whole machine ${fixed(f.halfCpu.machine)}% `
    + `of ${f.machine.cores * 100}%; ${committed}: ${fixed(d.halfNodeCpuMsPerAnchor, 2)} ms per anchor in all validators, `
    + `${fixed(d.halfNodeCpuMsPerAnchor / d.nodeCpuMsPerAnchor, 2)}x that at maximum load`;
}

export function summaryLines(f: Figures): string[] {
  const { args, machine, ceiling, max, drained, half } = f;
  const d = derive(f);
  return [
    '',
    `bench:net  ${args.validators} validators, ${machine.cores} cores (${machine.cpuModel}), Node ${machine.nodeVersion}${args.quick ? ', --quick' : ''}`,
    '',
    `  committed at max load   ${fixed(max.committedTps)} anchors/s  (steady ${fixed(max.windowMs / 1000, 1)} s, ${max.windowBlocks} blocks, `
      + `${fixed(max.meanBlockIntervalMs)} ms apart, ${fixed(max.meanTxsPerBlock)} txs/block, max ${max.maxTxsPerBlock}, `
      + `${max.laterRoundBlocks} after round 0)`,
    `  submitted               ${submitText(args)}: ${max.requests} requests, ${fixed(max.submitted / Math.max(1, max.requests), 1)} txs each`,
    `  accepted by the APIs    ${fixed(max.acceptedTps)} txs/s  (${max.accepted} of ${max.submitted} sent; MEMPOOL_FULL answers ${max.mempoolFullAnswers}; `
      + `backlog pauses ${max.backlogPauses}; refused: ${countsText(max.refused)}${max.ranOutOfTxs ? '; RAN OUT OF PRE-SIGNED TXS' : ''})`,
    `  CPU in the window       nodes ${max.nodeCpuPercent.map((p) => `${fixed(p)}%`).join(' ')}, bench client ${fixed(max.clientCpuPercent)}%, `
      + `whole machine ${fixed(max.machineCpuPercent)}% of ${machine.cores * 100}% (other processes ${fixed(d.otherCpuPercent)}%)`,
    `  CPU per anchor          ${fixed(d.nodeCpuMsPerAnchor, 2)} ms in all validators (${fixed(d.nodeCpuMsPerAnchor / args.validators, 2)} ms each), `
      + `${fixed(d.clientCpuMsPerAnchor, 2)} ms in the client: ${fixed(d.projectedIdleTps)} anchors/s if this machine ran nothing else`,
    `  ... by thread           max load: main threads ${fixed(d.mainMsPerAnchor, 3)} ms, other threads ${fixed(d.nodeCpuMsPerAnchor - d.mainMsPerAnchor, 3)} ms; `
      + `half load: main ${fixed(d.halfMainMsPerAnchor, 3)} ms, other ${fixed(d.halfNodeCpuMsPerAnchor - d.halfMainMsPerAnchor, 3)} ms per anchor`,
    `  ceiling                 ${fixed(ceiling.verifyPerSec)} verifications/s on ${ceiling.threads} threads / ${args.validators} = `
      + `${fixed(d.ceilingPerValidator)} per validator; committed/ceiling = ${fixed(d.ratio, 3)} (other processes ${fixed(ceiling.otherCpuPercent)}%)`,
    `  latency at half load    p50 ${fixed(half.p50Ms)} ms, p90 ${fixed(half.p90Ms)} ms, p99 ${fixed(half.p99Ms)} ms, max ${fixed(half.maxMs)} ms `
      + `(${half.samples} samples; commit timeouts ${half.commitTimeouts}; errors: ${countsText(half.errors)})`,
    `  half load submitted     ${halfSubmitText(half)}: ${fixed(half.sentTps)} txs/s sent, ${fixed(half.sampleTps)} samples/s, `
      + `${half.requests} requests`,
    halfCpuLine(f, d),
    etcdLine(f, d.ratioToEtcd),
    `  drain between phases    ${fixed(drained.ms / 1000, 1)} s${drained.drained ? '' : ' (not drained)'}`,
    `  /metrics                ${f.metrics.changed.length} tianping_ series moved under load, `
      + `${f.metrics.unchanged.length} did not${f.metrics.unchanged.length > 0 ? ` (${f.metrics.unchanged.join(', ')})` : ''}`,
    '',
    ...(d.busy ? [`  WARNING: other processes used ${fixed(Math.max(d.otherCpuPercent, ceiling.otherCpuPercent))}% of a core while measuring: `
      + 'these figures understate the node; rerun on an idle machine', ''] : []),
    `  target committed >= ${TARGET_COMMITTED_TPS}/s   ${passText(d.targets.committedTps.pass)}`,
    `  target p50 <= ${TARGET_P50_MS} ms          ${passText(d.targets.p50Ms.pass)}`,
    `  target p99 <= ${TARGET_P99_MS} ms          ${passText(d.targets.p99Ms.pass)}`,
    d.targets.ratioToEtcd === undefined ? `  target committed/etcd >= ${TARGET_RATIO_TO_ETCD}  no figure (etcd not measured)`
      : `  target committed/etcd >= ${TARGET_RATIO_TO_ETCD}  ${passText(d.targets.ratioToEtcd.pass)}`,
    d.targets.halfLoadCpuPerAnchorRatio === undefined ? `  target CPU/anchor half ÷ max <= ${TARGET_HALF_LOAD_CPU_RATIO}  no figure`
      : `  target CPU/anchor half ÷ max <= ${TARGET_HALF_LOAD_CPU_RATIO}  ${passText(d.targets.halfLoadCpuPerAnchorRatio.pass)}`,
    ...(f.etcd.measured ? [] : [`  (${ETCD_INSTALL_HINT}; rerun for the ratio to etcd)`]),
    '',
  ];
}

export function jsonLine(f: Figures): string {
  const { args, machine, ceiling, max, half } = f;
  const d = derive(f);
  return JSON.stringify({
    bench: 'net', validators: args.validators, quick: args.quick, cores: machine.cores, node: machine.nodeVersion,
    loadSeconds: args.loadSeconds, connectionsPerValidator: args.connections, submit: args.submit,
    bulkSize: args.submit === 'bulk' ? args.bulkSize : 1, requests: max.requests,
    committedTps: round(max.committedTps, 1), acceptedTps: round(max.acceptedTps, 1), windowMs: round(max.windowMs),
    windowBlocks: max.windowBlocks, laterRoundBlocks: max.laterRoundBlocks, meanBlockIntervalMs: round(max.meanBlockIntervalMs),
    meanTxsPerBlock: round(max.meanTxsPerBlock, 1),
    nodeCpuPercent: max.nodeCpuPercent, clientCpuPercent: max.clientCpuPercent, machineCpuPercent: max.machineCpuPercent,
    otherCpuPercent: d.otherCpuPercent, ceilingOtherCpuPercent: ceiling.otherCpuPercent,
    nodeCpuMsPerAnchor: round(d.nodeCpuMsPerAnchor, 3), clientCpuMsPerAnchor: round(d.clientCpuMsPerAnchor, 3),
    projectedIdleTps: round(d.projectedIdleTps),
    ceilingVerifyPerSec: round(ceiling.verifyPerSec), ceilingVerifyPerSecPerValidator: round(d.ceilingPerValidator),
    ratioToCeiling: round(d.ratio, 4),
    halfLoadSubmit: half.submit, halfLoadTps: round(half.targetTps, 1), halfLoadSentTps: round(half.sentTps, 1),
    halfLoadRequests: half.requests, latencySampleEvery: half.sampleEvery, latencySampleTps: round(half.sampleTps, 1),
    latencySamples: half.samples,
    p50Ms: round(half.p50Ms), p90Ms: round(half.p90Ms), p99Ms: round(half.p99Ms), maxMs: round(half.maxMs),
    halfLoadNodeCpuPercent: f.halfCpu?.nodes ?? null, halfLoadMachineCpuPercent: f.halfCpu?.machine ?? null,
    halfLoadCommittedTps: f.halfCommitted === undefined ? null : round(f.halfCommitted.committedTps, 1),
    halfLoadBlocks: f.halfCommitted?.blocks ?? null,
    halfLoadMeanTxsPerBlock: f.halfCommitted === undefined ? null : round(f.halfCommitted.meanTxsPerBlock, 1),
    halfLoadNodeCpuMsPerAnchor: Number.isFinite(d.halfNodeCpuMsPerAnchor) ? round(d.halfNodeCpuMsPerAnchor, 3) : null,
    halfLoadCpuPerAnchorRatio: Number.isFinite(d.halfNodeCpuMsPerAnchor) ? round(d.halfNodeCpuMsPerAnchor / d.nodeCpuMsPerAnchor, 3) : null,
    nodeMainThreadCpuPercent: max.nodeMainThreadCpuPercent, halfLoadNodeMainThreadCpuPercent: f.halfCpu?.nodesMain ?? null,
    nodeMainThreadCpuMsPerAnchor: round(d.mainMsPerAnchor, 3),
    halfLoadNodeMainThreadCpuMsPerAnchor: Number.isFinite(d.halfMainMsPerAnchor) ? round(d.halfMainMsPerAnchor, 3) : null,
    ...etcdJson(f, d.ratioToEtcd),
    commitTimeouts: half.commitTimeouts, errors: d.errors,
    targets: d.targets,
    metricsChanged: f.metrics.changed, metricsUnchanged: f.metrics.unchanged, metrics: f.metrics.families,
  });
}

/** etcd's figures in the JSON line; null, with the reason, where it was not measured. */
function etcdJson(f: Figures, ratio: number): Record<string, unknown> {
  if (!f.etcd.measured) {
    return { etcdWritesPerSec: null, ratioToEtcd: null, etcdSkipped: f.etcd.reason, etcdLoad: ETCD_LOAD };
  }
  const e = f.etcd.result;
  return {
    etcdWritesPerSec: e.writesPerSec, ratioToEtcd: round(ratio, 3), etcdVersion: e.version, etcdMembers: e.members, etcdLoad: e.load,
    etcdSlowestMs: round(e.slowestMs), etcdStddevMs: round(e.stddevMs), etcdOwnVerdictPass: e.etcdPass,
    etcdMembersCpuPercent: round(e.membersCpuPercent), etcdMembersCpuMsPerWrite: round(e.membersCpuMsPerWrite, 3),
    etcdRestCpuPercent: round(e.restCpuPercent),
  };
}
