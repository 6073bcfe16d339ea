// The case txs: who may sign each, what it checks, and what it writes. A check computes the whole
// outcome (the writes and the event drafts) against the state it is given: the mempool's committed
// state at admission, the block's overlay in execution, where applyCasePlan then writes it.
import type { tianping } from '../../codec/gen/tianping.js';
import { pb } from '../../codec/proto.js';
import { SUSPENSIONS_MAX } from '../contracts/index.js';
import type { DecodedTx } from '../../codec/tx.js';
import { equalBytes } from '../../types/index.js';
import { BLOCK_EVENTS_MAX } from '../keys.js';
import type { MemberRecord } from '../members.js';
import type { Role } from '../genesis.js';
import type { OrderedState, Overlay, StateView } from '../view.js';
import { refuse } from './errors.js';
import { EventKind, encodeEvent, nextEvent, type BlockEvent, type EventDraft } from './events.js';
import { caseDueKey, caseFilingKey, casePartyKey } from './keys.js';
import { ACTION_FROM, fileExecution, liftSuspension, takeUpOverdue } from './lifecycle.js';
import { checkPayment } from './payments.js';
import { readCase } from './read-case.js';
import { isReasonOf, type CaseActionName } from './reasons.js';
import { Status, caseRecordWrite, caseTermsWrite, clockTermsOf, copyCase, type CaseRecordMsg, type CaseTermsMsg } from './record.js';
import { isCaseNo, openCase } from './terms.js';

export interface CasePlan {
  readonly writes: readonly [string, Uint8Array][];
  readonly events: readonly EventDraft[];
}

export interface CaseCheckContext {
  readonly chainId: string;
  readonly timeMs: number;
  readonly height?: number | undefined;
}

const CASE_ACTIONS = new Set(['caseCreate', 'caseAction', 'paymentReport', 'executionFiling']);
export const isCaseTx = (tx: DecodedTx): boolean => CASE_ACTIONS.has(tx.body.action ?? '');

const ACTION_NAMES: Readonly<Record<number, CaseActionName>> = {
  1: 'SUSPEND', 2: 'RESUME', 3: 'SETTLE', 4: 'TERMINATE', 5: 'CLOSE', 6: 'DEFAULT_SETTLEMENT',
};

const EVENT_OF: Readonly<Record<CaseActionName, tianping.v1.CaseEventKind>> = {
  SUSPEND: EventKind.CASE_EVENT_KIND_SUSPENDED, RESUME: EventKind.CASE_EVENT_KIND_RESUMED, SETTLE: EventKind.CASE_EVENT_KIND_SETTLED,
  TERMINATE: EventKind.CASE_EVENT_KIND_TERMINATED, CLOSE: EventKind.CASE_EVENT_KIND_CLOSED,
  DEFAULT_SETTLEMENT: EventKind.CASE_EVENT_KIND_SETTLEMENT_DEFAULTED,
};

export const hasRole = (member: MemberRecord | undefined, roles: readonly Role[]): boolean =>
  member !== undefined && member.status === 'active' && roles.includes(member.role);

export function requireRole(member: MemberRecord | undefined, roles: readonly Role[], what: string): void {
  if (!hasRole(member, roles)) refuse('CASE_SIGNER_NOT_ALLOWED', `only active ${roles.join(' or ')} keys ${what}`);
}

/** The signer is an active member listed as one of the case's creditors by key. */
export function isCreditor(record: CaseRecordMsg, signer: Uint8Array, member: MemberRecord | undefined): boolean {
  return member?.status === 'active' && record.terms.creditors.some((c) => c.memberKey != null && equalBytes(c.memberKey, signer));
}

async function caseOf(view: StateView, caseNo: string): Promise<CaseRecordMsg> {
  const record = isCaseNo(caseNo) ? await readCase(view, caseNo) : undefined;
  if (record === undefined) refuse('CASE_UNKNOWN', `no case ${JSON.stringify(caseNo)}`);
  return copyCase(record);
}

async function planCreate(tx: DecodedTx, view: OrderedState, ctx: CaseCheckContext, member: MemberRecord | undefined): Promise<CasePlan> {
  requireRole(member, ['court'], 'create cases');
  const terms = (tx.body.caseCreate as tianping.v1.CaseCreate | null | undefined)?.terms as CaseTermsMsg | null | undefined;
  if (terms == null) refuse('CASE_TERMS_INVALID', 'a case is created with its terms');
  if (isCaseNo(terms.caseNo) && (await readCase(view, terms.caseNo)) !== undefined) refuse('CASE_EXISTS', `case ${terms.caseNo} exists`);
  const record = await openCase(terms, view, ctx.timeMs);
  record.createdHeight = ctx.height ?? 0;
  record.createdAtMs = ctx.timeMs;
  record.creator = tx.body.signer;
  record.clockTerms = clockTermsOf(terms);
  const created = nextEvent(record, EventKind.CASE_EVENT_KIND_CREATED, ctx.timeMs, {
    signer: tx.body.signer, applicationPeriodEndsAtMs: record.applicationPeriodEndsAtMs,
  });
  const queue = record.instalments.map((i, index): [string, Uint8Array] => [caseDueKey(i.legalAtMs, terms.caseNo, index), new Uint8Array()]);
  return { writes: [caseRecordWrite(record), caseTermsWrite(terms), ...queue, ...partyWrites(terms)], events: [created] };
}

/** One case/party/ entry per distinct party id (creditors, debtor, payees), for the list of a party's cases. */
function partyWrites(terms: CaseTermsMsg): [string, Uint8Array][] {
  const parties = [...terms.creditors, terms.debtor, ...terms.payees.map((p) => p.party)];
  const keys = new Set(parties.map((p) => casePartyKey((p?.memberKey ?? p?.identityCommitment)!, terms.caseNo)));
  return [...keys].map((key) => [key, new Uint8Array()]);
}

/** The action on `record` at `timeMs`; the record is changed in place, the extra writes returned. */
function act(name: CaseActionName, record: CaseRecordMsg, reasonCode: string, timeMs: number): [string, Uint8Array][] {
  const from = record.status;
  switch (name) {
    case 'SUSPEND':
      if (record.suspensions.length >= SUSPENSIONS_MAX) refuse('CASE_LIMIT_EXCEEDED', `a case holds ${SUSPENSIONS_MAX} suspensions at most`);
      record.suspensions.push(pb.CaseSuspensionState.create({ fromMs: timeMs, untilMs: 0, reasonCode }));
      record.resumeStatus = from;
      record.status = Status.CASE_STATUS_SUSPENDED;
      return [];
    case 'RESUME':
    case 'DEFAULT_SETTLEMENT':
      liftSuspension(record, timeMs);
      record.status = record.resumeStatus;
      return takeUpOverdue(record, timeMs);
    case 'SETTLE':
      liftSuspension(record, timeMs);
      record.resumeStatus = from === Status.CASE_STATUS_SUSPENDED ? record.resumeStatus : from;
      record.status = Status.CASE_STATUS_SETTLED;
      return [];
    case 'TERMINATE':
      liftSuspension(record, timeMs);
      record.status = Status.CASE_STATUS_TERMINATED;
      return [];
    case 'CLOSE':
      record.status = Status.CASE_STATUS_CLOSED;
      return [];
  }
}

async function planAction(tx: DecodedTx, view: StateView, ctx: CaseCheckContext, member: MemberRecord | undefined): Promise<CasePlan> {
  const action = tx.body.caseAction as tianping.v1.CaseAction;
  const name = ACTION_NAMES[action.kind];
  if (name === undefined) refuse('CASE_TRANSITION_INVALID', `case action kind ${action.kind} is not one the chain knows`);
  // The creditor resumes the original document when a settlement is not performed; the court does the rest.
  if (name !== 'DEFAULT_SETTLEMENT') requireRole(member, ['court'], `${name.toLowerCase().replace('_', ' ')} cases`);
  const record = await caseOf(view, action.caseNo);
  if (name === 'DEFAULT_SETTLEMENT' && !hasRole(member, ['court']) && !isCreditor(record, tx.body.signer, member)) {
    refuse('CASE_SIGNER_NOT_ALLOWED', 'only court keys and the creditors\' keys resume a case whose settlement was not performed');
  }
  if (!isReasonOf(name, action.reasonCode)) refuse('CASE_REASON_UNKNOWN', `${JSON.stringify(action.reasonCode)} is not a ${name} reason`);
  if (!ACTION_FROM[name].includes(record.status)) {
    refuse('CASE_TRANSITION_INVALID', `${name} does not apply to a case in state ${pb.CaseStatus[record.status]}`);
  }
  const queued = act(name, record, action.reasonCode, ctx.timeMs);
  const event = nextEvent(record, EVENT_OF[name], ctx.timeMs, { signer: tx.body.signer, reasonCode: action.reasonCode });
  return { writes: [caseRecordWrite(record), ...queued], events: [event] };
}

async function planFiling(tx: DecodedTx, view: StateView, ctx: CaseCheckContext, member: MemberRecord | undefined): Promise<CasePlan> {
  const filing = tx.body.executionFiling as tianping.v1.ExecutionFiling;
  // The court files on the application of a creditor who holds no key; the execution bureau's keys may too.
  if (filing.onApplication) requireRole(member, ['court', 'executor'], 'file on a creditor\'s application');
  const record = await caseOf(view, filing.caseNo);
  if (!filing.onApplication && !isCreditor(record, tx.body.signer, member)) {
    refuse('CASE_SIGNER_NOT_ALLOWED', 'a filing not on application is signed by a creditor\'s member key');
  }
  if (!ACTION_FROM.FILE.includes(record.status)) {
    refuse('CASE_TRANSITION_INVALID', `execution is filed for a DEFAULTED case, not one in state ${pb.CaseStatus[record.status]}`);
  }
  const event = fileExecution(record, ctx.chainId, ctx.timeMs, { signer: tx.body.signer });
  return { writes: [caseRecordWrite(record), [caseFilingKey(record.filingId), new TextEncoder().encode(record.terms.caseNo)]], events: [event] };
}

/** The outcome of a case tx, or its refusal (a TianpingError with a stable code). */
export function checkCaseTx(tx: DecodedTx, view: OrderedState, ctx: CaseCheckContext, member: MemberRecord | undefined): Promise<CasePlan> {
  switch (tx.body.action) {
    case 'caseCreate': return planCreate(tx, view, ctx, member);
    case 'caseAction': return planAction(tx, view, ctx, member);
    case 'executionFiling': return planFiling(tx, view, ctx, member);
    default: return checkPayment(tx, view, ctx, member);
  }
}

/** Writes a checked plan; returns its events, stamped with the block's height and the tx hash. */
export function applyCasePlan(overlay: Overlay, plan: CasePlan, height: number, tx: DecodedTx): BlockEvent[] {
  for (const [key, value] of plan.writes) overlay.set(key, value);
  return plan.events.map((draft) => encodeEvent(draft, height, tx.hash));
}

/**
 * A block numbers its events in 16 bits (BLOCK_EVENTS_MAX); its clock may make three per entry
 * (default, acceleration, filing). A case or payout tx whose events would eat into the clock's share
 * waits for the next block. Most txs make one or two events; money received makes two more per payee
 * (its payout orders), and a hold on a whole case one per unsettled order.
 */
export function checkEventRoom(eventsSoFar: number, plan: CasePlan, params: { readonly caseEventsPerBlockMax: number }): void {
  if (eventsSoFar + plan.events.length > BLOCK_EVENTS_MAX - 3 * params.caseEventsPerBlockMax) {
    refuse('CASE_BLOCK_FULL', 'this block holds as many case events as it may; the tx waits for the next block');
  }
}
