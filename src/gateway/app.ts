// The gateway's HTTP face (docs/payouts.md §7), built apart from listen so that tests drive it with
// inject. Errors leave as RFC 9457 problem details with a stable code (errors.ts).
import type { Socket } from 'node:net';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import Fastify, {
  type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifySchemaCompiler,
} from 'fastify';
import type { Bank } from './bank.js';
import { GATEWAY_ERRORS, isGatewayError, type GatewayErrorCode } from './errors.js';
import {
  AccountOpenSchema, AccountSchema, CreditAnswerSchema, CreditSchema, FaultsPatchSchema, FaultsSchema, IDEMPOTENCY_KEY_PATTERN,
  ProblemSchema, StatementSchema, TransferAnswerSchema, TransferRequestSchema, type Problem,
} from './schemas.js';

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** How long a timeoutAfterAccept answer is held before the connection is cut, if the client waits that long. */
export const HOLD_MS_DEFAULT = 30_000;
const BODY_BYTES_MAX = 64 * 1024;

export interface GatewayAppDeps {
  readonly bank: Bank;
  readonly logger?: FastifyBaseLogger;
  readonly holdMs?: number;
}

/** JSON bodies are taken as sent (no coercion of "100" into 100): a bank checks types, it does not guess. */
const typeboxValidator: FastifySchemaCompiler<TSchema> = ({ schema }) => {
  const check = TypeCompiler.Compile(schema);
  return (value: unknown) => {
    if (check.Check(value)) return { value };
    const first = check.Errors(value).First();
    const error = Object.assign(new Error(first === undefined ? 'is invalid' : `${first.path || '/'}: ${first.message}`), {
      validation: [{ keyword: 'typebox', instancePath: first?.path ?? '', schemaPath: '', params: {}, message: first?.message ?? 'is invalid' }],
    });
    return { error };
  };
};

function classify(error: unknown): { code: GatewayErrorCode; detail: string } {
  if (isGatewayError(error)) return { code: error.code, detail: error.message };
  const fastifyError = error as Partial<FastifyError>;
  if (fastifyError.validation !== undefined) {
    const code = fastifyError.validationContext === 'headers' ? 'IDEMPOTENCY_KEY_MISSING' : 'BODY_INVALID';
    return { code, detail: `${fastifyError.validationContext ?? 'request'} ${fastifyError.message ?? 'is invalid'}` };
  }
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { code: status === 404 ? 'ROUTE_NOT_FOUND' : 'BODY_INVALID', detail: fastifyError.message ?? 'bad request' };
  }
  return { code: 'INTERNAL', detail: 'The gateway failed to handle this request; see its log' };
}

function instanceOf(request: FastifyRequest): string {
  const query = request.url.indexOf('?');
  return query === -1 ? request.url : request.url.slice(0, query);
}

function problem(code: GatewayErrorCode, detail: string, instance: string): Problem {
  const { status, title } = GATEWAY_ERRORS[code];
  return { type: `/problems/${code.toLowerCase().replaceAll('_', '-')}`, title, status, detail, code, instance };
}

function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  return reply.code(body.status).type(PROBLEM_MEDIA_TYPE).send(body);
}

const problems = { '4xx': ProblemSchema, '5xx': ProblemSchema };
const KeyParams = Type.Object({ key: Type.String() });
const IdParams = Type.Object({ id: Type.String() });
const DateParams = Type.Object({ date: Type.String() });
const KeyHeaders = Type.Object({ [IDEMPOTENCY_KEY_HEADER]: Type.String({ pattern: IDEMPOTENCY_KEY_PATTERN }) });

/**
 * Keeps the connections of held answers (timeoutAfterAccept): each is cut after holdMs, or when
 * the app closes, so that closing never waits on a client that waits on us.
 */
function holder(holdMs: number): { hold(socket: Socket): void; release(): void } {
  const held = new Map<Socket, NodeJS.Timeout>();
  let released = false;
  return {
    hold(socket) {
      // An answer withheld while the app is closing: nobody will wait for it.
      if (released) {
        socket.destroy();
        return;
      }
      const timer = setTimeout(() => socket.destroy(), holdMs);
      held.set(socket, timer);
      socket.once('close', () => {
        clearTimeout(timer);
        held.delete(socket);
      });
    },
    release() {
      released = true;
      for (const [socket, timer] of held) {
        clearTimeout(timer);
        socket.destroy();
      }
      held.clear();
    },
  };
}

export async function buildGatewayApp(deps: GatewayAppDeps): Promise<FastifyInstance> {
  const { bank } = deps;
  const app = Fastify({
    bodyLimit: BODY_BYTES_MAX,
    ...(deps.logger !== undefined ? { loggerInstance: deps.logger } : { logger: false }),
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(typeboxValidator);
  app.setErrorHandler((error: unknown, request, reply) => {
    const { code, detail } = classify(error);
    if (code === 'INTERNAL') request.log.error({ err: error }, 'request failed');
    else request.log.info({ code }, 'request refused');
    return sendProblem(reply, problem(code, detail, instanceOf(request)));
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, problem('ROUTE_NOT_FOUND', `No route ${request.method} ${instanceOf(request)}`, instanceOf(request))));
  const held = holder(deps.holdMs ?? HOLD_MS_DEFAULT);
  app.addHook('preClose', async () => held.release());

  app.post('/accounts', { schema: { body: AccountOpenSchema, response: { 201: AccountSchema, ...problems } } },
    async (request, reply) => reply.code(201).send(await bank.openAccount(request.body)));

  app.get('/accounts/:id', { schema: { params: IdParams, response: { 200: AccountSchema, ...problems } } },
    async (request) => bank.account(request.params.id));

  app.post('/accounts/:id/credit', { schema: { params: IdParams, body: CreditSchema, response: { 200: CreditAnswerSchema, ...problems } } },
    async (request) => bank.credit(request.params.id, request.body));

  app.post('/transfers', {
    schema: { headers: KeyHeaders, body: TransferRequestSchema, response: { 200: TransferAnswerSchema, ...problems } },
  }, async (request, reply) => {
    const key = request.headers[IDEMPOTENCY_KEY_HEADER];
    const outcome = await bank.transfer(key, request.body);
    request.log.info({ key, status: outcome.answer.status, bankRef: outcome.answer.bankRef, replay: outcome.replay }, 'transfer');
    if (!outcome.hold) return outcome.answer;
    request.log.info({ key }, 'answer withheld (timeoutAfterAccept)');
    held.hold(request.raw.socket);
    return reply.hijack();
  });

  app.get('/transfers/:key', { schema: { params: KeyParams, response: { 200: TransferAnswerSchema, ...problems } } },
    async (request) => bank.transferStatus(request.params.key));

  app.get('/statements/:date', { schema: { params: DateParams, response: { 200: StatementSchema, ...problems } } },
    async (request) => ({ date: request.params.date, entries: await bank.statement(request.params.date) }));

  app.post('/faults', { schema: { body: FaultsPatchSchema, response: { 200: FaultsSchema, ...problems } } },
    async (request) => {
      const faults = bank.setFaults(request.body);
      request.log.warn({ faults }, 'fault switches set');
      return faults;
    });

  await app.ready();
  return app;
}
