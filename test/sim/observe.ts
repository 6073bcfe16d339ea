// Reading what a node sends and what its core counted, for the checkers: the signed votes and
// proposals a packet carries (gossip, pushes, catch-up answers), decoded with the node's own codec,
// and whether a core state counts a given vote.
import { blockHashOfHeader, pb, proposalSignBytes, voteSignBytes } from '../../src/codec/index.js';
import { VOTE_PREVOTE, type ConsensusState, type Vote } from '../../src/consensus/tendermint/index.js';
import { compactFromMessage, decodeCompactProposal, decodeVote, proposalFromMessage, voteFromMessage } from '../../src/wire/index.js';
import { equalBytes } from '../../src/types/index.js';
import type { Packet } from './network.js';

/** The chain's largest block, in txs: a compact proposal naming more does not decode. */
const BLOCK_TXS_MAX = 10_000;

export interface SignedMessage {
  readonly height: number;
  readonly round: number;
  readonly type: 'prevote' | 'precommit' | 'proposal';
  readonly signBytes: Uint8Array;
  readonly signature: Uint8Array;
}

/** Every signed vote and proposal in a packet, whoever signed it. */
export function signedMessages(chainId: string, packet: Packet): SignedMessage[] {
  const votes: Vote[] = [];
  const proposals: { height: number; round: number; validRound: number; blockHash: Uint8Array; signature: Uint8Array }[] = [];
  const addCompact = (c: ReturnType<typeof compactFromMessage>): void => {
    proposals.push({ ...c, blockHash: blockHashOfHeader(c.header) });
  };
  if (packet.kind === 'gossip' && packet.topic === 'votes') votes.push(decodeVote(packet.data));
  else if (packet.kind === 'gossip' && packet.topic === 'proposals') addCompact(decodeCompactProposal(packet.data, BLOCK_TXS_MAX));
  else if ((packet.kind === 'request' && packet.protocol === 'push')
    || (packet.kind === 'response' && packet.protocol === 'catchup' && packet.data !== undefined)) {
    const message = pb.CatchUpResponse.decode(packet.data!);
    for (const vote of message.votes) votes.push(voteFromMessage(pb.Vote.create(vote)));
    for (const compact of message.compactProposals) addCompact(compactFromMessage(pb.CompactProposal.create(compact), BLOCK_TXS_MAX));
    for (const message_ of message.proposals) {
      const proposal = proposalFromMessage(pb.Proposal.create(message_));
      proposals.push({ ...proposal, blockHash: proposal.block.hash });
    }
  }
  return [
    ...votes.map((vote): SignedMessage => ({ height: vote.height, round: vote.round, type: vote.type === VOTE_PREVOTE ? 'prevote' : 'precommit',
      signBytes: voteSignBytes(chainId, vote.height, vote.round, vote.type, vote.blockHash ?? undefined), signature: vote.signature })),
    ...proposals.map((p): SignedMessage => ({ height: p.height, round: p.round, type: 'proposal',
      signBytes: proposalSignBytes(chainId, p.height, p.round, p.validRound, p.blockHash), signature: p.signature })),
  ];
}

/** Whether the core state counts this very vote (its signature) in its round's tally. */
export function counts(state: ConsensusState, vote: Vote): boolean {
  if (state.height !== vote.height) return false;
  const slots = state.rounds.get(vote.round);
  const slot = slots === undefined ? [] : (vote.type === VOTE_PREVOTE ? slots.prevotes : slots.precommits)[vote.validatorIndex] ?? [];
  return slot.some((counted) => equalBytes(counted.signature, vote.signature));
}
