// Where the offline verification of a receipt (of either kind) starts: the trust anchor a court
// holds (a genesis, or a header it already trusts with that header's validator set), checked and
// turned into the validator set the set-change walk starts from (receipt-commit.ts). An unusable
// anchor throws TrustAnchorError: nothing about a receipt can be decided from it. Browser-safe: no
// node:* imports.
import { validatorSetHash } from '../codec/block.js';
import { pb, type HeaderMsg } from '../codec/proto.js';
import { CHAIN_ID_BYTES_MAX } from '../codec/sign-bytes.js';
import { compareBytes, equalBytes, fromHex, toHex, utf8 } from '../types/index.js';
import { decodeExact } from './exact-proto.js';
import type { ReceiptValidator } from './receipt.js';

export interface TrustedValidator {
  /** 32-byte ed25519 public key, as bytes or hex. */
  readonly publicKey: string | Uint8Array;
  readonly power: number;
  /** Shown next to the key when this validator signs; genesis files carry names. */
  readonly name?: string;
}

/**
 * Where trust starts. A parsed genesis (src/state/genesis.ts) fits as is: the chain id and the
 * first validators. Or a header the verifier already trusts (exact bytes), with the validator set
 * that header names in validators_hash; receipts are then checked from that height on.
 */
export interface TrustAnchor {
  readonly chainId: string;
  readonly validators: readonly TrustedValidator[];
  /**
   * The genesis time (ms), the time of height 0: every block is later. A genesis file always
   * carries it (docs/receipt-format.md §5); an anchor built without it skips that bound.
   */
  readonly genesisTimeMs?: number;
  readonly trustedHeader?: Uint8Array;
}

/** The trust anchor itself is unusable; nothing about the receipt was decided. */
export class TrustAnchorError extends Error {
  override name = 'TrustAnchorError';
}

/** Same bound as the consensus validator sets. */
const VALIDATORS_MAX = 1024;

export interface ValidatorSetState {
  /** Ordered by public key bytes: commit indexes refer to this order. */
  readonly validators: readonly ReceiptValidator[];
  readonly total: bigint;
  readonly hash: Uint8Array;
}

export interface PreparedTrust {
  readonly chainId: string;
  readonly set: ValidatorSetState;
  readonly height: number;
  /** The time every block above `height` must be after: the genesis time or the trusted header's. */
  readonly timeMs?: number;
  readonly header?: Uint8Array;
  readonly names: ReadonlyMap<string, string>;
}

/** Why a validator list cannot be a set, or undefined when it can. Order must already be canonical. */
export function validatorListProblem(validators: readonly ReceiptValidator[]): string | undefined {
  if (validators.length === 0 || validators.length > VALIDATORS_MAX) return `must hold 1..${VALIDATORS_MAX} validators`;
  let total = 0n;
  for (let i = 0; i < validators.length; i++) {
    const v = validators[i]!;
    if (v.publicKey.length !== 32) return `key ${i} is ${v.publicKey.length} bytes, not 32`;
    if (!Number.isSafeInteger(v.power) || v.power <= 0) return `power ${i} is not a positive integer`;
    if (i > 0 && compareBytes(validators[i - 1]!.publicKey, v.publicKey) >= 0) {
      return 'are not ordered by public key bytes without duplicates';
    }
    total += BigInt(v.power);
  }
  if (total > BigInt(Number.MAX_SAFE_INTEGER)) return 'hold a total power beyond 2^53';
  return undefined;
}

/** The set's total power and hash; the list must already have passed validatorListProblem. */
export function validatorSetState(validators: readonly ReceiptValidator[]): ValidatorSetState {
  let total = 0n;
  for (const v of validators) total += BigInt(v.power);
  return { validators, total, hash: validatorSetHash(validators) };
}

/** Every kind of trust anchor names its chain: 1..CHAIN_ID_BYTES_MAX bytes, else TrustAnchorError. */
export function checkTrustChainId(chainId: string): void {
  const chainIdLength = utf8(chainId).length;
  if (chainIdLength === 0 || chainIdLength > CHAIN_ID_BYTES_MAX) {
    throw new TrustAnchorError(`trust anchor: chain id must be 1..${CHAIN_ID_BYTES_MAX} bytes`);
  }
}

export function prepareTrust(trust: TrustAnchor): PreparedTrust {
  const bad = (message: string): never => {
    throw new TrustAnchorError(`trust anchor: ${message}`);
  };
  checkTrustChainId(trust.chainId);
  const names = new Map<string, string>();
  const validators = trust.validators.map((v, i): ReceiptValidator => {
    const key = typeof v.publicKey === 'string' ? fromHex(v.publicKey) : v.publicKey;
    if (key === undefined || key.length !== 32) return bad(`validator ${i} key is not 32 bytes`);
    if (v.name !== undefined) names.set(toHex(key), v.name);
    return { publicKey: key, power: v.power };
  }).sort((a, b) => compareBytes(a.publicKey, b.publicKey));
  const problem = validatorListProblem(validators);
  if (problem !== undefined) bad(`validators ${problem.replace('are not ordered by public key bytes without duplicates', 'contain a duplicate key')}`);
  const set = validatorSetState(validators);
  const genesisTimeMs = trust.genesisTimeMs;
  if (genesisTimeMs !== undefined && (!Number.isSafeInteger(genesisTimeMs) || genesisTimeMs < 0)) {
    bad('the genesis time is not a non-negative integer below 2^53');
  }
  if (trust.trustedHeader === undefined) {
    return { chainId: trust.chainId, set, height: 0, ...(genesisTimeMs === undefined ? {} : { timeMs: genesisTimeMs }), names };
  }
  let header: HeaderMsg;
  try {
    header = decodeExact(pb.Header, trust.trustedHeader, 'trusted header');
  } catch (error) {
    return bad((error as Error).message);
  }
  if (header.chainId !== trust.chainId) bad(`the trusted header is for chain "${header.chainId}"`);
  if (typeof header.height !== 'number' || typeof header.timeMs !== 'number') bad('the trusted header\'s height or time is beyond 2^53 - 1');
  if (header.height < 1) bad('the trusted header has no height');
  if (!equalBytes(header.validatorsHash, set.hash)) bad('the validators do not hash to the trusted header\'s validators hash');
  return { chainId: trust.chainId, set, height: header.height, timeMs: header.timeMs, header: trust.trustedHeader, names };
}
