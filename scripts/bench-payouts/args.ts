// The command line of bench:payouts: its usage text, options, defaults and the sizes of a full and
// a --quick run.
import { nodeEnvOption, parseOptions, UsageError, wholeNumber } from '../bench-run.js';

/** API ports P..P+3, p2p ports P+100..: away from the other benches (18100, 18300, 18500) and the testnet (8100). */
const DEFAULT_BASE_PORT = 18_700;
export const VALIDATORS = 4;
/** The policy governance sets: orders below this are approved at once (¥50,000, the default officer tier's bound). */
export const AUTO_APPROVE_BELOW_FEN = 5_000_000;
/** The target: half the payouts reach the bank within this of the commit that recorded their money. */
export const P50_TARGET_MS = 2_000;

const FULL = { payouts: 1_000, rate: 2 } as const;
const QUICK = { payouts: 100, rate: 2 } as const;

export const USAGE = `Usage: npm run bench:payouts -- [--quick] [--payouts N] [--rate R] [--payees P] [--receipts K]
                                [--amount FEN] [--base-port P] [--node-env NAME=VALUE]... [--keep]

Starts a fresh local testnet of ${VALIDATORS} validators (each its own process, in a temporary directory, on
127.0.0.1) whose genesis admits a court, its bank's oracle, finance and an executor; the reference bank
gateway (its own process) with the court's case account; and one payout dispatcher (tianping payout
dispatch, its own process) following node 0. The validators pass a payout policy that approves orders
below ¥${AUTO_APPROVE_BELOW_FEN / 100} at once. Then:
  1. creates N / (P × K) cases of P payees each, every payee's account filed in the dispatcher's
     account store;
  2. at R receipts per second (open loop), credits money to the case account at the gateway and has
     the oracle report it on chain (node 0), K receipts per case, round robin over the cases: each
     receipt orders P payouts, approved at once;
  3. waits until every payout is a transfer at the gateway, and reads when the gateway received each.
Reports, per payout, the time from the commit of the block that recorded its money (when this process
saw the commit; also from the block's time) to the gateway receiving the transfer request: p50, p99,
max, count, against p50 <= ${P50_TARGET_MS} ms, and how many payouts were paid exactly once (one debit at the
gateway, settled on chain). Prints a summary and one JSON line last. Exits 0 even when a target is
missed; 2 on an error.

Options:
  --quick               a short run (${QUICK.payouts} payouts at ${QUICK.rate} receipts/s)
  --payouts N           payouts to make (default ${FULL.payouts}); rounded up to a multiple of P × K
  --rate R              money receipts reported per second (default ${FULL.rate})
  --payees P            payees per case (default 2; 1..64)
  --receipts K          receipts of money per case (default 2)
  --amount FEN          each receipt's amount (default 200000: ¥2,000, split among the payees after the fee)
  --base-port P         API ports P.., p2p ports P+100.. (default ${DEFAULT_BASE_PORT})
  --node-env NAME=VALUE extra environment of every node (repeatable)
  --keep                keep the testnet directory (logs, ledgers, outbox) instead of deleting it
  -h, --help            show this help
`;

export interface Args {
  readonly quick: boolean;
  readonly payouts: number;
  readonly rate: number;
  readonly payees: number;
  readonly receiptsPerCase: number;
  readonly amountFen: number;
  readonly basePort: number;
  readonly nodeEnv: Readonly<Record<string, string>>;
  readonly keep: boolean;
}

export function parse(argv: readonly string[]): Args | 'help' {
  const values = parseOptions(argv, {
    quick: { type: 'boolean' }, payouts: { type: 'string' }, rate: { type: 'string' }, payees: { type: 'string' },
    receipts: { type: 'string' }, amount: { type: 'string' }, 'base-port': { type: 'string' },
    'node-env': { type: 'string', multiple: true }, keep: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
  });
  if (values.help === true) return 'help';
  const quick = values.quick === true;
  const size = quick ? QUICK : FULL;
  const payees = wholeNumber('payees', values.payees, 2, 1, 64);
  const receiptsPerCase = wholeNumber('receipts', values.receipts, 2, 1, 1_000);
  const amountFen = wholeNumber('amount', values.amount, 200_000, 10_000, 1_000_000_000, { underscores: true });
  if (amountFen / payees >= AUTO_APPROVE_BELOW_FEN) throw new UsageError(`--amount / --payees must stay below ${AUTO_APPROVE_BELOW_FEN} fen (approved at once)`);
  return {
    quick, payees, receiptsPerCase, amountFen,
    payouts: wholeNumber('payouts', values.payouts, size.payouts, 1, 1_000_000, { underscores: true }),
    rate: wholeNumber('rate', values.rate, size.rate, 1, 1_000),
    basePort: wholeNumber('base-port', values['base-port'], DEFAULT_BASE_PORT, 1024, 65_000),
    nodeEnv: nodeEnvOption(values['node-env']), keep: values.keep === true,
  };
}

export const log = (message: string): void => {
  process.stderr.write(`bench:payouts: ${message}\n`);
};

export const fixed = (value: number, digits = 0): string => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
