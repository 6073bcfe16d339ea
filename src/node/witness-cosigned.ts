// What the witnesses cosigned, kept by the node beside its ledger (witness-cosigned.json): per
// witness, the newest checkpoint it cosigned as the note the node sent with the witness's
// cosignature line appended, and the size the witness holds. It is not consensus state: losing it
// costs only the receipts that carry cosignatures until the next push round, and the sizes are
// learnt again from the witnesses' 409 answers. It is replaced atomically, so a crash leaves the
// old record or the new one.
import { readFileSync } from 'node:fs';
import { parseCheckpoint, parseNote } from '../checkpoint/index.js';
import { writeFileDurably } from '../witness/index.js';

export const COSIGNED_FILE = 'witness-cosigned.json';
const FILE_VERSION = 1;

/** The newest checkpoint one witness cosigned, as it was cosigned. */
export interface CosignedCheckpoint {
  /** Tree size: the checkpoint of header size + 1. */
  readonly size: number;
  /** The checkpoint note the node sent, followed by the witness's cosignature line(s). */
  readonly note: string;
}

/** Per witness (by its verifier key): what it holds and what it last cosigned. */
export interface WitnessRecord {
  /** The size the witness holds as far as the node knows (0 when it knows nothing). */
  readonly held: number;
  readonly cosigned?: CosignedCheckpoint;
}

export type CosignedRecords = ReadonlyMap<string, WitnessRecord>;

export function encodeCosigned(records: CosignedRecords): string {
  const witnesses: Record<string, WitnessRecord> = {};
  for (const [key, record] of [...records].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) witnesses[key] = record;
  return JSON.stringify({ version: FILE_VERSION, witnesses }, null, 2) + '\n';
}

/** Reads the record; throws with a message naming what is wrong (the caller decides what a bad file costs). */
export function decodeCosigned(text: string): Map<string, WitnessRecord> {
  const document = JSON.parse(text) as { version?: unknown; witnesses?: unknown };
  if (document?.version !== FILE_VERSION) throw new Error(`version is not ${FILE_VERSION}`);
  const { witnesses } = document;
  if (typeof witnesses !== 'object' || witnesses === null || Array.isArray(witnesses)) throw new Error('no "witnesses" object');
  const records = new Map<string, WitnessRecord>();
  for (const [key, value] of Object.entries(witnesses as Record<string, unknown>)) {
    const { held, cosigned } = (value ?? {}) as { held?: unknown; cosigned?: { size?: unknown; note?: unknown } };
    if (typeof held !== 'number' || !Number.isSafeInteger(held) || held < 0) throw new Error(`witness ${key}: "held" is not a size`);
    if (cosigned === undefined) {
      records.set(key, { held });
      continue;
    }
    const { size, note } = cosigned;
    if (typeof note !== 'string' || typeof size !== 'number') throw new Error(`witness ${key}: "cosigned" is not a size and a note`);
    // The note must be the checkpoint of the size it is filed under: receipts are built from it.
    if (parseCheckpoint(parseNote(note).text).size !== size) throw new Error(`witness ${key}: the note is not of size ${size}`);
    records.set(key, { held, cosigned: { size, note } });
  }
  return records;
}

/** The file beside the ledger. A missing file is an empty record. */
export class CosignedFile {
  constructor(readonly path: string) {}

  load(): Map<string, WitnessRecord> {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
      throw error;
    }
    return decodeCosigned(text);
  }

  save(records: CosignedRecords): void {
    writeFileDurably(this.path, encodeCosigned(records));
  }
}

/**
 * The newest checkpoint at least `count` of the witnesses cosigned, as one note: the text with the
 * log's signature line(s) and every cosignature line of the witnesses whose newest it is. The node
 * sends one note per round to every witness, so all of them cosign the same note; a witness that
 * missed the round is left out until the next one. Undefined when no size has `count` witnesses.
 */
export function mergeCosigned(records: CosignedRecords, count: number): CosignedCheckpoint | undefined {
  const bySize = new Map<number, CosignedCheckpoint[]>();
  for (const { cosigned } of records.values()) {
    if (cosigned === undefined) continue;
    bySize.set(cosigned.size, [...(bySize.get(cosigned.size) ?? []), cosigned]);
  }
  const sizes = [...bySize.keys()].filter((size) => bySize.get(size)!.length >= count).sort((a, b) => b - a);
  if (sizes.length === 0) return undefined;
  const notes = bySize.get(sizes[0]!)!;
  const first = parseNote(notes[0]!.note);
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const { note } of notes) {
    const parsed = parseNote(note);
    // Another text under the same size would be a fork of the node's own chain: never merged.
    if (parsed.text !== first.text) continue;
    for (const line of note.slice(note.lastIndexOf('\n\n') + 2).split('\n')) {
      if (line !== '' && !seen.has(line)) {
        seen.add(line);
        lines.push(line);
      }
    }
  }
  return { size: sizes[0]!, note: `${first.text}\n${lines.map((line) => `${line}\n`).join('')}` };
}
