// Builds the HTTP API without listening (the caller listens), so tests drive it with inject().
// One plugin per resource; the error and not-found handlers, installed first, cover them all.
import { randomUUID } from 'node:crypto';
import { createServer as createHttpsServer } from 'node:https';
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import Fastify, {
  type ConnectionError, type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions,
} from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { NodeVerifier } from '../crypto/verify-node.js';
import { asTimeMs, TianpingError, type ErrorCode } from '../types/index.js';
import { createSignatureAuth, digestBody } from './auth/index.js';
import type { ApiComponents } from './components.js';
import { DEFAULT_CONNECTION_BOUNDS, limitConnections } from './connection-limits.js';
import { PATH_PARAM_CHARS_MAX, type ApiOptions, type RouteOptions } from './options.js';
import { problemBody, registerProblemHandlers, replyWithProblem } from './problem.js';
import { PROBLEM_MEDIA_TYPE, ProblemSchema } from './schemas.js';
import { blocksRoutes } from './routes/blocks.js';
import { casesRoutes } from './routes/cases.js';
import { crosschainRoutes } from './routes/crosschain.js';
import { equivocationsRoutes } from './routes/equivocations.js';
import { genesisRoutes } from './routes/genesis.js';
import { metricsRoutes, recordAnswers } from './routes/metrics.js';
import { payoutsRoutes } from './routes/payouts.js';
import { governanceRoutes } from './routes/governance.js';
import { historyRoutes } from './routes/history.js';
import { receiptsRoutes } from './routes/receipts.js';
import { eventsRoutes } from './routes/events.js';
import { evidenceRoutes } from './routes/evidence.js';
import { statusRoutes } from './routes/status.js';
import { submittersRoutes } from './routes/submitters.js';
import { txsRoutes } from './routes/txs.js';
import { loadWebAssets, webRoutes } from './routes/web.js';
import { typeboxValidatorCompiler } from './validator.js';

export const REQUEST_ID_HEADER = 'x-request-id';
/** A caller's request id is reused (to follow a request across proxies) only when it is this tame. */
const REQUEST_ID_RE = /^[A-Za-z0-9._:-]{1,128}$/;

function requestId(request: IncomingMessage): string {
  const given = request.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && REQUEST_ID_RE.test(given) ? given : randomUUID();
}

/** Headers of every response, errors included. */
function setCommonHeaders(request: FastifyRequest, reply: FastifyReply): void {
  reply.header(REQUEST_ID_HEADER, request.id).header('x-content-type-options', 'nosniff');
}

/** What Node's HTTP parser reports on a connection, as our codes and a detail that quotes nothing. */
function connectionProblem(error: ConnectionError): { code: ErrorCode; detail: string } {
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    return { code: 'HEADERS_TOO_LARGE', detail: 'The request line and headers exceed the size the server reads; no valid request is that large' };
  }
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return { code: 'REQUEST_TIMEOUT', detail: 'The request line and headers did not arrive within the time limit' };
  }
  return { code: 'REQUEST_MALFORMED', detail: 'The request line or a header does not parse as HTTP/1.1' };
}

/**
 * Answers what Node's HTTP parser refuses before fastify has a request (fastify's default answer
 * is plain JSON). There is no path to name, so the problem's instance is empty; a fresh request id
 * ties the answer to the log line. The connection is closed: past a parse error its bytes cannot
 * be framed.
 */
function answerConnectionError(this: FastifyInstance, error: ConnectionError, socket: Socket): ErrorCode | undefined {
  // As fastify's default: a reset or destroyed socket has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return undefined;
  const { code, detail } = connectionProblem(error);
  const id = randomUUID();
  this.log.info({ reqId: id, code, parserCode: error.code }, 'request refused');
  if (!socket.writable) {
    socket.destroy();
    return undefined;
  }
  const problem = problemBody(code, detail, '');
  const body = JSON.stringify(problem);
  const { status } = problem;
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n`
    + `content-type: ${PROBLEM_MEDIA_TYPE}; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\n`
    + `${REQUEST_ID_HEADER}: ${id}\r\nx-content-type-options: nosniff\r\nconnection: close\r\n\r\n${body}`);
  return code;
}

function serverOptions(options: ApiOptions): FastifyServerOptions {
  const { https } = options;
  return {
    bodyLimit: options.bodyBytesMax,
    // Fastify's own 503 while closing is plain JSON: the onRequest hook of buildApp answers instead.
    return503OnClosing: false,
    genReqId: requestId,
    clientErrorHandler(this: FastifyInstance, error: ConnectionError, socket: Socket) {
      const code = answerConnectionError.call(this, error, socket);
      if (code !== undefined) options.metrics?.refused(code);
    },
    routerOptions: { maxParamLength: PATH_PARAM_CHARS_MAX },
    // The router's own refusals (414 for a parameter over maxParamLength, 400 for a path that is
    // not percent-encoding) skip the hooks and the error handler, and fastify would answer them in
    // plain JSON of its own: here they become problems like every other error.
    frameworkErrors: (error, request, reply) => {
      setCommonHeaders(request, reply);
      replyWithProblem(error, request, reply);
    },
    ...(options.logger !== undefined && options.logger !== false ? { loggerInstance: options.logger } : { logger: false }),
    // https.Server is an http.Server to fastify; a factory keeps the instance type plain.
    ...(https !== undefined
      ? { serverFactory: (handler) => createHttpsServer({ cert: https.cert, key: https.key }, handler) }
      : {}),
  } satisfies FastifyServerOptions;
}

/** Strict, and without upgrade-insecure-requests: a node on plain HTTP must still show its docs. */
const DOCS_CSP = "default-src 'self'; base-uri 'self'; img-src 'self' data:; object-src 'none'; " +
  "script-src 'self'; script-src-attr 'none'; style-src 'self'; frame-ancestors 'none'";

async function registerDocs(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    // Shared schemas appear in components.schemas under their $id (not as def-0, def-1...).
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json['$id'] === 'string' ? json['$id'] : `def-${i}`),
    },
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Tianping node API',
        version,
        description: 'Evidence notarization chain node (天平链). Errors are RFC 9457 problem details ' +
          '(application/problem+json) with a stable `code`; clients match on the code, never on text.',
      },
      tags: [
        { name: 'transactions', description: 'Submit signed transactions and follow them' },
        { name: 'evidence', description: 'Anchors of an evidence digest (存证)' },
        { name: 'blocks', description: 'Committed blocks' },
        { name: 'consensus', description: 'Validator misbehaviour recorded on chain (equivocation)' },
        { name: 'governance', description: 'Members, validator sets and the proposals validators vote on' },
        { name: 'cases', description: 'Judgment contracts: cases, their money and events, and event receipts (signed reads)' },
        { name: 'payouts', description: 'Payout orders from money received to the payees\' accounts, the approval policy (signed reads)' },
        { name: 'crosschain', description: 'Foreign chains followed by light clients, foreign receipts verified, two-hop receipts' },
        { name: 'node', description: 'Status and health of this node' },
        { name: 'web', description: 'The evidence verification page' },
      ],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: DOCS_CSP });
}

export async function buildApp(components: ApiComponents, options: ApiOptions): Promise<FastifyInstance> {
  const assets = await loadWebAssets();
  const app = Fastify(serverOptions(options));
  const limiter = limitConnections(app.server, { ...DEFAULT_CONNECTION_BOUNDS, ...options.connections }, app.log);
  app.addHook('onClose', async () => limiter.stop());
  // Only JSON and (on /v1/txs and /v1/txs/bulk) protobuf bodies exist: anything else is refused with 415.
  app.removeContentTypeParser('text/plain');
  // Set when close() begins. A request that still arrives on an open connection (one that was busy
  // when closing began) is refused as a problem; fastify adds `connection: close` to its answer.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (request, reply) => {
    setCommonHeaders(request, reply);
    if (closing) throw new TianpingError('NODE_CLOSING', 'This node is shutting down and takes no new requests');
  });
  if (options.metrics !== undefined) recordAnswers(app, options.metrics);
  registerProblemHandlers(app);
  app.addSchema(ProblemSchema);
  await registerDocs(app, options.version);

  const clock = options.clock ?? { nowMs: () => asTimeMs(Date.now()) };
  const auth = createSignatureAuth({
    components,
    verifier: options.verifier ?? new NodeVerifier(),
    clock,
    windowMs: options.signatureWindowMs,
  });
  const routeOptions: RouteOptions = {
    components,
    clock,
    requireSignature: auth.requireSignature,
    limits: {
      bodyBytesMax: options.bodyBytesMax,
      commitWaitMsMax: options.commitWaitMsMax,
      evidencePageMax: options.evidencePageMax,
    },
  };
  // Our routes validate with TypeBox (validator.ts); the docs plugin keeps fastify's Ajv.
  await app.register(async (api) => {
    api.setValidatorCompiler(typeboxValidatorCompiler);
    // Hashes the bodies of requests that carry Content-Digest, for the signed routes to check.
    api.addHook('preParsing', digestBody);
    await api.register(webRoutes, { assets });
    await api.register(statusRoutes, routeOptions);
    if (options.metrics !== undefined) await api.register(metricsRoutes, { metrics: options.metrics });
    await api.register(genesisRoutes, routeOptions);
    await api.register(txsRoutes, routeOptions);
    await api.register(evidenceRoutes, routeOptions);
    await api.register(receiptsRoutes, routeOptions);
    await api.register(blocksRoutes, routeOptions);
    await api.register(historyRoutes, routeOptions);
    await api.register(eventsRoutes, routeOptions);
    await api.register(submittersRoutes, routeOptions);
    await api.register(equivocationsRoutes, routeOptions);
    await api.register(governanceRoutes, routeOptions);
    await api.register(casesRoutes, routeOptions);
    if (components.crosschain !== undefined) await api.register(crosschainRoutes, { ...routeOptions, crosschain: components.crosschain });
    if (components.payouts !== undefined) await api.register(payoutsRoutes, { ...routeOptions, payouts: components.payouts });
  });
  return app;
}
