// Bounds on the HTTP server's connections: how long an idle, slow or silent connection may stay,
// how many may be open, and how many one client address may hold. Without them a few thousand
// held or slowloris sockets (headers dribbled a byte at a time) stay open for ever and exhaust the
// process's file descriptors, which libp2p and LevelDB need too.
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';

export interface ConnectionBounds {
  /** A kept-alive connection with no request in flight is closed after this long. */
  readonly keepAliveTimeoutMs: number;
  /** The request line and headers must have arrived this long after the request began. */
  readonly headersTimeoutMs: number;
  /** The whole request must have arrived this long after it began (the response is not counted). */
  readonly requestTimeoutMs: number;
  /** A connection silent both ways this long is closed; must exceed the longest ?wait=commit. */
  readonly connectionTimeoutMs: number;
  /** Open connections at most. */
  readonly connectionsMax: number;
  /** Open connections from one client address at most. */
  readonly connectionsPerClientMax: number;
}

/** The same values as the node's defaults (config/defaults.ts; a test keeps them equal). */
export const DEFAULT_CONNECTION_BOUNDS: ConnectionBounds = {
  keepAliveTimeoutMs: 5_000,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  connectionTimeoutMs: 120_000,
  connectionsMax: 1_024,
  connectionsPerClientMax: 128,
};

/** Refused connections are logged as one summary line per this interval, never one per socket. */
export const REFUSAL_LOG_INTERVAL_MS = 10_000;

/**
 * How often Node's server looks for connections past the headers or request bound. Its default of
 * 30 s would let a slowloris live three times the 10 s headers bound.
 */
export function checkingIntervalMs(bounds: ConnectionBounds): number {
  return Math.max(50, Math.min(1_000, Math.floor(bounds.headersTimeoutMs / 4)));
}

export interface ConnectionStats {
  /** Connections open now. */
  readonly open: number;
  /** Connections closed on arrival because their address held connectionsPerClientMax already. */
  readonly refusedPerClient: number;
  /** Connections dropped on arrival because connectionsMax were open. */
  readonly refusedTotal: number;
}

export interface ConnectionLimiter {
  stats(): ConnectionStats;
  /** Logs what is still uncounted and stops the summary timer. */
  stop(): void;
}

/**
 * Applies the time bounds to the server and counts connections per client address. Called before
 * listen: Node reads the checking interval when the server starts listening.
 */
export function limitConnections(server: Server, bounds: ConnectionBounds, log: FastifyBaseLogger): ConnectionLimiter {
  server.keepAliveTimeout = bounds.keepAliveTimeoutMs;
  server.headersTimeout = bounds.headersTimeoutMs;
  server.requestTimeout = bounds.requestTimeoutMs;
  server.setTimeout(bounds.connectionTimeoutMs);
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = checkingIntervalMs(bounds);
  // Node closes connections beyond this at once and emits 'drop' for each.
  server.maxConnections = bounds.connectionsMax;

  const perClient = new Map<string, number>();
  let open = 0;
  let refusedPerClient = 0;
  let refusedTotal = 0;
  // Refusals since the last summary line, by address.
  let pending = new Map<string, number>();
  let timer: NodeJS.Timeout | undefined;
  const summarize = (): void => {
    timer = undefined;
    if (pending.size === 0) return;
    const byAddress = Object.fromEntries([...pending].sort((a, b) => b[1] - a[1]).slice(0, 10));
    const count = [...pending.values()].reduce((sum, n) => sum + n, 0);
    pending = new Map();
    log.warn({ refused: count, addresses: byAddress, connectionsMax: bounds.connectionsMax,
      connectionsPerClientMax: bounds.connectionsPerClientMax, open }, 'connections refused: over the connection caps');
  };
  const refused = (address: string): void => {
    pending.set(address, (pending.get(address) ?? 0) + 1);
    // The first refusal of a quiet period is logged at once, the rest in one line per interval.
    if (timer === undefined) {
      summarize();
      timer = setTimeout(summarize, REFUSAL_LOG_INTERVAL_MS);
      timer.unref();
    }
  };

  server.on('drop', (data?: { remoteAddress?: string }) => {
    refusedTotal += 1;
    refused(data?.remoteAddress ?? 'unknown');
  });
  // Prepended, so that a refused socket is gone before the HTTP layer sets it up.
  server.prependListener('connection', (socket: Socket) => {
    const address = socket.remoteAddress;
    if (address === undefined) {
      socket.destroy();
      return;
    }
    const held = perClient.get(address) ?? 0;
    if (held >= bounds.connectionsPerClientMax) {
      refusedPerClient += 1;
      refused(address);
      socket.destroy();
      return;
    }
    perClient.set(address, held + 1);
    open += 1;
    socket.once('close', () => {
      open -= 1;
      const left = (perClient.get(address) ?? 1) - 1;
      if (left === 0) perClient.delete(address);
      else perClient.set(address, left);
    });
  });

  return {
    stats: () => ({ open, refusedPerClient, refusedTotal }),
    stop: () => {
      if (timer !== undefined) clearTimeout(timer);
      summarize();
    },
  };
}
