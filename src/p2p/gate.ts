// Who may be connected: the allow list (committed membership) minus the peers banned for
// misbehaviour. libp2p asks through the connection gater; the peer id of an inbound connection is
// known only after the Noise handshake, so the encrypted-connection hooks are the ones that decide.
import type { ConnectionGater, PeerId } from '@libp2p/interface';
import type { Logger } from 'pino';
import type { Clock } from '../types/index.js';
import { nodeIdToPeerId } from './identity.js';
import type { P2PLimits } from './types.js';

export interface PeerGateComponents {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly limits: Pick<P2PLimits, 'penaltiesMax' | 'penaltyWindowMs' | 'banMs'>;
}

export class PeerGate {
  /** Peer id strings of admitted nodes. */
  private allowed = new Set<string>();
  /** Times of recent penalties per peer id, oldest first, at most penaltiesMax kept. */
  private readonly penaltyTimesMs = new Map<string, number[]>();
  private readonly bannedUntilMs = new Map<string, number>();

  constructor(private readonly components: PeerGateComponents) {}

  /** Replaces the allow list; returns the peer ids that were admitted before and are not now. */
  setAllowed(nodeIds: Iterable<string>): string[] {
    // Convert all first, so one bad id leaves the old list in place.
    const next = new Set<string>();
    for (const nodeId of nodeIds) next.add(nodeIdToPeerId(nodeId));
    const removed = [...this.allowed].filter((peerId) => !next.has(peerId));
    this.allowed = next;
    // Scores of nodes that left do not matter any more; dropping them bounds the maps.
    for (const peerId of removed) {
      this.penaltyTimesMs.delete(peerId);
      this.bannedUntilMs.delete(peerId);
    }
    return removed;
  }

  isAllowed(peerId: string): boolean {
    return this.allowed.has(peerId);
  }

  isBanned(peerId: string): boolean {
    const untilMs = this.bannedUntilMs.get(peerId);
    if (untilMs === undefined) return false;
    if (this.components.clock.nowMs() < untilMs) return true;
    this.bannedUntilMs.delete(peerId);
    return false;
  }

  admits(peerId: string): boolean {
    return this.isAllowed(peerId) && !this.isBanned(peerId);
  }

  /** Records a penalty; returns true when it bans the peer (the caller then disconnects it). */
  penalise(peerId: string, reason: string): boolean {
    const { clock, limits, logger } = this.components;
    const nowMs = clock.nowMs();
    const recent = (this.penaltyTimesMs.get(peerId) ?? []).filter((atMs) => nowMs - atMs < limits.penaltyWindowMs);
    recent.push(nowMs);
    if (recent.length < limits.penaltiesMax) {
      this.penaltyTimesMs.set(peerId, recent);
      logger.debug({ event: 'p2p.penalty', peerId, reason, penalties: recent.length }, 'peer penalised');
      return false;
    }
    this.penaltyTimesMs.delete(peerId);
    this.bannedUntilMs.set(peerId, nowMs + limits.banMs);
    logger.warn({ event: 'p2p.ban', peerId, reason, banMs: limits.banMs }, 'peer banned after repeated penalties');
    return true;
  }

  connectionGater(): ConnectionGater {
    const deny = (direction: string, peerId: PeerId): boolean => {
      const id = peerId.toString();
      if (this.admits(id)) return false;
      this.components.logger.debug(
        { event: 'p2p.gater.deny', direction, peerId: id, banned: this.isAllowed(id) }, 'connection refused');
      return true;
    };
    return {
      denyDialPeer: (peerId) => deny('dial', peerId),
      denyInboundEncryptedConnection: (peerId) => deny('inbound', peerId),
      denyOutboundEncryptedConnection: (peerId) => deny('outbound', peerId),
    };
  }
}
