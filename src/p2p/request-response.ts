// Request-response protocols /tianping/<chainId>/<name>/1, one exchange per stream:
//   request:  varint(n) ‖ n bytes, then the requester closes its writable end;
//   response: status byte ‖ varint(n) ‖ n bytes, then the responder closes.
// Status: 0 ok; 1 the handler failed (no detail crosses between members); 2 request too large;
// 3 refused as the requester's fault (it was penalised).
// Both sides check lengths before reading bodies, and every wait is bounded by a deadline.
// Inbound, each peer has at most limits.inboundRequestsPerPeerMax requests of one protocol in
// flight; a stream beyond that is reset unread, and every limits.busyRefusalsPerPenalty-th such
// refusal within the penalty window penalises the peer (a flood of streams is not free). A request that is the peer's fault (an oversized or
// malformed frame, or a handler's PeerFaultError) penalises the peer through the same gate as an
// invalid gossip message, so a member's node sending junk is banned like one gossiping it. Nothing
// here logs per request: outcomes are counted in the FaultLog and logged per interval.
import type { Connection, PeerId, Stream } from '@libp2p/interface';
import { peerIdFromString } from '@libp2p/peer-id';
import type { Logger } from 'pino';
import { concatBytes } from '../types/index.js';
import { P2PError, isP2PError, isPeerFaultError } from './errors.js';
import { deadline, type Deadline } from '../types/deadline.js';
import type { FaultLog } from './fault-log.js';
import { encodeFrame, encodeVarint, StreamReader, writeAll } from './frame.js';
import { nodeIdToPeerId, peerIdToNodeId } from './identity.js';
import type { ProtocolMeters } from './metrics.js';
import type { P2PLimits, RequestHandler, RequestOptions } from './types.js';

const STATUS_OK = 0;
const STATUS_HANDLER_FAILED = 1;
const STATUS_REQUEST_TOO_LARGE = 2;
const STATUS_REFUSED = 3;
const PROTOCOL_NAME_RE = /^[a-z][a-z0-9-]{0,31}$/;
/** libp2p's own cap per connection and protocol; ours per peer (limits.inboundRequestsPerPeerMax) is lower. */
const INBOUND_STREAMS_MAX = 32;
/** Peers whose busy refusals are counted at once; beyond it, expired counts are dropped first. */
const BUSY_PEERS_MAX = 1024;

export interface RequestResponseComponents {
  readonly libp2p: {
    handle(protocol: string, handler: (stream: Stream, connection: Connection) => void | Promise<void>,
      options?: { maxInboundStreams?: number }): Promise<void>;
    getConnections(peerId?: PeerId): Connection[];
  };
  readonly chainId: string;
  readonly limits: Pick<P2PLimits, 'requestBytesMax' | 'responseBytesMax' | 'requestTimeoutMs' | 'inboundRequestsPerPeerMax'
    | 'busyRefusalsPerPenalty' | 'penaltyWindowMs'>;
  readonly logger: Logger;
  /** Counts refusals and failures per peer and reason, logged per interval. */
  readonly faults: FaultLog;
  /** Scores a peer down (by peer id string); the same penalty as an invalid gossip message. */
  readonly penalise: (peerId: string, reason: string) => void;
  /** Aborted when the host stops: ends requests in flight with STOPPED. */
  readonly stopSignal: AbortSignal;
  /** Counts request and response bytes and penalties per protocol; none when omitted. */
  readonly meters?: ProtocolMeters;
}

export function protocolId(chainId: string, name: string): string {
  if (!PROTOCOL_NAME_RE.test(name)) throw new P2PError('INVALID_PROTOCOL_NAME', `bad protocol name: ${name}`);
  return `/tianping/${chainId}/${name}/1`;
}

export class RequestResponse {
  private readonly handled = new Set<string>();
  /** Inbound requests in flight per protocol and peer; entries at zero are deleted. */
  private readonly inFlight = new Map<string, number>();
  /** Busy refusals per peer id since the start of its window (performance.now() ms). */
  private readonly busy = new Map<string, { sinceMs: number; count: number }>();

  constructor(private readonly components: RequestResponseComponents) {}

  async handle(name: string, handler: RequestHandler): Promise<void> {
    const protocol = protocolId(this.components.chainId, name);
    if (this.handled.has(protocol)) throw new P2PError('ALREADY_REGISTERED', `protocol ${name} already has a handler`);
    this.handled.add(protocol);
    try {
      await this.components.libp2p.handle(protocol, (stream, connection) => this.serve(name, handler, stream, connection),
        { maxInboundStreams: INBOUND_STREAMS_MAX });
    } catch (error) {
      this.handled.delete(protocol);
      throw error;
    }
  }

  async request(nodeId: string, name: string, request: Uint8Array, options: RequestOptions = {}): Promise<Uint8Array> {
    const { libp2p, chainId, limits, stopSignal } = this.components;
    const protocol = protocolId(chainId, name);
    if (request.length > limits.requestBytesMax) {
      throw new P2PError('REQUEST_TOO_LARGE', `${request.length} bytes, limit ${limits.requestBytesMax}`);
    }
    if (stopSignal.aborted) throw new P2PError('STOPPED');
    const peerId = peerIdFromString(nodeIdToPeerId(nodeId));
    // Requests never dial: reaching members is the redial loop's job, and a request to a node we
    // cannot reach should fail at once so the caller asks another.
    const connection = libp2p.getConnections(peerId).find((c) => c.status === 'open');
    if (connection === undefined) throw new P2PError('PEER_NOT_CONNECTED', `not connected to ${nodeId}`);
    const due = deadline(options.timeoutMs ?? limits.requestTimeoutMs, stopSignal);
    const signal = due.signal;
    const responseBytesMax = options.responseBytesMax ?? limits.responseBytesMax;
    let stream: Stream | undefined;
    let reader: StreamReader | undefined;
    const onAbort = (): void => stream?.abort(new Error('request aborted'));
    signal.addEventListener('abort', onAbort);
    try {
      stream = await connection.newStream(protocol, { signal });
      reader = new StreamReader(stream);
      await writeAll(stream, encodeFrame(request), signal);
      this.components.meters?.of(name).bytesOut.inc(request.length);
      await stream.close({ signal });
      const status = await reader.readByte();
      const length = await reader.readVarint();
      if (status === STATUS_REQUEST_TOO_LARGE) throw new P2PError('REQUEST_TOO_LARGE', `${nodeId} refused ${request.length} bytes`);
      if (status === STATUS_HANDLER_FAILED) throw new P2PError('REMOTE_ERROR', `${nodeId} failed to answer ${name}`);
      if (status === STATUS_REFUSED) throw new P2PError('REQUEST_REFUSED', `${nodeId} refused ${name} as our fault`);
      if (status !== STATUS_OK) throw new P2PError('PROTOCOL_ERROR', `unknown response status ${status}`);
      if (length > responseBytesMax) {
        stream.abort(new Error('response too large'));
        throw new P2PError('RESPONSE_TOO_LARGE', `${nodeId} announced ${length} bytes, limit ${responseBytesMax}`);
      }
      const response = await reader.readBytes(length);
      if (reader.bufferedBytes > 0) throw new P2PError('PROTOCOL_ERROR', 'bytes after the response frame');
      this.components.meters?.of(name).bytesIn.inc(response.length);
      return response;
    } catch (error) {
      stream?.abort(error instanceof Error ? error : new Error(String(error)));
      if (stopSignal.aborted) throw new P2PError('STOPPED', 'host stopped during the request', { cause: error });
      if (due.timedOut) throw new P2PError('REQUEST_TIMEOUT', `${name} to ${nodeId} timed out`, { cause: error });
      if (isP2PError(error)) throw error;
      if (error instanceof Error && error.name === 'UnsupportedProtocolError') {
        throw new P2PError('PROTOCOL_UNSUPPORTED', `${nodeId} does not serve ${name}`, { cause: error });
      }
      throw new P2PError('PROTOCOL_ERROR', `${name} to ${nodeId} failed`, { cause: error });
    } finally {
      signal.removeEventListener('abort', onAbort);
      due.release();
      await reader?.release().catch(() => undefined);
    }
  }

  /** Serves one inbound request, if the peer has fewer than the limit of this protocol in flight. */
  private async serve(name: string, handler: RequestHandler, stream: Stream, connection: Connection): Promise<void> {
    const { limits, faults } = this.components;
    const peerId = connection.remotePeer.toString();
    const key = `${name}\u0000${peerId}`;
    const active = this.inFlight.get(key) ?? 0;
    if (active >= limits.inboundRequestsPerPeerMax) {
      // Refused unread and cheaply.
      faults.record(peerId, name, 'busy', 'peer');
      stream.abort(new Error('too many requests in flight'));
      this.countBusy(peerId, name);
      return;
    }
    this.inFlight.set(key, active + 1);
    try {
      await this.serveOne(name, handler, stream, connection);
    } finally {
      const left = (this.inFlight.get(key) ?? 1) - 1;
      if (left > 0) this.inFlight.set(key, left);
      else this.inFlight.delete(key);
    }
  }

  /** Never throws into libp2p: failures end the stream and are counted. */
  private async serveOne(name: string, handler: RequestHandler, stream: Stream, connection: Connection): Promise<void> {
    const { limits, logger, stopSignal } = this.components;
    const peerId = connection.remotePeer.toString();
    // Bounds reading the request and writing the response, not the handler itself.
    const io = deadline(limits.requestTimeoutMs, stopSignal);
    const ioSignal = io.signal;
    const onAbort = (): void => stream.abort(new Error('request deadline passed'));
    ioSignal.addEventListener('abort', onAbort);
    let write: Deadline | undefined;
    const reader = new StreamReader(stream);
    try {
      let request: Uint8Array;
      try {
        request = await reader.readFrame(limits.requestBytesMax, () => new P2PError('REQUEST_TOO_LARGE'));
        if (reader.bufferedBytes > 0) throw new P2PError('MALFORMED_FRAME', 'bytes after the request frame');
      } catch (error) {
        if (isP2PError(error, 'REQUEST_TOO_LARGE')) {
          // Our requesters check the limit before sending: a larger request is never an honest one.
          this.blame(peerId, name, 'too-large');
          await this.respond(stream, STATUS_REQUEST_TOO_LARGE, new Uint8Array(0), ioSignal);
          return;
        }
        if (isP2PError(error, 'MALFORMED_FRAME')) this.blame(peerId, name, 'malformed-frame');
        throw error;
      }
      ioSignal.removeEventListener('abort', onAbort);
      const meters = this.components.meters?.of(name);
      meters?.bytesIn.inc(request.length);
      const { status, response } = await this.answer(name, handler, request, connection.remotePeer);
      // A fresh deadline for the answer: the handler may legitimately take a while.
      write = deadline(limits.requestTimeoutMs, stopSignal);
      await this.respond(stream, status, response, write.signal);
      meters?.bytesOut.inc(response.length);
    } catch (error) {
      logger.debug({ event: 'p2p.request.stream-failed', protocol: name, peerId, err: error }, 'inbound request failed');
      stream.abort(error instanceof Error ? error : new Error(String(error)));
    } finally {
      ioSignal.removeEventListener('abort', onAbort);
      io.release();
      write?.release();
      await reader.release().catch(() => undefined);
    }
  }

  /** Runs the handler; a PeerFaultError is the peer's fault (penalised), any other failure ours. */
  private async answer(name: string, handler: RequestHandler, request: Uint8Array, peer: PeerId):
  Promise<{ status: number; response: Uint8Array }> {
    const { limits, faults } = this.components;
    const peerId = peer.toString();
    try {
      const response = await handler(request, peerIdToNodeId(peer));
      if (response.length > limits.responseBytesMax) {
        throw new Error(`response of ${response.length} bytes over the limit ${limits.responseBytesMax}`);
      }
      return { status: STATUS_OK, response };
    } catch (error) {
      if (isPeerFaultError(error)) {
        this.blame(peerId, name, error.fault);
        return { status: STATUS_REFUSED, response: new Uint8Array(0) };
      }
      faults.record(peerId, name, 'handler-failed', 'ours', error);
      return { status: STATUS_HANDLER_FAILED, response: new Uint8Array(0) };
    }
  }

  /**
   * One refusal does not penalise: an honest peer bursts when we stalled and its queued streams
   * arrive at once. Every busyRefusalsPerPenalty-th within the penalty window does: before, a peer
   * could open streams beyond the limit as fast as it liked at no cost, junk or not.
   */
  private countBusy(peerId: string, name: string): void {
    const { limits } = this.components;
    const nowMs = performance.now();
    let entry = this.busy.get(peerId);
    if (entry === undefined || nowMs - entry.sinceMs >= limits.penaltyWindowMs) {
      if (entry === undefined && this.busy.size >= BUSY_PEERS_MAX) this.dropExpiredBusy(nowMs);
      entry = { sinceMs: nowMs, count: 0 };
      this.busy.set(peerId, entry);
    }
    entry.count++;
    if (entry.count % limits.busyRefusalsPerPenalty === 0) this.blame(peerId, name, 'busy-flood');
  }

  private dropExpiredBusy(nowMs: number): void {
    for (const [peerId, entry] of this.busy) {
      if (nowMs - entry.sinceMs >= this.components.limits.penaltyWindowMs) this.busy.delete(peerId);
    }
    // All still counting (more peers than the bound within one window): the oldest goes.
    const oldest = this.busy.keys().next();
    if (this.busy.size >= BUSY_PEERS_MAX && oldest.done !== true) this.busy.delete(oldest.value);
  }

  private blame(peerId: string, name: string, reason: string): void {
    this.components.meters?.of(name).penalties.inc();
    this.components.faults.record(peerId, name, reason, 'peer');
    this.components.penalise(peerId, `${reason} request on ${name}`);
  }

  private async respond(stream: Stream, status: number, body: Uint8Array, signal: AbortSignal): Promise<void> {
    const onAbort = (): void => stream.abort(new Error('response deadline passed'));
    signal.addEventListener('abort', onAbort);
    try {
      await writeAll(stream, concatBytes(Uint8Array.of(status), encodeVarint(body.length), body), signal);
      await stream.close({ signal });
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }
}
