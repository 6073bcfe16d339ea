// Runs of seeds shared by the simulator's test files: each seed runs once per file, and the
// coverage test reads the results of the seeds the invariant cases already ran.
import { runSimulation, type SimResult } from './simulator.js';

/** Seeds per test case: 240 in all (seeds 1-240) over sim.test.ts and sim-seeds.test.ts. */
const SEEDS_PER_CASE_FULL = 40;

/**
 * Seeds per test case, the same on every machine: SEEDS_PER_CASE_FULL, or fewer where
 * SIM_SEEDS_PER_CASE says so. .ci/run runs the full set on its first Node.js line and a
 * sample of each case's seeds on the others: the simulator is deterministic and runs the same code
 * on every line, so what a second line can find is a runtime API that differs, which a sample
 * reaches as well as the whole set. Broader sweeps run outside the suite:
 * `npm run sim -- --seeds N --start K --jobs J`.
 */
export const SEEDS_PER_CASE = seedsPerCase(process.env['SIM_SEEDS_PER_CASE']);
/** A sample of the seeds (SIM_SEEDS_PER_CASE below the full set): a line that checks the runtime, not the seed plan. */
export const SAMPLE_RUN = SEEDS_PER_CASE < SEEDS_PER_CASE_FULL;

function seedsPerCase(setting: string | undefined): number {
  if (setting === undefined || setting === '') return SEEDS_PER_CASE_FULL;
  const count = Number(setting);
  if (!/^[0-9]+$/.test(setting) || count < 1 || count > SEEDS_PER_CASE_FULL) {
    throw new Error(`SIM_SEEDS_PER_CASE must be a whole number from 1 to ${SEEDS_PER_CASE_FULL}, not "${setting}"`);
  }
  return count;
}

const results = new Map<number, SimResult>();

/** The failures of seeds firstSeed .. firstSeed + count - 1, each a message naming its seed. */
export async function failuresIn(firstSeed: number, count: number): Promise<string[]> {
  const failures: string[] = [];
  for (let seed = firstSeed; seed < firstSeed + count; seed++) {
    try {
      results.set(seed, await runSimulation(seed));
    } catch (error) {
      failures.push(error instanceof Error ? error.message : String(error));
    }
  }
  return failures;
}

/** Results of these seeds, run now where no earlier case ran them (a failing seed throws). */
export async function resultsOf(firstSeed: number, count: number): Promise<SimResult[]> {
  const out: SimResult[] = [];
  for (let seed = firstSeed; seed < firstSeed + count; seed++) {
    let result = results.get(seed);
    if (result === undefined) {
      result = await runSimulation(seed);
      results.set(seed, result);
    }
    out.push(result);
  }
  return out;
}
