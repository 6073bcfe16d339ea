// The evidence file, hashed in the browser: it never leaves the computer, only its digests do. The
// file is read in chunks by the SDK's streaming hashers (the CLI's own), one pass at a time, with
// progress shown, and its facts (name, size, digests) are shown as they become known.
import { createHasher, fromHex, toHex, type EvidenceAlgorithm } from './tianping-web.js';
import { fillFields, formatBytes, type FieldRow } from './page-dom.js';
import { $, ALGORITHM_LABELS, state } from './page-state.js';

// Read and hashed per step: big enough that the per-call overhead vanishes, small enough that the
// page stays responsive (a step takes some 30 ms of JavaScript hashing) and memory stays flat for a
// file of many gigabytes.
const CHUNK_BYTES = 2 * 1024 * 1024;
const HEX_RE = /^(?:[0-9a-fA-F]{2})*$/;

/** The salt field: { ok: true, bytes } (bytes undefined when empty) or { ok: false }. */
export function readSalt(): { readonly ok: true; readonly bytes: Uint8Array | undefined } | { readonly ok: false } {
  const text = $<HTMLInputElement>('salt-input').value.trim();
  if (text === '') return { ok: true, bytes: undefined };
  if (!HEX_RE.test(text)) return { ok: false };
  return { ok: true, bytes: fromHex(text.toLowerCase()) };
}

function showProgress(done: number, total: number, algorithms: readonly EvidenceAlgorithm[]): void {
  const status = $('hash-status');
  status.hidden = false;
  const bar = $<HTMLProgressElement>('hash-progress');
  bar.max = Math.max(total, 1);
  bar.value = done;
  const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
  const names = algorithms.map((a) => ALGORITHM_LABELS[a]).join(' + ');
  $('hash-progress-text').textContent = done < total
    ? `正在计算 ${names} 哈希 Hashing (${names}): ${formatBytes(done)} / ${formatBytes(total)} (${percent}%)`
    : `${names} 哈希已完成 Hashed: ${formatBytes(total)} (100%)`;
}

/** One pass over the file, updating one streaming hasher per algorithm with each chunk. */
async function hashPass(file: File, token: number, algorithms: readonly EvidenceAlgorithm[]): Promise<boolean> {
  const hashers = algorithms.map((algorithm) => ({ algorithm, hasher: createHasher(algorithm) }));
  showProgress(0, file.size, algorithms);
  for (let offset = 0; offset < file.size; offset += CHUNK_BYTES) {
    const chunk = new Uint8Array(await file.slice(offset, offset + CHUNK_BYTES).arrayBuffer());
    if (token !== state.fileToken) return false;
    for (const { hasher } of hashers) hasher.update(chunk);
    showProgress(Math.min(offset + CHUNK_BYTES, file.size), file.size, algorithms);
  }
  for (const { algorithm, hasher } of hashers) state.digests.set(algorithm, hasher.digest());
  showProgress(file.size, file.size, algorithms);
  return true;
}

/**
 * The current file's digests for these algorithms, hashing what is missing in one pass. Resolves
 * to undefined when the file changed meanwhile (the caller then drops what it was doing).
 */
export function ensureDigests(algorithms: readonly EvidenceAlgorithm[]): Promise<ReadonlyMap<EvidenceAlgorithm, Uint8Array> | undefined> {
  const token = state.fileToken;
  const run = state.hashQueue.then(async () => {
    if (token !== state.fileToken || state.file === undefined) return undefined;
    const missing = algorithms.filter((a) => !state.digests.has(a));
    if (missing.length > 0 && !(await hashPass(state.file, token, missing))) return undefined;
    if (token !== state.fileToken) return undefined;
    showFileFacts();
    return state.digests;
  });
  // A failed pass must not block the passes after it; its own caller sees the error.
  state.hashQueue = run.catch(() => undefined);
  return run;
}

/** The digest hashed for that algorithm; ensureDigests resolved with it, so it is there. */
export function digestOf(digests: ReadonlyMap<EvidenceAlgorithm, Uint8Array>, algorithm: EvidenceAlgorithm): Uint8Array {
  const digest = digests.get(algorithm);
  if (digest === undefined) throw new Error(`the file has no ${ALGORITHM_LABELS[algorithm]} digest`);
  return digest;
}

export function selectedAlgorithms(): EvidenceAlgorithm[] {
  return $<HTMLInputElement>('sm3-option').checked ? ['sha256', 'sm3'] : ['sha256'];
}

function showFileFacts(): void {
  const file = state.file;
  if (file === undefined) return;
  const rows: FieldRow[] = [['文件 File', `${file.name} (${formatBytes(file.size)})`, { field: 'file-name' }]];
  for (const algorithm of ['sha256', 'sm3'] as const) {
    const digest = state.digests.get(algorithm);
    if (digest !== undefined) {
      rows.push([`${ALGORITHM_LABELS[algorithm]} 文件哈希 File digest`, toHex(digest), { mono: true, field: `file-${algorithm}` }]);
    }
  }
  const list = $('file-facts');
  fillFields(list, rows);
  list.hidden = false;
}
