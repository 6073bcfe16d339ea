// Face of p2p/: the libp2p host of a consortium member's node. Gossip topics per chain
// (/tianping/<chainId>/<topic>/1), request-response protocols for catch-up and block sync, and a
// connection gater that admits only the node keys of current members.
export { createP2P } from './host.js';
export { nodeIdToPeerId, peerIdToNodeId } from './identity.js';
export {
  P2PError, isP2PError, P2P_ERROR_CODES, PeerFaultError, isPeerFaultError, type P2PErrorCode, type PeerFault,
} from './errors.js';
export { topicName } from './pubsub.js';
export type { Direction, P2PMetrics } from './metrics.js';
export { protocolId } from './request-response.js';
export {
  DEFAULT_P2P_LIMITS, GOSSIP_MESSAGE_BYTES_CAP, TOPICS,
  type P2P, type P2PComponents, type P2PLimits, type P2PLimitsInit, type RequestHandler, type RequestOptions,
  type Topic, type TopicHandler, type Verdict,
} from './types.js';
