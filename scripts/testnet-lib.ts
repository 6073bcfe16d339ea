// A local multi-node testnet on 127.0.0.1, for people (scripts/testnet.ts) and for end-to-end tests:
// generate the files (testnet-files.ts), start each node as its own OS process with its log in
// DIR/<name>/node.log, wait until it answers, and stop it (SIGTERM, then SIGKILL if it hangs).
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { nodeByName, TestnetError, type TestnetLayout, type TestnetNode } from './testnet-files.js';

export * from './testnet-files.js';

export const HEALTH_TIMEOUT_MS = 60_000;
export const STOP_GRACE_MS = 10_000;
const POLL_INTERVAL_MS = 200;
const PROBE_TIMEOUT_MS = 2_000;
const LOG_TAIL_LINES = 20;

export interface ExitInfo {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface TestnetNodeHandle {
  readonly name: string;
  readonly node: TestnetNode;
  readonly pid: number;
  /** Settles once the process has exited, whatever the reason. */
  readonly exited: Promise<ExitInfo>;
  running(): boolean;
  /** Sends the signal (default SIGTERM: a clean stop) and waits for the process to exit. */
  stop(signal?: NodeJS.Signals): Promise<ExitInfo>;
  /** SIGKILL: no shutdown code runs, as in a crash. */
  kill9(): Promise<ExitInfo>;
  /** Resolves once GET /healthz answers 200 and /v1/status names this node's key. */
  waitHealthy(timeoutMs?: number): Promise<void>;
  /** The last lines this process wrote to its log. */
  logTail(lines?: number): string;
}

export interface StartOptions {
  /** Added to the environment of the node processes (whose own TIANPING_* variables are removed). */
  readonly env?: Readonly<Record<string, string>>;
}

/** Starts one node of the layout; it is not yet healthy when this returns (see waitHealthy). */
export function startTestnetNode(layout: TestnetLayout, name: string, options: StartOptions = {}): TestnetNodeHandle {
  const node = nodeByName(layout, name);
  const [executable, ...args] = node.command;
  if (executable === undefined) throw new TestnetError(`${name}: empty command`);
  // The log is appended to, so a restart keeps the earlier run's lines; the tail shows only this run's.
  const logStartBytes = existsSync(node.logFile) ? statSync(node.logFile).size : 0;
  const logFd = openSync(node.logFile, 'a');
  let child;
  try {
    child = spawn(executable, args, { cwd: node.dataDir, env: nodeEnv(options.env), detached: false,
      stdio: ['ignore', logFd, logFd] });
  } finally {
    closeSync(logFd);
  }
  const pid = child.pid;
  if (pid === undefined) throw new TestnetError(`${name}: could not start ${executable} (see ${node.logFile})`);
  let exitInfo: ExitInfo | undefined;
  const exited = new Promise<ExitInfo>((resolve) => {
    child.once('exit', (code, signal) => resolve(exitInfo = { code, signal }));
  });
  const logTail = (lines = LOG_TAIL_LINES): string => readLogTail(node.logFile, logStartBytes, lines);
  const signal = async (sig: NodeJS.Signals): Promise<ExitInfo> => {
    if (exitInfo === undefined) child.kill(sig);
    return exited;
  };
  return {
    name, node, pid, exited, logTail,
    running: () => exitInfo === undefined,
    stop: (sig = 'SIGTERM') => signal(sig),
    kill9: () => signal('SIGKILL'),
    waitHealthy: (timeoutMs = HEALTH_TIMEOUT_MS) => waitHealthy(node, () => exitInfo, logTail, timeoutMs),
  };
}

/**
 * Checks that every port is free, starts every node and waits until all are healthy. If one
 * fails, the ones already started are stopped before the error is thrown.
 */
export async function startTestnet(layout: TestnetLayout,
  options: StartOptions & { readonly healthTimeoutMs?: number } = {}): Promise<TestnetNodeHandle[]> {
  await checkPortsFree(layout);
  const handles: TestnetNodeHandle[] = [];
  try {
    for (const node of layout.nodes) handles.push(startTestnetNode(layout, node.name, options));
    await Promise.all(handles.map((handle) => handle.waitHealthy(options.healthTimeoutMs)));
  } catch (error) {
    await stopAll(handles);
    throw error;
  }
  return handles;
}

export interface StopOptions {
  /** How long to wait after SIGTERM before SIGKILL. */
  readonly graceMs?: number;
  /**
   * Wait this long for the processes to exit on their own before signalling them: after Ctrl-C
   * in a terminal every process of the foreground group has had SIGINT already, and a second
   * signal would make a node skip its clean stop.
   */
  readonly waitFirstMs?: number;
}

/** SIGTERM to each running node, then SIGKILL to those still running after the grace period. */
export async function stopAll(handles: readonly TestnetNodeHandle[], options: StopOptions = {}): Promise<void> {
  const running = (): TestnetNodeHandle[] => handles.filter((h) => h.running());
  if ((options.waitFirstMs ?? 0) > 0) await allExitedWithin(running(), options.waitFirstMs ?? 0);
  const terminated = running();
  for (const handle of terminated) void handle.stop('SIGTERM');
  await allExitedWithin(terminated, options.graceMs ?? STOP_GRACE_MS);
  await Promise.all(running().map((handle) => handle.kill9()));
}

/** Binds each API and p2p port once: a port in use would make a node fail, or a stale node answer. */
export async function checkPortsFree(layout: TestnetLayout): Promise<void> {
  for (const node of layout.nodes) {
    for (const [port, what] of [[node.apiPort, 'API'], [node.p2pPort, 'p2p']] as const) {
      if (!(await portFree(port))) {
        throw new TestnetError(`port ${port} (${node.name} ${what}) is in use on 127.0.0.1: is this testnet already running `
          + `(pids in ${layout.dir}/nodes.json)? Stop it, or make a testnet with another --base-port`);
      }
    }
  }
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function allExitedWithin(handles: readonly TestnetNodeHandle[], timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
  await Promise.race([Promise.all(handles.map((h) => h.exited)), timeout]);
  clearTimeout(timer);
}

/** The node's own config is its truth: a TIANPING_API_PORT in the caller's shell must not move it. */
/**
 * glibc malloc settings a node runs with when jemalloc is not there (docs/configuration.md,
 * "Memory"): at most 2 arenas, and fixed 128 KiB mmap and trim thresholds. By default glibc raises
 * its mmap threshold to the size of each large block freed, so later large buffers (blocks synced
 * in batches, protobuf frames) come from the main heap, which then keeps its high-water mark.
 */
export const NODE_MALLOC_ENV: Readonly<Record<string, string>> = Object.freeze({
  MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072', MALLOC_TRIM_THRESHOLD_: '131072',
});

/** Where Debian's libjemalloc2 puts the library (x86-64, arm64), and where the Dockerfile links it. */
const JEMALLOC_LIBS = [
  '/usr/local/lib/libjemalloc.so.2', '/usr/lib/x86_64-linux-gnu/libjemalloc.so.2', '/usr/lib/aarch64-linux-gnu/libjemalloc.so.2',
];
/**
 * jemalloc's settings for a node: 2 arenas, and a background thread that returns freed pages to
 * the system after its decay time whether or not the node allocates again.
 */
export const NODE_JEMALLOC_CONF = 'background_thread:true,narenas:2';

export function findJemallocLib(): string | undefined {
  return JEMALLOC_LIBS.find((path) => existsSync(path));
}

/**
 * The allocator environment of a node the scripts start (the Dockerfile and the systemd unit set
 * the same): jemalloc preloaded when the machine has it, since glibc's main arena keeps the
 * high-water mark of the small buffers a node frees in bursts (freed pages inside its heap are
 * never returned: RSS that steps up at each stall and never comes back, docs/reliability.md);
 * the glibc settings otherwise (and alongside: jemalloc ignores them). The environment of the
 * caller overrides them.
 */
export function nodeMallocEnv(): Record<string, string> {
  const jemalloc = findJemallocLib();
  return { ...NODE_MALLOC_ENV, ...(jemalloc === undefined ? {} : { LD_PRELOAD: jemalloc, MALLOC_CONF: NODE_JEMALLOC_CONF }) };
}

function nodeEnv(extra: StartOptions['env']): Record<string, string> {
  const env: Record<string, string> = nodeMallocEnv();
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !name.startsWith('TIANPING_')) env[name] = value;
  }
  return { ...env, ...extra };
}

async function waitHealthy(node: TestnetNode, exitOf: () => ExitInfo | undefined, logTail: (lines?: number) => string,
  timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const withLog = (message: string): TestnetError =>
    new TestnetError(`${message}; last lines of ${node.logFile}:\n${indent(logTail())}`);
  for (;;) {
    const exit = exitOf();
    if (exit !== undefined) {
      throw withLog(`${node.name} exited (${exit.signal ?? `code ${exit.code}`}) before answering GET ${node.apiUrl}/healthz`);
    }
    const answer = await probe(node);
    if (answer === 'healthy') return;
    if (answer === 'other') {
      throw withLog(`another node, not ${node.name} (${node.nodeId}), answers on ${node.apiUrl}`);
    }
    if (Date.now() >= deadline) {
      throw withLog(`${node.name} did not answer GET ${node.apiUrl}/healthz within ${Math.round(timeoutMs / 1000)} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}

async function probe(node: TestnetNode): Promise<'healthy' | 'not-yet' | 'other'> {
  try {
    const health = await fetch(`${node.apiUrl}/healthz`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    if (!health.ok) return 'not-yet';
    const status = await fetch(`${node.apiUrl}/v1/status`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    const body = (await status.json()) as { nodeId?: unknown };
    return body.nodeId === node.nodeId ? 'healthy' : 'other';
  } catch {
    return 'not-yet'; // not listening yet
  }
}

function readLogTail(file: string, fromBytes: number, lines: number): string {
  let text: string;
  try {
    text = readFileSync(file).subarray(fromBytes).toString('utf8');
  } catch (error) {
    return `(cannot read the log: ${(error as Error).message})`;
  }
  const all = text.trimEnd().split('\n');
  return all.length === 1 && all[0] === '' ? '(empty)' : all.slice(-lines).join('\n');
}

const indent = (text: string): string => text.split('\n').map((line) => `  ${line}`).join('\n');
