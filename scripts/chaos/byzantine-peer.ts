// A Byzantine member for chaos runs: with the node key of a STOPPED validator of a testnet it
// connects to every other node (so it passes their member gate) and for --seconds sends junk on
// every gossip topic and request protocol (garbage, truncated and non-canonical protobuf, 1..2^64
// block ranges, pushes of 500 votes, oversized gossip and requests, bursts of valid requests beyond
// the in-flight limit) and conflicting signed votes and proposals for the current height
// (equivocation). Honest nodes must ban it, keep committing, log it in bounded lines, and record
// the equivocation.
//
// To stay an effective adversary it keeps its junk reaching the nodes: the oversized gossip frame
// (which makes a node hang up) goes only after the other kinds had a second, and a node that hung
// up is redialled within 100-500 ms. After the flood it keeps watching for up to BAN_GRACE_MS until
// every node it reached refuses it (byzantine-watch.ts), so a ban that lands late still counts.
//
//   npx tsx scripts/chaos/byzantine-peer.ts --dir <testnet dir> --key <node.key of a stopped validator> --seconds N --seed S
//     [--only equivocation,gossip,oversized,requests,flood]   (default: all of them)
//
// Ends by printing ONE JSON line: {"sent":{kind:count},"refusedOrClosed":n,"answered":n,"errors":{code:n},"banned":bool,
// "bannedFrom":[node names],"reached":[node names],"durationMs":n,"refusedAtMs":{node:ms after the junk started},
// "hangUps":{node:n},"shortConnections":{node:n: redials closed at once},"outMs":{node:ms without a connection since the junk started},"notConnectedSkips":n}.
// Exit 0 after a run, 2 on bad usage.
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { sortValidators } from '../../src/codec/index.js';
import { readKeyFile } from '../../src/crypto/index.js';
import { createP2P, GOSSIP_MESSAGE_BYTES_CAP, isP2PError, TOPICS, type P2P, type Topic } from '../../src/p2p/index.js';
import { fromHex, toHex } from '../../src/types/index.js';
import { loadTestnetLayout, type TestnetNode } from '../testnet-files.js';
import { conflictingProposals, conflictingVotes, gossipJunk, OVERSIZED_GOSSIP_BYTES, Random, REQUEST_JUNK_KINDS, requestJunk,
  validCatchUp, type GossipJunkKind, type Signer } from './byzantine-junk.js';
import { ConnectionWatch } from './byzantine-watch.js';

const CONNECT_WAIT_MS = 8_000;
const REQUEST_WORKERS = 12;
const REQUEST_TIMEOUT_MS = 3_000;
const EQUIVOCATION_EVERY_MS = 300;
const OVERSIZED_EVERY_MS = 2_000;
/** The first oversized frame (a hang-up) comes once every other kind was sent, or this long after the junk starts. */
const OVERSIZED_FIRST_AFTER_MS = 1_000;
/** Junk starts this long after the first conflicting pair, so the pair travels before any ban. */
const JUNK_DELAY_MS = 1_500;
/** Valid catch-up requests sent at once to one node: all but the node's in-flight limit (4) are refused busy. */
const FLOOD_STREAMS = 16;
/** Out of a node for this long while its API answers: it refuses us (our redials come every 100-500 ms). */
const REFUSED_AFTER_MS = 3_000;
/** A connection that stays up this long is one the node let us in on, not a redial its gater closes at once. */
const ADMITTED_AFTER_MS = 500;
/** How long after the flood we keep watching for bans of the nodes that still let us in. */
const BAN_GRACE_MS = 6_000;
const WATCH_EVERY_MS = 50;
/** A request to a node we are not connected to (it hung up) fails without I/O: wait this long for the redial. */
const NOT_CONNECTED_WAIT_MS = 25;

const PARTS = ['equivocation', 'gossip', 'oversized', 'requests', 'flood'] as const;
type Part = (typeof PARTS)[number];

interface Options { dir: string; key: string; seconds: number; seed: string; parts: ReadonlySet<Part> }

function options(): Options {
  const { values } = parseArgs({ options: { dir: { type: 'string' }, key: { type: 'string' }, seconds: { type: 'string' },
    seed: { type: 'string', default: '1' }, only: { type: 'string', default: PARTS.join(',') } } });
  const parts = values.only.split(',');
  const seconds = Number(values.seconds);
  if (values.dir === undefined || values.key === undefined || !Number.isFinite(seconds) || seconds <= 0
    || !parts.every((part) => (PARTS as readonly string[]).includes(part))) {
    process.stderr.write(`usage: byzantine-peer.ts --dir <testnet dir> --key <node key file> --seconds N [--seed S] [--only ${PARTS.join(',')}]\n`);
    process.exit(2);
  }
  return { dir: values.dir, key: values.key, seconds, seed: values.seed, parts: new Set(parts as Part[]) };
}

class ByzantinePeer {
  readonly sent: Record<string, number> = {};
  refusedOrClosed = 0;
  answered = 0;
  /** Refused or closed requests by error code. */
  readonly errors: Record<string, number> = {};
  /** Requests not sent because the node picked had just hung up. */
  notConnectedSkips = 0;
  private height = 1;

  constructor(private readonly host: P2P, private readonly signer: Signer, private readonly targets: readonly TestnetNode[],
    private readonly seed: string, private readonly watch: ConnectionWatch, private readonly parts: ReadonlySet<Part>) {}

  connected(): TestnetNode[] {
    const ids = new Set(this.host.connectedNodes());
    return this.targets.filter((node) => ids.has(node.nodeId));
  }

  private count(kind: string, n = 1): void {
    this.sent[kind] = (this.sent[kind] ?? 0) + n;
  }

  /** The height being decided: one past the highest committed height any node reports; and which APIs answer. */
  async trackHeight(stop: AbortSignal): Promise<void> {
    while (!stop.aborted) {
      const heights = await Promise.all(this.targets.map(async (node) => {
        try {
          const response = await fetch(`${node.apiUrl}/v1/status`, { signal: AbortSignal.timeout(1_000) });
          const latest = ((await response.json()) as { latestHeight?: number }).latestHeight ?? 0;
          this.watch.apiAnswered(node.name, Date.now());
          return latest;
        } catch {
          return 0;
        }
      }));
      this.height = Math.max(this.height, ...heights.map((h) => h + 1));
      await sleep(250);
    }
  }

  private async publish(kind: string, topic: Topic, data: Uint8Array): Promise<void> {
    this.count(kind);
    try {
      await this.host.publish(topic, data);
    } catch {
      this.refusedOrClosed++;
    }
  }

  async equivocate(until: number): Promise<void> {
    const random = new Random(`${this.seed}/equivocation`);
    while (Date.now() < until) {
      for (const round of [0, 1]) {
        for (const vote of conflictingVotes(this.signer, random, this.height, round)) await this.publish('equivocation-vote', 'votes', vote);
        for (const p of conflictingProposals(this.signer, random, this.height, round)) {
          await this.publish('equivocation-proposal', 'proposals', p);
        }
      }
      await sleep(EQUIVOCATION_EVERY_MS);
    }
  }

  async gossip(from: number, until: number, oversized: boolean, junk: boolean): Promise<void> {
    const random = new Random(`${this.seed}/gossip`);
    await sleep(Math.max(0, from - Date.now()));
    // A node hangs up on the oversized frame: every other kind goes first (or has had
    // OVERSIZED_FIRST_AFTER_MS), so it is read and counted; a node may ban us within a second.
    let lastOversizedMs: number | undefined;
    while (Date.now() < until) {
      if (this.connected().length === 0) {
        await sleep(100);
        continue;
      }
      const due = lastOversizedMs === undefined
        ? this.firstKindsSent() || Date.now() - from >= OVERSIZED_FIRST_AFTER_MS
        : Date.now() - lastOversizedMs >= OVERSIZED_EVERY_MS;
      if (oversized && due) {
        lastOversizedMs = Date.now();
        await this.publish('gossip-oversized', 'proposals', random.bytes(OVERSIZED_GOSSIP_BYTES));
      }
      if (junk) {
        const kind = random.pick<GossipJunkKind>(['gossip-garbage', 'gossip-truncated', 'gossip-non-canonical']);
        const { topic, data } = gossipJunk(this.signer, random, kind, this.height);
        await this.publish(kind, topic, data);
      }
      await sleep(5);
    }
  }

  /** Whether every kind other than the oversized frame was sent at least once (those that are sent in this run). */
  private firstKindsSent(): boolean {
    const kinds = [...(this.parts.has('gossip') ? ['gossip-garbage', 'gossip-truncated', 'gossip-non-canonical'] : []),
      ...(this.parts.has('requests') ? REQUEST_JUNK_KINDS : []), ...(this.parts.has('flood') ? ['request-flood'] : [])];
    return kinds.every((kind) => (this.sent[kind] ?? 0) > 0);
  }

  async requests(worker: number, from: number, until: number): Promise<void> {
    const random = new Random(`${this.seed}/requests/${worker}`);
    await sleep(Math.max(0, from - Date.now()));
    while (Date.now() < until) {
      const peers = this.connected();
      if (peers.length === 0) {
        await sleep(100);
        continue;
      }
      const kind = random.pick(REQUEST_JUNK_KINDS);
      const { name, data } = requestJunk(this.signer, random, kind, this.height);
      await this.send(kind, random.pick(peers).nodeId, name, data);
      // A request that fails at once never leaves the microtask queue: without this the workers
      // starve the event loop (timers, sockets, the redials) of this process.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** Bursts of FLOOD_STREAMS valid catch-up requests at one node: only their number is at fault. */
  async flood(from: number, until: number): Promise<void> {
    const random = new Random(`${this.seed}/flood`);
    await sleep(Math.max(0, from - Date.now()));
    while (Date.now() < until) {
      const peers = this.connected();
      if (peers.length === 0) {
        await sleep(100);
        continue;
      }
      const nodeId = random.pick(peers).nodeId;
      const { name, data } = validCatchUp(this.height);
      await Promise.all(Array.from({ length: FLOOD_STREAMS }, () => this.send('request-flood', nodeId, name, data)));
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private async send(kind: string, nodeId: string, name: string, data: Uint8Array): Promise<void> {
    try {
      await this.host.request(nodeId, name, data, { timeoutMs: REQUEST_TIMEOUT_MS });
      this.count(kind);
      this.answered++;
    } catch (error) {
      if (!isP2PError(error)) throw error;
      // The node hung up a moment ago (we saw it connected): nothing was sent, so nothing is counted
      // as sent; wait for the redial instead of spinning.
      if (error.code === 'PEER_NOT_CONNECTED') {
        this.notConnectedSkips++;
        await sleep(NOT_CONNECTED_WAIT_MS);
        return;
      }
      this.count(kind);
      this.refusedOrClosed++;
      this.errors[error.code] = (this.errors[error.code] ?? 0) + 1;
    }
  }
}

async function main(): Promise<void> {
  const opts = options();
  const layout = loadTestnetLayout(opts.dir);
  if (layout === undefined) throw new Error(`no testnet at ${opts.dir}`);
  const key = readKeyFile(opts.key);
  const selfId = toHex(key.publicKey);
  const targets = layout.nodes.filter((node) => node.nodeId !== selfId);
  const validators = sortValidators(layout.nodes.filter((n) => n.role === 'validator')
    .map((n) => ({ publicKey: fromHex(n.nodeId)!, power: 1, nodeId: n.nodeId })));
  const validatorIndex = Math.max(0, validators.findIndex((v) => v.nodeId === selfId));
  const cap = GOSSIP_MESSAGE_BYTES_CAP;
  const host = await createP2P({
    chainId: layout.chainId, nodeSeed: key.seed, listenAddrs: ['/ip4/127.0.0.1/tcp/0'],
    bootstrap: targets.map((node) => node.p2pAddr), allowedNodes: layout.nodes.map((node) => node.nodeId),
    logger: pino({ level: 'silent' }),
    // Our own limits are the widest allowed, so that what we send is over the honest nodes' limits.
    limits: { messageBytesMax: Object.fromEntries(TOPICS.map((t) => [t, cap])), requestBytesMax: 1024 * 1024,
      publishWaitMs: 300, redialDelayMinMs: 100, redialDelayMaxMs: 500 },
  });
  const watch = new ConnectionWatch(targets, { connectedIds: () => host.connectedNodes(), refusedAfterMs: REFUSED_AFTER_MS,
    admittedAfterMs: ADMITTED_AFTER_MS, sampleEveryMs: WATCH_EVERY_MS });
  const peer = new ByzantinePeer(host, { chainId: layout.chainId, key, validatorIndex }, targets, opts.seed, watch, opts.parts);
  const stopTracking = new AbortController();
  const tracking = peer.trackHeight(stopTracking.signal);
  const connectBy = Date.now() + CONNECT_WAIT_MS;
  while (peer.connected().length < targets.length && Date.now() < connectBy) await sleep(100);
  const reached = peer.connected();
  const startMs = Date.now();
  const until = startMs + opts.seconds * 1000;
  const junkFrom = startMs + Math.min(JUNK_DELAY_MS, (opts.seconds * 1000) / 3);
  watch.countFrom(junkFrom);
  const { parts } = opts;
  await Promise.all([
    watch.run(until),
    parts.has('equivocation') ? peer.equivocate(until) : undefined,
    parts.has('gossip') || parts.has('oversized') ? peer.gossip(junkFrom, until, parts.has('oversized'), parts.has('gossip')) : undefined,
    parts.has('flood') ? peer.flood(junkFrom, until) : undefined,
    ...Array.from({ length: parts.has('requests') ? REQUEST_WORKERS : 0 }, (_, i) => peer.requests(i, junkFrom, until)),
  ]);
  const durationMs = Date.now() - startMs;
  // A node may ban us at the very end (its last penalty was in flight): watch on for a while.
  await watch.awaitRefusals(reached.map((node) => node.name), Date.now() + BAN_GRACE_MS);
  stopTracking.abort();
  await tracking;
  await host.stop();
  const bannedFrom = watch.refusing().filter((name) => reached.some((node) => node.name === name));
  const { refusedAtMs, hangUps, shortConnections, outMs } = watch.summary(junkFrom);
  process.stdout.write(`${JSON.stringify({ sent: peer.sent, refusedOrClosed: peer.refusedOrClosed, answered: peer.answered, errors: peer.errors,
    banned: bannedFrom.length > 0, bannedFrom, reached: reached.map((node) => node.name), durationMs, refusedAtMs, hangUps, shortConnections, outMs,
    notConnectedSkips: peer.notConnectedSkips })}\n`);
}

main().then(() => process.exit(0), (error: unknown) => {
  process.stderr.write(`byzantine-peer: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
