// Payouts, read (docs/payouts.md §1, §3, §8): the orders with their approvals, holds, claims,
// results, deadline alerts and reconciliation states; the approval policy in force; and the money
// received the chain recorded, which reconciliation matches a bank statement against. Signed reads:
// an order names a case, a payee and an amount, so only the roles that pay, approve, hold or
// oversee payouts (and the block readers, who see every payout tx anyway) read them.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import {
  MoneyReceivedListSchema, PayoutListSchema, PayoutPolicySchema, PayoutSchema, PayoutStatusSchema,
} from '../../contract/payouts.js';
import { isCaseNo } from '../../state/cases/index.js';
import type { Role } from '../../state/genesis.js';
import { TianpingError } from '../../types/index.js';
import { AUTH_ERROR_CODES, describeAccess, type AccessRule } from '../auth/index.js';
import type { PayoutComponents } from '../components.js';
import type { RouteOptions } from '../options.js';
import { problemResponses } from '../schemas.js';

/** docs/payouts.md §1: who reads payout orders. */
export const PAYOUT_READER_ROLES: readonly Role[] = ['executor', 'officer', 'bureau-chief', 'finance', 'court', 'validator', 'observer'];
export const PAYOUTS_PAGE_MAX = 1_000;
export const MONEY_RECEIVED_PAGE_MAX = 1_000;

const PAYOUT_READERS: AccessRule = { roles: PAYOUT_READER_ROLES };
const ID_PATTERN = '^[0-9a-fA-F]{64}$';

const PayoutsQuerySchema = Type.Object({
  status: Type.Optional(PayoutStatusSchema),
  case: Type.Optional(Type.String({ minLength: 1, maxLength: 96, description: 'Only this case\'s orders: its case number' })),
  after: Type.Optional(Type.String({ pattern: ID_PATTERN, description: 'Cursor: only orders whose id sorts after this one (the `next` of the previous page)' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: PAYOUTS_PAGE_MAX, description: `Orders per page, 1 to ${PAYOUTS_PAGE_MAX} (default)` })),
}, { additionalProperties: false });

const PayoutParamsSchema = Type.Object({
  id: Type.String({ pattern: ID_PATTERN, description: 'The payout id, 64 hex characters' }),
});

const MoneyReceivedQuerySchema = Type.Object({
  after: Type.Optional(Type.String({ minLength: 1, maxLength: 600, description: 'Cursor: the `next` of the previous page' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MONEY_RECEIVED_PAGE_MAX,
    description: `Entries per page, 1 to ${MONEY_RECEIVED_PAGE_MAX} (default)` })),
}, { additionalProperties: false });

/** A money-received cursor is a key the previous page gave: case/pay/<hex>/<hex> or case/unmatched/<hex>. */
const CURSOR_RE = /^case\/(pay\/[0-9a-f]+\/[0-9a-f]+|unmatched\/[0-9a-f]+)$/;

function caseNoFilter(text: string | undefined): string | undefined {
  if (text !== undefined && !isCaseNo(text)) {
    throw new TianpingError('CASE_NO_INVALID', 'a case number is 1 to 96 UTF-8 bytes of letters, digits, CJK ideographs and ( ) （ ） 〔 〕 [ ] . _ - /');
  }
  return text;
}

export const payoutsRoutes: FastifyPluginAsyncTypebox<RouteOptions & { payouts: PayoutComponents }> = async (app, { payouts, requireSignature }) => {
  const signed = requireSignature(PAYOUT_READERS);
  const access = describeAccess(PAYOUT_READERS);

  app.get('/v1/payouts', {
    preHandler: signed,
    schema: {
      tags: ['payouts'],
      summary: 'A page of payout orders by id: all, or a case\'s, of one status or any',
      description: `${access} At most ${PAYOUTS_PAGE_MAX} per page; a page may hold fewer while \`next\` is present (a status filter `
        + 'skips orders). alertDays flags an order not yet paid whose money arrived that many days ago or more (docs/payouts.md §3).',
      querystring: PayoutsQuerySchema,
      response: { 200: PayoutListSchema, ...problemResponses('REQUEST_INVALID', 'CASE_NO_INVALID', 'CASE_UNKNOWN', ...AUTH_ERROR_CODES) },
    },
  }, async (request) => {
    const { status, after, limit } = request.query;
    const caseNo = caseNoFilter(request.query.case);
    const list = await payouts.payouts({ status, caseNo, after: after?.toLowerCase(), limit: limit ?? PAYOUTS_PAGE_MAX });
    return list as Static<typeof PayoutListSchema>;
  });

  app.get('/v1/payouts/policy', {
    preHandler: signed,
    schema: {
      tags: ['payouts'],
      summary: 'The payout approval policy in force: tiers, automatic approval, alert days, claim lease',
      description: `${access} The default of docs/payouts.md §3 until a payout-policy proposal passes.`,
      response: { 200: PayoutPolicySchema, ...problemResponses(...AUTH_ERROR_CODES) },
    },
  }, async () => await payouts.payoutPolicy() as Static<typeof PayoutPolicySchema>);

  app.get('/v1/payouts/received', {
    preHandler: signed,
    schema: {
      tags: ['payouts'],
      summary: 'The money received the chain recorded: what a bank statement\'s incoming entries are matched against',
      description: `${access} RECEIVED payment reports of cases by case and bank reference, then unmatched money; `
        + `at most ${MONEY_RECEIVED_PAGE_MAX} per page, \`next\` when more may exist (docs/payouts.md §8).`,
      querystring: MoneyReceivedQuerySchema,
      response: { 200: MoneyReceivedListSchema, ...problemResponses('REQUEST_INVALID', ...AUTH_ERROR_CODES) },
    },
  }, async (request) => {
    const { after, limit } = request.query;
    if (after !== undefined && !CURSOR_RE.test(after)) {
      throw new TianpingError('REQUEST_INVALID', '?after= is the `next` of a previous page (case/pay/… or case/unmatched/…)');
    }
    return await payouts.moneyReceived({ after, limit: limit ?? MONEY_RECEIVED_PAGE_MAX }) as Static<typeof MoneyReceivedListSchema>;
  });

  app.get('/v1/payouts/:id', {
    preHandler: signed,
    schema: {
      tags: ['payouts'],
      summary: 'One payout order',
      description: `${access} Its eventSeq names the case event whose receipt (GET /v1/cases/:caseNo/events/:eventSeq/receipt) proves this state.`,
      params: PayoutParamsSchema,
      response: { 200: PayoutSchema, ...problemResponses('HASH_INVALID', 'PAYOUT_UNKNOWN', ...AUTH_ERROR_CODES) },
    },
  }, async (request) => await payouts.payout(request.params.id.toLowerCase()) as Static<typeof PayoutSchema>);
};
