// Builds and signs the cross-chain txs (docs/crosschain.md): a validator's proposal registering or
// resetting a foreign chain, a relayer's header update or misbehaviour pair of a Tianping chain and
// checkpoint update of a transparency log, and a court's verification record under a case. The
// chain decides whether each holds; these only shape and sign. Browser-safe like tx.ts.
import { ALGORITHM_IDS, ForeignChainKind, sortValidators } from '../codec/index.js';
import type { EvidenceAlgorithm } from '../crypto/hash.js';
import { PUBLIC_KEY_BYTES, TianpingError, fromHex, type ErrorCode } from '../types/index.js';
import { signTx, toDigest, type BuiltTx, type TxCommon } from './tx.js';

export const FOREIGN_CHAIN_KINDS = {
  tianping: ForeignChainKind.FOREIGN_CHAIN_KIND_TIANPING,
  'c2sp-checkpoint': ForeignChainKind.FOREIGN_CHAIN_KIND_C2SP_CHECKPOINT,
} as const;
export type ForeignChainKindName = keyof typeof FOREIGN_CHAIN_KINDS;

export interface ForeignValidatorParams {
  /** 32 bytes, or 64 hex characters. */
  readonly publicKey: Uint8Array | string;
  readonly power: number;
}

/** A foreign set as the chain hashes it: sorted here by key bytes. */
export type ForeignSetParams = readonly ForeignValidatorParams[];

export interface ForeignChainRegistrationParams {
  readonly name: string;
  readonly kind: ForeignChainKindName;
  /** The foreign chain's own id (tianping), the log's origin (c2sp-checkpoint). */
  readonly chainId: string;
  readonly trustingPeriodMs: number;
  readonly description?: string;
  /** Kind tianping: the genesis (no header: its time and the set of height 1) or a header trusted with its next set. */
  readonly tianping?: { readonly header?: Uint8Array; readonly genesisTimeMs?: number; readonly nextValidators: ForeignSetParams };
  /** Kind c2sp-checkpoint: the log's origin, its verifier key, the witnesses' keys and their quorum. */
  readonly c2sp?: { readonly origin: string; readonly logKey: string; readonly witnessKeys?: readonly string[]; readonly witnessQuorum?: number };
}

export interface ForeignChainProposalTxParams extends TxCommon {
  readonly registration: ForeignChainRegistrationParams;
  /** Replace the trust anchor of a registered chain (clears a freeze or an expiry). */
  readonly reset?: boolean;
}

export interface ForeignSetChangeParams {
  readonly header: Uint8Array;
  readonly commit: Uint8Array;
  readonly nextValidators: ForeignSetParams;
}

export interface ForeignHeaderUpdateParams {
  readonly name: string;
  readonly header: Uint8Array;
  readonly commit: Uint8Array;
  readonly nextValidators: ForeignSetParams;
  /** The set changes between the newest trusted header below it and it, oldest first. */
  readonly setChanges?: readonly ForeignSetChangeParams[];
}

export type ForeignHeaderUpdateTxParams = TxCommon & ForeignHeaderUpdateParams;

export interface ForeignMisbehaviourTxParams extends TxCommon {
  readonly name: string;
  readonly first: Omit<ForeignHeaderUpdateParams, 'name'>;
  readonly second: Omit<ForeignHeaderUpdateParams, 'name'>;
}

export interface ForeignCheckpointUpdateTxParams extends TxCommon {
  readonly name: string;
  /** The signed note with its cosignature lines. */
  readonly checkpoint: string;
  /** RFC 6962 consistency proof from the newest recorded checkpoint (empty for the first). */
  readonly consistencyProof?: readonly Uint8Array[];
}

export interface CrossChainVerificationTxParams extends TxCommon {
  readonly caseNo: string;
  /** The foreign chain's registered name. */
  readonly name: string;
  readonly algorithm: EvidenceAlgorithm;
  readonly digest: Uint8Array | string;
  readonly valid: boolean;
  /** The first failed check, when not valid. */
  readonly failedCheck?: string;
  readonly foreignHeight?: number;
  /** SHA-256 of the foreign receipt bytes verified. */
  readonly receiptDigest: Uint8Array | string;
  /** The anchoring platform's key, when known: 32 bytes or 64 hex characters. */
  readonly platform?: Uint8Array | string;
}

function keyBytes(value: Uint8Array | string, what: string, code: ErrorCode = 'FOREIGN_CHAIN_INVALID'): Uint8Array {
  const bytes = typeof value === 'string' ? fromHex(value) : value;
  if (bytes === undefined || bytes.length !== PUBLIC_KEY_BYTES) {
    throw new TianpingError(code, `${what} must be ${PUBLIC_KEY_BYTES} bytes (${PUBLIC_KEY_BYTES * 2} hex characters)`);
  }
  return bytes;
}

function setOf(validators: ForeignSetParams): { validators: { publicKey: Uint8Array; power: number }[] } {
  return { validators: sortValidators(validators.map((v, i) => ({ publicKey: keyBytes(v.publicKey, `validator ${i}'s key`), power: v.power }))) };
}

function registrationOf(r: ForeignChainRegistrationParams) {
  const kind = FOREIGN_CHAIN_KINDS[r.kind];
  if (kind === undefined) throw new TianpingError('FOREIGN_CHAIN_INVALID', `kind must be one of ${Object.keys(FOREIGN_CHAIN_KINDS).join(', ')}`);
  return {
    name: r.name, kind, chainId: r.chainId, trustingPeriodMs: r.trustingPeriodMs, description: r.description ?? '',
    ...(r.tianping === undefined ? {} : { tianping: { header: r.tianping.header ?? new Uint8Array(), genesisTimeMs: r.tianping.genesisTimeMs ?? 0,
      nextValidators: setOf(r.tianping.nextValidators) } }),
    ...(r.c2sp === undefined ? {} : { c2sp: { origin: r.c2sp.origin, logKey: r.c2sp.logKey, witnessKeys: [...(r.c2sp.witnessKeys ?? [])],
      witnessQuorum: r.c2sp.witnessQuorum ?? 0 } }),
  };
}

function updateOf(u: Omit<ForeignHeaderUpdateParams, 'name'>) {
  return {
    header: u.header, commit: u.commit, nextValidators: setOf(u.nextValidators),
    setChanges: (u.setChanges ?? []).map((c) => ({ header: c.header, commit: c.commit, nextValidators: setOf(c.nextValidators) })),
  };
}

/** A validator's proposal to register (or reset) a foreign chain; its tx counts as its approval. */
export function foreignChainProposalTx(params: ForeignChainProposalTxParams): BuiltTx {
  return signTx(params, { foreignChainProposal: { registration: registrationOf(params.registration), reset: params.reset ?? false } });
}

/** A newer header of a Tianping foreign chain with its commit; any active member may relay it. */
export function foreignHeaderUpdateTx(params: ForeignHeaderUpdateTxParams): BuiltTx {
  return signTx(params, { foreignHeaderUpdate: { name: params.name, ...updateOf(params) } });
}

/** Two headers of one height with different hashes, each with its commit: the chain's client freezes. */
export function foreignMisbehaviourTx(params: ForeignMisbehaviourTxParams): BuiltTx {
  return signTx(params, { foreignMisbehaviour: { name: params.name, first: { name: params.name, ...updateOf(params.first) },
    second: { name: params.name, ...updateOf(params.second) } } });
}

/** A newer checkpoint of a transparency log with its consistency proof from the recorded one. */
export function foreignCheckpointUpdateTx(params: ForeignCheckpointUpdateTxParams): BuiltTx {
  return signTx(params, { foreignCheckpointUpdate: { name: params.name, checkpoint: params.checkpoint,
    consistencyProof: [...(params.consistencyProof ?? [])] } });
}

/** A court's record of a cross-chain verification under a case. */
export function crossChainVerificationTx(params: CrossChainVerificationTxParams): BuiltTx {
  const algorithm = ALGORITHM_IDS[params.algorithm];
  if (algorithm === undefined) throw new TianpingError('CROSSCHAIN_VERIFICATION_INVALID', 'algorithm must be sha256 or sm3');
  const platform = params.platform === undefined ? new Uint8Array() : keyBytes(params.platform, 'platform', 'CROSSCHAIN_VERIFICATION_INVALID');
  return signTx(params, {
    crossChainVerification: {
      caseNo: params.caseNo, name: params.name, algorithm, digest: toDigest(params.digest, 'digest'), valid: params.valid,
      failedCheck: params.failedCheck ?? '', foreignHeight: params.foreignHeight ?? 0,
      receiptDigest: toDigest(params.receiptDigest, 'receipt digest'), platform,
    },
  });
}
