// Fewer socket writes under libp2p's TCP transport. Its connection writes every chunk of an
// outgoing buffer list with its own socket.write(), and the layers above hand it lists of many
// small chunks: a Noise message is its 2-byte length, the ciphertext of the yamux header, of the
// payload's length prefix, of the payload, and the 16-byte tag, so one gossip message cost five
// write syscalls; and yamux answers every received data frame with a window update of its own
// (two more). Under load a validator made ~1,000 writes/s per node, and socket writes were the
// largest single cost after signature checks. Corking the socket for the rest of the current
// tick sends all of that as one writev; the bytes on the wire and their order are unchanged.
import type { Transport, Upgrader, MultiaddrConnection } from '@libp2p/interface';

/** What this module needs of libp2p's TCP connection: its net.Socket (a public field) and sendData. */
interface SocketConnection {
  readonly socket: { cork(): void; uncork(): void };
  sendData(data: unknown): unknown;
}

function isSocketConnection(maConn: unknown): maConn is SocketConnection {
  const candidate = maConn as Partial<SocketConnection> | null;
  return typeof candidate?.sendData === 'function' && typeof candidate.socket?.cork === 'function' &&
    typeof candidate.socket.uncork === 'function';
}

/**
 * Makes this connection's writes within one tick leave as one writev. Backpressure is untouched:
 * socket.write still reports a full buffer, and 'drain' still follows the flush.
 */
export function coalesceWrites(maConn: MultiaddrConnection): void {
  if (!isSocketConnection(maConn)) return;
  const { socket } = maConn;
  const sendData = maConn.sendData.bind(maConn);
  let corked = false;
  const uncork = (): void => {
    corked = false;
    socket.uncork();
  };
  maConn.sendData = (data: unknown): unknown => {
    if (!corked) {
      corked = true;
      socket.cork();
      // After this tick's synchronous work: the chunks of a frame, and the window updates yamux
      // sends for every frame of one socket read, are written in the same run.
      process.nextTick(uncork);
    }
    return sendData(data);
  };
}

function coalescingUpgrader(upgrader: Upgrader): Upgrader {
  return new Proxy(upgrader, {
    get(target, property) {
      if (property === 'upgradeInbound' || property === 'upgradeOutbound') {
        const upgrade = target[property] as (maConn: MultiaddrConnection, ...rest: unknown[]) => unknown;
        return (maConn: MultiaddrConnection, ...rest: unknown[]) => {
          coalesceWrites(maConn);
          return upgrade.call(target, maConn, ...rest);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * The transport made by `factory`, with every connection it dials or accepts coalescing its writes
 * (the transport hands each new connection to the upgrader, which is where it is wrapped).
 */
export function withCoalescedWrites<C>(factory: (components: C) => Transport): (components: C) => Transport {
  return (components) => {
    const inner = factory(components);
    return new Proxy(inner, {
      get(target, property) {
        if (property === 'dial') {
          const dial: Transport['dial'] = (ma, options) =>
            target.dial(ma, { ...options, upgrader: coalescingUpgrader(options.upgrader) });
          return dial;
        }
        if (property === 'createListener') {
          const createListener: Transport['createListener'] = (options) =>
            target.createListener({ ...options, upgrader: coalescingUpgrader(options.upgrader) });
          return createListener;
        }
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
  };
}
