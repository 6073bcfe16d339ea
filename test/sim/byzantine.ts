// Byzantine behaviour: a faulty validator runs the honest core but, on some of its own broadcasts,
// signs a second, conflicting message (double vote, double proposal) and splits its peers between
// the two, some peers getting both. Its signer bypasses the double-sign guard, as a faulty node's
// would. Its second votes favour real blocks of the height (its own alternative proposals among
// them): votes for two live values are what would split correct nodes if a threshold or the
// locking were wrong, and random hashes would only ever be ignored.
import { proposalSignBytes, voteSignBytes } from '../../src/codec/sign-bytes.js';
import { sha256 } from '../../src/crypto/hash.js';
import { toHex, type Hash32 } from '../../src/types/index.js';
import { makeBlock } from './app.js';
import { equivocationKey } from './checkers.js';
import { fakeSign } from './fake-crypto.js';
import type { WireMessage } from './network.js';
import type { SimNode, SimWorld } from './node.js';

type SignedMessage = Extract<WireMessage, { kind: 'vote' | 'proposal' }>;

interface Conflict {
  readonly message: WireMessage;
  readonly key: string;
  readonly idA: string;
  readonly idB: string;
}

/** How a Byzantine node splits its peers in one round: who gets A, who gets B, who gets both. */
type Side = 'a' | 'b' | 'both';

export class ByzantineStrategy {
  /** Alternative blocks each Byzantine node proposed, by "node/height/round". */
  private readonly alternates = new Map<string, Hash32>();
  /** The split of peers a Byzantine node uses for a whole round, or null: honest this round. */
  private readonly splits = new Map<string, readonly Side[] | null>();

  constructor(private readonly world: SimWorld) {}

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
        : Array.from({ length: options.nodeCount }, (): Side => (prng.chance(150) ? 'both' : prng.chance(500) ? 'a' : 'b'));
      this.splits.set(key, split);
    }
    return split;
  }

  /** Carries out a Byzantine node's broadcast; false means "send it normally". */
  broadcast(node: SimNode, secret: Uint8Array, message: WireMessage): boolean {
    const { world } = this;
    if (message.kind !== 'vote' && message.kind !== 'proposal') return false;
    // Only its own messages: a relayed proposal of another validator cannot be forged.
    const signed = message.kind === 'vote' ? message.vote : message.proposal;
    const signerIndex = message.kind === 'vote' ? message.vote.validatorIndex : message.proposal.proposerIndex;
    if (signerIndex !== node.validatorIndex) return false;
    const split = this.splitOf(node.node, signed.height, signed.round);
    if (split === null) return false;
    const conflict = message.kind === 'vote' ? this.conflictingVote(node, secret, message)
      : this.conflictingProposal(node, secret, message);
    world.checker.onByzantineEquivocation(conflict.key, conflict.idA, conflict.idB);
    for (let peer = 0; peer < world.options.nodeCount; peer++) {
      if (peer === node.node) continue;
      const side = split[peer]!;
      if (side !== 'b') world.network.send(node.node, peer, message, world.nowMs());
      if (side !== 'a') world.network.send(node.node, peer, conflict.message, world.nowMs());
    }
    return true;
  }

  private conflictingVote(node: SimNode, secret: Uint8Array, message: Extract<SignedMessage, { kind: 'vote' }>): Conflict {
    const { prng, chainId } = this.world;
    const vote = message.vote;
    const alternate = this.alternates.get(`${node.node}/${vote.height}/${vote.round}`);
    const known = node.state.height !== vote.height ? [] : [...node.state.blocks.values()].map((block) => block.hash);
    const others = [...(alternate === undefined ? [] : [alternate]), ...known]
      .filter((hash) => vote.blockHash === null || toHex(hash) !== toHex(vote.blockHash));
    const otherHash: Hash32 | null = others.length > 0 && prng.chance(800) ? others[0]!
      : vote.blockHash === null || prng.chance(300) ? sha256(prng.bytes(8)) : null;
    const signature = fakeSign(secret, voteSignBytes(chainId, vote.height, vote.round, vote.type, otherHash ?? undefined));
    return {
      message: { kind: 'vote', vote: { ...vote, blockHash: otherHash, signature } },
      key: equivocationKey(vote.validatorIndex, vote.height, vote.round, String(vote.type)),
      idA: toHex(vote.signature),
      idB: toHex(signature),
    };
  }

  private conflictingProposal(node: SimNode, secret: Uint8Array,
    message: Extract<SignedMessage, { kind: 'proposal' }>): Conflict {
    const { prng, chainId } = this.world;
    const proposal = message.proposal;
    const block = makeBlock({
      height: proposal.height, timeMs: proposal.block.timeMs, proposerNode: node.node,
      nonce: prng.nextU32(), valid: prng.chance(800),
    });
    this.alternates.set(`${node.node}/${proposal.height}/${proposal.round}`, block.hash);
    const signature = fakeSign(secret, proposalSignBytes(chainId, proposal.height, proposal.round, proposal.validRound, block.hash));
    return {
      message: { kind: 'proposal', proposal: { ...proposal, block, signature } },
      key: equivocationKey(proposal.proposerIndex, proposal.height, proposal.round, 'proposal'),
      idA: toHex(proposal.signature),
      idB: toHex(signature),
    };
  }
}
