// Assembles the libp2p host: TCP + Noise + Yamux + identify + gossipsub, the connection gater,
// the bootstrap redial loop, gossip topics and request-response, behind the P2P interface.
import { noise } from '@chainsafe/libp2p-noise';
import { yamux } from '@chainsafe/libp2p-yamux';
import { gossipsub, StrictNoSign, type GossipSub } from '@libp2p/gossipsub';
import { identify } from '@libp2p/identify';
import type { Libp2p, PeerId } from '@libp2p/interface';
import { peerIdFromPrivateKey, peerIdFromString } from '@libp2p/peer-id';
import { tcp } from '@libp2p/tcp';
import { multiaddr, type Multiaddr } from '@multiformats/multiaddr';
import { createLibp2p } from 'libp2p';
import { createHash } from 'node:crypto';
import type { Clock, TimeMs } from '../types/index.js';
import { withCoalescedWrites } from './coalesce.js';
import { P2PError } from './errors.js';
import { FaultLog } from './fault-log.js';
import { PeerGate } from './gate.js';
import { nodeIdToPeerId, peerIdToNodeId, privateKeyFromSeed } from './identity.js';
import { ProtocolMeters } from './metrics.js';
import { allowedTopicNames, Topics } from './pubsub.js';
import { Redialer, type RedialTarget } from './redial.js';
import { RequestResponse } from './request-response.js';
import { GOSSIP_MESSAGE_BYTES_CAP, resolveLimits, TOPICS, type P2P, type P2PComponents, type P2PLimits } from './types.js';

/** Room for the gossipsub RPC envelope (topic, control messages) around the largest message. */
const RPC_OVERHEAD_BYTES = 64 * 1024;
const CHAIN_ID_RE = /^[A-Za-z0-9._-]{1,64}$/;
/** How long closing a peer's connections may take before they are aborted. */
const HANG_UP_WAIT_MS = 1_000;
const wallClock: Clock = { nowMs: () => Date.now() as TimeMs };

// A type alias, not an interface: libp2p's ServiceMap needs an index signature.
type Services = {
  identify: unknown;
  pubsub: GossipSub;
};

export async function createP2P(c: P2PComponents): Promise<P2P> {
  if (!CHAIN_ID_RE.test(c.chainId)) throw new P2PError('INVALID_CONFIG', `chain id not usable in a protocol id: ${c.chainId}`);
  const limits = resolveLimits(c.limits);
  checkLimits(limits);
  const privateKey = await privateKeyFromSeed(c.nodeSeed);
  const selfPeerId = peerIdFromPrivateKey(privateKey);
  const logger = c.logger.child({ component: 'p2p' });
  const gate = new PeerGate({ clock: c.clock ?? wallClock, logger, limits });
  gate.setAllowed(c.allowedNodes);
  const targets = parseBootstrap(c.bootstrap).filter((t) => !t.peerId.equals(selfPeerId));
  const listen = c.listenAddrs.map((addr) => parseMultiaddr(addr).toString());
  const stopController = new AbortController();
  const meters = c.metrics === undefined ? undefined : new ProtocolMeters(c.metrics);

  const libp2p: Libp2p<Services> = await createLibp2p({
    privateKey,
    addresses: { listen },
    transports: [withCoalescedWrites(tcp())],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    connectionGater: gate.connectionGater(),
    connectionManager: { maxConnections: limits.peersMax },
    services: {
      identify: identify(),
      pubsub: gossipsub({
        // Payloads carry their own signatures; gossipsub signing would only add bytes and work.
        globalSignaturePolicy: StrictNoSign,
        // SHA-256 of the data, computed for every copy received: OpenSSL (node:crypto), not JavaScript.
        msgIdFn: (message) => createHash('sha256').update(message.data).digest(),
        emitSelf: false,
        fallbackToFloodsub: false,
        allowPublishToZeroTopicPeers: false,
        // Publishing the same bytes twice is a no-op, not an error (see limits.dedupeWindowMs).
        ignoreDuplicatePublishError: true,
        seenTTL: limits.dedupeWindowMs,
        allowedTopics: allowedTopicNames(c.chainId),
        maxInboundDataLength: Math.max(...TOPICS.map((t) => limits.messageBytesMax[t])) + RPC_OVERHEAD_BYTES,
      }),
    },
  });

  const hangUp = (peerId: PeerId, why: string): void => {
    logger.info({ event: 'p2p.peer.hang-up', peerId: peerId.toString(), why }, 'closing connections of peer');
    // Bounded: a graceful close waits for the peer's streams, which a peer flooding us (or one
    // whose oversized frame we stopped reading) may never finish; past the bound it is aborted.
    libp2p.hangUp(peerId, { signal: AbortSignal.timeout(HANG_UP_WAIT_MS) }).catch((error: unknown) => {
      logger.debug({ event: 'p2p.peer.hang-up-failed', peerId: peerId.toString(), err: error }, 'hang-up failed');
    });
  };
  const penaliseByPeerId = (peerId: string, reason: string): void => {
    if (gate.penalise(peerId, reason)) hangUp(peerIdFromString(peerId), `banned: ${reason}`);
  };
  const faults = new FaultLog({ logger, intervalMs: limits.faultLogIntervalMs, stopSignal: stopController.signal });
  watchGossipReadErrors(libp2p.services.pubsub, (peer, code) => {
    // gossipsub drops a peer whose frame is over the limit (or whose length prefix is bad) and stops
    // reading its stream, with no score penalty: what the peer sends afterwards was never read, so
    // never punished. Penalise it and close the connection, so that it starts over with fresh
    // streams (through the gate, if still admitted) and its later junk counts again.
    const id = peer.toString();
    meters?.of('gossip').penalties.inc();
    faults.record(id, 'gossip', code, 'peer');
    penaliseByPeerId(id, `gossip frame refused: ${code}`);
    if (gate.admits(id)) hangUp(peer, `gossip frame refused: ${code}`);
  });

  const redialer = new Redialer({ libp2p, limits, logger, stopSignal: stopController.signal }, targets);
  const topics = new Topics({
    pubsub: libp2p.services.pubsub, chainId: c.chainId, limits, logger, faults, penalise: penaliseByPeerId,
    stopSignal: stopController.signal,
    connectedWithin: (withinMs) => libp2p.getConnections().some((conn) => Date.now() - conn.timeline.open < withinMs),
    ...(meters === undefined ? {} : { meters }),
  });
  const requests = new RequestResponse({ libp2p, chainId: c.chainId, limits, logger, faults, penalise: penaliseByPeerId,
    stopSignal: stopController.signal, ...(meters === undefined ? {} : { meters }) });

  libp2p.addEventListener('peer:connect', (event) => {
    logger.info({ event: 'p2p.peer.connected', peerId: event.detail.toString() }, 'peer connected');
    meters?.peersConnected.set(libp2p.getPeers().length);
    redialer.onConnect(event.detail);
  });
  libp2p.addEventListener('peer:disconnect', (event) => {
    logger.info({ event: 'p2p.peer.disconnected', peerId: event.detail.toString() }, 'peer disconnected');
    meters?.peersConnected.set(libp2p.getPeers().length);
    redialer.onDisconnect(event.detail);
  });
  redialer.start();

  const peerId = selfPeerId.toString();
  const nodeId = peerIdToNodeId(selfPeerId);
  logger.info({ event: 'p2p.started', peerId, nodeId, addrs: libp2p.getMultiaddrs().map(String) }, 'p2p host started');

  return {
    peerId,
    nodeId,
    limits,
    multiaddrs: () => libp2p.getMultiaddrs().map((addr) => addr.toString()),
    setAllowedNodes(nodeIds) {
      gate.setAllowed(nodeIds);
      for (const peer of libp2p.getPeers()) {
        if (!gate.admits(peer.toString())) hangUp(peer, 'no longer an allowed node');
      }
    },
    publish: (topic, data) => topics.publish(topic, data),
    subscribe: (topic, handler) => topics.subscribe(topic, handler),
    handle: (name, handler) => requests.handle(name, handler),
    request: (toNodeId, name, request, options) => requests.request(toNodeId, name, request, options),
    connectedNodes: () => libp2p.getPeers().map((peer) => peerIdToNodeId(peer)),
    topicPeers: (topic) => topics.readyPeers(topic).map((peer) => peerIdToNodeId(peer)),
    penalise(ofNodeId, reason) {
      // Blame the node's own layers (wire/) found, on no protocol of ours.
      meters?.of('node').penalties.inc();
      penaliseByPeerId(nodeIdToPeerId(ofNodeId), reason);
    },
    async stop() {
      if (stopController.signal.aborted) return;
      stopController.abort();
      redialer.stop();
      await libp2p.stop();
      logger.info({ event: 'p2p.stopped', peerId }, 'p2p host stopped');
    },
  };
}

/** Codes of it-length-prefixed's decoder errors that only a peer breaking the framing causes. */
const GOSSIP_FRAME_ERROR_CODES: ReadonlySet<string> = new Set(['ERR_MSG_DATA_TOO_LONG', 'ERR_MSG_LENGTH_TOO_LONG',
  'ERR_INVALID_MSG_LENGTH']);

/**
 * Calls onFrameError(peer, code) when gossipsub's inbound stream of a peer fails on a frame the
 * peer got wrong. gossipsub has no event for it, so its (private) error handler is wrapped; if a
 * later gossipsub lacks it, start-up fails rather than running without the protection.
 */
function watchGossipReadErrors(pubsub: GossipSub, onFrameError: (peer: PeerId, code: string) => void): void {
  const target = pubsub as unknown as { handlePeerReadStreamError?: (error: unknown, peer: PeerId) => void };
  const original = target.handlePeerReadStreamError;
  if (typeof original !== 'function') throw new P2PError('INVALID_CONFIG', 'gossipsub lacks handlePeerReadStreamError');
  target.handlePeerReadStreamError = (error, peer) => {
    original.call(pubsub, error, peer);
    const code = (error as { code?: unknown } | undefined)?.code;
    if (typeof code === 'string' && GOSSIP_FRAME_ERROR_CODES.has(code)) onFrameError(peer, code);
  };
}

function parseMultiaddr(text: string): Multiaddr {
  try {
    return multiaddr(text);
  } catch (error) {
    throw new P2PError('INVALID_MULTIADDR', `bad multiaddr: ${text}`, { cause: error });
  }
}

/** Each bootstrap address must name its peer: the gater and the redial loop key on the peer id. */
function parseBootstrap(addrs: readonly string[]): RedialTarget[] {
  return addrs.map((text) => {
    const addr = parseMultiaddr(text);
    const p2p = addr.getComponents().findLast((component) => component.name === 'p2p');
    if (p2p?.value === undefined) throw new P2PError('INVALID_MULTIADDR', `bootstrap address lacks /p2p/<peerId>: ${text}`);
    try {
      return { peerId: peerIdFromString(p2p.value), addr };
    } catch (error) {
      throw new P2PError('INVALID_MULTIADDR', `bad peer id in ${text}`, { cause: error });
    }
  });
}

function checkLimits(limits: P2PLimits): void {
  const positive: readonly (keyof Omit<P2PLimits, 'messageBytesMax'>)[] = [
    'requestBytesMax', 'responseBytesMax', 'peersMax', 'requestTimeoutMs', 'dedupeWindowMs', 'penaltiesMax',
    'penaltyWindowMs', 'banMs', 'redialDelayMinMs', 'redialDelayMaxMs', 'inboundRequestsPerPeerMax', 'busyRefusalsPerPenalty',
    'faultLogIntervalMs',
  ];
  for (const key of positive) {
    const value = limits[key];
    if (!Number.isSafeInteger(value) || value <= 0) throw new P2PError('INVALID_CONFIG', `limit ${key} must be a positive integer`);
  }
  for (const topic of TOPICS) {
    const value = limits.messageBytesMax[topic];
    if (!Number.isSafeInteger(value) || value <= 0 || value > GOSSIP_MESSAGE_BYTES_CAP) {
      throw new P2PError('INVALID_CONFIG', `message limit of ${topic} must be an integer in 1..${GOSSIP_MESSAGE_BYTES_CAP}`);
    }
  }
  if (!Number.isSafeInteger(limits.publishWaitMs) || limits.publishWaitMs < 0) {
    throw new P2PError('INVALID_CONFIG', 'limit publishWaitMs must be a non-negative integer');
  }
  if (limits.redialDelayMinMs > limits.redialDelayMaxMs) {
    throw new P2PError('INVALID_CONFIG', 'redialDelayMinMs exceeds redialDelayMaxMs');
  }
}
