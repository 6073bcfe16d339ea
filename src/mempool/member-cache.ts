// Decoded member records of the committed state, kept between commits. Admission checks the
// signer's record for every tx, and a submitter sends thousands of txs per block: reading and
// JSON-decoding the same record each time was a visible share of a loaded node's CPU.
import { readMember, type MemberReader, type MemberRecord, type StateView } from '../state/index.js';
import { toHex } from '../types/index.js';

/** Signers remembered at most; the oldest entry makes room (a cache miss costs one read). */
export const MEMBER_CACHE_ENTRIES_MAX = 4_096;

/**
 * Valid for one committed height: every lookup first compares the state's height with the one the
 * entries were read at, and a commit (of any kind: consensus, block sync, solo producer) empties
 * the cache, so a membership change takes effect for admission exactly when its block commits.
 */
export class MemberCache implements MemberReader {
  private readonly records = new Map<string, MemberRecord | undefined>();
  private height = -1;

  constructor(private readonly state: StateView, private readonly committedHeight: () => number,
    private readonly entriesMax: number = MEMBER_CACHE_ENTRIES_MAX) {}

  get size(): number {
    return this.records.size;
  }

  async member(publicKey: Uint8Array): Promise<MemberRecord | undefined> {
    const height = this.committedHeight();
    if (height !== this.height) {
      this.records.clear();
      this.height = height;
    }
    const id = toHex(publicKey);
    if (this.records.has(id)) return this.records.get(id);
    const record = await readMember(this.state, id);
    // A block committed while we read: the record may be of either state, so it is not kept.
    if (this.committedHeight() !== height) return record;
    if (this.records.size >= this.entriesMax) this.records.delete(this.records.keys().next().value!);
    this.records.set(id, record);
    return record;
  }
}
