// npm run chaos -- --minutes M --seed S [--soak] [--rate R] [--dir D] [--no-netns] [--keep]:
// a real testnet (4 validators, 1 observer, one process each; in network namespaces when root)
// under a bounded anchor load and a seeded schedule of faults, then the run checker, live and on
// the stopped nodes' ledgers. The summary ends with one JSON line; the exit code is 0 only when
// the checker passed and nothing went wrong that the run could not recover from.
import '../../src/polyfills.js';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createTestnetFiles } from '../testnet-lib.js';
import { checkBoth } from './check-call.js';
import { Cluster } from './cluster.js';
import { detectTools, type Tools } from './tools.js';
import { unmountAll } from './faults-disk.js';
import { JsonlWriter } from './jsonl.js';
import { Load } from './load.js';
import { CHAOS_SLOTS, createNetns, planNetns, removeNetns, type Netns } from './netns.js';
import { Observer } from './observe.js';
import { DEFAULT_BASE_PORT, USAGE, UsageError, parseChaosArgs, replayCommand, type ChaosOptions } from './options.js';
import { nodeFigures, summaryLine } from './report.js';
import { healEverything, measureCapacity, runTimeline } from './run.js';
import { Prng, makeSchedule, type ScheduleInput } from './schedule.js';

const RUN_MARKER = '.tianping-chaos-run';
const EXIT_OK = 0;
const EXIT_FAILED = 1;
const EXIT_ERROR = 2;
const EXIT_INTERRUPTED = 130;

const print = (line: string): void => void process.stdout.write(`${line}\n`);

function prepareRunDir(dir: string): void {
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    if (!existsSync(join(dir, RUN_MARKER))) throw new UsageError(`${dir} is not empty and holds no chaos run; choose another --dir`);
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, RUN_MARKER), 'A chaos run (npm run chaos); the next run in this directory replaces it.\n');
}

function scheduleInput(options: ChaosOptions, tools: Tools, names: { validators: string[]; observers: string[] }): ScheduleInput {
  const durationMs = options.minutes * 60_000;
  return options.soak
    ? { seed: options.seed, durationMs, ...names, kinds: tools.kinds, gapMs: [120_000, 240_000], faultMs: [15_000, 45_000],
      warmupMs: 60_000, quietMs: Math.max(60_000, durationMs * 0.1), haltChance: 0.15 }
    : { seed: options.seed, durationMs, ...names, kinds: tools.kinds, gapMs: [6_000, 12_000], faultMs: [6_000, 15_000],
      warmupMs: 10_000, quietMs: Math.max(25_000, durationMs * 0.15), haltChance: 0.15 };
}

interface Resources {
  net?: Netns;
  cluster?: Cluster;
  load?: Load;
  observer?: Observer;
}

async function cleanup(r: Resources, keep: boolean, testnetDir: string | undefined): Promise<void> {
  r.observer?.stop();
  await r.cluster?.stopAll().catch(() => undefined);
  unmountAll();
  if (r.net !== undefined) removeNetns(r.net);
  if (!keep && testnetDir !== undefined && existsSync(testnetDir)) {
    // The ledgers are the bulk; node logs, configs and the run's files stay for a post-mortem.
    for (const node of readdirSync(testnetDir, { withFileTypes: true }).filter((e) => e.isDirectory())) {
      for (const entry of readdirSync(join(testnetDir, node.name))) {
        if (entry === 'ledger' || entry.startsWith('damaged-')) rmSync(join(testnetDir, node.name, entry), { recursive: true, force: true });
      }
    }
  }
}

async function run(options: ChaosOptions, r: Resources, aborted: () => boolean): Promise<number> {
  const runDir = resolve(options.dir);
  prepareRunDir(runDir);
  const tools = detectTools(options, print);
  if (options.netns && tools.netns) {
    r.net = planNetns(options.seed % CHAOS_SLOTS, 5);
    createNetns(r.net);
  }
  const layout = createTestnetFiles({ dir: join(runDir, 'testnet'), validators: 4, observers: 1, basePort: DEFAULT_BASE_PORT,
    chainId: 'tianping-chaos', ...(r.net === undefined ? {} : { hosts: r.net.nodes.map((n) => n.address) }) });
  const names = { validators: layout.nodes.filter((n) => n.role === 'validator').map((n) => n.name),
    observers: layout.nodes.filter((n) => n.role === 'observer').map((n) => n.name) };
  const schedule = makeSchedule(scheduleInput(options, tools, names));
  const input = scheduleInput(options, tools, names);
  print(`chaos: seed ${options.seed}, ${options.minutes} min, ${r.net === undefined ? 'loopback (deny lists)' : `network namespaces on ${r.net.hostAddress}/24`}, `
    + `${schedule.length} faults (${schedule.map((f) => f.kind).join(' ')}); files in ${runDir}`);
  print(`chaos: replay with: ${replayCommand(options)}`);
  writeFileSync(join(runDir, 'schedule.json'), JSON.stringify({ input, schedule }, null, 2) + '\n');
  const files = { acks: new JsonlWriter(join(runDir, 'acks.jsonl')), faults: new JsonlWriter(join(runDir, 'faults.jsonl')),
    heights: new JsonlWriter(join(runDir, 'heights.jsonl')), samples: new JsonlWriter(join(runDir, 'samples.jsonl')) };
  const runFailures: string[] = [];
  const cluster = r.cluster = new Cluster({ layout, net: r.net, faketimeLib: tools.faketimeLib, env: tools.nodeEnv(options),
    onUnexpectedExit: (name, how, tail) => {
      runFailures.push(`${name} exited unexpectedly (${how})`);
      print(`chaos: ${name} exited unexpectedly (${how}); last lines of its log:\n${tail}`);
    } });
  await Promise.all(cluster.names.map((name) => cluster.start(name)));
  const rng = new Prng(options.seed ^ 0x5eed);
  const load = r.load = new Load({ layout, seed: options.seed, inflightMax: options.inflightMax, upNodes: () => cluster.upNames(),
    acks: files.acks, random: () => rng.next() });
  const observer = r.observer = new Observer({ layout, heights: files.heights, samples: files.samples,
    pidOf: (name) => (cluster.handle(name)?.running() === true ? cluster.handle(name)!.pid : undefined),
    isUp: (name) => cluster.isUp(name), acked: () => load.stats.acked });
  observer.start();
  const ctx = { cluster, observer, load, faultsFile: files.faults, runDir, print, aborted,
    env: { cluster, observer, net: r.net, runDir, log: (line: string) => print(`chaos: ${line}`) } };
  const capacityPerS = options.soak ? await measureCapacity(ctx, options.inflightMax) : null;
  const ratePerS = options.ratePerS ?? Math.max(1, Math.round((capacityPerS ?? 0) / 2));
  print(`chaos: load ${ratePerS} anchors/s, at most ${options.inflightMax} in flight`);
  load.setRate(ratePerS);
  const timeline = await runTimeline(ctx, schedule, input.durationMs, input.durationMs - input.quietMs, options.soak);
  if (aborted()) return EXIT_INTERRUPTED;
  await load.stop();
  runFailures.push(...timeline.failures, ...(await healEverything(ctx)));
  observer.stop();
  await Promise.all(Object.values(files).map((file) => file.close()));
  const byzantineNodeIds = [...new Set(timeline.byzantineNodes)].map((name) => layout.nodes.find((n) => n.name === name)!.nodeId);
  const checks = await checkBoth({ dir: runDir, layout, byzantineNodeIds }, () => cluster.stopAll(), print);
  const summary = summaryLine({ seed: options.seed, minutes: options.minutes, mode: r.net === undefined ? 'loopback' : 'netns',
    soak: options.soak, capacityPerS: capacityPerS === null ? null : Math.round(capacityPerS * 10) / 10, ratePerS,
    offered: load.stats.offered, shed: load.stats.shed, acked: load.stats.acked, errors: load.stats.errors,
    latenciesMs: load.stats.latenciesMs, faultsByKind: timeline.faultsByKind, skipped: [...tools.notes, ...timeline.skipped],
    recoveriesMs: timeline.recoveriesMs, checks, runFailures, nodes: nodeFigures(observer.allSamples, load.stats.acked) });
  for (const failure of runFailures) print(`FAILED: ${failure}`);
  writeFileSync(join(runDir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  if (summary['ok'] !== true) print(`chaos: FAILED; replay with: ${replayCommand(options)}`);
  print(JSON.stringify(summary));
  return summary['ok'] === true ? EXIT_OK : EXIT_FAILED;
}

async function main(argv: readonly string[]): Promise<number> {
  const options = parseChaosArgs(argv, () => Date.now() % 1_000_000);
  if (options === 'help') {
    process.stdout.write(USAGE);
    return EXIT_OK;
  }
  if (options.seedDrawn) print(`chaos: no --seed given; drew seed ${options.seed}`);
  const resources: Resources = {};
  let interrupted = false;
  const testnetDir = join(resolve(options.dir), 'testnet');
  const onSignal = (signal: NodeJS.Signals): void => {
    if (interrupted) return;
    interrupted = true;
    print(`chaos: ${signal}: stopping the nodes and removing what the run set up (seed ${options.seed})`);
    void cleanup(resources, true, undefined).finally(() => process.exit(EXIT_INTERRUPTED));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await run(options, resources, () => interrupted);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    print(`chaos: unrecoverable error: ${(error as Error).stack ?? String(error)}`);
    print(`chaos: FAILED; replay with: ${replayCommand(options)}`);
    return EXIT_ERROR;
  } finally {
    if (!interrupted) await cleanup(resources, options.keep, testnetDir);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`chaos: ${message}${error instanceof UsageError ? ' (see "npm run chaos -- --help")' : ''}\n`);
    process.exit(EXIT_ERROR);
  },
);
