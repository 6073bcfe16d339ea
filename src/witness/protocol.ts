// The add-checkpoint protocol (c2sp.org/tlog-witness) as pure functions: the request body parsed,
// then a decision from the witness's configuration and its record of the latest cosigned
// checkpoint per origin. Cosigning, clocks and storage stay in witness.ts, so every rule here is
// tested with plain values.
import {
  isNoteError, parseCheckpoint, parseNote, parseVerifierKey, verifyNote, type Checkpoint, type NoteVerifier, type ParsedNote,
} from '../checkpoint/index.js';
import { emptyRoot, verifyConsistency } from '../merkle/index.js';
import { HASH_BYTES, equalBytes, fromBase64, fromUtf8, type Hash32 } from '../types/index.js';
import { WITNESS_REFUSALS, WitnessError, type WitnessRefusalCode } from './errors.js';

/** The spec's limit on consistency proof lines. */
export const PROOF_LINES_MAX = 63;
const OLD_LINE_RE = /^old (0|[1-9][0-9]*)$/;

/** A log the witness follows: its origin, the keys it signs checkpoints with, and how many must sign. */
export interface LogConfig {
  readonly origin: string;
  readonly verifiers: readonly NoteVerifier[];
  readonly quorum: number;
}

/** What the witness last cosigned for one origin. */
export interface Recorded {
  readonly size: number;
  readonly root: Hash32;
}

export interface AddCheckpointRequest {
  readonly oldSize: number;
  readonly proof: readonly Uint8Array[];
  readonly note: Uint8Array;
}

export type Decision =
  | { readonly kind: 'cosign'; readonly checkpoint: Checkpoint; readonly text: string }
  | {
    readonly kind: 'refuse'; readonly code: WitnessRefusalCode; readonly status: number; readonly message: string;
    /** With WITNESS_OLD_SIZE_MISMATCH: the size the witness holds, which the answer must carry. */
    readonly latestSize?: number;
  };

function refuse(code: WitnessRefusalCode, message: string, latestSize?: number): Decision {
  return { kind: 'refuse', code, status: WITNESS_REFUSALS[code], message, ...(latestSize === undefined ? {} : { latestSize }) };
}

function malformed(message: string): never {
  throw new WitnessError('WITNESS_REQUEST_MALFORMED', message);
}

/** Reads the next newline-terminated line as ASCII from `offset`; undefined at the end of the body. */
function nextLine(body: Uint8Array, offset: number): { line: string; next: number } | undefined {
  const end = body.indexOf(0x0a, offset);
  if (end < 0) return undefined;
  return { line: fromUtf8(body.subarray(offset, end)), next: end + 1 };
}

/**
 * Parses an add-checkpoint body: "old <size>", at most 63 lines of one base64 hash each, a blank line,
 * then the checkpoint note (the rest of the body, bytes as they came). Throws WITNESS_REQUEST_MALFORMED.
 */
export function parseAddCheckpoint(body: Uint8Array): AddCheckpointRequest {
  const first = nextLine(body, 0);
  const match = first === undefined ? null : OLD_LINE_RE.exec(first.line);
  if (first === undefined || match === null) malformed('the body must start with a line "old <size>"');
  const oldSize = Number(match[1]);
  if (!Number.isSafeInteger(oldSize)) malformed('the old size exceeds 2^53−1');
  const proof: Uint8Array[] = [];
  let offset = first.next;
  for (;;) {
    const read = nextLine(body, offset);
    if (read === undefined) malformed('no blank line ends the consistency proof');
    offset = read.next;
    if (read.line === '') break;
    if (proof.length === PROOF_LINES_MAX) malformed(`more than ${PROOF_LINES_MAX} consistency proof lines`);
    const hash = fromBase64(read.line);
    if (hash === undefined || hash.length !== HASH_BYTES) malformed('a consistency proof line must be canonical base64 of 32 bytes');
    proof.push(hash);
  }
  return { oldSize, proof, note: body.subarray(offset) };
}

/** The origin's checkpoint, read without trusting it: only its origin decides which keys to check. */
function readCheckpoint(note: Uint8Array): { checkpoint: Checkpoint; parsed: ParsedNote } {
  try {
    const parsed = parseNote(note);
    return { checkpoint: parseCheckpoint(parsed.text), parsed };
  } catch (error) {
    if (isNoteError(error)) malformed(`not a signed checkpoint: ${error.message}`);
    throw error;
  }
}

/** How many of the log's keys signed; 0 when one of them signed badly (the note is then not the log's). */
function logSignatures(note: ParsedNote, log: LogConfig): { count: number; why?: string } {
  try {
    return { count: verifyNote(note, log.verifiers).verified.length };
  } catch (error) {
    if (isNoteError(error)) return { count: 0, why: error.message };
    throw error;
  }
}

/**
 * Decides an add-checkpoint request, in the spec's order: the origin (404), the log's signatures
 * (403), old size against the checkpoint's (400) and against the recorded one (409 with that size),
 * the consistency proof (422), and at equal sizes the root hashes (409: a fork).
 */
export function decideAddCheckpoint(logs: ReadonlyMap<string, LogConfig>, latest: (origin: string) => Recorded | undefined,
  request: AddCheckpointRequest): Decision {
  const { checkpoint, parsed } = readCheckpoint(request.note);
  const log = logs.get(checkpoint.origin);
  if (log === undefined) return refuse('WITNESS_ORIGIN_UNKNOWN', `no log with origin ${JSON.stringify(checkpoint.origin)} is witnessed here`);
  const signed = logSignatures(parsed, log);
  if (signed.count < log.quorum) {
    return refuse('WITNESS_LOG_SIGNATURE_MISSING', signed.why ?? `${signed.count} of the log's keys signed, ${log.quorum} must`);
  }
  const { oldSize, proof } = request;
  if (oldSize > checkpoint.size) return refuse('WITNESS_OLD_SIZE_BEYOND_CHECKPOINT', `old size ${oldSize} is beyond the checkpoint's ${checkpoint.size}`);
  const recorded = latest(checkpoint.origin);
  const recordedSize = recorded?.size ?? 0;
  if (oldSize !== recordedSize) {
    return refuse('WITNESS_OLD_SIZE_MISMATCH', `the latest checkpoint cosigned here has size ${recordedSize}, not ${oldSize}`, recordedSize);
  }
  // Nothing recorded: every tree extends the empty one, whose root is fixed.
  const oldRoot = recorded?.root ?? emptyRoot();
  if (oldSize === checkpoint.size && proof.length === 0) {
    if (!equalBytes(oldRoot, checkpoint.root)) {
      return refuse('WITNESS_FORK', `size ${oldSize} was cosigned here with another root hash: the log forked`);
    }
  } else if (!verifyConsistency(oldSize, checkpoint.size, proof, oldRoot, checkpoint.root)) {
    return refuse('WITNESS_PROOF_INVALID', `the consistency proof from size ${oldSize} to ${checkpoint.size} does not verify`);
  }
  return { kind: 'cosign', checkpoint, text: parsed.text };
}

/** The body of an add-checkpoint request: old size, proof hashes (base64), a blank line, the note. */
export function addCheckpointBody(oldSize: number, proof: readonly string[], note: string): string {
  return `old ${oldSize}\n${proof.map((hash) => `${hash}\n`).join('')}\n${note}`;
}

/** Parses a --log value: ORIGIN=VERIFIERKEY[,VERIFIERKEY...] (base64 has '=', so only the first splits). */
export function parseLogSpec(spec: string, quorum: number): LogConfig {
  const split = spec.indexOf('=');
  if (split <= 0) throw new WitnessError('WITNESS_CONFIG_INVALID', `--log ${JSON.stringify(spec)} is not ORIGIN=VERIFIERKEY[,VERIFIERKEY...]`);
  const origin = spec.slice(0, split);
  const texts = spec.slice(split + 1).split(',');
  const verifiers = texts.map((text) => {
    try {
      return parseVerifierKey(text);
    } catch (error) {
      throw new WitnessError('WITNESS_CONFIG_INVALID', `log ${origin}: ${(error as Error).message}`);
    }
  });
  if (new Set(texts).size !== texts.length) throw new WitnessError('WITNESS_CONFIG_INVALID', `log ${origin}: a verifier key is given twice`);
  if (!Number.isSafeInteger(quorum) || quorum < 1 || quorum > verifiers.length) {
    throw new WitnessError('WITNESS_CONFIG_INVALID', `log ${origin}: the quorum ${quorum} is not in 1..${verifiers.length} (its keys)`);
  }
  return { origin, verifiers, quorum };
}
