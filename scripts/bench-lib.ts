// Helpers for the benches (scripts/bench-*.ts): the machine's description, percentiles, pre-signed
// anchor and indexed-batch txs, a keep-alive HTTP client, per-process CPU time, sizes of
// directories, and the signature-verification ceiling measured with the node's own verifier in one
// worker thread per core.
import '../src/polyfills.js';
import { createPrivateKey, randomFillSync, sign as cryptoSign, type KeyObject } from 'node:crypto';
import { lstatSync, readFileSync, readdirSync } from 'node:fs';
import { Agent, request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { HashAlgorithm, encodeSignedTx, encodeTxBody, txHash, txSignBytes } from '../src/codec/index.js';
import { sign as nobleSign, type KeyPair } from '../src/crypto/ed25519.js';
import { NodeVerifier } from '../src/crypto/verify-node.js';
import { equalBytes, toHex } from '../src/types/index.js';
import type { TestnetLayout } from './testnet-lib.js';

export interface MachineInfo {
  readonly cores: number;
  readonly cpuModel: string;
  readonly nodeVersion: string;
  readonly platform: string;
  readonly memoryGiB: number;
}

export function machineInfo(): MachineInfo {
  return {
    cores: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    nodeVersion: process.version,
    platform: `${process.platform}-${process.arch}`,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
  };
}

/** Nearest-rank percentile of an ascending array; NaN when empty. */
export function percentile(sortedAscending: readonly number[], p: number): number {
  if (sortedAscending.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sortedAscending.length);
  return sortedAscending[Math.min(sortedAscending.length, Math.max(1, rank)) - 1]!;
}

export const round = (value: number, digits = 0): number => {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
};

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// --- pre-signed txs --------------------------------------------------------------------------

export interface PresignedTx {
  readonly hash: string;
  /** The SignedTx bytes. */
  readonly bytes: Uint8Array;
  /** The request body of POST /v1/txs: {"tx": "<base64>"}, ready to send. */
  readonly jsonBody: Buffer;
}

/** PKCS#8 DER of an ed25519 private key is this prefix followed by the 32-byte seed (RFC 8410). */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export function nodePrivateKey(seed: Uint8Array): KeyObject {
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

export interface PresignOptions {
  readonly chainId: string;
  readonly keyPair: KeyPair;
  readonly count: number;
  readonly category: string;
  /** Nonces are firstNonce, firstNonce + 1, ...: distinct across the batches of one run. */
  readonly firstNonce: number;
  readonly expiresAtMs: number;
}

/**
 * Anchor txs with random digests, signed with node:crypto: ed25519 signatures are deterministic,
 * so the bytes are those the SDK (noble) makes, only several times faster; the first tx is
 * checked against noble to prove it.
 */
export function presignAnchorTxs(o: PresignOptions): PresignedTx[] {
  const privateKey = nodePrivateKey(o.keyPair.seed);
  const digests = randomFillSync(Buffer.alloc(32 * o.count));
  const out: PresignedTx[] = [];
  for (let i = 0; i < o.count; i++) {
    const body = encodeTxBody({
      chainId: o.chainId, signer: o.keyPair.publicKey, nonce: o.firstNonce + i, expiresAtMs: o.expiresAtMs,
      anchorEvidence: { algorithm: HashAlgorithm.HASH_ALGORITHM_SHA256, digest: digests.subarray(32 * i, 32 * (i + 1)), category: o.category },
    });
    const message = txSignBytes(o.chainId, body);
    const signature = cryptoSign(null, message, privateKey);
    if (i === 0 && !equalBytes(signature, nobleSign(o.keyPair.seed, message))) {
      throw new Error('node:crypto and noble disagree on an ed25519 signature: cannot pre-sign with node:crypto');
    }
    const bytes = encodeSignedTx(body, signature);
    out.push({ hash: toHex(txHash(bytes)), bytes,
      jsonBody: Buffer.from(`{"tx":"${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')}"}`) });
  }
  return out;
}

export interface BatchPresignOptions extends PresignOptions {
  /** Items (random SHA-256 digests) in each indexed batch. */
  readonly itemsPerBatch: number;
}

export interface PresignedBatch extends PresignedTx {
  /** The item digests in batch order, 32 bytes each, back to back (a view into one shared buffer). */
  readonly digests: Uint8Array;
}

/**
 * Indexed AnchorBatch txs of random SHA-256 digests, signed with node:crypto (checked against
 * noble on the first tx, as presignAnchorTxs does). Byte for byte what buildBatchTx makes for the
 * same digests, nonce and expiry.
 */
export function presignBatchTxs(o: BatchPresignOptions): PresignedBatch[] {
  const privateKey = nodePrivateKey(o.keyPair.seed);
  const itemBytes = 32 * o.itemsPerBatch;
  const all = randomFillSync(Buffer.alloc(itemBytes * o.count));
  const out: PresignedBatch[] = [];
  for (let i = 0; i < o.count; i++) {
    const digests = all.subarray(itemBytes * i, itemBytes * (i + 1));
    const items: Uint8Array[] = [];
    for (let j = 0; j < o.itemsPerBatch; j++) items.push(digests.subarray(32 * j, 32 * (j + 1)));
    const body = encodeTxBody({
      chainId: o.chainId, signer: o.keyPair.publicKey, nonce: o.firstNonce + i, expiresAtMs: o.expiresAtMs,
      anchorBatch: { algorithm: HashAlgorithm.HASH_ALGORITHM_SHA256, category: o.category, indexed: { digests: items } },
    });
    const message = txSignBytes(o.chainId, body);
    const signature = cryptoSign(null, message, privateKey);
    if (i === 0 && !equalBytes(signature, nobleSign(o.keyPair.seed, message))) {
      throw new Error('node:crypto and noble disagree on an ed25519 signature: cannot pre-sign with node:crypto');
    }
    const bytes = encodeSignedTx(body, signature);
    out.push({ hash: toHex(txHash(bytes)), bytes, digests,
      jsonBody: Buffer.from(`{"tx":"${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')}"}`) });
  }
  return out;
}

// --- HTTP ------------------------------------------------------------------------------------

export interface HttpAnswer {
  readonly status: number;
  readonly body: string;
}

/** Keep-alive connections to one API: a bench measures the node, not TCP handshakes. */
export function keepAliveAgent(socketsMax: number): Agent {
  return new Agent({ keepAlive: true, maxSockets: socketsMax, maxFreeSockets: socketsMax });
}

/** POST of a ready JSON body; rejects only on a network error or the timeout. */
export function postJson(agent: Agent, baseUrl: URL, path: string, body: Buffer, timeoutMs: number): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({
      host: baseUrl.hostname, port: baseUrl.port, path, method: 'POST', agent,
      headers: { 'content-type': 'application/json', 'content-length': body.length },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.end(body);
  });
}

/** POST of ready bytes of any media type (a protobuf TxBatch); rejects only on a network error or the timeout. */
export function postBytes(agent: Agent, baseUrl: URL, path: string, body: Uint8Array, contentType: string, timeoutMs: number):
  Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({
      host: baseUrl.hostname, port: baseUrl.port, path, method: 'POST', agent,
      headers: { 'content-type': contentType, 'content-length': body.byteLength },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.end(body);
  });
}

/** GET over a keep-alive agent; rejects only on a network error or the timeout. */
export function getText(agent: Agent, baseUrl: URL, path: string, timeoutMs: number, headers: OutgoingHttpHeaders = {}):
  Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: baseUrl.hostname, port: baseUrl.port, path, method: 'GET', agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.end();
  });
}

/** The stable error code of a problem+json answer, or the status when there is none. */
export function problemCode(answer: HttpAnswer): string {
  try {
    const code = (JSON.parse(answer.body) as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  } catch {
    // not JSON
  }
  return `HTTP_${answer.status}`;
}

/**
 * A GET's JSON. Network failures are tried again, at most GET_ATTEMPTS_MAX in all: a kept-alive
 * socket the node closed for idleness while the bench was busy (presigning 100,000 contracts takes
 * a minute) fails with "fetch failed" as the next request goes out, which says nothing about the
 * node. An HTTP answer is never tried again.
 */
const GET_ATTEMPTS_MAX = 3;
const GET_RETRY_DELAY_MS = 200;

export async function getJson<T>(url: string, timeoutMs = 10_000): Promise<T> {
  let response: Response | undefined;
  for (let attempt = 1; response === undefined; attempt++) {
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      if (attempt >= GET_ATTEMPTS_MAX) throw new Error(`GET ${url}: ${(error as Error).message} (${attempt} attempts)`);
      await sleep(GET_RETRY_DELAY_MS);
    }
  }
  if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
  return (await response.json()) as T;
}

// --- the testnet under a bench ----------------------------------------------------------------

/**
 * The layout with --cpu-prof on every node's command line (Node refuses it in NODE_OPTIONS). V8
 * writes the profile when the process exits, which a node does on the SIGTERM of stopAll.
 */
export function withCpuProfile(layout: TestnetLayout, profileDir: string | undefined): TestnetLayout {
  if (profileDir === undefined) return layout;
  return { ...layout, nodes: layout.nodes.map((node) => {
    const [executable, ...rest] = node.command;
    return { ...node, command: [executable!, '--cpu-prof', `--cpu-prof-dir=${profileDir}`, ...rest] };
  }) };
}

/**
 * Height of the node's first block timed after timeMs, waiting up to waitMs for it (polling its
 * latest header every pollMs): once a block younger than a load is there, every block of the load
 * is committed, or the chain is stuck and the latest height is all there is.
 */
export async function heightOfFirstBlockAfter(url: string, timeMs: number, waitMs: number, pollMs: number): Promise<number> {
  const deadlineMs = Date.now() + waitMs;
  for (;;) {
    const latest = await getJson<{ height: number; timeMs: number }>(`${url}/v1/headers/latest`);
    if (latest.timeMs > timeMs || Date.now() >= deadlineMs) return latest.height;
    await sleep(pollMs);
  }
}

// --- disk ------------------------------------------------------------------------------------

/** Bytes of every regular file under path (symbolic links not followed): what `du -b` counts as data. */
export function dirBytes(path: string): number {
  const stat = lstatSync(path);
  if (stat.isFile()) return stat.size;
  if (!stat.isDirectory()) return 0;
  let total = 0;
  for (const name of readdirSync(path)) total += dirBytes(join(path, name));
  return total;
}

// --- CPU time of other processes --------------------------------------------------------------

/** USER_HZ: the unit of utime and stime in /proc/PID/stat; 100 on every Linux we run on. */
const CLOCK_TICKS_PER_SEC = 100;

/** User + system CPU time of a process in ms (Linux /proc), or undefined where unavailable. */
export function processCpuMs(pid: number): number | undefined {
  return statCpuMs(`/proc/${pid}/stat`);
}

/**
 * The same for the process's main thread alone (its JavaScript, and the system calls it makes such
 * as socket writes); the rest of the process is its other threads: V8's (garbage collection,
 * compilation), libuv's pool (file system calls, fsync) and LevelDB's (compaction).
 */
export function mainThreadCpuMs(pid: number): number | undefined {
  return statCpuMs(`/proc/${pid}/task/${pid}/stat`);
}

function statCpuMs(path: string): number | undefined {
  try {
    const stat = readFileSync(path, 'utf8');
    // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return ((utime + stime) * 1000) / CLOCK_TICKS_PER_SEC;
  } catch {
    return undefined;
  }
}

/** Busy and total CPU time of the whole machine in ms, summed over every core (Linux /proc/stat). */
export function systemCpuMs(): { busyMs: number; totalMs: number } | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
    // cpu user nice system idle iowait irq softirq steal ...: idle and iowait are the idle time.
    const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
    const totalTicks = ticks.reduce((a, b) => a + b, 0);
    const idleTicks = ticks[3]! + ticks[4]!;
    return { busyMs: ((totalTicks - idleTicks) * 1000) / CLOCK_TICKS_PER_SEC, totalMs: (totalTicks * 1000) / CLOCK_TICKS_PER_SEC };
  } catch {
    return undefined;
  }
}

/** CPU times of the nodes, this process and the machine at one moment. */
export interface CpuSnapshot {
  readonly atMs: number;
  readonly nodesMs: readonly (number | undefined)[];
  /** Absent in snapshots made by hand (tests): the main-thread figures are then NaN. */
  readonly nodesMainMs?: readonly (number | undefined)[];
  readonly clientMs: number;
  readonly machineBusyMs: number | undefined;
}

export function cpuSnapshot(nodes: readonly { readonly pid: number }[]): CpuSnapshot {
  const client = process.cpuUsage();
  return { atMs: Date.now(), nodesMs: nodes.map((node) => processCpuMs(node.pid)), nodesMainMs: nodes.map((node) => mainThreadCpuMs(node.pid)),
    clientMs: (client.user + client.system) / 1000,
    machineBusyMs: systemCpuMs()?.busyMs };
}

export interface CpuPercents {
  /** Each node, this client, the whole machine: % of one core (a machine of C cores has C × 100 %). */
  readonly nodes: readonly number[];
  /** Each node's main thread alone (the rest of nodes[k] is its other threads). */
  readonly nodesMain: readonly number[];
  readonly client: number;
  readonly machine: number;
}

/** CPU between two snapshots in % of one core. */
export function cpuPercents(from: CpuSnapshot, to: CpuSnapshot): CpuPercents {
  const wallMs = to.atMs - from.atMs;
  const percent = (a: number | undefined, b: number | undefined): number =>
    a === undefined || b === undefined || wallMs <= 0 ? Number.NaN : round(((b - a) * 100) / wallMs);
  return { nodes: from.nodesMs.map((ms, k) => percent(ms, to.nodesMs[k])), nodesMain: from.nodesMs.map((_, k) => percent(from.nodesMainMs?.[k], to.nodesMainMs?.[k])),
    client: percent(from.clientMs, to.clientMs),
    machine: percent(from.machineBusyMs, to.machineBusyMs) };
}

// --- verification ceiling ---------------------------------------------------------------------

interface VerifyWorkerData {
  readonly kind: 'bench-verify';
  readonly publicKey: Uint8Array;
  readonly message: Uint8Array;
  readonly signature: Uint8Array;
  readonly durationMs: number;
}

interface VerifyWorkerResult {
  readonly verifications: number;
  readonly elapsedMs: number;
  readonly allValid: boolean;
}

export interface VerifyCeiling {
  readonly threads: number;
  /** Sum over the threads of verifications per second. */
  readonly verifyPerSec: number;
  readonly perThreadPerSec: readonly number[];
  /** CPU used meanwhile by other processes of the machine, in % of one core (NaN off Linux). */
  readonly otherCpuPercent: number;
}

/**
 * Verifications per second of NodeVerifier with one worker thread per core, all verifying the
 * same real signature at once for durationMs. Workers load TypeScript through tsx's API (a worker
 * does not inherit the main thread's loader); each waits for "go", so that its start-up is not
 * counted.
 */
export async function measureVerifyCeiling(sample: { publicKey: Uint8Array; message: Uint8Array; signature: Uint8Array },
  durationMs: number, threads = availableParallelism()): Promise<VerifyCeiling> {
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const self = import.meta.url;
  const code = `import(${JSON.stringify(tsxApi)}).then((api) => api.tsImport(${JSON.stringify(self)}, ${JSON.stringify(self)}))`;
  const data: VerifyWorkerData = { kind: 'bench-verify', ...sample, durationMs };
  const workers = Array.from({ length: threads }, () => new Worker(code, { eval: true, workerData: data }));
  try {
    const ready = workers.map((worker) => nextMessage(worker));
    await Promise.all(ready);
    const results = workers.map((worker) => nextMessage(worker) as Promise<VerifyWorkerResult>);
    const machineBefore = systemCpuMs();
    const ownBefore = process.cpuUsage();
    const startMs = performance.now();
    for (const worker of workers) worker.postMessage('go');
    const done = await Promise.all(results);
    const wallMs = performance.now() - startMs;
    const own = process.cpuUsage(ownBefore);
    const machineAfter = systemCpuMs();
    const otherCpuPercent = machineBefore === undefined || machineAfter === undefined ? Number.NaN
      : Math.round(((machineAfter.busyMs - machineBefore.busyMs - (own.user + own.system) / 1000) * 100) / wallMs);
    if (!done.every((r) => r.allValid)) throw new Error('the verifier refused the sample signature');
    const perThreadPerSec = done.map((r) => (r.verifications * 1000) / r.elapsedMs);
    return { threads, verifyPerSec: perThreadPerSec.reduce((a, b) => a + b, 0), perThreadPerSec, otherCpuPercent };
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

function nextMessage(worker: Worker): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: unknown): void => {
      worker.off('error', onError);
      resolve(message);
    };
    const onError = (error: Error): void => {
      worker.off('message', onMessage);
      reject(error);
    };
    worker.once('message', onMessage);
    worker.once('error', onError);
  });
}

function runVerifyWorker(data: VerifyWorkerData): void {
  const port = parentPort!;
  const verifier = new NodeVerifier();
  const { publicKey, message, signature, durationMs } = data;
  port.once('message', () => {
    let verifications = 0;
    let allValid = true;
    const startMs = performance.now();
    let elapsedMs = 0;
    // Checking the clock every 64 verifications costs nothing next to a ~100 µs verification.
    while (elapsedMs < durationMs) {
      for (let i = 0; i < 64; i++) allValid = verifier.verify(publicKey, message, signature) && allValid;
      verifications += 64;
      elapsedMs = performance.now() - startMs;
    }
    port.postMessage({ verifications, elapsedMs, allValid } satisfies VerifyWorkerResult);
  });
  port.postMessage('ready');
}

if (!isMainThread && (workerData as { kind?: unknown } | null)?.kind === 'bench-verify') {
  runVerifyWorker(workerData as VerifyWorkerData);
}
