// bench:scale: lookups by digest, disk, RSS and restart time of one dev node as its ledger grows to
// millions of anchors (docs/BENCHMARKS.md). The chain is grown in this process by the production
// node core; figures are taken at checkpoints (checkpoint.ts), then printed with the targets and
// one JSON line.
import '../../src/polyfills.js';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { machineInfo, round, type MachineInfo } from '../bench-lib.js';
import { benchMain, EXIT_OK, onStopSignals } from '../bench-run.js';
import { compactLedger, initDevNode, startInProcessNode, type InProcessNode } from '../bench-ingest/dev-node.js';
import { checkPortsFree, stopAll, type TestnetNodeHandle } from '../testnet-lib.js';
import { dirBytes } from '../bench-lib.js';
import { parse, USAGE, type Args } from './args.js';
import { checkpoint, type CheckpointFigures } from './checkpoint.js';
import { ChainGrower } from './grow.js';

const TARGET_IN_PROCESS_P99_MS = 2;
const TARGET_HTTP_P99_MS = 5;
/** RSS "does not grow with the ledger": at the last checkpoint at most this times the first. */
const TARGET_RSS_GROWTH_MAX = 1.25;
const SAMPLES_PER_BATCH = 4;

const log = (message: string): void => {
  process.stderr.write(`bench:scale: ${message}\n`);
};
const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

interface Target {
  readonly name: string;
  readonly limit: number;
  readonly value: number;
  readonly pass: boolean;
}

function targets(points: readonly CheckpointFigures[]): Target[] {
  const first = points[0]!;
  const last = points.at(-1)!;
  const worstP99 = (f: CheckpointFigures['http']): number => Math.max(f.present.p99Ms, f.absent.p99Ms);
  const inProcess = worstP99(last.inProcess);
  const http = worstP99(last.http);
  const growth = last.rssAfterLookupsBytes / first.rssAfterLookupsBytes;
  // The same without mapped file pages: LevelDB's tables, read through mmap, stay in RSS as the
  // kernel's page cache (reclaimable) and grow with the ledger whatever the node holds.
  const anonGrowth = last.rssAnonAfterLookupsBytes / first.rssAnonAfterLookupsBytes;
  return [
    { name: 'lookupP99InProcessMs', limit: TARGET_IN_PROCESS_P99_MS, value: inProcess, pass: inProcess <= TARGET_IN_PROCESS_P99_MS },
    { name: 'lookupP99HttpMs', limit: TARGET_HTTP_P99_MS, value: http, pass: http <= TARGET_HTTP_P99_MS },
    { name: 'rssGrowthLastOverFirst', limit: TARGET_RSS_GROWTH_MAX, value: round(growth, 3), pass: growth <= TARGET_RSS_GROWTH_MAX },
    { name: 'rssAnonGrowthLastOverFirst', limit: TARGET_RSS_GROWTH_MAX, value: round(anonGrowth, 3),
      pass: anonGrowth <= TARGET_RSS_GROWTH_MAX },
  ];
}

function printCheckpoint(f: CheckpointFigures): void {
  const line = (what: string, l: CheckpointFigures['http']['present']): string =>
    `    ${what.padEnd(22)} p50 ${l.p50Ms} ms  p90 ${l.p90Ms} ms  p99 ${l.p99Ms} ms  max ${l.maxMs} ms  (${l.count})\n`;
  process.stdout.write(`${f.anchors.toLocaleString('en')} anchors, ${f.batches} batches, height ${f.height}, `
    + `grown at ${Math.round(f.growAnchorsPerSec).toLocaleString('en')} anchors/s\n`
    + line('in-process present', f.inProcess.present) + line('in-process absent', f.inProcess.absent)
    + line('HTTP present', f.http.present) + line('HTTP absent', f.http.absent)
    + `    disk ${mib(f.diskBytes)} compacted (${mib(f.diskBytesUncompacted)} before), ${f.diskBytesPerAnchor.toFixed(1)} bytes/anchor; `
    + `compaction ${(f.compactMs / 1000).toFixed(1)} s\n`
    + `    restart ${(f.restartMs / 1000).toFixed(2)} s to healthy (process), ${(f.inProcessOpenMs / 1000).toFixed(2)} s in-process open; `
    + `RSS ${mib(f.rssAfterHealthyBytes)} healthy, ${mib(f.rssAfterLookupsBytes)} after lookups `
    + `(anonymous ${mib(f.rssAnonAfterLookupsBytes)}, file pages ${mib(f.rssFileAfterLookupsBytes)})`
    + (f.memoryAfterLookups === undefined ? '' : ` (V8 heap ${mib(f.memoryAfterLookups.heapTotalBytes)}, `
      + `${mib(f.memoryAfterLookups.heapUsedBytes)} used; external ${mib(f.memoryAfterLookups.externalBytes)})`) + '\n');
}

function report(args: Args, machine: MachineInfo, points: readonly CheckpointFigures[], baselineBytes: number): void {
  for (const point of points) printCheckpoint(point);
  const t = targets(points);
  for (const target of t) process.stdout.write(`${target.pass ? 'PASS' : 'FAIL'} ${target.name}: ${target.value} (limit ${target.limit})\n`);
  process.stdout.write(`${JSON.stringify({
    bench: 'scale', machine, quick: args.quick, anchors: args.anchors, itemsPerBatch: args.itemsPerBatch, lookups: args.lookups,
    warmupLookups: args.warmup, baselineBytes, checkpoints: points, targets: t,
  })}\n`);
}

async function run(args: Args): Promise<number> {
  const machine = machineInfo();
  const dir = mkdtempSync(join(tmpdir(), 'tianping-bench-scale-'));
  if (args.cpuProf !== undefined) mkdirSync(args.cpuProf, { recursive: true });
  let handle: TestnetNodeHandle | undefined;
  let node: InProcessNode | undefined;
  const cleanUp = async (): Promise<void> => {
    if (handle !== undefined) await stopAll([handle]);
    await node?.close().catch(() => undefined);
    if (args.keep) log(`data directory kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  };
  onStopSignals(log, cleanUp);
  try {
    const files = initDevNode(dir, 'dev', args.basePort);
    await checkPortsFree(files.layout);
    // The baseline: the ledger with only its genesis state, compacted like every checkpoint.
    node = await startInProcessNode(files.node.dataDir, args.nodeEnv);
    await node.close();
    await compactLedger(files.node.dataDir);
    const baselineBytes = dirBytes(files.node.dataDir);
    let growing: InProcessNode | undefined = node = await startInProcessNode(files.node.dataDir, args.nodeEnv);
    const grower = new ChainGrower({ node: growing, submitter: files.submitter, itemsPerBatch: args.itemsPerBatch,
      samplesPerBatch: SAMPLES_PER_BATCH, log });
    const points: CheckpointFigures[] = [];
    for (const [i, target] of args.checkpoints.entries()) {
      if (growing === undefined) break;
      log(`growing to ${target.toLocaleString('en')} anchors`);
      await grower.growBy(target - grower.anchors);
      node = undefined; // checkpoint() closes it
      const done = await checkpoint({ args, files, grower, baselineBytes, log, register: (h) => (handle = h) }, growing,
        i === args.checkpoints.length - 1);
      node = growing = done.node;
      grower.rebind(growing);
      points.push(done.figures);
      // Each checkpoint's figures as soon as they are taken: a later one that fails loses none of them.
      log(`checkpoint figures: ${JSON.stringify(done.figures)}`);
    }
    report(args, machine, points, baselineBytes);
    return EXIT_OK;
  } finally {
    await cleanUp();
  }
}

benchMain('bench:scale', USAGE, parse, run);
