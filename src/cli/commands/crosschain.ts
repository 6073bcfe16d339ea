// tianping crosschain: the foreign chains this chain follows (docs/crosschain.md). Registration is
// a governance proposal a validator opens (the validators vote on it with `tianping member
// approve|reject`); `verify` asks a node for the verdict on a foreign receipt; `record` signs that
// verdict into a case as a court; `receipt` fetches a side-chain anchor's two-hop receipt.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Json } from '../../contract/http.js';
import type { CrossChainVerdictSchema, ForeignChainDetailSchema, ForeignChainsSchema, TwoHopReceiptSchema } from '../../contract/crosschain.js';
import { TianpingClient } from '../../client/index.js';
import { crossChainVerificationTx } from '../../client/crosschain-tx.js';
import { sha256 } from '../../crypto/hash.js';
import { readKeyFile } from '../../crypto/index.js';
import { fromHex, toHex } from '../../types/index.js';
import {
  CliError, EXIT_NEGATIVE, EXIT_OK, UsageError, algorithmOption, nodeUrl, printJson, runCommand, stringOption,
  type CliIo, type CommandSpec, type ParsedArgs,
} from '../common.js';
import { requiredOption, runSubcommand, submitForCommit, type SubcommandRun } from '../subcommands.js';
import { nodeJson } from './crosschain-http.js';
import { runRegister } from './crosschain-register.js';

type Verdict = Json<typeof CrossChainVerdictSchema>;

const COMMON_HELP = `  --node URL        node API (default http://127.0.0.1:8080)
  --json            print one JSON document
  -h, --help        show this help`;

const USAGE = `Usage: tianping crosschain <subcommand> [options]

Foreign chains are registered by governance: a validator opens the proposal ("register"), the
validators vote on it with "tianping member approve|reject <proposal-id>". A relayer keeps a
tianping chain's light client current ("tianping relay").

Subcommands:
  register      propose registering (or with --reset, re-anchoring) a foreign chain (validators)
  list          the foreign chains and their standing
  show          one chain: its anchor, newest trusted headers and freeze record
  verify        check a foreign receipt against the light client (prints the verdict)
  record        verify, then record the verdict under a case (courts)
  receipt       fetch the two-hop receipt of a side-chain anchor

Run "tianping crosschain <subcommand> --help" for its options.
`;

const listSpec: CommandSpec = {
  name: 'crosschain list',
  usage: `Usage: tianping crosschain list [--node URL] [--json]\n\nLists the foreign chains with their standing at the newest block time.\n\nOptions:\n${COMMON_HELP}\n`,
  options: { node: { type: 'string' } },
  positionals: { min: 0, max: 0 },
};

const showSpec: CommandSpec = {
  name: 'crosschain show',
  usage: `Usage: tianping crosschain show NAME [--node URL] [--json]\n\nShows a foreign chain: its trust anchor, its newest trusted headers and its freeze record.\n\nOptions:\n${COMMON_HELP}\n`,
  options: { node: { type: 'string' } },
  positionals: { min: 1, max: 1 },
};

const verifySpec: CommandSpec = {
  name: 'crosschain verify',
  usage: `Usage: tianping crosschain verify --chain NAME --receipt FILE [--digest HEX] [--node URL] [--json]

Asks the node to check a foreign receipt (the foreign chain's receipt JSON, or a log proof) against
its light client of chain NAME, and prints every check.

Options:
  --chain NAME      the foreign chain's registered name
  --receipt FILE    the foreign receipt (JSON)
  --digest HEX      the file's SHA-256 when it is not the receipt's own digest
${COMMON_HELP}

Exit status: 0 valid, 1 not valid, 2 usage, file or connection error (or a frozen, expired, unknown chain).
`,
  options: { chain: { type: 'string' }, receipt: { type: 'string' }, digest: { type: 'string' }, node: { type: 'string' } },
  positionals: { min: 0, max: 0 },
};

const recordSpec: CommandSpec = {
  name: 'crosschain record',
  usage: `Usage: tianping crosschain record --case CASENO --chain NAME --receipt FILE --key COURT_KEY [--digest HEX] [--node URL] [--json]

Verifies the foreign receipt through the node (as "crosschain verify"), then signs the verdict with
the court's key as a CrossChainVerification of the case and waits for its block.

Options:
  --case CASENO     the case the verification belongs to
  --chain NAME      the foreign chain's registered name
  --receipt FILE    the foreign receipt (JSON)
  --key FILE        the court's member key
  --digest HEX      the file's SHA-256 when it is not the receipt's own digest
${COMMON_HELP}

Exit status: 0 recorded, 1 refused by the node, 2 usage, file or connection error.
`,
  options: { case: { type: 'string' }, chain: { type: 'string' }, receipt: { type: 'string' }, key: { type: 'string' },
    digest: { type: 'string' }, node: { type: 'string' } },
  positionals: { min: 0, max: 0 },
};

const receiptSpec: CommandSpec = {
  name: 'crosschain receipt',
  usage: `Usage: tianping crosschain receipt --chain NAME --digest HEX --out FILE [--algorithm sha256|sm3] [--node URL] [--json]

Fetches the two-hop receipt of an anchor on side chain NAME (GET /v1/crosschain/NAME/receipt) and
writes it to FILE; "tianping verify --receipt FILE --trust MAIN_GENESIS" checks it offline.

Options:
  --chain NAME      the side chain's registered name
  --digest HEX      the anchored digest, 64 hex characters
  --out FILE        where to write the receipt JSON
  --algorithm A     sha256 (default) or sm3
${COMMON_HELP}
`,
  options: { chain: { type: 'string' }, digest: { type: 'string' }, out: { type: 'string' }, algorithm: { type: 'string' },
    node: { type: 'string' } },
  positionals: { min: 0, max: 0 },
};

const SUBCOMMANDS: Readonly<Record<string, SubcommandRun>> = {
  register: runRegister, list: runList, show: runShow, verify: runVerify, record: runRecord, receipt: runReceipt,
};

export function run(argv: readonly string[], io: CliIo): Promise<number> {
  return runSubcommand('crosschain', USAGE, SUBCOMMANDS, argv, io);
}

const base = (args: ParsedArgs): string => nodeUrl(stringOption(args, 'node'));

function runList(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(listSpec, argv, io, async (args) => {
    const found = await nodeJson<Json<typeof ForeignChainsSchema>>(`${base(args)}/v1/crosschain/chains`);
    if (args.json) printJson(io, { ok: true, ...found });
    else if (found.chains.length === 0) io.stdout('no foreign chains\n');
    else {
      io.stdout(found.chains.map((c) => `${c.name.padEnd(20)} ${c.kind.padEnd(15)} ${c.standing.padEnd(8)} height ${c.latestHeight}`
        + `  expires ${c.expiresAt}  ${c.chainId}`).join('\n') + '\n');
    }
    return EXIT_OK;
  });
}

function runShow(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(showSpec, argv, io, async (args) => {
    const name = args.positionals[0]!;
    const chain = await nodeJson<Json<typeof ForeignChainDetailSchema>>(`${base(args)}/v1/crosschain/chains/${encodeURIComponent(name)}`);
    if (args.json) {
      printJson(io, { ok: true, chain });
      return EXIT_OK;
    }
    const lines = [`chain     ${chain.name} (${chain.kind}) ${chain.chainId}`, `  standing  ${chain.standing}, epoch ${chain.epoch}`,
      `  latest    height ${chain.latestHeight} ${chain.latestHash}`, `  expires   ${chain.expiresAt}`,
      ...(chain.freeze === undefined ? [] : [`  frozen    at height ${chain.freeze.mainHeight}: ${chain.freeze.firstHash} vs `
        + `${chain.freeze.secondHash} at ${chain.freeze.height}`]),
      ...chain.trustedHeaders.map((h) => `  trusted   ${String(h.height).padStart(8)} ${h.hash} (main height ${h.mainHeight})`)];
    io.stdout(lines.join('\n') + '\n');
    return EXIT_OK;
  });
}

function readReceiptFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CliError(`${path} is not JSON: ${(error as Error).message}`);
  }
}

function digestOption(args: ParsedArgs): string | undefined {
  const digest = stringOption(args, 'digest');
  if (digest !== undefined && fromHex(digest)?.length !== 32) throw new UsageError(`--digest must be 64 hex characters, got "${digest}"`);
  return digest?.toLowerCase();
}

interface VerifyFlags {
  readonly chain: string;
  readonly path: string;
  readonly digest: string | undefined;
}

/** The flags of a verification, checked before any file is read or request made. */
function verifyFlags(args: ParsedArgs): VerifyFlags {
  return { chain: requiredOption(args, 'chain'), path: requiredOption(args, 'receipt'), digest: digestOption(args) };
}

async function verdictOf(args: ParsedArgs, { chain, path, digest }: VerifyFlags): Promise<Verdict> {
  const receipt = readReceiptFile(path);
  return nodeJson<Verdict>(`${base(args)}/v1/crosschain/verify`,
    { method: 'POST', body: { chain, receipt, ...(digest === undefined ? {} : { digest }) } });
}

function describeVerdict(v: Verdict): string {
  const head = v.valid ? `VALID: ${v.chain} (${v.kind}) proves ${v.digest} at foreign height ${v.foreignHeight}`
    : `NOT VALID: ${v.chain} (${v.kind}): check ${v.failedCheck ?? '?'} failed: ${v.reason ?? ''}`;
  return [head, ...v.checks.map((c) => `  ${c.ok ? 'ok  ' : 'FAIL'} ${c.id.padEnd(20)} ${c.detail}`),
    ...(v.skipped ?? []).map((id) => `  skip ${id}`)].join('\n') + '\n';
}

function runVerify(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(verifySpec, argv, io, async (args) => {
    const verdict = await verdictOf(args, verifyFlags(args));
    if (args.json) printJson(io, { ok: true, verdict });
    else io.stdout(describeVerdict(verdict));
    return verdict.valid ? EXIT_OK : EXIT_NEGATIVE;
  });
}

function runRecord(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(recordSpec, argv, io, async (args) => {
    const caseNo = requiredOption(args, 'case');
    const flags = verifyFlags(args);
    const keyPair = readKeyFile(requiredOption(args, 'key'));
    const verdict = await verdictOf(args, flags);
    const client = new TianpingClient(base(args));
    const { chainId } = await client.status();
    if (verdict.digest === '') throw new CliError('the verdict names no item digest: there is nothing to record');
    const tx = crossChainVerificationTx({
      chainId, keyPair, caseNo, name: verdict.chain, algorithm: verdict.algorithm ?? 'sha256', digest: verdict.digest, valid: verdict.valid,
      failedCheck: verdict.failedCheck ?? '', foreignHeight: verdict.foreignHeight, receiptDigest: verdict.receiptDigest,
      ...(verdict.platform === '' ? {} : { platform: verdict.platform }),
    });
    const txHash = toHex(tx.hash);
    const result = await submitForCommit(recordSpec.name, io, args, client, tx, (error) => ({ ok: false, txHash, verdict, error }));
    if (result === EXIT_NEGATIVE) return result;
    if (args.json) printJson(io, { ok: true, txHash, height: result.height, verdict });
    else io.stdout(describeVerdict(verdict) + `recorded under case ${caseNo}: tx ${txHash} (height ${result.height})\n`);
    return EXIT_OK;
  });
}

function runReceipt(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(receiptSpec, argv, io, async (args) => {
    const name = requiredOption(args, 'chain');
    const digest = digestOption(args);
    if (digest === undefined) throw new UsageError('--digest is required');
    const out = requiredOption(args, 'out');
    const algorithm = algorithmOption(stringOption(args, 'algorithm'));
    const receipt = await nodeJson<Json<typeof TwoHopReceiptSchema>>(
      `${base(args)}/v1/crosschain/${encodeURIComponent(name)}/receipt?digest=${digest}&algorithm=${algorithm}`);
    const text = JSON.stringify(receipt, null, 2) + '\n';
    try {
      writeFileSync(out, text);
    } catch (error) {
      throw new CliError(`cannot write ${out}: ${(error as Error).message}`);
    }
    if (args.json) printJson(io, { ok: true, out, chainId: receipt.chainId, name, sha256: toHex(sha256(new TextEncoder().encode(text))) });
    else io.stdout(`two-hop receipt of ${digest} on ${name} (main chain ${receipt.chainId}) written to ${out}\n`);
    return EXIT_OK;
  });
}
