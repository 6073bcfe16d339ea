// One seed → one scenario (swarm testing, as TigerBeetle's VOPR does): cluster size, weights, who is
// Byzantine, network faults, crashes, clock skews, the node's block timing and the anchor workload
// are all drawn from the seed, so different seeds stress different corners and any failure replays
// exactly.
//
// About half the seeds also change the validator set on chain through governance (workload.ts):
// spare nodes ask to join and are voted in, members are removed, suspended and reinstated. Those
// draws come after every other draw, so a seed's other faults are the ones it had before set
// changes existed, and beforeSetChanges() gives back that older scenario. Judgment contracts
// (case-plan.ts) are drawn after those, and withoutCases() gives back the scenario without them.
import { DEFAULT_CONSENSUS_PARAMS, type ConsensusParams } from '../../src/consensus/tendermint/index.js';
import { drawCases, type CasePlan } from './case-plan.js';
import { Prng } from './prng.js';

/** A member of a planned set, by simulated node (its key is the node's key). */
export interface Member {
  readonly node: number;
  readonly power: number;
}

/** The governance changes a plan may make; each is a proposal the validators vote through. */
export type SetChangeOp =
  | { readonly kind: 'add'; readonly node: number; readonly power: number }
  | { readonly kind: 'remove'; readonly node: number }
  | { readonly kind: 'suspend'; readonly node: number }
  | { readonly kind: 'reinstate'; readonly node: number };

export interface PlannedChange {
  /** The change is proposed once the chain has reached this height. */
  readonly fromHeight: number;
  readonly op: SetChangeOp;
}

export const POWER_MAX = 10;

/**
 * What the scenario generator tracks to draw only changes the chain accepts: the validators, the
 * suspended ones (reinstated with their power) and the keys retired by removal (never again
 * admitted). The rule the node runs is the state machine's own; this only keeps plans sensible.
 */
export interface PlanState {
  readonly validators: readonly Member[];
  readonly suspended: readonly Member[];
  readonly retired: readonly number[];
}

export function totalPower(members: readonly Member[]): number {
  return members.reduce((sum, member) => sum + member.power, 0);
}

export function applyPlanned(state: PlanState, op: SetChangeOp): PlanState | undefined {
  const { validators, suspended, retired } = state;
  const active = validators.find((m) => m.node === op.node);
  const paused = suspended.find((m) => m.node === op.node);
  const sorted = (members: Member[]): Member[] => members.sort((a, b) => a.node - b.node);
  switch (op.kind) {
    case 'add':
      if (active !== undefined || paused !== undefined || retired.includes(op.node)) return undefined;
      return { ...state, validators: sorted([...validators, { node: op.node, power: op.power }]) };
    case 'remove':
      if (active !== undefined && validators.length === 1) return undefined;
      if (active === undefined && paused === undefined) return undefined;
      return { validators: validators.filter((m) => m.node !== op.node), suspended: suspended.filter((m) => m.node !== op.node),
        retired: [...retired, op.node] };
    case 'suspend':
      if (active === undefined || validators.length === 1) return undefined;
      return { ...state, validators: validators.filter((m) => m.node !== op.node), suspended: [...suspended, active] };
    case 'reinstate':
      if (paused === undefined) return undefined;
      return { ...state, validators: sorted([...validators, paused]), suspended: suspended.filter((m) => m.node !== op.node) };
  }
}

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
  /** Validators of the genesis set: nodes 0 .. nodeCount - 1. */
  readonly nodeCount: number;
  /** Nodes outside the genesis set, nodeCount .. nodeCount + spareCount - 1: keys the plan may add. */
  readonly spareCount: number;
  /** Genesis power of each genesis node. */
  readonly powers: readonly number[];
  /** Genesis nodes only; the plan keeps their power under a third of every set it can put in force. */
  readonly byzantineNodes: readonly number[];
  /** Set-change operations, in the order blocks must carry them (empty: the genesis set throughout). */
  readonly setChanges: readonly PlannedChange[];
  /** When each node first starts (0 for genesis nodes): a spare starts from scratch, at most at the heal. */
  readonly bootAtMs: readonly number[];
  /** Per-mille chance that a Byzantine node equivocates on a message it sends. */
  readonly equivocationPerMille: number;
  readonly params: ConsensusParams;
  /** Per node, spares included. */
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
  /** The node's consensus.blockDelayMs: how long txs gather before a height starts. */
  readonly blockDelayMs: number;
  /** The workload submits one anchor this often (to a random honest node that is up). */
  readonly anchorIntervalMs: number;
  /** The node's consensus.heartbeatIntervalMs: an empty block at least this often. */
  readonly heartbeatIntervalMs: number;
  readonly rebroadcastIntervalMs: number;
  /** Judgment contracts the workload creates, pays, misses, suspends and files (none: a genesis without case keys). */
  readonly cases: readonly CasePlan[];
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

/** Every simulated node, genesis validators and spares. */
export function totalNodes(options: SimOptions): number {
  return options.nodeCount + options.spareCount;
}

/** Byzantine power stays under a third of the set's power (0 if none of them is a member). */
export function byzantineBelowThird(members: readonly Member[], byzantine: readonly number[]): boolean {
  const faulty = members.filter((member) => byzantine.includes(member.node));
  return 3 * totalPower(faulty) < totalPower(members);
}

function drawOp(prng: Prng, plan: PlanState, nodes: number): SetChangeOp {
  const known = (node: number): boolean => plan.validators.some((m) => m.node === node)
    || plan.suspended.some((m) => m.node === node) || plan.retired.includes(node);
  const outside = Array.from({ length: nodes }, (_, node) => node).filter((node) => !known(node));
  const roll = prng.int(10);
  if (outside.length > 0 && (roll < 4 || plan.validators.length === 1)) {
    return { kind: 'add', node: prng.pick(outside), power: prng.range(1, POWER_MAX) };
  }
  if (roll >= 8 && plan.suspended.length > 0) return { kind: 'reinstate', node: prng.pick(plan.suspended).node };
  const member = prng.pick(plan.validators).node;
  return roll < 7 ? { kind: 'remove', node: member } : { kind: 'suspend', node: member };
}

/**
 * The plan: each operation is kept only if the set it leads to keeps at least one validator and
 * the Byzantine power under a third. Changes are proposed one after another in plan order, so the
 * sets in force are among these prefixes, and the bound holds at every height.
 */
function drawSetChanges(prng: Prng, powers: readonly number[], nodes: number, byzantine: readonly number[]): PlannedChange[] {
  let state: PlanState = { validators: powers.map((power, node) => ({ node, power })), suspended: [], retired: [] };
  const fromHeights = Array.from({ length: prng.range(1, 6) }, () => prng.range(1, 8)).sort((a, b) => a - b);
  const plan: PlannedChange[] = [];
  for (const fromHeight of fromHeights) {
    const op = drawOp(prng, state, nodes);
    const next = applyPlanned(state, op);
    if (next === undefined || !byzantineBelowThird(next.validators, byzantine)) continue;
    plan.push({ fromHeight, op });
    state = next;
  }
  return plan;
}

/** Spares may crash too, after they first start. */
function drawSpareCrashes(prng: Prng, nodeCount: number, bootAtMs: readonly number[], healAtMs: number): CrashFault[] {
  const crashes: CrashFault[] = [];
  for (let node = nodeCount; node < bootAtMs.length; node++) {
    const bootMs = bootAtMs[node]!;
    if (!prng.chance(300) || bootMs + 1 > healAtMs - 500) continue;
    const crashAtMs = prng.range(bootMs + 1, healAtMs - 500);
    crashes.push({ node, crashAtMs, restartAtMs: Math.min(healAtMs, crashAtMs + prng.range(50, 8000)) });
  }
  return crashes;
}

/** Adds spares and a set-change plan to a scenario drawn without them (all draws come after its own). */
function withSetChanges(prng: Prng, options: SimOptions): SimOptions {
  const spareCount = prng.range(1, 3);
  const nodes = options.nodeCount + spareCount;
  const { precisionMs } = options.params;
  const clockSkewMs = [...options.clockSkewMs,
    ...Array.from({ length: spareCount }, () => prng.range(-precisionMs / 2, precisionMs / 2))];
  const partitions = options.partitions.map((partition) => ({
    ...partition, sideOfNode: [...partition.sideOfNode, ...Array.from({ length: spareCount }, () => prng.int(3))],
  }));
  const bootAtMs = [...options.bootAtMs,
    ...Array.from({ length: spareCount }, () => (prng.chance(300) ? 0 : prng.range(0, options.healAtMs)))];
  const setChanges = drawSetChanges(prng, options.powers, nodes, options.byzantineNodes);
  const crashes = [...options.crashes, ...drawSpareCrashes(prng, options.nodeCount, bootAtMs, options.healAtMs)];
  return { ...options, spareCount, clockSkewMs, partitions, bootAtMs, setChanges, crashes };
}

/**
 * The same seed's scenario without set changes: genesis nodes only, one set throughout. Seeds recorded
 * before set changes existed keep their faults through it.
 */
export function beforeSetChanges(options: SimOptions): SimOptions {
  const keep = <T>(perNode: readonly T[]): T[] => perNode.slice(0, options.nodeCount);
  return {
    ...options,
    spareCount: 0,
    setChanges: [],
    bootAtMs: keep(options.bootAtMs),
    clockSkewMs: keep(options.clockSkewMs),
    partitions: options.partitions.map((partition) => ({ ...partition, sideOfNode: keep(partition.sideOfNode) })),
    crashes: options.crashes.filter((crash) => crash.node < options.nodeCount),
  };
}

/** The same seed's scenario without judgment contracts: its genesis, blocks and faults as before contracts existed. */
export function withoutCases(options: SimOptions): SimOptions {
  return { ...options, cases: [] };
}

export function optionsFromSeed(seed: number): SimOptions {
  const prng = new Prng(seed);
  const nodeCount = prng.range(4, 7);
  const powers = drawPowers(prng, nodeCount);
  const byzantineNodes = drawByzantine(prng, powers);
  const params = DEFAULT_CONSENSUS_PARAMS;
  const healAtMs = prng.range(2000, 25_000);
  const delayMinMs = prng.range(1, 20);
  const options: SimOptions = {
    seed,
    nodeCount,
    spareCount: 0,
    powers,
    byzantineNodes,
    setChanges: [],
    bootAtMs: new Array<number>(nodeCount).fill(0),
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
    // Three draws once made for the simulated app's build, validate and commit delays; their order
    // is kept so that every seed keeps the faults it was recorded with.
    blockDelayMs: prng.range(0, 200),
    anchorIntervalMs: 50 + prng.range(0, 200),
    heartbeatIntervalMs: prng.range(200, 1000),
    rebroadcastIntervalMs: 1000,
    cases: [],
  };
  const scenario = prng.chance(500) ? withSetChanges(prng, options) : options;
  return { ...scenario, cases: drawCases(prng, healAtMs) };
}
