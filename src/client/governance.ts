// Builds and signs the governance transactions: a join request (the one tx a non-member may send,
// signed by the key it asks to admit), a member change opened by a validator, a key rotation opened
// by the member with the new key's proof of possession, and a validator's vote on a proposal.
// Browser-safe like tx.ts: types, ed25519 and the codec only, never node:*.
import { rotateProofBytes } from '../codec/index.js';
import { sign, type KeyPair } from '../crypto/ed25519.js';
import { HASH_BYTES, PUBLIC_KEY_BYTES, TianpingError, fromHex, type ErrorCode } from '../types/index.js';
import { checkChainId, signTx, type BuiltTx, type TxCommon } from './tx.js';

/** The member roles, in the order of the MemberRole enum (validator = 1). */
export const MEMBER_ROLES = ['validator', 'observer', 'submitter', 'verifier', 'executor', 'oracle', 'court', 'officer', 'bureau-chief', 'finance'] as const;
export type MemberRoleName = (typeof MEMBER_ROLES)[number];

export const MEMBER_CHANGE_KINDS = ['remove', 'suspend', 'reinstate'] as const;
export type MemberChangeKindName = (typeof MEMBER_CHANGE_KINDS)[number];

/** What every governance tx needs besides its action. */
export interface GovernanceTxCommon extends TxCommon {
  /** The signer: the key asking to join, the validator, or the member's current key. */
  readonly keyPair: KeyPair;
}

export interface JoinRequestTxParams extends GovernanceTxCommon {
  /** Unique on the chain: letters, digits, '.', '_' and '-', 1..64 characters. */
  readonly name: string;
  readonly organisation: string;
  readonly role: MemberRoleName;
  /** SHA-256 of the admission-evaluation report: 32 bytes, or 64 hex characters. */
  readonly evaluationReportDigest: Uint8Array | string;
  /** libp2p multiaddrs of the node (validators and observers). */
  readonly addresses?: readonly string[];
  /** Voting power asked for; validators only. */
  readonly power?: number;
  /** Categories a submitter may anchor in; empty means all. */
  readonly categories?: readonly string[];
}

export interface MemberChangeTxParams extends GovernanceTxCommon {
  readonly kind: MemberChangeKindName;
  /** Public key of the member concerned: 32 bytes, or 64 hex characters. */
  readonly member: Uint8Array | string;
  readonly reason?: string;
}

export interface RotateKeyTxParams extends GovernanceTxCommon {
  /** The key that replaces keyPair; it signs the proof of possession. */
  readonly newKeyPair: KeyPair;
}

export interface GovernanceVoteTxParams extends GovernanceTxCommon {
  /** The proposal: the hash of the tx that opened it, 32 bytes or 64 hex characters. */
  readonly proposalId: Uint8Array | string;
  readonly approve: boolean;
}

export function joinRequestTx(params: JoinRequestTxParams): BuiltTx {
  const roleIndex = MEMBER_ROLES.indexOf(params.role);
  if (roleIndex < 0) throw new TianpingError('JOIN_FIELD_INVALID', `role must be one of ${MEMBER_ROLES.join(', ')}, got "${String(params.role)}"`);
  const power = params.power ?? 0;
  if (!Number.isSafeInteger(power) || power < 0) throw new TianpingError('JOIN_FIELD_INVALID', `power must be a non-negative integer, got ${power}`);
  return signTx(params, {
    joinRequest: {
      name: params.name,
      organisation: params.organisation,
      role: roleIndex + 1,
      addresses: [...(params.addresses ?? [])],
      evaluationReportDigest: fixedBytes(params.evaluationReportDigest, HASH_BYTES, 'evaluation report digest', 'DIGEST_INVALID'),
      power,
      categories: [...(params.categories ?? [])],
    },
  });
}

export function memberChangeTx(params: MemberChangeTxParams): BuiltTx {
  const kindIndex = MEMBER_CHANGE_KINDS.indexOf(params.kind);
  if (kindIndex < 0) {
    throw new TianpingError('JOIN_FIELD_INVALID', `kind must be one of ${MEMBER_CHANGE_KINDS.join(', ')}, got "${String(params.kind)}"`);
  }
  return signTx(params, {
    memberChange: { kind: kindIndex + 1, member: fixedBytes(params.member, PUBLIC_KEY_BYTES, 'member key', 'TX_KEY_INVALID'), reason: params.reason ?? '' },
  });
}

export function rotateKeyTx(params: RotateKeyTxParams): BuiltTx {
  checkChainId(params.chainId);
  const newKeyProof = sign(params.newKeyPair.seed, rotateProofBytes(params.chainId, params.keyPair.publicKey));
  return signTx(params, { rotateKey: { newKey: params.newKeyPair.publicKey, newKeyProof } });
}

export function governanceVoteTx(params: GovernanceVoteTxParams): BuiltTx {
  return signTx(params, {
    governanceVote: { proposalId: fixedBytes(params.proposalId, HASH_BYTES, 'proposal id', 'HASH_INVALID'), approve: params.approve },
  });
}

function fixedBytes(value: Uint8Array | string, length: number, what: string, code: ErrorCode): Uint8Array {
  const bytes = typeof value === 'string' ? fromHex(value) : value;
  if (bytes === undefined || bytes.length !== length) {
    throw new TianpingError(code, `${what} must be ${length} bytes (${length * 2} hex characters)`);
  }
  return bytes;
}
