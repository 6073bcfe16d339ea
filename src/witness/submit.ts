// The log's side of c2sp.org/tlog-witness: sending a checkpoint to a witness's add-checkpoint with
// a consistency proof from the size the witness last cosigned. `tianping witness submit` and the
// node's own push (node/witness-push.ts) both run this one exchange; each supplies how it gets the
// proof (the node's HTTP API, or the history tree in process). No Node built-ins: fetch is global.
import { fromHex, toBase64 } from '../types/index.js';
import { addCheckpointBody } from './protocol.js';
import { SIZE_MEDIA_TYPE } from './witness.js';

/** A witness's answer as read off the wire. */
export interface WitnessReply {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

export interface SubmitDeps {
  /** The consistency proof from size `from` to the checkpoint's, as base64 hashes. */
  proof(from: number): Promise<readonly string[]>;
  /** Sends an add-checkpoint body and returns the answer; throws when the witness cannot be reached. */
  post(body: string): Promise<WitnessReply>;
}

export type SubmitResult =
  | {
    readonly ok: true;
    /** The witness's cosignature line(s), each ending in a newline: append them to the note. */
    readonly cosignatures: string;
  }
  | {
    readonly ok: false;
    readonly status: number;
    /** The witness's code (ours write `<CODE>: message`), WITNESS_OLD_SIZE_MISMATCH, or HTTP_<status>. */
    readonly code: string;
    readonly message: string;
    /** With WITNESS_OLD_SIZE_MISMATCH: the size the witness holds. */
    readonly held?: number;
  };

const COSIGNATURE_LINES_RE = /^(\u2014 [^\n]+\n)+$/;

/** The size in a 409 text/x.tlog.size answer, or undefined for any other answer. */
export function heldSize(reply: WitnessReply): number | undefined {
  if (reply.status !== 409 || !reply.contentType.startsWith(SIZE_MEDIA_TYPE)) return undefined;
  const match = /^(0|[1-9][0-9]*)\n$/.exec(reply.body);
  return match === null ? undefined : Number(match[1]);
}

/** Hex hashes (as the node's API and history tree give them) as the base64 lines the witness reads. */
export function proofLines(hexHashes: readonly string[]): string[] {
  return hexHashes.map((hash) => {
    const bytes = fromHex(hash);
    if (bytes === undefined) throw new Error('a consistency proof hash is not hex');
    return toBase64(bytes);
  });
}

/**
 * Sends `note` (a signed checkpoint of tree size `size`) with a proof from `oldSize`, the size the
 * caller believes the witness holds (0 when it knows none). A 409 naming another size is retried
 * once with a proof from there: the witness's record, not the caller's, decides.
 */
export async function submitCheckpoint(note: string, size: number, oldSize: number, deps: SubmitDeps): Promise<SubmitResult> {
  const proofFrom = (from: number): Promise<readonly string[]> => (from === 0 || from >= size ? Promise.resolve([]) : deps.proof(from));
  let reply = await deps.post(addCheckpointBody(oldSize, await proofFrom(oldSize), note));
  let held = heldSize(reply);
  if (held !== undefined && held !== oldSize && held <= size) {
    reply = await deps.post(addCheckpointBody(held, await proofFrom(held), note));
    held = heldSize(reply);
  }
  if (reply.status === 200) {
    if (!COSIGNATURE_LINES_RE.test(reply.body)) {
      return { ok: false, status: 200, code: 'WITNESS_REPLY_INVALID', message: 'the witness answered 200 without cosignature lines' };
    }
    return { ok: true, cosignatures: reply.body };
  }
  if (held !== undefined) {
    return { ok: false, status: reply.status, code: 'WITNESS_OLD_SIZE_MISMATCH', held,
      message: `the witness holds size ${held}, the checkpoint is of size ${size}` };
  }
  const code = /^([A-Z_]+):/.exec(reply.body)?.[1] ?? `HTTP_${reply.status}`;
  return { ok: false, status: reply.status, code, message: reply.body.trim().replace(/^[A-Z_]+: /, '') };
}

/** POSTs an add-checkpoint body to `<witness>/add-checkpoint` with fetch; a bounded wait when `timeoutMs` is given. */
export async function postAddCheckpoint(witness: string, body: string, timeoutMs?: number): Promise<WitnessReply> {
  const response = await fetch(`${witness.replace(/\/+$/, '')}/add-checkpoint`, {
    method: 'POST', headers: { 'content-type': 'text/plain; charset=utf-8' }, body,
    ...(timeoutMs === undefined ? {} : { signal: AbortSignal.timeout(timeoutMs) }),
  });
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: await response.text() };
}
