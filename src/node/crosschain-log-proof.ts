// The c2sp-checkpoint kind of POST /v1/crosschain/verify (docs/crosschain.md §4): a log entry's
// inclusion proof checked by the SDK against the registered log (key, origin, witnesses) and the
// checkpoint of the same size the light client recorded, if any: one of another root is a fork.
import type { CrossChainVerdict } from '../api/components.js';
import { verifyC2spInclusion, type C2spInclusionProof } from '../client/c2sp-inclusion.js';
import { pb } from '../codec/index.js';
import { sha256 } from '../crypto/hash.js';
import type { Ledger } from '../ledger/index.js';
import { registrationOf } from '../read/crosschain.js';
import { trustedHeaderAt } from '../state/crosschain/index.js';
import { TianpingError, toHex, utf8 } from '../types/index.js';
import { verdictOf, type ChainContext } from './crosschain-verify.js';

const malformed = (detail: string): TianpingError => new TianpingError('FOREIGN_RECEIPT_MALFORMED', `log proof: ${detail}`);

/** The proof's JSON shape (its values are the `format` check's): anything else does not decode. */
function proofOf(value: unknown): C2spInclusionProof {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw malformed('must be a JSON object');
  const doc = value as Record<string, unknown>;
  const allowed = new Set(['leafHash', 'entry', 'index', 'proof', 'checkpoint']);
  const unknown = Object.keys(doc).find((key) => !allowed.has(key));
  if (unknown !== undefined) throw malformed(`field ${JSON.stringify(unknown)} is not one of ${[...allowed].join(', ')}`);
  if (('leafHash' in doc) === ('entry' in doc)) throw malformed('give exactly one of leafHash and entry');
  const leaf = doc['leafHash'] ?? doc['entry'];
  if (typeof leaf !== 'string') throw malformed('leafHash (hex) or entry (base64) must be a string');
  if (typeof doc['index'] !== 'number') throw malformed('index must be a number');
  const proof = doc['proof'];
  if (!Array.isArray(proof) || proof.some((p) => typeof p !== 'string')) throw malformed('proof must be an array of hex strings');
  if (typeof doc['checkpoint'] !== 'string') throw malformed('checkpoint must be the signed note as a string');
  return { ...('leafHash' in doc ? { leafHash: leaf } : { entry: leaf }), index: doc['index'], proof: proof as string[],
    checkpoint: doc['checkpoint'] };
}

/** The tree size the checkpoint's second line states, when it reads as one. */
function claimedSize(note: string): number | undefined {
  const line = note.split('\n')[1];
  return line !== undefined && /^(0|[1-9][0-9]{0,15})$/.test(line) ? Number(line) : undefined;
}

export async function verifyLogProof(ledger: Ledger, context: ChainContext, value: unknown, digest: Uint8Array | undefined):
  Promise<CrossChainVerdict> {
  if (digest !== undefined) throw new TianpingError('REQUEST_INVALID', 'digest is for tianping receipts: a log proof names its leaf itself');
  const proof = proofOf(value);
  const registration = registrationOf(context.record);
  const c2sp = registration.c2sp as InstanceType<typeof pb.C2spLogAnchor>;
  const size = claimedSize(proof.checkpoint);
  const recorded = size === undefined ? undefined : await trustedHeaderAt(ledger.state, registration.name, Number(context.record.epoch), size);
  const verification = verifyC2spInclusion(proof,
    { origin: c2sp.origin, logKey: c2sp.logKey, witnessKeys: [...c2sp.witnessKeys], witnessQuorum: c2sp.witnessQuorum },
    recorded === undefined ? undefined : { size: Number(recorded.height), root: recorded.hash });
  return verdictOf(context, verification, {
    foreignHeight: verification.size ?? 0, digest: verification.leafHash ?? '', receiptDigest: toHex(sha256(utf8(JSON.stringify(value)))),
    trustHeight: 0,
  });
}
