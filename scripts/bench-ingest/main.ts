// bench:ingest: committed anchors/s of one dev node, through HTTP (the node as its own process)
// and in-process (the node core in this process), commit latency at half load, bytes on disk per
// anchor after compaction, and the ratio to the machine's verification ceiling measured first in
// the same run (docs/BENCHMARKS.md).
import '../../src/polyfills.js';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeTx, txSignBytes } from '../../src/codec/index.js';
import { DEFAULT_PARAMS } from '../../src/state/genesis.js';
import { machineInfo, measureVerifyCeiling, round, type MachineInfo, type VerifyCeiling } from '../bench-lib.js';
import { benchMain, EXIT_OK, onStopSignals } from '../bench-run.js';
import { stopAll, type TestnetNodeHandle } from '../testnet-lib.js';
import { parse, USAGE, type Args } from './args.js';
import { DEV_CHAIN_ID, initDevNode } from './dev-node.js';
import { httpPhase, type HttpResult } from './http.js';
import { inProcessPhase, type InProcessResult } from './in-process.js';
import { log, presign } from './window.js';

const TARGET_CEILING_RATIO = 0.6;
const TARGET_BYTES_PER_ANCHOR = 300;

interface Figures {
  readonly ceiling: VerifyCeiling;
  readonly http: HttpResult | undefined;
  readonly inProcess: InProcessResult | undefined;
}

interface Target {
  readonly name: string;
  readonly limit: number;
  readonly value: number;
  readonly pass: boolean;
}

/** The verifier ceiling on one worker thread per core, on a real anchor signature of a dev chain, before any node runs. */
async function ceilingPhase(args: Args, dir: string): Promise<VerifyCeiling> {
  const files = initDevNode(dir, 'ceiling', args.basePort);
  const [sample] = presign(DEV_CHAIN_ID, files.submitter, 1, 1);
  const decoded = decodeTx(sample!.bytes, DEFAULT_PARAMS.txBytesMax);
  log(`ceiling: NodeVerifier on one worker thread per core for ${args.ceilingMs / 1000} s`);
  const ceiling = await measureVerifyCeiling({ publicKey: decoded.body.signer, message: txSignBytes(DEV_CHAIN_ID, decoded.bodyBytes),
    signature: decoded.signature }, args.ceilingMs);
  log(`  ${Math.round(ceiling.verifyPerSec)} verifications/s (${ceiling.perThreadPerSec.map((r) => Math.round(r)).join(' + ')}); `
    + `other processes used ${ceiling.otherCpuPercent}% of a core meanwhile`);
  return ceiling;
}

function targets(f: Figures): Target[] {
  const out: Target[] = [];
  const ratio = (tps: number): number => round(tps / f.ceiling.verifyPerSec, 3);
  if (f.http !== undefined) {
    const r = ratio(f.http.max.committedTps);
    out.push({ name: 'ratioToCeilingHttp', limit: TARGET_CEILING_RATIO, value: r, pass: r >= TARGET_CEILING_RATIO });
    const b = f.http.disk.bytesPerAnchor;
    out.push({ name: 'bytesPerAnchor', limit: TARGET_BYTES_PER_ANCHOR, value: b, pass: b <= TARGET_BYTES_PER_ANCHOR });
  }
  if (f.inProcess !== undefined) {
    const r = ratio(f.inProcess.max.committedTps);
    out.push({ name: 'ratioToCeilingInProcess', limit: TARGET_CEILING_RATIO, value: r, pass: r >= TARGET_CEILING_RATIO });
  }
  return out;
}

function summary(args: Args, f: Figures, t: readonly Target[]): string[] {
  const lines = [`ceiling                 ${Math.round(f.ceiling.verifyPerSec)} verifications/s on ${f.ceiling.threads} threads `
    + `(other processes ${f.ceiling.otherCpuPercent}% of a core)`];
  const h = f.http;
  if (h !== undefined) {
    lines.push(`HTTP (${h.submit})${' '.repeat(Math.max(1, 18 - h.submit.length))}${h.max.committedTps} committed/s (accepted ${h.max.acceptedTps}/s`
      + `${h.max.ranOut ? ', RAN OUT' : ''}), ${h.max.windowBlocks} blocks of ${h.max.meanTxsPerBlock} txs every ${h.max.meanBlockIntervalMs} ms; `
      + `node ${h.max.cpu.nodes[0]}% of a core, ${h.max.nodeCpuMsPerAnchor} ms CPU per anchor; client ${h.max.cpu.client}%, machine ${h.max.cpu.machine}%`,
    `HTTP half load          ${h.half.targetTps} txs/s: p50 ${round(h.half.p50Ms)} ms, p90 ${round(h.half.p90Ms)} ms, `
      + `p99 ${round(h.half.p99Ms)} ms, max ${round(h.half.maxMs)} ms `
      + `(${h.half.samples} samples${h.half.commitTimeouts > 0 ? `, ${h.half.commitTimeouts} timeouts` : ''})`,
    `disk                    ${h.disk.bytesPerAnchor} bytes per anchor compacted (${h.disk.bytesPerAnchorUncompacted} before; `
      + `a signed tx is ${h.disk.txBytes} bytes; ${h.disk.anchors} anchors)`);
  }
  const p = f.inProcess;
  if (p !== undefined) {
    lines.push(`in-process              ${p.max.committedTps} committed/s (accepted ${p.max.acceptedTps}/s${p.max.ranOut ? ', RAN OUT' : ''}), `
      + `${p.max.windowBlocks} blocks of ${p.max.meanTxsPerBlock} txs every ${p.max.meanBlockIntervalMs} ms; `
      + `process ${p.max.processCpuPercent}% of a core, ${p.max.processCpuMsPerAnchor} ms CPU per anchor`,
    `in-process half load    ${p.half.rateTps} txs/s: p50 ${p.half.p50Ms} ms, p90 ${p.half.p90Ms} ms, p99 ${p.half.p99Ms} ms, `
      + `max ${p.half.maxMs} ms (${p.half.samples} samples)`);
  }
  for (const target of t) lines.push(`${target.pass ? 'PASS' : 'FAIL'} ${target.name}: ${target.value} (limit ${target.limit})`);
  if (f.ceiling.otherCpuPercent > 20) lines.push(`WARNING: other processes used ${f.ceiling.otherCpuPercent}% of a core during the ceiling`);
  if (args.quick) lines.push('(--quick: a smoke run, not figures to compare)');
  return lines;
}

async function run(args: Args): Promise<number> {
  const machine: MachineInfo = machineInfo();
  const dir = mkdtempSync(join(tmpdir(), 'tianping-bench-ingest-'));
  if (args.cpuProf !== undefined) mkdirSync(args.cpuProf, { recursive: true });
  let handle: TestnetNodeHandle | undefined;
  const cleanUp = async (): Promise<void> => {
    if (handle !== undefined) await stopAll([handle]);
    if (args.keep) log(`data directories kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  };
  onStopSignals(log, cleanUp);
  try {
    const ceiling = await ceilingPhase(args, dir);
    let http: HttpResult | undefined;
    if (args.phases.includes('http')) http = await httpPhase(args, dir, { register: (h) => (handle = h) });
    const inProcess = args.phases.includes('in-process') ? await inProcessPhase(args, dir) : undefined;
    const figures: Figures = { ceiling, http, inProcess };
    const t = targets(figures);
    process.stdout.write(`${summary(args, figures, t).join('\n')}\n`);
    process.stdout.write(`${JSON.stringify({ bench: 'ingest', machine, quick: args.quick, loadMs: args.loadMs, halfMs: args.halfMs,
      ceilingVerifyPerSec: round(ceiling.verifyPerSec), ceilingOtherCpuPercent: ceiling.otherCpuPercent, http, inProcess, targets: t })}\n`);
    return EXIT_OK;
  } finally {
    await cleanUp();
  }
}

benchMain('bench:ingest', USAGE, parse, run);
