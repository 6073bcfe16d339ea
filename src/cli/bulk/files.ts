// The files a bulk run reads and writes beside its journal: the sources' sizes and times, and each
// item's receipt (and salt) under the receipts directory, mirroring the source's relative path.
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CliError } from '../common.js';
import type { Item } from './state.js';

export async function statOrFail(path: string): Promise<{ size: number; mtimeMs: number }> {
  try {
    const info = await stat(path);
    return { size: info.size, mtimeMs: info.mtimeMs };
  } catch (error) {
    throw new CliError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** A crash leaves the old file or the new one, never half of one. */
async function writeAtomically(path: string, text: string, mode: number): Promise<void> {
  const temporary = `${path}.tmp-${process.pid}`;
  await writeFile(temporary, text, { mode });
  await rename(temporary, path);
}

/** Where each item's receipt file (and salt file) goes. */
export class ReceiptFiles {
  private readonly createdDirs = new Set<string>();

  constructor(private readonly receiptsDir: string) {}

  private base(item: Item): string {
    return join(this.receiptsDir, ...item.name.split('/'));
  }

  /** The item's receipt, and its salt where it has one, are both on disk. */
  async onDisk(item: Item): Promise<boolean> {
    const base = this.base(item);
    const paths = [`${base}.receipt.json`, ...(item.salt === undefined ? [] : [`${base}.salt`])];
    for (const path of paths) if (!(await stat(path).then((s) => s.isFile(), () => false))) return false;
    return true;
  }

  async write(item: Item, receiptJson: string): Promise<void> {
    const base = this.base(item);
    const folder = dirname(base);
    if (!this.createdDirs.has(folder)) {
      await mkdir(folder, { recursive: true, mode: 0o700 });
      this.createdDirs.add(folder);
    }
    // The salt first: a receipt on disk always has its salt beside it. The salt is the court's
    // to receive with the file, never part of the receipt (docs/receipt-format.md §7).
    if (item.salt !== undefined) await writeAtomically(`${base}.salt`, `${item.salt}\n`, 0o600);
    await writeAtomically(`${base}.receipt.json`, receiptJson, 0o644);
  }
}
