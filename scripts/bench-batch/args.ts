// The command line of bench:batch: its usage text, options, defaults and the sizes of a full and a
// --quick run.
import { availableParallelism } from 'node:os';
import { cpuProfOption, nodeEnvOption, parseOptions, UsageError, wholeNumber } from '../bench-run.js';
import { DEV_PORT_OFFSET, ITEMS_PER_BATCH, ROOT_ONLY_SAMPLE, VALIDATORS, WARMUP_FRACTION } from './common.js';

/** API ports P..P+3, p2p ports P+100..; the dev node's API on P+50. Away from bench:net (18100) and the testnet (8100). */
const DEFAULT_BASE_PORT = 18_300;

const FULL = { loadSeconds: 30, items: 1_000_000, receiptSeconds: 10, verifyCount: 300, diskItems: 200_000 } as const;
const QUICK = { loadSeconds: 8, items: 50_000, receiptSeconds: 3, verifyCount: 50, diskItems: 20_000 } as const;

// Phase 1.
const DEFAULT_CONNECTIONS = 2;

// Phase 3.
const DEFAULT_RECEIPT_CLIENTS = 16;

export const PHASES = ['load', 'root-only', 'receipts', 'verify', 'disk'] as const;
export type Phase = (typeof PHASES)[number];

export const USAGE = `Usage: npm run bench:batch -- [--quick] [--items N] [--seconds S] [--disk-items N]
                              [--phases LIST] [--threads T] [--connections C] [--clients K]
                              [--base-port P] [--node-env NAME=VALUE]... [--genesis-param NAME=N]...
                              [--cpu-prof DIR] [--keep]

Starts a fresh local testnet of ${VALIDATORS} validators (each its own process, in a temporary directory, on
127.0.0.1), then measures:
  load       committed records/s with signed indexed batches of ${ITEMS_PER_BATCH} items (pre-signed, random
             digests, submitted over C keep-alive connections per validator; read from the blocks)
  root-only  N digests → RFC 6962 tree → one signed root-only AnchorBatch → committed → N receipts
             written to disk (protobuf Receipt, varint-length-delimited, a few files); items/s end to
             end and per stage; ${ROOT_ONLY_SAMPLE} receipts read back and checked with verifyReceipt
  receipts   receipts/s served by GET /v1/evidence/:digest/receipt for items of indexed batches, K
             concurrent clients
  verify     verifyReceipt (noble) ms per receipt, over the receipts served (and the root-only sample)
  disk       on a single dev node (start --dev): bytes per indexed item, ledgers compacted
Prints a summary, pass/fail per target, and one JSON line last. Exits 0 even when a target is
missed; 2 on an error.

Options:
  --quick               a smoke run (load ${QUICK.loadSeconds} s, ${QUICK.items} root-only items, receipts ${QUICK.receiptSeconds} s, ${QUICK.diskItems} disk items)
  --items N             root-only batch size (default ${FULL.items})
  --seconds S           seconds of indexed load (default ${FULL.loadSeconds}; the first ${WARMUP_FRACTION * 100}% are warm-up)
  --disk-items N        items anchored on the dev node (default ${FULL.diskItems}; whole batches of ${ITEMS_PER_BATCH})
  --phases LIST         comma-separated subset of ${PHASES.join(',')} (default all)
  --threads T           threads building the root-only tree and receipts: 1 or 2 (default: 2 if 2+ cores)
  --connections C       connections per validator in the load phase (default ${DEFAULT_CONNECTIONS})
  --clients K           concurrent receipt clients, spread over the validators (default ${DEFAULT_RECEIPT_CLIENTS})
  --base-port P         API ports P.., p2p ports P+100.., dev node P+${DEV_PORT_OFFSET} (default ${DEFAULT_BASE_PORT})
  --node-env NAME=VALUE extra environment of every node, e.g. TIANPING_CONSENSUS_PROPOSE_TXS_MAX=20 (repeatable)
  --genesis-param NAME=N a genesis parameter of the chains made here, e.g. blockTxsMax=20 (repeatable)
  --cpu-prof DIR        write a V8 CPU profile of every validator into DIR (written when the nodes stop)
  --keep                keep the temporary directory (logs, ledgers, receipt files) instead of deleting it
  -h, --help            show this help
`;

export interface Args {
  readonly quick: boolean;
  readonly items: number;
  readonly loadSeconds: number;
  readonly receiptSeconds: number;
  readonly verifyCount: number;
  readonly diskItems: number;
  readonly phases: ReadonlySet<Phase>;
  readonly threads: 1 | 2;
  readonly connections: number;
  readonly clients: number;
  readonly basePort: number;
  readonly nodeEnv: Readonly<Record<string, string>>;
  /** Genesis parameters set on the chains this bench makes (testnet and dev node). */
  readonly genesisParams: Readonly<Record<string, number>>;
  readonly cpuProfDir: string | undefined;
  readonly keep: boolean;
}

export function parse(argv: readonly string[]): Args | 'help' {
  const values = parseOptions(argv, {
    quick: { type: 'boolean' }, items: { type: 'string' }, seconds: { type: 'string' }, 'disk-items': { type: 'string' },
    phases: { type: 'string' }, threads: { type: 'string' }, connections: { type: 'string' }, clients: { type: 'string' },
    'base-port': { type: 'string' }, 'node-env': { type: 'string', multiple: true },
    'genesis-param': { type: 'string', multiple: true }, 'cpu-prof': { type: 'string' },
    keep: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
  });
  if (values.help === true) return 'help';
  const integer = (name: string, text: string | undefined, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number =>
    wholeNumber(name, text, fallback, min, max, { underscores: true });
  const quick = values.quick === true;
  const sizes = quick ? QUICK : FULL;
  const phases = new Set<Phase>();
  for (const name of (values.phases ?? PHASES.join(',')).split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    if (!(PHASES as readonly string[]).includes(name)) throw new UsageError(`--phases: unknown phase "${name}" (known: ${PHASES.join(', ')})`);
    phases.add(name as Phase);
  }
  if (phases.size === 0) throw new UsageError('--phases names no phase');
  const nodeEnv = nodeEnvOption(values['node-env']);
  const genesisParams: Record<string, number> = {};
  for (const item of values['genesis-param'] ?? []) {
    const match = /^([A-Za-z]+)=([0-9]+)$/.exec(item);
    if (match === null) throw new UsageError(`--genesis-param must be NAME=INTEGER (e.g. blockTxsMax=20), got "${item}"`);
    genesisParams[match[1]!] = Number(match[2]);
  }
  const cpuProfDir = cpuProfOption(values['cpu-prof']);
  const diskItems = integer('disk-items', values['disk-items'], sizes.diskItems, ITEMS_PER_BATCH);
  return {
    quick,
    items: integer('items', values.items, sizes.items, 2),
    loadSeconds: integer('seconds', values.seconds, sizes.loadSeconds, 5),
    receiptSeconds: sizes.receiptSeconds,
    verifyCount: sizes.verifyCount,
    diskItems: Math.ceil(diskItems / ITEMS_PER_BATCH) * ITEMS_PER_BATCH,
    phases,
    threads: integer('threads', values.threads, availableParallelism() >= 2 ? 2 : 1, 1, 2) as 1 | 2,
    connections: integer('connections', values.connections, DEFAULT_CONNECTIONS, 1),
    clients: integer('clients', values.clients, DEFAULT_RECEIPT_CLIENTS, 1),
    basePort: integer('base-port', values['base-port'], DEFAULT_BASE_PORT, 1024, 65_000),
    nodeEnv, genesisParams, cpuProfDir, keep: values.keep === true,
  };
}
