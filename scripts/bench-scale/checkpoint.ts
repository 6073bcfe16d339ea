// One checkpoint of bench:scale: the lookups in this process (the node core still running), then
// the ledger closed and compacted (bytes per anchor), then the node as its own process on the same
// directory: time to healthy, the lookups over HTTP, its RSS. The in-process node is opened again
// afterwards, timed, so growth can go on.
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { dirBytes, getJson, withCpuProfile } from '../bench-lib.js';
import { compactLedger, startInProcessNode, type DevNodeFiles, type InProcessNode } from '../bench-ingest/dev-node.js';
import { startTestnetNode, stopAll, type TestnetNodeHandle } from '../testnet-lib.js';
import type { Args } from './args.js';
import type { ChainGrower } from './grow.js';
import { lookupHttp, lookupInProcess, probes, type LookupFigures } from './lookups.js';

/**
 * How long the restarted node may take to answer healthy: its start reads every item key of the
 * newest blocks (the ledger self-check), ~2,000,000 point reads with blocks of 30 batches of 1,000,
 * which took over a minute at 10,000,000 anchors on a busy machine. A slow restart is a figure.
 */
const RESTART_TIMEOUT_MS = 15 * 60_000;

export interface CheckpointFigures {
  readonly anchors: number;
  readonly batches: number;
  readonly height: number;
  /** Anchors committed per second while growing (signing excluded), over the whole growth so far. */
  readonly growAnchorsPerSec: number;
  readonly inProcess: LookupFigures;
  readonly http: LookupFigures;
  readonly diskBytes: number;
  readonly diskBytesUncompacted: number;
  /** (compacted data directory − the compacted directory before the first anchor) ÷ anchors. */
  readonly diskBytesPerAnchor: number;
  readonly compactMs: number;
  /** Spawn of `tianping start --dev` to /healthz answering 200 (tsx compiling the sources included). */
  readonly restartMs: number;
  /** Opening the ledger and starting the node core in this process (openLedger's self-check included). */
  readonly inProcessOpenMs: number;
  readonly rssAfterHealthyBytes: number;
  readonly rssAfterLookupsBytes: number;
  /** Of the RSS after the lookups: anonymous memory, and mapped file pages (LevelDB's tables). */
  readonly rssAnonAfterLookupsBytes: number;
  readonly rssFileAfterLookupsBytes: number;
  /** The node's own account of its memory (GET /v1/status): what of the RSS is V8's heap, and what is native. */
  readonly memoryAfterHealthy: NodeMemory | undefined;
  readonly memoryAfterLookups: NodeMemory | undefined;
}

export interface NodeMemory {
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
  readonly heapTotalBytes: number;
  readonly externalBytes: number;
  readonly arrayBuffersBytes: number;
}

const nodeMemory = (apiUrl: string): Promise<NodeMemory | undefined> =>
  getJson<{ process?: NodeMemory }>(`${apiUrl}/v1/status`).then((status) => status.process, () => undefined);

/**
 * RSS of a process in bytes (Linux /proc/PID/status), and its parts: anonymous memory (heaps,
 * malloc) and file pages (LevelDB reads its table files through mmap, so every page of them a read
 * touched counts in RSS until the kernel reclaims it). NaN where unavailable.
 */
export function rssOf(pid: number): { rssBytes: number; anonBytes: number; fileBytes: number } {
  let status = '';
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    // NaN below
  }
  const field = (name: string): number => {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB$`, 'm').exec(status);
    return match === null ? Number.NaN : Number(match[1]) * 1024;
  };
  return { rssBytes: field('VmRSS'), anonBytes: field('RssAnon'), fileBytes: field('RssFile') };
}

/** The in-process lookups, under a V8 CPU profile written to DIR when --cpu-prof DIR is given. */
async function profiledInProcess(args: Args, node: InProcessNode, list: ReturnType<typeof probes>, anchors: number): Promise<LookupFigures> {
  if (args.cpuProf === undefined) return lookupInProcess(node.core, list, args.warmup);
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await lookupInProcess(node.core, list, args.warmup);
  } finally {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(join(args.cpuProf, `in-process-lookups-${anchors}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}

export interface CheckpointRun {
  readonly args: Args;
  readonly files: DevNodeFiles;
  readonly grower: ChainGrower;
  readonly baselineBytes: number;
  readonly register: (handle: TestnetNodeHandle | undefined) => void;
  readonly log: (message: string) => void;
}

/** Figures at this size; `node` is closed here, and the node returned is the one to grow on (undefined after the last). */
export async function checkpoint(run: CheckpointRun, node: InProcessNode, last: boolean):
  Promise<{ figures: CheckpointFigures; node: InProcessNode | undefined }> {
  const { args, files, grower, log } = run;
  const anchors = grower.anchors;
  const height = node.ledger.tip.height;
  const list = probes(grower.samples, args.lookups + args.warmup / 2);
  log(`checkpoint ${anchors.toLocaleString('en')} anchors (height ${height}): ${list.length} lookups in this process`);
  const inProcess = await profiledInProcess(args, node, list, anchors);
  await node.close();

  const dataDir = files.node.dataDir;
  const diskBytesUncompacted = dirBytes(dataDir);
  const compactStartMs = performance.now();
  await compactLedger(dataDir);
  const compactMs = performance.now() - compactStartMs;
  const diskBytes = dirBytes(dataDir);

  log('  the node as its own process: restart, lookups over HTTP');
  const layout = withCpuProfile(files.layout, args.cpuProf);
  const spawnMs = performance.now();
  const handle = startTestnetNode(layout, files.node.name, { env: args.nodeEnv });
  run.register(handle);
  let http: LookupFigures;
  let restartMs: number;
  let rssAfterHealthyBytes: number;
  let rssAfterLookups: ReturnType<typeof rssOf>;
  let memoryAfterHealthy: NodeMemory | undefined;
  let memoryAfterLookups: NodeMemory | undefined;
  try {
    await handle.waitHealthy(RESTART_TIMEOUT_MS);
    restartMs = performance.now() - spawnMs;
    rssAfterHealthyBytes = rssOf(handle.pid).rssBytes;
    memoryAfterHealthy = await nodeMemory(files.node.apiUrl);
    http = await lookupHttp(files.node.apiUrl, list, args.warmup);
    rssAfterLookups = rssOf(handle.pid);
    memoryAfterLookups = await nodeMemory(files.node.apiUrl);
  } finally {
    await stopAll([handle]);
    run.register(undefined);
  }
  const exit = await handle.exited;
  if (exit.code !== 0) log(`  the node process did not stop cleanly (${exit.signal ?? `code ${exit.code}`}); its log: ${files.node.logFile}`);

  const openStartMs = performance.now();
  let next: InProcessNode | undefined = await startInProcessNode(dataDir, args.nodeEnv);
  const inProcessOpenMs = performance.now() - openStartMs;
  if (last) {
    await next.close();
    next = undefined;
  }
  return {
    node: next,
    figures: {
      anchors, batches: grower.batches, height, growAnchorsPerSec: (anchors * 1000) / Math.max(1, grower.growMs - grower.signMs),
      inProcess, http, diskBytes, diskBytesUncompacted, diskBytesPerAnchor: (diskBytes - run.baselineBytes) / anchors, compactMs,
      restartMs, inProcessOpenMs, rssAfterHealthyBytes, rssAfterLookupsBytes: rssAfterLookups.rssBytes,
      rssAnonAfterLookupsBytes: rssAfterLookups.anonBytes, rssFileAfterLookupsBytes: rssAfterLookups.fileBytes,
      memoryAfterHealthy, memoryAfterLookups,
    },
  };
}
