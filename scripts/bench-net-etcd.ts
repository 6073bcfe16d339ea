// bench:net's reference figure: the writes/s of a 4-member etcd cluster (Raft, no signatures) on
// loopback, from `etcdctl check perf --load=l`, measured in the same run as the testnet (before it
// starts, as the verifier ceiling is, so that neither competes with the other). Committed anchors/s
// ÷ these writes/s is the ratio the target reads. etcd comes from the distribution
// (scripts/install-etcd.sh); where it is missing the bench says so and reports no ratio.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getJson, processCpuMs, sleep, systemCpuMs } from './bench-lib.js';

export const ETCD_MEMBERS = 4;
/** etcd's own load model "l" (large): 500 clients, up to 8,000 writes/s, 60 s; the issue's figure. */
export const ETCD_LOAD = 'l';
/** Peer ports sit this far above the client ports. */
const PEER_PORT_OFFSET = 10;
const HEALTH_WAIT_MS = 30_000;
const HEALTH_POLL_MS = 200;
/** check perf runs 60 s whatever the load; past this it is stuck. */
const CHECK_PERF_TIMEOUT_MS = 150_000;
const STOP_WAIT_MS = 10_000;
/** etcdctl's timeout per request (its default is 5 s). */
const COMMAND_TIMEOUT_S = 60;
export const ETCD_INSTALL_HINT = "scripts/install-etcd.sh installs it: Debian's etcd-server and etcd-client";

/** The installed etcd, or why there is none. */
export type EtcdTools = { readonly installed: true; readonly version: string } | { readonly installed: false; readonly reason: string };

/** Whether etcd and etcdctl run here (both on PATH); their version when they do. */
export function etcdTools(): EtcdTools {
  const etcd = spawnSync('etcd', ['--version'], { encoding: 'utf8' });
  const etcdctl = spawnSync('etcdctl', ['version'], { encoding: 'utf8' });
  if (etcd.error !== undefined || etcd.status !== 0) return { installed: false, reason: 'etcd is not installed (no etcd on PATH)' };
  if (etcdctl.error !== undefined || etcdctl.status !== 0) return { installed: false, reason: 'etcdctl is not installed (no etcdctl on PATH)' };
  const version = /etcd Version:\s*(\S+)/.exec(etcd.stdout)?.[1] ?? 'unknown';
  return { installed: true, version };
}

export interface EtcdResult {
  readonly version: string;
  readonly members: number;
  readonly load: string;
  /** What check perf printed as its throughput. */
  readonly writesPerSec: number;
  readonly slowestMs: number;
  readonly stddevMs: number;
  /** check perf's own verdict against its load's expectations (not a target of this bench). */
  readonly etcdPass: boolean;
  readonly wallMs: number;
  /** CPU of all members during check perf, in % of one core, and per write. */
  readonly membersCpuPercent: number;
  readonly membersCpuMsPerWrite: number;
  /** CPU of the rest of the machine meanwhile (etcdctl, this process, others), % of one core. */
  readonly restCpuPercent: number;
}

/** The figures of check perf's report; throws, quoting the output, when it has no throughput line. */
export function parseCheckPerf(output: string): Pick<EtcdResult, 'writesPerSec' | 'slowestMs' | 'stddevMs' | 'etcdPass'> {
  // "PASS: Throughput is 2681 writes/s" or "FAIL: Throughput too low: 2681 writes/s".
  const writes = /Throughput (?:is|too low:) ([0-9]+(?:\.[0-9]+)?) writes\/s/.exec(output);
  if (writes === null) {
    // Its progress bar ("59 / 60   98.33% 00m01s") and client warnings say nothing of why; its
    // last "Error:" line does, else what is left at the end.
    const errors = output.match(/^Error: .*$/gm);
    const said = errors?.at(-1) ?? output.replace(/\s*\d+ \/ \d+\s+[\d.]+%(?:\s+\d+m\d+s)?/g, ' ').replace(/\s+/g, ' ').trim().slice(-300);
    throw new Error(`etcdctl check perf printed no throughput: ${said.trim()}`);
  }
  const slowest = /Slowest request took(?: too long:)? ([0-9.]+)s/.exec(output);
  const stddev = /Stddev (?:is|too high:) ([0-9.]+)s/.exec(output);
  return {
    writesPerSec: Number(writes[1]),
    slowestMs: slowest === null ? Number.NaN : Number(slowest[1]) * 1000,
    stddevMs: stddev === null ? Number.NaN : Number(stddev[1]) * 1000,
    etcdPass: /^PASS\s*$/m.test(output),
  };
}

interface Member {
  readonly name: string;
  readonly clientUrl: string;
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
}

function startMembers(dir: string, basePort: number): Member[] {
  const names = Array.from({ length: ETCD_MEMBERS }, (_, i) => `m${i}`);
  const peerUrl = (i: number): string => `http://127.0.0.1:${basePort + PEER_PORT_OFFSET + i}`;
  const cluster = names.map((name, i) => `${name}=${peerUrl(i)}`).join(',');
  return names.map((name, i) => {
    const clientUrl = `http://127.0.0.1:${basePort + i}`;
    const logFd = openSync(join(dir, `${name}.log`), 'a');
    // Defaults otherwise (fsync of the WAL on every commit, snapshot settings): etcd as shipped.
    const child = spawn('etcd', [
      '--name', name, '--data-dir', join(dir, name),
      '--listen-client-urls', clientUrl, '--advertise-client-urls', clientUrl,
      '--listen-peer-urls', peerUrl(i), '--initial-advertise-peer-urls', peerUrl(i),
      '--initial-cluster', cluster, '--initial-cluster-state', 'new', '--initial-cluster-token', 'tianping-bench',
      '--logger', 'zap', '--log-level', 'warn',
    ], { stdio: ['ignore', logFd, logFd] });
    closeSync(logFd);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    return { name, clientUrl, child, exited };
  });
}

async function waitHealthy(members: readonly Member[], dir: string): Promise<void> {
  const deadline = Date.now() + HEALTH_WAIT_MS;
  for (;;) {
    const healthy = await Promise.all(members.map((m) =>
      getJson<{ health?: string }>(`${m.clientUrl}/health`, 2_000).then((h) => h.health === 'true', () => false)));
    if (healthy.every(Boolean)) return;
    const dead = members.find((m) => m.child.exitCode !== null);
    if (dead !== undefined || Date.now() > deadline) {
      const who = dead ?? members[healthy.indexOf(false)]!;
      const tail = readFileSync(join(dir, `${who.name}.log`), 'utf8').trim().split('\n').slice(-3).join(' | ');
      throw new Error(`etcd member ${who.name} ${dead === undefined ? `not healthy after ${HEALTH_WAIT_MS / 1000} s` : 'exited'}: ${tail}`);
    }
    await sleep(HEALTH_POLL_MS);
  }
}

function runCheckPerf(endpoints: string): Promise<string> {
  return new Promise((resolve, reject) => {
    // check perf ends by deleting its keys in one request, which the default 5 s command timeout
    // cuts short on a busy machine (no figures are printed then): give it longer.
    const child = spawn('etcdctl', ['--endpoints', endpoints, `--command-timeout=${COMMAND_TIMEOUT_S}s`, 'check', 'perf', `--load=${ETCD_LOAD}`],
      { env: { ...process.env, ETCDCTL_API: '3' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { output += chunk; });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { output += chunk; });
    const timer = setTimeout(() => child.kill('SIGKILL'), CHECK_PERF_TIMEOUT_MS);
    child.once('error', (error) => { clearTimeout(timer); reject(error); });
    // check perf exits 1 when etcd misses its own expectations: the figures are what matter here.
    child.once('close', () => { clearTimeout(timer); resolve(output); });
  });
}

async function stopMembers(members: readonly Member[]): Promise<void> {
  for (const m of members) if (m.child.exitCode === null) m.child.kill('SIGTERM');
  const timer = setTimeout(() => { for (const m of members) if (m.child.exitCode === null) m.child.kill('SIGKILL'); }, STOP_WAIT_MS);
  await Promise.all(members.map((m) => m.exited));
  clearTimeout(timer);
}

/**
 * Starts ETCD_MEMBERS members on 127.0.0.1 (client ports basePort.., peer ports basePort + 10..)
 * in a temporary directory, runs check perf against all of them, stops them and deletes the
 * directory (also on failure).
 */
export async function measureEtcd(o: { readonly basePort: number; readonly version: string; readonly log: (message: string) => void }):
  Promise<EtcdResult> {
  const dir = mkdtempSync(join(tmpdir(), 'tianping-bench-etcd-'));
  let members: Member[] = [];
  try {
    members = startMembers(dir, o.basePort);
    await waitHealthy(members, dir);
    o.log(`  ${ETCD_MEMBERS} etcd members healthy (client ports ${o.basePort}..${o.basePort + ETCD_MEMBERS - 1}); etcdctl check perf --load=${ETCD_LOAD} (60 s)`);
    const cpuOf = (): number[] => members.map((m) => processCpuMs(m.child.pid!) ?? Number.NaN);
    const cpuBefore = cpuOf();
    const machineBefore = systemCpuMs();
    const startMs = performance.now();
    const output = await runCheckPerf(members.map((m) => m.clientUrl).join(','));
    const wallMs = performance.now() - startMs;
    const membersMs = cpuOf().reduce((sum, ms, k) => sum + ms - cpuBefore[k]!, 0);
    const machineAfter = systemCpuMs();
    const figures = parseCheckPerf(output);
    const membersCpuPercent = (membersMs * 100) / wallMs;
    const machinePercent = machineBefore === undefined || machineAfter === undefined ? Number.NaN
      : ((machineAfter.busyMs - machineBefore.busyMs) * 100) / wallMs;
    return {
      version: o.version, members: ETCD_MEMBERS, load: ETCD_LOAD, ...figures, wallMs, membersCpuPercent,
      // check perf writes at its measured rate for the whole run.
      membersCpuMsPerWrite: membersMs / ((figures.writesPerSec * wallMs) / 1000),
      restCpuPercent: machinePercent - membersCpuPercent,
    };
  } finally {
    await stopMembers(members);
    rmSync(dir, { recursive: true, force: true });
  }
}
