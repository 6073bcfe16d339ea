import { describe, expect, it } from 'vitest';
import { FAULT_KINDS, Prng, faultyValidators, makeSchedule, type ScheduleInput } from '../../scripts/chaos/schedule.js';

const VALIDATORS = ['node0', 'node1', 'node2', 'node3'];
const OBSERVERS = ['observer0'];

const input = (over: Partial<ScheduleInput> = {}): ScheduleInput => ({
  seed: 1, durationMs: 30 * 60_000, validators: VALIDATORS, observers: OBSERVERS, kinds: [...FAULT_KINDS],
  gapMs: [6_000, 12_000], faultMs: [6_000, 15_000], warmupMs: 10_000, quietMs: 60_000, haltChance: 0.15, ...over,
});

describe('Prng', () => {
  it('replays the same numbers from the same seed and differs across seeds', () => {
    const draw = (seed: number): number[] => {
      const rng = new Prng(seed);
      return Array.from({ length: 20 }, () => rng.next());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    // Seeds that differ only above 2^32 still differ.
    expect(draw(5)).not.toEqual(draw(5 + 2 ** 32));
    for (const value of draw(7)) expect(value >= 0 && value < 1).toBe(true);
  });

  it('int() stays within its bounds and reaches both ends', () => {
    const rng = new Prng(9);
    const seen = new Set(Array.from({ length: 2_000 }, () => rng.int(3, 7)));
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });
});

describe('makeSchedule', () => {
  it('is a function of its input: the same seed gives the same schedule, another seed another', () => {
    expect(makeSchedule(input())).toEqual(makeSchedule(input()));
    expect(makeSchedule(input({ seed: 2 }))).not.toEqual(makeSchedule(input()));
  });

  it('keeps faults apart, after the warm-up, healed before the quiet tail, within their lengths', () => {
    for (let seed = 0; seed < 200; seed++) {
      const given = input({ seed });
      const faults = makeSchedule(given);
      expect(faults.length).toBeGreaterThan(0);
      let previousEndMs = 0;
      faults.forEach((fault, index) => {
        expect(fault.id).toBe(index + 1);
        expect(fault.atMs).toBeGreaterThanOrEqual(Math.max(given.warmupMs, previousEndMs + given.gapMs[0]));
        expect(fault.durationMs).toBeGreaterThanOrEqual(given.faultMs[0]);
        expect(fault.durationMs).toBeLessThanOrEqual(given.faultMs[1]);
        expect(fault.atMs + fault.durationMs).toBeLessThanOrEqual(given.durationMs - given.quietMs);
        previousEndMs = fault.atMs + fault.durationMs;
      });
    }
  });

  it('makes at most one validator of four faulty, except the faults drawn to halt, which take two', () => {
    let halts = 0;
    for (let seed = 0; seed < 300; seed++) {
      for (const fault of makeSchedule(input({ seed }))) {
        const faulty = faultyValidators(fault, VALIDATORS);
        if (fault.halts) {
          halts++;
          expect(['kill', 'pause', 'partition']).toContain(fault.kind);
          expect(faulty).toBe(2);
        } else {
          expect(faulty).toBeLessThanOrEqual(1);
        }
        for (const name of fault.nodes) expect([...VALIDATORS, ...OBSERVERS]).toContain(name);
        if (fault.kind === 'byzantine' || fault.kind === 'oneway') expect(VALIDATORS).toContain(fault.nodes[0]);
      }
    }
    expect(halts).toBeGreaterThan(0);
  });

  it('splits partitions into two disjoint groups of all nodes, and bridges around one node in neither', () => {
    for (let seed = 0; seed < 100; seed++) {
      for (const fault of makeSchedule(input({ seed, kinds: ['partition', 'bridge'] }))) {
        const groups = fault.detail['groups'] as string[][];
        const flat = groups.flat();
        expect(new Set(flat).size).toBe(flat.length);
        if (fault.kind === 'partition') expect(flat.sort()).toEqual([...VALIDATORS, ...OBSERVERS].sort());
        else expect(flat).not.toContain(fault.nodes[0]);
      }
    }
  });

  it('draws only the kinds it is given, and nothing when given none', () => {
    const kinds = new Set(makeSchedule(input({ kinds: ['kill', 'skew'] })).map((f) => f.kind));
    expect([...kinds].sort()).toEqual(['kill', 'skew']);
    expect(makeSchedule(input({ kinds: [] }))).toEqual([]);
  });

  it('refuses inputs that cannot make a schedule', () => {
    expect(() => makeSchedule(input({ seed: -1 }))).toThrow(/seed/);
    expect(() => makeSchedule(input({ gapMs: [0, 5] }))).toThrow(/gapMs/);
    expect(() => makeSchedule(input({ faultMs: [9, 8] }))).toThrow(/faultMs/);
    expect(() => makeSchedule(input({ validators: [] }))).toThrow(/validators/);
    expect(() => makeSchedule(input({ haltChance: 2 }))).toThrow(/haltChance/);
  });
});
