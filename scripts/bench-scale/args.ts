// bench:scale's command line.
import { cpuProfOption, nodeEnvOption, parseOptions, UsageError, wholeNumber } from '../bench-run.js';

export const DEFAULT_ANCHORS = 10_000_000;
export const QUICK_ANCHORS = 200_000;
export const DEFAULT_BASE_PORT = 31_100;

export const USAGE = `Usage: npm run bench:scale -- [--quick] [--anchors N] [--checkpoints LIST] [--batch-items K] [--lookups L]
                              [--base-port P] [--node-env TIANPING_X=V] [--cpu-prof DIR] [--keep]

Grows a dev chain (one validator, \`tianping init\`) to N anchors with indexed batches of K random
digests, driving the production node core in this process (NodeCore.submitTx: blocks built,
executed and committed to the LevelDB ledger as \`tianping start --dev\` does). At each checkpoint:
L present and L absent digests looked up one at a time through the node's read path in this
process; the ledger compacted and its bytes per anchor; the node started as its own process on
the directory (restart time = spawn to healthy), the same lookups as GET /v1/evidence/:digest over
HTTP, and the node's RSS after them. Then growth goes on. Prints a summary, the targets (lookup p99
<= 2 ms in-process and <= 5 ms over HTTP at the last checkpoint; RSS at the last checkpoint at most
1.25x the first, and so its anonymous part without LevelDB's mapped table pages) and one JSON line.
A missed target is a result (exit 0).

Options:
  --quick             a smoke run: 200,000 anchors, checkpoints at 100,000 and 200,000, 1,000 lookups
  --anchors N         anchors in all (default 10,000,000; underscores allowed)
  --checkpoints LIST  comma-separated anchor counts to take figures at (default 1,000,000 and N;
                      N/2 and N when N <= 1,000,000); the last must be N
  --batch-items K     items per indexed batch (default 1000; 1..10000)
  --lookups L         present and absent lookups each per checkpoint and path (default 3000; 200 more warm up)
  --base-port P       API port of the node process (default ${DEFAULT_BASE_PORT})
  --node-env X=V      a TIANPING_* setting for the node, in this process and as a process (repeatable)
  --cpu-prof DIR      V8 CPU profiles: the node process's, and this process's in-process lookups
  --keep              keep the data directory and the node's log
  -h, --help          show this help
`;

export interface Args {
  readonly anchors: number;
  readonly checkpoints: readonly number[];
  readonly itemsPerBatch: number;
  readonly lookups: number;
  readonly warmup: number;
  readonly basePort: number;
  readonly nodeEnv: Record<string, string>;
  readonly cpuProf: string | undefined;
  readonly keep: boolean;
  readonly quick: boolean;
}

function defaultCheckpoints(anchors: number): number[] {
  return anchors > 1_000_000 ? [1_000_000, anchors] : [Math.floor(anchors / 2), anchors];
}

export function parse(argv: readonly string[]): Args | 'help' {
  const v = parseOptions(argv, {
    quick: { type: 'boolean' }, anchors: { type: 'string' }, checkpoints: { type: 'string' }, 'batch-items': { type: 'string' },
    lookups: { type: 'string' }, 'base-port': { type: 'string' }, 'node-env': { type: 'string', multiple: true },
    'cpu-prof': { type: 'string' }, keep: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
  });
  if (v.help === true) return 'help';
  const quick = v.quick === true;
  const itemsPerBatch = wholeNumber('batch-items', v['batch-items'], 1_000, 1, 10_000);
  const anchors = wholeNumber('anchors', v.anchors, quick ? QUICK_ANCHORS : DEFAULT_ANCHORS, itemsPerBatch, 1_000_000_000,
    { underscores: true });
  const checkpoints = v.checkpoints === undefined ? defaultCheckpoints(anchors)
    : v.checkpoints.split(',').map((text) => wholeNumber('checkpoints', text.trim(), 0, 1, anchors, { underscores: true }));
  if (checkpoints.at(-1) !== anchors || checkpoints.some((c, i) => i > 0 && c <= checkpoints[i - 1]!)) {
    throw new UsageError(`--checkpoints must rise and end at --anchors (${anchors}), got "${checkpoints.join(',')}"`);
  }
  return {
    anchors, checkpoints, itemsPerBatch, quick,
    lookups: wholeNumber('lookups', v.lookups, quick ? 1_000 : 3_000, 10, 1_000_000),
    warmup: 200,
    basePort: wholeNumber('base-port', v['base-port'], DEFAULT_BASE_PORT, 1024, 65_535),
    nodeEnv: nodeEnvOption(v['node-env']),
    cpuProf: cpuProfOption(v['cpu-prof']),
    keep: v.keep === true,
  };
}
