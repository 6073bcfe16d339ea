// bench:catchup's command line.
import { cpuProfOption, nodeEnvOption, parseOptions, wholeNumber } from '../bench-run.js';

export const DEFAULT_BASE_PORT = 33_000;
export const DEFAULT_ANCHORS = 1_000_000;
export const QUICK_ANCHORS = 50_000;

export const USAGE = `Usage: npm run bench:catchup -- [--quick] [--anchors N] [--per-block B] [--load-rate R]
                                [--base-port P] [--node-env TIANPING_X=V] [--cpu-prof DIR] [--keep]

Catch-up of a node far behind. A testnet of 4 validators and 1 observer is laid out on loopback;
a chain of N single-signature AnchorEvidence txs, B a block, is written in this process into
validator 1's ledger with the production code (executeBlock, real headers, commit certificates
signed by the 4 validators' keys), and copied to validators 2 and 3 before they ever start.
Validator 4 and the observer stay at genesis. Then:
  observer   validators 1-3 run (3/4 of the power: the chain goes on); the observer starts with an
             empty ledger and is timed from its start until it holds the validators' height at that
             start. Target: <= 60 s.
  validator  with R anchors/s submitted to validators 1-3 (bench:net's sender), validator 4 starts
             at genesis and is timed until its height is within one block of the others'. Target:
             rejoin <= 300 s under load.
Reports blocks/s and anchors/s of each catch-up, the catching-up process's CPU, the rate the
chain's own blocks were written at in this process (execute + commit, no network, no signature
checks: what a catch-up costs at the least) and the catch-up's ratio to it; one JSON line last.
A missed target is a result (exit 0).

Options:
  --quick             a smoke run: ${QUICK_ANCHORS.toLocaleString('en-US')} anchors, 100 anchors/s of load
  --anchors N         anchors in the written chain (default ${DEFAULT_ANCHORS.toLocaleString('en-US')})
  --per-block B       anchors a block (default 10000, the chain's blockTxsMax)
  --load-rate R       anchors/s submitted while validator 4 catches up (default 300; 0: none)
  --base-port P       first API port (default ${DEFAULT_BASE_PORT}; p2p ports are 100 above)
  --node-env X=V      a TIANPING_* setting for every node (repeatable)
  --cpu-prof DIR      V8 CPU profiles of the observer and validator 4 (written when they stop)
  --keep              keep the testnet directory and the nodes' logs
  -h, --help          show this help
`;

export interface Args {
  readonly quick: boolean;
  readonly anchors: number;
  readonly perBlock: number;
  readonly loadRate: number;
  readonly basePort: number;
  readonly nodeEnv: Record<string, string>;
  readonly cpuProf: string | undefined;
  readonly keep: boolean;
}

export function parse(argv: readonly string[]): Args | 'help' {
  const v = parseOptions(argv, {
    quick: { type: 'boolean' }, anchors: { type: 'string' }, 'per-block': { type: 'string' }, 'load-rate': { type: 'string' },
    'base-port': { type: 'string' }, 'node-env': { type: 'string', multiple: true }, 'cpu-prof': { type: 'string' },
    keep: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
  });
  if (v.help === true) return 'help';
  const quick = v.quick === true;
  return {
    quick,
    anchors: wholeNumber('anchors', v.anchors, quick ? QUICK_ANCHORS : DEFAULT_ANCHORS, 1, 10_000_000),
    perBlock: wholeNumber('per-block', v['per-block'], 10_000, 1, 10_000),
    loadRate: wholeNumber('load-rate', v['load-rate'], quick ? 100 : 300, 0, 5_000),
    basePort: wholeNumber('base-port', v['base-port'], DEFAULT_BASE_PORT, 1024, 65_000),
    nodeEnv: nodeEnvOption(v['node-env']),
    cpuProf: cpuProfOption(v['cpu-prof']),
    keep: v.keep === true,
  };
}
