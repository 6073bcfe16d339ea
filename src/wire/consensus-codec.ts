// Conversions between the Tendermint core's values and their wire and WAL encodings. Everything
// that arrives from a peer is decoded here with limits, and a block's hash and time are always
// derived from its bytes, never taken from the sender.
import { pb, decodeBlock, decodeCanonical } from '../codec/index.js';
import type { CommitCertificate, ConsensusBlock, Proposal, Vote, VoteType,
  CatchUpRequest } from '../consensus/tendermint/index.js';
import { asHash32, asHeight, asRound, asTimeMs, TianpingError, HASH_BYTES } from '../types/index.js';

export function consensusBlock(bytes: Uint8Array): ConsensusBlock {
  let decoded: ReturnType<typeof decodeBlock>;
  try {
    decoded = decodeBlock(bytes);
  } catch (error) {
    throw new TianpingError('TX_MALFORMED', `block does not decode: ${(error as Error).message}`);
  }
  return { hash: decoded.hash, timeMs: asTimeMs(decoded.header.timeMs), bytes };
}

export function voteMessage(v: Vote): InstanceType<typeof pb.Vote> {
  return pb.Vote.create({ type: v.type, height: v.height, round: v.round, blockHash: v.blockHash ?? new Uint8Array(),
    validatorIndex: v.validatorIndex, signature: v.signature });
}

export function voteFromMessage(m: InstanceType<typeof pb.Vote>): Vote {
  if (m.type !== 1 && m.type !== 2) throw new TianpingError('TX_MALFORMED', 'vote type must be prevote or precommit');
  if (m.blockHash.length !== 0 && m.blockHash.length !== HASH_BYTES) throw new TianpingError('TX_MALFORMED', 'vote block hash');
  // Nil travels as an empty hash. The zero hash signs the same bytes as nil, so accepting it would let
  // any relay re-encode one honest nil vote into a second, "conflicting" one: false evidence.
  if (m.blockHash.length === HASH_BYTES && m.blockHash.every((byte) => byte === 0)) {
    throw new TianpingError('TX_MALFORMED', 'a vote for nil carries an empty block hash, not zero bytes');
  }
  return { type: m.type as VoteType, height: asHeight(m.height), round: asRound(m.round),
    blockHash: m.blockHash.length === 0 ? null : asHash32(m.blockHash), validatorIndex: m.validatorIndex,
    signature: m.signature };
}

export function proposalMessage(p: Proposal): InstanceType<typeof pb.Proposal> {
  return pb.Proposal.create({ height: p.height, round: p.round, validRound: p.validRound, block: p.block.bytes,
    proposerIndex: p.proposerIndex, signature: p.signature });
}

export function proposalFromMessage(m: InstanceType<typeof pb.Proposal>): Proposal {
  if (m.validRound < -1) throw new TianpingError('TX_MALFORMED', 'proposal valid round below -1');
  return { height: asHeight(m.height), round: asRound(m.round), validRound: m.validRound === -1 ? -1 : asRound(m.validRound),
    block: consensusBlock(m.block), proposerIndex: m.proposerIndex, signature: m.signature };
}

export const encodeVote = (v: Vote): Uint8Array => pb.Vote.encode(voteMessage(v)).finish();
export const decodeVote = (bytes: Uint8Array): Vote => voteFromMessage(decodeCanonical(pb.Vote, bytes, 'vote'));
export const encodeProposal = (p: Proposal): Uint8Array => pb.Proposal.encode(proposalMessage(p)).finish();
export const decodeProposal = (bytes: Uint8Array): Proposal =>
  proposalFromMessage(decodeCanonical(pb.Proposal, bytes, 'proposal'));

export function encodeCertificate(c: CommitCertificate): Uint8Array {
  return pb.Commit.encode({ height: c.height, round: c.round, blockHash: c.blockHash,
    signatures: c.signatures.map((s) => ({ validatorIndex: s.validatorIndex, signature: s.signature })) }).finish();
}

export function decodeCertificate(bytes: Uint8Array): CommitCertificate {
  const m = decodeCanonical(pb.Commit, bytes, 'commit');
  if (m.blockHash.length !== HASH_BYTES) throw new TianpingError('TX_MALFORMED', 'commit block hash must be 32 bytes');
  return { height: asHeight(m.height), round: asRound(m.round), blockHash: asHash32(m.blockHash),
    signatures: m.signatures.map((s) => ({ validatorIndex: s.validatorIndex ?? 0, signature: s.signature ?? new Uint8Array() })) };
}

export function encodeCatchUpRequest(r: CatchUpRequest): Uint8Array {
  return pb.CatchUpRequest.encode({ kind: r.kind, height: r.height, round: 'round' in r ? r.round : 0,
    voteType: 'type' in r ? r.type : 0 }).finish();
}

export function decodeCatchUpRequest(bytes: Uint8Array): CatchUpRequest {
  const m = decodeCanonical(pb.CatchUpRequest, bytes, 'catch-up request');
  const height = asHeight(m.height);
  if (m.kind === 'proposal') return { kind: 'proposal', height, round: asRound(m.round) };
  if (m.kind === 'commit') return { kind: 'commit', height };
  if (m.kind === 'votes' && (m.voteType === 1 || m.voteType === 2)) {
    return { kind: 'votes', height, round: asRound(m.round), type: m.voteType };
  }
  throw new TianpingError('TX_MALFORMED', `unknown catch-up request "${m.kind}"`);
}
