// The bookkeeping of one block sync pass (block-sync.ts): which height ranges are still to be
// asked for, which are on their way, and the fetched blocks waiting for their turn to execute,
// with the bytes they hold. Pure data: no I/O, no timers; block-sync.ts decides when to ask.
import type { Hash32 } from '../types/index.js';

/** A fetched block whose hash matches its commit, waiting for the tip to reach its height. */
export interface FetchedBlock {
  readonly height: number;
  readonly blockBytes: Uint8Array;
  readonly commitBytes: Uint8Array;
  readonly hash: Hash32;
  /** The peer that sent it: blamed if its commit fails the check at apply time. */
  readonly peer: string;
  /**
   * The key (validator set hash) of the set its commit was verified against on arrival;
   * undefined when that check could not pass yet (the set of its height was not known).
   */
  readonly checkedWith: string | undefined;
}

export interface HeightRange {
  readonly from: number;
  readonly to: number;
}

export class SyncWindow {
  /** Ranges to ask for, lowest first: given back when a request failed or came back short. */
  private readonly retry: HeightRange[] = [];
  /** The next height never asked for yet. */
  private nextNew: number;
  private readonly ready = new Map<number, FetchedBlock>();
  private readyBytes = 0;
  /** Highest tip a peer reported during this pass. */
  private reported: number;
  /** While a peer has not told its tip yet: the height it may hold up to (a guess), else undefined. */
  private guess: number | undefined;
  inFlight = 0;

  constructor(tip: number, private rangeBlocks: number) {
    this.nextNew = tip + 1;
    this.reported = tip;
    this.guess = tip + rangeBlocks;
  }

  /**
   * The last height some peer may hold: the highest tip reported, or beyond it the guess while a
   * peer has not told its tip. The first answer alone must not end the guess: a pass that took it
   * for every peer's tip asked one peer only (the first listed, pass after pass), and when that
   * one lagged too (it had been on the node's side of a partition) the node never learnt that the
   * others had committed more (the simulator's liveness failures of seeds 17, 26, 27, 30, 93, 106,
   * 147, 194, 206, 225 and 226).
   */
  get peerTip(): number {
    return Math.max(this.reported, this.guess ?? this.reported);
  }

  /** The highest tip a peer reported in this pass (our tip at its start until one did). */
  get reportedTip(): number {
    return this.reported;
  }

  /** `height`: a peer is still to tell its tip, and may hold heights up to it; undefined: all have told. */
  guessUpTo(height: number | undefined): void {
    this.guess = height;
  }

  get bufferedBytes(): number {
    return this.readyBytes;
  }

  /** The next range to ask for, within `lastHeight` (the window's end), or undefined. */
  take(tip: number, lastHeight: number): HeightRange | undefined {
    const end = Math.min(lastHeight, this.peerTip);
    while (this.retry.length > 0) {
      const range = this.retry.shift()!;
      // Consensus may have committed part of it meanwhile.
      const from = Math.max(range.from, tip + 1);
      // Beyond every tip now known (a guess ended), nobody holds it: asked for again once one does.
      const to = Math.min(range.to, this.peerTip);
      if (to < range.to) this.nextNew = Math.min(this.nextNew, Math.max(from, to + 1));
      if (from <= to) return this.claim({ from, to });
    }
    this.nextNew = Math.max(this.nextNew, tip + 1);
    if (this.nextNew > end) return undefined;
    const range = { from: this.nextNew, to: Math.min(end, this.nextNew + this.rangeBlocks - 1) };
    this.nextNew = range.to + 1;
    return this.claim(range);
  }

  private claim(range: HeightRange): HeightRange {
    this.inFlight++;
    return range;
  }

  /**
   * A request ended; heights of its range it did not bring go back to be asked again. An answer
   * that stopped at the server's byte budget sets how many heights a request asks for from now
   * on, and the rest of its range is split likewise: a whole range left to one peer would be
   * fetched a budget at a time, one answer after the other, while the other peers wait.
   */
  settle(range: HeightRange, broughtTo: number): void {
    this.inFlight--;
    if (broughtTo >= range.to) return;
    // Beyond every tip reported, nobody holds these heights: they are asked for again once one does.
    const to = Math.min(range.to, this.peerTip);
    const from = broughtTo + 1;
    if (from > to) {
      if (from < this.nextNew) this.nextNew = from;
      return;
    }
    const brought = broughtTo - range.from + 1;
    if (brought > 0) this.rangeBlocks = Math.min(this.rangeBlocks, brought);
    for (let start = from; start <= to; start += this.rangeBlocks) {
      this.retry.push({ from: start, to: Math.min(to, start + this.rangeBlocks - 1) });
    }
    this.retry.sort((a, b) => a.from - b.from);
  }

  put(block: FetchedBlock): void {
    if (this.ready.has(block.height)) return;
    this.ready.set(block.height, block);
    this.readyBytes += block.blockBytes.length + block.commitBytes.length;
  }

  /** Takes the fetched block of this height, if it is here; drops the ones below it (committed meanwhile). */
  takeReady(height: number): FetchedBlock | undefined {
    for (const below of this.ready.keys()) if (below < height) this.drop(below);
    const block = this.ready.get(height);
    if (block !== undefined) this.drop(height);
    return block;
  }

  /**
   * A block from `peer` failed at `height`: it and every other block that peer sent are dropped
   * and asked for again (from other peers: the caller stops asking this one).
   */
  refetch(peer: string, height: number): void {
    const heights = [height, ...[...this.ready.values()].filter((b) => b.peer === peer).map((b) => b.height)];
    for (const h of heights) {
      this.drop(h);
      this.retry.push({ from: h, to: h });
    }
    this.retry.sort((a, b) => a.from - b.from);
  }

  /** A peer reported its tip: it can only raise the highest one. */
  reportTip(tip: number): void {
    this.reported = Math.max(this.reported, tip);
  }

  private drop(height: number): void {
    const block = this.ready.get(height);
    if (block === undefined) return;
    this.ready.delete(height);
    this.readyBytes -= block.blockBytes.length + block.commitBytes.length;
  }
}
