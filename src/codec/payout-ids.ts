// The two hashes of payouts (docs/payouts.md §1, §2) that the chain, the SDK and the dispatcher
// must compute alike: the payout id (the bank's idempotency key) and the payee's account commitment.
// Pure hashing over exact bytes, so that any party recomputes them without the chain.
import { sha256 } from '../crypto/hash.js';
import { TianpingError, concatBytes, u32be, u64be, utf8, type Hash32 } from '../types/index.js';

export const PAYOUT_ID_DOMAIN = utf8('tianping/payout/v1');
export const ACCOUNT_DOMAIN = utf8('tianping/account/v1');
/** The salt hides the account from anyone who guesses bank and number: 128 bits at least. */
export const ACCOUNT_SALT_BYTES_MIN = 16;

/** A u8 length prefix: chain ids (≤ 64 bytes) and case numbers (≤ 96 bytes) always fit. */
function shortField(text: string, what: string): Uint8Array {
  const bytes = utf8(text);
  if (bytes.length > 255) throw new TianpingError('PAYOUT_FIELD_INVALID', `${what} exceeds 255 bytes`);
  return concatBytes(new Uint8Array([bytes.length]), bytes);
}

/**
 * SHA-256("tianping/payout/v1" || u8 len(chain_id) || chain_id || u8 len(case_no) || case_no ||
 * u64be payout_seq || u32be payee_index): the same on every node for the same order.
 */
export function payoutId(chainId: string, caseNo: string, payoutSeq: number, payeeIndex: number): Hash32 {
  if (!Number.isSafeInteger(payoutSeq) || payoutSeq < 0) throw new TianpingError('PAYOUT_FIELD_INVALID', 'payout_seq is a non-negative integer');
  if (!Number.isInteger(payeeIndex) || payeeIndex < 0 || payeeIndex >= 2 ** 32) {
    throw new TianpingError('PAYOUT_FIELD_INVALID', 'payee_index is a u32');
  }
  return sha256(concatBytes(PAYOUT_ID_DOMAIN, shortField(chainId, 'the chain id'), shortField(caseNo, 'the case number'),
    u64be(payoutSeq), u32be(payeeIndex)));
}

export interface BankAccount {
  readonly bank: string;
  readonly name: string;
  readonly number: string;
}

/** {"bank":…,"name":…,"number":…}: keys in this order, no spaces (JSON.stringify's escaping). */
export function canonicalAccountJson(account: BankAccount): string {
  for (const field of ['bank', 'name', 'number'] as const) {
    if (typeof account[field] !== 'string') throw new TianpingError('PAYOUT_FIELD_INVALID', `the account's ${field} is a string`);
  }
  return JSON.stringify({ bank: account.bank, name: account.name, number: account.number });
}

/** SHA-256("tianping/account/v1" || salt || canonical account JSON): what the terms hold for a payee. */
export function accountCommitment(salt: Uint8Array, account: BankAccount): Hash32 {
  if (salt.length < ACCOUNT_SALT_BYTES_MIN) {
    throw new TianpingError('PAYOUT_FIELD_INVALID', `the account salt is at least ${ACCOUNT_SALT_BYTES_MIN} bytes`);
  }
  return sha256(concatBytes(ACCOUNT_DOMAIN, salt, utf8(canonicalAccountJson(account))));
}
