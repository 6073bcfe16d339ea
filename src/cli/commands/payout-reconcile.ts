// tianping payout reconcile (docs/payouts.md §8): the gateway's statement of a day matched against
// the chain's orders and money received (src/payouts/reconcile.ts), the report written to a file,
// and a PayoutReconciliation with its SHA-256 and the entries that concern orders, signed by an
// executor or finance key and waited for until it is in a block.
import { writeFileSync } from 'node:fs';
import { ApiError, TianpingClient, payoutReconciliationTx } from '../../client/index.js';
import { readKeyFile } from '../../crypto/index.js';
import { HttpBankAdapter } from '../../payouts/bank-adapter.js';
import { nodeReconcileSources, reconcile, statementDayEndMs } from '../../payouts/reconcile.js';
import { isTianpingError } from '../../types/index.js';
import {
  CliError, EXIT_NEGATIVE, UsageError, httpUrlOption, nodeUrl, printJson, runCommand, stringOption, type CliIo, type CommandSpec,
} from '../common.js';
import { requiredOption } from '../subcommands.js';
import { PAYOUT_COMMON_HELP, submitAndReport } from './payout-common.js';

const reconcileSpec: CommandSpec = {
  name: 'payout reconcile',
  usage: `Usage: tianping payout reconcile --date YYYY-MM-DD --gateway URL --key FILE [--out REPORT.json] [--node URL] [--json]

Fetches the bank's statement of the day (China time) and matches each entry against the chain by
end-to-end id (a payout id; for money received, its bank reference) and exact amount: settled,
mismatched (another amount, or money left for an order the chain does not hold settled), duplicate
(two entries for one id), unknown (an id the chain does not know); an order approved or claimed
whose money arrived by the end of the day and that has no entry is unpaid. The report is written as
JSON (sorted, stable) and the chain records its SHA-256 with the entries that concern orders, once
per date.

Options:
  --date D          the statement's date, YYYY-MM-DD
  --gateway URL     the bank gateway's API
  --key FILE        an executor or finance key: signs the reads and the reconciliation
  --out FILE        where the report goes (default reconciliation-<date>.json)
${PAYOUT_COMMON_HELP}

Exit status: 0 recorded, 1 refused by the node (its code is printed), 2 usage, key, bank or connection error.
`,
  options: { date: { type: 'string' }, gateway: { type: 'string' }, key: { type: 'string' }, out: { type: 'string' }, node: { type: 'string' } },
  positionals: { min: 0, max: 0 },
};

export function runReconcile(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(reconcileSpec, argv, io, async (args) => {
    const date = requiredOption(args, 'date');
    try {
      statementDayEndMs(date);
    } catch {
      throw new UsageError(`--date must be a calendar date YYYY-MM-DD, got "${date}"`);
    }
    const gateway = httpUrlOption('gateway', requiredOption(args, 'gateway'));
    const url = nodeUrl(stringOption(args, 'node'));
    const out = stringOption(args, 'out') ?? `reconciliation-${date}.json`;
    const keyPair = readKeyFile(requiredOption(args, 'key'));
    const client = new TianpingClient(url);
    const chainId = (await client.status()).chainId;
    const sources = nodeReconcileSources({ nodeUrl: url, keyPair, bank: new HttpBankAdapter({ baseUrl: gateway }) });
    let outcome: Awaited<ReturnType<typeof reconcile>>;
    try {
      outcome = await reconcile(chainId, date, sources);
    } catch (error) {
      // A read the node refuses (a key that may not read payouts) is its answer; the rest stays an error.
      if (!(error instanceof ApiError) || error.status >= 500) throw isTianpingError(error) ? new CliError(error.message) : error;
      io.stderr(`tianping ${reconcileSpec.name}: refused: ${error.message}\n`);
      if (args.json) printJson(io, { ok: false, error: { code: error.code, message: error.message } });
      return EXIT_NEGATIVE;
    }
    try {
      writeFileSync(out, outcome.bytes);
    } catch (error) {
      throw new CliError(`cannot write ${out}: ${(error as Error).message}`);
    }
    const { counts } = outcome.report;
    const tx = payoutReconciliationTx({ chainId, keyPair, statementDate: date, reportDigest: outcome.digest,
      entries: outcome.txEntries.map((e) => ({ ...e })) });
    return submitAndReport(reconcileSpec.name, io, args, client, tx, {
      date, report: out, digest: outcome.digest, statementEntries: outcome.report.statementEntries,
      settled: counts.settled, unpaid: counts.unpaid, mismatched: counts.mismatched, duplicate: counts.duplicate, unknown: counts.unknown,
      recorded: outcome.txEntries.length,
    });
  });
}
