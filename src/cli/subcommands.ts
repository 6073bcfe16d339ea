// What the commands with subcommands that sign txs (member, case, payout) share: the dispatch of
// `tianping GROUP SUB ...`, a required option, submitting a tx and waiting for its block with the
// node's refusal reported as a negative answer, the same for a read, and a committed tx's facts printed.
import { ApiError, type BuiltTx, type SubmitResult, type TianpingClient } from '../client/index.js';
import { toHex } from '../types/index.js';
import {
  CliError, EXIT_ERROR, EXIT_NEGATIVE, EXIT_OK, UsageError, printJson, stringOption, type CliIo, type ParsedArgs,
} from './common.js';

export type SubcommandRun = (argv: readonly string[], io: CliIo) => Promise<number>;

/**
 * Runs `tianping GROUP SUB ...`: no subcommand prints the usage to stderr (exit 2), --help to stdout
 * (exit 0); an unknown one is a usage error, also as a JSON document when --json is among the arguments.
 */
export async function runSubcommand(group: string, usage: string, subcommands: Readonly<Record<string, SubcommandRun>>,
  argv: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    (sub === undefined ? io.stderr : io.stdout)(usage);
    return sub === undefined ? EXIT_ERROR : EXIT_OK;
  }
  const command = Object.hasOwn(subcommands, sub) ? subcommands[sub] : undefined;
  if (command === undefined) {
    io.stderr(`tianping ${group}: unknown subcommand "${sub}" (see "tianping ${group} --help")\n`);
    if (argv.includes('--json')) io.stdout(JSON.stringify({ ok: false, error: { code: 'USAGE', message: `unknown subcommand "${sub}"` } }) + '\n');
    return EXIT_ERROR;
  }
  return command(rest, io);
}

export function requiredOption(args: ParsedArgs, name: string): string {
  const value = stringOption(args, name);
  if (value === undefined || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

export type CommittedTx = Extract<SubmitResult, { readonly status: 'committed' }>;

/**
 * Submits and waits for the block. A refusal by the node (4xx: the state machine's stable code) is
 * a negative answer: `tianping NAME: refused: ...` on stderr, under --json the document refusal()
 * makes of the code and message on stdout, and EXIT_NEGATIVE (1) for the caller to return. A node
 * that cannot commit (5xx: timeout, halted, full), or a tx accepted but not yet committed, is an
 * error, thrown (exit 2).
 */
export async function submitForCommit(name: string, io: CliIo, args: ParsedArgs, client: TianpingClient, tx: BuiltTx,
  refusal: (error: { code: string; message: string }) => Readonly<Record<string, unknown>>): Promise<CommittedTx | typeof EXIT_NEGATIVE> {
  let result: SubmitResult;
  try {
    result = await client.submit(tx.bytes, { wait: 'commit' });
  } catch (error) {
    if (!(error instanceof ApiError) || error.status >= 500) throw error;
    io.stderr(`tianping ${name}: refused: ${error.message}\n`);
    if (args.json) printJson(io, refusal({ code: error.code, message: error.message }));
    return EXIT_NEGATIVE;
  }
  if (result.status !== 'committed') throw new CliError(`tx ${toHex(tx.hash)} was accepted but has not committed yet`);
  return result;
}

/**
 * A read whose 4xx answer (an unknown case or order, a key that may not read it) is the node's
 * negative answer: exit 1 with its code; the rest is an error.
 */
export async function negativeAnswer(name: string, io: CliIo, args: ParsedArgs, read: () => Promise<number>): Promise<number> {
  try {
    return await read();
  } catch (error) {
    if (!(error instanceof ApiError) || error.status >= 500) throw error;
    io.stderr(`tianping ${name}: refused: ${error.message}\n`);
    if (args.json) printJson(io, { ok: false, error: { code: error.code, message: error.message } });
    return EXIT_NEGATIVE;
  }
}

/** Submits and waits for the block; prints the facts of what was committed, or of what was refused (exit 1). */
export async function submitAndReport(name: string, io: CliIo, args: ParsedArgs, client: TianpingClient, tx: BuiltTx,
  facts: Readonly<Record<string, unknown>>): Promise<number> {
  const txHash = toHex(tx.hash);
  const result = await submitForCommit(name, io, args, client, tx, (error) => ({ ok: false, ...facts, txHash, error }));
  if (result === EXIT_NEGATIVE) return result;
  if (args.json) printJson(io, { ok: true, ...facts, txHash, height: result.height, blockTime: result.blockTime });
  else {
    const lines = Object.entries(facts).map(([key, value]) => `${key.padEnd(12)}${String(value)}`);
    io.stdout([...lines, `${'tx'.padEnd(12)}${txHash}`, `${'height'.padEnd(12)}${result.height}`, `${'time'.padEnd(12)}${result.blockTime}`]
      .join('\n') + '\n');
  }
  return EXIT_OK;
}
