// TypeBox schemas of the gateway's requests and answers (docs/payouts.md §7). Fastify validates
// requests with them (app.ts compiles them with TypeBox, without coercion of JSON bodies) and
// serialises answers through them; the types the bank works with are derived from them.
import { Type, type Static } from '@sinclair/typebox';

const AMOUNT_MAX = Number.MAX_SAFE_INTEGER;

export const ACCOUNT_ID_PATTERN = '^[0-9A-Za-z._-]{1,64}$';
/** What the chain accepts as a payout's bank reference (docs/payouts.md §5), and so what we issue. */
export const BANK_REF_PATTERN = '^[0-9A-Za-z._:/-]{1,64}$';
/** The dispatcher sends a payout id in hex; other clients any such token. Also a path segment. */
export const IDEMPOTENCY_KEY_PATTERN = '^[0-9A-Za-z._:-]{1,128}$';
export const DATE_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';

const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });
const Currency = Type.String({ pattern: '^[A-Z]{3}$' });
const Amount = (minimum: number) => Type.Integer({ minimum, maximum: AMOUNT_MAX });
const EndToEndId = Type.String({ pattern: '^[0-9A-Za-z._:/-]{1,128}$' });

export const AccountOpenSchema = Type.Object({
  id: Type.String({ pattern: ACCOUNT_ID_PATTERN }),
  name: Text(128),
  bank: Text(128),
  number: Type.String({ pattern: '^[0-9A-Za-z -]{1,64}$' }),
  balanceFen: Amount(0),
  /** The account's currency; CNY when absent. */
  currency: Type.Optional(Currency),
}, { additionalProperties: false });

export const AccountSchema = Type.Object({
  id: Type.String(), name: Type.String(), bank: Type.String(), number: Type.String(),
  balanceFen: Type.Integer(), currency: Type.String(),
});

export const CreditSchema = Type.Object({ amountFen: Amount(1), endToEndId: EndToEndId }, { additionalProperties: false });

export const CreditAnswerSchema = Type.Object({
  account: Type.String(), amountFen: Type.Integer(), endToEndId: Type.String(), bankRef: Type.String(), valueDate: Type.String(),
  balanceFen: Type.Integer(),
});

export const TransferRequestSchema = Type.Object({
  fromAccount: Type.String({ pattern: ACCOUNT_ID_PATTERN }),
  to: Type.Object({ bank: Text(128), name: Text(128), number: Type.String({ pattern: '^[0-9A-Za-z -]{1,64}$' }) },
    { additionalProperties: false }),
  amountFen: Amount(1),
  currency: Currency,
  endToEndId: EndToEndId,
  remittance: Type.String({ maxLength: 140 }),
}, { additionalProperties: false });

export const TransferAnswerSchema = Type.Object({
  key: Type.String(),
  status: Type.Union([Type.Literal('settled'), Type.Literal('failed')]),
  bankRef: Type.String(),
  valueDate: Type.String(),
  failureReason: Type.Optional(Type.String()),
  /** When the gateway received the request that executed the transfer (ms since the epoch): a replay answers the first one's time. */
  receivedAtMs: Type.Optional(Type.Integer()),
});

export const DirectionSchema = Type.Union([Type.Literal('debit'), Type.Literal('credit')]);

export const StatementEntrySchema = Type.Object({
  endToEndId: Type.String(), amountFen: Type.Integer(), direction: DirectionSchema, valueDate: Type.String(), bankRef: Type.String(),
  /** The account of this bank the entry is on. */
  account: Type.String(),
});

export const StatementSchema = Type.Object({ date: Type.String(), entries: Type.Array(StatementEntrySchema) });

export const WebhookModeSchema = Type.Union([Type.Literal('normal'), Type.Literal('twice'), Type.Literal('late'), Type.Literal('never')]);

const Count = Type.Integer({ minimum: 0, maximum: 1_000_000 });

export const FaultsPatchSchema = Type.Object({
  failNext: Type.Optional(Count),
  timeoutAfterAccept: Type.Optional(Count),
  rejectNext: Type.Optional(Count),
  webhook: Type.Optional(WebhookModeSchema),
  idempotency: Type.Optional(Type.Boolean()),
  /** The next N settled transfers appear twice in the statement; true is 1, false 0. */
  duplicateStatementEntry: Type.Optional(Type.Union([Type.Boolean(), Count])),
}, { additionalProperties: false });

export const FaultsSchema = Type.Object({
  failNext: Type.Integer(), timeoutAfterAccept: Type.Integer(), rejectNext: Type.Integer(), webhook: WebhookModeSchema,
  idempotency: Type.Boolean(), duplicateStatementEntry: Type.Integer(),
});

export const ProblemSchema = Type.Object({
  type: Type.String(), title: Type.String(), status: Type.Integer(), detail: Type.String(), code: Type.String(), instance: Type.String(),
});

export type AccountOpen = Static<typeof AccountOpenSchema>;
export type Account = Static<typeof AccountSchema>;
export type Credit = Static<typeof CreditSchema>;
export type CreditAnswer = Static<typeof CreditAnswerSchema>;
export type TransferRequest = Static<typeof TransferRequestSchema>;
export type TransferAnswer = Static<typeof TransferAnswerSchema>;
export type StatementEntry = Static<typeof StatementEntrySchema>;
export type WebhookMode = Static<typeof WebhookModeSchema>;
export type FaultsPatch = Static<typeof FaultsPatchSchema>;
export type Faults = Static<typeof FaultsSchema>;
export type Problem = Static<typeof ProblemSchema>;
