// The summary of bench:contracts and its last line, one JSON object of the figures.
import { percentile, round, type MachineInfo } from '../bench-lib.js';
import { fixed, type Args } from './args.js';
import type { SendResult } from './setup.js';
import type { BlockFacts, WindowFigures } from './windows.js';

/** Validator CPU per anchor with contracts falling due, against the same run without: at most this. */
export const CPU_RATIO_MAX = 1.1;
/** Above this share of one core used by other processes in a window, the figures are flagged as disturbed. */
const OTHER_CPU_WARN_PERCENT = 20;

export interface Results {
  readonly args: Args;
  readonly machine: MachineInfo;
  readonly anchors: SendResult;
  readonly creation: SendResult;
  /** CREATED events on chain while the contracts were created: the contracts that exist. */
  readonly created: number;
  readonly windows: readonly WindowFigures[];
  /** Clock events expected in phase 2 (contracts × rounds) and seen by its end. */
  readonly expectedEvents: number;
  readonly seenEvents: number;
  /** Blocks of phase 2 with their event counts (all of them, carry-over included). */
  readonly phase2Blocks: readonly BlockFacts[];
}

const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
const passText = (pass: boolean): string => (pass ? 'PASS' : 'FAIL');

function derive(r: Results) {
  const control = r.windows.filter((w) => w.kind === 'control');
  const contracts = r.windows.filter((w) => w.kind === 'contracts');
  const controlCpu = mean(control.map((w) => w.nodeCpuMsPerAnchor));
  const contractsCpu = mean(contracts.map((w) => w.nodeCpuMsPerAnchor));
  const cpuRatio = contractsCpu / controlCpu;
  const roundRatios = contracts.map((w, i) => w.nodeCpuMsPerAnchor / control[i]!.nodeCpuMsPerAnchor);
  const counts = r.phase2Blocks.map((b) => b.eventCount).filter((n) => n > 0).sort((a, b) => a - b);
  const maxEvents = counts.at(-1) ?? 0;
  const p99Events = counts.length === 0 ? 0 : percentile(counts, 99);
  const controlEvents = control.reduce((a, w) => a + w.clock.events, 0);
  const otherCpu = r.windows.map((w) => w.machineCpuPercent - w.clientCpuPercent - (w.nodeCpuMs * 100) / w.windowMs);
  return {
    controlCpu, contractsCpu, cpuRatio, roundRatios, maxEvents, p99Events, blocksWithEvents: counts.length, controlEvents,
    meanEvents: counts.length === 0 ? 0 : counts.reduce((a, b) => a + b, 0) / counts.length,
    carriedBlocks: Math.max(0, ...contracts.map((w) => w.clock.carriedBlocks)),
    drainBlocks: Math.max(0, ...contracts.map((w) => w.clock.drainBlocks)),
    maxBacklog: Math.max(0, ...contracts.map((w) => w.clock.maxBacklog)),
    lastEntryLagMs: Math.max(...contracts.map((w) => w.clock.lastEntryLagMs)),
    otherCpuPercentMax: Math.max(...otherCpu),
    allProcessed: r.seenEvents === r.expectedEvents,
    targets: {
      eventsPerBlock: { limit: r.args.eventsPerBlockMax, max: maxEvents, p99: p99Events, pass: maxEvents <= r.args.eventsPerBlockMax },
      cpuRatio: { limit: CPU_RATIO_MAX, value: round(cpuRatio, 3), pass: cpuRatio <= CPU_RATIO_MAX },
    },
  };
}

function windowLine(w: WindowFigures): string {
  const clock = w.kind === 'control' ? `clock events ${w.clock.events}`
    : `clock events ${w.clock.events} in ${w.clock.blocksWithEvents} blocks (max ${w.clock.maxEventsPerBlock}, `
      + `p99 ${w.clock.p99EventsPerBlock}, mean ${fixed(w.clock.meanEventsPerBlock)}), carried over by ${w.clock.carriedBlocks} blocks `
      + `(backlog max ${w.clock.maxBacklog}), last entry ${fixed(w.clock.lastEntryLagMs)} ms after the last due time`;
  return `  ${w.kind.padEnd(9)} ${w.round + 1}  ${fixed(w.nodeCpuMsPerAnchor, 3)} ms CPU/anchor in all validators `
    + `(${w.anchorsCommitted} anchors in ${w.blocks} blocks, ${fixed(w.windowMs / 1000, 1)} s, ${fixed((w.nodeCpuMs * 100) / w.windowMs)}% of a core; `
    + `machine ${fixed(w.machineCpuPercent)}%); latency p50 ${fixed(w.p50Ms)} ms, p99 ${fixed(w.p99Ms)} ms; ${clock}`;
}

export function summaryLines(r: Results): string[] {
  const { args, machine } = r;
  const d = derive(r);
  return [
    '',
    `bench:contracts  4 validators, ${machine.cores} cores (${machine.cpuModel}), Node ${machine.nodeVersion}${args.quick ? ', --quick' : ''}`,
    '',
    `  documents anchored      ${r.anchors.accepted} of ${r.anchors.sent} (${fixed((r.anchors.accepted * 1000) / r.anchors.ms)}/s)`,
    `  contracts created       ${r.created} on chain (CREATED events) of ${args.contracts}, sent at ${args.createRate}/s: `
      + `${fixed((r.creation.accepted * 1000) / r.creation.ms)}/s accepted`
      + `${Object.keys(r.creation.refused).length === 0 ? '' : `; refused ${JSON.stringify(r.creation.refused)}`}`,
    `  windows                 ${args.rounds} round(s) of control then contracts, ${args.windowMs / 1000} s each, ${args.gapMs / 1000} s apart, `
      + `anchors at ${args.anchorRate}/s; caseEventsPerBlockMax ${args.eventsPerBlockMax}`,
    ...r.windows.map(windowLine),
    '',
    `  clock per block         max ${d.maxEvents}, p99 ${d.p99Events}, mean ${fixed(d.meanEvents)} events (= entries) over the ${d.blocksWithEvents} blocks with any; `
      + `limit ${args.eventsPerBlockMax}`,
    `  carry-over              at most ${d.carriedBlocks} blocks left due entries for the next; backlog max ${d.maxBacklog} entries; `
      + `${d.drainBlocks} block(s) from the last due time on still processed entries; the last entry ${fixed(d.lastEntryLagMs)} ms after it`,
    `  entries processed       ${r.seenEvents} of ${r.expectedEvents}${d.allProcessed ? '' : ' (NOT ALL)'}; in control windows ${d.controlEvents}`,
    `  CPU per anchor          ${fixed(d.controlCpu, 3)} ms without contracts, ${fixed(d.contractsCpu, 3)} ms with: ratio ${fixed(d.cpuRatio, 3)} `
      + `(per round ${d.roundRatios.map((x) => fixed(x, 3)).join(', ')})`,
    '',
    ...(d.otherCpuPercentMax > OTHER_CPU_WARN_PERCENT ? [`  WARNING: other processes used up to ${fixed(d.otherCpuPercentMax)}% of a core `
      + 'in a window: a busy machine', ''] : []),
    `  target clock events per block <= ${args.eventsPerBlockMax}   ${passText(d.targets.eventsPerBlock.pass)}`,
    `  target CPU per anchor ratio <= ${CPU_RATIO_MAX.toFixed(2)}      ${passText(d.targets.cpuRatio.pass)}`,
    '',
  ];
}

export function jsonLine(r: Results): string {
  const { args, machine } = r;
  const d = derive(r);
  return JSON.stringify({
    bench: 'contracts', validators: 4, quick: args.quick, cores: machine.cores, node: machine.nodeVersion,
    contracts: args.contracts, created: r.created, rounds: args.rounds, windowSeconds: args.windowMs / 1000, gapSeconds: args.gapMs / 1000,
    anchorRate: args.anchorRate, createRate: args.createRate, caseEventsPerBlockMax: args.eventsPerBlockMax,
    anchorsPerSec: round((r.anchors.accepted * 1000) / r.anchors.ms), createdPerSec: round((r.creation.accepted * 1000) / r.creation.ms),
    creationRefused: r.creation.refused,
    windows: r.windows.map((w) => ({ kind: w.kind, round: w.round + 1, anchors: w.anchorsCommitted, blocks: w.blocks,
      nodeCpuMsPerAnchor: round(w.nodeCpuMsPerAnchor, 4), machineCpuPercent: round(w.machineCpuPercent), p50Ms: round(w.p50Ms),
      p99Ms: round(w.p99Ms), clockEvents: w.clock.events, maxEventsPerBlock: w.clock.maxEventsPerBlock,
      p99EventsPerBlock: w.clock.p99EventsPerBlock, carriedBlocks: w.clock.carriedBlocks, maxBacklog: w.clock.maxBacklog,
      lastEntryLagMs: Number.isNaN(w.clock.lastEntryLagMs) ? null : w.clock.lastEntryLagMs, errors: w.errors })),
    maxEventsPerBlock: d.maxEvents, p99EventsPerBlock: d.p99Events, meanEventsPerBlock: round(d.meanEvents),
    blocksWithEvents: d.blocksWithEvents, carriedBlocks: d.carriedBlocks, drainBlocks: d.drainBlocks, maxBacklog: d.maxBacklog,
    lastEntryLagMs: Number.isFinite(d.lastEntryLagMs) ? d.lastEntryLagMs : null,
    entriesExpected: r.expectedEvents, entriesProcessed: r.seenEvents, controlWindowEvents: d.controlEvents,
    controlCpuMsPerAnchor: round(d.controlCpu, 4), contractsCpuMsPerAnchor: round(d.contractsCpu, 4), cpuRatio: round(d.cpuRatio, 3),
    roundCpuRatios: d.roundRatios.map((x) => round(x, 3)), otherCpuPercentMax: round(d.otherCpuPercentMax),
    targets: d.targets,
  });
}
