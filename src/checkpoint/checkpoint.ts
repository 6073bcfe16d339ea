// C2SP transparency-log checkpoints (c2sp.org/tlog-checkpoint) over the chain's history tree.
//
// The note text is three or more non-empty lines: the origin, the tree size in decimal (no leading
// zero unless 0), the root hash in base64, then optional extension lines. The header at height h
// carries the history root over the block hashes of heights 1..h−1, so the header makes the
// checkpoint (origin = chain id, size = h−1, root = history root) without any other data.
import type { HeaderMsg } from '../codec/proto.js';
import { HASH_BYTES, fromBase64, toBase64, type Hash32 } from '../types/index.js';
import { NoteError } from './errors.js';
import { checkNoteText } from './note.js';

export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly root: Hash32;
  /** Opaque lines after the root, each non-empty; the spec advises against them, so we write none. */
  readonly extensions: readonly string[];
}

const SIZE_RE = /^(?:0|[1-9][0-9]*)$/;

function malformed(message: string): never {
  throw new NoteError('CHECKPOINT_MALFORMED', message);
}

/** The note text of a checkpoint; refuses a checkpoint the parser would refuse. */
export function encodeCheckpoint(checkpoint: Checkpoint): string {
  const { origin, size, root, extensions } = checkpoint;
  if (origin.length === 0 || origin.includes('\n')) malformed('the origin must be one non-empty line');
  if (!Number.isSafeInteger(size) || size < 0) malformed(`tree size ${size} is not an integer in 0..2^53−1`);
  if (!(root instanceof Uint8Array) || root.length !== HASH_BYTES) malformed(`the root must be ${HASH_BYTES} bytes`);
  for (const line of extensions) if (line.length === 0 || line.includes('\n')) malformed('an extension line must be one non-empty line');
  const text = [origin, String(size), toBase64(root), ...extensions].join('\n') + '\n';
  checkNoteText(text);
  return text;
}

/**
 * Parses a checkpoint note text (what openNote returns as `text`): strict, so that one checkpoint
 * has one text. Sizes beyond 2^53−1 are refused: the chain has no such height.
 */
export function parseCheckpoint(text: string): Checkpoint {
  try {
    checkNoteText(text);
  } catch (error) {
    malformed(`not a note text: ${(error as Error).message}`);
  }
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) malformed('a checkpoint has an origin, a tree size and a root hash line');
  if (lines.some((line) => line.length === 0)) malformed('a checkpoint has no empty line');
  const [origin, sizeText, rootText, ...extensions] = lines as [string, string, string, ...string[]];
  if (!SIZE_RE.test(sizeText)) malformed('the tree size must be decimal digits without a leading zero');
  const size = Number(sizeText);
  if (!Number.isSafeInteger(size)) malformed('the tree size exceeds 2^53−1');
  const root = fromBase64(rootText);
  if (root === undefined || root.length !== HASH_BYTES) malformed(`the root hash must be canonical base64 of ${HASH_BYTES} bytes`);
  return { origin, size, root: root as Hash32, extensions };
}

/**
 * The checkpoint a header commits to: the history tree over heights 1..h−1. Its leaves are the
 * block hashes themselves, not SHA-256(0x00 || hash) (docs/receipt-format.md §4): consistency
 * proofs are unaffected, inclusion proofs start from the raw block hash.
 */
export function checkpointOfHeader(chainId: string, header: Pick<HeaderMsg, 'chainId' | 'height' | 'historyRoot'>): Checkpoint {
  if (header.chainId !== chainId) malformed(`the header is of chain ${JSON.stringify(header.chainId)}, not ${JSON.stringify(chainId)}`);
  if (!Number.isSafeInteger(header.height) || header.height < 1) malformed(`header height ${header.height} is not a committed height`);
  if (header.historyRoot.length !== HASH_BYTES) malformed(`the header's history root is not ${HASH_BYTES} bytes`);
  return { origin: chainId, size: header.height - 1, root: header.historyRoot.slice() as Hash32, extensions: [] };
}
