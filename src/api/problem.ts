// Every error leaves the API as RFC 9457 problem details (application/problem+json) carrying a
// stable code from ERROR_CODES. Problem type URIs are relative, "/problems/<code in kebab case>"
// (TX_EXPIRED → "/problems/tx-expired"): stable like the codes, and resolvable later to a page
// that explains the problem, without tying the API to a host name.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_CODES, isTianpingError, type ErrorCode } from '../types/index.js';
import { PATH_PARAM_CHARS_MAX } from './options.js';
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
  caseNo: 'CASE_NO_INVALID',
  at: 'CASE_TIME_INVALID',
};

/** Fastify's own request errors (router, body parsing and limits) mapped to our codes. */
const FASTIFY_ERROR_CODES: Readonly<Record<string, ErrorCode>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'BODY_MALFORMED',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BODY_MALFORMED',
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'MEDIA_TYPE_UNSUPPORTED',
  FST_ERR_MAX_PARAM_LENGTH: 'URI_TOO_LONG',
  FST_ERR_BAD_URL: 'REQUEST_INVALID',
};

/** Fastify's text for these repeats the whole path, which can be kilobytes; the limit says more. */
const FIXED_DETAILS: Partial<Record<ErrorCode, string>> = {
  URI_TOO_LONG: `A path segment is longer than ${PATH_PARAM_CHARS_MAX} characters; no route takes one that long`,
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
  if (mapped !== undefined) {
    return { code: mapped, detail: FIXED_DETAILS[mapped] ?? fastifyError?.message ?? ERROR_CODES[mapped].title, internal: false };
  }
  const status = fastifyError?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // A client error raised by fastify or a plugin: its message describes the request, not us.
    const code: ErrorCode = status === 404 ? 'ROUTE_NOT_FOUND' : status === 413 ? 'BODY_TOO_LARGE'
      : status === 414 ? 'URI_TOO_LONG' : status === 415 ? 'MEDIA_TYPE_UNSUPPORTED' : 'REQUEST_INVALID';
    return { code, detail: FIXED_DETAILS[code] ?? fastifyError?.message ?? ERROR_CODES[code].title, internal: false };
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

/** The code each problem answer went out with, for the metrics' onResponse hook (routes/metrics.ts). */
const problemCodes = new WeakMap<FastifyReply, ErrorCode>();

/** The code of the problem this reply answered with; undefined for an answer that was no problem. */
export function problemCodeOf(reply: FastifyReply): ErrorCode | undefined {
  return problemCodes.get(reply);
}

export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  problemCodes.set(reply, body.code);
  return reply.code(body.status).type(PROBLEM_MEDIA_TYPE).send(body);
}

/** Answers an error as its problem, logging the cause of an internal one. */
export function replyWithProblem(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { code, detail, errors, internal } = classifyError(error);
  if (internal) request.log.error({ err: error }, 'request failed');
  else request.log.info({ code }, 'request refused');
  return sendProblem(reply, problemBody(code, detail, instanceOf(request), errors));
}

/**
 * Installs the error and not-found handlers; plugins registered afterwards inherit them. Errors of
 * the router itself (a path parameter over the limit, a path that is not percent-encoding) never
 * reach these: fastify hands them to its frameworkErrors option, which app.ts points at
 * replyWithProblem.
 */
export function registerProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request, reply) => replyWithProblem(error, request, reply));
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, problemBody('ROUTE_NOT_FOUND', `No route ${request.method} ${instanceOf(request)}`, instanceOf(request))));
}
