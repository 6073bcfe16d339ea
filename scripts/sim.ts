// Runs the deterministic simulator (production nodes under faults) over many seeds.
//
//   npm run sim -- --seeds N [--start K] [--jobs J]   seeds K .. K+N-1 (K random unless given; it is printed)
//   npm run sim -- --seed S                          one seed, with its scenario and result
//
// With --jobs J the seeds are split into J contiguous ranges, each run by a child process of this
// script, and the summaries merged. Prints progress and every failing seed, and ends with one JSON line:
//   {"seeds":N,"failures":F,"failingSeeds":[...],"simulatedSeconds":X,"wallSeconds":Y,"seedsPerSecond":Z,"jobs":J,"setChanges":{...},"cases":{...}}
// where setChanges counts the seeds that changed the validator set on chain (about half), the
// changes passed, the sets honest nodes ran, the restarts and joins across changes, and the ghost
// votes and forged blocks Byzantine nodes tried (all of them ignored, or the seed fails), and cases
// counts the judgment contracts: the seeds that ran some, the cases created, in default, filed and
// suspended, and the node-heights whose case state was compared with another node's.
// Exits 1 if any seed failed.
import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { optionsFromSeed } from '../test/sim/options.js';
import { runSimulation, type SimResult } from '../test/sim/simulator.js';

interface Args {
  readonly seeds: number;
  readonly start: number;
  readonly single: boolean;
  readonly jobs: number;
}

interface SetChangeTotals {
  seeds: number;
  opsCommitted: number;
  setsInForce: number;
  sparesThatVoted: number;
  restartsAfterChange: number;
  ghostVotes: number;
  forgedCommits: number;
}

interface CaseTotals {
  seeds: number;
  created: number;
  defaults: number;
  filings: number;
  suspensions: number;
  statesCompared: number;
}

interface Summary {
  readonly seeds: number;
  readonly failures: number;
  readonly failingSeeds: number[];
  readonly simulatedSeconds: number;
  readonly wallSeconds: number;
  readonly seedsPerSecond: number;
  readonly jobs: number;
  readonly setChanges: SetChangeTotals;
  readonly cases: CaseTotals;
}

const JOBS_MAX = 64;

function usage(message: string): never {
  process.stderr.write(`${message}\nusage: npm run sim -- --seeds N [--start K] [--jobs J] | --seed S\n`);
  process.exit(2);
}

function parseCount(flag: string, text: string | undefined): number {
  const value = Number(text);
  if (text === undefined || !Number.isSafeInteger(value) || value < 0) usage(`${flag} needs a non-negative integer`);
  return value;
}

function parseArgs(argv: readonly string[]): Args {
  let seeds: number | undefined;
  let start: number | undefined;
  let single: number | undefined;
  let jobs = 1;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--seeds') seeds = parseCount(flag, argv[++i]);
    else if (flag === '--start') start = parseCount(flag, argv[++i]);
    else if (flag === '--seed') single = parseCount(flag, argv[++i]);
    else if (flag === '--jobs') jobs = parseCount(flag, argv[++i]);
    else usage(`unknown argument: ${flag}`);
  }
  if (jobs < 1 || jobs > JOBS_MAX) usage(`--jobs must be 1..${JOBS_MAX}`);
  if (single !== undefined) return { seeds: 1, start: single, single: true, jobs: 1 };
  return { seeds: seeds ?? 100, start: start ?? randomInt(0, 2 ** 31), single: false, jobs };
}

const emptyCaseTotals = (): CaseTotals => ({ seeds: 0, created: 0, defaults: 0, filings: 0, suspensions: 0, statesCompared: 0 });

function addCases(totals: CaseTotals, result: SimResult): void {
  if (result.casesPlanned === 0) return;
  totals.seeds += 1;
  totals.created += result.casesCreated;
  totals.defaults += result.caseDefaults;
  totals.filings += result.caseFilings;
  totals.suspensions += result.caseSuspensions;
  totals.statesCompared += result.caseStatesCompared;
}

const emptyTotals = (): SetChangeTotals => ({
  seeds: 0, opsCommitted: 0, setsInForce: 0, sparesThatVoted: 0, restartsAfterChange: 0, ghostVotes: 0, forgedCommits: 0,
});

async function runRange(args: Args): Promise<Summary> {
  const failingSeeds: number[] = [];
  let simulatedMs = 0;
  const setChanges = emptyTotals();
  const cases = emptyCaseTotals();
  const startedMs = performance.now();
  let lastReportMs = startedMs;
  if (args.single) process.stdout.write(`scenario: ${JSON.stringify({ ...optionsFromSeed(args.start), params: undefined })}\n`);
  else process.stdout.write(`running ${args.seeds} seeds from ${args.start}\n`);
  for (let seed = args.start; seed < args.start + args.seeds; seed++) {
    let result: SimResult | undefined;
    try {
      result = await runSimulation(seed);
      simulatedMs += result.simulatedMs;
      addCases(cases, result);
      if (result.setChangesPlanned > 0) {
        setChanges.seeds += 1;
        setChanges.opsCommitted += result.setChangesCommitted;
        setChanges.setsInForce += result.setsInForce;
        setChanges.sparesThatVoted += result.sparesThatVoted;
        setChanges.restartsAfterChange += result.restartsAfterChange;
        setChanges.ghostVotes += result.ghostVotes;
        setChanges.forgedCommits += result.forgedCommits;
      }
    } catch (error) {
      failingSeeds.push(seed);
      process.stdout.write(`FAIL ${error instanceof Error ? error.message : String(error)}\n`);
    }
    if (args.single && result !== undefined) process.stdout.write(`result: ${JSON.stringify(result)}\n`);
    const nowMs = performance.now();
    if (!args.single && nowMs - lastReportMs > 5000) {
      lastReportMs = nowMs;
      const done = seed - args.start + 1;
      process.stdout.write(`  ${done}/${args.seeds} seeds from ${args.start}, ${failingSeeds.length} failing, `
        + `${((nowMs - startedMs) / 1000).toFixed(1)} s\n`);
    }
  }
  const wallSeconds = (performance.now() - startedMs) / 1000;
  return { seeds: args.seeds, failures: failingSeeds.length, failingSeeds, simulatedSeconds: Math.round(simulatedMs / 1000),
    wallSeconds: Number(wallSeconds.toFixed(2)), seedsPerSecond: Number((args.seeds / wallSeconds).toFixed(2)), jobs: 1, setChanges, cases };
}

/** One child process per range; its last stdout line is its summary, everything before it is passed on. */
function runChild(start: number, seeds: number): Promise<Summary> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, '--seeds', String(seeds), '--start', String(start)],
      { stdio: ['ignore', 'pipe', 'inherit'] });
    let buffered = '';
    let last = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith('{')) last = line;
        else if (!line.startsWith('running ')) process.stdout.write(`${line}\n`);
      }
    });
    child.on('error', reject);
    child.on('close', () => {
      if (buffered.startsWith('{')) last = buffered;
      try {
        resolve(JSON.parse(last) as Summary);
      } catch {
        reject(new Error(`the job for seeds ${start}.. ended without a summary`));
      }
    });
  });
}

async function runJobs(args: Args): Promise<Summary> {
  const startedMs = performance.now();
  process.stdout.write(`running ${args.seeds} seeds from ${args.start} in ${args.jobs} processes\n`);
  const ranges: [number, number][] = [];
  const per = Math.ceil(args.seeds / args.jobs);
  for (let from = args.start; from < args.start + args.seeds; from += per) {
    ranges.push([from, Math.min(per, args.start + args.seeds - from)]);
  }
  const parts = await Promise.all(ranges.map(([from, count]) => runChild(from, count)));
  const setChanges = emptyTotals();
  const cases = emptyCaseTotals();
  for (const part of parts) {
    for (const key of Object.keys(setChanges) as (keyof SetChangeTotals)[]) setChanges[key] += part.setChanges[key];
    for (const key of Object.keys(cases) as (keyof CaseTotals)[]) cases[key] += part.cases[key];
  }
  const wallSeconds = (performance.now() - startedMs) / 1000;
  const failingSeeds = parts.flatMap((part) => part.failingSeeds).sort((a, b) => a - b);
  return { seeds: args.seeds, failures: failingSeeds.length, failingSeeds,
    simulatedSeconds: parts.reduce((sum, part) => sum + part.simulatedSeconds, 0), wallSeconds: Number(wallSeconds.toFixed(2)),
    seedsPerSecond: Number((args.seeds / wallSeconds).toFixed(2)), jobs: ranges.length, setChanges, cases };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const summary = args.jobs > 1 && !args.single ? await runJobs(args) : await runRange(args);
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  process.exitCode = summary.failures > 0 ? 1 : 0;
}

await main();
