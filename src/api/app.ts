// Builds the HTTP API without listening (the caller listens), so tests drive it with inject().
// One plugin per resource; the error and not-found handlers, installed first, cover them all.
import { randomUUID } from 'node:crypto';
import { createServer as createHttpsServer } from 'node:https';
import type { IncomingMessage } from 'node:http';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { NodeVerifier } from '../crypto/verify-node.js';
import { asTimeMs } from '../types/index.js';
import { createSignatureAuth, digestBody } from './auth/index.js';
import type { ApiComponents } from './components.js';
import type { ApiOptions, RouteOptions } from './options.js';
import { registerProblemHandlers } from './problem.js';
import { ProblemSchema } from './schemas.js';
import { blocksRoutes } from './routes/blocks.js';
import { equivocationsRoutes } from './routes/equivocations.js';
import { genesisRoutes } from './routes/genesis.js';
import { governanceRoutes } from './routes/governance.js';
import { receiptsRoutes } from './routes/receipts.js';
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

function serverOptions(options: ApiOptions): FastifyServerOptions {
  const { https } = options;
  return {
    bodyLimit: options.bodyBytesMax,
    return503OnClosing: true,
    genReqId: requestId,
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
  // Only JSON and (on /v1/txs and /v1/txs/bulk) protobuf bodies exist: anything else is refused with 415.
  app.removeContentTypeParser('text/plain');
  app.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id).header('x-content-type-options', 'nosniff');
  });
  registerProblemHandlers(app);
  app.addSchema(ProblemSchema);
  await registerDocs(app, options.version);

  const auth = createSignatureAuth({
    components,
    verifier: options.verifier ?? new NodeVerifier(),
    clock: options.clock ?? { nowMs: () => asTimeMs(Date.now()) },
    windowMs: options.signatureWindowMs,
  });
  const routeOptions: RouteOptions = {
    components,
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
    await api.register(genesisRoutes, routeOptions);
    await api.register(txsRoutes, routeOptions);
    await api.register(evidenceRoutes, routeOptions);
    await api.register(receiptsRoutes, routeOptions);
    await api.register(blocksRoutes, routeOptions);
    await api.register(submittersRoutes, routeOptions);
    await api.register(equivocationsRoutes, routeOptions);
    await api.register(governanceRoutes, routeOptions);
  });
  return app;
}
