// Commit certificates: the precommits for a block from more than 2/3 of the height's voting power.
// A certificate stores only (validator index, signature); anyone holding the validator set rebuilds
// every signed message with voteSignBytes, so verification needs no protobuf and no trust.
import { voteSignBytes } from '../../codec/sign-bytes.js';
import { assert, type Hash32, type Height, type Round } from '../../types/index.js';
import { isQuorum } from './validators.js';
import { powerFor, voteFor, type VoteSlots } from './votes.js';
import {
  VOTE_PRECOMMIT,
  type CommitCertificate,
  type SignatureVerifier,
  type ValidatorSet,
  type Vote,
} from './types.js';

/** Builds the certificate from a round's precommits; the caller has seen the quorum. */
export function buildCertificate(precommits: VoteSlots, set: ValidatorSet, height: Height,
  round: Round, blockHash: Hash32): CommitCertificate {
  assert(isQuorum(powerFor(precommits, set, blockHash), set.totalPower), 'a certificate needs a precommit quorum');
  const signatures = [];
  for (const slot of precommits) {
    const vote = voteFor(slot, blockHash);
    if (vote === undefined) continue;
    assert(vote.height === height && vote.round === round, 'precommits of the certificate round only');
    signatures.push({ validatorIndex: vote.validatorIndex, signature: vote.signature });
  }
  return { height, round, blockHash, signatures };
}

export type CertificateCheck =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly code: 'INDEX_OUT_OF_RANGE' | 'INDEX_REPEATED' | 'BAD_SIGNATURE' | 'NOT_ENOUGH_POWER' | 'HASH_MALFORMED';
    };

/**
 * Verifies a certificate against the validator set of its height: every signature must verify
 * (one bad signature rejects the whole certificate: an honest server never sends one), each
 * validator at most once, and the signers must hold more than 2/3 of the power.
 */
export function verifyCertificate(chainId: string, set: ValidatorSet, certificate: CommitCertificate,
  verifier: SignatureVerifier): CertificateCheck {
  if (certificate.blockHash.length !== 32) return { ok: false, code: 'HASH_MALFORMED' };
  const seen = new Set<number>();
  let power = 0;
  const signBytes = voteSignBytes(chainId, certificate.height, certificate.round, VOTE_PRECOMMIT, certificate.blockHash);
  for (const { validatorIndex, signature } of certificate.signatures) {
    const validator = set.validators[validatorIndex];
    if (!Number.isSafeInteger(validatorIndex) || validator === undefined) return { ok: false, code: 'INDEX_OUT_OF_RANGE' };
    if (seen.has(validatorIndex)) return { ok: false, code: 'INDEX_REPEATED' };
    seen.add(validatorIndex);
    if (!verifier.verify(validator.publicKey, signBytes, signature)) return { ok: false, code: 'BAD_SIGNATURE' };
    power += validator.power;
  }
  if (!isQuorum(power, set.totalPower)) return { ok: false, code: 'NOT_ENOUGH_POWER' };
  return { ok: true };
}

/** The precommits a verified certificate stands for, to be counted like any received vote. */
export function certificateVotes(certificate: CommitCertificate): Vote[] {
  return certificate.signatures.map(({ validatorIndex, signature }) => ({
    type: VOTE_PRECOMMIT,
    height: certificate.height,
    round: certificate.round,
    blockHash: certificate.blockHash,
    validatorIndex,
    signature,
  }));
}
