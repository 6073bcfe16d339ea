// Request-response protocols /tianping/<chainId>/<name>/1, one exchange per stream:
//   request:  varint(n) ‖ n bytes, then the requester closes its writable end;
//   response: status byte ‖ varint(n) ‖ n bytes, then the responder closes.
// Status: 0 ok; 1 the handler failed (no detail crosses between members); 2 request too large.
// Both sides check lengths before reading bodies, and every wait is bounded by a deadline.
import type { Connection, PeerId, Stream } from '@libp2p/interface';
import { peerIdFromString } from '@libp2p/peer-id';
import type { Logger } from 'pino';
import { concatBytes } from '../types/index.js';
import { P2PError, isP2PError } from './errors.js';
import { encodeFrame, encodeVarint, StreamReader, writeAll } from './frame.js';
import { nodeIdToPeerId, peerIdToNodeId } from './identity.js';
import type { P2PLimits, RequestHandler, RequestOptions } from './types.js';

const STATUS_OK = 0;
const STATUS_HANDLER_FAILED = 1;
const STATUS_REQUEST_TOO_LARGE = 2;
const PROTOCOL_NAME_RE = /^[a-z][a-z0-9-]{0,31}$/;
const INBOUND_STREAMS_MAX = 32;

export interface RequestResponseComponents {
  readonly libp2p: {
    handle(protocol: string, handler: (stream: Stream, connection: Connection) => void | Promise<void>,
      options?: { maxInboundStreams?: number }): Promise<void>;
    getConnections(peerId?: PeerId): Connection[];
  };
  readonly chainId: string;
  readonly limits: Pick<P2PLimits, 'requestBytesMax' | 'responseBytesMax' | 'requestTimeoutMs'>;
  readonly logger: Logger;
  /** Aborted when the host stops: ends requests in flight with STOPPED. */
  readonly stopSignal: AbortSignal;
}

export function protocolId(chainId: string, name: string): string {
  if (!PROTOCOL_NAME_RE.test(name)) throw new P2PError('INVALID_PROTOCOL_NAME', `bad protocol name: ${name}`);
  return `/tianping/${chainId}/${name}/1`;
}

export class RequestResponse {
  private readonly handled = new Set<string>();

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
    const timeoutSignal = AbortSignal.timeout(options.timeoutMs ?? limits.requestTimeoutMs);
    const signal = AbortSignal.any([timeoutSignal, stopSignal]);
    const responseBytesMax = options.responseBytesMax ?? limits.responseBytesMax;
    let stream: Stream | undefined;
    let reader: StreamReader | undefined;
    const onAbort = (): void => stream?.abort(new Error('request aborted'));
    signal.addEventListener('abort', onAbort);
    try {
      stream = await connection.newStream(protocol, { signal });
      reader = new StreamReader(stream);
      await writeAll(stream, encodeFrame(request), signal);
      await stream.close({ signal });
      const status = await reader.readByte();
      const length = await reader.readVarint();
      if (status === STATUS_REQUEST_TOO_LARGE) throw new P2PError('REQUEST_TOO_LARGE', `${nodeId} refused ${request.length} bytes`);
      if (status === STATUS_HANDLER_FAILED) throw new P2PError('REMOTE_ERROR', `${nodeId} failed to answer ${name}`);
      if (status !== STATUS_OK) throw new P2PError('PROTOCOL_ERROR', `unknown response status ${status}`);
      if (length > responseBytesMax) {
        stream.abort(new Error('response too large'));
        throw new P2PError('RESPONSE_TOO_LARGE', `${nodeId} announced ${length} bytes, limit ${responseBytesMax}`);
      }
      const response = await reader.readBytes(length);
      if (reader.bufferedBytes > 0) throw new P2PError('PROTOCOL_ERROR', 'bytes after the response frame');
      return response;
    } catch (error) {
      stream?.abort(error instanceof Error ? error : new Error(String(error)));
      if (stopSignal.aborted) throw new P2PError('STOPPED', 'host stopped during the request', { cause: error });
      if (timeoutSignal.aborted) throw new P2PError('REQUEST_TIMEOUT', `${name} to ${nodeId} timed out`, { cause: error });
      if (isP2PError(error)) throw error;
      if (error instanceof Error && error.name === 'UnsupportedProtocolError') {
        throw new P2PError('PROTOCOL_UNSUPPORTED', `${nodeId} does not serve ${name}`, { cause: error });
      }
      throw new P2PError('PROTOCOL_ERROR', `${name} to ${nodeId} failed`, { cause: error });
    } finally {
      signal.removeEventListener('abort', onAbort);
      await reader?.release().catch(() => undefined);
    }
  }

  /** Serves one inbound request. Never throws into libp2p: failures end the stream and are logged. */
  private async serve(name: string, handler: RequestHandler, stream: Stream, connection: Connection): Promise<void> {
    const { limits, logger, stopSignal } = this.components;
    const peerId = connection.remotePeer.toString();
    // Bounds reading the request and writing the response, not the handler itself.
    const ioSignal = AbortSignal.any([AbortSignal.timeout(limits.requestTimeoutMs), stopSignal]);
    const onAbort = (): void => stream.abort(new Error('request deadline passed'));
    ioSignal.addEventListener('abort', onAbort);
    const reader = new StreamReader(stream);
    try {
      let request: Uint8Array;
      try {
        request = await reader.readFrame(limits.requestBytesMax, () => new P2PError('REQUEST_TOO_LARGE'));
      } catch (error) {
        if (!isP2PError(error, 'REQUEST_TOO_LARGE')) throw error;
        logger.debug({ event: 'p2p.request.too-large', protocol: name, peerId }, 'request over the limit');
        await this.respond(stream, STATUS_REQUEST_TOO_LARGE, new Uint8Array(0), ioSignal);
        return;
      }
      if (reader.bufferedBytes > 0) throw new P2PError('PROTOCOL_ERROR', 'bytes after the request frame');
      ioSignal.removeEventListener('abort', onAbort);
      let status = STATUS_OK;
      let response: Uint8Array = new Uint8Array(0);
      try {
        response = await handler(request, peerIdToNodeId(connection.remotePeer));
        if (response.length > limits.responseBytesMax) {
          throw new Error(`response of ${response.length} bytes over the limit ${limits.responseBytesMax}`);
        }
      } catch (error) {
        logger.warn({ event: 'p2p.request.handler-failed', protocol: name, peerId, err: error }, 'request handler failed');
        status = STATUS_HANDLER_FAILED;
        response = new Uint8Array(0);
      }
      // A fresh deadline for the answer: the handler may legitimately take a while.
      const writeSignal = AbortSignal.any([AbortSignal.timeout(limits.requestTimeoutMs), stopSignal]);
      await this.respond(stream, status, response, writeSignal);
    } catch (error) {
      logger.debug({ event: 'p2p.request.stream-failed', protocol: name, peerId, err: error }, 'inbound request failed');
      stream.abort(error instanceof Error ? error : new Error(String(error)));
    } finally {
      ioSignal.removeEventListener('abort', onAbort);
      await reader.release().catch(() => undefined);
    }
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
