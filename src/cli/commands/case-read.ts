// tianping case show | list: the signed case reads (GET /v1/cases/:caseNo, its events feed, and
// GET /v1/cases). Every figure is the node's: amounts arrive as decimal strings and are printed as
// they are, never through a float.
import { TianpingClient, type CaseEventView, type CaseListView, type CaseStatusView, type CaseView } from '../../client/index.js';
import { readKeyFile } from '../../crypto/index.js';
import { fromHex } from '../../types/index.js';
import {
  EXIT_OK, UsageError, nodeUrl, printJson, runCommand, stringOption, type CliIo, type CommandSpec, type ParsedArgs,
} from '../common.js';
import { negativeAnswer } from '../subcommands.js';

const COMMON_HELP = `  --key FILE        a key that may read the case: a party's member key, or a court, executor, oracle,
                    validator, observer or verifier key (the read is signed with it)
  --node URL        node API (default http://127.0.0.1:8080)
  --json            print one JSON document
  -h, --help        show this help`;
const READ_EXIT = 'Exit status: 0 read, 1 refused by the node (unknown case, a key that may not read it: its code is printed), 2 usage,\nkey or connection error.';
const STATUSES = ['ACTIVE', 'DEFAULTED', 'FILED', 'SUSPENDED', 'SETTLED', 'TERMINATED', 'CLOSED', 'PERFORMED'] as const satisfies readonly CaseStatusView[];
type CaseSummaryView = CaseListView['cases'][number];
/** Pages read at most for one command: a case's events beyond the first page, or the list. */
const PAGES_MAX = 100;

const showSpec: CommandSpec = {
  name: 'case show',
  usage: `Usage: tianping case show CASE_NO --key FILE [--at TIME] [--node URL] [--json]

Shows a case: its state, terms, the schedule with each instalment's status, the money received and
owed (principal, delay interest or penalty, execution fee) as of now or --at, and its events with
their heights and times. --json prints { ok, case } where case is the node's document, every event
included (the web page's case view loads this file).

Options:
  --at TIME         figures as of this time: ISO 8601 ("2026-04-27", "2026-04-27T12:00:00+08:00") or Unix ms
${COMMON_HELP}

${READ_EXIT}
`,
  options: { key: { type: 'string' }, at: { type: 'string' }, node: { type: 'string' } },
  positionals: { min: 1, max: 1 },
};

const listSpec: CommandSpec = {
  name: 'case list',
  usage: `Usage: tianping case list --key FILE [--status S] [--party HEX] [--node URL] [--json]

Lists the cases in case-number order: state, principal outstanding, creation.

Options:
  --status S        only cases in this state: ${STATUSES.join(', ')}
  --party HEX       only the cases of this party: a member key or an identity commitment (64 hex)
${COMMON_HELP}

${READ_EXIT}
`,
  options: { key: { type: 'string' }, status: { type: 'string' }, party: { type: 'string' }, node: { type: 'string' } },
  positionals: { min: 0, max: 0 },
};

function signedClient(args: ParsedArgs): TianpingClient {
  const url = nodeUrl(stringOption(args, 'node'));
  const key = stringOption(args, 'key');
  if (key === undefined || key === '') throw new UsageError('--key is required: case reads are signed');
  return new TianpingClient(url, { signer: readKeyFile(key) });
}

export function runShow(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(showSpec, argv, io, async (args) => {
    const caseNo = args.positionals[0]!;
    const at = stringOption(args, 'at');
    const client = signedClient(args);
    return negativeAnswer(showSpec.name, io, args, () => show(client, caseNo, at, args, io));
  });
}

async function show(client: TianpingClient, caseNo: string, at: string | undefined, args: ParsedArgs, io: CliIo): Promise<number> {
  const view = await client.getCase(caseNo, at === undefined ? {} : { at });
  // The document holds the first events; the feed gives the rest.
  const events = [...view.events];
  let after = view.eventsNext;
  for (let page = 0; after !== undefined && page < PAGES_MAX; page++) {
    const feed = await client.caseEvents(caseNo, { after });
    events.push(...feed.events);
    after = feed.next;
  }
  const { eventsNext: _more, ...rest } = view;
  const full: CaseView = { ...rest, events, ...(after === undefined ? {} : { eventsNext: after }) };
  if (args.json) printJson(io, { ok: true, case: full });
  else io.stdout(describeCase(full));
  return EXIT_OK;
}

export function runList(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(listSpec, argv, io, async (args) => {
    const status = stringOption(args, 'status');
    if (status !== undefined && !(STATUSES as readonly string[]).includes(status)) {
      throw new UsageError(`--status must be one of ${STATUSES.join(', ')}, got "${status}"`);
    }
    const party = stringOption(args, 'party');
    if (party !== undefined && fromHex(party)?.length !== 32) throw new UsageError(`--party must be 64 hex characters, got "${party}"`);
    const client = signedClient(args);
    return negativeAnswer(listSpec.name, io, args, () => list(client, status, party, args, io));
  });
}

async function list(client: TianpingClient, status: string | undefined, party: string | undefined, args: ParsedArgs, io: CliIo): Promise<number> {
  const cases: CaseSummaryView[] = [];
  let after: string | undefined;
  for (let page = 0; page < PAGES_MAX; page++) {
    const answer = await client.listCases({
      ...(status === undefined ? {} : { status: status as CaseStatusView }),
      ...(party === undefined ? {} : { party: party.toLowerCase() }), ...(after === undefined ? {} : { after }),
    });
    cases.push(...answer.cases);
    after = answer.next;
    if (after === undefined) break;
  }
  if (args.json) printJson(io, { ok: true, cases, ...(after === undefined ? {} : { next: after }) });
  else io.stdout(describeList(cases));
  return EXIT_OK;
}

function columns(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n') + '\n';
}

function eventDetails(event: CaseEventView, currency: string): string {
  const d = event.details;
  return [
    d.instalmentIndex === undefined ? '' : `instalment ${d.instalmentIndex + 1}`,
    d.amount === undefined ? '' : `${d.amount.yuan} ${currency}`,
    d.bankRef === undefined ? '' : `ref ${d.bankRef}`,
    d.reasonCode === undefined ? '' : `reason ${d.reasonCode}`,
    d.filingId === undefined ? '' : `filing ${d.filingId}`,
    d.warning === undefined ? '' : `WARNING ${d.warning}`,
  ].filter((part) => part !== '').join(', ');
}

export function describeCase(c: CaseView): string {
  const cur = c.currency;
  const party = (p: { kind: string; id: string }): string => `${p.kind} ${p.id}`;
  const head = [
    `case        ${c.caseNo}`,
    `status      ${c.status}`,
    `document    ${c.document.algorithm}:${c.document.digest}`,
    `creditors   ${c.creditors.map(party).join('; ')}`,
    `debtor      ${party(c.debtor)}`,
    `account     ${c.caseAccountRef}`,
    `created     height ${c.created.height}, ${c.created.at}, by ${c.created.by}`,
    `received    ${c.money.received.yuan} ${cur} (creditors ${c.money.creditors.yuan}, surplus ${c.money.surplus.yuan}, paid out ${c.money.paidOut.yuan})`,
    `owed        ${c.owed.total.yuan} ${cur}: principal ${c.owed.principal.yuan}, interest or penalty ${c.owed.charges.yuan}, fee ${c.owed.fee.yuan}`,
    `as of       ${c.asOf.at} (China day ${c.asOf.day})`,
    `application period ends ${c.applicationPeriod.endsAt}${c.applicationPeriod.warning === '' ? '' : ` WARNING ${c.applicationPeriod.warning}`}`,
    ...(c.filingId === '' ? [] : [`filing id   ${c.filingId}`]),
  ].join('\n') + '\n';
  const schedule = columns([['#', 'DUE', 'DEFAULTS AT', 'PRINCIPAL', 'PAID', 'OUTSTANDING', 'CHARGES', 'STATUS'],
    ...c.schedule.map((i) => [String(i.index + 1), i.dueAt, i.legalAt, i.principal.yuan, i.paid.yuan, i.outstanding.yuan, i.charges.yuan, i.status])]);
  const events = columns([['SEQ', 'EVENT', 'HEIGHT', 'BLOCK TIME', 'LEGAL TIME', 'STATUS', 'DETAILS'],
    ...c.events.map((e) => [String(e.seq), e.kind, String(e.height), e.blockTime, e.legalAt, e.status, eventDetails(e, cur)])]);
  const more = c.eventsNext === undefined ? '' : `(more events: tianping reads at most ${PAGES_MAX} pages)\n`;
  return `${head}\nschedule (${cur})\n${schedule}\nevents (${c.eventsCount})\n${events}${more}`;
}

function describeList(cases: readonly CaseSummaryView[]): string {
  if (cases.length === 0) return 'no cases\n';
  return columns([['CASE', 'STATUS', 'OUTSTANDING', 'CREATED', 'EVENTS'],
    ...cases.map((c) => [c.caseNo, c.status, `${c.principalOutstanding.yuan} ${c.currency}`, `${c.createdAt} (height ${c.createdHeight})`,
      String(c.eventsCount)])]);
}
