// tianping case: judgment contracts (docs/contracts.md). A court key creates a case from its
// TERMS.json and suspends, resumes, settles, terminates and closes it with a published reason code;
// an oracle key reports money received or paid; a creditor's key (or the court's, on a creditor's
// application) files for execution. Every tx is signed here, submitted, and waited for until it is
// in a block; its hash and height are printed. `show` and `list` read the node (case-read.ts).
import { readFileSync } from 'node:fs';
import {
  TianpingClient, caseActionTx, caseTermsFromJson, createCaseTx, fileExecutionTx, parseIsoTime, reportPaymentTx,
} from '../../client/index.js';
import { CASE_REASONS, type CaseActionName } from '../../state/cases/reasons.js';
import { ContractError, formatYuan, parseYuan } from '../../state/contracts/index.js';
import { readKeyFile, type KeyPair } from '../../crypto/index.js';
import { TianpingError } from '../../types/index.js';
import {
  CliError, UsageError, booleanOption, nodeUrl, runCommand, stringOption, type CliIo, type CommandSpec, type ParsedArgs,
} from '../common.js';
import { requiredOption, runSubcommand, submitAndReport, type SubcommandRun } from '../subcommands.js';
import { runCommitIdentity } from './case-identity.js';
import { runList, runShow } from './case-read.js';

const COMMON_HELP = `  --node URL        node API (default http://127.0.0.1:8080)
  --json            print one JSON document
  -h, --help        show this help`;
const TX_EXIT = 'Exit status: 0 committed, 1 refused by the node (its code is printed), 2 usage, file, key or connection error.';
/** A TERMS.json is a few kilobytes; a file far larger is not one. */
const TERMS_BYTES_MAX = 1024 * 1024;

const USAGE = `Usage: tianping case <subcommand> [options]

Judgment contracts: a mediation agreement or judgment whose payment schedule the chain executes.

Subcommands:
  create              create a case from its TERMS.json (court key)
  show                a case: terms, schedule, money received and owed, events
  list                the cases, optionally of one status or party
  report-payment      money received into the case account, or paid out (oracle key)
  suspend             suspend execution (court key; reason code)
  resume              resume a suspended case (court key; reason code)
  settle              record a settlement in execution (court key; reason code)
  default-settlement  a settlement not performed: the original document resumes (court or creditor key)
  terminate           terminate execution (court key; reason code)
  close               close a performed, terminated or settled case (court key; reason code)
  file-execution      file for execution after a default (creditor key; court or executor key with --on-application)
  commit-identity     the identity commitment that names a party who holds no key (offline)

Run "tianping case <subcommand> --help" for its options.
`;

const createSpec: CommandSpec = {
  name: 'case create',
  usage: `Usage: tianping case create TERMS.json --key FILE [--node URL] [--json]

Creates a case from the terms in TERMS.json (format: docs/contracts.md, "The CLI and TERMS.json";
an example is docs/examples/case-terms.json). The file is checked before anything is signed: a
mistake names the field and the code the chain would refuse it with. The document digest must be
anchored on the chain already, and the first instalment's due time plus grace must lie in the future.

Options:
  --key FILE        a court key (role court)
${COMMON_HELP}

${TX_EXIT}
`,
  options: { key: { type: 'string' }, node: { type: 'string' } },
  positionals: { min: 1, max: 1 },
};

const reasonList = (action: CaseActionName): string => Object.keys(CASE_REASONS[action]).join(', ');

const actionSpec = (sub: string, action: CaseActionName, what: string, signer: string): CommandSpec => ({
  name: `case ${sub}`,
  usage: `Usage: tianping case ${sub} CASE_NO --reason CODE --key FILE [--node URL] [--json]

${what}
The reason code comes from the published list (docs/contracts.md, "Reason codes").

Options:
  --reason CODE     ${reasonList(action).replace(/(.{60,}?), /g, '$1,\n                    ')}
  --key FILE        ${signer}
${COMMON_HELP}

${TX_EXIT}
`,
  options: { reason: { type: 'string' }, key: { type: 'string' }, node: { type: 'string' } },
  positionals: { min: 1, max: 1 },
});

const paymentSpec: CommandSpec = {
  name: 'case report-payment',
  usage: `Usage: tianping case report-payment CASE_NO --bank-ref REF --amount YUAN --received-at TIME [--paid]
                                   [--currency CNY] --key FILE [--node URL] [--json]

Reports money received into the case account (or, with --paid, paid out of it to a payee), signed
with an oracle key. Money for a case number the chain does not know is kept as unmatched, never lost.

Options:
  --bank-ref REF    the bank's reference, 1..64 characters of [0-9A-Za-z._:/-], once per case
  --amount YUAN     the amount in yuan, e.g. 100.00 (at most two decimals)
  --received-at T   when the bank received (or paid) it: ISO 8601 with offset, e.g. 2026-04-27T10:30:00+08:00
  --paid            money paid out of the case account, not received
  --currency C      three capital letters (default CNY)
  --key FILE        an oracle key (role oracle)
${COMMON_HELP}

${TX_EXIT}
`,
  options: {
    'bank-ref': { type: 'string' }, amount: { type: 'string' }, 'received-at': { type: 'string' }, paid: { type: 'boolean' },
    currency: { type: 'string' }, key: { type: 'string' }, node: { type: 'string' },
  },
  positionals: { min: 1, max: 1 },
};

const filingSpec: CommandSpec = {
  name: 'case file-execution',
  usage: `Usage: tianping case file-execution CASE_NO --key FILE [--on-application] [--node URL] [--json]

Files a defaulted case for execution, in one tx. Signed by a creditor's member key, or with
--on-application by a court or executor key for a creditor who holds no key. The filing id is the
same on every node, whoever files.

Options:
  --on-application  the court or the execution bureau files on a creditor's application
  --key FILE        a creditor's member key; a court or executor key with --on-application
${COMMON_HELP}

${TX_EXIT}
`,
  options: { 'on-application': { type: 'boolean' }, key: { type: 'string' }, node: { type: 'string' } },
  positionals: { min: 1, max: 1 },
};

const COURT_KEY = 'a court key (role court)';
const ACTIONS: readonly [sub: string, action: CaseActionName, what: string, signer: string][] = [
  ['suspend', 'SUSPEND', 'Suspends execution of the case (中止执行); RETRIAL and COURT_REVIEW also stop delay interest.', COURT_KEY],
  ['resume', 'RESUME', 'Resumes a suspended case in the state it left.', COURT_KEY],
  ['settle', 'SETTLE', 'Records a settlement in execution (执行和解).', COURT_KEY],
  ['default-settlement', 'DEFAULT_SETTLEMENT',
    'Records that a settlement was not performed: the case returns to the state the settlement left and the\noriginal document resumes (法释〔2018〕3号 Art 9).', 'a court key, or a creditor\'s member key'],
  ['terminate', 'TERMINATE', 'Terminates execution (终结执行).', COURT_KEY],
  ['close', 'CLOSE', 'Closes a performed, terminated or settled case.', COURT_KEY],
];

const SUBCOMMANDS: Readonly<Record<string, SubcommandRun>> = {
  create: runCreate,
  show: runShow,
  list: runList,
  'report-payment': runPayment,
  'file-execution': runFiling,
  'commit-identity': runCommitIdentity,
  ...Object.fromEntries(ACTIONS.map(([sub, action, what, signer]) =>
    [sub, (argv: readonly string[], io: CliIo) => runAction(actionSpec(sub, action, what, signer), action, argv, io)])),
};

export function run(argv: readonly string[], io: CliIo): Promise<number> {
  return runSubcommand('case', USAGE, SUBCOMMANDS, argv, io);
}

/**
 * The signer and the chain id the node runs (every tx is signed for it). Called once the command
 * line is checked: the node URL is checked before the key file is read, the key before the node is asked.
 */
async function connect(args: ParsedArgs): Promise<{ client: TianpingClient; chainId: string; keyPair: KeyPair }> {
  const url = nodeUrl(stringOption(args, 'node'));
  const keyPair = readKeyFile(requiredOption(args, 'key'));
  const client = new TianpingClient(url);
  return { client, chainId: (await client.status()).chainId, keyPair };
}

function runCreate(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(createSpec, argv, io, async (args) => {
    const path = args.positionals[0]!;
    // Checked (and refused with the field named) before any key or node is used.
    const terms = caseTermsFromJson(readTerms(path));
    const { client, chainId, keyPair } = await connect(args);
    const tx = createCaseTx({ chainId, keyPair, terms });
    const caseNo = terms.caseNo!;
    return submitAndReport(createSpec.name, io, args, client, tx, { caseNo, action: 'CREATE' });
  });
}

function readTerms(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${path}: ${(error as Error).message}`);
  }
  if (text.length > TERMS_BYTES_MAX) throw new CliError(`${path} is larger than ${TERMS_BYTES_MAX} bytes: not a TERMS.json`);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new TianpingError('CASE_TERMS_INVALID', `${path} is not JSON: ${(error as Error).message}`, { field: '(document)' });
  }
}

function runAction(spec: CommandSpec, action: CaseActionName, argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(spec, argv, io, async (args) => {
    const caseNo = args.positionals[0]!;
    const reasonCode = requiredOption(args, 'reason');
    if (!Object.hasOwn(CASE_REASONS[action], reasonCode)) throw new UsageError(`--reason must be one of ${reasonList(action)}, got "${reasonCode}"`);
    const { client, chainId, keyPair } = await connect(args);
    const tx = caseActionTx({ chainId, keyPair, caseNo, kind: action, reasonCode });
    return submitAndReport(spec.name, io, args, client, tx, { caseNo, action, reason: reasonCode });
  });
}

function runPayment(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(paymentSpec, argv, io, async (args) => {
    const caseNo = args.positionals[0]!;
    const bankRef = requiredOption(args, 'bank-ref');
    const amountText = requiredOption(args, 'amount');
    let amountFen: bigint;
    try {
      amountFen = parseYuan(amountText);
    } catch (error) {
      if (error instanceof ContractError) throw new UsageError(`--amount must be yuan with at most two decimals, e.g. 100.00, got "${amountText}"`);
      throw error;
    }
    const receivedAt = requiredOption(args, 'received-at');
    let receivedAtMs: number;
    try {
      receivedAtMs = parseIsoTime(receivedAt, '--received-at');
    } catch {
      throw new UsageError(`--received-at must be ISO 8601 with its offset, e.g. 2026-04-27T10:30:00+08:00, got "${receivedAt}"`);
    }
    const paid = booleanOption(args, 'paid');
    const currency = stringOption(args, 'currency') ?? 'CNY';
    const { client, chainId, keyPair } = await connect(args);
    const tx = reportPaymentTx({ chainId, keyPair, caseNo, bankRef, amountFen, currency, receivedAtMs, paid });
    return submitAndReport(paymentSpec.name, io, args, client, tx,
      { caseNo, action: paid ? 'PAID' : 'RECEIVED', bankRef, amount: formatYuan(amountFen), currency, receivedAt: new Date(receivedAtMs).toISOString() });
  });
}

function runFiling(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(filingSpec, argv, io, async (args) => {
    const caseNo = args.positionals[0]!;
    const onApplication = booleanOption(args, 'on-application');
    const { client, chainId, keyPair } = await connect(args);
    const tx = fileExecutionTx({ chainId, keyPair, caseNo, onApplication });
    return submitAndReport(filingSpec.name, io, args, client, tx, { caseNo, action: 'FILE_EXECUTION', onApplication });
  });
}
