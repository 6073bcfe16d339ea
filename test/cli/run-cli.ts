// Runs the CLI as users do (tsx on src/cli/main.ts) in a child process, in a chosen directory and
// with a clean TIANPING_* environment, and captures its output and exit status.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';

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
