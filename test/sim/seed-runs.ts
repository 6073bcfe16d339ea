// Runs of seeds shared by the simulator's test files: each seed runs once per file, and the
// coverage test reads the results of the seeds the invariant cases already ran.
import { runSimulation, type SimResult } from './simulator.js';

/**
 * Seeds per test case; 240 in all (seeds 1-240) over sim.test.ts and sim-seeds.test.ts, the same on
 * every machine. Broader sweeps run outside the suite: `npm run sim -- --seeds N --start K --jobs J`.
 */
export const SEEDS_PER_CASE = 40;

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
