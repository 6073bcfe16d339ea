// Keeps dialling the bootstrap peers for as long as the host runs: a member's node that restarts
// comes back on the same address, and libp2p's own reconnect queue gives up after a few tries.
// Backoff doubles from redialDelayMinMs to redialDelayMaxMs and stays there. A connection that is
// refused right after the handshake (the remote gater) counts as a failure, so a peer that bans us
// is not hammered; only a connection that stayed up a while resets the backoff.
import type { Connection, PeerId } from '@libp2p/interface';
import type { Multiaddr } from '@multiformats/multiaddr';
import type { Logger } from 'pino';
import type { P2PLimits } from './types.js';

export interface RedialTarget {
  readonly peerId: PeerId;
  readonly addr: Multiaddr;
}

export interface RedialComponents {
  readonly libp2p: {
    dial(addr: Multiaddr, options?: { signal?: AbortSignal }): Promise<Connection>;
    getConnections(peerId?: PeerId): Connection[];
  };
  readonly limits: Pick<P2PLimits, 'redialDelayMinMs' | 'redialDelayMaxMs'>;
  readonly logger: Logger;
  readonly stopSignal: AbortSignal;
}

interface TargetState {
  readonly target: RedialTarget;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** Attempts since the last connection that stayed up; sets the backoff. */
  failures: number;
  connectedAtMs: number | undefined;
}

export class Redialer {
  private readonly states = new Map<string, TargetState>();

  constructor(private readonly components: RedialComponents, targets: readonly RedialTarget[]) {
    for (const target of targets) {
      this.states.set(target.peerId.toString(), { target, timer: undefined, failures: 0, connectedAtMs: undefined });
    }
  }

  start(): void {
    for (const state of this.states.values()) this.schedule(state, 0);
  }

  stop(): void {
    for (const state of this.states.values()) clearTimeout(state.timer);
  }

  onConnect(peerId: PeerId): void {
    const state = this.states.get(peerId.toString());
    if (state !== undefined) state.connectedAtMs = performance.now();
  }

  onDisconnect(peerId: PeerId): void {
    const state = this.states.get(peerId.toString());
    if (state === undefined || this.components.stopSignal.aborted) return;
    const upMs = state.connectedAtMs === undefined ? 0 : performance.now() - state.connectedAtMs;
    state.connectedAtMs = undefined;
    if (upMs >= this.components.limits.redialDelayMaxMs) state.failures = 0;
    this.schedule(state, this.delayMs(state.failures));
  }

  private delayMs(failures: number): number {
    const { redialDelayMinMs, redialDelayMaxMs } = this.components.limits;
    // 2 ** 30 already exceeds any sane maximum; capping the exponent keeps the number finite.
    return Math.min(redialDelayMaxMs, redialDelayMinMs * 2 ** Math.min(failures, 30));
  }

  private schedule(state: TargetState, delayMs: number): void {
    clearTimeout(state.timer);
    if (this.components.stopSignal.aborted) return;
    state.timer = setTimeout(() => void this.attempt(state), delayMs);
  }

  private async attempt(state: TargetState): Promise<void> {
    const { libp2p, logger, stopSignal } = this.components;
    state.timer = undefined;
    if (stopSignal.aborted) return;
    // Connected (either way round): nothing to do until the disconnect event reschedules us.
    if (libp2p.getConnections(state.target.peerId).length > 0) return;
    try {
      await libp2p.dial(state.target.addr, { signal: stopSignal });
    } catch (error) {
      logger.debug({ event: 'p2p.redial.failed', addr: state.target.addr.toString(), failures: state.failures + 1,
        err: error }, 'bootstrap dial failed');
    }
    state.failures++;
    // Also after a successful dial: if the remote drops us before we saw the connection, this
    // check notices; if we are connected it does nothing.
    this.schedule(state, this.delayMs(state.failures));
  }
}
