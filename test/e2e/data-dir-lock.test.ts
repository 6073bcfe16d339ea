// Two real node processes on one data directory: the second is refused, naming the directory,
// the lock file and the first one's pid; once the first is killed (no clean stop, its lock left
// behind) a new node takes the stale lock over, and its clean stop removes it.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NodeProcess, runCli } from './node-process.js';

const PORTS = { first: 30_001, second: 30_002, third: 30_003 };
const nodes: NodeProcess[] = [];
let dir: string | undefined;
afterEach(async () => {
  for (const node of nodes.splice(0)) await node.kill9();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('data directory lock, across processes', () => {
  it('refuses a second node with the holder named, and takes over a stale lock', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tianping-lock-'));
    const first = new NodeProcess(dir, PORTS.first);
    nodes.push(first);
    await first.start();
    const lockPath = join(dir, 'node.lock');
    const holder = JSON.parse(readFileSync(lockPath, 'utf8')) as { pid: number };
    expect(holder.pid).not.toBe(process.pid);

    const second = await runCli(['start', '--data-dir', dir, '--port', String(PORTS.second), '--json'],
      { TIANPING_LOG_LEVEL: 'warn' });
    expect(second.code).not.toBe(0);
    const failure = JSON.parse(second.stdout.trim().split('\n').at(-1)!) as { error: { code: string; message: string } };
    expect(failure.error.code).toBe('DATA_DIR_LOCKED');
    expect(failure.error.message).toContain(`data directory ${dir} is in use by another node: ${lockPath} is held by pid ${holder.pid}`);
    // The first node serves on.
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200);

    await first.kill9();
    expect(existsSync(lockPath)).toBe(true);
    const third = new NodeProcess(dir, PORTS.third);
    nodes.push(third);
    await third.start();
    expect(third.log).toContain('taking over a stale data directory lock');
    expect((JSON.parse(readFileSync(lockPath, 'utf8')) as { pid: number }).pid).not.toBe(holder.pid);
    await third.stop();
    expect(existsSync(lockPath)).toBe(false);
  }, 90_000);
});
