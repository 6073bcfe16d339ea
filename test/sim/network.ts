// The simulated network under the node's own consensus wire: each node incarnation gets an endpoint
// with the interface the wire uses on libp2p (ConsensusNetwork: gossip topics, request-response
// protocols, the connected peers). Every message gets its own delay (so messages reorder), and until
// the heal time it may also be dropped, duplicated, held back much longer, or cut by a partition.
// A request whose answer is lost fails at its timeout, as a libp2p stream would.
import type { ConsensusNetwork } from '../../src/wire/index.js';
import type { RequestHandler, Topic, TopicHandler } from '../../src/p2p/index.js';
import type { EventQueue } from './event-queue.js';
import type { SimOptions } from './options.js';
import type { Prng } from './prng.js';

/** What travels between two endpoints. */
export type Packet =
  | { readonly kind: 'gossip'; readonly topic: Topic; readonly data: Uint8Array }
  | { readonly kind: 'request'; readonly id: number; readonly protocol: string; readonly data: Uint8Array }
  | { readonly kind: 'response'; readonly id: number; readonly protocol: string; readonly data: Uint8Array | undefined };

export interface Delivery {
  readonly kind: 'deliver';
  readonly from: number;
  readonly to: number;
  readonly packet: Packet;
}

export interface RequestTimeout {
  readonly kind: 'requestTimeout';
  readonly id: number;
}

/** A Byzantine node's say over its own outgoing packets: the packets each peer gets instead. */
export type PacketTamper = (to: number, packet: Packet) => readonly Packet[];

interface PendingRequest {
  readonly from: number;
  resolve(data: Uint8Array): void;
  reject(error: Error): void;
}

export class SimEndpoint implements ConsensusNetwork {
  readonly topics = new Map<string, TopicHandler>();
  readonly handlers = new Map<string, RequestHandler>();
  tamper: PacketTamper | undefined;
  /** A Byzantine node's say over how it answers requests. */
  wrapHandler: ((protocol: string, handler: RequestHandler) => RequestHandler) | undefined;

  constructor(private readonly net: SimNetwork, readonly node: number) {}

  async publish(topic: Topic, data: Uint8Array): Promise<void> {
    for (const peer of this.net.peersOf(this.node)) this.net.send(this, peer, { kind: 'gossip', topic, data });
  }

  subscribe(topic: Topic, handler: TopicHandler): void {
    this.topics.set(topic, handler);
  }

  async handle(protocol: string, handler: RequestHandler): Promise<void> {
    this.handlers.set(protocol, this.wrapHandler?.(protocol, handler) ?? handler);
  }

  request(peerId: string, protocol: string, data: Uint8Array, options?: { readonly timeoutMs?: number }): Promise<Uint8Array> {
    return this.net.request(this, peerId, protocol, data, options?.timeoutMs ?? 10_000);
  }

  connectedNodes(): string[] {
    return this.net.peersOf(this.node).filter((peer) => this.net.reachable(this.node, peer)).map((peer) => this.net.idOf(peer));
  }
}

export class SimNetwork {
  sentCount = 0;
  droppedCount = 0;
  private readonly endpoints: (SimEndpoint | undefined)[] = [];
  private readonly pending = new Map<number, PendingRequest>();
  private nextRequestId = 1;
  private readonly nodeOfId = new Map<string, number>();

  constructor(
    private readonly options: SimOptions,
    private readonly prng: Prng,
    private readonly queue: EventQueue<Delivery | RequestTimeout | { readonly kind: string }>,
    private readonly nodeIds: readonly string[],
    private readonly nowMs: () => number,
    /** Sees every packet a live endpoint sends, before any Byzantine rewrite. */
    private readonly onSend: (from: number, packet: Packet) => void,
  ) {
    nodeIds.forEach((id, node) => this.nodeOfId.set(id, node));
  }

  idOf(node: number): string {
    return this.nodeIds[node]!;
  }

  /** A fresh endpoint for a node's new incarnation; the old one is cut off. */
  attach(node: number): SimEndpoint {
    const endpoint = new SimEndpoint(this, node);
    this.endpoints[node] = endpoint;
    return endpoint;
  }

  /** The node is down: nothing reaches it, and its requests in flight never complete. */
  detach(node: number): void {
    this.endpoints[node] = undefined;
    for (const [id, request] of this.pending) if (request.from === node) this.pending.delete(id);
  }

  peersOf(node: number): number[] {
    const peers: number[] = [];
    for (let peer = 0; peer < this.nodeIds.length; peer++) if (peer !== node && this.endpoints[peer] !== undefined) peers.push(peer);
    return peers;
  }

  /** Not cut by a partition in either direction now (what a connection needs). */
  reachable(a: number, b: number): boolean {
    const nowMs = this.nowMs();
    return !this.partitioned(a, b, nowMs) && !this.partitioned(b, a, nowMs);
  }

  private partitioned(from: number, to: number, nowMs: number): boolean {
    return this.options.partitions.some((partition) => {
      if (nowMs < partition.startMs || nowMs >= partition.endMs) return false;
      const fromSide = partition.sideOfNode[from]!;
      const toSide = partition.sideOfNode[to]!;
      return partition.oneWay ? fromSide < toSide : fromSide !== toSide;
    });
  }

  /** Sends from a live endpoint (an endpoint of a dead incarnation sends nothing). */
  send(from: SimEndpoint, to: number, packet: Packet): void {
    if (this.endpoints[from.node] !== from) return;
    this.onSend(from.node, packet);
    const packets = from.tamper === undefined ? [packet] : from.tamper(to, packet);
    for (const p of packets) this.transmit(from.node, to, p);
  }

  private transmit(from: number, to: number, packet: Packet): void {
    const nowMs = this.nowMs();
    this.sentCount += 1;
    const faulty = nowMs < this.options.healAtMs;
    if (faulty && (this.partitioned(from, to, nowMs) || this.prng.chance(this.options.dropPerMille))) {
      this.droppedCount += 1;
      return;
    }
    const copies = faulty && this.prng.chance(this.options.duplicatePerMille) ? 2 : 1;
    for (let copy = 0; copy < copies; copy++) {
      const slow = faulty && this.prng.chance(100);
      const delayMaxMs = slow ? this.options.faultDelayMaxMs : this.options.delayMaxMs;
      const delayMs = this.prng.range(this.options.delayMinMs, Math.max(this.options.delayMinMs, delayMaxMs));
      this.queue.push(nowMs + delayMs, { kind: 'deliver', from, to, packet });
    }
  }

  request(from: SimEndpoint, peerId: string, protocol: string, data: Uint8Array, timeoutMs: number): Promise<Uint8Array> {
    const to = this.nodeOfId.get(peerId);
    if (to === undefined) return Promise.reject(new Error(`unknown peer ${peerId}`));
    if (this.endpoints[from.node] !== from) return new Promise(() => undefined);
    const id = this.nextRequestId++;
    return new Promise<Uint8Array>((resolve, reject) => {
      this.pending.set(id, { from: from.node, resolve, reject });
      this.queue.push(this.nowMs() + timeoutMs, { kind: 'requestTimeout', id });
      this.send(from, to, { kind: 'request', id, protocol, data });
    });
  }

  timeout(id: number): void {
    const request = this.pending.get(id);
    if (request === undefined) return;
    this.pending.delete(id);
    request.reject(new Error('request timed out'));
  }

  /** Hands a packet to its node; `onError` gets what a handler threw (a bug: the run fails). */
  deliver(delivery: Delivery, onError: (error: unknown) => void): void {
    const endpoint = this.endpoints[delivery.to];
    if (endpoint === undefined) return;
    const { packet } = delivery;
    const fromId = this.idOf(delivery.from);
    if (packet.kind === 'gossip') {
      const handler = endpoint.topics.get(packet.topic);
      if (handler !== undefined) Promise.resolve(handler(packet.data, fromId)).catch(onError);
    } else if (packet.kind === 'request') {
      const handler = endpoint.handlers.get(packet.protocol);
      if (handler === undefined) return;
      handler(packet.data, fromId).then(
        (answer) => this.send(endpoint, delivery.from, { kind: 'response', id: packet.id, protocol: packet.protocol, data: answer }),
        () => this.send(endpoint, delivery.from, { kind: 'response', id: packet.id, protocol: packet.protocol, data: undefined }));
    } else {
      const request = this.pending.get(packet.id);
      if (request === undefined || request.from !== delivery.to) return;
      this.pending.delete(packet.id);
      if (packet.data === undefined) request.reject(new Error('the peer failed the request'));
      else request.resolve(packet.data);
    }
  }
}
