// The client load of a chaos run: anchors offered at a steady rate to random running nodes, at
// most inflightMax requests in flight (an offer beyond that is shed, not queued: an open-loop load
// that stays bounded), over keep-alive connections, each waiting for its commit
// (POST /v1/txs?wait=commit). Every answer "committed" is one line in acks.jsonl.
import { Agent, request } from 'node:http';
import { encodeSignedTx, encodeTxBody, txSignBytes } from '../../src/codec/index.js';
import { readKeyFile, sha256, sign } from '../../src/crypto/index.js';
import { toBase64, toHex, utf8 } from '../../src/types/index.js';
import type { TestnetLayout } from '../testnet-lib.js';
import type { Ack } from './check/run-files.js';
import type { JsonlWriter } from './jsonl.js';
import { INFLIGHT_MAX } from './options.js';

const TICK_MS = 50;
const COMMIT_WAIT_MS = 30_000;
/** Past the commit wait: a node that was paused mid-request must not hold a slot for ever. */
const REQUEST_TIMEOUT_MS = COMMIT_WAIT_MS + 10_000;
const TX_LIFETIME_MS = 60 * 60 * 1000;
const ERROR_KINDS_MAX = 64;
/** Latencies kept for percentiles: a uniform sample (reservoir) once more have been seen. */
const LATENCY_SAMPLES_MAX = 100_000;


export interface LoadStats {
  offered: number;
  shed: number;
  acked: number;
  /** Answers other than "committed", by status code or error code (a bounded map). */
  errors: Record<string, number>;
  latenciesMs: number[];
}

export interface LoadOptions {
  readonly layout: TestnetLayout;
  readonly seed: number;
  readonly inflightMax: number;
  /** Names of the nodes that may take a request now. */
  readonly upNodes: () => readonly string[];
  readonly acks: JsonlWriter | undefined;
  readonly random: () => number;
}

export class Load {
  readonly stats: LoadStats = { offered: 0, shed: 0, acked: 0, errors: {}, latenciesMs: [] };
  private inflight = 0;
  private counter = 0;
  private timer: NodeJS.Timeout | undefined;
  private ratePerS = 0;
  private tokens = 0;
  private lastTickMs = 0;
  private readonly agent: Agent;
  private readonly key;
  private readonly idle: (() => void)[] = [];
  private inflightLimit: number;

  constructor(private readonly o: LoadOptions) {
    this.key = readKeyFile(o.layout.submitterKeyFile);
    this.inflightLimit = o.inflightMax;
    // The in-flight bound limits the sockets; the agent only keeps them alive.
    this.agent = new Agent({ keepAlive: true, maxSockets: INFLIGHT_MAX, maxFreeSockets: INFLIGHT_MAX });
  }

  get inFlight(): number {
    return this.inflight;
  }

  /** Offers ratePerS anchors a second from now on (0 pauses the offers). */
  setRate(ratePerS: number): void {
    this.ratePerS = ratePerS;
    if (this.timer === undefined && ratePerS > 0) {
      this.lastTickMs = Date.now();
      this.timer = setInterval(() => this.tick(), TICK_MS);
    }
  }

  /** A soak measures capacity with more requests in flight than it then runs with. */
  setInflightMax(inflightMax: number): void {
    this.inflightLimit = Math.min(inflightMax, INFLIGHT_MAX);
  }

  /** Stops offering and waits for the requests in flight. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    if (this.inflight > 0) await new Promise<void>((resolve) => this.idle.push(resolve));
    this.agent.destroy();
  }

  private tick(): void {
    const nowMs = Date.now();
    // At most one second of backlog: after an event-loop stall the load does not burst.
    this.tokens = Math.min(this.tokens + ((nowMs - this.lastTickMs) / 1000) * this.ratePerS, Math.max(1, this.ratePerS));
    this.lastTickMs = nowMs;
    while (this.tokens >= 1) {
      this.tokens -= 1;
      this.stats.offered++;
      const nodes = this.o.upNodes();
      if (this.inflight >= this.inflightLimit || nodes.length === 0) {
        this.stats.shed++;
        continue;
      }
      const name = nodes[Math.floor(this.o.random() * nodes.length)]!;
      this.inflight++;
      void this.submit(name).finally(() => {
        this.inflight--;
        if (this.inflight === 0) this.idle.splice(0).forEach((resolve) => resolve());
      });
    }
  }

  private async submit(name: string): Promise<void> {
    const node = this.o.layout.nodes.find((n) => n.name === name)!;
    const n = ++this.counter;
    const digest = sha256(utf8(`chaos-${this.o.seed}-${process.pid}-${n}`));
    const submittedAtMs = Date.now();
    const body = encodeTxBody({ chainId: this.o.layout.chainId, signer: this.key.publicKey, nonce: n,
      expiresAtMs: submittedAtMs + TX_LIFETIME_MS, anchorEvidence: { algorithm: 1, digest, category: 'copyright' } });
    const tx = encodeSignedTx(body, sign(this.key.seed, txSignBytes(this.o.layout.chainId, body)));
    const payload = JSON.stringify({ tx: toBase64(tx) });
    let answer: { status: number; json: Record<string, unknown> };
    try {
      answer = await post(this.agent, `${node.apiUrl}/v1/txs?wait=commit&timeoutMs=${COMMIT_WAIT_MS}`, payload);
    } catch (error) {
      this.countError(`net:${(error as NodeJS.ErrnoException).code ?? 'error'}`);
      return;
    }
    const { json } = answer;
    if (answer.status !== 200 || json.status !== 'committed') {
      this.countError(`${answer.status}:${typeof json.code === 'string' ? json.code : '-'}`);
      return;
    }
    const ackedAtMs = Date.now();
    this.stats.acked++;
    this.sampleLatency(ackedAtMs - submittedAtMs);
    const ack: Ack = { txHash: String(json.hash), digest: toHex(digest), height: Number(json.height),
      blockHash: String(json.blockHash), node: name, submittedAtMs, ackedAtMs };
    this.o.acks?.write(ack);
  }

  private sampleLatency(latencyMs: number): void {
    const samples = this.stats.latenciesMs;
    if (samples.length < LATENCY_SAMPLES_MAX) {
      samples.push(latencyMs);
      return;
    }
    const slot = Math.floor(this.o.random() * this.stats.acked);
    if (slot < LATENCY_SAMPLES_MAX) samples[slot] = latencyMs;
  }

  private countError(kind: string): void {
    const errors = this.stats.errors;
    if (errors[kind] === undefined && Object.keys(errors).length >= ERROR_KINDS_MAX) kind = 'other';
    errors[kind] = (errors[kind] ?? 0) + 1;
  }
}

function post(agent: Agent, url: string, payload: string): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, timeout: REQUEST_TIMEOUT_MS,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        let json: Record<string, unknown> = {};
        try {
          json = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
        } catch {
          // Not JSON: counted by its status code.
        }
        resolve({ status: res.statusCode ?? 0, json });
      });
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('request timed out'), { code: 'TIMEOUT' })));
    req.on('error', reject);
    req.end(payload);
  });
}
