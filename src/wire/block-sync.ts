// Block sync: a node that was down, or is new, fetches committed blocks with their commits from a
// peer by height range, checks each commit against the validator set of its height (> 2/3 of the
// voting power signed this block hash), re-executes the block, and commits it. A peer that sends
// a bad block or commit is skipped; nothing unverified is ever written.
//
// Requests go out beside the consensus queue, and only checking and applying what came back runs in
// it: a request that is lost or a peer that never answers costs the sync its timeout, never the
// consensus its votes and timeouts (with the whole sync in the queue, one lost answer held a
// validator's height for SYNC_REQUEST_TIMEOUT_MS: found by the simulator, seed 1).
import type { Logger } from 'pino';
import { pb, decodeBlock } from '../codec/index.js';
import { verifyCertificate, type ValidatorSet } from '../consensus/tendermint/index.js';
import type { SignatureVerifier } from '../crypto/ed25519.js';
import type { Ledger } from '../ledger/index.js';
import { equalBytes, type Hash32 } from '../types/index.js';
import { decodeCertificate } from './consensus-codec.js';
import type { ConsensusNetwork } from './consensus-wire.js';

export interface BlockSyncComponents {
  readonly network: ConsensusNetwork;
  readonly ledger: Ledger;
  readonly logger: Logger;
  readonly chainId: string;
  readonly verifier: SignatureVerifier;
  readonly syncBlocksMax: number;
  /** The validator set of the height after the tip. */
  validatorsAt(): ValidatorSet;
  enqueue(task: () => Promise<void>): void;
  /** Executes and commits a verified block, whose hash was checked against its commit (in the consensus queue). */
  apply(blockBytes: Uint8Array, commitBytes: Uint8Array, blockHash: Hash32): Promise<void>;
}

const SYNC_REQUEST_TIMEOUT_MS = 10_000;

export class BlockSync {
  private running = false;
  /** soon() was called while a pass ran: one more pass follows it. */
  private again = false;

  constructor(private readonly c: BlockSyncComponents) {}

  /** Syncs from peers now; calls while a pass runs are merged into one more pass after it. */
  soon(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void this.passes();
  }

  private async passes(): Promise<void> {
    try {
      do {
        this.again = false;
        await this.run();
      } while (this.again);
    } catch (error) {
      this.c.logger.error({ err: error }, 'block sync failed');
    } finally {
      this.running = false;
    }
  }

  /** Runs `task` in the consensus queue and resolves with its result (never, if the node stops first). */
  private inQueue<T>(task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve) => this.c.enqueue(async () => resolve(await task())));
  }

  private async run(): Promise<void> {
    for (const peer of this.c.network.connectedNodes()) {
      // Each round trip brings up to syncBlocksMax blocks; keep going while this peer is ahead.
      for (;;) {
        const from = this.c.ledger.tip.height + 1;
        const response = await this.fetch(peer, from);
        if (response === undefined || response.blocks.length === 0) break;
        const blocks = response.blocks;
        const applied = await this.inQueue(() => this.applyAll(peer, blocks));
        if (!applied || this.c.ledger.tip.height >= response.tipHeight) break;
      }
    }
  }

  private async fetch(peer: string, from: number): Promise<InstanceType<typeof pb.BlocksResponse> | undefined> {
    try {
      const request = pb.BlocksRequest.encode({ fromHeight: from, toHeight: from + this.c.syncBlocksMax - 1 }).finish();
      const bytes = await this.c.network.request(peer, 'blocks', request, { timeoutMs: SYNC_REQUEST_TIMEOUT_MS });
      return pb.BlocksResponse.decode(bytes);
    } catch (error) {
      this.c.logger.debug({ err: error, peer }, 'block sync request failed');
      return undefined;
    }
  }

  private async applyAll(peer: string, blocks: readonly { block?: Uint8Array | null; commit?: Uint8Array | null }[]): Promise<boolean> {
    for (const synced of blocks) {
      const blockBytes = synced.block ?? new Uint8Array();
      const commitBytes = synced.commit ?? new Uint8Array();
      const checked = this.check(blockBytes, commitBytes);
      // Consensus may have committed some of these heights while the answer travelled.
      if ('behind' in checked) continue;
      if ('reason' in checked) {
        this.c.logger.warn({ peer, reason: checked.reason }, 'block sync: peer sent an unverifiable block');
        return false;
      }
      await this.c.apply(blockBytes, commitBytes, checked.hash);
    }
    this.c.logger.info({ peer, height: this.c.ledger.tip.height }, 'block sync: caught up to');
    return true;
  }

  /** The block decoded and hashed once: already committed (behind), verified, or why not. */
  private check(blockBytes: Uint8Array, commitBytes: Uint8Array): { hash: Hash32 } | { behind: true } | { reason: string } {
    try {
      const { header, hash } = decodeBlock(blockBytes);
      const height = this.c.ledger.tip.height + 1;
      if (header.height < height) return { behind: true };
      const certificate = decodeCertificate(commitBytes);
      if (header.height !== height || certificate.height !== height) return { reason: `not height ${height}` };
      if (!equalBytes(certificate.blockHash, hash)) return { reason: 'commit is for another block' };
      const check = verifyCertificate(this.c.chainId, this.c.validatorsAt(), certificate, this.c.verifier);
      return check.ok ? { hash } : { reason: `commit: ${check.code}` };
    } catch (error) {
      return { reason: (error as Error).message };
    }
  }
}
