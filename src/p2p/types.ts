// The p2p layer's public types and its limits. Everything a caller passes in is in P2PComponents
// (the js-libp2p "Components" pattern): tests build exactly that, nothing more.
import type { Logger } from 'pino';
import type { Clock } from '../types/index.js';
import type { P2PMetrics } from './metrics.js';

export const TOPICS = ['txs', 'proposals', 'votes', 'evidence', 'checkpoints'] as const;
export type Topic = (typeof TOPICS)[number];

/**
 * What a topic handler says about a message. 'accept' delivers and forwards it; 'ignore' drops it
 * without blame (e.g. a vote for a height already committed); 'reject' marks it invalid: it is
 * dropped, not forwarded, and the peer that sent it is penalised.
 */
export type Verdict = 'accept' | 'ignore' | 'reject';

export type TopicHandler = (data: Uint8Array, fromNodeId: string) => Verdict | Promise<Verdict>;
/**
 * Answers one request. Throwing PeerFaultError says the request is the peer's fault (it is
 * refused and the peer penalised); any other error is taken as ours (answered "failed", no blame).
 */
export type RequestHandler = (request: Uint8Array, fromNodeId: string) => Promise<Uint8Array>;

export interface P2PLimits {
  /**
   * Largest gossip message accepted per topic; larger ones are rejected before any handler runs.
   * At most GOSSIP_MESSAGE_BYTES_CAP.
   */
  readonly messageBytesMax: Readonly<Record<Topic, number>>;
  readonly requestBytesMax: number;
  readonly responseBytesMax: number;
  /** Open connections at most (libp2p's connection manager prunes beyond it). */
  readonly peersMax: number;
  readonly requestTimeoutMs: number;
  /** How long publish() waits for a first subscriber of the topic before returning quietly. */
  readonly publishWaitMs: number;
  /**
   * Identical bytes published again within this window are not sent again (gossipsub's seen
   * cache, keyed by SHA-256 of the data). A rebroadcast of the same vote must come after it.
   */
  readonly dedupeWindowMs: number;
  /** Penalties within penaltyWindowMs that get a peer disconnected and banned. */
  readonly penaltiesMax: number;
  readonly penaltyWindowMs: number;
  /** How long a banned peer is refused, both ways. */
  readonly banMs: number;
  /**
   * Inbound requests of one protocol one peer may have in flight; a stream beyond it is reset
   * unread (and counted). Honest nodes have one or two at a time (catch-up, push, one block sync).
   */
  readonly inboundRequestsPerPeerMax: number;
  /**
   * A peer whose streams are refused as over inboundRequestsPerPeerMax this many times within
   * penaltyWindowMs is penalised once (and again at each further multiple). Honest peers have a
   * few requests in flight and burst only when we stalled; a flood of streams is not free.
   */
  readonly busyRefusalsPerPenalty: number;
  /** Refusals, penalties and handler failures are logged as counts once per this interval. */
  readonly faultLogIntervalMs: number;
  /** Redial backoff for bootstrap peers: doubles from min to max, then stays at max. */
  readonly redialDelayMinMs: number;
  readonly redialDelayMaxMs: number;
}

/** What callers may override: any limit, and any subset of the per-topic message limits. */
export type P2PLimitsInit = Partial<Omit<P2PLimits, 'messageBytesMax'>> & {
  readonly messageBytesMax?: Partial<Record<Topic, number>>;
};

/**
 * gossipsub frames each RPC with it-length-prefixed, whose encoder refuses more than 4 MiB and
 * drops the message (logging only). A topic limit must leave room for the RPC envelope, so it is
 * capped here; a larger block travels by request-response (block sync) instead.
 */
export const GOSSIP_MESSAGE_BYTES_CAP = 4 * 1024 * 1024 - 64 * 1024;

export const DEFAULT_P2P_LIMITS: P2PLimits = {
  // A proposal carries a whole block; txs and votes are small. Generous but bounded.
  // A checkpoint note with one validator's line is ~200 bytes (node/checkpoint-signatures.ts).
  messageBytesMax: { txs: 256 * 1024, proposals: 3 * 1024 * 1024, votes: 4 * 1024, evidence: 64 * 1024, checkpoints: 1024 },
  requestBytesMax: 64 * 1024,
  responseBytesMax: 16 * 1024 * 1024,
  peersMax: 64,
  requestTimeoutMs: 10_000,
  publishWaitMs: 1_000,
  dedupeWindowMs: 30_000,
  penaltiesMax: 10,
  penaltyWindowMs: 60_000,
  banMs: 10 * 60_000,
  inboundRequestsPerPeerMax: 4,
  // Why 100: an honest node sends a peer a few requests a second of all protocols together (block
  // sync one at a time, a push per own message per rebroadcast interval, catch-up from two peers
  // per missing message), each with a timeout of 2-10 s, so its refused streams come in bursts
  // when we stalled (SIGSTOP, a long GC or disk stall) and its queued streams arrive at once:
  // chaos runs with paused nodes show at most 8 per peer and protocol in 10 s. Such a burst costs
  // no penalty; a ban from refusals alone takes 1,000 in a minute (16 a second beyond the limit,
  // sustained), while a flood of thousands of streams a second is banned within a second.
  busyRefusalsPerPenalty: 100,
  faultLogIntervalMs: 10_000,
  redialDelayMinMs: 250,
  redialDelayMaxMs: 15_000,
};

export function resolveLimits(init: P2PLimitsInit | undefined): P2PLimits {
  const { messageBytesMax, ...rest } = init ?? {};
  const limits: P2PLimits = {
    ...DEFAULT_P2P_LIMITS,
    ...rest,
    messageBytesMax: { ...DEFAULT_P2P_LIMITS.messageBytesMax, ...messageBytesMax },
  };
  return limits;
}

export interface P2PComponents {
  /** Topics and protocols are per chain: /tianping/<chainId>/<topic>/1. */
  readonly chainId: string;
  /** 32-byte ed25519 seed: the libp2p identity IS the node key. */
  readonly nodeSeed: Uint8Array;
  /** e.g. ['/ip4/127.0.0.1/tcp/0'] */
  readonly listenAddrs: readonly string[];
  /** Multiaddrs with /p2p/<peerId> of other members' nodes; redialled for as long as the host runs. */
  readonly bootstrap: readonly string[];
  /**
   * Node ids (hex ed25519 public keys) admitted at start, from committed membership. Nobody else
   * connects until setAllowedNodes() says so: an empty list admits nobody.
   */
  readonly allowedNodes: readonly string[];
  readonly logger: Logger;
  readonly limits?: P2PLimitsInit;
  /** Reads ban and penalty times; defaults to the wall clock. */
  readonly clock?: Clock;
  /** Bytes by protocol and direction, penalties by protocol, peers connected (p2p/metrics.ts); none when omitted. */
  readonly metrics?: P2PMetrics;
}

export interface RequestOptions {
  readonly timeoutMs?: number;
  /** Overrides limits.responseBytesMax for this call. */
  readonly responseBytesMax?: number;
}

export interface P2P {
  /** libp2p peer id string. */
  readonly peerId: string;
  /** Lowercase hex ed25519 public key: the same key as the peer id. */
  readonly nodeId: string;
  readonly limits: P2PLimits;
  /** Listen addresses, each ending in /p2p/<peerId>. */
  multiaddrs(): string[];
  /** Replaces the admitted node ids; open connections of ids no longer admitted are closed at once. */
  setAllowedNodes(nodeIds: Iterable<string>): void;
  /**
   * Gossips data on a topic. Waits up to limits.publishWaitMs until a subscriber can be sent to
   * and otherwise returns quietly: gossip is not reliable broadcast, and consensus rebroadcasts
   * what matters. Throws MESSAGE_TOO_LARGE (the caller's bug), STOPPED or PUBLISH_FAILED; never
   * "no peers subscribed".
   */
  publish(topic: Topic, data: Uint8Array): Promise<void>;
  /** One handler per topic. It runs once per distinct message (deduplicated by SHA-256 of the data). */
  subscribe(topic: Topic, handler: TopicHandler): void;
  /** Serves /tianping/<chainId>/<name>/1: one length-prefixed request, one response. */
  handle(name: string, handler: RequestHandler): Promise<void>;
  request(nodeId: string, name: string, request: Uint8Array, options?: RequestOptions): Promise<Uint8Array>;
  connectedNodes(): string[];
  /** Node ids known to subscribe to the topic that a publish would reach directly now. */
  topicPeers(topic: Topic): string[];
  /** Scores a peer down; at limits.penaltiesMax within the window it is disconnected and banned. */
  penalise(nodeId: string, reason: string): void;
  stop(): Promise<void>;
}
