// tianping member: membership by the validators' vote. A newcomer asks to join with its own key;
// validators open removals, suspensions and reinstatements and approve or reject proposals; a
// member rotates its key with the new key's proof. Every tx is submitted, waited for until it is in
// a block, and the proposal's status after that block is printed. `list` and `proposals` read.
import {
  TianpingClient, MEMBER_ROLES, governanceVoteTx, joinRequestTx, memberChangeTx,
  rotateKeyTx, type BuiltTx, type KeyPair, type MemberChangeKindName, type MemberRoleName, type MemberView,
  type ProposalStatusName, type ProposalView,
} from '../../client/index.js';
import { hashFile } from '../../client/file.js';
import { readKeyFile } from '../../crypto/index.js';
import { fromHex, toHex } from '../../types/index.js';
import { DEFAULT_VALIDATOR_POWER } from './genesis.js';
import {
  CliError, EXIT_NEGATIVE, EXIT_OK, UsageError, listOption, nodeUrl, printJson, runCommand, stringOption,
  type CliIo, type CommandSpec, type ParsedArgs,
} from '../common.js';
import { requiredOption, runSubcommand, submitForCommit, type SubcommandRun } from '../subcommands.js';

const NODE_HELP = '  --node URL        node API (default http://127.0.0.1:8080)';
const COMMON_HELP = `${NODE_HELP}
  --json            print one JSON document
  -h, --help        show this help`;
const TX_EXIT = 'Exit status: 0 committed, 1 refused by the node, 2 usage, key file or connection error.';

const USAGE = `Usage: tianping member <subcommand> [options]

Membership is decided by the validators: a proposal passes when approvals hold more than 2/3 of the
voting power and fails once rejections hold 1/3 or more. A validator-set change takes effect two
heights after the block that passed it.

Subcommands:
  join          ask to join, signed by the key to admit
  approve       approve a proposal (validators)
  reject        reject a proposal (validators)
  remove        propose removing a member (validators; counts as the opener's approval)
  suspend       propose suspending a member (validators)
  reinstate     propose reinstating a suspended member (validators)
  rotate-key    replace your key with a new one (the validators approve it)
  list          list the members
  proposals     list the governance proposals

Run "tianping member <subcommand> --help" for its options.
`;

const joinSpec: CommandSpec = {
  name: 'member join',
  usage: `Usage: tianping member join --key FILE --name NAME --org ORGANISATION --role ROLE
                            (--report FILE | --report-digest HEX) [--power P] [--categories a,b]
                            [--address MULTIADDR ...] [--node URL] [--json]

Asks to join the chain. The join request is signed by the key it asks to admit (proof of possession)
and opens a proposal that the validators vote on. Prints the proposal id (the tx hash) and its status.

Options:
  --key FILE        the key to admit (create one with "tianping keygen")
  --name NAME       member name, unique on the chain (letters, digits, ".", "_", "-")
  --org TEXT        organisation
  --role ROLE       ${MEMBER_ROLES.join(', ')}
  --report FILE     the admission-evaluation report: its SHA-256 goes on chain, the file does not
  --report-digest H the report's SHA-256 as 64 hex characters, instead of --report
  --power P         voting power asked for; validators only (default ${DEFAULT_VALIDATOR_POWER})
  --categories LIST categories a submitter may anchor in, comma separated (default: all)
  --address MA      libp2p multiaddr of the node; repeat for several (validators, observers)
${COMMON_HELP}

${TX_EXIT}
`,
  options: {
    key: { type: 'string' }, name: { type: 'string' }, org: { type: 'string' }, role: { type: 'string' },
    power: { type: 'string' }, categories: { type: 'string' }, address: { type: 'string', multiple: true },
    report: { type: 'string' }, 'report-digest': { type: 'string' }, node: { type: 'string' },
  },
  positionals: { min: 0, max: 0 },
};

const voteSpec = (decision: 'approve' | 'reject'): CommandSpec => ({
  name: `member ${decision}`,
  usage: `Usage: tianping member ${decision} <proposal-id> --key FILE [--node URL] [--json]

${decision === 'approve' ? 'Approves' : 'Rejects'} a proposal, signed with a validator key of the current set. Prints the
proposal's status after the vote's block.

Options:
  --key FILE        the validator's node key
${COMMON_HELP}

${TX_EXIT}
`,
  options: { key: { type: 'string' }, node: { type: 'string' } },
  positionals: { min: 1, max: 1 },
});

const changeSpec = (kind: MemberChangeKindName): CommandSpec => ({
  name: `member ${kind}`,
  usage: `Usage: tianping member ${kind} <member-key-hex|name> --key FILE [--reason TEXT] [--node URL] [--json]

Opens a proposal to ${kind} a member, signed with a validator key of the current set; the opener's tx
counts as its approval. Prints the proposal id (the tx hash) and its status.

Options:
  --key FILE        the validator's node key
  --reason TEXT     why, recorded on chain with the proposal
${COMMON_HELP}

${TX_EXIT}
`,
  options: { key: { type: 'string' }, reason: { type: 'string' }, node: { type: 'string' } },
  positionals: { min: 1, max: 1 },
});

const rotateSpec: CommandSpec = {
  name: 'member rotate-key',
  usage: `Usage: tianping member rotate-key --key OLD_FILE --new-key NEW_FILE [--node URL] [--json]

Asks to replace a member's key: the tx is signed with the current key, and the new key signs a proof
that it is held by the same member. Once the validators approve, the old key is retired for good.

Options:
  --key FILE        the member's current key
  --new-key FILE    the new key (create one with "tianping keygen")
${COMMON_HELP}

${TX_EXIT}
`,
  options: { key: { type: 'string' }, 'new-key': { type: 'string' }, node: { type: 'string' } },
  positionals: { min: 0, max: 0 },
};

const listSpec: CommandSpec = {
  name: 'member list',
  usage: `Usage: tianping member list [--node URL] [--json]

Lists every member key: name, role, status, power and public key. Keys rotated away or removed stay
listed as removed.

Options:
${COMMON_HELP}
`,
  options: { node: { type: 'string' } },
  positionals: { min: 0, max: 0 },
};

const PROPOSAL_STATUSES = ['open', 'approved', 'rejected', 'expired'] as const;

const proposalsSpec: CommandSpec = {
  name: 'member proposals',
  usage: `Usage: tianping member proposals [--status open|approved|rejected|expired] [--node URL] [--json]

Lists the governance proposals, oldest first, with their votes weighed.

Options:
  --status S        only proposals with this status
${COMMON_HELP}
`,
  options: { status: { type: 'string' }, node: { type: 'string' } },
  positionals: { min: 0, max: 0 },
};

const SUBCOMMANDS: Readonly<Record<string, SubcommandRun>> = {
  join: runJoin,
  approve: (argv, io) => runVote('approve', argv, io),
  reject: (argv, io) => runVote('reject', argv, io),
  remove: (argv, io) => runChange('remove', argv, io),
  suspend: (argv, io) => runChange('suspend', argv, io),
  reinstate: (argv, io) => runChange('reinstate', argv, io),
  'rotate-key': runRotate,
  list: runList,
  proposals: runProposals,
};

export function run(argv: readonly string[], io: CliIo): Promise<number> {
  return runSubcommand('member', USAGE, SUBCOMMANDS, argv, io);
}

const loadKey = (args: ParsedArgs, option: string): KeyPair => readKeyFile(requiredOption(args, option));

function proposalIdArgument(text: string): string {
  if (fromHex(text)?.length !== 32) throw new UsageError(`proposal id must be 64 hex characters (a tx hash), got "${text}"`);
  return text.toLowerCase();
}

/** The chain id the node runs: every tx is signed for it. */
async function connect(args: ParsedArgs): Promise<{ client: TianpingClient; chainId: string; url: string }> {
  const url = nodeUrl(stringOption(args, 'node'));
  const client = new TianpingClient(url);
  return { client, chainId: (await client.status()).chainId, url };
}

/**
 * Submits, waits for the block, and prints the proposal as it stands after it. A refusal by the node
 * (a 4xx answer: the state machine's stable code) is a negative answer, exit 1; a node that cannot
 * commit (5xx: timeout, halted, full) is an error, exit 2.
 */
async function submitAndReport(name: string, io: CliIo, args: ParsedArgs, client: TianpingClient, tx: BuiltTx,
  proposalId: string): Promise<number> {
  const txHash = toHex(tx.hash);
  const result = await submitForCommit(name, io, args, client, tx, (error) => ({ ok: false, txHash, proposalId, error }));
  if (result === EXIT_NEGATIVE) return result;
  const { height } = result;
  const proposal = await client.proposal(proposalId);
  if (args.json) printJson(io, { ok: true, txHash, height, proposalId, proposal });
  else io.stdout(describeProposal(proposal) + `  tx      ${txHash} (height ${height})\n`);
  return EXIT_OK;
}

function runJoin(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(joinSpec, argv, io, async (args) => {
    const role = requiredOption(args, 'role') as MemberRoleName;
    if (!MEMBER_ROLES.includes(role)) throw new UsageError(`--role must be one of ${MEMBER_ROLES.join(', ')}, got "${role}"`);
    const name = requiredOption(args, 'name');
    const organisation = requiredOption(args, 'org');
    const powerText = stringOption(args, 'power');
    if (powerText !== undefined && role !== 'validator') throw new UsageError('--power is for validators only');
    const power = powerText === undefined ? (role === 'validator' ? DEFAULT_VALIDATOR_POWER : 0) : positiveInteger(powerText, '--power');
    const categoriesText = stringOption(args, 'categories');
    if (categoriesText !== undefined && role !== 'submitter') throw new UsageError('--categories is for submitters only');
    const categories = (categoriesText ?? '').split(',').map((c) => c.trim()).filter((c) => c !== '');
    const evaluationReportDigest = await reportDigest(args);
    const keyPair = loadKey(args, 'key');
    const { client, chainId } = await connect(args);
    const tx = joinRequestTx({ chainId, keyPair, name, organisation, role, power, categories, addresses: listOption(args, 'address'),
      evaluationReportDigest });
    return submitAndReport(joinSpec.name, io, args, client, tx, toHex(tx.hash));
  });
}

async function reportDigest(args: ParsedArgs): Promise<Uint8Array> {
  const file = stringOption(args, 'report');
  const hex = stringOption(args, 'report-digest');
  if ((file === undefined) === (hex === undefined)) throw new UsageError('give exactly one of --report FILE and --report-digest HEX');
  if (hex !== undefined) {
    const digest = fromHex(hex);
    if (digest?.length !== 32) throw new UsageError(`--report-digest must be 64 hex characters (SHA-256), got "${hex}"`);
    return digest;
  }
  try {
    return await hashFile(file!, 'sha256');
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

function positiveInteger(text: string, flag: string): number {
  const value = /^[1-9][0-9]*$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value)) throw new UsageError(`${flag} must be a positive integer, got "${text}"`);
  return value;
}

function runVote(decision: 'approve' | 'reject', argv: readonly string[], io: CliIo): Promise<number> {
  const spec = voteSpec(decision);
  return runCommand(spec, argv, io, async (args) => {
    const proposalId = proposalIdArgument(args.positionals[0]!);
    const keyPair = loadKey(args, 'key');
    const { client, chainId } = await connect(args);
    const tx = governanceVoteTx({ chainId, keyPair, proposalId, approve: decision === 'approve' });
    return submitAndReport(spec.name, io, args, client, tx, proposalId);
  });
}

function runChange(kind: MemberChangeKindName, argv: readonly string[], io: CliIo): Promise<number> {
  const spec = changeSpec(kind);
  return runCommand(spec, argv, io, async (args) => {
    const target = args.positionals[0]!;
    const keyPair = loadKey(args, 'key');
    const { client, chainId } = await connect(args);
    const member = await resolveMember(client, target);
    const reason = stringOption(args, 'reason');
    const tx = memberChangeTx({ chainId, keyPair, kind, member, ...(reason === undefined ? {} : { reason }) });
    return submitAndReport(spec.name, io, args, client, tx, toHex(tx.hash));
  });
}

/** A public key as given, or the key that holds the name now (a rotated-away key keeps the name too). */
async function resolveMember(client: TianpingClient, target: string): Promise<string> {
  if (fromHex(target)?.length === 32) return target.toLowerCase();
  const { members } = await client.members();
  const holder = members.find((m) => m.name === target && m.status !== 'removed') ?? members.find((m) => m.name === target);
  if (holder === undefined) throw new UsageError(`no member is named "${target}" (give a name or a 64-hex public key)`);
  return holder.publicKey;
}

function runRotate(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(rotateSpec, argv, io, async (args) => {
    const keyPair = loadKey(args, 'key');
    const newKeyPair = loadKey(args, 'new-key');
    if (toHex(keyPair.publicKey) === toHex(newKeyPair.publicKey)) throw new UsageError('--new-key is the same key as --key');
    const { client, chainId } = await connect(args);
    const tx = rotateKeyTx({ chainId, keyPair, newKeyPair });
    return submitAndReport(rotateSpec.name, io, args, client, tx, toHex(tx.hash));
  });
}

function runList(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(listSpec, argv, io, async (args) => {
    const { members } = await new TianpingClient(nodeUrl(stringOption(args, 'node'))).members();
    if (args.json) printJson(io, { ok: true, members });
    else io.stdout(describeMembers(members));
    return EXIT_OK;
  });
}

function runProposals(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(proposalsSpec, argv, io, async (args) => {
    const status = stringOption(args, 'status');
    if (status !== undefined && !(PROPOSAL_STATUSES as readonly string[]).includes(status)) {
      throw new UsageError(`--status must be one of ${PROPOSAL_STATUSES.join(', ')}, got "${status}"`);
    }
    const client = new TianpingClient(nodeUrl(stringOption(args, 'node')));
    const { proposals } = await client.proposals(status === undefined ? {} : { status: status as ProposalStatusName });
    if (args.json) printJson(io, { ok: true, proposals });
    else io.stdout(proposals.length === 0 ? 'no proposals\n' : proposals.map(describeProposal).join(''));
    return EXIT_OK;
  });
}

function describeMembers(members: readonly MemberView[]): string {
  if (members.length === 0) return 'no members\n';
  const nameWidth = Math.max(4, ...members.map((m) => m.name.length));
  const header = `${'NAME'.padEnd(nameWidth)}  ${'ROLE'.padEnd(9)}  ${'STATUS'.padEnd(9)}  ${'POWER'.padStart(5)}  PUBLIC KEY`;
  const rows = members.map((m) =>
    `${m.name.padEnd(nameWidth)}  ${m.role.padEnd(9)}  ${m.status.padEnd(9)}  ${String(m.power).padStart(5)}  ${m.publicKey}`);
  return [header, ...rows].join('\n') + '\n';
}

export function describeProposal(p: ProposalView): string {
  const { approvalPower, rejectionPower, totalPower } = p.tally;
  const weighed = `approvals ${approvalPower}/${totalPower}, rejections ${rejectionPower}/${totalPower}`;
  const status = p.status === 'open' ? `open (${weighed}; more than 2/3 approves, 1/3 rejects; until ${p.expiresAt})`
    : p.status === 'expired' ? `expired at ${p.expiresAt} undecided (${weighed})`
      : `${p.status} at height ${p.decidedHeight} (${weighed})`;
  const subject = p.subjectName === '' ? p.subject : `${p.subjectName} ${p.subject}`;
  return [`proposal  ${p.id}`, `  kind    ${p.kind}`, `  subject ${subject}`, `  status  ${status}`].join('\n') + '\n';
}
