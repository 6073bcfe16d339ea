// The node's consensus traffic on the p2p layer: gossip topics for txs (in batches: tx-gossip.ts),
// proposals and votes, and three request-response protocols: "catchup" (messages of the current
// height a peer misses), "push" (re-sending our own messages straight to peers: gossip drops
// repeats of bytes it has seen, so a re-broadcast must not go through it) and "blocks" (block
// sync, in block-sync.ts).
import type { Logger } from 'pino';
import { pb } from '../codec/index.js';
import type { CatchUpRequest, ConsensusEvent, PeerId, Proposal, Vote } from '../consensus/tendermint/index.js';
import type { Ledger } from '../ledger/index.js';
import type { Mempool } from '../mempool/index.js';
import { PeerFaultError, type P2P, type Verdict } from '../p2p/index.js';
import { asHeight, asRound, asTimeMs, isTianpingError, type Clock, type TimeMs, type Timers } from '../types/index.js';
import { compactFromMessage, compactMessage, decodeCompactProposal, encodeCompactProposal, type CompactProposal } from './compact-proposal.js';
import { decodeCatchUpRequest, decodeProposal, decodeVote, encodeCatchUpRequest, encodeProposal, encodeVote } from './consensus-codec.js';
import { MissingTxs } from './missing-txs.js';
import { blocksRange, decodeFromPeer, decodePush } from './request-checks.js';
import { TxGossip } from './tx-gossip.js';
import { SYNC_RESPONSE_BYTES_MAX } from './block-sync.js';

export type ConsensusNetwork = Pick<P2P, 'publish' | 'subscribe' | 'handle' | 'request' | 'connectedNodes'>;

export interface WireComponents {
  readonly network: ConsensusNetwork;
  readonly mempool: Mempool;
  readonly ledger: Ledger;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly timers: Timers;
  readonly syncBlocksMax: number;
  /** The most txs a block may hold (the chain's blockTxsMax): a compact proposal naming more is refused. */
  readonly blockTxsMax: number;
  /** The height being decided: the tip's height + 1. */
  currentHeight(): number;
  /** The node id (hex key) of the validator at this index of this height's set, where known. */
  nodeIdOf(height: number, validatorIndex: number): string | undefined;
  feed(event: ConsensusEvent): void;
  /** Runs a task after every event queued so far has been handled. */
  enqueue(task: () => Promise<void>): void;
  /** A peer speaks of a height beyond the next: we are behind, sync blocks. */
  onFutureHeight(): void;
  /** Txs from a peer entered the mempool (once per gossip message, not per tx). */
  onTxAdmitted(): void;
  /** A peer already runs the height we are about to start. */
  onNextHeightMessage(): void;
}

const PEER_ANSWER_WAIT_MS = 2_000;
const CATCH_UP_PEERS_MAX = 2;

export class ConsensusWire {
  private readonly pendingAnswers = new Map<PeerId, (bytes: Uint8Array) => void>();
  private requestCounter = 0;
  /** Where the next catch-up request starts in the list of connected peers. */
  private catchUpCursor = 0;
  private readonly txs: TxGossip;
  private readonly missing: MissingTxs;

  constructor(private readonly c: WireComponents) {
    this.txs = new TxGossip({ mempool: c.mempool, logger: c.logger, timers: c.timers, publish: (batch) => this.publish('txs', batch),
      onTxsAdmitted: () => c.onTxAdmitted() });
    this.missing = new MissingTxs({ logger: c.logger, timers: c.timers, txOf: (hash) => c.mempool.txBytes(hash),
      gossipSettled: () => this.txs.settled(), currentHeight: () => c.currentHeight(),
      onExpanded: (proposal, receivedAtMs) => c.feed({ kind: 'proposalReceived', proposal, receivedAtMs }),
      requestWhole: (height, round, proposerIndex) => this.requestCatchUp({ kind: 'proposal', height: asHeight(height),
        round: asRound(round) }, c.nodeIdOf(height, proposerIndex)) });
  }

  async register(): Promise<void> {
    const { network } = this.c;
    network.subscribe('txs', (data) => this.txs.onBatch(data));
    network.subscribe('proposals', (data) => this.onCompactProposal(() => decodeCompactProposal(data, this.c.blockTxsMax)));
    network.subscribe('votes', (data) => this.onVoteBytes(data));
    await network.handle('catchup', async (request, from) => this.onCatchUpRequest(request, from));
    await network.handle('push', async (request) => {
      const message = decodePush(request, (index) => this.c.nodeIdOf(this.c.currentHeight(), index) !== undefined);
      let rejected = 0;
      for (const compact of message.compactProposals) {
        const verdict = this.onCompactProposal(() => compactFromMessage(pb.CompactProposal.create(compact), this.c.blockTxsMax));
        if (verdict === 'reject') rejected++;
      }
      rejected += this.onMessages(message);
      // What was valid in it has been taken; the rest is blamed as gossip of it would be.
      if (rejected > 0) throw new PeerFaultError('malformed', `push with ${rejected} invalid messages`);
      return pb.CatchUpResponse.encode({ tipHeight: this.c.ledger.tip.height }).finish();
    });
    await network.handle('blocks', (request) => this.onBlocksRequest(request));
  }

  /** Gossips a tx this node admitted itself, in the next batch. */
  publishTx(bytes: Uint8Array): void {
    this.txs.queue(bytes);
  }

  /** Sends the txs still waiting for their batch (the node is stopping). */
  flush(): void {
    this.txs.flush();
  }

  /**
   * Proposals travel compact (compact-proposal.ts). The txs this node admitted and has not
   * gossiped yet go first, on the same streams, so that receivers hold them when the proposal comes.
   */
  sendProposal(proposal: Proposal, rebroadcast: boolean): void {
    if (rebroadcast) {
      this.push({ compactProposals: [compactMessage(proposal)] });
      return;
    }
    this.txs.flush();
    this.publish('proposals', encodeCompactProposal(proposal));
  }

  sendVote(vote: Vote, rebroadcast: boolean): void {
    if (rebroadcast) this.push({ votes: [pb.Vote.decode(encodeVote(vote))] });
    else this.publish('votes', encodeVote(vote));
  }

  reportEquivocation(txBytes: Uint8Array): void {
    this.c.mempool.add(txBytes).then(() => this.publishTx(txBytes), (error: unknown) => {
      if (!isTianpingError(error) || (error.code !== 'TX_DUPLICATE' && error.code !== 'EQUIVOCATION_DUPLICATE')) {
        this.c.logger.warn({ err: error }, 'equivocation report refused');
      }
    });
  }

  /** Asks peers for what the core misses; `first`, when connected, is asked in any case (the proposer of a proposal). */
  requestCatchUp(request: CatchUpRequest, first?: string): void {
    // The proposer of a missing proposal holds it for sure: it is asked first. The other peers are
    // asked in turn, successive requests going to successive peers: the first two connected may
    // lack the very proposal we lack (they missed, or refused while behind, the same txs), and
    // asking only them left validators without the proposal round after round (found by the
    // simulator: seeds 1 and 6982).
    const connected = this.c.network.connectedNodes();
    const peers: string[] = first !== undefined && connected.includes(first) ? [first] : [];
    const others = connected.filter((peer) => peer !== first);
    for (let i = 0; peers.length < CATCH_UP_PEERS_MAX && i < others.length; i++) {
      peers.push(others[(this.catchUpCursor + i) % others.length]!);
    }
    this.catchUpCursor = (this.catchUpCursor + CATCH_UP_PEERS_MAX) % Math.max(1, others.length);
    for (const peer of peers) {
      this.c.network.request(peer, 'catchup', encodeCatchUpRequest(request), { timeoutMs: PEER_ANSWER_WAIT_MS + 1_000 })
        .then((bytes) => {
          const response = pb.CatchUpResponse.decode(bytes);
          if (response.tipHeight >= this.c.currentHeight()) this.c.onFutureHeight();
          this.onMessages(response);
        })
        .catch((error: unknown) => this.c.logger.debug({ err: error, peer }, 'catch-up request failed'));
    }
  }

  answerPeer(peer: PeerId, proposals: readonly Proposal[], votes: readonly Vote[]): void {
    const resolve = this.pendingAnswers.get(peer);
    if (resolve === undefined) return;
    this.pendingAnswers.delete(peer);
    resolve(pb.CatchUpResponse.encode({
      proposals: proposals.map((p) => pb.Proposal.decode(encodeProposal(p))),
      votes: votes.map((v) => pb.Vote.decode(encodeVote(v))),
      tipHeight: this.c.ledger.tip.height,
    }).finish());
  }

  private publish(topic: 'txs' | 'proposals' | 'votes', data: Uint8Array): void {
    this.c.network.publish(topic, data).catch((error: unknown) => this.c.logger.debug({ err: error, topic }, 'publish failed'));
  }

  private push(message: { compactProposals?: InstanceType<typeof pb.CompactProposal>[]; votes?: InstanceType<typeof pb.Vote>[] }): void {
    const bytes = pb.CatchUpResponse.encode(message).finish();
    for (const peer of this.c.network.connectedNodes()) {
      this.c.network.request(peer, 'push', bytes, { timeoutMs: PEER_ANSWER_WAIT_MS })
        .catch((error: unknown) => this.c.logger.debug({ err: error, peer }, 'push failed'));
    }
  }

  /**
   * Height filter shared by proposals and votes: the gossip verdict, and whether the core should
   * see the message. A message of the height after ours goes to the core too, which keeps it for
   * that height: peers are there while we still decide (or sync) ours, and dropping their proposal
   * and votes cost the height we join next its round 0 (the half-load latency tail of bench:net).
   */
  private admitHeight(height: number): { verdict: Verdict; feed: boolean } {
    const current = this.c.currentHeight();
    if (height < current) return { verdict: 'ignore', feed: false };
    if (height > current) {
      this.c.onFutureHeight();
      return { verdict: 'ignore', feed: height === current + 1 };
    }
    this.c.onNextHeightMessage();
    return { verdict: 'accept', feed: true };
  }

  /** A whole proposal: answers to our catch-up requests. */
  private onProposalBytes(data: Uint8Array): Verdict {
    let proposal: Proposal;
    try {
      proposal = decodeProposal(data);
    } catch {
      return 'reject';
    }
    const { verdict, feed } = this.admitHeight(proposal.height);
    if (feed) this.c.feed({ kind: 'proposalReceived', proposal, receivedAtMs: asTimeMs(this.c.clock.nowMs()) });
    return verdict;
  }

  /**
   * A compact proposal (gossip or push). Accepted for forwarding once it decodes and is of the
   * current height; the core checks its signature and block after the txs are found.
   */
  private onCompactProposal(decode: () => CompactProposal): Verdict {
    const receivedAtMs: TimeMs = asTimeMs(this.c.clock.nowMs());
    let compact: CompactProposal;
    try {
      compact = decode();
    } catch {
      return 'reject';
    }
    const { verdict, feed } = this.admitHeight(compact.height);
    if (feed) this.missing.expand(compact, receivedAtMs);
    return verdict;
  }

  private onVoteBytes(data: Uint8Array): Verdict {
    let vote: Vote;
    try {
      vote = decodeVote(data);
    } catch {
      return 'reject';
    }
    const { verdict, feed } = this.admitHeight(vote.height);
    if (feed) this.c.feed({ kind: 'voteReceived', vote });
    return verdict;
  }

  /** Feeds the proposals and votes of a catch-up answer or a push; returns how many were invalid. */
  private onMessages(response: InstanceType<typeof pb.CatchUpResponse>): number {
    let rejected = 0;
    for (const p of response.proposals) if (this.onProposalBytes(pb.Proposal.encode(p).finish()) === 'reject') rejected++;
    for (const v of response.votes) if (this.onVoteBytes(pb.Vote.encode(v).finish()) === 'reject') rejected++;
    return rejected;
  }

  private onCatchUpRequest(bytes: Uint8Array, from: string): Promise<Uint8Array> {
    const request = decodeFromPeer(() => decodeCatchUpRequest(bytes));
    const peer = `${from}#${++this.requestCounter}`;
    return new Promise((resolve) => {
      const cancel = this.c.timers.schedule(() => {
        this.pendingAnswers.delete(peer);
        resolve(pb.CatchUpResponse.encode({ tipHeight: this.c.ledger.tip.height }).finish());
      }, PEER_ANSWER_WAIT_MS);
      this.pendingAnswers.set(peer, (answer) => {
        cancel();
        resolve(answer);
      });
      this.c.feed({ kind: 'peerRequest', peer, request });
      // The core answers (sendToPeer) while handling the request, or not at all: once the queue is
      // past it, whatever is still unanswered gets the empty answer.
      this.c.enqueue(async () => this.answerPeer(peer, [], []));
    });
  }

  private async onBlocksRequest(bytes: Uint8Array): Promise<Uint8Array> {
    const { fromHeight, toHeight } = blocksRange(bytes, this.c.syncBlocksMax);
    const tip = this.c.ledger.tip.height;
    const to = Math.min(toHeight, tip);
    const blocks: { block: Uint8Array; commit: Uint8Array }[] = [];
    let answerBytes = 0;
    for (let height = fromHeight; height <= to; height++) {
      const raw = await this.c.ledger.rawBlock(height);
      if (raw === undefined) break;
      // Full blocks (3 MiB each by default) would pass the peer's message limit long before
      // syncBlocksMax of them: the answer stops at a byte budget, the requester asks for the rest.
      answerBytes += raw.block.length + raw.commit.length;
      if (blocks.length > 0 && answerBytes > SYNC_RESPONSE_BYTES_MAX) break;
      blocks.push(raw);
    }
    return pb.BlocksResponse.encode({ tipHeight: tip, blocks }).finish();
  }
}
