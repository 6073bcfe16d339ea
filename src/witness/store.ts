// The witness's durable record: per origin, the size and root hash it last cosigned. Losing it
// would let the witness cosign a fork of a history it already vouched for, so the file is replaced
// atomically (write a temporary file, fsync it, rename over the old one, fsync the folder) and a file
// that does not parse stops the witness instead of being taken for an empty record.
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { HASH_BYTES, fromBase64, toBase64, type Hash32 } from '../types/index.js';
import { WitnessError } from './errors.js';
import type { Recorded } from './protocol.js';

export type WitnessState = ReadonlyMap<string, Recorded>;

/** Where the record lives; tests use memory, the witness a file. */
export interface WitnessStore {
  load(): Promise<WitnessState>;
  /** Resolves only once the state is durable: the witness answers after that. */
  save(state: WitnessState): Promise<void>;
}

const STATE_VERSION = 1;

export function encodeState(state: WitnessState): string {
  const logs: Record<string, { size: number; root: string }> = {};
  for (const [origin, { size, root }] of [...state].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    logs[origin] = { size, root: toBase64(root) };
  }
  return JSON.stringify({ version: STATE_VERSION, logs }, null, 2) + '\n';
}

function invalid(message: string): never {
  throw new WitnessError('WITNESS_STATE_INVALID', message);
}

export function decodeState(text: string): WitnessState {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    invalid('the state is not JSON');
  }
  const { version, logs } = (document ?? {}) as { version?: unknown; logs?: unknown };
  if (version !== STATE_VERSION) invalid(`the state's version is not ${STATE_VERSION}`);
  if (typeof logs !== 'object' || logs === null || Array.isArray(logs)) invalid('the state has no "logs" object');
  const state = new Map<string, Recorded>();
  for (const [origin, entry] of Object.entries(logs)) {
    const { size, root } = (entry ?? {}) as { size?: unknown; root?: unknown };
    const rootBytes = typeof root === 'string' ? fromBase64(root) : undefined;
    if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0 || rootBytes?.length !== HASH_BYTES) {
      invalid(`the state of ${JSON.stringify(origin)} is not a size and a base64 root hash`);
    }
    state.set(origin, { size, root: rootBytes as Hash32 });
  }
  return state;
}

/** In memory, through the same encoding as the file, so tests see what a restart would read. */
export class MemoryWitnessStore implements WitnessStore {
  private text: string | undefined;

  load(): Promise<WitnessState> {
    return Promise.resolve(this.text === undefined ? new Map() : decodeState(this.text));
  }

  save(state: WitnessState): Promise<void> {
    this.text = encodeState(state);
    return Promise.resolve();
  }
}

/** A JSON file replaced atomically. A missing file is an empty record (a new witness). */
export class FileWitnessStore implements WitnessStore {
  constructor(readonly path: string) {}

  load(): Promise<WitnessState> {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return Promise.resolve(new Map());
      throw error;
    }
    return Promise.resolve(decodeState(text));
  }

  save(state: WitnessState): Promise<void> {
    writeFileDurably(this.path, encodeState(state));
    return Promise.resolve();
  }
}

/**
 * Replaces `path` with `text` atomically and durably: a temporary file beside it, fsync, rename
 * over the old one, fsync of the folder. A crash leaves the old file or the new one, never a mix.
 */
export function writeFileDurably(path: string, text: string): void {
  const temporary = join(dirname(path), `.${basename(path)}.tmp`);
  const fd = openSync(temporary, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
  // The rename is durable only once the folder's entry is.
  const folder = openSync(dirname(path), 'r');
  try {
    fsyncSync(folder);
  } finally {
    closeSync(folder);
  }
}
