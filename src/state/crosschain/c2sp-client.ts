// The "c2sp-checkpoint" kind (docs/crosschain.md §3): a transparency log followed through its signed
// checkpoints. A checkpoint is recorded when the log's key signed it, enough of the named witnesses
// cosigned it, it is larger than the newest recorded one, and an RFC 6962 consistency proof shows
// the recorded tree a prefix of it. A validly signed checkpoint of the recorded size with another
// root is the log's equivocation: it freezes the client.
import {
  isNoteError, openNote, parseCheckpoint, parseVerifierKey, parseWitnessKey, verifyCosignatures, type Checkpoint, type NoteVerifier,
} from '../../checkpoint/index.js';
import { pb, type C2spLogAnchorMsg, type ForeignChainRecordMsg, type ForeignCheckpointUpdateMsg } from '../../codec/proto.js';
import type { DecodedTx } from '../../codec/tx.js';
import type { SignatureVerifier } from '../../crypto/ed25519.js';
import { verifyConsistency } from '../../merkle/index.js';
import { equalBytes, utf8 } from '../../types/index.js';
import type { OrderedState } from '../view.js';
import { mainHeightOf, type CrossChainContext, type CrossChainPlan } from './context.js';
import { foreignChainKey, freezeKey, trustedHeaderKey } from './keys.js';
import { encodeChainRecord, encodeTrustedHeader, refuse, requireActive, trustedHeaderAt } from './record.js';
import { chainRecord, trustedHeader } from './messages.js';

/** Consistency proof hashes at most (docs/crosschain.md §6): a proof between sizes below 2^53 needs fewer. */
export const CONSISTENCY_PROOF_HASHES_MAX = 63;

const invalid = (message: string): never => refuse('FOREIGN_CHECKPOINT_INVALID', message);

/** The log's key, verifying with the injected verifier (the node's rule) rather than the SDK's. */
function logVerifier(logKey: string, verifier: SignatureVerifier): NoteVerifier {
  const parsed = parseVerifierKey(logKey);
  return { ...parsed, verify: (message, signature) => verifier.verify(parsed.publicKey, message, signature) };
}

/** Opens the note with the log's key, checks the witnesses' quorum and parses the checkpoint. */
export function openLogCheckpoint(note: string, anchor: C2spLogAnchorMsg, verifier: SignatureVerifier): Checkpoint {
  let checkpoint: Checkpoint;
  try {
    const opened = openNote(note, [logVerifier(anchor.logKey, verifier)]);
    checkpoint = parseCheckpoint(opened.text);
    if (anchor.witnessQuorum > 0) {
      const keys = anchor.witnessKeys.map(parseWitnessKey);
      const check = verifyCosignatures(note, keys, anchor.witnessQuorum, (key, message, signature) => verifier.verify(key, message, signature));
      if (!check.ok) invalid(`${check.verified.length} of the ${anchor.witnessQuorum} witness cosignatures needed verify`);
    }
  } catch (error) {
    if (isNoteError(error)) invalid(`the checkpoint note: ${error.message}`);
    throw error;
  }
  if (checkpoint.origin !== anchor.origin) invalid(`the checkpoint's origin ${JSON.stringify(checkpoint.origin)} is not the log's`);
  return checkpoint;
}

export async function checkCheckpointUpdate(tx: DecodedTx, record: ForeignChainRecordMsg, view: OrderedState, ctx: CrossChainContext):
  Promise<CrossChainPlan> {
  const update = tx.body.foreignCheckpointUpdate as ForeignCheckpointUpdateMsg;
  const registration = record.registration;
  const anchor = registration?.c2sp;
  if (registration == null || anchor == null) return invalid('the log\'s registration has no anchor');
  requireActive(record, ctx.timeMs);
  if (update.consistencyProof.length > CONSISTENCY_PROOF_HASHES_MAX) invalid(`the consistency proof holds more than ${CONSISTENCY_PROOF_HASHES_MAX} hashes`);
  const checkpoint = openLogCheckpoint(update.checkpoint, anchor, ctx.verifier);
  const name = registration.name;
  const recordedSize = record.latestHeight;
  const nothingRecorded = record.latestHash.length === 0;
  if (checkpoint.size < recordedSize || (checkpoint.size === recordedSize && (nothingRecorded || equalBytes(checkpoint.root, record.latestHash)))) {
    refuse('FOREIGN_CHECKPOINT_STALE', `tree size ${checkpoint.size} is not larger than the recorded ${recordedSize}`);
  }
  if (checkpoint.size === recordedSize) return equivocation(tx, record, view, ctx, checkpoint, update.checkpoint);
  const consistent = nothingRecorded ? update.consistencyProof.length === 0
    : verifyConsistency(recordedSize, checkpoint.size, update.consistencyProof, record.latestHash, checkpoint.root);
  if (!consistent) invalid(`the consistency proof from the recorded size ${recordedSize} to ${checkpoint.size} does not verify`);
  const trusted = trustedHeader({ height: checkpoint.size, hash: checkpoint.root, timeMs: ctx.timeMs,
    mainHeight: mainHeightOf(ctx), txHash: tx.hash, checkpoint: update.checkpoint });
  const next = chainRecord({ ...record, latestHeight: checkpoint.size, latestTimeMs: ctx.timeMs, latestHash: checkpoint.root,
    updates: record.updates + 1 });
  return { writes: [
    [trustedHeaderKey(name, record.epoch, checkpoint.size), encodeTrustedHeader(trusted)],
    [foreignChainKey(name), encodeChainRecord(next)],
  ] };
}

/** Two signed checkpoints of one size with different roots: the log forked. Both notes are kept. */
async function equivocation(tx: DecodedTx, record: ForeignChainRecordMsg, view: OrderedState, ctx: CrossChainContext,
  checkpoint: Checkpoint, note: string): Promise<CrossChainPlan> {
  const name = record.registration!.name;
  const recorded = await trustedHeaderAt(view, name, record.epoch, record.latestHeight);
  const freeze = pb.ForeignFreezeRecord.create({ height: checkpoint.size, firstHash: record.latestHash, secondHash: checkpoint.root,
    mainHeight: mainHeightOf(ctx), txHash: tx.hash, firstHeader: utf8(recorded?.checkpoint ?? ''), secondHeader: utf8(note) });
  const frozen = chainRecord({ ...record, status: 'frozen', frozenHeight: mainHeightOf(ctx), freezeTx: tx.hash });
  return { writes: [
    [freezeKey(name, record.epoch), pb.ForeignFreezeRecord.encode(freeze).finish()],
    [foreignChainKey(name), encodeChainRecord(frozen)],
  ] };
}
