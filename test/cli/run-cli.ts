// Runs the CLI as users do (tsx on src/cli/main.ts) in a child process, in a chosen directory and
// with a clean TIANPING_* environment, and captures its output and exit status; or one command's
// module in the test's process, as main.ts runs it, for the many cases that need no process of their own.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import type { CliIo } from '../../src/cli/common.js';

const TSX = resolve('node_modules/.bin/tsx');
const MAIN = resolve('src/cli/main.ts');

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCli(args: readonly string[], options: { cwd: string; env?: Record<string, string> }): Promise<CliResult> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !name.startsWith('TIANPING_')) env[name] = value;
  }
  Object.assign(env, options.env);
  return new Promise((done) => {
    execFile(TSX, [MAIN, ...args], { cwd: options.cwd, env }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      done({ code, stdout, stderr });
    });
  });
}

/** A command module's run (what main.ts calls for `tianping <command> ...`) with captured output and an empty environment. */
export async function runInProcess(run: (argv: readonly string[], io: CliIo) => Promise<number>, args: readonly string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text), env: {} };
  const code = await run(args, io);
  return { code, stdout, stderr };
}
