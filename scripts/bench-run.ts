// What the benches on a local testnet (bench:net, bench:batch, bench:contracts) share around their
// measurements: the command line (usage errors, whole numbers, --node-env, --cpu-prof), the entry
// point with its exit codes, the run of testnets in a temporary directory that a signal stops, the
// warm-up that proves a fresh testnet commits, and the wait for the mempools to drain.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { keepAliveAgent, postJson, sleep, type PresignedTx } from './bench-lib.js';
import type { StatusPoller } from './bench-chain.js';
import { stopAll, type TestnetNodeHandle } from './testnet-lib.js';

export const EXIT_OK = 0;
export const EXIT_ERROR = 2;

/** A mistake on the command line: reported with a pointer to --help, exit 2. */
export class UsageError extends Error {}

/** Every node of a bench logs warnings only, unless --node-env says otherwise. */
const NODE_ENV: Readonly<Record<string, string>> = { TIANPING_LOG_LEVEL: 'warn' };

/** The options' values, strictly parsed: no positionals, an unknown option a UsageError. */
export function parseOptions<const O extends NonNullable<ParseArgsConfig['options']>>(argv: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...argv], allowPositionals: false, strict: true, options }).values;
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
}

/**
 * The value of --name: the fallback when absent, else digits (and underscores, 1_000, where
 * allowed) whose number lies in min..max (or at least min when there is no max); otherwise a
 * UsageError that names the range.
 */
export function wholeNumber(name: string, text: string | undefined, fallback: number, min: number, max?: number,
  o: { readonly underscores?: boolean } = {}): number {
  if (text === undefined) return fallback;
  const clean = o.underscores === true ? text.replace(/_/g, '') : text;
  if (/^[0-9]+$/.test(clean) && Number(clean) >= min && (max === undefined || Number(clean) <= max)) return Number(clean);
  throw new UsageError(max === undefined ? `--${name} must be a whole number >= ${min}, got "${text}"`
    : `--${name} must be a whole number in ${min}..${max}, got "${text}"`);
}

/** The nodes' environment: warnings only, and every --node-env TIANPING_NAME=VALUE. */
export function nodeEnvOption(items: readonly string[] | undefined): Record<string, string> {
  const nodeEnv: Record<string, string> = { ...NODE_ENV };
  for (const item of items ?? []) {
    const match = /^(TIANPING_[A-Z0-9_]+)=(.*)$/s.exec(item);
    if (match === null) throw new UsageError(`--node-env must be TIANPING_NAME=VALUE, got "${item}"`);
    nodeEnv[match[1]!] = match[2]!;
  }
  return nodeEnv;
}

/** --cpu-prof DIR as an absolute path: the nodes run in other directories. */
export const cpuProfOption = (text: string | undefined): string | undefined =>
  (text === undefined ? undefined : isAbsolute(text) ? text : resolve(text));

/**
 * Runs a bench: its usage on --help, else run(args); exits with run's code, or 2 after one line
 * `NAME: message` on stderr (a usage error pointing to --help).
 */
export function benchMain<A>(name: string, usage: string, parse: (argv: readonly string[]) => A | 'help',
  run: (args: A) => Promise<number>): void {
  const main = async (): Promise<number> => {
    const args = parse(process.argv.slice(2));
    if (args === 'help') {
      process.stdout.write(usage);
      return EXIT_OK;
    }
    return run(args);
  };
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      const hint = error instanceof UsageError ? ` (see "npm run ${name} -- --help")` : '';
      process.stderr.write(`${name}: ${message}${hint}\n`);
      process.exit(EXIT_ERROR);
    },
  );
}

/** On SIGINT or SIGTERM: says so, runs cleanUp (stop the nodes, remove the directory), then exits 2. */
export function onStopSignals(log: (message: string) => void, cleanUp: () => Promise<void>): void {
  const onSignal = (signal: NodeJS.Signals): void => {
    log(`${signal}: stopping`);
    void cleanUp().finally(() => process.exit(EXIT_ERROR));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

/** The nodes a bench runs now, in its temporary directory; the bench sets handles once they start. */
export interface TestnetRun {
  readonly dir: string;
  handles: TestnetNodeHandle[];
}

/**
 * Runs phases with a fresh temporary directory (prefix: its name's start). A SIGINT or SIGTERM
 * stops the nodes, removes the directory unless keep, and exits 2. Once the phases end, the nodes
 * are stopped and report() gets what the phases returned and how each node that did not exit
 * with 0 ended; then, or when the phases fail, the directory is removed unless keep (said in the log).
 */
export async function withTestnet<T>(o: { readonly prefix: string; readonly keep: boolean; readonly log: (message: string) => void },
  phases: (run: TestnetRun) => Promise<T>, report: (result: T, unclean: readonly string[]) => void): Promise<void> {
  const run: TestnetRun = { dir: mkdtempSync(join(tmpdir(), o.prefix)), handles: [] };
  let stopping: Promise<void> | undefined;
  const stopNodes = (): Promise<void> => (stopping ??= stopAll(run.handles));
  onStopSignals(o.log, async () => {
    await stopNodes();
    if (!o.keep) rmSync(run.dir, { recursive: true, force: true });
  });
  try {
    const result = await phases(run);
    await stopNodes();
    const exits = await Promise.all(run.handles.map((h) => h.exited));
    report(result, exits.filter((e) => e.code !== 0).map((e) => e.signal ?? `code ${e.code}`));
  } finally {
    await stopNodes();
    if (o.keep) o.log(`testnet kept in ${run.dir}`);
    else rmSync(run.dir, { recursive: true, force: true });
  }
}

/** The commit wait of a warm-up tx. */
const WARM_UP_COMMIT_WAIT_MS = 60_000;

/**
 * Tx i through validator i (modulo their number), each waited for until committed: the mesh, gossip
 * and block production all work. A tx not committed is an error naming `warm-up WHAT through NODE`
 * (and `of CHAIN` where chainId is given).
 */
export async function warmUp(handles: readonly TestnetNodeHandle[], txs: readonly PresignedTx[],
  o: { readonly what: string; readonly submitTimeoutMs: number; readonly chainId?: string }): Promise<void> {
  const agent = keepAliveAgent(1);
  try {
    for (const [i, tx] of txs.entries()) {
      const handle = handles[i % handles.length]!;
      const answer = await postJson(agent, new URL(handle.node.apiUrl), `/v1/txs?wait=commit&timeoutMs=${WARM_UP_COMMIT_WAIT_MS}`,
        tx.jsonBody, WARM_UP_COMMIT_WAIT_MS + o.submitTimeoutMs);
      if (answer.status !== 200) {
        const of = o.chainId === undefined ? '' : ` of ${o.chainId}`;
        throw new Error(`warm-up ${o.what} through ${handle.name}${of} failed: ${answer.status} ${answer.body}`);
      }
    }
  } finally {
    agent.destroy();
  }
}

/** Waits until every validator's mempool is empty, or timeoutMs; logs progress() every progressEveryMs meanwhile. */
export async function drainMempools(poller: StatusPoller, o: { readonly timeoutMs: number; readonly progressEveryMs: number;
  readonly pollMs: number; readonly progress: () => string; readonly log: (message: string) => void }): Promise<{ drained: boolean; ms: number }> {
  const startMs = Date.now();
  let lastLogMs = startMs;
  while (Date.now() - startMs < o.timeoutMs) {
    await poller.poll();
    if (poller.statuses.every((s) => s !== undefined && s.mempoolSize === 0)) return { drained: true, ms: Date.now() - startMs };
    if (Date.now() - lastLogMs >= o.progressEveryMs) {
      lastLogMs = Date.now();
      o.log(`  draining: ${o.progress()}`);
    }
    await sleep(o.pollMs);
  }
  return { drained: false, ms: Date.now() - startMs };
}
