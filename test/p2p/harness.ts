// Starts real libp2p hosts on 127.0.0.1 for the p2p tests, records what each receives and logs,
// and stops every host it started.
import { pino, type Logger } from 'pino';
import { keyPairFromSeed } from '../../src/crypto/ed25519.js';
import { sha256 } from '../../src/crypto/hash.js';
import { createP2P, type P2P, type P2PLimitsInit, type P2PMetrics, type Topic, type Verdict } from '../../src/p2p/index.js';
import { toHex, utf8, type Clock, type TimeMs } from '../../src/types/index.js';

export const CHAIN_ID = 'tianping-p2p-test';

/** Short delays so that redials and waits settle quickly on loopback. */
export const TEST_LIMITS: P2PLimitsInit = {
  redialDelayMinMs: 50,
  redialDelayMaxMs: 300,
  publishWaitMs: 5_000,
  requestTimeoutMs: 5_000,
};

export function seedOf(label: string): Uint8Array {
  return sha256(utf8(`tianping-p2p-test/${label}`));
}

/** The node id computed independently of libp2p (noble): the libp2p identity must be this key. */
export function nodeIdOf(label: string): string {
  return toHex(keyPairFromSeed(seedOf(label)).publicKey);
}

export type LogRecord = Record<string, unknown> & { event?: string };

export class ManualClock implements Clock {
  constructor(public nowValueMs: number) {}
  nowMs(): TimeMs {
    return this.nowValueMs as TimeMs;
  }
}

export interface Received {
  readonly data: Uint8Array;
  readonly text: string;
  readonly fromNodeId: string;
}

export interface TestHost {
  readonly label: string;
  readonly p2p: P2P;
  readonly logs: LogRecord[];
  readonly received: Map<Topic, Received[]>;
  /** Subscribes with a handler that records each message and answers verdictOf(text). */
  listen(topic: Topic, verdictOf?: (text: string) => Verdict): void;
  texts(topic: Topic): string[];
  logged(match: Partial<LogRecord>): boolean;
}

export interface HostOptions {
  readonly label: string;
  readonly allowed: readonly string[];
  readonly bootstrap?: readonly string[];
  readonly port?: number;
  readonly limits?: P2PLimitsInit;
  readonly clock?: Clock;
  readonly metrics?: P2PMetrics;
}

function captureLogger(logs: LogRecord[]): Logger {
  return pino({ level: 'debug' }, {
    write(line: string) {
      logs.push(JSON.parse(line) as LogRecord);
    },
  });
}

const textDecoder = new TextDecoder();

export class Harness {
  private readonly hosts: TestHost[] = [];

  async start(options: HostOptions): Promise<TestHost> {
    const logs: LogRecord[] = [];
    const received = new Map<Topic, Received[]>();
    const p2p = await createP2P({
      chainId: CHAIN_ID,
      nodeSeed: seedOf(options.label),
      listenAddrs: [`/ip4/127.0.0.1/tcp/${options.port ?? 0}`],
      bootstrap: options.bootstrap ?? [],
      allowedNodes: options.allowed,
      logger: captureLogger(logs),
      limits: { ...TEST_LIMITS, ...options.limits },
      ...(options.clock === undefined ? {} : { clock: options.clock }),
      ...(options.metrics === undefined ? {} : { metrics: options.metrics }),
    });
    const host: TestHost = {
      label: options.label,
      p2p,
      logs,
      received,
      listen(topic, verdictOf = () => 'accept') {
        received.set(topic, []);
        p2p.subscribe(topic, (data, fromNodeId) => {
          const text = textDecoder.decode(data);
          received.get(topic)!.push({ data, text, fromNodeId });
          return verdictOf(text);
        });
      },
      texts: (topic) => (received.get(topic) ?? []).map((r) => r.text),
      logged: (match) => logs.some((record) =>
        Object.entries(match).every(([key, value]) => record[key] === value)),
    };
    this.hosts.push(host);
    return host;
  }

  /**
   * n hosts labelled prefix0..prefix(n-1), each allowing all, each bootstrapping to every host
   * started before it, so the network is a full mesh once the dials land.
   */
  async startNetwork(prefix: string, n: number, extra: Partial<HostOptions> = {}): Promise<TestHost[]> {
    const labels = Array.from({ length: n }, (_, i) => `${prefix}${i}`);
    const allowed = labels.map(nodeIdOf);
    const hosts: TestHost[] = [];
    for (const label of labels) {
      hosts.push(await this.start({ label, allowed, bootstrap: hosts.flatMap((h) => h.p2p.multiaddrs()), ...extra }));
    }
    return hosts;
  }

  async stop(host: TestHost): Promise<void> {
    await host.p2p.stop();
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.hosts.map((host) => host.p2p.stop()));
    this.hosts.length = 0;
  }
}

/** Polls until check() holds; fails with `what` after timeoutMs (a bound on a hang, not a measurement). */
export async function waitFor(what: string, check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadlineMs = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadlineMs) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export function fullyConnected(hosts: readonly TestHost[]): boolean {
  return hosts.every((host) => hosts.every((other) =>
    other === host || host.p2p.connectedNodes().includes(other.p2p.nodeId)));
}

export function portOf(host: TestHost): number {
  const match = /\/tcp\/(\d+)\//.exec(host.p2p.multiaddrs()[0] ?? '');
  if (match?.[1] === undefined) throw new Error(`no tcp port in ${host.p2p.multiaddrs().join(', ')}`);
  return Number(match[1]);
}

/** Every host can gossip the topic to every other: connections are up and subscriptions known. */
export function gossipReady(hosts: readonly TestHost[], topic: Topic): boolean {
  return hosts.every((host) => hosts.every((other) =>
    other === host || host.p2p.topicPeers(topic).includes(other.p2p.nodeId)));
}
