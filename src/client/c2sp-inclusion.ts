// An entry of a C2SP transparency log proved offline (docs/crosschain.md §3, §4): the checkpoint note
// opens with the log's key, names the log's origin, is cosigned by a quorum of the witnesses the
// registration names, agrees with a checkpoint of the same size the light client recorded, and the
// entry's leaf is in the checkpoint's tree (RFC 6962 inclusion). Each check is named in the result,
// as in the receipt verifiers. Browser-safe: no node:* imports.
import {
  isNoteError, openNote, parseCheckpoint, parseVerifierKey, type Checkpoint, type NoteVerifier,
} from '../checkpoint/index.js';
import { sha256 } from '../crypto/hash.js';
import { verifyInclusion } from '../merkle/index.js';
import { concatBytes, equalBytes, fromBase64, fromHex, toHex } from '../types/index.js';
import { parseCosignerKey, verifyCosignatures, type CosignerKey } from '../witness/cosignature.js';
import { fail } from './receipt-commit.js';
import { TrustAnchorError } from './receipt-trust.js';
import { runChecks, type FailedChecks, type ReceiptCheck } from './receipt-verify.js';

export const C2SP_INCLUSION_CHECKS = ['format', 'note', 'origin', 'witnesses', 'recorded', 'inclusion'] as const;
export type C2spInclusionCheckId = (typeof C2SP_INCLUSION_CHECKS)[number];

/** A tree below 2^63 leaves has audit paths of at most 63 hashes (docs/crosschain.md §6). */
const PROOF_HASHES_MAX = 63;
const HEX32 = /^[0-9a-fA-F]{64}$/;

/** The proof a platform gives for one log entry: exactly one of `leafHash` and `entry`. */
export interface C2spInclusionProof {
  /** RFC 6962 leaf hash, 64 hex characters. */
  readonly leafHash?: string;
  /** The entry's bytes in base64; its leaf hash is SHA-256(0x00 || entry). */
  readonly entry?: string;
  readonly index: number;
  /** Audit path, bottom-up, hex of 32 bytes each. */
  readonly proof: readonly string[];
  /** The checkpoint as a signed note, with the witnesses' cosignature lines. */
  readonly checkpoint: string;
}

/** The log as registered (C2spLogAnchor). */
export interface C2spLog {
  readonly origin: string;
  /** The log's signed-note verifier key. */
  readonly logKey: string;
  /** The witnesses' cosignature/v1 verifier keys. */
  readonly witnessKeys: readonly string[];
  /** How many distinct witness keys must cosign; 0: none required. */
  readonly witnessQuorum: number;
}

/** A checkpoint the light client recorded: its tree size and root (bytes or hex). */
export interface RecordedCheckpoint {
  readonly size: number;
  readonly root: Uint8Array | string;
}

interface Facts {
  /** Lowercase hex, once the proof is well-formed. */
  readonly leafHash?: string;
  /** The checkpoint's tree size and root (hex), once the note is read as a checkpoint. */
  readonly size?: number;
  readonly root?: string;
}

export type C2spInclusionVerification = Facts & (
  | { readonly valid: true; readonly checks: readonly ReceiptCheck<C2spInclusionCheckId>[] }
  | FailedChecks<C2spInclusionCheckId>);

interface PreparedLog {
  readonly origin: string;
  readonly verifier: NoteVerifier;
  readonly witnesses: readonly CosignerKey[];
  readonly quorum: number;
  readonly recorded?: { readonly size: number; readonly root: Uint8Array };
}

/** The log anchor and the recorded checkpoint are the verifier's inputs: unusable ones are errors, not verdicts. */
function prepareLog(log: C2spLog, recorded: RecordedCheckpoint | undefined): PreparedLog {
  const bad = (message: string): never => {
    throw new TrustAnchorError(`log anchor: ${message}`);
  };
  if (typeof log.origin !== 'string' || log.origin.length === 0 || log.origin.includes('\n')) bad('the origin must be one non-empty line');
  const parseKey = <T>(parse: () => T, what: string): T => {
    try {
      return parse();
    } catch (error) {
      return bad(`${what}: ${(error as Error).message}`);
    }
  };
  const verifier = parseKey(() => parseVerifierKey(log.logKey), 'the log key');
  const witnesses = log.witnessKeys.map((key, i) => parseKey(() => parseCosignerKey(key), `witness key ${i}`));
  const distinct = new Set(witnesses.map((w) => `${w.name} ${w.keyId}`)).size;
  if (!Number.isSafeInteger(log.witnessQuorum) || log.witnessQuorum < 0 || log.witnessQuorum > distinct) {
    bad(`the witness quorum ${log.witnessQuorum} is not in 0..${distinct} (the distinct witness keys)`);
  }
  if (recorded === undefined) return { origin: log.origin, verifier, witnesses, quorum: log.witnessQuorum };
  const root = typeof recorded.root === 'string' ? fromHex(recorded.root) : recorded.root;
  if (root === undefined || root.length !== 32) bad('the recorded root is not 32 bytes');
  if (!Number.isSafeInteger(recorded.size) || recorded.size < 0) bad(`the recorded size ${recorded.size} is not a tree size`);
  return { origin: log.origin, verifier, witnesses, quorum: log.witnessQuorum, recorded: { size: recorded.size, root: root! } };
}

/**
 * Runs every check in order and stops at the first failure. Never throws for anything in the
 * proof; throws TrustAnchorError for an unusable log anchor or recorded checkpoint.
 */
export function verifyC2spInclusion(proof: C2spInclusionProof, log: C2spLog, recorded?: RecordedCheckpoint): C2spInclusionVerification {
  const verifier = new InclusionVerifier(proof, prepareLog(log, recorded));
  const run = runChecks(C2SP_INCLUSION_CHECKS, (id) => verifier.run(id));
  return { ...run, ...verifier.facts() };
}

class InclusionVerifier {
  #leafHash: Uint8Array | undefined;
  #path: Uint8Array[] = [];
  #text = '';
  #checkpoint: Checkpoint | undefined;

  constructor(readonly proof: C2spInclusionProof, readonly log: PreparedLog) {}

  run(id: C2spInclusionCheckId): string {
    switch (id) {
      case 'format': return this.#format();
      case 'note': return this.#note();
      case 'origin': return this.#origin();
      case 'witnesses': return this.#witnesses();
      case 'recorded': return this.#recorded();
      case 'inclusion': return this.#inclusion();
    }
  }

  facts(): Facts {
    const checkpoint = this.#checkpoint;
    return {
      ...(this.#leafHash === undefined ? {} : { leafHash: toHex(this.#leafHash) }),
      ...(checkpoint === undefined ? {} : { size: checkpoint.size, root: toHex(checkpoint.root) }),
    };
  }

  #format(): string {
    // The proof comes from outside (JSON): every field is checked for its type here, whatever the static type says.
    const p = this.proof as unknown as Record<string, unknown>;
    if (typeof p !== 'object' || p === null) fail('the proof must be an object');
    const hasLeaf = p['leafHash'] !== undefined;
    if (hasLeaf === (p['entry'] !== undefined)) fail('give exactly one of leafHash and entry');
    if (hasLeaf) {
      const hex = p['leafHash'];
      if (typeof hex !== 'string' || !HEX32.test(hex)) fail('leafHash must be 64 hex characters');
      this.#leafHash = fromHex(hex)!;
    } else {
      const entry = typeof p['entry'] === 'string' ? fromBase64(p['entry']) : undefined;
      if (entry === undefined) fail('entry must be canonical base64');
      this.#leafHash = sha256(concatBytes(Uint8Array.of(0), entry));
    }
    const index = p['index'];
    if (typeof index !== 'number' || !Number.isSafeInteger(index) || index < 0) fail('index must be a non-negative integer below 2^53');
    const path = p['proof'];
    if (!Array.isArray(path)) fail('proof must be an array of hex hashes');
    if (path.length > PROOF_HASHES_MAX) fail(`proof has ${path.length} hashes, more than ${PROOF_HASHES_MAX}`);
    this.#path = path.map((h: unknown, i) => {
      if (typeof h !== 'string' || !HEX32.test(h)) fail(`proof hash ${i} is not 64 hex characters`);
      return fromHex(h)!;
    });
    if (typeof p['checkpoint'] !== 'string' || p['checkpoint'].length === 0) fail('checkpoint must be the signed note as text');
    return `leaf ${toHex(this.#leafHash)}${hasLeaf ? '' : ' (SHA-256(0x00 || entry))'} at index ${index}, ${path.length} proof hash(es)`;
  }

  #note(): string {
    try {
      this.#text = openNote(this.proof.checkpoint, [this.log.verifier]).text;
    } catch (error) {
      if (!isNoteError(error)) throw error;
      const detail = error.code === 'NOTE_UNVERIFIED' ? 'the log\'s key did not sign the note' : error.message;
      fail(`the note does not open with the log key ${this.log.verifier.name}: ${detail}`);
    }
    return `signed by the log key ${this.log.verifier.name}`;
  }

  #origin(): string {
    let checkpoint: Checkpoint;
    try {
      checkpoint = parseCheckpoint(this.#text);
    } catch (error) {
      fail(`the note is not a checkpoint: ${(error as Error).message}`);
    }
    if (checkpoint.origin !== this.log.origin) fail(`the checkpoint is of ${JSON.stringify(checkpoint.origin)}, not ${JSON.stringify(this.log.origin)}`);
    this.#checkpoint = checkpoint;
    return `checkpoint of ${JSON.stringify(checkpoint.origin)}, size ${checkpoint.size}, root ${toHex(checkpoint.root)}`;
  }

  #witnesses(): string {
    const { witnesses, quorum } = this.log;
    if (quorum === 0) return 'none required by the log\'s registration';
    const cosigned = verifyCosignatures(this.proof.checkpoint, witnesses, quorum);
    if (!cosigned.ok) {
      const broken = cosigned.invalid.length === 0 ? '' : `; ${cosigned.invalid.length} cosignature(s) of trusted witnesses do not verify`;
      fail(`${cosigned.verified.length} of the log's witnesses cosigned the checkpoint, ${quorum} required${broken}`);
    }
    return `${cosigned.verified.length} witness(es) cosigned (${cosigned.verified.map((w) => w.name).join(', ')}), ${quorum} required`;
  }

  #recorded(): string {
    const recorded = this.log.recorded;
    const checkpoint = this.#checkpoint!;
    if (recorded === undefined) return 'no recorded checkpoint given';
    if (recorded.size !== checkpoint.size) return `the recorded checkpoint is of size ${recorded.size}, this one of ${checkpoint.size}: nothing to compare`;
    if (!equalBytes(recorded.root, checkpoint.root)) {
      fail(`the recorded checkpoint of size ${recorded.size} has root ${toHex(recorded.root)}, this one ${toHex(checkpoint.root)}: the log forked`);
    }
    return `the recorded checkpoint of size ${recorded.size} has the same root`;
  }

  #inclusion(): string {
    const checkpoint = this.#checkpoint!;
    const index = this.proof.index;
    if (index >= checkpoint.size) fail(`index ${index} is not below the checkpoint's tree size ${checkpoint.size}`);
    if (!verifyInclusion(this.#leafHash!, index, checkpoint.size, this.#path, checkpoint.root)) {
      fail(`the proof does not lead from leaf ${toHex(this.#leafHash!)} at ${index} of ${checkpoint.size} to the checkpoint's root`);
    }
    return `leaf ${index} of ${checkpoint.size} under root ${toHex(checkpoint.root)}`;
  }
}
