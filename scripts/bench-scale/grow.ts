// Growing a dev chain fast: indexed AnchorBatch txs of random digests, signed here in chunks (so
// that 10,000,000 digests never sit in memory at once), handed to the production node core running
// in this process (NodeCore.submitTx: admission, then blocks built, executed and committed to the
// LevelDB ledger exactly as `tianping start --dev` does). A sample of the digests is kept for the
// lookups: a few per batch at random positions, so every height is represented.
import { randomInt } from 'node:crypto';
import { asHash32, TianpingError } from '../../src/types/index.js';
import { presignBatchTxs, sleep, type PresignedBatch } from '../bench-lib.js';
import type { InProcessNode } from '../bench-ingest/dev-node.js';
import type { KeyPair } from '../../src/crypto/index.js';

const CATEGORY = 'copyright';
const TX_LIFETIME_MS = 60 * 60 * 1000;
/** Batches signed at once: ~32 MB of digests at 1,000 items a batch. */
const SIGN_CHUNK_BATCHES = 1_000;
/**
 * Batches waiting in the mempool at most: a few blocks' worth (1 MiB proposals hold ~30 of 1,000
 * items), so blocks stay full while admission does not pile up work and memory ahead of them.
 */
const MEMPOOL_BATCHES_MAX = 120;
const POLL_MS = 5;
const PROGRESS_EVERY_MS = 10_000;
const COMMIT_WAIT_MS = 120_000;

export interface GrowOptions {
  /** The node core to grow through; after a checkpoint reopened it, rebind() names the new one. */
  readonly node: InProcessNode;
  readonly submitter: KeyPair;
  readonly itemsPerBatch: number;
  /** Digests kept from each batch for the lookups. */
  readonly samplesPerBatch: number;
  readonly log: (message: string) => void;
}

/** The chain's growth so far, kept across checkpoints. */
export class ChainGrower {
  anchors = 0;
  batches = 0;
  /** Sampled present digests, 32 bytes each. */
  readonly samples: Uint8Array[] = [];
  private nonce = 1;
  /** Main-thread wall time spent signing (not part of the chain's rate). */
  signMs = 0;
  /** Wall time from the first submit to the last commit, summed over growth steps. */
  growMs = 0;

  private node: InProcessNode | undefined;

  constructor(private readonly o: GrowOptions) {
    this.node = o.node;
  }

  rebind(node: InProcessNode | undefined): void {
    this.node = node;
  }

  private get running(): InProcessNode {
    if (this.node === undefined) throw new Error('the chain grower has no running node');
    return this.node;
  }

  /** Anchors `count` more items (a whole number of batches) and waits until every one is committed. */
  async growBy(count: number): Promise<void> {
    const batches = Math.ceil(count / this.o.itemsPerBatch);
    const { core } = this.running;
    const startMs = performance.now();
    let lastLogMs = startMs;
    let lastHash: string | undefined;
    for (let done = 0; done < batches;) {
      const chunk = Math.min(SIGN_CHUNK_BATCHES, batches - done);
      const signStartMs = performance.now();
      const txs = presignBatchTxs({ chainId: this.running.genesis.chainId, keyPair: this.o.submitter, count: chunk,
        itemsPerBatch: this.o.itemsPerBatch, category: CATEGORY, firstNonce: this.nonce, expiresAtMs: Date.now() + TX_LIFETIME_MS });
      this.signMs += performance.now() - signStartMs;
      this.nonce += chunk;
      for (const tx of txs) {
        await this.submit(tx);
        this.keepSamples(tx);
        lastHash = tx.hash;
      }
      done += chunk;
      this.batches += chunk;
      this.anchors += chunk * this.o.itemsPerBatch;
      if (performance.now() - lastLogMs >= PROGRESS_EVERY_MS) {
        lastLogMs = performance.now();
        this.o.log(`  grow: ${this.anchors.toLocaleString('en')} anchors submitted, height ${this.running.ledger.tip.height}`);
      }
    }
    while (core.mempool.size > 0) await sleep(20);
    if (lastHash !== undefined) await this.waitCommitted(lastHash);
    this.growMs += performance.now() - startMs;
  }

  private async submit(tx: PresignedBatch): Promise<void> {
    const { core } = this.running;
    for (;;) {
      while (core.mempool.size >= MEMPOOL_BATCHES_MAX) await sleep(POLL_MS);
      try {
        await core.submitTx(tx.bytes);
        return;
      } catch (error) {
        if (error instanceof TianpingError && error.code === 'MEMPOOL_FULL') {
          await sleep(POLL_MS);
          continue;
        }
        throw error;
      }
    }
  }

  private keepSamples(tx: PresignedBatch): void {
    for (let k = 0; k < this.o.samplesPerBatch; k++) {
      const at = randomInt(this.o.itemsPerBatch);
      this.samples.push(tx.digests.slice(32 * at, 32 * (at + 1)));
    }
  }

  private async waitCommitted(hashHex: string): Promise<void> {
    const status = await this.running.core.waitForCommit(asHash32(Uint8Array.from(Buffer.from(hashHex, 'hex'))), COMMIT_WAIT_MS);
    if (status.hash !== hashHex) throw new Error(`the last batch ${hashHex} was not committed`);
  }
}
