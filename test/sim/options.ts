// One seed → one scenario (swarm testing, as TigerBeetle's VOPR does): cluster size, weights, who is
// Byzantine, network faults, crashes, clock skews and app latencies are all drawn from the seed, so
// different seeds stress different corners and any failure replays exactly.
import { DEFAULT_CONSENSUS_PARAMS, type ConsensusParams } from '../../src/consensus/tendermint/index.js';
import { Prng } from './prng.js';

export interface PartitionFault {
  readonly startMs: number;
  readonly endMs: number;
  /** Side of each node; messages between different sides are lost. */
  readonly sideOfNode: readonly number[];
  /** Only messages from a lower side to a higher one are lost. */
  readonly oneWay: boolean;
}

export interface CrashFault {
  readonly node: number;
  readonly crashAtMs: number;
  readonly restartAtMs: number;
}

export interface SimOptions {
  readonly seed: number;
  readonly nodeCount: number;
  readonly powers: readonly number[];
  readonly byzantineNodes: readonly number[];
  /** Per-mille chance that a Byzantine node equivocates on a message it sends. */
  readonly equivocationPerMille: number;
  readonly params: ConsensusParams;
  readonly clockSkewMs: readonly number[];
  /** Faults (drops, duplicates, partitions, crashes, long delays) happen before this; none after. */
  readonly healAtMs: number;
  readonly livenessWindowMs: number;
  readonly dropPerMille: number;
  readonly duplicatePerMille: number;
  readonly delayMinMs: number;
  readonly delayMaxMs: number;
  readonly faultDelayMaxMs: number;
  readonly partitions: readonly PartitionFault[];
  readonly crashes: readonly CrashFault[];
  /** Per-mille chance, per effect, that a crashing node dies in the middle of carrying out a step. */
  readonly crashMidStepPerMille: number;
  readonly buildDelayMaxMs: number;
  readonly validateDelayMaxMs: number;
  /** The driver's pause between a commit and the next height (CometBFT's timeout_commit). */
  readonly commitDelayMs: number;
  readonly rebroadcastIntervalMs: number;
}

function drawPowers(prng: Prng, nodeCount: number): number[] {
  if (prng.chance(400)) return new Array<number>(nodeCount).fill(1);
  return Array.from({ length: nodeCount }, () => prng.range(1, 10));
}

/** Up to f Byzantine nodes by count, and always less than 1/3 of the power. */
function drawByzantine(prng: Prng, powers: readonly number[]): number[] {
  const total = powers.reduce((sum, power) => sum + power, 0);
  const faultyMax = Math.floor((powers.length - 1) / 3);
  const chosen = prng.shuffle(powers.map((_, node) => node)).slice(0, prng.range(0, faultyMax));
  while (chosen.length > 0 && 3 * chosen.reduce((sum, node) => sum + powers[node]!, 0) >= total) chosen.pop();
  return chosen.sort((a, b) => a - b);
}

/** Partitions, some long, some flapping (short and many), some one-way: views drift apart. */
function drawPartitions(prng: Prng, nodeCount: number, healAtMs: number): PartitionFault[] {
  const partitions: PartitionFault[] = [];
  const flapping = prng.chance(300);
  const count = flapping ? prng.range(3, 12) : prng.range(0, 3);
  for (let i = 0; i < count; i++) {
    const startMs = prng.range(0, healAtMs - 200);
    const endMs = Math.min(healAtMs, startMs + (flapping ? prng.range(100, 2000) : prng.range(500, 10_000)));
    const sideOfNode = Array.from({ length: nodeCount }, () => prng.int(3));
    partitions.push({ startMs, endMs, sideOfNode, oneWay: prng.chance(300) });
  }
  return partitions;
}

function drawCrashes(prng: Prng, nodeCount: number, byzantine: readonly number[], healAtMs: number): CrashFault[] {
  const honest = Array.from({ length: nodeCount }, (_, node) => node).filter((node) => !byzantine.includes(node));
  const crashes: CrashFault[] = [];
  const count = prng.range(0, 4);
  for (let i = 0; i < count; i++) {
    const node = prng.pick(honest);
    const crashAtMs = prng.range(0, healAtMs - 500);
    const restartAtMs = Math.min(healAtMs, crashAtMs + prng.range(50, 8000));
    const overlaps = crashes.some((crash) => crash.node === node
      && crash.crashAtMs <= restartAtMs && crashAtMs <= crash.restartAtMs);
    if (!overlaps) crashes.push({ node, crashAtMs, restartAtMs });
  }
  return crashes;
}

export function optionsFromSeed(seed: number): SimOptions {
  const prng = new Prng(seed);
  const nodeCount = prng.range(4, 7);
  const powers = drawPowers(prng, nodeCount);
  const byzantineNodes = drawByzantine(prng, powers);
  const params = DEFAULT_CONSENSUS_PARAMS;
  const healAtMs = prng.range(2000, 25_000);
  const delayMinMs = prng.range(1, 20);
  return {
    seed,
    nodeCount,
    powers,
    byzantineNodes,
    equivocationPerMille: prng.range(100, 600),
    params,
    clockSkewMs: Array.from({ length: nodeCount }, () => prng.range(-params.precisionMs / 2, params.precisionMs / 2)),
    healAtMs,
    livenessWindowMs: 60_000,
    dropPerMille: prng.range(0, 300),
    duplicatePerMille: prng.range(0, 100),
    delayMinMs,
    delayMaxMs: prng.range(delayMinMs + 10, 300),
    faultDelayMaxMs: prng.range(300, 3000),
    partitions: drawPartitions(prng, nodeCount, healAtMs),
    crashes: drawCrashes(prng, nodeCount, byzantineNodes, healAtMs),
    crashMidStepPerMille: prng.range(0, 700),
    buildDelayMaxMs: prng.range(0, 200),
    validateDelayMaxMs: prng.range(0, 200),
    commitDelayMs: prng.range(200, 1000),
    rebroadcastIntervalMs: 1000,
  };
}
