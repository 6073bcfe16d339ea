// Runs the deterministic consensus simulator over many seeds.
//
//   npm run sim -- --seeds N [--start K]   seeds K .. K+N-1 (K random unless given; it is printed)
//   npm run sim -- --seed S                one seed, with its scenario and result
//
// Prints progress and every failing seed, and ends with one JSON line:
//   {"seeds":N,"failures":F,"failingSeeds":[...],"simulatedSeconds":X,"wallSeconds":Y,"setChanges":{...}}
// where setChanges counts the seeds that changed the validator set on chain (about half), the
// operations committed, the sets in force, the restarts and joins across changes, and the ghost
// votes and forged catch-up certificates Byzantine nodes tried (all of them ignored, or the seed fails).
// Exits 1 if any seed failed.
import { randomInt } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { optionsFromSeed } from '../test/sim/options.js';
import { runSimulation, type SimResult } from '../test/sim/simulator.js';

interface Args {
  readonly seeds: number;
  readonly start: number;
  readonly single: boolean;
}

function usage(message: string): never {
  process.stderr.write(`${message}\nusage: npm run sim -- --seeds N [--start K] | --seed S\n`);
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
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--seeds') seeds = parseCount(flag, argv[++i]);
    else if (flag === '--start') start = parseCount(flag, argv[++i]);
    else if (flag === '--seed') single = parseCount(flag, argv[++i]);
    else usage(`unknown argument: ${flag}`);
  }
  if (single !== undefined) return { seeds: 1, start: single, single: true };
  return { seeds: seeds ?? 100, start: start ?? randomInt(0, 2 ** 31), single: false };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const failingSeeds: number[] = [];
  let simulatedMs = 0;
  const setChanges = {
    seeds: 0, opsCommitted: 0, setsInForce: 0, sparesThatVoted: 0, restartsAfterChange: 0, ghostVotes: 0, forgedCommits: 0,
  };
  const startedMs = performance.now();
  let lastReportMs = startedMs;
  if (args.single) process.stdout.write(`scenario: ${JSON.stringify({ ...optionsFromSeed(args.start), params: undefined })}\n`);
  else process.stdout.write(`running ${args.seeds} seeds from ${args.start}\n`);
  for (let seed = args.start; seed < args.start + args.seeds; seed++) {
    let result: SimResult | undefined;
    try {
      result = await runSimulation(seed);
      simulatedMs += result.simulatedMs;
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
    if (!args.single && nowMs - lastReportMs > 2000) {
      lastReportMs = nowMs;
      const done = seed - args.start + 1;
      process.stdout.write(`  ${done}/${args.seeds} seeds, ${failingSeeds.length} failing, ${((nowMs - startedMs) / 1000).toFixed(1)} s\n`);
    }
  }
  const summary = {
    seeds: args.seeds,
    failures: failingSeeds.length,
    failingSeeds,
    simulatedSeconds: Math.round(simulatedMs / 1000),
    wallSeconds: Number(((performance.now() - startedMs) / 1000).toFixed(2)),
    setChanges,
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  process.exitCode = failingSeeds.length > 0 ? 1 : 0;
}

await main();
