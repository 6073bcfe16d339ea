// Block sync: a node that was down, or is new, fetches committed blocks with their commits from
// peers by height range, checks each commit against the validator set of its height (> 2/3 of the
// voting power signed this block hash), re-executes the block, and commits it. A peer that sends
// a bad block or commit is dropped from the pass and reported; nothing unverified is ever written.
//
// Pipelined: while block H executes, the heights after it are being fetched, several ranges at a
// time from several peers, and their commits checked as they arrive, so that fetching, checking
// and executing overlap (docs/consensus.md, "Block sync"). Bounded: at most SYNC_WINDOW_BLOCKS
// heights ahead of the tip, SYNC_REQUESTS_MAX requests out, and SYNC_BYTES_IN_FLIGHT_MAX bytes
// fetched and not yet executed (counting each request out at its largest answer).
//
// Requests go out beside the consensus queue, and only applying a block runs in it: a request that
// is lost or a peer that never answers costs the sync its timeout, never the consensus its votes
// and timeouts (with the whole sync in the queue, one lost answer held a validator's height for
// SYNC_REQUEST_TIMEOUT_MS: found by the simulator, seed 1).
import type { Logger } from 'pino';
import { pb, decodeBlock, txHash, validatorSetHash, type HeaderMsg } from '../codec/index.js';
import { leafHash, rootFromLeafHashes } from '../merkle/index.js';
import { verifyCertificate, type ValidatorSet } from '../consensus/tendermint/index.js';
import type { SignatureVerifier } from '../crypto/ed25519.js';
import type { Ledger } from '../ledger/index.js';
import { equalBytes, toHex, type Hash32 } from '../types/index.js';
import { decodeCertificate } from './consensus-codec.js';
import type { ConsensusNetwork } from './consensus-wire.js';
import { SyncWindow, type FetchedBlock, type HeightRange } from './sync-window.js';

export interface BlockSyncComponents {
  readonly network: ConsensusNetwork;
  readonly ledger: Ledger;
  readonly logger: Logger;
  readonly chainId: string;
  readonly verifier: SignatureVerifier;
  /** Heights one request asks for at most. */
  readonly syncBlocksMax: number;
  readonly limits?: Partial<SyncLimits>;
  /** The validator set of the height after the tip. */
  validatorsAt(): ValidatorSet;
  enqueue(task: () => Promise<void>): void;
  /** Executes and commits a verified block, whose hash was checked against its commit (in the consensus queue). */
  apply(blockBytes: Uint8Array, commitBytes: Uint8Array, blockHash: Hash32): Promise<void>;
  /** A peer sent a block or commit that does not verify (it is left out of the rest of the pass). */
  onBadPeer?(peer: string, reason: string): void;
}

export interface SyncLimits {
  /** Heights ahead of the tip fetched at most. */
  readonly windowBlocks: number;
  /** Block requests out at once, over all peers. */
  readonly requestsMax: number;
  /** Bytes of fetched blocks not yet executed, plus SYNC_RESPONSE_BYTES_MAX per request out. */
  readonly bytesInFlightMax: number;
}

export const SYNC_WINDOW_BLOCKS = 64;
export const SYNC_REQUESTS_MAX = 4;
export const SYNC_BYTES_IN_FLIGHT_MAX = 64 * 1024 * 1024;
/**
 * A "blocks" answer holds at most this many bytes of blocks (and always at least one block). Small
 * enough that the pings libp2p sends on the same connection are not stuck behind it: with answers
 * of 8 MiB, four at a time, a loaded testnet's connections were closed for a missed ping.
 */
export const SYNC_RESPONSE_BYTES_MAX = 4 * 1024 * 1024;
/** One request per peer at a time, for the same reason; the others go to other peers. */
const REQUESTS_PER_PEER_MAX = 1;
/** Requests to one peer that may fail (timeout, closed stream) in a pass before it is left out. */
const FAILURES_PER_PEER_MAX = 3;
/** Heights one request asks for when syncBlocksMax allows more: ranges small enough to spread over peers. */
const RANGE_BLOCKS_MAX = 8;
const SYNC_REQUEST_TIMEOUT_MS = 10_000;

/**
 * The block's txs are those its header commits to (count and tx root). A commit certificate signs
 * the header hash only: a peer could send a certified header with other txs, and executing those
 * would find a tx root mismatch in a block the validators certified, which halts the node (a
 * certified invalid block). Checked on arrival, such a block is the sender's fault.
 */
export function txsMatchHeader(header: HeaderMsg, txs: readonly Uint8Array[]): boolean {
  if (header.txCount !== txs.length) return false;
  return equalBytes(rootFromLeafHashes(txs.map((bytes) => leafHash(txHash(bytes)))), header.txRoot);
}

const setKeys = new WeakMap<ValidatorSet, string>();
/** What a commit check depends on: keys and powers (the set hash), not proposer priorities. */
function setKey(set: ValidatorSet): string {
  let key = setKeys.get(set);
  if (key === undefined) {
    key = toHex(validatorSetHash(set.validators));
    setKeys.set(set, key);
  }
  return key;
}

export class BlockSync {
  private running = false;
  /** soon() was called while a pass ran: one more pass follows it. */
  private again = false;
  private current: Promise<void> = Promise.resolve();
  /** A peer has answered a blocks request since the start: until then the driver asks on every tick. */
  answered = false;
  private readonly limits: SyncLimits;

  constructor(private readonly c: BlockSyncComponents) {
    this.limits = { windowBlocks: SYNC_WINDOW_BLOCKS, requestsMax: SYNC_REQUESTS_MAX, bytesInFlightMax: SYNC_BYTES_IN_FLIGHT_MAX,
      ...c.limits };
  }

  /** Syncs from peers now; calls while a pass runs are merged into one more pass after it. */
  soon(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    this.current = this.passes();
  }

  /** Resolves once no pass runs (a pass whose block waits in a stopped node's queue never ends). */
  async whenIdle(): Promise<void> {
    while (this.running) await this.current;
  }

  private async passes(): Promise<void> {
    try {
      do {
        this.again = false;
        await new SyncPass(this.c, this.limits, () => (this.answered = true)).run();
      } while (this.again);
    } catch (error) {
      this.c.logger.error({ err: error }, 'block sync failed');
    } finally {
      this.running = false;
    }
  }
}

/** One pass: fetches ahead while it applies in order, until no peer holds a height after the tip. */
class SyncPass {
  private readonly window: SyncWindow;
  private readonly peers: string[];
  private readonly bad = new Set<string>();
  /** Tip each peer reported; absent: not heard from yet. */
  private readonly peerTips = new Map<string, number>();
  private readonly busy = new Map<string, number>();
  private readonly failures = new Map<string, number>();
  private cursor = 0;
  private wake: (() => void) | undefined;
  private readonly rangeBlocks: number;

  constructor(private readonly c: BlockSyncComponents, private readonly limits: SyncLimits, private readonly onAnswer: () => void) {
    this.peers = c.network.connectedNodes();
    this.rangeBlocks = Math.min(c.syncBlocksMax, RANGE_BLOCKS_MAX);
    this.window = new SyncWindow(c.ledger.tip.height, this.rangeBlocks);
  }

  /**
   * While a good peer has neither answered nor failed a request in this pass, its tip is unknown:
   * the heights of one range past ours (or past the highest tip reported) may be there, and are
   * asked of it. The pass ends only once every peer has been heard from or given up on.
   */
  private updateGuess(): void {
    const unheard = this.goodPeers().some((peer) => !this.peerTips.has(peer) && !this.failures.has(peer));
    this.window.guessUpTo(unheard ? Math.max(this.tip, this.window.reportedTip) + this.rangeBlocks : undefined);
  }

  private get tip(): number {
    return this.c.ledger.tip.height;
  }

  async run(): Promise<void> {
    const startTip = this.tip;
    for (;;) {
      this.fill();
      const height = this.tip + 1;
      const block = this.window.takeReady(height);
      if (block !== undefined) {
        await this.applyInQueue(block);
        continue;
      }
      // Nothing on its way that could bring it: no peer holds it, or none is left to ask.
      if (this.window.inFlight === 0) break;
      // Wait for an answer (or a failed request) to change something.
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
    if (this.tip > startTip) this.c.logger.info({ height: this.tip, from: startTip }, 'block sync: caught up to');
  }

  private goodPeers(): string[] {
    return this.peers.filter((peer) => !this.bad.has(peer));
  }

  /** A peer that is not known to lack `from`, in turn. */
  private pickPeer(from: number): string | undefined {
    const peers = this.goodPeers().filter((peer) => (this.peerTips.get(peer) ?? Number.POSITIVE_INFINITY) >= from
      && (this.busy.get(peer) ?? 0) < REQUESTS_PER_PEER_MAX);
    if (peers.length === 0) return undefined;
    return peers[this.cursor++ % peers.length];
  }

  /** Sends requests while the limits allow. */
  private fill(): void {
    const { requestsMax, windowBlocks, bytesInFlightMax } = this.limits;
    this.updateGuess();
    while (this.window.inFlight < requestsMax
      && this.window.bufferedBytes + (this.window.inFlight + 1) * SYNC_RESPONSE_BYTES_MAX <= Math.max(bytesInFlightMax, SYNC_RESPONSE_BYTES_MAX)) {
      const range = this.window.take(this.tip, this.tip + windowBlocks);
      if (range === undefined) return;
      const peer = this.pickPeer(range.from);
      if (peer === undefined) {
        this.window.settle(range, range.from - 1);
        return;
      }
      this.busy.set(peer, (this.busy.get(peer) ?? 0) + 1);
      void this.fetch(peer, range).then((brought) => {
        this.busy.set(peer, (this.busy.get(peer) ?? 1) - 1);
        this.updateGuess();
        this.window.settle(range, brought);
        this.wake?.();
      });
    }
  }

  /** Asks `peer` for the range; puts what verifies into the window; returns the last height brought. */
  private async fetch(peer: string, range: HeightRange): Promise<number> {
    let response: InstanceType<typeof pb.BlocksResponse>;
    try {
      const request = pb.BlocksRequest.encode({ fromHeight: range.from, toHeight: range.to }).finish();
      response = pb.BlocksResponse.decode(await this.c.network.request(peer, 'blocks', request, { timeoutMs: SYNC_REQUEST_TIMEOUT_MS }));
    } catch (error) {
      this.c.logger.debug({ err: error, peer }, 'block sync request failed');
      // Not the peer's fault as far as we know (a loaded peer, a closed connection): its range goes
      // to the next peer free, and the peer is left out only after repeated failures.
      const failures = (this.failures.get(peer) ?? 0) + 1;
      this.failures.set(peer, failures);
      if (failures >= FAILURES_PER_PEER_MAX) this.bad.add(peer);
      return range.from - 1;
    }
    this.onAnswer();
    this.peerTips.set(peer, response.tipHeight);
    this.window.reportTip(response.tipHeight);
    let height = range.from;
    for (const synced of response.blocks) {
      if (this.bad.has(peer) || height > range.to) break;
      const checked = this.check(peer, height, synced.block ?? new Uint8Array(), synced.commit ?? new Uint8Array());
      if (checked === undefined) break;
      this.window.put(checked);
      height++;
    }
    return height - 1;
  }

  /**
   * On arrival: the block is the one asked for and its commit names its hash; the commit is
   * verified at once when the set of the tip's next height is the one of its height (it is, but
   * across a set change). Otherwise it is verified when its turn comes.
   */
  private check(peer: string, height: number, blockBytes: Uint8Array, commitBytes: Uint8Array): FetchedBlock | undefined {
    let hash: Hash32;
    try {
      const decoded = decodeBlock(blockBytes);
      const certificate = decodeCertificate(commitBytes);
      if (decoded.header.height !== height || certificate.height !== height) return this.fault(peer, `not height ${height}`);
      if (!equalBytes(certificate.blockHash, decoded.hash)) return this.fault(peer, `commit of height ${height} is for another block`);
      if (!txsMatchHeader(decoded.header, decoded.block.txs)) return this.fault(peer, `txs of height ${height} are not those of its header`);
      hash = decoded.hash;
      const set = this.c.validatorsAt();
      const verified = verifyCertificate(this.c.chainId, set, certificate, this.c.verifier);
      if (!verified.ok && height === this.tip + 1) return this.fault(peer, `commit of height ${height}: ${verified.code}`);
      return { height, blockBytes, commitBytes, hash, peer, checkedWith: verified.ok ? setKey(set) : undefined };
    } catch (error) {
      return this.fault(peer, `height ${height}: ${(error as Error).message}`);
    }
  }

  private fault(peer: string, reason: string): undefined {
    this.bad.add(peer);
    this.c.logger.warn({ peer, reason }, 'block sync: peer sent an unverifiable block');
    this.c.onBadPeer?.(peer, reason);
    return undefined;
  }

  /** Applies the tip's next block in the consensus queue; its commit is checked again if the set it was checked with is not this height's. */
  private async applyInQueue(block: FetchedBlock): Promise<void> {
    const applied = await new Promise<boolean>((resolve) => this.c.enqueue(async () => {
      // Consensus may have committed this height while the block waited.
      if (this.tip + 1 !== block.height) return resolve(true);
      const set = this.c.validatorsAt();
      if (block.checkedWith !== setKey(set)) {
        const verified = verifyCertificate(this.c.chainId, set, decodeCertificate(block.commitBytes), this.c.verifier);
        if (!verified.ok) {
          this.fault(block.peer, `commit of height ${block.height}: ${verified.code}`);
          return resolve(false);
        }
      }
      await this.c.apply(block.blockBytes, block.commitBytes, block.hash);
      resolve(true);
    }));
    if (!applied) this.window.refetch(block.peer, block.height);
  }
}
