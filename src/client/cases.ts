// Builds and signs the judgment-contract txs (docs/contracts.md §9 says who may sign which): a case
// created from its terms, a court action with its reason code, an oracle's payment report, and an
// execution filing. Also the salted identity commitment that names a party who holds no key, so
// that personal data never goes on chain. Browser-safe like tx.ts: no node:*.
import { pb } from '../codec/proto.js';
import { sha256 } from '../crypto/hash.js';
import type { KeyPair } from '../crypto/ed25519.js';
import { CASE_AMOUNT_MAX_FEN } from '../state/cases/record.js';
import { BANK_REF_RE } from '../state/cases/payments.js';
import { CASE_REASONS, type CaseActionName } from '../state/cases/reasons.js';
import { isCaseNo } from '../state/cases/terms.js';
import { checkCurrency, ContractError } from '../state/contracts/index.js';
import { TianpingError, utf8 } from '../types/index.js';
import { caseTermsFromJson, type CaseTermsWire } from './case-terms.js';
import { signTx, type BuiltTx, type TxCommon } from './tx.js';

/** The court actions, by the names of CaseActionKind (SUSPEND = 1). */
export const CASE_ACTIONS = ['SUSPEND', 'RESUME', 'SETTLE', 'TERMINATE', 'CLOSE', 'DEFAULT_SETTLEMENT'] as const satisfies readonly CaseActionName[];
/** A salt of at least 16 bytes: an identity (a name, an ID number) is guessable, the salt must not be. */
export const IDENTITY_SALT_BYTES_MIN = 16;

export interface CaseTxCommon extends TxCommon {
  /** The signer: a court key, a creditor's member key, an oracle or executor key (docs/contracts.md §9). */
  readonly keyPair: KeyPair;
}

export interface CreateCaseTxParams extends CaseTxCommon {
  /** CaseTerms as built by caseTermsFromJson, or a TERMS.json document (parsed JSON) to check and build. */
  readonly terms: CaseTermsWire | { readonly json: unknown };
}

export interface CaseActionTxParams extends CaseTxCommon {
  readonly caseNo: string;
  readonly kind: CaseActionName;
  /** From the action's published list (CASE_REASONS). */
  readonly reasonCode: string;
}

export interface PaymentReportTxParams extends CaseTxCommon {
  readonly caseNo: string;
  /** The bank's reference: 1..64 characters of [0-9A-Za-z._:/-], reported once per case. */
  readonly bankRef: string;
  /** Integer fen (bigint or safe integer); parse yuan text with parseYuan, never through a float. */
  readonly amountFen: bigint | number;
  readonly currency?: string;
  /** When the bank received (or paid) the money. */
  readonly receivedAtMs: number;
  /** Money paid out of the case account to a payee; default: money received into it. */
  readonly paid?: boolean;
}

export interface ExecutionFilingTxParams extends CaseTxCommon {
  readonly caseNo: string;
  /** The court or an executor files for a creditor who holds no key. */
  readonly onApplication?: boolean;
}

/**
 * SHA-256(salt ‖ UTF-8 of the identity, NFC-normalised): the `identityCommitment` of a party who
 * is no member. The court keeps the identity and the salt; with both anyone can show that the
 * commitment names that person, without either the chain can name no one.
 */
export function identityCommitment(identity: string, salt: Uint8Array): Uint8Array {
  if (identity.trim() === '') throw new TianpingError('CASE_TERMS_INVALID', 'the identity is empty', { field: 'identity' });
  if (salt.length < IDENTITY_SALT_BYTES_MIN) {
    throw new TianpingError('CASE_TERMS_INVALID', `the salt must be at least ${IDENTITY_SALT_BYTES_MIN} bytes`, { field: 'salt' });
  }
  const text = utf8(identity.normalize('NFC'));
  const input = new Uint8Array(salt.length + text.length);
  input.set(salt, 0);
  input.set(text, salt.length);
  return sha256(input);
}

export function createCaseTx(params: CreateCaseTxParams): BuiltTx {
  const terms = 'json' in params.terms ? caseTermsFromJson(params.terms.json) : params.terms;
  return signTx(params, { caseCreate: { terms } });
}

export function caseActionTx(params: CaseActionTxParams): BuiltTx {
  checkCaseNo(params.caseNo);
  const index = CASE_ACTIONS.indexOf(params.kind);
  if (index < 0) throw new TianpingError('CASE_TRANSITION_INVALID', `action must be one of ${CASE_ACTIONS.join(', ')}, got "${String(params.kind)}"`);
  if (!Object.hasOwn(CASE_REASONS[params.kind], params.reasonCode)) {
    throw new TianpingError('CASE_REASON_UNKNOWN', `${params.kind} reasons are ${Object.keys(CASE_REASONS[params.kind]).join(', ')}; got "${params.reasonCode}"`);
  }
  return signTx(params, { caseAction: { caseNo: params.caseNo, kind: index + 1, reasonCode: params.reasonCode } });
}

export function reportPaymentTx(params: PaymentReportTxParams): BuiltTx {
  checkCaseNo(params.caseNo);
  if (!BANK_REF_RE.test(params.bankRef)) throw new TianpingError('CASE_TERMS_INVALID', `the bank reference must match ${BANK_REF_RE}`, { field: 'bankRef' });
  if (typeof params.amountFen === 'number' && !Number.isSafeInteger(params.amountFen)) {
    throw new TianpingError('CASE_AMOUNT_OVERFLOW', `amount ${params.amountFen} is not an integer number of fen`);
  }
  const fen = BigInt(params.amountFen);
  if (fen <= 0n) throw new TianpingError('CASE_AMOUNT_NOT_POSITIVE', 'the amount must be more than zero');
  if (fen > CASE_AMOUNT_MAX_FEN) throw new TianpingError('CASE_AMOUNT_OVERFLOW', `the amount exceeds ${CASE_AMOUNT_MAX_FEN} fen`);
  const currency = params.currency ?? 'CNY';
  try {
    checkCurrency(currency);
  } catch (error) {
    if (error instanceof ContractError) throw new TianpingError('CASE_CURRENCY_INVALID', error.message);
    throw error;
  }
  if (!Number.isSafeInteger(params.receivedAtMs) || params.receivedAtMs <= 0) {
    throw new TianpingError('CASE_TERMS_INVALID', `receivedAtMs must be a positive integer of ms, got ${params.receivedAtMs}`, { field: 'receivedAt' });
  }
  const direction = params.paid === true ? pb.PaymentDirection.PAYMENT_DIRECTION_PAID : pb.PaymentDirection.PAYMENT_DIRECTION_RECEIVED;
  return signTx(params, {
    paymentReport: { caseNo: params.caseNo, bankRef: params.bankRef, amountFen: Number(fen), currency, receivedAtMs: params.receivedAtMs, direction },
  });
}

export function fileExecutionTx(params: ExecutionFilingTxParams): BuiltTx {
  checkCaseNo(params.caseNo);
  return signTx(params, { executionFiling: { caseNo: params.caseNo, onApplication: params.onApplication === true } });
}

function checkCaseNo(caseNo: string): void {
  if (!isCaseNo(caseNo)) throw new TianpingError('CASE_TERMS_INVALID', `"${caseNo}" is not a case number`, { field: 'caseNo' });
}
