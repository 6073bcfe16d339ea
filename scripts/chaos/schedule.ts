// The fault schedule of a chaos run, drawn from its seed: a pure function (no clock, no I/O, no
// Math.random), so the same seed, length and fault kinds replay the same faults at the same offsets.
// Faults come one after another, never overlapping: at most one fault is in force at a time, and
// each touches at most a minority of the validators unless the draw asks for a halt (two of four).

export type FaultKind =
  | 'kill' | 'pause' | 'partition' | 'bridge' | 'oneway' | 'skew' | 'diskfull' | 'byzantine' | 'truncate';

export const FAULT_KINDS: readonly FaultKind[] =
  ['kill', 'pause', 'partition', 'bridge', 'oneway', 'skew', 'diskfull', 'byzantine', 'truncate'];

export interface PlannedFault {
  readonly id: number;
  readonly kind: FaultKind;
  /** Offset from the start of the load. */
  readonly atMs: number;
  /** How long the fault stays in force before it is healed. */
  readonly durationMs: number;
  /** The nodes the fault is done to (for partitions: the side that is cut off, or the bridge). */
  readonly nodes: readonly string[];
  /** Kind-specific: groups of a partition, skew seconds, how much of a log is cut. */
  readonly detail: Readonly<Record<string, number | string | readonly string[] | readonly (readonly string[])[]>>;
  /** More than a minority of the validators is faulty: the chain halts until the heal. */
  readonly halts: boolean;
}

export interface ScheduleInput {
  readonly seed: number;
  readonly durationMs: number;
  readonly validators: readonly string[];
  readonly observers: readonly string[];
  /** The kinds this run can inject (depends on root, netns, faketime and the Byzantine peer). */
  readonly kinds: readonly FaultKind[];
  /** Quiet time between a heal and the next fault, [min, max]. */
  readonly gapMs: readonly [number, number];
  /** Fault length, [min, max]. */
  readonly faultMs: readonly [number, number];
  /** No fault before this offset: the chain starts and the load settles. */
  readonly warmupMs: number;
  /** Every fault is healed this long before the end. */
  readonly quietMs: number;
  /** Chance that a kill, pause or partition takes two validators of four (a halt). */
  readonly haltChance: number;
}

export const FAULTS_MAX = 10_000;
const SKEWS_S: readonly number[] = [600, -120, 90, 300];

/** A small seeded PRNG (mulberry32): 32 bits of state, enough to draw a schedule from. */
export class Prng {
  private state: number;

  constructor(seed: number) {
    // Fold a seed up to 2^53 into 32 bits so that seeds above 2^32 still differ.
    this.state = (seed >>> 0) ^ Math.floor(seed / 0x1_0000_0000) ^ 0x9e37_79b9;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b_79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** The faults of one run, in time order. */
export function makeSchedule(input: ScheduleInput): PlannedFault[] {
  checkInput(input);
  const rng = new Prng(input.seed);
  const faults: PlannedFault[] = [];
  const endMs = input.durationMs - input.quietMs;
  let atMs = input.warmupMs;
  while (faults.length < FAULTS_MAX && input.kinds.length > 0) {
    const kind = rng.pick(input.kinds);
    const durationMs = rng.int(input.faultMs[0], input.faultMs[1]);
    if (atMs + durationMs > endMs) break;
    faults.push({ id: faults.length + 1, kind, atMs, durationMs, ...targets(rng, kind, input) });
    atMs += durationMs + rng.int(input.gapMs[0], input.gapMs[1]);
  }
  return faults;
}

type Targets = Pick<PlannedFault, 'nodes' | 'detail' | 'halts'>;

function targets(rng: Prng, kind: FaultKind, input: ScheduleInput): Targets {
  const { validators, observers } = input;
  const all = [...validators, ...observers];
  const minority = Math.floor((validators.length - 1) / 3);
  const halts = minority + 1 < validators.length && (kind === 'kill' || kind === 'pause' || kind === 'partition')
    && rng.chance(input.haltChance);
  switch (kind) {
    case 'kill':
    case 'pause': {
      // Now and then an observer: it is not counted among the faulty validators.
      const pool = !halts && observers.length > 0 && rng.chance(0.2) ? observers : validators;
      const nodes = rng.shuffle(pool).slice(0, halts ? minority + 1 : Math.max(1, minority));
      return { nodes, detail: {}, halts };
    }
    case 'partition': {
      const cut = rng.shuffle(validators).slice(0, halts ? Math.ceil(validators.length / 2) : Math.max(1, minority));
      const side = rng.chance(0.5) ? [...cut, ...observers] : cut;
      const rest = all.filter((name) => !side.includes(name));
      return { nodes: cut, detail: { groups: [side, rest] }, halts };
    }
    case 'bridge': {
      // Two halves that reach each other only through the bridge node.
      const [bridge, ...others] = rng.shuffle(all);
      const half = Math.ceil(others.length / 2);
      return { nodes: [bridge!], detail: { groups: [others.slice(0, half), others.slice(half)] }, halts: false };
    }
    case 'oneway': {
      // The node hears everyone and is heard by no one (its outgoing packets are dropped).
      const node = rng.pick(validators);
      return { nodes: [node], detail: { dropFrom: node, dropTo: all.filter((n) => n !== node) }, halts: false };
    }
    case 'skew':
      return { nodes: [rng.pick(all)], detail: { skewS: rng.pick(SKEWS_S) }, halts: false };
    case 'diskfull':
      return { nodes: [rng.pick(all)], detail: {}, halts: false };
    case 'byzantine':
      return { nodes: [rng.pick(validators)], detail: { byzantineSeed: rng.int(1, 0x7fff_ffff) }, halts: false };
    case 'truncate':
      // Percent of the newest log's bytes that are cut off its end (at least one byte).
      return { nodes: [rng.pick(all)], detail: { cutPercent: rng.int(1, 50) }, halts: false };
  }
}

function checkInput(input: ScheduleInput): void {
  const bad = (what: string): never => {
    throw new RangeError(`schedule: ${what}`);
  };
  if (!Number.isSafeInteger(input.seed) || input.seed < 0) bad(`seed must be a non-negative integer, got ${input.seed}`);
  if (input.validators.length === 0) bad('no validators');
  const [gapMin, gapMax] = input.gapMs;
  const [faultMin, faultMax] = input.faultMs;
  if (!(gapMin > 0 && gapMin <= gapMax)) bad(`gapMs [${gapMin}, ${gapMax}]`);
  if (!(faultMin > 0 && faultMin <= faultMax)) bad(`faultMs [${faultMin}, ${faultMax}]`);
  if (!(input.warmupMs >= 0 && input.quietMs >= 0 && input.durationMs > 0)) bad('negative times');
  if (!(input.haltChance >= 0 && input.haltChance <= 1)) bad(`haltChance ${input.haltChance}`);
}

/** How many validators a fault makes faulty (for the bound "at most a minority"). */
export function faultyValidators(fault: PlannedFault, validators: readonly string[]): number {
  if (fault.kind === 'bridge') return 0;
  return fault.nodes.filter((name) => validators.includes(name)).length;
}
