// tianping payout: payouts (docs/payouts.md §9). `list` reads the orders (a signed read) with their
// approvals, holds, deadline alerts and reconciliation states; an officer, bureau chief, finance or
// court key approves an order (the approval names the order's amount, read from the node first); a
// court or officer key holds or releases one order or every order of a case; `reconcile` matches a
// day's bank statement against the chain (payout-reconcile.ts). Every tx is signed here, submitted
// and waited for until it is in a block.
import { PAYOUT_HOLD_KINDS, TianpingClient, payoutApprovalTx, payoutHoldTx, type PayoutHoldKindName } from '../../client/index.js';
import type { Json } from '../../contract/http.js';
import { PAYOUT_STATUSES, type PayoutListSchema, type PayoutSchema, type PayoutStatusName } from '../../contract/payouts.js';
import { readKeyFile, type KeyPair } from '../../crypto/index.js';
import { formatYuan } from '../../state/contracts/index.js';
import {
  EXIT_OK, UsageError, nodeUrl, printJson, runCommand, stringOption, type CliIo, type CommandSpec, type ParsedArgs,
} from '../common.js';
import { requiredOption, runSubcommand, type SubcommandRun } from '../subcommands.js';
import { PAYOUT_COMMON_HELP, negativeAnswer, signedRead, submitAndReport } from './payout-common.js';
import { runReconcile } from './payout-reconcile.js';
import { runAccount, runAccountKey } from './payout-account.js';

type PayoutView = Json<typeof PayoutSchema>;
type PayoutList = Json<typeof PayoutListSchema>;

const TX_EXIT = 'Exit status: 0 committed, 1 refused by the node (its code is printed), 2 usage, key or connection error.';
const ID_RE = /^[0-9a-fA-F]{64}$/;
/** Pages `list` reads at most (1,000 orders each). */
const PAGES_MAX = 100;

const USAGE = `Usage: tianping payout <subcommand> [options]

Payouts: the orders the chain makes when money is received into a case account, paid to the payees
by the executor's dispatcher once approved (docs/payouts.md).

Subcommands:
  list        the payout orders, optionally of one case or status, with their deadline alerts
  approve     approve an order (officer, bureau-chief, finance or court key)
  hold        put a hold on an order or on every order of a case (court or officer key)
  release     lift a hold (court or officer key)
  reconcile   match a day's bank statement against the chain and record the result (executor or finance key)
  dispatch    run the dispatcher: pay the approved orders through the bank gateway (executor key)
  account     file a payee's bank account in the encrypted store ("account add"), print its commitment
  account-key make the account store's key file

Run "tianping payout <subcommand> --help" for its options.
`;

const listSpec: CommandSpec = {
  name: 'payout list',
  usage: `Usage: tianping payout list --key FILE [--case CASE_NO] [--status S] [--node URL] [--json]

Lists the payout orders by id: case, payee, amount, status, holds, approvals, and an alert when the
money arrived more than one of the policy's alert days ago and the order is still unpaid.

Options:
  --key FILE        a key that may read payouts: executor, officer, bureau-chief, finance, court, validator
                    or observer (the read is signed with it)
  --case CASE_NO    only this case's orders
  --status S        only orders in this state: ${PAYOUT_STATUSES.join(', ')}
${PAYOUT_COMMON_HELP}

Exit status: 0 read, 1 refused by the node (its code is printed), 2 usage, key or connection error.
`,
  options: { key: { type: 'string' }, case: { type: 'string' }, status: { type: 'string' }, node: { type: 'string' } },
  positionals: { min: 0, max: 0 },
};

const approveSpec: CommandSpec = {
  name: 'payout approve',
  usage: `Usage: tianping payout approve PAYOUT_ID --key FILE [--node URL] [--json]

Approves one order in the signer's role. The order is read from the node first: the approval names
its amount, and the chain refuses one for another amount (PAYOUT_AMOUNT_MISMATCH).

Options:
  --key FILE        an officer, bureau-chief, finance or court key
${PAYOUT_COMMON_HELP}

${TX_EXIT}
`,
  options: { key: { type: 'string' }, node: { type: 'string' } },
  positionals: { min: 1, max: 1 },
};

const holdSpec = (sub: 'hold' | 'release'): CommandSpec => ({
  name: `payout ${sub}`,
  usage: `Usage: tianping payout ${sub} --case CASE_NO [--payout ID] --kind K --reason TEXT --key FILE [--node URL] [--json]

${sub === 'hold' ? 'Puts a hold on one order (--payout) or on every unsettled order of the case and those it makes\nlater. A held order is not paid.'
    : 'Lifts a hold of this kind from one order (--payout) or from the case.'}

Options:
  --case CASE_NO    the case
  --payout ID       one order (64 hex); omitted: the case's orders
  --kind K          ${Object.keys(PAYOUT_HOLD_KINDS).join(', ')}
  --reason TEXT     why, recorded on chain
  --key FILE        a court or officer key
${PAYOUT_COMMON_HELP}

${TX_EXIT}
`,
  options: { case: { type: 'string' }, payout: { type: 'string' }, kind: { type: 'string' }, reason: { type: 'string' },
    key: { type: 'string' }, node: { type: 'string' } },
  positionals: { min: 0, max: 0 },
});

const SUBCOMMANDS: Readonly<Record<string, SubcommandRun>> = {
  list: runList,
  approve: runApprove,
  hold: (argv, io) => runHold('hold', argv, io),
  release: (argv, io) => runHold('release', argv, io),
  reconcile: runReconcile,
  // Loaded when used: the dispatcher brings its outbox's LevelDB, which the other subcommands never need.
  dispatch: async (argv, io) => (await import('./payout-dispatch.js')).runDispatch(argv, io),
  account: runAccount,
  'account-key': runAccountKey,
};

export function run(argv: readonly string[], io: CliIo): Promise<number> {
  return runSubcommand('payout', USAGE, SUBCOMMANDS, argv, io);
}

function payoutIdArgument(text: string, option: string): string {
  if (!ID_RE.test(text)) throw new UsageError(`${option} must be a payout id of 64 hex characters, got "${text}"`);
  return text.toLowerCase();
}



const yuanOf = (fen: number): string => formatYuan(BigInt(fen));

function orderLine(p: PayoutView): string {
  const approvals = p.requiredRoles.map((role) => (p.approvals.some((a) => a.role === role) ? `${role}✓` : role)).join(',');
  const flags = [p.holds.length > 0 ? `held:${p.holds.join(',')}` : '', p.alertDays > 0 ? `ALERT ${p.alertDays}d` : '',
    p.reconciliation === '' ? '' : `recon:${p.reconciliation}`].filter((f) => f !== '').join(' ');
  return `${p.id}  ${p.caseNo}  #${p.payoutSeq}/${p.payeeIndex}  ${yuanOf(p.amountFen)} ${p.currency}  ${p.status}  [${approvals}]`
    + `${p.bankRef === '' ? '' : `  ref ${p.bankRef}`}${flags === '' ? '' : `  ${flags}`}`;
}

function runList(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(listSpec, argv, io, async (args) => {
    const url = nodeUrl(stringOption(args, 'node'));
    const status = stringOption(args, 'status');
    if (status !== undefined && !(PAYOUT_STATUSES as readonly string[]).includes(status)) {
      throw new UsageError(`--status must be one of ${PAYOUT_STATUSES.join(', ')}, got "${status}"`);
    }
    const caseNo = stringOption(args, 'case');
    if (caseNo === '') throw new UsageError('--case needs a case number');
    const keyPair = readKeyFile(requiredOption(args, 'key'));
    return negativeAnswer(listSpec.name, io, args, async () => {
      const payouts: PayoutView[] = [];
      let after: string | undefined;
      for (let page = 0; page < PAGES_MAX; page++) {
        const query = new URLSearchParams({ limit: '1000' });
        if (caseNo !== undefined) query.set('case', caseNo);
        if (status !== undefined) query.set('status', status as PayoutStatusName);
        if (after !== undefined) query.set('after', after);
        const list = await signedRead<PayoutList>(url, `/v1/payouts?${query.toString()}`, keyPair);
        payouts.push(...list.payouts);
        after = list.next;
        if (after === undefined) break;
      }
      if (args.json) printJson(io, { ok: true, payouts, ...(after === undefined ? {} : { next: after }) });
      else {
        io.stdout(payouts.length === 0 ? 'no payout orders\n' : payouts.map(orderLine).join('\n') + '\n');
        if (after !== undefined) io.stdout(`(more after ${after}: narrow with --case or --status)\n`);
      }
      return EXIT_OK;
    });
  });
}

/** The signer and the chain id the node runs; the node URL is checked before the key file is read. */
async function connect(args: ParsedArgs): Promise<{ client: TianpingClient; url: string; chainId: string; keyPair: KeyPair }> {
  const url = nodeUrl(stringOption(args, 'node'));
  const keyPair = readKeyFile(requiredOption(args, 'key'));
  const client = new TianpingClient(url);
  return { client, url, chainId: (await client.status()).chainId, keyPair };
}


function runApprove(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(approveSpec, argv, io, async (args) => {
    const id = payoutIdArgument(args.positionals[0]!, 'PAYOUT_ID');
    const { client, url, chainId, keyPair } = await connect(args);
    return negativeAnswer(approveSpec.name, io, args, async () => {
      const order = await signedRead<PayoutView>(url, `/v1/payouts/${id}`, keyPair);
      const tx = payoutApprovalTx({ chainId, keyPair, payoutId: id, amountFen: order.amountFen });
      return submitAndReport(approveSpec.name, io, args, client, tx,
        { payout: id, caseNo: order.caseNo, amount: yuanOf(order.amountFen), action: 'APPROVE' });
    });
  });
}

function runHold(sub: 'hold' | 'release', argv: readonly string[], io: CliIo): Promise<number> {
  const spec = holdSpec(sub);
  return runCommand(spec, argv, io, async (args) => {
    const caseNo = requiredOption(args, 'case');
    const payoutText = stringOption(args, 'payout');
    const payoutId = payoutText === undefined ? undefined : payoutIdArgument(payoutText, '--payout');
    const kind = requiredOption(args, 'kind');
    if (!Object.hasOwn(PAYOUT_HOLD_KINDS, kind)) throw new UsageError(`--kind must be one of ${Object.keys(PAYOUT_HOLD_KINDS).join(', ')}, got "${kind}"`);
    const reason = requiredOption(args, 'reason');
    const { client, chainId, keyPair } = await connect(args);
    const tx = payoutHoldTx({ chainId, keyPair, caseNo, kind: kind as PayoutHoldKindName, reason, release: sub === 'release',
      ...(payoutId === undefined ? {} : { payoutId }) });
    return submitAndReport(spec.name, io, args, client, tx,
      { caseNo, payout: payoutId ?? '(every order of the case)', kind, reason, action: sub === 'hold' ? 'HOLD' : 'RELEASE' });
  });
}
