// The JSON of the case reads (GET /v1/cases...): a judgment contract's terms, schedule, money and
// events. Amounts go out as integer fen in a decimal string beside the same in yuan, never as JSON
// numbers: a float never meets money on either side of the API. Parties appear as member keys or
// identity commitments only; personal data is never on chain. Shapes shared by the node and the
// SDK as in http.ts, whose helpers this file uses.
import { Type, type TLiteral, type TString } from '@sinclair/typebox';
import { IsoTime, LowerHex, SafeUint } from './http.js';
import { PayoutSchema } from './payouts.js';

/** An amount: integer fen as a decimal string (never a JSON number, never a float) and the same in yuan. */
const Amount = (description: string): ReturnType<typeof Type.Object<{ fen: TString; yuan: TString }>> => Type.Object({
  fen: Type.String({ pattern: '^(0|[1-9][0-9]*)$', description: 'Integer fen, decimal digits' }),
  yuan: Type.String({ pattern: '^[0-9]+\\.[0-9]{2}$', description: 'The same amount in yuan, two decimals ("52.50")' }),
}, { description });

export const CaseAmountSchema = Amount('An amount of money');

type CaseStatusName = 'ACTIVE' | 'DEFAULTED' | 'FILED' | 'SUSPENDED' | 'SETTLED' | 'TERMINATED' | 'CLOSED' | 'PERFORMED';

/** A union of literals, not an enum: request validation (the status filter) compiles it with TypeBox. */
export const CaseStatusNameSchema = Type.Union(['ACTIVE', 'DEFAULTED', 'FILED', 'SUSPENDED', 'SETTLED', 'TERMINATED', 'CLOSED', 'PERFORMED']
  .map((name) => Type.Literal(name)) as unknown as [TLiteral<CaseStatusName>], { description: 'The case state (docs/contracts.md, "The state machine")' });

/** A party: a member key, or the salted commitment of an identity (never the identity itself). */
export const CasePartySchema = Type.Object({
  kind: Type.Unsafe<'member' | 'commitment'>({ type: 'string', enum: ['member', 'commitment'] }),
  id: LowerHex('The member public key, or SHA-256(salt || identity): 32 bytes, lowercase hex'),
});

export const CaseEventSchema = Type.Object({
  caseNo: Type.String(),
  seq: SafeUint('The event\'s number in its case, from 0'),
  kind: Type.String({ description: 'CREATED, PAYMENT_RECEIVED, DEFAULT, ACCELERATED, FILED, SUSPENDED, ... (docs/contracts.md §13)' }),
  status: CaseStatusNameSchema,
  legalAtMs: SafeUint('Legal time: due + grace for the clock\'s events, the money\'s time for payments, else the block time'),
  legalAt: IsoTime('legalAtMs, ISO 8601 UTC'),
  height: SafeUint('Height of the block that recorded it'),
  eventIndex: SafeUint('Position among that block\'s events: GET /v1/blocks/:height/events/:index/receipt'),
  blockTimeMs: SafeUint('Time of that block'),
  blockTime: IsoTime('blockTimeMs, ISO 8601 UTC'),
  txHash: LowerHex('The tx that made it; empty for an event the block clock made'),
  details: Type.Object({
    signer: Type.Optional(LowerHex('Key that signed the tx')),
    reasonCode: Type.Optional(Type.String()),
    instalmentIndex: Type.Optional(SafeUint('The instalment concerned')),
    amount: Type.Optional(CaseAmountSchema),
    bankRef: Type.Optional(Type.String()),
    filingId: Type.Optional(LowerHex('Execution filing id')),
    fee: Type.Optional(CaseAmountSchema),
    principal: Type.Optional(CaseAmountSchema),
    charges: Type.Optional(CaseAmountSchema),
    surplus: Type.Optional(CaseAmountSchema),
    applicationPeriodEndsAtMs: Type.Optional(SafeUint('End of the two-year application period')),
    warning: Type.Optional(Type.String({ description: 'e.g. APPLICATION_PERIOD_EXPIRED: noted, never enforced' })),
  }, { description: 'The fields of its kind; a field is absent when the event has none' }),
});

export const CaseInstalmentSchema = Type.Object({
  index: SafeUint('Position in the schedule'),
  dueAtMs: SafeUint('Due time in the terms'),
  dueAt: IsoTime('dueAtMs, ISO 8601 UTC'),
  legalAtMs: SafeUint('When an unpaid balance defaults: due + grace, the acceleration, or a resumption'),
  legalAt: IsoTime('legalAtMs, ISO 8601 UTC'),
  status: Type.Unsafe<'upcoming' | 'due' | 'defaulted' | 'paid'>({ type: 'string', enum: ['upcoming', 'due', 'defaulted', 'paid'],
    description: 'At the latest block: paid (no principal left), defaulted, due (its due time passed, its default not yet recorded), upcoming' }),
  principal: CaseAmountSchema,
  paid: CaseAmountSchema,
  outstanding: CaseAmountSchema,
  charges: Amount('Delay interest or penalty owed on it as of `asOf`'),
});

export const CaseSchema = Type.Object({
  caseNo: Type.String(),
  status: CaseStatusNameSchema,
  templateVersion: SafeUint('Template version the case was created under'),
  document: Type.Object({ algorithm: Type.String(), digest: LowerHex('The judgment or mediation document, anchored') }),
  creditors: Type.Array(CasePartySchema),
  debtor: CasePartySchema,
  payees: Type.Array(Type.Object({ party: CasePartySchema, weight: SafeUint('Share weight') })),
  caseAccountRef: Type.String(),
  currency: Type.String(),
  terms: Type.Object({
    graceMs: SafeUint('Grace after each due time'),
    acceleration: Type.Boolean(),
    delay: Type.Object({
      kind: Type.Unsafe<'statutory' | 'penalty-fixed' | 'penalty-share-of-unpaid' | 'penalty-daily'>({ type: 'string',
        enum: ['statutory', 'penalty-fixed', 'penalty-share-of-unpaid', 'penalty-daily'] }),
      amount: Type.Optional(CaseAmountSchema),
      numerator: Type.Optional(Type.String()),
      denominator: Type.Optional(Type.String()),
    }),
    graceDelaysInterest: Type.Boolean(),
    paymentOrder: Type.Unsafe<'principal-first' | 'charges-first'>({ type: 'string', enum: ['principal-first', 'charges-first'] }),
    exemptClaimTypes: Type.Array(Type.String()),
    autoFile: Type.Boolean(),
    feePolicy: Type.String(),
  }),
  schedule: Type.Array(CaseInstalmentSchema),
  money: Type.Object({
    received: Amount('Money received into the case account, surplus included'),
    creditors: Amount('The creditors\' part of it: principal and charges paid'),
    surplus: CaseAmountSchema,
    paidOut: CaseAmountSchema,
    feeCharged: CaseAmountSchema,
  }),
  owed: Type.Object({
    principal: CaseAmountSchema,
    charges: Amount('Delay interest or penalty, accrued through the day of asOf'),
    fee: Amount('Execution fee on the money recovered not yet charged'),
    total: CaseAmountSchema,
  }),
  asOf: Type.Object({
    atMs: SafeUint('The time asked for (?at=), or the latest block time'),
    at: IsoTime('atMs, ISO 8601 UTC'),
    day: Type.String({ description: 'The China day (UTC+08:00) through whose end charges are counted, YYYY-MM-DD' }),
    latestBlockTimeMs: SafeUint('Time of the latest block: the state the figures are taken from'),
  }),
  created: Type.Object({ height: SafeUint('Block height'), atMs: SafeUint('Block time'), at: IsoTime('ISO 8601 UTC'), by: LowerHex('Court key') }),
  defaultedAtMs: SafeUint('Legal time of the first default; 0 when none'),
  accelerated: Type.Boolean(),
  filingId: LowerHex('Execution filing id; empty until filed'),
  suspensions: Type.Array(Type.Object({
    fromMs: SafeUint('Start'), untilMs: SafeUint('End; 0 while in force'), reasonCode: Type.String(),
  })),
  applicationPeriod: Type.Object({
    endsAtMs: SafeUint('End of the two-year period to apply for execution (CPL Art 250): tracked, never enforced'),
    endsAt: IsoTime('endsAtMs, ISO 8601 UTC'),
    warning: Type.String({ description: 'APPLICATION_PERIOD_EXPIRED when asOf lies past its end, else empty' }),
  }),
  eventsCount: SafeUint('Events of the case'),
  events: Type.Array(CaseEventSchema, { description: 'The first events, oldest first; the feed gives the rest' }),
  eventsNext: Type.Optional(SafeUint('When more events exist: pass as ?after= to GET /v1/cases/:caseNo/events')),
  payouts: Type.Array(PayoutSchema, { description: 'The case\'s payout orders (docs/payouts.md §1), by id, as GET /v1/payouts shows them' }),
});

export const CaseSummarySchema = Type.Object({
  caseNo: Type.String(),
  status: CaseStatusNameSchema,
  currency: Type.String(),
  creditors: Type.Array(CasePartySchema),
  debtor: CasePartySchema,
  principalOutstanding: CaseAmountSchema,
  createdHeight: SafeUint('Block height of its creation'),
  createdAtMs: SafeUint('Block time of its creation'),
  createdAt: IsoTime('createdAtMs, ISO 8601 UTC'),
  filingId: LowerHex('Execution filing id; empty until filed'),
  eventsCount: SafeUint('Events of the case'),
});

export const CaseListSchema = Type.Object({
  cases: Type.Array(CaseSummarySchema, { description: 'In case-number byte order' }),
  next: Type.Optional(Type.String({ description: 'Present when the scan has more: pass as ?after= (a page may hold fewer than limit, even none)' })),
});

export const CaseEventsSchema = Type.Object({
  caseNo: Type.String(),
  eventsCount: SafeUint('Events of the case'),
  events: Type.Array(CaseEventSchema, { description: 'By seq' }),
  next: Type.Optional(SafeUint('Present when more events exist: pass as ?after=')),
});

