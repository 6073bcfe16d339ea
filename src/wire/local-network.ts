// The consensus network of a node without p2p: no peers at all. A node that holds all the voting
// power (the dev chain, a single-validator chain) still decides every height alone, because the
// Tendermint core counts its own proposal and votes as it signs them (consensus/tendermint/round.ts)
// and needs no echo from the wire; an observer without p2p never hears a vote and never commits.
// So one engine and one driver serve every node, with or without peers.
import { P2PError, type RequestHandler, type Topic, type TopicHandler } from '../p2p/index.js';
import type { ConsensusNetwork } from './consensus-wire.js';

export class LocalNetwork implements ConsensusNetwork {
  private readonly topics = new Set<Topic>();
  private readonly protocols = new Set<string>();

  /** Nobody to send to: as a p2p host with no subscribers, returns quietly. */
  publish(): Promise<void> {
    return Promise.resolve();
  }

  /** Nothing ever arrives; a second handler for a topic is refused as the p2p host refuses it. */
  subscribe(topic: Topic, _handler: TopicHandler): void {
    if (this.topics.has(topic)) throw new P2PError('ALREADY_REGISTERED', `topic ${topic} already has a handler`);
    this.topics.add(topic);
  }

  handle(name: string, _handler: RequestHandler): Promise<void> {
    if (this.protocols.has(name)) return Promise.reject(new P2PError('ALREADY_REGISTERED', `protocol ${name} already has a handler`));
    this.protocols.add(name);
    return Promise.resolve();
  }

  /** Requests never dial (as with the p2p host): with no connection there is nobody to answer. */
  request(nodeId: string): Promise<Uint8Array> {
    return Promise.reject(new P2PError('PEER_NOT_CONNECTED', `no p2p: ${nodeId} is not connected`));
  }

  connectedNodes(): string[] {
    return [];
  }
}
