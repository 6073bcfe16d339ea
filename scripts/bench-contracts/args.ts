// The command line of bench:contracts: its usage text, options, defaults and the sizes of a full
// and a --quick run.
import { cpuProfOption, nodeEnvOption, parseOptions, wholeNumber } from '../bench-run.js';

/** API ports P..P+3, p2p ports P+100..: away from bench:net (18100), bench:batch (18300) and the testnet (8100). */
const DEFAULT_BASE_PORT = 18_500;
export const VALIDATORS = 4;
/** The per-block limit of the clock's entries set in the bench's genesis (the chain allows 1..10,000). */
const DEFAULT_EVENTS_PER_BLOCK_MAX = 4_000;

const FULL = { contracts: 100_000, rounds: 2, windowSeconds: 30, gapSeconds: 10, anchorRate: 200, createRate: 200 } as const;
const QUICK = { contracts: 2_000, rounds: 1, windowSeconds: 10, gapSeconds: 5, anchorRate: 100, createRate: 250 } as const;
/** Due times fill this share of a contracts window; the rest of it is room for the clock's carry-over. */
export const SPREAD_FRACTION = 0.75;

export const USAGE = `Usage: npm run bench:contracts -- [--quick] [--contracts N] [--rounds R] [--window S] [--gap S]
                                  [--anchor-rate A] [--create-rate C] [--events-max E]
                                  [--base-port P] [--node-env NAME=VALUE]... [--cpu-prof DIR] [--keep]

Starts a fresh local testnet of ${VALIDATORS} validators (each its own process, in a temporary directory, on
127.0.0.1) whose genesis admits a court key and sets caseEventsPerBlockMax = E, then:
  1. anchors N document digests (one AnchorEvidence each, sent in bulk as fast as the chain takes
     them) and creates N judgment contracts on them, signed by the court, at C contracts/s. Contract
     k has R instalments, none paid: instalment r falls due in the r-th contracts window, the N due
     times spread evenly over its first ${SPREAD_FRACTION * 100} %;
  2. runs R rounds of two windows of S seconds each, G seconds apart: a control window, then a
     contracts window, both with anchors sent at A/s (open loop, bulk). In a contracts window every
     contract defaults on one instalment, at most E clock entries per block, the rest carried over.
Reports per window the validators' CPU per committed anchor (from /proc) and, per block, the clock's
events (header event counts: one DEFAULT event per entry here), their max and p99 against E, the
backlog the clock carried over and the blocks it took; then CPU per anchor with contracts against
without, against the limit of 1.10. Prints a summary and one JSON line last. Exits 0 even when a
target is missed; 2 on an error.

Options:
  --quick               a short run (${QUICK.contracts} contracts, ${QUICK.rounds} round of ${QUICK.windowSeconds} s windows, ${QUICK.gapSeconds} s apart, anchors at ${QUICK.anchorRate}/s)
  --contracts N         contracts created (default ${FULL.contracts})
  --rounds R            control/contracts rounds, alternating (default ${FULL.rounds})
  --window S            seconds of each measured window (default ${FULL.windowSeconds})
  --gap S               seconds between windows (default ${FULL.gapSeconds})
  --anchor-rate A       anchors/s sent in every window (default ${FULL.anchorRate})
  --create-rate C       contracts/s sent while creating them (default ${FULL.createRate})
  --events-max E        genesis caseEventsPerBlockMax (default ${DEFAULT_EVENTS_PER_BLOCK_MAX}; 1..10000)
  --base-port P         API ports P.., p2p ports P+100.. (default ${DEFAULT_BASE_PORT})
  --node-env NAME=VALUE extra environment of every node (repeatable)
  --cpu-prof DIR        write a V8 CPU profile of every validator into DIR (written when the nodes stop)
  --keep                keep the testnet directory (logs, ledgers) instead of deleting it
  -h, --help            show this help
`;

export interface Args {
  readonly quick: boolean;
  readonly contracts: number;
  readonly rounds: number;
  readonly windowMs: number;
  readonly gapMs: number;
  readonly anchorRate: number;
  readonly createRate: number;
  readonly eventsPerBlockMax: number;
  readonly basePort: number;
  readonly nodeEnv: Readonly<Record<string, string>>;
  readonly cpuProfDir: string | undefined;
  readonly keep: boolean;
}

export function parse(argv: readonly string[]): Args | 'help' {
  const values = parseOptions(argv, {
    quick: { type: 'boolean' }, contracts: { type: 'string' }, rounds: { type: 'string' }, window: { type: 'string' },
    gap: { type: 'string' }, 'anchor-rate': { type: 'string' }, 'create-rate': { type: 'string' }, 'events-max': { type: 'string' },
    'base-port': { type: 'string' }, 'node-env': { type: 'string', multiple: true }, 'cpu-prof': { type: 'string' },
    keep: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help === true) return 'help';
  const quick = values.quick === true;
  const size = quick ? QUICK : FULL;
  const nodeEnv = nodeEnvOption(values['node-env']);
  return {
    quick,
    contracts: wholeNumber('contracts', values.contracts, size.contracts, 1, 1_000_000),
    // A contract has at most 1,000 instalments (docs/contracts.md §8): one per round.
    rounds: wholeNumber('rounds', values.rounds, size.rounds, 1, 20),
    windowMs: wholeNumber('window', values.window, size.windowSeconds, 4, 3_600) * 1000,
    gapMs: wholeNumber('gap', values.gap, size.gapSeconds, 1, 3_600) * 1000,
    anchorRate: wholeNumber('anchor-rate', values['anchor-rate'], size.anchorRate, 1, 100_000),
    createRate: wholeNumber('create-rate', values['create-rate'], size.createRate, 1, 100_000),
    eventsPerBlockMax: wholeNumber('events-max', values['events-max'], DEFAULT_EVENTS_PER_BLOCK_MAX, 1, 10_000),
    basePort: wholeNumber('base-port', values['base-port'], DEFAULT_BASE_PORT, 1024, 65_000),
    nodeEnv, cpuProfDir: cpuProfOption(values['cpu-prof']), keep: values.keep === true,
  };
}

export const log = (message: string): void => {
  process.stderr.write(`bench:contracts: ${message}\n`);
};

export const fixed = (value: number, digits = 0): string => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
