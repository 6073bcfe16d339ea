// What the p2p layer records when the node gives it metrics. Bytes are payload bytes as our code
// hands them to libp2p or gets them from it: a gossip message counts once however many peers it
// goes to or comes from (gossipsub drops the copies before our validator sees them), a request and
// a response each once, framing and encryption not at all.
import type { CounterLike, GaugeLike } from '../types/index.js';

export type Direction = 'in' | 'out';

export interface P2PMetrics {
  /** The bytes counter of a protocol (a gossip topic, a request protocol's name) and direction. */
  bytes(protocol: string, direction: Direction): CounterLike;
  /** The penalties counter of the protocol a peer's fault was found on. */
  penalties(protocol: string): CounterLike;
  /** Peers with an open connection now. */
  readonly peersConnected: GaugeLike;
}

interface Meters {
  readonly bytesIn: CounterLike;
  readonly bytesOut: CounterLike;
  readonly penalties: CounterLike;
}

/**
 * The counters of each protocol, got from P2PMetrics once per protocol: a message or a request
 * then costs a map lookup and the counter's increment (types/metrics.ts), and builds no labels.
 */
export class ProtocolMeters {
  private readonly byProtocol = new Map<string, Meters>();

  constructor(private readonly metrics: P2PMetrics) {}

  of(protocol: string): Meters {
    let meters = this.byProtocol.get(protocol);
    if (meters === undefined) {
      const { metrics } = this;
      meters = { bytesIn: metrics.bytes(protocol, 'in'), bytesOut: metrics.bytes(protocol, 'out'),
        penalties: metrics.penalties(protocol) };
      this.byProtocol.set(protocol, meters);
    }
    return meters;
  }

  get peersConnected(): GaugeLike {
    return this.metrics.peersConnected;
  }
}
