// TERMS.json: the terms of a judgment contract as a court writes them (docs/contracts.md, "The CLI
// and TERMS.json"), read into the CaseTerms a case_create tx carries. Everything is checked here,
// before anything is signed, and a mistake is a TianpingError with the code the chain would answer
// and the field it concerns (`detail.field`, also at the head of the message). Amounts are decimal
// yuan strings or integer fen and never pass through a float; due times are ISO 8601 with an offset,
// so no reader's time zone can shift a deadline.
import { pb } from '../codec/proto.js';
import {
  FEE_POLICIES, FEE_POLICY_CUMULATIVE_V1, INSTALMENTS_MAX, PAYEES_MAX, ContractError, checkCurrency, parseYuan,
} from '../state/contracts/index.js';
import { CASE_AMOUNT_MAX_FEN } from '../state/cases/record.js';
import { CASE_ACCOUNT_REF_RE, CREDITORS_MAX, GRACE_MS_MAX, TEMPLATE_VERSIONS, isCaseNo } from '../state/cases/terms.js';
import { HASH_BYTES, TianpingError, fromHex, type ErrorCode } from '../types/index.js';

/** The document's `format`: names this layout, so a later one can be told apart. */
export const CASE_TERMS_FORMAT = 'tianping-case-terms/1';
/** A party: a member's public key, or a salted commitment to an identity kept off chain. */
export type CasePartyWire = { memberKey: Uint8Array } | { identityCommitment: Uint8Array };
/** CaseTerms as the tx carries it (proto/tianping.proto). */
export type CaseTermsWire = ConstructorParameters<typeof pb.CaseTerms>[0] & object;

const EXEMPT_TYPES: Readonly<Record<string, number>> = { maintenance: 1, wages: 2, medical: 3, pension: 4 };
const PAYMENT_ORDERS: Readonly<Record<string, number>> = { principalFirst: 1, chargesFirst: 2 };
const DELAY_KINDS: Readonly<Record<string, number>> = { statutory: 1, penaltyFixed: 2, penaltyShareOfUnpaid: 3, penaltyDaily: 4 };
const ALGORITHMS: Readonly<Record<string, number>> = { sha256: 1, sm3: 2 };
const TOP_LEVEL = new Set([
  'format', 'templateVersion', 'caseNo', 'document', 'creditors', 'debtor', 'payees', 'caseAccountRef', 'currency', 'instalments',
  'grace', 'acceleration', 'delay', 'graceDelaysInterest', 'paymentOrder', 'exemptClaimTypes', 'autoFile', 'feePolicy',
]);
// 2026-03-28T23:59:59+08:00, seconds and milliseconds optional; Z or ±hh:mm required.
const ISO_TIME_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})$/;
// P3D, PT12H, P1DT30M, PT45S: days, hours, minutes and seconds only (months and years vary in length).
const DURATION_RE = /^P(?:(\d{1,3})D)?(?:T(?:(\d{1,4})H)?(?:(\d{1,6})M)?(?:(\d{1,8})S)?)?$/;
const INTEGER_RE = /^(0|[1-9][0-9]{0,15})$/;

/** A TERMS.json mistake: the code the chain would refuse it with, and the field, named in the message. */
function bad(field: string, message: string, code: ErrorCode = 'CASE_TERMS_INVALID'): never {
  throw new TianpingError(code, `TERMS.json ${field}: ${message}`, { field });
}

type Doc = Readonly<Record<string, unknown>>;

function object(value: unknown, field: string): Doc {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) bad(field, 'must be a JSON object');
  return value as Doc;
}

function array(value: unknown, field: string): readonly unknown[] {
  if (!Array.isArray(value)) bad(field, 'must be a JSON array');
  return value;
}

function string(doc: Doc, key: string, field: string): string {
  const value = doc[key];
  if (typeof value !== 'string' || value === '') bad(field, 'is required, as a non-empty string');
  return value;
}

function optionalBoolean(doc: Doc, key: string, field: string): boolean {
  const value = doc[key];
  if (value === undefined) return false;
  if (typeof value !== 'boolean') bad(field, 'must be true or false');
  return value;
}

function hash32(value: unknown, field: string): Uint8Array {
  const bytes = typeof value === 'string' ? fromHex(value) : undefined;
  if (bytes?.length !== HASH_BYTES) bad(field, `must be ${HASH_BYTES * 2} hex characters`);
  return bytes;
}

/** A non-negative integer given as a JSON number (a safe integer) or a string of digits. */
function integer(value: unknown, field: string, max: bigint): bigint {
  let n: bigint;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) bad(field, `must be a non-negative integer, got ${value}`);
    n = BigInt(value);
  } else if (typeof value === 'string' && INTEGER_RE.test(value)) n = BigInt(value);
  else bad(field, 'must be a non-negative integer (a number, or a string of digits)');
  if (n > max) bad(field, `must be at most ${max}`);
  return n;
}

/**
 * An amount: a yuan string ("10000.00", at most two decimals) under `key`, or integer fen under
 * `${key}Fen`, exactly one of them. Positive and at most 2^52 − 1 fen, the chain's bound.
 */
export function amountFen(doc: Doc, key: string, field: string): number {
  const yuan = doc[key];
  const fen = doc[`${key}Fen`];
  if ((yuan === undefined) === (fen === undefined)) bad(field, `give exactly one of "${key}" (yuan, "10000.00") and "${key}Fen" (integer fen)`);
  let value: bigint;
  if (yuan !== undefined) {
    if (typeof yuan !== 'string') bad(field, 'is a string of yuan such as "10000.00", never a JSON number (no floats for money)');
    try {
      value = parseYuan(yuan);
    } catch (error) {
      if (error instanceof ContractError) bad(field, error.message);
      throw error;
    }
  } else {
    // Beyond u64 is an overflow too: the bound check below names it.
    value = integer(fen, `${field}Fen`, 2n ** 64n);
  }
  if (value === 0n) bad(field, 'must be more than zero', 'CASE_AMOUNT_NOT_POSITIVE');
  if (value > CASE_AMOUNT_MAX_FEN) bad(field, `exceeds ${CASE_AMOUNT_MAX_FEN} fen, the most a case holds`, 'CASE_AMOUNT_OVERFLOW');
  return Number(value);
}

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** ISO 8601 with an explicit offset ("2026-03-28T23:59:59+08:00") → ms since the epoch. */
export function parseIsoTime(text: unknown, field: string): number {
  const match = typeof text === 'string' ? ISO_TIME_RE.exec(text) : null;
  if (match === null) bad(field, 'must be an ISO 8601 time with its offset, e.g. "2026-03-28T23:59:59+08:00"');
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? '0')) as [number, number, number, number, number, number];
  const millis = Number((match[7] ?? '').padEnd(3, '0'));
  if (year < 1970 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
    bad(field, `${String(text)} is not a valid time`);
  }
  const zone = match[8]!;
  const offsetMinutes = zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  if (Math.abs(offsetMinutes) > 18 * 60 || Number(zone.slice(4, 6) || '0') > 59) bad(field, `offset ${zone} is out of range`);
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
}

/** "P3D", "PT12H", "P1DT30M", "PT45S" → ms; at most GRACE_MS_MAX. */
export function parseGrace(text: unknown, field: string): number {
  const match = typeof text === 'string' && text !== 'P' && !text.endsWith('T') ? DURATION_RE.exec(text) : null;
  if (match === null) bad(field, 'must be an ISO 8601 duration of days, hours, minutes, seconds: "P3D", "PT12H", "PT30S", "P0D"');
  const [days, hours, minutes, seconds] = match.slice(1, 5).map((part) => Number(part ?? '0')) as [number, number, number, number];
  const ms = (((days * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000;
  if (ms > GRACE_MS_MAX) bad(field, `is more than ${GRACE_MS_MAX / 86_400_000} days`);
  return ms;
}

function party(value: unknown, field: string): CasePartyWire {
  const doc = object(value, field);
  const keys = Object.keys(doc);
  if (keys.length !== 1 || (keys[0] !== 'memberKey' && keys[0] !== 'identityCommitment')) {
    bad(field, 'is {"memberKey": hex} or {"identityCommitment": hex} (see identityCommitment(); never the identity itself)');
  }
  return keys[0] === 'memberKey'
    ? { memberKey: hash32(doc['memberKey'], `${field}.memberKey`) }
    : { identityCommitment: hash32(doc['identityCommitment'], `${field}.identityCommitment`) };
}

function instalments(value: unknown, currency: string): { amountFen: number; dueAtMs: number }[] {
  const list = array(value, 'instalments');
  if (list.length === 0) bad('instalments', 'at least one instalment is needed', 'CASE_SCHEDULE_EMPTY');
  if (list.length > INSTALMENTS_MAX) bad('instalments', `at most ${INSTALMENTS_MAX} instalments`, 'CASE_LIMIT_EXCEEDED');
  let total = 0n;
  let previousMs = 0;
  return list.map((item, i) => {
    const field = `instalments[${i}]`;
    const doc = object(item, field);
    for (const key of Object.keys(doc)) if (!['amount', 'amountFen', 'dueAt', 'currency'].includes(key)) bad(`${field}.${key}`, 'is not a field of an instalment');
    if (doc['currency'] !== undefined && doc['currency'] !== currency) {
      bad(`${field}.currency`, `is ${JSON.stringify(doc['currency'])}, the case's currency is ${currency}`, 'CASE_CURRENCY_MISMATCH');
    }
    const fen = amountFen(doc, 'amount', `${field}.amount`);
    total += BigInt(fen);
    if (total > CASE_AMOUNT_MAX_FEN) bad(`${field}.amount`, `takes the schedule beyond ${CASE_AMOUNT_MAX_FEN} fen`, 'CASE_AMOUNT_OVERFLOW');
    const dueAtMs = parseIsoTime(doc['dueAt'], `${field}.dueAt`);
    if (dueAtMs < previousMs) bad(`${field}.dueAt`, `falls due before instalment ${i - 1}`, 'CASE_SCHEDULE_OUT_OF_ORDER');
    previousMs = dueAtMs;
    return { amountFen: fen, dueAtMs };
  });
}

function delay(value: unknown): ConstructorParameters<typeof pb.CaseDelay>[0] & object {
  const doc = object(value ?? { kind: 'statutory' }, 'delay');
  const kindName = doc['kind'];
  const kind = typeof kindName === 'string' && Object.hasOwn(DELAY_KINDS, kindName) ? DELAY_KINDS[kindName]! : undefined;
  if (kind === undefined) bad('delay.kind', `must be one of ${Object.keys(DELAY_KINDS).join(', ')}`);
  if (kindName === 'statutory') {
    if (Object.keys(doc).length !== 1) bad('delay', 'statutory interest takes no other field (the chain\'s rate table applies)');
    return { kind };
  }
  if (kindName === 'penaltyFixed') return { kind, amountFen: amountFen(doc, 'amount', 'delay.amount') };
  const numerator = integer(doc['numerator'], 'delay.numerator', 2n ** 52n - 1n);
  const denominator = integer(doc['denominator'], 'delay.denominator', 2n ** 52n - 1n);
  if (denominator === 0n || numerator > denominator) bad('delay', 'a penalty rate numerator/denominator lies in [0, 1] with denominator > 0');
  return { kind, numerator: Number(numerator), denominator: Number(denominator) };
}

function enumValue(table: Readonly<Record<string, number>>, value: unknown, field: string): number {
  if (typeof value !== 'string' || !Object.hasOwn(table, value)) bad(field, `must be one of ${Object.keys(table).join(', ')}`);
  return table[value]!;
}

const PAYEE_FIELDS = new Set(['party', 'weight', 'accountCommitment']);

/**
 * Each payee's party, weight and, optionally, `accountCommitment`: the hex of accountCommitment()
 * over its bank account (docs/payouts.md §2); without it the payee's payouts wait under a
 * not-collecting hold.
 */
function payees(value: unknown): { party: CasePartyWire; weight: number; accountCommitment?: Uint8Array }[] {
  const list = array(value, 'payees');
  if (list.length === 0 || list.length > PAYEES_MAX) bad('payees', `1..${PAYEES_MAX} payees`, 'CASE_LIMIT_EXCEEDED');
  return list.map((item, i) => {
    const doc = object(item, `payees[${i}]`);
    for (const key of Object.keys(doc)) if (!PAYEE_FIELDS.has(key)) bad(`payees[${i}].${key}`, 'is not a field of a payee');
    const weight = integer(doc['weight'] ?? 1, `payees[${i}].weight`, 2n ** 32n);
    if (weight === 0n) bad(`payees[${i}].weight`, 'must be at least 1');
    const payee = { party: party(doc['party'], `payees[${i}].party`), weight: Number(weight) };
    return doc['accountCommitment'] === undefined ? payee
      : { ...payee, accountCommitment: hash32(doc['accountCommitment'], `payees[${i}].accountCommitment`) };
  });
}

/**
 * A TERMS.json document (already JSON.parse'd) → the CaseTerms of a case_create tx. Checks every
 * field the chain checks without its state (the document being anchored, the schedule lying after
 * the block time and the signer's role are the chain's to judge).
 */
export function caseTermsFromJson(value: unknown): CaseTermsWire {
  const doc = object(value, '(document)');
  for (const key of Object.keys(doc)) if (!TOP_LEVEL.has(key)) bad(key, 'is not a field of TERMS.json');
  if (doc['format'] !== undefined && doc['format'] !== CASE_TERMS_FORMAT) bad('format', `must be "${CASE_TERMS_FORMAT}"`);
  const templateVersion = doc['templateVersion'] ?? 1;
  if (!(TEMPLATE_VERSIONS as readonly unknown[]).includes(templateVersion)) {
    bad('templateVersion', `must be one of ${TEMPLATE_VERSIONS.join(', ')}`, 'CASE_TEMPLATE_UNKNOWN');
  }
  const caseNo = string(doc, 'caseNo', 'caseNo');
  if (!isCaseNo(caseNo)) bad('caseNo', 'is 1..96 UTF-8 bytes of letters, digits, CJK ideographs and ( ) （ ） 〔 〕 [ ] . _ - /');
  const document = object(doc['document'], 'document');
  const documentAlgorithm = enumValue(ALGORITHMS, document['algorithm'], 'document.algorithm');
  const documentDigest = hash32(document['digest'], 'document.digest');
  const creditors = array(doc['creditors'], 'creditors');
  if (creditors.length === 0 || creditors.length > CREDITORS_MAX) bad('creditors', `1..${CREDITORS_MAX} creditors`, 'CASE_LIMIT_EXCEEDED');
  const currency = string(doc, 'currency', 'currency');
  try {
    checkCurrency(currency);
  } catch (error) {
    if (error instanceof ContractError) bad('currency', error.message, 'CASE_CURRENCY_INVALID');
    throw error;
  }
  const caseAccountRef = string(doc, 'caseAccountRef', 'caseAccountRef');
  if (!CASE_ACCOUNT_REF_RE.test(caseAccountRef)) bad('caseAccountRef', 'is 1..64 characters of [0-9A-Za-z._:/-]');
  const exempt = array(doc['exemptClaimTypes'] ?? [], 'exemptClaimTypes').map((t, i) => enumValue(EXEMPT_TYPES, t, `exemptClaimTypes[${i}]`));
  if (new Set(exempt).size !== exempt.length) bad('exemptClaimTypes', 'names a type twice');
  const feePolicy = doc['feePolicy'] ?? FEE_POLICY_CUMULATIVE_V1.id;
  if (typeof feePolicy !== 'string' || !Object.hasOwn(FEE_POLICIES, feePolicy)) bad('feePolicy', `must be one of ${Object.keys(FEE_POLICIES).join(', ')}`);
  return {
    templateVersion: templateVersion as number,
    caseNo,
    documentAlgorithm,
    documentDigest,
    creditors: creditors.map((c, i) => party(c, `creditors[${i}]`)),
    debtor: party(doc['debtor'], 'debtor'),
    payees: payees(doc['payees']),
    caseAccountRef,
    currency,
    instalments: instalments(doc['instalments'], currency),
    graceMs: doc['grace'] === undefined ? 0 : parseGrace(doc['grace'], 'grace'),
    acceleration: optionalBoolean(doc, 'acceleration', 'acceleration'),
    delay: delay(doc['delay']),
    graceDelaysInterest: optionalBoolean(doc, 'graceDelaysInterest', 'graceDelaysInterest'),
    paymentOrder: doc['paymentOrder'] === undefined ? 1 : enumValue(PAYMENT_ORDERS, doc['paymentOrder'], 'paymentOrder'),
    exemptClaimTypes: exempt,
    autoFile: optionalBoolean(doc, 'autoFile', 'autoFile'),
    feePolicy,
  };
}
