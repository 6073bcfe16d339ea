// The command line of npm run chaos: parsed into plain options here, without side effects, so a
// test can check every rule.
import { parseArgs } from 'node:util';

export const DEFAULT_MINUTES = 3;
export const DEFAULT_RATE_PER_S = 20;
export const DEFAULT_INFLIGHT_MAX = 64;
export const MINUTES_MAX = 24 * 60;
export const RATE_MAX_PER_S = 5_000;
export const INFLIGHT_MAX = 1_024;
export const SEED_MAX = Number.MAX_SAFE_INTEGER;
/** Ports of the chaos testnet: API on base+K, p2p on base+100+K. */
export const DEFAULT_BASE_PORT = 27_000;

export const USAGE = `Usage: npm run chaos -- [--minutes M] [--seed S] [--soak] [--rate R] [--inflight N]
                        [--dir D] [--no-netns] [--keep]

Runs a testnet of 4 validators and 1 observer (each its own process) under a bounded anchor load
and a schedule of faults drawn from the seed, then checks what every node committed.

  --minutes M    length of the run, faults and quiet tail included (default ${DEFAULT_MINUTES})
  --seed S       the seed of the fault schedule and the load (default: drawn and printed)
  --soak         measure capacity first, then load at half of it (or --rate) with faults every few
                 minutes; a resource table every 5 minutes
  --rate R       anchors per second offered (default ${DEFAULT_RATE_PER_S}; in --soak half the capacity)
  --inflight N   at most N requests in flight (default ${DEFAULT_INFLIGHT_MAX})
  --dir D        where the run writes its files (default .chaos/seed-S; an earlier run there is replaced)
  --no-netns     run every node on 127.0.0.1 even as root (partitions by deny lists)
  --keep         keep the nodes' ledgers (and the network namespaces are still removed)
  -h, --help     show this help

Files in D: acks.jsonl, faults.jsonl, heights.jsonl, samples.jsonl, summary.json, testnet/.
`;

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface ChaosOptions {
  readonly minutes: number;
  readonly seed: number;
  /** True when the seed was drawn, not given: printed so the run can be replayed. */
  readonly seedDrawn: boolean;
  readonly soak: boolean;
  /** Anchors offered per second; undefined in a soak without --rate (half the measured capacity). */
  readonly ratePerS: number | undefined;
  readonly inflightMax: number;
  readonly dir: string;
  readonly netns: boolean;
  readonly keep: boolean;
}

/** drawSeed is called only when --seed is absent (the caller passes a clock- or entropy-based one). */
export function parseChaosArgs(argv: readonly string[], drawSeed: () => number): ChaosOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv], allowPositionals: false, strict: true,
      options: {
        minutes: { type: 'string' }, seed: { type: 'string' }, soak: { type: 'boolean' }, rate: { type: 'string' },
        inflight: { type: 'string' }, dir: { type: 'string' }, 'no-netns': { type: 'boolean' }, keep: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
  if (values.help === true) return 'help';
  const minutes = values.minutes === undefined ? DEFAULT_MINUTES : decimal('minutes', values.minutes, 0.5, MINUTES_MAX);
  const seedText = values.seed;
  const seed = seedText === undefined ? drawSeed() : whole('seed', seedText, 0, SEED_MAX);
  const soak = values.soak === true;
  const rate = values.rate === undefined ? undefined : decimal('rate', values.rate, 0.1, RATE_MAX_PER_S);
  const dir = values.dir ?? `.chaos/seed-${seed}`;
  if (dir.trim() === '') throw new UsageError('--dir must not be empty');
  return {
    minutes, seed, seedDrawn: seedText === undefined, soak,
    ratePerS: rate ?? (soak ? undefined : DEFAULT_RATE_PER_S),
    inflightMax: values.inflight === undefined ? DEFAULT_INFLIGHT_MAX : whole('inflight', values.inflight, 1, INFLIGHT_MAX),
    dir, netns: values['no-netns'] !== true, keep: values.keep === true,
  };
}

/** The command that replays a run: the same seed, length and mode. */
export function replayCommand(options: ChaosOptions): string {
  const parts = ['npm run chaos --', `--minutes ${options.minutes}`, `--seed ${options.seed}`];
  if (options.soak) parts.push('--soak');
  if (options.ratePerS !== undefined && (options.soak || options.ratePerS !== DEFAULT_RATE_PER_S)) parts.push(`--rate ${options.ratePerS}`);
  if (options.inflightMax !== DEFAULT_INFLIGHT_MAX) parts.push(`--inflight ${options.inflightMax}`);
  if (!options.netns) parts.push('--no-netns');
  return parts.join(' ');
}

function whole(name: string, text: string, min: number, max: number): number {
  if (!/^[0-9]+$/.test(text)) throw new UsageError(`--${name} must be a whole number, got "${text}"`);
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min || value > max) throw new UsageError(`--${name} must be ${min}..${max}, got ${text}`);
  return value;
}

function decimal(name: string, text: string, min: number, max: number): number {
  if (!/^[0-9]+(\.[0-9]+)?$/.test(text)) throw new UsageError(`--${name} must be a number, got "${text}"`);
  const value = Number(text);
  if (value < min || value > max) throw new UsageError(`--${name} must be ${min}..${max}, got ${text}`);
  return value;
}
