// The case reads over the ledger: one case as of a time, a page of cases (all, or a party's), a
// page of a case's events, and the place of one event for its receipt. Events are found through
// the state machine's case/ev/ index (height and position of each), the cases of a party through
// case/party/; every page is bounded, and so is the number of entries one request examines.
import type { CaseEventView, CaseEventsView, CaseListQuery, CaseListView, CaseView } from '../api/components.js';
import { LedgerError, type Ledger } from '../ledger/index.js';
import {
  CASE_RECORD_PREFIX, caseEventKey, caseEventPrefix, caseNoOfKey, casePartyPrefix, decodeEvent, decodeEventLocation, isCaseNo, readCase,
  statusName, type CaseRecordMsg, type EventLocation,
} from '../state/cases/index.js';
import { chinaDayOf } from '../state/contracts/index.js';
import { TianpingError, toHex, utf8 } from '../types/index.js';
import { storedBlockEvents } from './block-events.js';
import { caseEventView, caseSummary, caseView, partyMemberKeys } from './case-view.js';
import { readCasePayouts } from './payouts.js';

/** Events shown inside a case's own view; the feed pages through the rest. */
export const CASE_VIEW_EVENTS_MAX = 100;
/** Index entries one list request examines at most, matched or not: a filter cannot make a request unbounded. */
export const CASES_SCAN_MAX = 1_000;

async function caseOf(ledger: Ledger, caseNo: string): Promise<CaseRecordMsg> {
  const record = isCaseNo(caseNo) ? await readCase(ledger.state, caseNo) : undefined;
  if (record === undefined) throw new TianpingError('CASE_UNKNOWN', `no case ${JSON.stringify(caseNo)}`);
  return record;
}

/** The member keys among the case's parties, or undefined when there is no such case. */
export async function casePartyKeys(ledger: Ledger, caseNo: string): Promise<string[] | undefined> {
  const record = isCaseNo(caseNo) ? await readCase(ledger.state, caseNo) : undefined;
  return record === undefined ? undefined : partyMemberKeys(record);
}

/** Events of a case after seq `after` (all from 0 when undefined), at most `limit`, with their place and block time. */
async function eventsOf(ledger: Ledger, record: CaseRecordMsg, after: number | undefined, limit: number):
  Promise<{ events: CaseEventView[]; next: number | undefined }> {
  const caseNo = record.terms.caseNo;
  const blockTimes = new Map<number, number>();
  const blocks = new Map<number, Uint8Array[]>();
  const events: CaseEventView[] = [];
  const from = after === undefined ? undefined : caseEventKey(caseNo, after);
  for (const [, value] of await ledger.state.scan(caseEventPrefix(caseNo), { after: from, limit })) {
    const location = decodeEventLocation(value);
    const bytes = (await eventsOfBlock(ledger, location.height, blocks))[location.index];
    if (bytes === undefined) throw new LedgerError('LEDGER_CORRUPT', `ledger corrupt: case event at ${location.height}/${location.index} is not in state`);
    let timeMs = blockTimes.get(location.height);
    if (timeMs === undefined) {
      const header = await ledger.header(location.height);
      if (header === undefined) throw new LedgerError('LEDGER_CORRUPT', `ledger corrupt: a case event is at height ${location.height}, beyond the tip`);
      timeMs = header.header.timeMs;
      blockTimes.set(location.height, timeMs);
    }
    events.push(caseEventView(decodeEvent(bytes), location, timeMs));
  }
  const last = events.at(-1)?.seq ?? after;
  const next = events.length === limit && last !== undefined && last + 1 < record.eventsCount ? last : undefined;
  return { events, next };
}

/** The events of the block at `height`, read and split once per request (`blocks`). */
async function eventsOfBlock(ledger: Ledger, height: number, blocks: Map<number, Uint8Array[]>): Promise<Uint8Array[]> {
  let events = blocks.get(height);
  if (events === undefined) {
    events = await storedBlockEvents(ledger, height);
    blocks.set(height, events);
  }
  return events;
}

/**
 * The case as of `atMs` (default: the latest block time). The chain keeps balances, not their
 * history: a time whose China day lies before the latest block's would show today's balances
 * against an earlier day, so it is refused (CASE_TIME_INVALID).
 */
export async function readCaseView(ledger: Ledger, caseNo: string, atMs: number | undefined): Promise<CaseView> {
  const record = await caseOf(ledger, caseNo);
  const latestMs = ledger.tip.timeMs;
  const at = atMs ?? latestMs;
  if (chinaDayOf(at) < chinaDayOf(latestMs)) {
    throw new TianpingError('CASE_TIME_INVALID', `?at=${at} lies on a day before the latest block (${new Date(latestMs).toISOString()}): `
      + 'the chain keeps a case\'s balances, not their history; its events say what happened before');
  }
  const { events, next } = await eventsOf(ledger, record, undefined, CASE_VIEW_EVENTS_MAX);
  return caseView(record, at, latestMs, events, next, await readCasePayouts(ledger, caseNo));
}

export async function readCaseEvents(ledger: Ledger, caseNo: string, page: { after?: number | undefined; limit: number }): Promise<CaseEventsView> {
  const record = await caseOf(ledger, caseNo);
  const { events, next } = await eventsOf(ledger, record, page.after, page.limit);
  return { caseNo: record.terms.caseNo, eventsCount: record.eventsCount, events, ...(next === undefined ? {} : { next }) };
}

/**
 * A page of cases in case-number (byte) order: all of them, or a party's (case/party/ index);
 * `status` filters what the scan finds. At most CASES_SCAN_MAX entries are examined: `next` is
 * set whenever the scan stopped before the end, so a page may hold fewer cases than `limit`.
 */
export async function readCases(ledger: Ledger, query: CaseListQuery): Promise<CaseListView> {
  const prefix = query.party === undefined ? CASE_RECORD_PREFIX : casePartyPrefix(query.party);
  const after = query.after === undefined ? undefined : prefix + toHex(utf8(query.after));
  const cases: CaseListView['cases'][number][] = [];
  let examined = 0;
  let lastKey: string | undefined;
  for (const [key] of await ledger.state.scan(prefix, { after, limit: CASES_SCAN_MAX })) {
    examined++;
    lastKey = key;
    const record = await readCase(ledger.state, caseNoOfKey(key));
    if (record === undefined) throw new LedgerError('LEDGER_CORRUPT', `ledger corrupt: ${key} names a case with no record`);
    if (query.status !== undefined && statusName(record.status) !== query.status) continue;
    cases.push(caseSummary(record));
    if (cases.length === query.limit) break;
  }
  const stoppedEarly = lastKey !== undefined && (cases.length === query.limit || examined === CASES_SCAN_MAX);
  return { cases, ...(stoppedEarly ? { next: caseNoOfKey(lastKey!) } : {}) };
}

/** Where event `seq` of a case sits; CASE_UNKNOWN, or CASE_EVENT_UNKNOWN beyond its events. */
export async function caseEventLocation(ledger: Ledger, caseNo: string, seq: number): Promise<EventLocation> {
  const record = await caseOf(ledger, caseNo);
  const bytes = seq < record.eventsCount ? await ledger.state.get(caseEventKey(caseNo, seq)) : undefined;
  if (bytes === undefined) throw new TianpingError('CASE_EVENT_UNKNOWN', `case ${caseNo} has ${record.eventsCount} event(s); there is no event ${seq}`);
  return decodeEventLocation(bytes);
}
