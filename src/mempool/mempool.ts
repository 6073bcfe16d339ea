// The mempool: txs verified once on admission, deduplicated (pending and committed), bounded in
// count and bytes, handed out oldest first. It holds no consensus logic: the block producer reaps
// it and reports back which txs were committed or turned invalid.
import { decodeTx, txHash, type DecodedTx } from '../codec/tx.js';
import type { SignatureVerifier } from '../crypto/ed25519.js';
import { checkTxStateful, checkTxStateless, type ChainParams, type OrderedState } from '../state/index.js';
import { TianpingError, hexOf, isTianpingError, toHex, type Clock, type ErrorCode } from '../types/index.js';
import { MemberCache } from './member-cache.js';

export interface MempoolComponents {
  readonly chainId: string;
  readonly params: ChainParams;
  readonly verifier: SignatureVerifier;
  readonly clock: Clock;
  /** Committed state: answers "already committed", membership and categories. */
  readonly state: OrderedState;
  /**
   * Height of the committed state `state` reads. With it, member records are cached until the
   * next commit; without it, every admission reads and decodes the signer's record.
   */
  readonly committedHeight?: () => number;
  /** Told the code of every tx refused at admission, from the API or from peers. */
  readonly metrics?: MempoolMetrics;
}

export interface MempoolMetrics {
  txRefused(code: ErrorCode): void;
}

export interface MempoolLimits {
  readonly txsMax: number;
  readonly bytesMax: number;
}

export class Mempool {
  // Insertion-ordered: Map iteration order is the admission order, which reap() relies on.
  private readonly pending = new Map<string, DecodedTx>();
  private readonly admitting = new Set<string>();
  private bytesTotal = 0;
  private readonly members: MemberCache | undefined;

  constructor(private readonly components: MempoolComponents, readonly limits: MempoolLimits) {
    const { state, committedHeight } = components;
    this.members = committedHeight === undefined ? undefined : new MemberCache(state, committedHeight);
  }

  get size(): number {
    return this.pending.size;
  }

  get bytes(): number {
    return this.bytesTotal;
  }

  has(hash: Uint8Array): boolean {
    return this.pending.has(toHex(hash));
  }

  /** Whether this node verified the tx's signature on admission (so a block need not again). */
  isVerified = (tx: DecodedTx): boolean => this.pending.has(tx.id);

  /** Admits a signed tx or throws TianpingError with the reason. */
  async add(bytes: Uint8Array): Promise<DecodedTx> {
    const metrics = this.components.metrics;
    if (metrics === undefined) return this.admit(bytes);
    try {
      return await this.admit(bytes);
    } catch (error) {
      if (isTianpingError(error)) metrics.txRefused(error.code);
      throw error;
    }
  }

  private async admit(bytes: Uint8Array): Promise<DecodedTx> {
    const { chainId, params, verifier, clock, state } = this.components;
    const tx = decodeTx(bytes, params.txBytesMax);
    const id = tx.id;
    if (this.pending.has(id) || this.admitting.has(id)) throw new TianpingError('TX_DUPLICATE');
    if (this.pending.size + this.admitting.size >= this.limits.txsMax ||
        this.bytesTotal + bytes.length > this.limits.bytesMax) {
      throw new TianpingError('MEMPOOL_FULL');
    }
    checkTxStateless(tx, { chainId, params, verifier, timeMs: clock.nowMs() });
    // Reserve the hash before awaiting state, so a concurrent duplicate is refused, not admitted twice.
    this.admitting.add(id);
    try {
      await checkTxStateful(tx, state, { chainId, verifier, params, timeMs: clock.nowMs(), members: this.members });
    } finally {
      this.admitting.delete(id);
    }
    this.pending.set(id, tx);
    this.bytesTotal += bytes.length;
    return tx;
  }

  /** Oldest pending txs, up to the limits of one block. */
  reap(txsMax: number, bytesMax: number): DecodedTx[] {
    const out: DecodedTx[] = [];
    let bytes = 0;
    for (const tx of this.pending.values()) {
      if (out.length >= txsMax || bytes + tx.bytes.length > bytesMax) break;
      out.push(tx);
      bytes += tx.bytes.length;
    }
    return out;
  }

  /**
   * The pending tx of these exact bytes, already decoded and checked on admission: a block from a
   * peer mostly holds txs this node admitted, and decoding each again was a visible share of block
   * checking. Equal SHA-256 hashes mean equal bytes.
   */
  pendingTx(bytes: Uint8Array): DecodedTx | undefined {
    const tx = this.pending.get(toHex(txHash(bytes)));
    return tx !== undefined && tx.bytes.length === bytes.length ? tx : undefined;
  }

  /** The bytes of the pending tx with this hash (compact proposals name txs by hash). */
  txBytes(hash: Uint8Array): Uint8Array | undefined {
    return this.pending.get(toHex(hash))?.bytes;
  }

  /** Drops these txs, named by hash or by id (the hash in hex), if pending. */
  remove(hashes: Iterable<Uint8Array | string>): void {
    for (const hash of hashes) {
      const id = hexOf(hash);
      const tx = this.pending.get(id);
      if (tx === undefined) continue;
      this.pending.delete(id);
      this.bytesTotal -= tx.bytes.length;
    }
  }
}
