// The Byzantine fault: a validator is stopped and scripts/chaos/byzantine-peer.ts speaks with its
// key for N seconds (inside its network namespace when there is one); the peer prints one JSON line
// when it ends, which becomes the fault's outcome.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const BYZANTINE_SCRIPT = fileURLToPath(new URL('./byzantine-peer.ts', import.meta.url));
/** After its --seconds the peer has this long to print its line and exit before it is killed. */
const EXIT_GRACE_MS = 30_000;
const OUTPUT_BYTES_MAX = 256 * 1024;

export function byzantinePeerPresent(): boolean {
  return existsSync(BYZANTINE_SCRIPT);
}

export interface ByzantineRun {
  /** Waits for the peer to end; resolves with its last JSON line (or what went wrong). */
  finish(): Promise<Record<string, unknown>>;
}

export interface ByzantineOptions {
  readonly testnetDir: string;
  readonly keyFile: string;
  readonly seconds: number;
  readonly seed: number;
  /** argv prefix, e.g. ip netns exec <namespace>. */
  readonly prefix: readonly string[];
  readonly logFile: string;
}

export function startByzantinePeer(o: ByzantineOptions): ByzantineRun {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const argv = [...o.prefix, process.execPath, '--import', tsx, BYZANTINE_SCRIPT, '--dir', o.testnetDir, '--key', o.keyFile,
    '--seconds', String(o.seconds), '--seed', String(o.seed)];
  const child: ChildProcess = spawn(argv[0]!, argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], cwd: join(o.testnetDir, '..') });
  let stdout = '';
  let stderr = '';
  const keep = (text: string, more: Buffer): string => (text + more.toString('utf8')).slice(-OUTPUT_BYTES_MAX);
  child.stdout?.on('data', (chunk: Buffer) => (stdout = keep(stdout, chunk)));
  child.stderr?.on('data', (chunk: Buffer) => (stderr = keep(stderr, chunk)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', () => resolve({ code: -1, signal: null }));
  });
  return {
    finish: async () => {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), o.seconds * 1000 + EXIT_GRACE_MS)));
      let exit = await Promise.race([exited, late]);
      clearTimeout(timer);
      if (exit === 'late') {
        child.kill('SIGKILL');
        exit = await exited;
      }
      writeFileSync(o.logFile, `${stdout}\n--- stderr ---\n${stderr}`);
      const last = stdout.trimEnd().split('\n').reverse().find((line) => line.trimStart().startsWith('{'));
      let report: unknown;
      try {
        report = last === undefined ? undefined : JSON.parse(last);
      } catch {
        report = undefined;
      }
      return { exit: exit.signal ?? exit.code, report: report ?? null,
        ...(report === undefined ? { stderrTail: stderr.trimEnd().split('\n').slice(-5).join('\n') } : {}) };
    },
  };
}
