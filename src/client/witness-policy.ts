// Receipts trusted through witnesses (docs/receipt-format.md §13.5): a version 2 receipt whose
// trusted header H comes with H's checkpoint cosigned by witnesses. A verifier that holds a witness
// policy (the verifier keys of the witnesses it trusts, and how many must have cosigned) needs no
// header hash: H is trusted because k of its witnesses cosigned H's history root, and a witness
// cosigns only a tree consistent with every one it cosigned before. A backdated fork signed by the
// keys of a retired validator set therefore passes only if k witnesses were fooled too.
//
// The checks are those of a version 2 receipt (RECEIPT_TRUSTED_CHECKS), with H's hash taken from
// the receipt itself, then `witness-cosignatures`, which is what makes that hash trusted. Browser-
// safe: no node:* imports (witness/cosignature.ts is pure).
import { parseCheckpoint, parseNote } from '../checkpoint/index.js';
import { sha256 } from '../crypto/hash.js';
import { equalBytes, toHex } from '../types/index.js';
import { parseCosignerKey, verifyCosignatures, type CosignerKey } from '../witness/cosignature.js';
import type { Receipt } from './receipt.js';
import { CheckFailure, decodeHeader, fail } from './receipt-commit.js';
import {
  RECEIPT_TRUSTED_CHECKS, TrustAnchorError, receiptFormatFailure, verifyReceipt, type ReceiptCheck, type ReceiptCheckId,
  type ReceiptEvidence, type VerifiedReceipt,
} from './receipt-verify.js';

/** The policy file: `{ "witnesses": ["<name>+<key ID>+<base64 key>", ...], "k": 2 }`, optionally with "chainId". */
export interface WitnessPolicy {
  /** Witness verifier keys (cosignature/v1, type 0x04), as each witness serves it at GET /. */
  readonly witnesses: readonly string[];
  /** How many distinct listed witnesses must have cosigned H's checkpoint: 1..witnesses.length. */
  readonly k: number;
  /** The chain the policy is for; when absent the verifier's trust file (genesis) gives it. */
  readonly chainId?: string;
}

/** The trust anchor of a witnessed receipt: the chain id and the policy. */
export interface WitnessPolicyTrust {
  readonly chainId: string;
  readonly policy: WitnessPolicy;
}

export const WITNESS_CHECK = 'witness-cosignatures';

/** The checks of a receipt verified under a witness policy, in the order they run. */
export const RECEIPT_WITNESSED_CHECKS = [...RECEIPT_TRUSTED_CHECKS, WITNESS_CHECK] as const;

export type WitnessedCheckId = ReceiptCheckId | typeof WITNESS_CHECK;

/** What the witnesses vouched for. */
export interface WitnessedSummary {
  readonly size: number;
  readonly root: string;
  readonly k: number;
  /** The listed witnesses whose cosignature verified, each with the time it cosigned (POSIX seconds). */
  readonly witnesses: readonly { readonly name: string; readonly keyId: string; readonly timestamp: number }[];
}

export type WitnessedVerification =
  | {
    readonly valid: true; readonly checks: readonly ReceiptCheck<WitnessedCheckId>[];
    readonly receipt: VerifiedReceipt & { readonly witnessed: WitnessedSummary };
  }
  | {
    readonly valid: false; readonly checks: readonly ReceiptCheck<WitnessedCheckId>[];
    readonly failed: WitnessedCheckId; readonly reason: string; readonly skipped: readonly WitnessedCheckId[];
  };

/** A policy that can be applied, its keys parsed. */
interface PreparedPolicy {
  readonly keys: readonly CosignerKey[];
  readonly k: number;
}

function policyError(message: string): never {
  throw new TrustAnchorError(`witness policy: ${message}`);
}

/**
 * Reads a policy document strictly (a JSON value): "witnesses" a non-empty list of distinct
 * witness verifier keys, "k" an integer in 1..their count, optional "chainId"; no other field.
 * Throws TrustAnchorError: an unusable policy is an error of the verifier's inputs, not a verdict.
 */
export function parseWitnessPolicy(document: unknown): WitnessPolicy {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) policyError('must be a JSON object');
  const record = document as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!['witnesses', 'k', 'chainId'].includes(key)) policyError(`"${key}" is not a field (witnesses, k, chainId)`);
  }
  const { witnesses, k, chainId } = record;
  if (!Array.isArray(witnesses) || witnesses.length === 0 || !witnesses.every((w) => typeof w === 'string')) {
    policyError('"witnesses" must be a non-empty list of witness verifier keys');
  }
  if (chainId !== undefined && (typeof chainId !== 'string' || chainId.length === 0)) policyError('"chainId" must be a non-empty string');
  const policy = { witnesses: witnesses as string[], k: k as number, ...(chainId === undefined ? {} : { chainId: chainId as string }) };
  preparePolicy(policy);
  return policy;
}

function preparePolicy(policy: WitnessPolicy): PreparedPolicy {
  const keys = policy.witnesses.map((text, i) => {
    try {
      return parseCosignerKey(text);
    } catch (error) {
      return policyError(`witnesses[${i}] is not a witness verifier key: ${(error as Error).message}`);
    }
  });
  // Two entries of one key would let one witness count twice toward k.
  const ids = new Set(keys.map((key) => `${key.name} ${key.keyId}`));
  if (ids.size !== keys.length) policyError('a witness is listed twice');
  if (!Number.isSafeInteger(policy.k) || policy.k < 1 || policy.k > keys.length) {
    policyError(`"k" must be an integer in 1..${keys.length} (the witnesses listed)`);
  }
  return { keys, k: policy.k };
}

/**
 * Verifies a receipt under a witness policy: the version 2 checks against the header H the receipt
 * carries, then `witness-cosignatures`. Never throws for anything in the receipt; throws
 * TrustAnchorError for an unusable policy or chain id.
 */
export function verifyWitnessedReceipt(receipt: Receipt, evidence: ReceiptEvidence, trust: WitnessPolicyTrust): WitnessedVerification {
  const prepared = preparePolicy(trust.policy);
  if (trust.policy.chainId !== undefined && trust.policy.chainId !== trust.chainId) {
    policyError(`it is for chain "${trust.policy.chainId}", not "${trust.chainId}"`);
  }
  // H is whatever the receipt carries: the last check decides whether the witnesses vouch for it.
  const headerHash = receipt.trusted === undefined ? new Uint8Array(32) : sha256(receipt.trusted.header);
  const base = verifyReceipt(receipt, evidence, { chainId: trust.chainId, trustedHeaderHash: headerHash });
  if (!base.valid) return { ...base, skipped: [...base.skipped, WITNESS_CHECK] };
  let witnessed: WitnessedSummary;
  try {
    witnessed = checkWitnessCosignatures(receipt, trust.chainId, prepared);
  } catch (error) {
    const reason = error instanceof CheckFailure ? error.message : `cannot be checked: ${(error as Error).message}`;
    return { valid: false, checks: [...base.checks, { id: WITNESS_CHECK, ok: false, detail: reason }], failed: WITNESS_CHECK, reason,
      skipped: [] };
  }
  const names = witnessed.witnesses.map((w) => w.name).join(', ');
  const detail = `the checkpoint of size ${witnessed.size} (header ${witnessed.size + 1}) is cosigned by ${witnessed.witnesses.length} `
    + `of the policy's ${prepared.keys.length} witnesses (${names}); ${prepared.k} required`;
  return { valid: true, checks: [...base.checks, { id: WITNESS_CHECK, ok: true, detail }], receipt: { ...base.receipt, witnessed } };
}

/** The verdict on a receipt document that does not parse, under a witness policy (see receiptFormatFailure). */
export function witnessedFormatFailure(reason: string, trust: WitnessPolicyTrust): WitnessedVerification {
  preparePolicy(trust.policy);
  const base = receiptFormatFailure(reason, { chainId: trust.chainId, trustedHeaderHash: new Uint8Array(32) });
  if (base.valid) throw new Error('a format failure is never valid');
  return { ...base, skipped: [...base.skipped, WITNESS_CHECK] };
}

/**
 * `witness-cosignatures`: the receipt carries a checkpoint note; its origin is the chain id, its
 * size H.height − 1 and its root H's history root; and at least k distinct witnesses of the policy
 * cosigned its text. Lines of other keys are ignored; a listed witness's line that fails does not count.
 */
function checkWitnessCosignatures(receipt: Receipt, chainId: string, policy: PreparedPolicy): WitnessedSummary {
  const trusted = receipt.trusted!;
  const note = trusted.witnessedCheckpoint;
  if (note === undefined) {
    fail('the receipt carries no witnessed checkpoint: under a witness policy its trusted header is trusted only through '
      + `${policy.k} witness cosignature(s) (GET …/receipt?witnessed=${policy.k})`);
  }
  const header = decodeHeader(trusted.header, 'the trusted header');
  let checkpoint;
  try {
    checkpoint = parseCheckpoint(parseNote(note).text);
  } catch (error) {
    fail(`the witnessed checkpoint is not a checkpoint note: ${(error as Error).message}`);
  }
  if (checkpoint.origin !== chainId) fail(`the witnessed checkpoint is of origin "${checkpoint.origin}", not the chain "${chainId}"`);
  if (checkpoint.size !== header.height - 1) {
    fail(`the witnessed checkpoint is of size ${checkpoint.size}; the trusted header at height ${header.height} makes size ${header.height - 1}`);
  }
  if (!equalBytes(checkpoint.root, header.historyRoot)) {
    fail(`the witnessed checkpoint's root ${toHex(checkpoint.root)} is not the trusted header's history root ${toHex(header.historyRoot)}`);
  }
  const result = verifyCosignatures(note, policy.keys, policy.k);
  if (!result.ok) {
    const bad = result.invalid.length === 0 ? '' : `; ${result.invalid.length} line(s) of listed witnesses do not verify `
      + `(${result.invalid.map((w) => w.name).join(', ')})`;
    fail(`${result.verified.length} of the policy's witnesses cosigned the checkpoint of size ${checkpoint.size}, ${policy.k} required${bad}`);
  }
  return {
    size: checkpoint.size, root: toHex(checkpoint.root), k: policy.k,
    witnesses: result.verified.map((w) => ({ name: w.name, keyId: w.keyId.toString(16).padStart(8, '0'), timestamp: w.timestamp })),
  };
}
