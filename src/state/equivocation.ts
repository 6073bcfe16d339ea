// Equivocation reports: a validator that signed two conflicting votes or proposals is recorded on
// chain with the proof, so every member and court can see it. The checks are the same on every
// node: both statements verify under the offender's key of the current validator set, they are of
// one height, round and kind, and they name different blocks.
import { pb, type EquivocationRecordMsg, type ReportEquivocationMsg } from '../codec/proto.js';
import { proposalSignBytes, voteSignBytes, VOTE_PRECOMMIT, VOTE_PREVOTE } from '../codec/sign-bytes.js';
import type { DecodedTx } from '../codec/tx.js';
import type { SignatureVerifier } from '../crypto/ed25519.js';
import { TianpingError, equalBytes, heightKey, toHex, HASH_BYTES, SIGNATURE_BYTES } from '../types/index.js';
import { validatorSetAt } from './validators.js';
import type { ScannableState, StateView } from './view.js';

type Report = ReportEquivocationMsg;

export interface Offence {
  readonly validator: Uint8Array;
  readonly height: number;
  readonly round: number;
  readonly kind: 'prevote' | 'precommit' | 'proposal';
}

export function reportOf(tx: DecodedTx): Report | undefined {
  const report = tx.body.action === 'reportEquivocation' ? tx.body.reportEquivocation : undefined;
  return report ? (report as Report) : undefined;
}

/** Every recorded offence lives under this state prefix, ordered by offender, then height. */
export const EQUIVOCATION_PREFIX = 'equiv/';
export const equivocationKey = (o: Offence): string =>
  `${EQUIVOCATION_PREFIX}${toHex(o.validator)}/${heightKey(o.height)}/${o.round}/${o.kind}`;

/** Every equivocation recorded on chain, in key order: by offender, then offence height. */
export async function* allEquivocations(state: ScannableState): AsyncIterable<EquivocationRecordMsg> {
  for await (const [, value] of state.entries(EQUIVOCATION_PREFIX)) yield pb.EquivocationRecord.decode(value);
}

function invalid(message: string): never {
  throw new TianpingError('EQUIVOCATION_INVALID', message);
}

function hashOrNil(hash: Uint8Array | null | undefined): Uint8Array {
  const bytes = hash ?? new Uint8Array();
  if (bytes.length !== 0 && bytes.length !== HASH_BYTES) invalid('block hash must be empty (nil) or 32 bytes');
  return bytes;
}

/**
 * The block hash as the vote's signature covers it. A nil vote is signed over 32 zero bytes, so an
 * empty hash and the zero hash are one statement: comparing them as given would let anyone turn a
 * single honest nil vote into "two votes" by re-encoding it.
 */
function signedVoteHash(hash: Uint8Array | null | undefined): Uint8Array {
  const bytes = hashOrNil(hash);
  return bytes.length === 0 ? new Uint8Array(HASH_BYTES) : bytes;
}

/**
 * Checks a report against the validator set of the offence's height (indexes in votes refer to
 * that set, which may have changed since) and returns the offence it proves.
 */
export async function checkEquivocation(report: Report, chainId: string, view: StateView,
  verifier: SignatureVerifier): Promise<Offence> {
  const offenceHeight = report.duplicateVote?.voteA?.height ?? report.duplicateProposal?.proposalA?.height ?? 0;
  const validators = await validatorSetAt(view, offenceHeight);
  const keyAt = (index: number): Uint8Array => {
    const v = validators[index];
    if (v === undefined) invalid(`validator index ${index} is not in the set`);
    return v.publicKey;
  };
  if (report.kind === 'duplicateVote') {
    const a = report.duplicateVote?.voteA;
    const b = report.duplicateVote?.voteB;
    if (!a || !b) invalid('a duplicate-vote report needs two votes');
    const type = a.type ?? 0;
    if (type !== VOTE_PREVOTE && type !== VOTE_PRECOMMIT) invalid('vote type must be prevote or precommit');
    if (a.height !== b.height || a.round !== b.round || type !== b.type || a.validatorIndex !== b.validatorIndex) {
      invalid('the two votes differ in height, round, type or validator');
    }
    const [hashA, hashB] = [signedVoteHash(a.blockHash), signedVoteHash(b.blockHash)];
    if (equalBytes(hashA, hashB)) invalid('the two votes are for the same block');
    const key = keyAt(a.validatorIndex ?? 0);
    for (const vote of [a, b]) {
      const signature = vote.signature ?? new Uint8Array();
      const bytes = voteSignBytes(chainId, vote.height ?? 0, vote.round ?? 0, type, hashOrNil(vote.blockHash));
      if (signature.length !== SIGNATURE_BYTES || !verifier.verify(key, bytes, signature)) invalid('a vote signature does not verify');
    }
    return { validator: key, height: a.height ?? 0, round: a.round ?? 0, kind: type === VOTE_PREVOTE ? 'prevote' : 'precommit' };
  }
  if (report.kind === 'duplicateProposal') {
    const a = report.duplicateProposal?.proposalA;
    const b = report.duplicateProposal?.proposalB;
    if (!a || !b) invalid('a duplicate-proposal report needs two proposals');
    if (a.height !== b.height || a.round !== b.round || a.proposerIndex !== b.proposerIndex) {
      invalid('the two proposals differ in height, round or proposer');
    }
    const [hashA, hashB] = [a.blockHash ?? new Uint8Array(), b.blockHash ?? new Uint8Array()];
    if (hashA.length !== HASH_BYTES || hashB.length !== HASH_BYTES) invalid('a proposal names a 32-byte block hash');
    if (equalBytes(hashA, hashB)) invalid('the two proposals are for the same block');
    const key = keyAt(a.proposerIndex ?? 0);
    for (const p of [a, b]) {
      const bytes = proposalSignBytes(chainId, p.height ?? 0, p.round ?? 0, p.validRound ?? -1, p.blockHash ?? new Uint8Array());
      const signature = p.signature ?? new Uint8Array();
      if (signature.length !== SIGNATURE_BYTES || !verifier.verify(key, bytes, signature)) invalid('a proposal signature does not verify');
    }
    return { validator: key, height: a.height ?? 0, round: a.round ?? 0, kind: 'proposal' };
  }
  invalid('the report names no kind of equivocation');
}

export function encodeEquivocationRecord(offence: Offence, tx: DecodedTx, report: Report, height: number): Uint8Array {
  const record: Partial<EquivocationRecordMsg> = {
    validator: offence.validator, offenceHeight: offence.height, offenceRound: offence.round, kind: offence.kind,
    reporter: tx.body.signer, height, txHash: tx.hash, proof: report,
  };
  return pb.EquivocationRecord.encode(record).finish();
}
