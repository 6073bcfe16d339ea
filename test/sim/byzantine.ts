// Byzantine behaviour, on the wire: a faulty validator runs the production node, but its network
// endpoint rewrites what it sends. On some rounds it signs a second, conflicting message for each of
// its own votes and compact proposals (its signer bypasses the double-sign guard, as a faulty node's
// would) and splits its peers between the two, some peers getting both. Its second votes favour real
// blocks of the height (its own alternative proposal among them): votes for two live values are
// what would split correct nodes if a threshold or the locking were wrong.
//
// With set changes, a Byzantine node that was voted out keeps voting: at heights whose set it is not
// in, it signs prevotes and precommits under the index it last had (or any index). Those ghost votes
// must be ignored by every honest node (checkers.ts, invariant 5). And asked for blocks by a node
// that syncs, it sometimes answers with another block of that height and a certificate made of its
// own signature only: one index repeated, its signature at every index, or one signature. Block sync
// must reject each, or the syncing node commits a block nobody decided (invariant 1).
import { blockHashOfHeader, encodeBlock, pb, proposalSignBytes, voteSignBytes, decodeBlock } from '../../src/codec/index.js';
import { VOTE_PRECOMMIT, VOTE_PREVOTE, type CommitSignature, type Vote } from '../../src/consensus/tendermint/index.js';
import { decodeCompactProposal, decodeCertificate, decodeVote, encodeCertificate, encodeVote } from '../../src/wire/index.js';
import type { RequestHandler } from '../../src/p2p/index.js';
import { sha256 } from '../../src/crypto/hash.js';
import { asRound, toHex, type Hash32 } from '../../src/types/index.js';
import { equivocationKey, type Checker } from './checkers.js';
import { fakeSign } from './fake-crypto.js';
import type { Packet, SimEndpoint } from './network.js';
import type { SimNode } from './node.js';
import type { SimOptions } from './options.js';
import type { Prng } from './prng.js';

/** How a Byzantine node splits its peers in one round: who gets A, who gets B, who gets both. */
type Side = 'a' | 'b' | 'both';

export interface ByzantineWorld {
  readonly options: SimOptions;
  readonly chainId: string;
  readonly prng: Prng;
  readonly checker: Checker;
  readonly nodeCount: number;
}

const BLOCK_TXS_MAX = 10_000;

export class ByzantineStrategy {
  /** Alternative blocks each Byzantine node proposed, by "node/height/round". */
  private readonly alternates = new Map<string, Hash32>();
  /** The split of peers a Byzantine node uses for a whole round, or null: honest this round. */
  private readonly splits = new Map<string, readonly Side[] | null>();

  constructor(private readonly world: ByzantineWorld) {}

  /** Gives a Byzantine node's fresh endpoint its faults. */
  attach(node: SimNode, endpoint: SimEndpoint): void {
    endpoint.tamper = (to, packet) => this.tamper(node, to, packet);
    endpoint.wrapHandler = (protocol, handler) => (protocol === 'blocks' ? this.forgingBlocks(node, handler) : handler);
  }

  /**
   * One decision per node and round, kept for every message of the round: the classic split-brain
   * attack sends proposal A and votes for A to one group, B and votes for B to the other.
   */
  private splitOf(node: number, height: number, round: number): readonly Side[] | null {
    const key = `${node}/${height}/${round}`;
    let split = this.splits.get(key);
    if (split === undefined) {
      const { prng, options } = this.world;
      split = !prng.chance(options.equivocationPerMille) ? null
        : Array.from({ length: this.world.nodeCount }, (): Side => (prng.chance(150) ? 'both' : prng.chance(500) ? 'a' : 'b'));
      this.splits.set(key, split);
    }
    return split;
  }

  private tamper(node: SimNode, to: number, packet: Packet): readonly Packet[] {
    if (packet.kind !== 'gossip' || (packet.topic !== 'votes' && packet.topic !== 'proposals')) return [packet];
    const conflict = packet.topic === 'votes' ? this.conflictingVote(node, packet.data) : this.conflictingProposal(node, packet.data);
    if (conflict === undefined) return [packet];
    const side = conflict.split[to]!;
    const other: Packet = { kind: 'gossip', topic: packet.topic, data: conflict.data };
    return side === 'a' ? [packet] : side === 'b' ? [other] : [packet, other];
  }

  /** The second vote of a round this node equivocates in (the same one for every peer), or undefined. */
  private readonly conflicts = new Map<string, { split: readonly Side[]; data: Uint8Array }>();

  private conflictingVote(node: SimNode, data: Uint8Array): { split: readonly Side[]; data: Uint8Array } | undefined {
    const vote = decodeVote(data);
    if (this.world.checker.isGhostVote(vote)) return undefined;
    const split = this.splitOf(node.node, vote.height, vote.round);
    if (split === null) return undefined;
    const key = `${node.node}/${toHex(vote.signature)}`;
    const known = this.conflicts.get(key);
    if (known !== undefined) return known;
    const { prng, chainId, checker } = this.world;
    const alternate = this.alternates.get(`${node.node}/${vote.height}/${vote.round}`);
    const state = node.coreState;
    const seen = state === undefined || state.height !== vote.height ? [] : [...state.blocks.values()].map((block) => block.hash);
    const others = [...(alternate === undefined ? [] : [alternate]), ...seen]
      .filter((hash) => vote.blockHash === null || toHex(hash) !== toHex(vote.blockHash));
    const otherHash: Hash32 | null = others.length > 0 && prng.chance(800) ? others[0]!
      : vote.blockHash === null || prng.chance(300) ? sha256(prng.bytes(8)) : null;
    const signature = fakeSign(node.key.seed, voteSignBytes(chainId, vote.height, vote.round, vote.type, otherHash ?? undefined));
    checker.onByzantineEquivocation(equivocationKey(node.node, vote.height, vote.round, String(vote.type)),
      toHex(vote.signature), toHex(signature));
    const conflict = { split, data: encodeVote({ ...vote, blockHash: otherHash, signature }) };
    this.conflicts.set(key, conflict);
    return conflict;
  }

  /** Another block of the same height (its header's time moved on), proposed and signed in the same round. */
  private conflictingProposal(node: SimNode, data: Uint8Array): { split: readonly Side[]; data: Uint8Array } | undefined {
    const compact = decodeCompactProposal(data, BLOCK_TXS_MAX);
    const split = this.splitOf(node.node, compact.height, compact.round);
    if (split === null) return undefined;
    const key = `${node.node}/${toHex(compact.signature)}`;
    const known = this.conflicts.get(key);
    if (known !== undefined) return known;
    const { chainId, checker, prng } = this.world;
    const header = pb.Header.decode(compact.header);
    const headerBytes = pb.Header.encode({ ...header, timeMs: header.timeMs + prng.range(1, 50) }).finish();
    const blockHash = blockHashOfHeader(headerBytes);
    this.alternates.set(`${node.node}/${compact.height}/${compact.round}`, blockHash);
    const signature = fakeSign(node.key.seed, proposalSignBytes(chainId, compact.height, compact.round, compact.validRound, blockHash));
    checker.onByzantineEquivocation(equivocationKey(node.node, compact.height, compact.round, 'proposal'),
      toHex(compact.signature), toHex(signature));
    const message = pb.CompactProposal.decode(data);
    const conflict = { split, data: pb.CompactProposal.encode({ ...message, header: headerBytes, signature }).finish() };
    this.conflicts.set(key, conflict);
    return conflict;
  }

  /** On its ticks, a Byzantine node outside its height's set votes anyway (see the top). */
  ghostVotes(node: SimNode): void {
    const state = node.coreState;
    const endpoint = node.endpoint;
    if (!node.up || endpoint === undefined || state === undefined || state.status !== 'running' || state.ownIndex !== -1
      || node.formerIndex === undefined) return;
    const { prng, chainId, checker } = this.world;
    const size = state.validators.validators.length;
    const validatorIndex = node.formerIndex < size && prng.chance(700) ? node.formerIndex : prng.int(size);
    const blocks = [...state.blocks.values()];
    const blockHash = blocks.length > 0 && prng.chance(800) ? prng.pick(blocks).hash : null;
    for (const type of [VOTE_PREVOTE, VOTE_PRECOMMIT] as const) {
      const signBytes = voteSignBytes(chainId, state.height, state.round, type, blockHash ?? undefined);
      const vote: Vote = { type, height: state.height, round: state.round, blockHash, validatorIndex,
        signature: fakeSign(node.key.seed, signBytes) };
      checker.onGhostVote(vote);
      void endpoint.publish('votes', encodeVote(vote));
    }
  }

  /** Answers to block sync, sometimes with a forged block and certificate first (see the top). */
  private forgingBlocks(node: SimNode, handler: RequestHandler): RequestHandler {
    return async (request, from) => {
      const answer = await handler(request, from);
      const { prng, chainId, checker } = this.world;
      const response = pb.BlocksResponse.decode(answer);
      const first = response.blocks[0];
      if (first?.block == null || first.commit == null || !prng.chance(300)) return answer;
      const { block, header } = decodeBlock(first.block);
      const real = decodeCertificate(first.commit);
      const headerBytes = pb.Header.encode({ ...header, timeMs: header.timeMs + prng.range(1, 50) }).finish();
      const blockHash = blockHashOfHeader(headerBytes);
      const round = asRound(prng.int(3));
      const signature = fakeSign(node.key.seed, voteSignBytes(chainId, header.height, round, VOTE_PRECOMMIT, blockHash));
      const size = Math.max(1, real.signatures.length);
      const index = node.formerIndex ?? prng.int(size);
      const style = prng.int(3);
      const signatures: CommitSignature[] = style === 0 ? Array.from({ length: size }, () => ({ validatorIndex: index, signature }))
        : style === 1 ? Array.from({ length: size }, (_, validatorIndex) => ({ validatorIndex, signature }))
          : [{ validatorIndex: index, signature }];
      checker.forgedCommitsSent += 1;
      const forged = { block: encodeBlock(headerBytes, block.txs), commit: encodeCertificate({ height: real.height, round, blockHash, signatures }) };
      return pb.BlocksResponse.encode({ tipHeight: response.tipHeight, blocks: [forged] }).finish();
    };
  }
}
