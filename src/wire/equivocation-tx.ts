// Turns evidence the consensus core saw on the wire into a ReportEquivocation tx signed by this
// node's key, so that it ends up on chain like any other tx.
import { encodeSignedTx, encodeTxBody, txSignBytes } from '../codec/index.js';
import type { Evidence, Proposal, Vote } from '../consensus/tendermint/index.js';
import type { ConsensusSigner } from '../consensus/tendermint/index.js';
import type { Genesis } from '../state/index.js';

const REPORT_VALIDITY_MS = 10 * 60 * 1000;

const voteMessage = (v: Vote) => ({ type: v.type, height: v.height, round: v.round, blockHash: v.blockHash ?? new Uint8Array(),
  validatorIndex: v.validatorIndex, signature: v.signature });
const proposalHeader = (p: Proposal) => ({ height: p.height, round: p.round, validRound: p.validRound,
  blockHash: p.block.hash, proposerIndex: p.proposerIndex, signature: p.signature });

/** The report, signed by `signer` (the node key that signs its votes). */
export function reportEquivocationTx(genesis: Genesis, signer: ConsensusSigner, evidence: Evidence, nowMs: number): Uint8Array {
  const report = evidence.kind === 'duplicateVote'
    ? { duplicateVote: { voteA: voteMessage(evidence.voteA), voteB: voteMessage(evidence.voteB) } }
    : { duplicateProposal: { proposalA: proposalHeader(evidence.proposalA), proposalB: proposalHeader(evidence.proposalB) } };
  // The nonce is the time: two reports by one node are distinct txs, and the state machine records
  // only the first report of an offence anyway.
  const body = encodeTxBody({ chainId: genesis.chainId, signer: signer.publicKey, nonce: nowMs,
    expiresAtMs: nowMs + Math.min(REPORT_VALIDITY_MS, genesis.params.txExpiryMaxMs), reportEquivocation: report });
  return encodeSignedTx(body, signer.sign(txSignBytes(genesis.chainId, body)));
}
