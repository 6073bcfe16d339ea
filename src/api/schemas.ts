// JSON Schemas (TypeBox) of every request, and the route-side helpers around them. Fastify
// validates requests with them and @fastify/swagger turns them into the OpenAPI document. The
// response shapes live in contract/http.ts, shared with the SDK, and are re-exported here so the
// routes import every schema from one place.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { TX_BATCH_TXS_MAX } from '../codec/tx-batch.js';
import {
  AlgorithmSchema, BlockSchema, EquivocationsResponseSchema, EvidenceResponseSchema, HeaderSchema, MemberSchema, ProblemSchema,
  ProposalSchema, ProposalStatusSchema, TxBulkResponseSchema, TxBulkResultSchema, TxCommittedSchema, ValidatorSetSchema,
} from '../contract/http.js';
import { CaseStatusNameSchema } from '../contract/cases.js';
import { ERROR_CODES, type ErrorCode } from '../types/index.js';

export {
  AlgorithmSchema, AnchorSchema, BlockSchema, EquivocationSchema, EventReceiptSchema, EquivocationsResponseSchema, EvidenceResponseSchema,
  HealthSchema, HeaderSchema, MemberRoleSchema, MemberSchema, MembersResponseSchema, ProblemSchema, ProposalSchema,
  ProposalStatusSchema, ProposalsResponseSchema, ReadySchema, SignedStatementSchema, StatusSchema, SubmitterAnchorsSchema,
  TxBulkResponseSchema, TxBulkResultSchema, TxCommittedSchema, TxPendingSchema, TxStatusSchema, ValidatorSetSchema,
} from '../contract/http.js';
export { CaseEventsSchema, CaseListSchema, CaseSchema } from '../contract/cases.js';

// The mutable forms the route handlers build their answers in (the reply types of the TypeBox
// type provider); readers get the readonly Json<> forms of contract/http.ts.
export type Problem = Static<typeof ProblemSchema>;
export type TxCommittedView = Static<typeof TxCommittedSchema>;
export type TxBulkResult = Static<typeof TxBulkResultSchema>;
export type TxBulkResponse = Static<typeof TxBulkResponseSchema>;
export type EvidenceResponse = Static<typeof EvidenceResponseSchema>;
export type BlockView = Static<typeof BlockSchema>;
export type HeaderView = Static<typeof HeaderSchema>;
export type EquivocationsResponse = Static<typeof EquivocationsResponseSchema>;
export type MemberResponse = Static<typeof MemberSchema>;
export type ValidatorSetResponse = Static<typeof ValidatorSetSchema>;
export type ProposalResponse = Static<typeof ProposalSchema>;

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';
export const PROTOBUF_MEDIA_TYPE = 'application/x-protobuf';

const HEX32_PATTERN = '^[0-9a-fA-F]{64}$';

const Hex32 = (description: string): ReturnType<typeof Type.String> =>
  Type.String({ pattern: HEX32_PATTERN, description });

/**
 * Routes point at the Problem schema (added once with addSchema) instead of copying it, so the
 * OpenAPI document lists it once, under components.schemas.Problem.
 */
const ProblemRef = Type.Unsafe<Problem>({ $ref: 'Problem#' });

interface ProblemResponse {
  readonly description: string;
  readonly content: { readonly [PROBLEM_MEDIA_TYPE]: { readonly schema: typeof ProblemRef } };
}

/**
 * Documents the problem responses a route can give: one entry per HTTP status, listing the codes
 * answered with it. INTERNAL 500 is always possible and always listed.
 */
export function problemResponses(...codes: ErrorCode[]): Record<number, ProblemResponse> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of [...codes, 'INTERNAL' as const]) {
    const status = ERROR_CODES[code].status;
    const list = byStatus.get(status) ?? [];
    if (!list.includes(code)) list.push(code);
    byStatus.set(status, list);
  }
  const out: Record<number, ProblemResponse> = {};
  for (const [status, list] of byStatus) {
    out[status] = {
      description: list.map((code) => `${code}: ${ERROR_CODES[code].title}`).join('; '),
      content: { [PROBLEM_MEDIA_TYPE]: { schema: ProblemRef } },
    };
  }
  return out;
}

// ---- transactions ----

export const TxSubmitJsonSchema = Type.Object({
  tx: Type.String({ minLength: 1, contentEncoding: 'base64', description: 'Signed transaction (protobuf SignedTx), canonical padded base64' }),
}, { additionalProperties: false });

/** Raw protobuf bodies are bytes, not JSON: no `type`, so the validator lets the Buffer through. */
export const TxSubmitBinarySchema = Type.Unsafe<Uint8Array>({
  contentEncoding: 'binary',
  description: 'Signed transaction (protobuf SignedTx) as raw bytes',
});

export const TxSubmitQuerySchema = Type.Object({
  wait: Type.Optional(Type.Literal('commit', { description: 'Answer only once the transaction has committed' })),
  timeoutMs: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'How long to wait for the commit; capped at the node limit' })),
});

export const TxHashParamsSchema = Type.Object({ hash: Hex32('Transaction hash, 64 hex characters') });

/** Bulk submission: many signed txs, each admitted on its own. Items may be empty (refused as TX_MALFORMED). */
export const TxBulkJsonSchema = Type.Object({
  txs: Type.Array(Type.String({ contentEncoding: 'base64', description: 'Signed transaction (protobuf SignedTx), canonical padded base64' }),
    { minItems: 1, maxItems: TX_BATCH_TXS_MAX, description: `1 to ${TX_BATCH_TXS_MAX} signed transactions; more is TXS_TOO_MANY` }),
}, { additionalProperties: false });

export const TxBulkBinarySchema = Type.Unsafe<Uint8Array>({
  contentEncoding: 'binary',
  description: 'A protobuf TxBatch { repeated bytes txs = 1; } of encoded SignedTx, canonically encoded',
});

/** No ?wait=commit: a bulk submitter follows its txs by hash. Any query parameter is refused. */
export const TxBulkQuerySchema = Type.Object({}, { additionalProperties: false });

// ---- evidence ----

export const EvidenceParamsSchema = Type.Object({ digest: Hex32('Evidence digest, 64 hex characters') });

export const EvidenceQuerySchema = Type.Object({
  algorithm: Type.Optional(AlgorithmSchema),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'Anchors to skip, oldest first' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'Anchors to return; capped at the node limit' })),
});

// ---- blocks ----

export const BlockParamsSchema = Type.Object({
  // A string pattern rather than an integer: "1e3" or "01" must not pass as heights.
  height: Type.String({ pattern: '^[1-9][0-9]{0,15}$', description: 'Block height, a positive integer' }),
});

export const BlockEventParamsSchema = Type.Object({
  height: BlockParamsSchema.properties.height,
  index: Type.String({ pattern: '^(0|[1-9][0-9]{0,4})$', description: 'Position of the event in its block, from 0' }),
});

// ---- submitters ----

export const SubmitterParamsSchema = Type.Object({ key: Hex32('Public key of the submitter, 64 hex characters') });

export const PageQuerySchema = Type.Object({
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'Anchors to skip, oldest first' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'Anchors to return; capped at the node limit' })),
});

// ---- governance ----

export const ValidatorsQuerySchema = Type.Object({
  // A string pattern rather than an integer: "1e3" or "01" must not pass as heights.
  height: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,15}$',
    description: 'The height whose signing set to give; default the next height (latest + 1)' })),
});

export const ProposalsQuerySchema = Type.Object({ status: Type.Optional(ProposalStatusSchema) });

export const ProposalParamsSchema = Type.Object({ id: Hex32('Proposal id: the hash of the tx that opened it, 64 hex characters') });

// ---- cases ----

/** Entries of one page of cases or of a case's events, at most (and the default). */
export const CASES_PAGE_MAX = 100;
export const CASE_EVENTS_PAGE_MAX = 100;

/** Checked further by the route (CASE_NO_INVALID): the charset is Unicode, and the bound is in UTF-8 bytes. */
const CaseNoParam = Type.String({ minLength: 1, maxLength: 96, description: 'Case number, percent-encoded as one path segment ("/" as %2F)' });

export const CaseParamsSchema = Type.Object({ caseNo: CaseNoParam });

export const CaseQuerySchema = Type.Object({
  at: Type.Optional(Type.String({ maxLength: 40, description: 'Interest and charges as of this time: Unix milliseconds or ISO 8601 '
    + '(a date alone, or a date-time with Z or an offset); default the latest block time. Not before the latest block\'s China day' })),
}, { additionalProperties: false });

export const CasesQuerySchema = Type.Object({
  status: Type.Optional(CaseStatusNameSchema),
  party: Type.Optional(Hex32('Only the cases of this party: a member key or an identity commitment, 64 hex characters')),
  after: Type.Optional(Type.String({ minLength: 1, maxLength: 96, description: 'Cursor: the `next` of the previous page (a case number)' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: CASES_PAGE_MAX, description: `Cases per page, 1 to ${CASES_PAGE_MAX} (default)` })),
}, { additionalProperties: false });

export const CaseEventsQuerySchema = Type.Object({
  after: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'Only events after this seq; from the first when omitted' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: CASE_EVENTS_PAGE_MAX,
    description: `Events per page, 1 to ${CASE_EVENTS_PAGE_MAX} (default)` })),
}, { additionalProperties: false });

export const CaseEventParamsSchema = Type.Object({
  caseNo: CaseNoParam,
  n: Type.String({ pattern: '^(0|[1-9][0-9]{0,9})$', description: 'The event\'s seq in its case, from 0' }),
});

// ---- web page ----

export const WebFileParamsSchema = Type.Object({
  file: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$', description: 'Asset file name' }),
});

export const textResponse = (mediaType: string, description: string): { description: string; content: Record<string, { schema: TSchema }> } =>
  ({ description, content: { [mediaType]: { schema: Type.String() } } });
