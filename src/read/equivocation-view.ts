// A recorded equivocation (state key equiv/...) as the API shows it: keys and hashes in hex, the two
// signed statements with every field their signatures cover, so a reader can verify them again.
import type { EquivocationView, SignedStatementView } from '../api/components.js';
import { VOTE_PREVOTE, type EquivocationRecordMsg, type pb } from '../codec/index.js';
import { assert, toHex } from '../types/index.js';

type VoteMsg = InstanceType<typeof pb.DuplicateVote>['voteA'];
type ProposalHeaderMsg = InstanceType<typeof pb.DuplicateProposal>['proposalA'];

const hex = (bytes: Uint8Array | null | undefined): string => toHex(bytes ?? new Uint8Array());

// The state machine records only reports it checked (two statements, a known kind): anything else
// is a corrupt ledger, not a case to show.
function voteStatement(v: VoteMsg): SignedStatementView {
  assert(v !== null && v !== undefined, 'a recorded duplicate vote holds both votes');
  return { type: v.type === VOTE_PREVOTE ? 'prevote' : 'precommit', height: v.height ?? 0, round: v.round ?? 0,
    blockHash: hex(v.blockHash), validatorIndex: v.validatorIndex ?? 0, signature: hex(v.signature) };
}

function proposalStatement(p: ProposalHeaderMsg): SignedStatementView {
  assert(p !== null && p !== undefined, 'a recorded duplicate proposal holds both proposals');
  return { type: 'proposal', height: p.height ?? 0, round: p.round ?? 0, validRound: p.validRound ?? -1,
    blockHash: hex(p.blockHash), validatorIndex: p.proposerIndex ?? 0, signature: hex(p.signature) };
}

function statementsOf(record: EquivocationRecordMsg): [SignedStatementView, SignedStatementView] {
  const vote = record.proof?.duplicateVote;
  if (vote) return [voteStatement(vote.voteA), voteStatement(vote.voteB)];
  const proposal = record.proof?.duplicateProposal;
  assert(proposal !== null && proposal !== undefined, 'a recorded equivocation holds its proof');
  return [proposalStatement(proposal.proposalA), proposalStatement(proposal.proposalB)];
}

const isKind = (kind: string): kind is EquivocationView['kind'] => kind === 'prevote' || kind === 'precommit' || kind === 'proposal';

export async function equivocationView(record: EquivocationRecordMsg, nameOf: (publicKey: Uint8Array) => Promise<string>):
  Promise<EquivocationView> {
  const { kind } = record;
  assert(isKind(kind), `a recorded equivocation has a known kind, not "${kind}"`);
  return {
    offender: toHex(record.validator), offenderName: await nameOf(record.validator),
    offenceHeight: record.offenceHeight, offenceRound: record.offenceRound, kind,
    reporter: toHex(record.reporter), reporterName: await nameOf(record.reporter),
    height: record.height, txHash: toHex(record.txHash), statements: statementsOf(record),
  };
}
