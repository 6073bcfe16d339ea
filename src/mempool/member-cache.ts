// Decoded member records of the committed state, kept between commits. Admission checks the
// signer's record for every tx, and a submitter sends thousands of txs per block: reading and
// JSON-decoding the same record each time was a visible share of a loaded node's CPU.
import { categoryKey, readMember, type MemberReader, type MemberRecord, type StateView } from '../state/index.js';
import { toHex } from '../types/index.js';

/** Signers remembered at most; the oldest entry makes room (a cache miss costs one read). */
export const MEMBER_CACHE_ENTRIES_MAX = 4_096;

/**
 * Valid for one committed height: every lookup first compares the state's height with the one the
 * entries were read at, and a commit (of any kind: consensus or block sync) empties
 * the cache, so a membership change takes effect for admission exactly when its block commits.
 */
export class MemberCache implements MemberReader {
  private readonly records = new Map<string, MemberRecord | undefined>();
  private readonly categories = new Map<string, boolean>();
  private height = -1;

  constructor(private readonly state: StateView, private readonly committedHeight: () => number,
    private readonly entriesMax: number = MEMBER_CACHE_ENTRIES_MAX) {}

  get size(): number {
    return this.records.size;
  }

  async member(publicKey: Uint8Array): Promise<MemberRecord | undefined> {
    const height = this.sync();
    const id = toHex(publicKey);
    if (this.records.has(id)) return this.records.get(id);
    const record = await readMember(this.state, id);
    // A block committed while we read: the record may be of either state, so it is not kept.
    if (this.committedHeight() !== height) return record;
    if (this.records.size >= this.entriesMax) this.records.delete(this.records.keys().next().value!);
    this.records.set(id, record);
    return record;
  }

  /** Categories are few; the chain's list is cached whole per height, one entry per name asked. */
  async hasCategory(name: string): Promise<boolean> {
    const height = this.sync();
    const known = this.categories.get(name);
    if (known !== undefined) return known;
    const exists = (await this.state.get(categoryKey(name))) !== undefined;
    if (this.committedHeight() !== height) return exists;
    if (this.categories.size >= this.entriesMax) this.categories.clear();
    this.categories.set(name, exists);
    return exists;
  }

  /** Empties the cache when a block committed since it was filled; returns the committed height. */
  private sync(): number {
    const height = this.committedHeight();
    if (height !== this.height) {
      this.records.clear();
      this.categories.clear();
      this.height = height;
    }
    return height;
  }
}
