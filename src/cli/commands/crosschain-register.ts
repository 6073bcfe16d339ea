// tianping crosschain register: a validator opens the governance proposal that registers a foreign
// chain (docs/crosschain.md §1), or with --reset re-anchors a registered one. A tianping chain is
// anchored at its genesis (the set of height 1) or at a header the validators trust whose set
// announces no change (its validators are then also its next validators); a C2SP log at its key,
// witnesses and quorum. The proposal's status after the block is printed, as `tianping member` does.
import { readFileSync } from 'node:fs';
import { validatorSetHash } from '../../codec/block.js';
import { pb } from '../../codec/index.js';
import { TianpingClient, type BuiltTx, type ProposalView } from '../../client/index.js';
import { TrustAnchorError, isHeaderHashTrust, prepareTrust } from '../../client/receipt-verify.js';
import { parseTrustAnchorJson } from '../../client/trust-file.js';
import { foreignChainProposalTx, type ForeignChainRegistrationParams } from '../../client/crosschain-tx.js';
import { readKeyFile } from '../../crypto/index.js';
import { equalBytes, toHex } from '../../types/index.js';
import {
  CliError, EXIT_NEGATIVE, EXIT_OK, UsageError, booleanOption, listOption, nodeUrl, printJson, runCommand, stringOption,
  type CliIo, type CommandSpec, type ParsedArgs,
} from '../common.js';
import { requiredOption, submitForCommit } from '../subcommands.js';
import { describeProposal } from './member.js';

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const DAY_MS = 86_400_000;
const DEFAULT_TRUSTING_PERIOD = '14d';

export const registerSpec: CommandSpec = {
  name: 'crosschain register',
  usage: `Usage: tianping crosschain register --name NAME --kind tianping --genesis FOREIGN_GENESIS.json
                                   [--trusting-period 14d] --key VALIDATOR_KEY [--node URL]
       tianping crosschain register --name NAME --kind c2sp --origin ORIGIN --log-key VKEY
                                   [--witness-key VKEY ...] [--quorum K] [--trusting-period 14d]
                                   --key VALIDATOR_KEY [--node URL]

Opens the governance proposal registering a foreign chain (its tx counts as the opener's approval);
the validators vote with "tianping member approve|reject <proposal-id>". With --reset, re-anchors a
registered chain of the same kind (clears a freeze or an expiry).

Options:
  --name NAME          this chain's name for it (letters, digits, ".", "_", "-"; at most 64)
  --kind KIND          tianping or c2sp
  --genesis FILE       tianping: the foreign chain's genesis (or a trust file with a trustedHeader
                       whose set announces no change)
  --origin ORIGIN      c2sp: the checkpoints' origin line
  --log-key VKEY       c2sp: the log's signed-note verifier key
  --witness-key VKEY   c2sp: a witness's cosignature verifier key; repeat for several
  --quorum K           c2sp: how many witnesses must cosign each checkpoint (default 0)
  --trusting-period D  how long without a newer header before the chain expires: 14d, 12h, 90m or ms
                       (default ${DEFAULT_TRUSTING_PERIOD})
  --description TEXT   at most 512 bytes
  --reset              re-anchor a registered chain instead of registering a new one
  --key FILE           the validator's node key
  --node URL           node API (default http://127.0.0.1:8080)
  --json               print one JSON document
  -h, --help           show this help

Exit status: 0 committed, 1 refused by the node, 2 usage, file or connection error.
`,
  options: {
    name: { type: 'string' }, kind: { type: 'string' }, genesis: { type: 'string' }, origin: { type: 'string' },
    'log-key': { type: 'string' }, 'witness-key': { type: 'string', multiple: true }, quorum: { type: 'string' },
    'trusting-period': { type: 'string' }, description: { type: 'string' }, reset: { type: 'boolean' }, key: { type: 'string' },
    node: { type: 'string' },
  },
  positionals: { min: 0, max: 0 },
};

/** "14d", "12h", "90m", "30s" or milliseconds. */
export function parseTrustingPeriod(text: string): number {
  const match = /^([1-9][0-9]{0,12})(d|h|m|s|ms)?$/.exec(text);
  const unit = { d: DAY_MS, h: 3_600_000, m: 60_000, s: 1_000, ms: 1 }[match?.[2] as 'd' ?? 'ms'];
  const ms = match === null ? NaN : Number(match[1]) * unit;
  if (!Number.isSafeInteger(ms)) throw new UsageError(`--trusting-period must be a duration such as 14d, 12h or 90m, got "${text}"`);
  return ms;
}

type RegistrationProps = ForeignChainRegistrationParams;

function tianpingRegistration(args: ParsedArgs): Pick<RegistrationProps, 'chainId' | 'tianping'> {
  const file = requiredOption(args, 'genesis');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
  }
  let anchor;
  try {
    anchor = parseTrustAnchorJson(text);
    if (isHeaderHashTrust(anchor)) throw new UsageError(`${file}: a header hash is no light client's anchor; give a genesis or a trusted header with its set`);
    const prepared = prepareTrust(anchor);
    const nextValidators = { validators: prepared.set.validators.map((v) => ({ publicKey: v.publicKey, power: v.power })) };
    if (prepared.header === undefined) {
      return { chainId: anchor.chainId, tianping: { genesisTimeMs: prepared.timeMs ?? 0, nextValidators: nextValidators.validators } };
    }
    const header = pb.Header.decode(prepared.header);
    if (!equalBytes(validatorSetHash(prepared.set.validators), header.nextValidatorsHash)) {
      throw new UsageError(`${file}: the trusted header announces a set change, so its next set is not in the file; anchor at the next header`);
    }
    return { chainId: anchor.chainId, tianping: { header: prepared.header, nextValidators: nextValidators.validators } };
  } catch (error) {
    if (error instanceof TrustAnchorError) throw new CliError(`${file}: ${error.message}`);
    throw error;
  }
}

function c2spRegistration(args: ParsedArgs): Pick<RegistrationProps, 'chainId' | 'c2sp'> {
  const origin = requiredOption(args, 'origin');
  const witnessKeys = listOption(args, 'witness-key');
  const quorumText = stringOption(args, 'quorum') ?? '0';
  const quorum = /^[0-9]{1,2}$/.test(quorumText) ? Number(quorumText) : NaN;
  if (!(quorum <= witnessKeys.length)) {
    throw new UsageError(`--quorum must be an integer from 0 to the number of --witness-key (${witnessKeys.length}), got "${quorumText}"`);
  }
  return { chainId: origin, c2sp: { origin, logKey: requiredOption(args, 'log-key'), witnessKeys, witnessQuorum: quorum } };
}

/** The registration the flags describe; flags of the other kind are a usage error. */
export function registrationFromArgs(args: ParsedArgs): RegistrationProps {
  const name = requiredOption(args, 'name');
  if (!NAME_RE.test(name)) throw new UsageError(`--name must be 1..64 of A-Z a-z 0-9 . _ - starting with a letter or digit, got "${name}"`);
  const kind = requiredOption(args, 'kind');
  const trustingPeriodMs = parseTrustingPeriod(stringOption(args, 'trusting-period') ?? DEFAULT_TRUSTING_PERIOD);
  const description = stringOption(args, 'description') ?? '';
  const c2spFlags = ['origin', 'log-key', 'witness-key', 'quorum'].filter((f) => args.values[f] !== undefined);
  if (kind === 'tianping') {
    if (c2spFlags.length > 0) throw new UsageError(`--${c2spFlags[0]} is for --kind c2sp`);
    return { name, kind: 'tianping', trustingPeriodMs, description, ...tianpingRegistration(args) };
  }
  if (kind === 'c2sp') {
    if (args.values['genesis'] !== undefined) throw new UsageError('--genesis is for --kind tianping');
    return { name, kind: 'c2sp-checkpoint', trustingPeriodMs, description, ...c2spRegistration(args) };
  }
  throw new UsageError(`--kind must be tianping or c2sp, got "${kind}"`);
}

export function runRegister(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(registerSpec, argv, io, async (args) => {
    const registration = registrationFromArgs(args);
    const keyPair = readKeyFile(requiredOption(args, 'key'));
    const client = new TianpingClient(nodeUrl(stringOption(args, 'node')));
    const { chainId } = await client.status();
    const tx: BuiltTx = foreignChainProposalTx({ chainId, keyPair, registration, reset: booleanOption(args, 'reset') });
    const proposalId = toHex(tx.hash);
    const result = await submitForCommit(registerSpec.name, io, args, client, tx, (error) => ({ ok: false, txHash: proposalId, error }));
    if (result === EXIT_NEGATIVE) return result;
    const proposal: ProposalView = await client.proposal(proposalId);
    if (args.json) printJson(io, { ok: true, txHash: proposalId, height: result.height, proposalId, proposal });
    else io.stdout(describeProposal(proposal) + `  tx      ${proposalId} (height ${result.height})\n`);
    return EXIT_OK;
  });
}
