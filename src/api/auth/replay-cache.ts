// Signatures already accepted, so that a captured request cannot be sent again while its
// timestamps are still acceptable. Bounded: when full, the oldest entry is dropped and the
// horizon moves past it, so that every signature from then or before is refused as stale instead:
// a flood of signed requests can make old signatures unusable, never replayable.

export interface ReplayCacheOptions {
  /** Entries kept at most. */
  readonly entriesMax: number;
}

export type ReplayVerdict = 'fresh' | 'replayed' | 'beyond-horizon';

export class ReplayCache {
  /** Signature (as text) → the time up to which it stays acceptable, ms. Insertion order ≈ time order. */
  private readonly seen = new Map<string, number>();
  private horizonMs = -Infinity;

  constructor(private readonly options: ReplayCacheOptions) {}

  get size(): number {
    return this.seen.size;
  }

  /**
   * Records a signature accepted at nowMs that stays acceptable until acceptableUntilMs; answers
   * whether it was seen before. Synchronous, so two copies of one request cannot both pass.
   */
  admit(signature: string, acceptableUntilMs: number, nowMs: number): ReplayVerdict {
    this.dropExpired(nowMs);
    if (this.seen.has(signature)) return 'replayed';
    // An evicted signature may still lie within the window: everything up to its end is refused.
    if (acceptableUntilMs <= this.horizonMs) return 'beyond-horizon';
    if (this.seen.size >= this.options.entriesMax) this.evictOldest();
    this.seen.set(signature, acceptableUntilMs);
    return 'fresh';
  }

  /** Entries are dropped from the front while they have expired; one out of order waits its turn. */
  private dropExpired(nowMs: number): void {
    for (const [signature, until] of this.seen) {
      if (until >= nowMs) break;
      this.seen.delete(signature);
    }
  }

  private evictOldest(): void {
    const first = this.seen.entries().next();
    if (first.done === true) return;
    const [signature, until] = first.value;
    this.seen.delete(signature);
    this.horizonMs = Math.max(this.horizonMs, until);
  }
}
