// What the Byzantine peer (byzantine-peer.ts) sees of each honest node while it floods: whether
// we are let in, how often the node hung up, how long we were out, whether its API answers, and
// whether it REFUSES us (a ban): a node whose API answers but that has let us in on none of our
// redials for refusedAfterMs. A node that bans us still shows us a connection for a moment on each
// redial (its gater closes it after the handshake): only a connection that stays up admittedAfterMs
// counts as being let in. Our redials come every 100-500 ms, so refusedAfterMs is several refused
// connections, not a slow redial; a node that is down (its API silent too) is not counted as banning.
import { setTimeout as sleep } from 'node:timers/promises';
import type { TestnetNode } from '../testnet-files.js';

export interface NodeView {
  connected: boolean;
  /** Start of the current connection (ms since the epoch), if connected. */
  upSinceMs: number | undefined;
  /** The last time we were in a connection that had stayed up admittedAfterMs. */
  admittedAtMs: number | undefined;
  /** Times an admitted connection ended: hang-ups and bans. */
  hangUps: number;
  /** Connections that ended before admittedAfterMs: redials refused after the handshake. */
  shortConnections: number;
  /** Start of the current stretch without a connection (ms since the epoch), if out. */
  outSinceMs: number | undefined;
  /** Total time out since the junk started. */
  outMs: number;
  /** The last time the node's API answered. */
  apiAnsweredAtMs: number | undefined;
  /** Start of the stretch out that became a refusal (ms since the epoch), while it lasts. */
  refusedSinceMs: number | undefined;
}

export interface WatchOptions {
  readonly connectedIds: () => readonly string[];
  readonly refusedAfterMs: number;
  readonly admittedAfterMs: number;
  readonly sampleEveryMs: number;
}

export class ConnectionWatch {
  readonly views = new Map<string, NodeView>();
  /** Out-of-connection time counts from here on (the junk's start). */
  private countFromMs = Number.POSITIVE_INFINITY;

  constructor(private readonly targets: readonly TestnetNode[], private readonly o: WatchOptions) {
    for (const node of targets) {
      this.views.set(node.name, { connected: false, upSinceMs: undefined, admittedAtMs: undefined, hangUps: 0, shortConnections: 0,
        outSinceMs: Date.now(), outMs: 0, apiAnsweredAtMs: undefined, refusedSinceMs: undefined });
    }
  }

  countFrom(atMs: number): void {
    this.countFromMs = atMs;
  }

  apiAnswered(name: string, atMs: number): void {
    const view = this.views.get(name);
    if (view !== undefined) view.apiAnsweredAtMs = atMs;
  }

  /** One look at the connections; call it often (every sampleEveryMs). */
  sample(nowMs = Date.now()): void {
    const ids = new Set(this.o.connectedIds());
    for (const node of this.targets) {
      const view = this.views.get(node.name)!;
      const connected = ids.has(node.nodeId);
      if (connected && !view.connected) {
        if (view.outSinceMs !== undefined) view.outMs += Math.max(0, nowMs - Math.max(view.outSinceMs, this.countFromMs));
        view.outSinceMs = undefined;
        view.upSinceMs = nowMs;
      } else if (!connected && view.connected) {
        const admitted = view.admittedAtMs !== undefined && view.upSinceMs !== undefined && view.admittedAtMs >= view.upSinceMs;
        if (nowMs >= this.countFromMs) {
          if (admitted) view.hangUps++;
          else view.shortConnections++;
        }
        view.outSinceMs = nowMs;
        view.upSinceMs = undefined;
      }
      view.connected = connected;
      if (connected && view.upSinceMs !== undefined && nowMs - view.upSinceMs >= this.o.admittedAfterMs) {
        view.admittedAtMs = nowMs;
        // Let in again: whatever stretch looked like a refusal was not one.
        view.refusedSinceMs = undefined;
      }
      this.checkRefused(view, nowMs);
    }
  }

  private checkRefused(view: NodeView, nowMs: number): void {
    const lastIn = view.admittedAtMs;
    if (lastIn === undefined || view.refusedSinceMs !== undefined || nowMs - lastIn < this.o.refusedAfterMs) return;
    const inNow = view.connected && view.upSinceMs !== undefined && nowMs - view.upSinceMs >= this.o.admittedAfterMs;
    const apiUp = view.apiAnsweredAtMs !== undefined && view.apiAnsweredAtMs > lastIn;
    if (!inNow && apiUp) view.refusedSinceMs = lastIn;
  }

  /** Samples until `untilMs`. */
  async run(untilMs: number): Promise<void> {
    while (Date.now() < untilMs) {
      this.sample();
      await sleep(this.o.sampleEveryMs);
    }
  }

  /** Samples until every named node refuses us or `untilMs` passes: the ban check after the flood. */
  async awaitRefusals(names: readonly string[], untilMs: number): Promise<void> {
    while (Date.now() < untilMs && !names.every((name) => this.views.get(name)?.refusedSinceMs !== undefined)) {
      this.sample();
      await sleep(this.o.sampleEveryMs);
    }
    this.sample();
  }

  refusing(): string[] {
    return this.targets.filter((node) => this.views.get(node.name)?.refusedSinceMs !== undefined).map((node) => node.name);
  }

  /** Per node: when it first refused us, in ms after `fromMs`; hang-ups; time out of connection. */
  summary(fromMs: number, nowMs = Date.now()): { refusedAtMs: Record<string, number>; hangUps: Record<string, number>;
    shortConnections: Record<string, number>; outMs: Record<string, number>; } {
    const refusedAtMs: Record<string, number> = {};
    const hangUps: Record<string, number> = {};
    const shortConnections: Record<string, number> = {};
    const outMs: Record<string, number> = {};
    for (const [name, view] of this.views) {
      if (view.refusedSinceMs !== undefined) refusedAtMs[name] = Math.round(view.refusedSinceMs - fromMs);
      hangUps[name] = view.hangUps;
      shortConnections[name] = view.shortConnections;
      const current = view.outSinceMs === undefined ? 0 : Math.max(0, nowMs - Math.max(view.outSinceMs, this.countFromMs));
      outMs[name] = Math.round(view.outMs + current);
    }
    return { refusedAtMs, hangUps, shortConnections, outMs };
  }
}
