// Template version 1 of a judgment contract's terms, checked field by field, and the record a new
// case starts with. The arithmetic checks what it owns (amounts, currency, order of the schedule,
// penalty, fee policy, shares); this file checks the rest: bounds, parties, the document anchored,
// and a schedule that does not begin in the past.
import type { tianping } from '../../codec/gen/tianping.js';
import { pb } from '../../codec/proto.js';
import { HASH_BYTES } from '../../types/index.js';
import {
  PAYEES_MAX, checkDelayTerms, feePolicy, openingBalances, splitByShares, type ScheduledInstalment,
} from '../contracts/index.js';
import { batchItemPrefix } from '../batch.js';
import { evidenceCountKey } from '../keys.js';
import type { OrderedState } from '../view.js';
import { arithmetic, refuse } from './errors.js';
import {
  CASE_AMOUNT_MAX_FEN, Status, applicationPeriodEndMs, delayTermsOf, fenOf, setBalances, wireFen, type CaseRecordMsg, type CaseTermsMsg,
} from './record.js';

export const TEMPLATE_VERSIONS = [1] as const;
/**
 * A case number: 1..96 UTF-8 bytes of ASCII letters and digits, CJK ideographs (U+4E00–U+9FFF)
 * and the brackets and marks court case numbers use: ( ) （ ） 〔 〕 [ ] . _ - /. Example: (2026)京0491民初1234号.
 */
export const CASE_NO_RE = /^[0-9A-Za-z\u4e00-\u9fff()（）〔〕[\]._\-/]+$/u;
export const CASE_NO_BYTES_MAX = 96;
export const CREDITORS_MAX = 16;
export const CASE_ACCOUNT_REF_RE = /^[0-9A-Za-z._:/-]{1,64}$/;
/** A grace period of a year at most. */
export const GRACE_MS_MAX = 366 * 24 * 60 * 60 * 1000;
const EXEMPT_TYPES = new Set<number>([1, 2, 3, 4]);

const byteLength = (text: string): number => new TextEncoder().encode(text).length;

export function isCaseNo(text: string): boolean {
  return text.length > 0 && byteLength(text) <= CASE_NO_BYTES_MAX && CASE_NO_RE.test(text);
}

function checkParty(party: tianping.v1.CaseParty.$Properties | null | undefined, what: string): void {
  const id = party?.memberKey ?? party?.identityCommitment;
  if (party === null || party === undefined || id === undefined || id === null || id.length !== HASH_BYTES) {
    refuse('CASE_TERMS_INVALID', `${what} is a member key or an identity commitment of ${HASH_BYTES} bytes`);
  }
}

function checkParties(terms: CaseTermsMsg): void {
  if (terms.creditors.length === 0 || terms.creditors.length > CREDITORS_MAX) {
    refuse('CASE_LIMIT_EXCEEDED', `a case has 1..${CREDITORS_MAX} creditors`);
  }
  terms.creditors.forEach((c, i) => checkParty(c, `creditor ${i}`));
  checkParty(terms.debtor, 'the debtor');
  if (terms.payees.length === 0 || terms.payees.length > PAYEES_MAX) refuse('CASE_LIMIT_EXCEEDED', `a case has 1..${PAYEES_MAX} payees`);
  terms.payees.forEach((p, i) => {
    checkParty(p.party, `payee ${i}`);
    // Optional (docs/payouts.md §2): without it the payee's payouts are held as not-collecting.
    const commitment = p.accountCommitment ?? new Uint8Array();
    if (commitment.length !== 0 && commitment.length !== HASH_BYTES) {
      refuse('CASE_TERMS_INVALID', `payee ${i}: the account commitment is ${HASH_BYTES} bytes when given`);
    }
  });
  // The shares' own check (weights in [1, 2^32]), run once on a fen.
  arithmetic(() => splitByShares(1n, terms.payees.map((p) => fenOf(p.weight))));
}

function checkOptions(terms: CaseTermsMsg): void {
  if (!CASE_ACCOUNT_REF_RE.test(terms.caseAccountRef)) refuse('CASE_TERMS_INVALID', `the case account reference must match ${CASE_ACCOUNT_REF_RE}`);
  if (!Number.isSafeInteger(terms.graceMs) || terms.graceMs > GRACE_MS_MAX) refuse('CASE_TERMS_INVALID', `grace is 0..${GRACE_MS_MAX} ms`);
  if (terms.paymentOrder > pb.CasePaymentOrder.CASE_PAYMENT_ORDER_CHARGES_FIRST) refuse('CASE_TERMS_INVALID', 'unknown payment order');
  const exempt = terms.exemptClaimTypes as number[];
  if (exempt.some((t) => !EXEMPT_TYPES.has(t)) || new Set(exempt).size !== exempt.length) {
    refuse('CASE_TERMS_INVALID', 'exempt claim types are maintenance, wages, medical or pension, each once');
  }
  const delay = arithmetic(() => checkDelayTerms(delayTermsOf(terms)));
  if (delay.kind === 'penalty' && delay.clause.kind === 'fixed' && delay.clause.amountFen > CASE_AMOUNT_MAX_FEN) {
    refuse('CASE_AMOUNT_OVERFLOW', `the fixed penalty exceeds ${CASE_AMOUNT_MAX_FEN} fen`);
  }
  arithmetic(() => feePolicy(terms.feePolicy));
}

function schedule(terms: CaseTermsMsg): ScheduledInstalment[] {
  let total = 0n;
  return terms.instalments.map((instalment, i) => {
    const amountFen = instalment.amountFen ?? 0;
    const fen = fenOf(amountFen);
    total += fen;
    if (!Number.isSafeInteger(amountFen) || fen > CASE_AMOUNT_MAX_FEN || total > CASE_AMOUNT_MAX_FEN) {
      refuse('CASE_AMOUNT_OVERFLOW', `instalment ${i} takes the case beyond ${CASE_AMOUNT_MAX_FEN} fen`, { index: i });
    }
    return { amount: { fen, currency: terms.currency }, dueTimeMs: instalment.dueAtMs ?? 0 };
  });
}

/**
 * Anchored on its own (an evidence record) or as an item of an indexed batch (its item key): courts
 * and platforms anchor documents both ways. A root-only batch keeps only its root on chain, so its
 * items cannot be named here.
 */
async function isAnchored(view: OrderedState, algorithm: number, digest: Uint8Array): Promise<boolean> {
  if ((await view.get(evidenceCountKey(algorithm, digest))) !== undefined) return true;
  return (await view.scan(batchItemPrefix(algorithm, digest), { limit: 1 })).length > 0;
}

/** The terms of a new case, checked against the state and the block time; the record it starts with. */
export async function openCase(terms: CaseTermsMsg, view: OrderedState, timeMs: number): Promise<CaseRecordMsg> {
  if (!(TEMPLATE_VERSIONS as readonly number[]).includes(terms.templateVersion)) {
    refuse('CASE_TEMPLATE_UNKNOWN', `template version ${terms.templateVersion} is not one of ${TEMPLATE_VERSIONS.join(', ')}`);
  }
  if (!isCaseNo(terms.caseNo)) refuse('CASE_TERMS_INVALID', `the case number must be 1..${CASE_NO_BYTES_MAX} bytes matching ${CASE_NO_RE}`);
  if (terms.documentAlgorithm !== 1 && terms.documentAlgorithm !== 2) refuse('CASE_TERMS_INVALID', 'the document algorithm is sha256 (1) or sm3 (2)');
  if (terms.documentDigest.length !== HASH_BYTES) refuse('CASE_TERMS_INVALID', `the document digest is ${HASH_BYTES} bytes`);
  checkParties(terms);
  checkOptions(terms);
  const scheduled = schedule(terms);
  const balances = arithmetic(() => openingBalances(scheduled, {
    currency: terms.currency, graceMs: terms.graceMs, graceDelaysInterest: terms.graceDelaysInterest,
  }));
  const legalTimes = scheduled.map((s) => s.dueTimeMs + terms.graceMs);
  if (legalTimes[legalTimes.length - 1]! > 2 ** 48 - 1) refuse('CASE_TERMS_INVALID', 'a due time plus grace lies beyond the year 10889');
  if (legalTimes[0]! <= timeMs) {
    refuse('CASE_SCHEDULE_IN_PAST', `instalment 0 would default at ${legalTimes[0]}, not after the block time ${timeMs}`);
  }
  if (!(await isAnchored(view, terms.documentAlgorithm, terms.documentDigest))) {
    refuse('CASE_DOCUMENT_NOT_ANCHORED', 'no anchor of the document digest on this chain');
  }
  const record = pb.CaseRecord.create({
    terms, status: Status.CASE_STATUS_ACTIVE,
    instalments: legalTimes.map((legalAtMs) => ({ legalAtMs })),
    applicationPeriodEndsAtMs: applicationPeriodEndMs(scheduled[scheduled.length - 1]!.dueTimeMs),
  }) as unknown as CaseRecordMsg;
  setBalances(record, balances, wireFen);
  return record;
}
