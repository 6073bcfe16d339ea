// npm run bench:payouts -- [--quick] [--payouts N] ...: money received into court cases on a local
// testnet of real node processes, paid out by the payout dispatcher (its own process) through the
// reference bank gateway (its own process), against the figure of the issue: half the payouts reach
// the bank within 2 s of the commit that recorded their money (p50; p99, max and count reported),
// each paid exactly once. Targets are reported as pass/fail; a missed target is a result, not an
// error (exit 0).
import { benchMain, EXIT_OK, withTestnet } from '../bench-run.js';
import { log, parse, USAGE, type Args } from './args.js';
import { jsonLine, summaryLines } from './report.js';
import { phases } from './run.js';

async function run(args: Args): Promise<number> {
  await withTestnet({ prefix: 'tianping-bench-payouts-', keep: args.keep, log }, (running) => phases(args, running), (results, unclean) => {
    if (unclean.length > 0) log(`${unclean.length} node(s) did not stop cleanly: ${unclean.join(', ')}`);
    process.stdout.write(summaryLines(results).join('\n') + '\n');
    process.stdout.write(jsonLine(results) + '\n');
  });
  return EXIT_OK;
}

benchMain('bench:payouts', USAGE, parse, run);
