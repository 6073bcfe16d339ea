// What a bulk anchor anchors: every regular file under a directory (--batch DIR), or the files a
// list names (--list FILE), each with the name its receipt is filed under. Node only.
import { opendir, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

export interface SourceItem {
  /** Where the file is read from. */
  readonly absolutePath: string;
  /** "/"-separated name relative to the source; the receipt is <name>.receipt.json. */
  readonly name: string;
}

export interface SourceListing {
  readonly items: SourceItem[];
  /** Symbolic links, sockets, devices: not anchored (a link's target may lie anywhere). */
  readonly skipped: string[];
}

/**
 * Every regular file under `dir`, in code-unit order of their names, so that reruns see the same
 * order. `exclude` (the receipts directory, when it lies inside) is not descended into.
 */
export async function listDirectory(dir: string, exclude: readonly string[]): Promise<SourceListing> {
  const root = resolve(dir);
  const excluded = new Set(exclude.map((path) => resolve(path)));
  const items: SourceItem[] = [];
  const skipped: string[] = [];
  const pending = [root];
  for (let folder = pending.pop(); folder !== undefined; folder = pending.pop()) {
    // opendir streams entries: a directory of a million files is never one array of Dirents.
    for await (const entry of await opendir(folder)) {
      const path = join(folder, entry.name);
      if (excluded.has(path)) continue;
      if (entry.isDirectory()) pending.push(path);
      else if (entry.isFile()) items.push({ absolutePath: path, name: relative(root, path).split(sep).join('/') });
      else skipped.push(relative(root, path).split(sep).join('/'));
    }
  }
  items.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { items, skipped };
}

/** Receipts of files outside the list's directory are filed under this folder, by absolute path. */
export const OUTSIDE_FOLDER = '_outside';

/**
 * The files named in a list: one path per line (UTF-8; empty lines ignored), relative to the list's
 * own directory so a list travels with its files. Listed twice is anchored once. A path that is not
 * a regular file is an error: the list says it should be anchored.
 */
export async function listFromFile(listPath: string): Promise<SourceListing> {
  const base = resolve(listPath, '..');
  const text = await readFile(listPath, 'utf8');
  const seen = new Set<string>();
  const items: SourceItem[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '') continue;
    const absolutePath = resolve(base, line);
    if (seen.has(absolutePath)) continue;
    seen.add(absolutePath);
    const info = await stat(absolutePath).catch((error: NodeJS.ErrnoException) => {
      throw new SourceError(`${listPath}: cannot read "${line}": ${error.code ?? error.message}`);
    });
    if (!info.isFile()) throw new SourceError(`${listPath}: "${line}" is not a regular file`);
    items.push({ absolutePath, name: receiptName(base, absolutePath) });
  }
  return { items, skipped: [] };
}

function receiptName(base: string, absolutePath: string): string {
  const inside = relative(base, absolutePath);
  if (inside !== '' && inside !== '..' && !inside.startsWith(`..${sep}`) && !isAbsolute(inside)) return inside.split(sep).join('/');
  return [OUTSIDE_FOLDER, ...absolutePath.split(sep).filter((part) => part !== '' && !part.endsWith(':'))].join('/');
}

/** A listed file is missing or not a file. */
export class SourceError extends Error {
  override name = 'SourceError';
}
