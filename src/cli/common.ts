// What every command shares: argument parsing that turns mistakes into usage errors, the exit-code
// convention, and the one-line error report. Commands stay small and uniform because of it.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ApiError, ClientError } from '../client/index.js';
import { ConfigError } from '../config/index.js';
import { KeyFileError } from '../crypto/index.js';
import { GenesisError } from '../state/genesis.js';

/** 0: done (or anchored). 1: a negative answer (not anchored, refused by the node). 2: error. */
export const EXIT_OK = 0;
export const EXIT_NEGATIVE = 1;
export const EXIT_ERROR = 2;

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface CommandSpec {
  readonly name: string;
  readonly usage: string;
  readonly options: NonNullable<ParseArgsConfig['options']>;
  readonly positionals: { readonly min: number; readonly max: number };
}

export interface ParsedArgs {
  readonly values: Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;
  readonly positionals: string[];
  readonly json: boolean;
}

/** Bad flags, missing arguments, impossible combinations: the user must change the command line. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** An expected failure to report in one line (missing file, existing genesis), not a bug. */
export class CliError extends Error {
  override name = 'CliError';
  constructor(message: string, readonly exitCode: number = EXIT_ERROR) {
    super(message);
  }
}

export const COMMON_OPTIONS = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function parseCommandArgs(spec: CommandSpec, argv: readonly string[]): ParsedArgs {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options: { ...COMMON_OPTIONS, ...spec.options }, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs explains well ("Unknown option '--prot'"); drop its advice about '--' separators.
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
  const { positionals } = parsed;
  if (positionals.length < spec.positionals.min) {
    throw new UsageError(spec.positionals.min === 1 ? 'missing argument' : `expects at least ${spec.positionals.min} arguments`);
  }
  if (positionals.length > spec.positionals.max) throw new UsageError(`unexpected argument "${positionals[spec.positionals.max]}"`);
  return { values: parsed.values, positionals, json: parsed.values['json'] === true };
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
}

export function listOption(args: ParsedArgs, name: string): string[] {
  const value = args.values[name];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function booleanOption(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true;
}

/** Runs a command: --help, argument errors and typed failures all end in an exit code here. */
export async function runCommand(spec: CommandSpec, argv: readonly string[], io: CliIo,
  body: (args: ParsedArgs) => Promise<number>): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(spec.usage.trimEnd() + '\n');
    return EXIT_OK;
  }
  const json = argv.includes('--json');
  try {
    return await body(parseCommandArgs(spec, argv));
  } catch (error) {
    const { message, code, exitCode } = describeFailure(error);
    const hint = error instanceof UsageError ? ` (see "tianping ${spec.name} --help")` : '';
    io.stderr(`tianping ${spec.name}: ${message}${hint}\n`);
    if (json) io.stdout(JSON.stringify({ ok: false, error: { code, message } }) + '\n');
    return exitCode;
  }
}

function describeFailure(error: unknown): { message: string; code: string; exitCode: number } {
  const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ');
  if (error instanceof UsageError) return { message: oneLine(error.message), code: 'USAGE', exitCode: EXIT_ERROR };
  if (error instanceof CliError) return { message: oneLine(error.message), code: 'FAILED', exitCode: error.exitCode };
  if (error instanceof ApiError || error instanceof ClientError || error instanceof ConfigError) {
    return { message: oneLine(error.message), code: error.code, exitCode: EXIT_ERROR };
  }
  if (error instanceof KeyFileError) return { message: oneLine(error.message), code: 'KEY_FILE', exitCode: EXIT_ERROR };
  if (error instanceof GenesisError) return { message: oneLine(error.message), code: error.code, exitCode: EXIT_ERROR };
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return { message: oneLine(message), code: typeof code === 'string' ? code : 'INTERNAL', exitCode: EXIT_ERROR };
}

export function printJson(io: CliIo, document: unknown): void {
  io.stdout(JSON.stringify(document, null, 2) + '\n');
}

export const isoTime = (ms: number): string => new Date(ms).toISOString();

/** The time in the reader's own zone, labelled, for people reading a verification. */
export function localTime(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'long' });
}

/** --node URL: only http(s), so a typo such as "127.0.0.1:8080" gets a clear message. */
export function nodeUrl(value: string | undefined): string {
  return httpUrlOption('node', value ?? DEFAULT_NODE_URL, DEFAULT_NODE_URL);
}

/** An http(s) URL option, returned as given; anything else is a usage error naming --`option`. */
export function httpUrlOption(option: string, text: string, example?: string): string {
  let protocol: string | undefined;
  try {
    protocol = new URL(text).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new UsageError(`--${option} "${text}" must be an http:// or https:// URL${example === undefined ? '' : `, e.g. ${example}`}`);
  }
  return text;
}

export const DEFAULT_NODE_URL = 'http://127.0.0.1:8080';

export function algorithmOption(value: string | undefined): 'sha256' | 'sm3' {
  const algorithm = value ?? 'sha256';
  if (algorithm !== 'sha256' && algorithm !== 'sm3') throw new UsageError(`--algorithm must be sha256 or sm3, got "${algorithm}"`);
  return algorithm;
}
