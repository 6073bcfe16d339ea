// bench:catchup: how fast a node far behind reaches the tip (docs/BENCHMARKS.md): a written chain of
// N anchors, an observer catching up on the quiet chain, validator 4 rejoining from genesis while
// anchors are submitted. USAGE (args.ts) says what is measured; one JSON line last.
import '../../src/polyfills.js';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { dirBytes, machineInfo, round, withCpuProfile } from '../bench-lib.js';
import { benchMain, EXIT_OK, withTestnet } from '../bench-run.js';
import { checkPortsFree, createTestnetFiles, startTestnetNode, type TestnetLayout, type TestnetNode, type TestnetNodeHandle } from '../testnet-lib.js';
import { LEDGER_DIR } from '../../src/node/ledger-open.js';
import { parse, USAGE, type Args } from './args.js';
import { writeChain, type WrittenChain } from './generate.js';
import { heightOf, startLoad, timeCatchUp, type CatchUp } from './phases.js';

const OBSERVER_TARGET_S = 60;
const REJOIN_TARGET_S = 300;
/** A catch-up not done in this many times its target is given up (and reported as missed). */
const GIVE_UP_FACTOR = 3;
const VALIDATOR_START_TIMEOUT_MS = 900_000;

const log = (line: string): void => void process.stderr.write(`${line}\n`);

interface Result {
  readonly chain: WrittenChain;
  readonly ledgerBytes: number;
  /** Validators 1-3 from their start until healthy, on the written ledger. */
  readonly validatorStartSeconds: number;
  readonly observer: CatchUp & { readonly target: number };
  readonly validator: CatchUp & { readonly loadSeconds: number; readonly accepted: number; readonly refused: Record<string, number> };
}

function nodeOf(layout: TestnetLayout, role: 'validator' | 'observer', index: number): TestnetNode {
  return layout.nodes.filter((node) => node.role === role)[index]!;
}

async function phases(args: Args, dir: string, handles: { handles: TestnetNodeHandle[] }): Promise<Result> {
  const layout = createTestnetFiles({ dir: join(dir, 'testnet'), validators: 4, observers: 1, basePort: args.basePort });
  await checkPortsFree(layout);
  log(`writing a chain of ${args.anchors.toLocaleString('en-US')} anchors (${args.perBlock} a block) into validator 1's ledger`);
  const chain = await writeChain(layout, args.anchors, args.perBlock, log);
  const ledgerBytes = dirBytes(join(nodeOf(layout, 'validator', 0).dataDir, LEDGER_DIR));
  const running = [0, 1, 2].map((i) => nodeOf(layout, 'validator', i));
  log(`starting validators 1-3 at height ${chain.height}`);
  const startMs = Date.now();
  for (const node of running) handles.handles.push(startTestnetNode(layout, node.name, { env: args.nodeEnv }));
  // A node re-checks its newest blocks when it opens its ledger (node/ledger-open.ts): with full
  // blocks that takes longer than the testnet's usual minute.
  await Promise.all(handles.handles.map((h) => h.waitHealthy(VALIDATOR_START_TIMEOUT_MS)));
  const validatorStartSeconds = (Date.now() - startMs) / 1000;
  log(`  validators 1-3 healthy after ${validatorStartSeconds.toFixed(1)} s`);
  // The profiled commands for the nodes that catch up only.
  const profiled = withCpuProfile(layout, args.cpuProf);

  const target = Math.max(...(await Promise.all(running.map(async (node) => (await heightOf(node)) ?? 0))));
  log(`observer: catching up to height ${target}`);
  const observer = await timeCatchUp({ layout: profiled, name: nodeOf(layout, 'observer', 0).name, env: args.nodeEnv,
    handles: handles.handles, peers: running, caughtUp: (height) => height >= target, timeoutMs: GIVE_UP_FACTOR * OBSERVER_TARGET_S * 1000, log });
  log(`  observer: ${observer.reached ? 'at' : 'NOT at'} height ${target} after ${observer.seconds.toFixed(1)} s`);

  const timeoutMs = GIVE_UP_FACTOR * REJOIN_TARGET_S * 1000;
  log(`validator 4: catching up from genesis with ${args.loadRate} anchors/s submitted to validators 1-3`);
  const load = startLoad(layout, running, args.loadRate, timeoutMs / 1000 + 30);
  const validator = await timeCatchUp({ layout: profiled, name: nodeOf(layout, 'validator', 3).name, env: args.nodeEnv,
    handles: handles.handles, peers: running,
    // Within one block of the others (they commit a block every few hundred ms under load), and past the written chain.
    caughtUp: (height, peers) => peers !== undefined && height >= chain.height && height >= peers - 1, timeoutMs, log });
  const loadSeconds = await load.stop();
  log(`  validator 4: ${validator.reached ? 'caught up' : 'NOT caught up'} after ${validator.seconds.toFixed(1)} s`
    + ` (load: ${load.counters.accepted} anchors accepted in ${loadSeconds.toFixed(1)} s)`);
  return { chain, ledgerBytes, validatorStartSeconds, observer: { ...observer, target },
    validator: { ...validator, loadSeconds, accepted: load.counters.accepted, refused: load.counters.refused } };
}

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

const perSecond = (count: number, seconds: number): number => (seconds > 0 ? round(count / seconds, 1) : 0);

function report(args: Args, r: Result, unclean: readonly string[]): void {
  const writeAnchorsPerS = perSecond(r.chain.anchors, r.chain.writeMs / 1000);
  const anchorsPerBlock = r.chain.anchors / r.chain.height;
  const observerAnchors = Math.min(r.observer.blocks, r.chain.height) * anchorsPerBlock;
  const observerAnchorsPerS = perSecond(observerAnchors, r.observer.seconds);
  const validatorAnchors = Math.min(r.validator.blocks, r.chain.height) * anchorsPerBlock + r.validator.accepted;
  const figures = {
    bench: 'catchup', commit: gitCommit(), quick: args.quick, machine: machineInfo(),
    chain: { anchors: r.chain.anchors, blocks: r.chain.height, anchorsPerBlock: args.perBlock, ledgerMiB: round(r.ledgerBytes / 2 ** 20, 1),
      signSeconds: round(r.chain.signMs / 1000, 1), writeSeconds: round(r.chain.writeMs / 1000, 1), writeAnchorsPerS,
      validatorStartSeconds: round(r.validatorStartSeconds, 1) },
    observer: { reached: r.observer.reached, height: r.observer.target, seconds: round(r.observer.seconds, 1),
      blocksPerS: perSecond(r.observer.blocks, r.observer.seconds), anchorsPerS: observerAnchorsPerS,
      cpuSeconds: r.observer.cpuSeconds === undefined ? null : round(r.observer.cpuSeconds, 1),
      ratioToWrite: writeAnchorsPerS > 0 ? round(observerAnchorsPerS / writeAnchorsPerS, 2) : null },
    validator: { reached: r.validator.reached, height: r.validator.blocks, seconds: round(r.validator.seconds, 1),
      blocksPerS: perSecond(r.validator.blocks, r.validator.seconds), anchorsPerS: perSecond(validatorAnchors, r.validator.seconds),
      cpuSeconds: r.validator.cpuSeconds === undefined ? null : round(r.validator.cpuSeconds, 1),
      load: { rate: args.loadRate, accepted: r.validator.accepted, acceptedPerS: perSecond(r.validator.accepted, r.validator.loadSeconds),
        refused: r.validator.refused } },
    targets: {
      observerSeconds: { limit: OBSERVER_TARGET_S, value: round(r.observer.seconds, 1), pass: r.observer.reached && r.observer.seconds <= OBSERVER_TARGET_S },
      validatorRejoinSeconds: { limit: REJOIN_TARGET_S, value: round(r.validator.seconds, 1),
        pass: r.validator.reached && r.validator.seconds <= REJOIN_TARGET_S },
    },
    unclean,
  };
  const t = figures.targets;
  log(`observer catch-up: ${figures.observer.seconds} s for ${r.observer.target} blocks (${figures.observer.blocksPerS} blocks/s, `
    + `${figures.observer.anchorsPerS} anchors/s; written in-process at ${writeAnchorsPerS} anchors/s): `
    + `target <= ${t.observerSeconds.limit} s ${t.observerSeconds.pass ? 'met' : 'MISSED'}`);
  log(`validator 4 rejoin under ${figures.validator.load.acceptedPerS} anchors/s: ${figures.validator.seconds} s `
    + `(${figures.validator.blocksPerS} blocks/s): target <= ${t.validatorRejoinSeconds.limit} s ${t.validatorRejoinSeconds.pass ? 'met' : 'MISSED'}`);
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

async function run(args: Args): Promise<number> {
  await withTestnet({ prefix: 'tianping-bench-catchup-', keep: args.keep, log },
    (net) => phases(args, net.dir, net), (result, unclean) => report(args, result, unclean));
  return EXIT_OK;
}

benchMain('bench:catchup', USAGE, parse, run);
