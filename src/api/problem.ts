// Every error leaves the API as RFC 9457 problem details (application/problem+json) carrying a
// stable code from ERROR_CODES. Problem type URIs are relative, "/problems/<code in kebab case>"
// (TX_EXPIRED → "/problems/tx-expired"): stable like the codes, and resolvable later to a page
// that explains the problem, without tying the API to a host name.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_CODES, isTianpingError, type ErrorCode } from '../types/index.js';
import { PROBLEM_MEDIA_TYPE, type Problem } from './schemas.js';

export const PROBLEM_TYPE_PREFIX = '/problems/';

export function problemType(code: ErrorCode): string {
  return PROBLEM_TYPE_PREFIX + code.toLowerCase().replaceAll('_', '-');
}

/**
 * A path or query parameter that fails its schema gets the code of that parameter, not
 * REQUEST_INVALID. Proposal ids are tx hashes.
 */
const PARAM_ERROR_CODES: Readonly<Record<string, ErrorCode>> = {
  hash: 'HASH_INVALID',
  id: 'HASH_INVALID',
  digest: 'DIGEST_INVALID',
  height: 'HEIGHT_INVALID',
};

/** Fastify's own request errors (body parsing and limits) mapped to our codes. */
const FASTIFY_ERROR_CODES: Readonly<Record<string, ErrorCode>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'BODY_MALFORMED',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BODY_MALFORMED',
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'MEDIA_TYPE_UNSUPPORTED',
};

interface SchemaViolation {
  readonly in: string;
  readonly path: string;
  readonly message: string;
}

interface Classified {
  readonly code: ErrorCode;
  readonly detail: string;
  readonly errors?: SchemaViolation[];
}

interface AjvLikeError {
  readonly instancePath?: string;
  readonly message?: string;
  readonly params?: Readonly<Record<string, unknown>>;
}

function validationProblem(error: FastifyError): Classified {
  const part = error.validationContext ?? 'request';
  const errors = (error.validation ?? []).map((entry: AjvLikeError) => {
    // Ajv reports a missing property on its parent; name the property itself in the pointer.
    const missing = entry.params?.['missingProperty'];
    const path = (entry.instancePath ?? '') + (typeof missing === 'string' ? `/${missing}` : '');
    return { in: part, path, message: entry.message ?? 'is invalid' };
  });
  let code: ErrorCode = 'REQUEST_INVALID';
  if (part === 'params' || part === 'querystring') {
    const param = errors[0]?.path.split('/')[1];
    code = (param !== undefined ? PARAM_ERROR_CODES[param] : undefined) ?? 'REQUEST_INVALID';
  }
  return { code, detail: error.message, errors };
}

/** Decides the code and the public detail of an error; `internal` errors are logged, not shown. */
export function classifyError(error: unknown): Classified & { readonly internal: boolean } {
  if (isTianpingError(error)) return { code: error.code, detail: error.message, internal: false };
  const fastifyError = error as Partial<FastifyError> | undefined;
  if (fastifyError?.validation !== undefined) return { ...validationProblem(fastifyError as FastifyError), internal: false };
  const mapped = fastifyError?.code !== undefined ? FASTIFY_ERROR_CODES[fastifyError.code] : undefined;
  if (mapped !== undefined) return { code: mapped, detail: fastifyError?.message ?? ERROR_CODES[mapped].title, internal: false };
  const status = fastifyError?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // A client error raised by fastify or a plugin: its message describes the request, not us.
    const code: ErrorCode = status === 404 ? 'ROUTE_NOT_FOUND' : status === 413 ? 'BODY_TOO_LARGE'
      : status === 415 ? 'MEDIA_TYPE_UNSUPPORTED' : 'REQUEST_INVALID';
    return { code, detail: fastifyError?.message ?? ERROR_CODES[code].title, internal: false };
  }
  return { code: 'INTERNAL', detail: 'The node failed to handle this request; the operator can find it in the log by request id', internal: true };
}

export function problemBody(code: ErrorCode, detail: string, instance: string, errors?: SchemaViolation[]): Problem {
  const { status, title } = ERROR_CODES[code];
  return { type: problemType(code), title, status, detail, code, instance, ...(errors !== undefined ? { errors } : {}) };
}

function instanceOf(request: FastifyRequest): string {
  // The path only: a query string may carry what does not belong in an error report.
  const url = request.url;
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  return reply.code(body.status).type(PROBLEM_MEDIA_TYPE).send(body);
}

/** Installs the error and not-found handlers; plugins registered afterwards inherit them. */
export function registerProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request, reply) => {
    const { code, detail, errors, internal } = classifyError(error);
    if (internal) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code }, 'request refused');
    return sendProblem(reply, problemBody(code, detail, instanceOf(request), errors));
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, problemBody('ROUTE_NOT_FOUND', `No route ${request.method} ${instanceOf(request)}`, instanceOf(request))));
}
