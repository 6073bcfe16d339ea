// bench:ingest's command line.
import { SUBMIT_MODES, type SubmitMode } from '../bench-net-submit.js';
import { cpuProfOption, nodeEnvOption, parseOptions, UsageError, wholeNumber } from '../bench-run.js';

export const DEFAULT_BASE_PORT = 31_000;
export const PHASES = ['http', 'in-process'] as const;
export type Phase = (typeof PHASES)[number];

export const USAGE = `Usage: npm run bench:ingest -- [--quick] [--seconds S] [--half-seconds H] [--phases LIST]
                               [--submit bulk|single] [--bulk-size K] [--connections C] [--backlog N]
                               [--base-port P] [--node-env TIANPING_X=V] [--cpu-prof DIR] [--keep]

Single-node ingest of single-signature AnchorEvidence txs on a dev chain (one validator, as
\`tianping start --dev\`). First the verifier ceiling: NodeVerifier on one worker thread per core
for 4 s before any node runs (one validator verifies every tx once, so the ceiling is the
machine's whole verification rate). Then:
  http        the dev node as its own process; pre-signed txs posted for S s as fast as it takes them
              (bulk: POST /v1/txs/bulk, K txs a request as a protobuf TxBatch; single: POST /v1/txs),
              then H s of open-loop half load with every K-th tx a POST /v1/txs?wait=commit latency
              sample; then the ledger compacted: bytes on disk per committed anchor.
  in-process  the production node core in this process (no HTTP): txs handed to NodeCore.submitTx for
              S s, then H s of half load with waitForCommit samples.
Committed anchors/s = txs of the blocks timed within the load without its first 20 %, over that
window. Prints a summary, the targets (committed/s >= 60 % of the ceiling, through HTTP and in-process;
<= 300 bytes per anchor) and one JSON line. A missed target is a result (exit 0).

Options:
  --quick             a smoke run: 8 s of load, 6 s of half load, a 2 s ceiling
  --seconds S         maximum-load duration (default 20)
  --half-seconds H    half-load duration (default 15; the first 2 s warm up)
  --phases LIST       any of ${PHASES.join(',')} (default both)
  --submit MODE       ${SUBMIT_MODES.join(' or ')} for the HTTP maximum load (default bulk)
  --bulk-size K       txs per bulk request (default 128; 1..1024)
  --connections C     keep-alive connections at maximum load (default 2 with bulk, 8 with single)
  --backlog N         submitters pause while the mempool holds over N txs (default 4000)
  --base-port P       API port of the dev node (default ${DEFAULT_BASE_PORT})
  --node-env X=V      a TIANPING_* setting for the node, as a process and in this process (repeatable)
  --cpu-prof DIR      V8 CPU profiles: the node process's, and this process's during the in-process load
  --keep              keep the data directories and the node's log
  -h, --help          show this help
`;

export interface Args {
  readonly quick: boolean;
  readonly loadMs: number;
  readonly halfMs: number;
  readonly ceilingMs: number;
  readonly phases: readonly Phase[];
  readonly submit: SubmitMode;
  readonly bulkSize: number;
  readonly connections: number;
  readonly backlog: number;
  readonly basePort: number;
  readonly nodeEnv: Record<string, string>;
  readonly cpuProf: string | undefined;
  readonly keep: boolean;
}

export function parse(argv: readonly string[]): Args | 'help' {
  const v = parseOptions(argv, {
    quick: { type: 'boolean' }, seconds: { type: 'string' }, 'half-seconds': { type: 'string' }, phases: { type: 'string' },
    submit: { type: 'string' }, 'bulk-size': { type: 'string' }, connections: { type: 'string' }, backlog: { type: 'string' },
    'base-port': { type: 'string' }, 'node-env': { type: 'string', multiple: true }, 'cpu-prof': { type: 'string' },
    keep: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
  });
  if (v.help === true) return 'help';
  const quick = v.quick === true;
  const submit = (v.submit ?? 'bulk') as SubmitMode;
  if (!SUBMIT_MODES.includes(submit)) throw new UsageError(`--submit must be ${SUBMIT_MODES.join(' or ')}, got "${v.submit}"`);
  const phases = (v.phases ?? PHASES.join(',')).split(',').map((p) => p.trim());
  for (const phase of phases) {
    if (!(PHASES as readonly string[]).includes(phase)) throw new UsageError(`--phases takes ${PHASES.join(',')}, got "${phase}"`);
  }
  return {
    quick, submit, phases: phases as Phase[],
    loadMs: wholeNumber('seconds', v.seconds, quick ? 8 : 20, 3, 3_600) * 1000,
    halfMs: wholeNumber('half-seconds', v['half-seconds'], quick ? 6 : 15, 3, 3_600) * 1000,
    ceilingMs: quick ? 2_000 : 4_000,
    bulkSize: wholeNumber('bulk-size', v['bulk-size'], 128, 1, 1_024),
    connections: wholeNumber('connections', v.connections, submit === 'bulk' ? 2 : 8, 1, 64),
    backlog: wholeNumber('backlog', v.backlog, 4_000, 1),
    basePort: wholeNumber('base-port', v['base-port'], DEFAULT_BASE_PORT, 1024, 65_535),
    nodeEnv: nodeEnvOption(v['node-env']),
    cpuProf: cpuProfOption(v['cpu-prof']),
    keep: v.keep === true,
  };
}
