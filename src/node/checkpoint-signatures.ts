// Validators' signatures of the chain's checkpoints, gathered over gossip (docs/checkpoints.md §5).
// A commit's precommits sign the block hash, not the C2SP checkpoint text, so a checkpoint signed by
// the chain needs a signing step of its own: after each commit a validator of that height signs the
// checkpoint its header makes (origin = chain id, size = h − 1, root = h's history root) and
// publishes the note with its one signature line. Every node keeps the lines that verify under the
// keys of height h's validator set, for the newest few heights, and serves the newest checkpoint
// whose lines hold more than 2/3 of that set's power as one note: the form a witness started with
// `--log-quorum` and a verifier counting power (§5) read.
//
// What a peer may send, and what it costs it: a note that does not parse, names another chain,
// carries other than one signature line, signs another root than the one this node committed at
// that height, or is signed by no validator of the height (or badly) is rejected (the relaying peer
// is scored down); a note of a height this node has not committed yet is held, a few per height,
// until it has (validators commit at nearly the same moment, so a peer's line often arrives first);
// one of a height too old to be served is ignored.
import {
  NOTE_SIGNATURES_MAX, ed25519NoteSigner, encodeCheckpoint, noteKeyId, parseCheckpoint, parseNote, signNote,
  type Checkpoint, type NoteSignature,
} from '../checkpoint/index.js';
import type { ValidatorEntry } from '../codec/block.js';
import { equalBytes, toBase64, utf8, type PublicKey } from '../types/index.js';

/** Heights whose lines are kept: the served checkpoint is the newest of them with a quorum. */
export const CHECKPOINT_HEIGHTS_KEPT = 16;
/** Heights above this node's tip whose notes are held until it commits them. */
const HEIGHTS_AHEAD_HELD = 2;
/** Bytes of one gossiped note: a checkpoint text and one Ed25519 line are ~200. */
export const CHECKPOINT_SIGNATURE_BYTES_MAX = 1_024;
const KEY_ID_BYTES = 4;

export type CheckpointVerdict = 'accept' | 'ignore' | 'reject';

export interface CheckpointSignaturesComponents {
  readonly chainId: string;
  /** This node's key: it signs a height's checkpoint only when the key is in that height's set. */
  readonly key: { readonly seed: Uint8Array; readonly publicKey: Uint8Array };
  /** The checkpoint of committed height h (its header's), or undefined when h is not committed here. */
  readonly checkpointAt: (height: number) => Promise<Checkpoint | undefined>;
  /** The validator set that signs height h's block. */
  readonly validatorsAt: (height: number) => Promise<readonly ValidatorEntry[]>;
  readonly tipHeight: () => number;
  /** Ed25519 verification of a line, by the node's verifier. */
  readonly verify: (publicKey: PublicKey, message: Uint8Array, signature: Uint8Array) => boolean;
  /** Sends this node's own line to its peers. */
  readonly publish: (note: Uint8Array) => void;
}

interface HeightLines {
  readonly text: string;
  readonly validators: readonly ValidatorEntry[];
  /** Each validator's note key ID (a SHA-256 each), made once per height, not per message. */
  readonly keyIds: readonly number[];
  /** Verified lines by validator index in the set (the set's order). */
  readonly lines: Map<number, NoteSignature>;
}

/** Lines of one height gathered so far, or held until the height is committed here. */
export class CheckpointSignatures {
  private readonly heights = new Map<number, HeightLines>();
  private readonly held = new Map<number, Uint8Array[]>();

  constructor(private readonly c: CheckpointSignaturesComponents) {}

  /** After this node committed `height`: its own line when it is a validator, then the lines held for it. */
  async onCommit(height: number): Promise<void> {
    const entry = await this.entryOf(height);
    if (entry === undefined) return;
    const own = entry.validators.findIndex((v) => equalBytes(v.publicKey, this.c.key.publicKey));
    if (own >= 0 && !entry.lines.has(own)) {
      const note = signNote(entry.text, [ed25519NoteSigner(this.c.chainId, this.c.key)]);
      const [line] = parseNote(note).signatures;
      entry.lines.set(own, line!);
      this.c.publish(utf8(note));
    }
    const held = this.held.get(height) ?? [];
    this.held.delete(height);
    for (const data of held) await this.onGossip(data);
    this.prune();
  }

  /** A note from a peer: its verdict for the gossip layer (reject scores the relaying peer down). */
  async onGossip(data: Uint8Array): Promise<CheckpointVerdict> {
    if (data.length > CHECKPOINT_SIGNATURE_BYTES_MAX) return 'reject';
    let text: string;
    let signature: NoteSignature;
    let checkpoint: Checkpoint;
    try {
      const parsed = parseNote(data);
      if (parsed.signatures.length !== 1) return 'reject';
      [text, signature] = [parsed.text, parsed.signatures[0]!];
      checkpoint = parseCheckpoint(text);
    } catch {
      return 'reject';
    }
    if (checkpoint.origin !== this.c.chainId || signature.name !== this.c.chainId || checkpoint.extensions.length > 0) return 'reject';
    const height = checkpoint.size + 1;
    const tip = this.c.tipHeight();
    if (height > tip) return this.hold(height, tip, data);
    if (height <= tip - CHECKPOINT_HEIGHTS_KEPT) return 'ignore';
    const entry = await this.entryOf(height);
    if (entry === undefined) return 'ignore';
    if (entry.text !== text) return 'reject'; // another root (or size form) than the header committed here
    const index = entry.keyIds.indexOf(signature.keyId);
    if (index < 0) return 'reject';
    if (entry.lines.has(index)) return 'ignore';
    if (!this.c.verify(entry.validators[index]!.publicKey as PublicKey, utf8(text), signature.signature)) return 'reject';
    entry.lines.set(index, signature);
    return 'accept';
  }

  /**
   * The newest kept checkpoint whose verified lines hold more than 2/3 of its set's power, as one
   * note with the lines in the set's order; undefined when no kept height has such a quorum yet.
   */
  quorumNote(): { readonly height: number; readonly note: string } | undefined {
    const newestFirst = [...this.heights.keys()].sort((a, b) => b - a);
    for (const height of newestFirst) {
      const entry = this.heights.get(height)!;
      let signed = 0;
      let total = 0;
      entry.validators.forEach((v, index) => {
        total += v.power;
        if (entry.lines.has(index)) signed += v.power;
      });
      if (3 * signed > 2 * total) return { height, note: assembleNote(entry.text, entry) };
    }
    return undefined;
  }

  private async entryOf(height: number): Promise<HeightLines | undefined> {
    const known = this.heights.get(height);
    if (known !== undefined) return known;
    const checkpoint = await this.c.checkpointAt(height);
    if (checkpoint === undefined) return undefined;
    const validators = await this.c.validatorsAt(height);
    const keyIds = validators.map((v) => noteKeyId(this.c.chainId, v.publicKey));
    const entry: HeightLines = { text: encodeCheckpoint(checkpoint), validators, keyIds, lines: new Map() };
    // Another call may have made it while this one awaited: keep the first, which may hold lines.
    const again = this.heights.get(height);
    if (again !== undefined) return again;
    this.heights.set(height, entry);
    return entry;
  }

  private hold(height: number, tip: number, data: Uint8Array): CheckpointVerdict {
    if (height > tip + HEIGHTS_AHEAD_HELD) return 'ignore';
    const held = this.held.get(height) ?? [];
    // A set holds at most NOTE_SIGNATURES_MAX lines that count; beyond that a peer is flooding.
    if (held.length >= NOTE_SIGNATURES_MAX) return 'ignore';
    held.push(data);
    this.held.set(height, held);
    // Not forwarded until checked: a peer forwarding unchecked notes would spread junk.
    return 'ignore';
  }

  private prune(): void {
    const lowest = this.c.tipHeight() - CHECKPOINT_HEIGHTS_KEPT;
    for (const height of this.heights.keys()) if (height <= lowest) this.heights.delete(height);
    for (const height of this.held.keys()) if (height <= lowest) this.held.delete(height);
  }
}

/** A signed note from its text and verified lines, in the set's order (c2sp.org/signed-note). */
function assembleNote(text: string, entry: HeightLines): string {
  let lines = '';
  for (let index = 0; index < entry.validators.length; index++) {
    const line = entry.lines.get(index);
    if (line === undefined) continue;
    const payload = new Uint8Array(KEY_ID_BYTES + line.signature.length);
    new DataView(payload.buffer).setUint32(0, line.keyId >>> 0);
    payload.set(line.signature, KEY_ID_BYTES);
    lines += `\u2014 ${line.name} ${toBase64(payload)}\n`;
  }
  return `${text}\n${lines}`;
}

