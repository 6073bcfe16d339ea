// Judgment contracts, read: a case with its schedule, money and what it owes as of a time; the
// list of cases; the feed of a case's events a court's case system follows; and the receipt that
// proves one event offline. Signed reads (auth/require-signature.ts): a case names its parties and
// amounts, so only the case's parties (their member keys) and the roles that serve every case may
// read it. Validators, observers and verifiers already read every block with every case tx and
// every event receipt (BLOCK_READERS), so they read cases too; courts, executors and oracles serve
// cases. Anyone else is AUTH_FORBIDDEN, whether or not the case exists, so that a stranger cannot
// even learn which case numbers are in use.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { Static } from '@sinclair/typebox';
import { isCaseNo } from '../../state/cases/index.js';
import { TIME_MS_MAX } from '../../state/contracts/index.js';
import { ROLES, type Role } from '../../state/genesis.js';
import { TianpingError } from '../../types/index.js';
import { AUTH_ERROR_CODES, requestSigner, type AccessRule } from '../auth/index.js';
import type { ApiComponents } from '../components.js';
import type { RouteOptions } from '../options.js';
import {
  CASE_EVENTS_PAGE_MAX, CASES_PAGE_MAX, CaseEventParamsSchema, CaseEventsQuerySchema, CaseEventsSchema, CaseListSchema, CaseParamsSchema,
  CaseQuerySchema, CaseSchema, CasesQuerySchema, EventReceiptSchema, PROTOBUF_MEDIA_TYPE, problemResponses,
} from '../schemas.js';
import { BLOCK_READERS } from './blocks.js';

/** Roles that may read every case: the block readers (who see every case tx anyway) and the roles that serve cases. */
export const CASE_READER_ROLES: readonly Role[] = [...BLOCK_READERS.roles, 'court', 'executor', 'oracle'];

/** Any active member passes the signature check; the route then decides by role or party. */
const SIGNED_BY_A_MEMBER: AccessRule = { roles: ROLES };

export const CASE_ACCESS = `Signed read (RFC 9421, alg "ed25519", keyid = member public key in hex): an active member with role `
  + `${CASE_READER_ROLES.join(', ')}, or a party of the case by its member key (creditor, debtor, payee); `
  + 'anyone else is refused with 403 AUTH_FORBIDDEN, whether or not the case exists.';

/** Unix milliseconds, an ISO 8601 date (that day, read in UTC), or a date-time with Z or an offset. */
const ISO_TIME_RE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** Date.parse rolls a day past the month's end over ("2026-02-30" is 2 March): the date must read back. */
const isCalendarDate = (text: string): boolean => {
  const date = text.slice(0, 10);
  const ms = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(date);
};

export function parseAtParam(text: string): number {
  const ms = /^\d{1,16}$/.test(text) ? Number(text)
    : ISO_TIME_RE.test(text) && isCalendarDate(text) ? Date.parse(text) : Number.NaN;
  if (!Number.isSafeInteger(ms) || ms < 0 || ms > TIME_MS_MAX) {
    throw new TianpingError('CASE_TIME_INVALID', `?at=${JSON.stringify(text)} is not Unix milliseconds or an ISO 8601 time `
      + '("2026-04-27", "2026-04-27T12:00:00+08:00") through the year 9999');
  }
  return ms;
}

function caseNoParam(text: string): string {
  if (!isCaseNo(text)) {
    throw new TianpingError('CASE_NO_INVALID', 'a case number is 1 to 96 UTF-8 bytes of letters, digits, CJK ideographs and ( ) （ ） 〔 〕 [ ] . _ - /');
  }
  return text;
}

const forbidden = (publicKey: string): TianpingError =>
  new TianpingError('AUTH_FORBIDDEN', `key ${publicKey} may not read this case: it is for its parties and for roles ${CASE_READER_ROLES.join(', ')}`);

/** Lets a reader role through, and a party of this case; refuses anyone else before the case is looked up. */
async function requireCaseAccess(components: ApiComponents, request: FastifyRequest, caseNo: string): Promise<void> {
  const signer = requestSigner(request);
  if (signer === undefined) throw new TianpingError('AUTH_REQUIRED');
  if ((CASE_READER_ROLES as readonly string[]).includes(signer.role)) return;
  const parties = await components.caseParties(caseNo);
  if (parties === undefined || !parties.includes(signer.publicKey)) throw forbidden(signer.publicKey);
}

export const casesRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { components, requireSignature }) => {
  const signed = requireSignature(SIGNED_BY_A_MEMBER);

  app.get('/v1/cases', {
    preHandler: signed,
    schema: {
      tags: ['cases'],
      summary: 'A page of cases, all or a party\'s, in case-number order',
      description: `${CASE_ACCESS} A member of another role may list only its own cases (?party= its key). `
        + `At most ${CASES_PAGE_MAX} per page; a page may hold fewer while \`next\` is present (a status filter skips cases).`,
      querystring: CasesQuerySchema,
      response: { 200: CaseListSchema, ...problemResponses('REQUEST_INVALID', 'CASE_NO_INVALID', ...AUTH_ERROR_CODES) },
    },
  }, async (request) => {
    const { status, after } = request.query;
    const party = request.query.party?.toLowerCase();
    const signer = requestSigner(request);
    if (signer === undefined) throw new TianpingError('AUTH_REQUIRED');
    if (!(CASE_READER_ROLES as readonly string[]).includes(signer.role) && party !== signer.publicKey) {
      throw new TianpingError('AUTH_FORBIDDEN', `role ${signer.role} lists only its own cases: ?party=${signer.publicKey}`);
    }
    if (after !== undefined) caseNoParam(after);
    const list = await components.cases({ status, party, after, limit: request.query.limit ?? CASES_PAGE_MAX });
    return list as Static<typeof CaseListSchema>;
  });

  app.get('/v1/cases/:caseNo', {
    preHandler: signed,
    schema: {
      tags: ['cases'],
      summary: 'A case: terms, schedule with each instalment\'s status, money received and owed as of a time, first events',
      description: `${CASE_ACCESS} Charges are counted through the end of the China day (UTC+08:00) of ?at= (default: the latest `
        + 'block time), on the balances of the latest block; a day before the latest block\'s is CASE_TIME_INVALID.',
      params: CaseParamsSchema,
      querystring: CaseQuerySchema,
      response: { 200: CaseSchema, ...problemResponses('CASE_NO_INVALID', 'CASE_TIME_INVALID', 'CASE_UNKNOWN', ...AUTH_ERROR_CODES) },
    },
  }, async (request) => {
    const caseNo = caseNoParam(request.params.caseNo);
    const atMs = request.query.at === undefined ? undefined : parseAtParam(request.query.at);
    await requireCaseAccess(components, request, caseNo);
    return await components.caseView(caseNo, atMs) as Static<typeof CaseSchema>;
  });

  app.get('/v1/cases/:caseNo/events', {
    preHandler: signed,
    schema: {
      tags: ['cases'],
      summary: 'The events of a case by seq: the feed a court\'s case system follows',
      description: `${CASE_ACCESS} ?after=<seq> (exclusive); at most ${CASE_EVENTS_PAGE_MAX} per page; \`next\` when more exist.`,
      params: CaseParamsSchema,
      querystring: CaseEventsQuerySchema,
      response: { 200: CaseEventsSchema, ...problemResponses('REQUEST_INVALID', 'CASE_NO_INVALID', 'CASE_UNKNOWN', ...AUTH_ERROR_CODES) },
    },
  }, async (request) => {
    const caseNo = caseNoParam(request.params.caseNo);
    await requireCaseAccess(components, request, caseNo);
    const page = { after: request.query.after, limit: request.query.limit ?? CASE_EVENTS_PAGE_MAX };
    return await components.caseEvents(caseNo, page) as Static<typeof CaseEventsSchema>;
  });

  app.get('/v1/cases/:caseNo/events/:n/receipt', {
    preHandler: signed,
    schema: {
      tags: ['cases'],
      summary: 'A self-contained receipt of event n of a case, verifiable offline from the genesis',
      description: `${CASE_ACCESS} JSON, or protobuf with Accept: ${PROTOBUF_MEDIA_TYPE}; the same receipt as `
        + 'GET /v1/blocks/:height/events/:index/receipt for the event\'s block and position.',
      params: CaseEventParamsSchema,
      response: { 200: EventReceiptSchema, ...problemResponses('REQUEST_INVALID', 'CASE_NO_INVALID', 'CASE_UNKNOWN', 'CASE_EVENT_UNKNOWN',
        ...AUTH_ERROR_CODES) },
    },
  }, async (request, reply) => {
    const caseNo = caseNoParam(request.params.caseNo);
    await requireCaseAccess(components, request, caseNo);
    const receipt = await components.caseEventReceipt(caseNo, Number(request.params.n));
    if ((request.headers.accept ?? '').includes(PROTOBUF_MEDIA_TYPE)) {
      return reply.type(PROTOBUF_MEDIA_TYPE).send(Buffer.from(receipt.bytes) as never);
    }
    return receipt.json as Static<typeof EventReceiptSchema>;
  });
};
