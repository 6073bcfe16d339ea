// A case record and its events in the JSON of the case reads (contract/cases.ts). Amounts leave as
// decimal strings of fen beside the same in yuan, computed from bigints: no float meets money. The
// figures "as of" a time come from the state machine's own read (caseOwedAt), so the API shows
// exactly what the contract would charge.
import type { CaseEventView, CaseSummaryView, CaseView } from '../api/components.js';
import { algorithmName, pb } from '../codec/index.js';
import {
  APPLICATION_PERIOD_EXPIRED, caseOwedAt, statusName, type CaseEventMsg, type CaseRecordMsg, type EventLocation,
} from '../state/cases/index.js';
import { formatDay, formatYuan } from '../state/contracts/index.js';
import { toHex } from '../types/index.js';

type Amount = CaseView['owed']['total'];
type Party = CaseView['debtor'];
type Status = CaseView['status'];

export function amount(fen: bigint | number): Amount {
  const value = BigInt(fen);
  return { fen: value.toString(), yuan: formatYuan(value) };
}

const iso = (timeMs: number): string => new Date(timeMs).toISOString();
const statusOf = (status: number): Status => statusName(status) as Status;

type PartyMsg = { memberKey?: Uint8Array | null; identityCommitment?: Uint8Array | null } | null | undefined;

function partyView(party: PartyMsg): Party {
  const key = party?.memberKey;
  return key != null && key.length > 0 ? { kind: 'member', id: toHex(key) } : { kind: 'commitment', id: toHex(party?.identityCommitment ?? new Uint8Array()) };
}

/** The member keys among a case's parties (creditors, debtor, payees), lowercase hex: who may read it. */
export function partyMemberKeys(record: CaseRecordMsg): string[] {
  const t = record.terms;
  const parties = [...t.creditors, t.debtor, ...t.payees.map((p) => p.party)].map(partyView);
  return [...new Set(parties.filter((p) => p.kind === 'member').map((p) => p.id))];
}

const DELAY_KINDS = { 1: 'statutory', 2: 'penalty-fixed', 3: 'penalty-share-of-unpaid', 4: 'penalty-daily' } as const;
const EXEMPT_NAMES: Readonly<Record<number, string>> = { 1: 'maintenance', 2: 'wages', 3: 'medical', 4: 'pension' };

function termsView(record: CaseRecordMsg): CaseView['terms'] {
  const t = record.terms;
  const kind = DELAY_KINDS[t.delay?.kind as keyof typeof DELAY_KINDS] ?? 'statutory';
  const delay: CaseView['terms']['delay'] = kind === 'statutory' ? { kind }
    : kind === 'penalty-fixed' ? { kind, amount: amount(t.delay?.amountFen ?? 0) }
      : { kind, numerator: String(t.delay?.numerator ?? 0), denominator: String(t.delay?.denominator ?? 0) };
  return {
    graceMs: t.graceMs, acceleration: t.acceleration, delay, graceDelaysInterest: t.graceDelaysInterest,
    paymentOrder: t.paymentOrder === pb.CasePaymentOrder.CASE_PAYMENT_ORDER_CHARGES_FIRST ? 'charges-first' : 'principal-first',
    exemptClaimTypes: (t.exemptClaimTypes as number[]).map((type) => EXEMPT_NAMES[type] ?? String(type)),
    autoFile: t.autoFile, feePolicy: t.feePolicy,
  };
}

function instalmentStatus(state: CaseRecordMsg['instalments'][number], dueAtMs: number, latestMs: number): CaseView['schedule'][number]['status'] {
  if (state.principalFen === 0) return 'paid';
  if (state.defaulted) return 'defaulted';
  return Math.min(dueAtMs, state.legalAtMs) <= latestMs ? 'due' : 'upcoming';
}

/**
 * The case as of `atMs`: its state is the latest block's (`latestMs` its time), and the charges its
 * unpaid principal accrues are counted through the end of the China day of `atMs`.
 */
export function caseView(record: CaseRecordMsg, atMs: number, latestMs: number, events: CaseEventView[], eventsNext: number | undefined,
  payouts: CaseView['payouts']): CaseView {
  const t = record.terms;
  const owed = caseOwedAt(record, atMs);
  const schedule = t.instalments.map((instalment, index) => {
    const state = record.instalments[index]!;
    const dueAtMs = instalment.dueAtMs ?? 0;
    const principalFen = BigInt(instalment.amountFen ?? 0);
    const outstanding = BigInt(state.principalFen);
    return {
      index, dueAtMs, dueAt: iso(dueAtMs), legalAtMs: state.legalAtMs, legalAt: iso(state.legalAtMs),
      status: instalmentStatus(state, dueAtMs, latestMs), principal: amount(principalFen), paid: amount(principalFen - outstanding),
      outstanding: amount(outstanding), charges: amount(owed.instalments[index]?.chargeFen ?? 0n),
    };
  });
  return {
    caseNo: t.caseNo, status: statusOf(record.status), templateVersion: t.templateVersion,
    document: { algorithm: algorithmName(t.documentAlgorithm) ?? String(t.documentAlgorithm), digest: toHex(t.documentDigest) },
    creditors: t.creditors.map(partyView), debtor: partyView(t.debtor),
    payees: t.payees.map((p) => ({ party: partyView(p.party), weight: p.weight ?? 0 })),
    caseAccountRef: t.caseAccountRef, currency: t.currency, terms: termsView(record), schedule,
    money: {
      received: amount(record.receivedFen), creditors: amount(record.creditorFen), surplus: amount(record.surplusFen),
      paidOut: amount(record.paidOutFen), feeCharged: amount(record.feeChargedFen),
    },
    owed: {
      principal: amount(owed.principalFen), charges: amount(owed.chargeFen), fee: amount(owed.feeShortfallFen),
      total: amount(owed.debtFen + owed.feeShortfallFen),
    },
    asOf: { atMs, at: iso(atMs), day: formatDay(owed.day), latestBlockTimeMs: latestMs },
    created: { height: record.createdHeight, atMs: record.createdAtMs, at: iso(record.createdAtMs), by: toHex(record.creator) },
    defaultedAtMs: record.defaultedAtMs, accelerated: record.accelerated, filingId: toHex(record.filingId),
    suspensions: record.suspensions.map((s) => ({ fromMs: s.fromMs, untilMs: s.untilMs, reasonCode: s.reasonCode })),
    applicationPeriod: {
      endsAtMs: record.applicationPeriodEndsAtMs, endsAt: iso(record.applicationPeriodEndsAtMs),
      warning: atMs > record.applicationPeriodEndsAtMs ? APPLICATION_PERIOD_EXPIRED : '',
    },
    eventsCount: record.eventsCount, events, ...(eventsNext === undefined ? {} : { eventsNext }), payouts,
  };
}

export function caseSummary(record: CaseRecordMsg): CaseSummaryView {
  const t = record.terms;
  const outstanding = record.instalments.reduce((sum, i) => sum + BigInt(i.principalFen), 0n);
  return {
    caseNo: t.caseNo, status: statusOf(record.status), currency: t.currency, creditors: t.creditors.map(partyView),
    debtor: partyView(t.debtor), principalOutstanding: amount(outstanding), createdHeight: record.createdHeight,
    createdAtMs: record.createdAtMs, createdAt: iso(record.createdAtMs), filingId: toHex(record.filingId), eventsCount: record.eventsCount,
  };
}

function eventDetails(e: CaseEventMsg): CaseEventView['details'] {
  const Kind = pb.CaseEventKind;
  const paymentLike = e.kind === Kind.CASE_EVENT_KIND_PAYMENT_RECEIVED;
  return {
    ...(e.signer.length > 0 ? { signer: toHex(e.signer) } : {}),
    ...(e.reasonCode !== '' ? { reasonCode: e.reasonCode } : {}),
    ...(e.instalmentIndex >= 0 ? { instalmentIndex: e.instalmentIndex } : {}),
    ...(e.amountFen > 0 || e.bankRef !== '' ? { amount: amount(e.amountFen) } : {}),
    ...(e.bankRef !== '' ? { bankRef: e.bankRef } : {}),
    ...(e.filingId.length > 0 ? { filingId: toHex(e.filingId) } : {}),
    ...(paymentLike ? { fee: amount(e.feeFen), principal: amount(e.principalFen), charges: amount(e.chargesFen), surplus: amount(e.surplusFen) } : {}),
    ...(e.applicationPeriodEndsAtMs > 0 ? { applicationPeriodEndsAtMs: e.applicationPeriodEndsAtMs } : {}),
    ...(e.warning !== '' ? { warning: e.warning } : {}),
  };
}

/** One event as the feed shows it: where it sits (height, position, block time) and what it says. */
export function caseEventView(e: CaseEventMsg, location: EventLocation, blockTimeMs: number): CaseEventView {
  return {
    caseNo: e.caseNo, seq: e.seq, kind: pb.CaseEventKind[e.kind].replace('CASE_EVENT_KIND_', ''), status: statusOf(e.status),
    legalAtMs: e.legalAtMs, legalAt: iso(e.legalAtMs), height: location.height, eventIndex: location.index,
    blockTimeMs, blockTime: iso(blockTimeMs), txHash: toHex(e.txHash), details: eventDetails(e),
  };
}
