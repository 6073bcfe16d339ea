// A stopped node's ledger, read key by key without the node's Ledger class (whose own checks are
// what is under test). The key layout is src/ledger/ledger.ts's: b/<h> block, c/<h> commit,
// hd/<h> header, bh/<hash> height, meta/tip, meta/consensus-wal and its blocks, s/<state key>;
// heights are 16 hex digits. The database is copied first and the copy opened: LevelDB writes
// on open (log recovery, a new manifest), and the original stays as the run left it.
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClassicLevel } from 'classic-level';

const heightKey = (height: number): string => height.toString(16).padStart(16, '0');

export class RawLedger {
  private constructor(private readonly db: ClassicLevel<string, Uint8Array>, private readonly copyDir: string) {}

  /** The ledger under <dataDir>/ledger, or a reason it cannot be read. */
  static async open(dataDir: string): Promise<RawLedger | string> {
    const source = join(dataDir, 'ledger');
    if (!existsSync(source)) return `no ledger directory ${source}`;
    const copyDir = mkdtempSync(join(tmpdir(), 'tianping-check-'));
    const db = new ClassicLevel<string, Uint8Array>(join(copyDir, 'ledger'), { keyEncoding: 'utf8', valueEncoding: 'view' });
    try {
      cpSync(source, join(copyDir, 'ledger'), { recursive: true, filter: (path) => !path.endsWith('/LOCK') });
      await db.open({ createIfMissing: false });
    } catch (error) {
      rmSync(copyDir, { recursive: true, force: true });
      return `the ledger does not open: ${(error as Error).message}`;
    }
    return new RawLedger(db, copyDir);
  }

  get(key: string): Uint8Array | undefined {
    return this.db.getSync(key) ?? undefined;
  }

  /** The stored tip height: meta/tip, a u64be; undefined when absent or malformed. */
  tip(): number | undefined {
    const bytes = this.get('meta/tip');
    if (bytes === undefined || bytes.length !== 8) return undefined;
    return Number(new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0));
  }

  block(height: number): Uint8Array | undefined {
    return this.get(`b/${heightKey(height)}`);
  }

  commit(height: number): Uint8Array | undefined {
    return this.get(`c/${heightKey(height)}`);
  }

  header(height: number): Uint8Array | undefined {
    return this.get(`hd/${heightKey(height)}`);
  }

  heightOfHash(hashHex: string): number | undefined {
    const bytes = this.get(`bh/${hashHex}`);
    return bytes === undefined || bytes.length !== 8 ? undefined : Number(new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0));
  }

  state(key: string): Uint8Array | undefined {
    return this.get(`s/${key}`);
  }

  async *stateEntries(prefix: string): AsyncIterable<[string, Uint8Array]> {
    for await (const [key, value] of this.db.iterator({ gte: `s/${prefix}`, lt: `s/${prefix}\xff` })) yield [key.slice(2), value];
  }

  /** The consensus WAL record and the blocks stored beside it (hex hash → bytes). */
  async consensusWal(): Promise<{ record: Uint8Array; blocks: Map<string, Uint8Array> } | undefined> {
    const record = this.get('meta/consensus-wal');
    if (record === undefined) return undefined;
    const prefix = 'meta/consensus-wal-block/';
    const blocks = new Map<string, Uint8Array>();
    for await (const [key, value] of this.db.iterator({ gte: prefix, lt: `${prefix}\xff` })) blocks.set(key.slice(prefix.length), value);
    return { record, blocks };
  }

  async close(): Promise<void> {
    await this.db.close();
    rmSync(this.copyDir, { recursive: true, force: true });
  }
}

export { heightKey };
