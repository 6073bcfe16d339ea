// Gossip topics. A topic validator IS the delivery: gossipsub calls it once per distinct message
// (message id = SHA-256 of the data, so the same bytes are one message whoever sends them), before
// forwarding, and forwards only what the handler accepts. Our messages are signed inside their
// payload, so gossipsub signs nothing (StrictNoSign) and the sender we report is the peer that
// relayed the message to us: that is the peer to blame for an invalid one.
import { TopicValidatorResult, type GossipSub } from '@libp2p/gossipsub';
import type { PeerId } from '@libp2p/interface';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { P2PError } from './errors.js';
import type { FaultLog } from './fault-log.js';
import { peerIdToNodeId } from './identity.js';
import type { ProtocolMeters } from './metrics.js';
import { TOPICS, type P2PLimits, type Topic, type TopicHandler, type Verdict } from './types.js';

export interface TopicsComponents {
  readonly pubsub: Pick<GossipSub, 'topicValidators' | 'subscribe' | 'getSubscribers' | 'publish'>;
  readonly chainId: string;
  readonly limits: Pick<P2PLimits, 'messageBytesMax' | 'publishWaitMs'>;
  readonly logger: Logger;
  /** Counts rejections and handler failures per peer and reason, logged per interval. */
  readonly faults: FaultLog;
  /** Scores the relaying peer down (by peer id string). */
  readonly penalise: (peerId: string, reason: string) => void;
  /** Aborted when the host stops: ends publish waits at once. */
  readonly stopSignal: AbortSignal;
  /** Whether a connection opened less than withinMs ago (its subscriptions may be on the way). */
  readonly connectedWithin: (withinMs: number) => boolean;
  /** Counts message bytes and penalties per topic; none when omitted. */
  readonly meters?: ProtocolMeters;
}

/** Once one subscriber can be sent to, how much longer publish waits for the others. */
const STRAGGLER_WAIT_MS = 100;
const READY_POLL_MS = 10;

const RESULTS: Readonly<Record<Verdict, TopicValidatorResult>> = {
  accept: TopicValidatorResult.Accept,
  ignore: TopicValidatorResult.Ignore,
  reject: TopicValidatorResult.Reject,
};

export function topicName(chainId: string, topic: Topic): string {
  return `/tianping/${chainId}/${topic}/1`;
}

/** Every topic name of a chain: gossipsub drops subscriptions and messages on any other topic. */
export function allowedTopicNames(chainId: string): string[] {
  return TOPICS.map((topic) => topicName(chainId, topic));
}

export class Topics {
  private readonly subscribed = new Set<Topic>();

  constructor(private readonly components: TopicsComponents) {}

  subscribe(topic: Topic, handler: TopicHandler): void {
    if (!TOPICS.includes(topic)) throw new P2PError('INVALID_CONFIG', `unknown topic ${String(topic)}`);
    if (this.subscribed.has(topic)) throw new P2PError('ALREADY_REGISTERED', `topic ${topic} already has a handler`);
    const { pubsub, chainId } = this.components;
    const name = topicName(chainId, topic);
    pubsub.topicValidators.set(name, (peer, message) => this.validate(topic, handler, peer, message.data));
    pubsub.subscribe(name);
    this.subscribed.add(topic);
  }

  /**
   * Publishing before any peer's subscription has arrived makes gossipsub throw
   * NoPeersSubscribedToTopic; and a subscriber whose outbound stream gossipsub has not opened yet
   * (its subscription can arrive first) is silently skipped, while the message id is marked seen,
   * so even publishing the bytes again would not reach it. So, while a connection is young enough
   * for subscriptions to be on their way, we wait (at most publishWaitMs) until every known
   * subscriber can be sent to, or one can and the others had STRAGGLER_WAIT_MS more; then
   * publish. With nobody to send to we return quietly, at once when no connection is young: a
   * lone node, or peers that do not subscribe, cost no waiting. Gossip is best effort anyway:
   * consensus rebroadcasts and catch-up requests make up for what is lost.
   */
  async publish(topic: Topic, data: Uint8Array): Promise<void> {
    const { pubsub, chainId, limits, logger, stopSignal } = this.components;
    const bytesMax = limits.messageBytesMax[topic];
    if (data.length > bytesMax) {
      throw new P2PError('MESSAGE_TOO_LARGE', `${data.length} bytes on ${topic}, limit ${bytesMax}`);
    }
    if (stopSignal.aborted) throw new P2PError('STOPPED');
    const name = topicName(chainId, topic);
    await this.waitForReadySubscribers(name);
    if (stopSignal.aborted) throw new P2PError('STOPPED');
    if (this.readiness(name).ready === 0) {
      logger.debug({ event: 'p2p.publish.no-peers', topic }, 'published to nobody: no subscribed peer');
      return;
    }
    try {
      await pubsub.publish(name, data);
      this.components.meters?.of(topic).bytesOut.inc(data.length);
    } catch (error) {
      if (error instanceof Error && error.message.includes('NoPeersSubscribedToTopic')) {
        logger.debug({ event: 'p2p.publish.no-peers', topic }, 'published to nobody: no subscribed peer');
        return;
      }
      throw new P2PError('PUBLISH_FAILED', `publish on ${topic} failed`, { cause: error });
    }
  }

  /** Peers known to subscribe to the topic that gossipsub can send to now. */
  readyPeers(topic: Topic): PeerId[] {
    return this.readyPeersOf(topicName(this.components.chainId, topic));
  }

  private readyPeersOf(name: string): PeerId[] {
    const subscribers = this.components.pubsub.getSubscribers(name);
    // streamsOutbound is a public field of gossipsub's class, not of its interface type; if a
    // later version drops it we fall back to taking every subscriber as ready.
    const outbound = (this.components.pubsub as { streamsOutbound?: unknown }).streamsOutbound;
    if (!(outbound instanceof Map)) return subscribers;
    return subscribers.filter((peer) => outbound.has(peer.toString()));
  }

  private readiness(name: string): { subscribers: number; ready: number } {
    return { subscribers: this.components.pubsub.getSubscribers(name).length, ready: this.readyPeersOf(name).length };
  }

  private async waitForReadySubscribers(name: string): Promise<void> {
    const { limits, stopSignal, connectedWithin } = this.components;
    const startMs = performance.now();
    let firstReadyMs: number | undefined;
    // gossipsub has no event for "outbound stream opened", so poll; in the steady state every
    // subscriber is ready and this returns without waiting.
    while (!stopSignal.aborted) {
      const { subscribers, ready } = this.readiness(name);
      if (subscribers > 0 && ready === subscribers) return;
      const nowMs = performance.now();
      if (ready > 0) {
        firstReadyMs ??= nowMs;
        if (nowMs - firstReadyMs >= STRAGGLER_WAIT_MS) return;
      } else if (!connectedWithin(limits.publishWaitMs)) {
        return;
      }
      if (nowMs - startMs >= limits.publishWaitMs) return;
      await sleep(READY_POLL_MS, undefined, { signal: stopSignal }).catch(() => undefined);
    }
  }

  /** Never throws into gossipsub: a failing handler is logged and its message rejected. */
  private async validate(topic: Topic, handler: TopicHandler, peer: PeerId, data: Uint8Array): Promise<TopicValidatorResult> {
    const { limits, logger, faults, penalise } = this.components;
    const meters = this.components.meters?.of(topic);
    meters?.bytesIn.inc(data.length);
    const peerId = peer.toString();
    const bytesMax = limits.messageBytesMax[topic];
    if (data.length > bytesMax) {
      meters?.penalties.inc();
      faults.record(peerId, topic, 'too-large', 'peer');
      penalise(peerId, `message of ${data.length} bytes on ${topic} over the limit ${bytesMax}`);
      return TopicValidatorResult.Reject;
    }
    let verdict: unknown;
    try {
      verdict = await handler(data, peerIdToNodeId(peer));
    } catch (error) {
      // Our own fault more likely than the peer's: reject (do not forward) but do not penalise.
      faults.record(peerId, topic, 'handler-failed', 'ours', error);
      return TopicValidatorResult.Reject;
    }
    if (verdict !== 'accept' && verdict !== 'ignore' && verdict !== 'reject') {
      logger.error({ event: 'p2p.handler.bad-verdict', topic, verdict }, 'topic handler returned no verdict');
      return TopicValidatorResult.Reject;
    }
    if (verdict === 'reject') {
      meters?.penalties.inc();
      faults.record(peerId, topic, 'rejected', 'peer');
      penalise(peerId, `invalid message on ${topic}`);
    }
    return RESULTS[verdict];
  }
}
