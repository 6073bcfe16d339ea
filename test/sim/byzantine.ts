// Byzantine behaviour: a faulty validator runs the honest core but, on some of its own broadcasts,
// signs a second, conflicting message (double vote, double proposal) and splits its peers between
// the two, some peers getting both. Its signer bypasses the double-sign guard, as a faulty node's
// would. Its second votes favour real blocks of the height (its own alternative proposals among
// them): votes for two live values are what would split correct nodes if a threshold or the
// locking were wrong, and random hashes would only ever be ignored.
//
// With set changes, a Byzantine node that was voted out keeps voting: at heights whose set it is not
// in, it signs prevotes and precommits under the index it last had (or any index of the current set).
// Those ghost votes must be ignored by every honest node (checkers.ts, invariant 5). And asked for a
// finished height, it sometimes answers with another block of that height and a certificate made of
// its own signature only: one index repeated, its signature at every index, or the index it had in
// an older set. A node that catches up must reject each (the certificate is checked against the set
// of its height), or it commits a block nobody decided.
import { proposalSignBytes, voteSignBytes } from '../../src/codec/sign-bytes.js';
import { VOTE_PRECOMMIT, VOTE_PREVOTE, type CommitSignature, type Vote } from '../../src/consensus/tendermint/index.js';
import { asRound } from '../../src/types/index.js';
import { sha256 } from '../../src/crypto/hash.js';
import { toHex, type Hash32 } from '../../src/types/index.js';
import { makeBlock } from './app.js';
import { equivocationKey } from './checkers.js';
import { fakeSign } from './fake-crypto.js';
import type { WireMessage } from './network.js';
import type { SimNode, SimWorld, StoredCommit } from './node.js';

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
        : Array.from({ length: this.world.nodeCount }, (): Side => (prng.chance(150) ? 'both' : prng.chance(500) ? 'a' : 'b'));
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
    if (!node.isOwn(signed.height, signerIndex)) return false;
    const split = this.splitOf(node.node, signed.height, signed.round);
    if (split === null) return false;
    const conflict = message.kind === 'vote' ? this.conflictingVote(node, secret, message)
      : this.conflictingProposal(node, secret, message);
    world.checker.onByzantineEquivocation(conflict.key, conflict.idA, conflict.idB);
    for (let peer = 0; peer < world.nodeCount; peer++) {
      if (peer === node.node) continue;
      const side = split[peer]!;
      if (side !== 'b') world.network.send(node.node, peer, message, world.nowMs());
      if (side !== 'a') world.network.send(node.node, peer, conflict.message, world.nowMs());
    }
    return true;
  }

  /** On its ticks, a Byzantine node outside its height's set votes anyway (see the top). */
  ghostVotes(node: SimNode, secret: Uint8Array): void {
    const { state } = node;
    if (!node.up || state.status !== 'running' || state.ownIndex !== -1 || node.formerIndex === undefined) return;
    const { prng, chainId, checker, network } = this.world;
    const size = state.validators.validators.length;
    const validatorIndex = node.formerIndex < size && prng.chance(700) ? node.formerIndex : prng.int(size);
    const blocks = [...state.blocks.values()];
    const blockHash = blocks.length > 0 && prng.chance(800) ? prng.pick(blocks).hash : null;
    for (const type of [VOTE_PREVOTE, VOTE_PRECOMMIT] as const) {
      const signBytes = voteSignBytes(chainId, state.height, state.round, type, blockHash ?? undefined);
      const vote: Vote = { type, height: state.height, round: state.round, blockHash, validatorIndex, signature: fakeSign(secret, signBytes) };
      checker.onGhostVote(vote);
      for (let peer = 0; peer < this.world.nodeCount; peer++) {
        if (peer !== node.node) network.send(node.node, peer, { kind: 'vote', vote }, this.world.nowMs());
      }
    }
  }

  /** A forged answer to a request for a finished height (see the top), or undefined: answer honestly. */
  forgedCommit(node: SimNode, secret: Uint8Array, height: number, stored: StoredCommit): WireMessage | undefined {
    const { prng, chainId } = this.world;
    if (!prng.chance(300)) return undefined;
    const block = makeBlock({
      height, timeMs: stored.block.timeMs, proposerNode: node.node, nonce: prng.nextU32(), valid: true,
    });
    const round = asRound(prng.int(3));
    const signature = fakeSign(secret, voteSignBytes(chainId, height, round, VOTE_PRECOMMIT, block.hash));
    const set = node.validatorSetFor(height);
    const size = set.validators.length;
    const ownIndex = set.validators.findIndex((v) => toHex(v.publicKey) === toHex(this.world.publicKeyOf(node.node)));
    const index = ownIndex !== -1 ? ownIndex : node.formerIndex !== undefined && node.formerIndex < size ? node.formerIndex : prng.int(size);
    const style = prng.int(3);
    const signatures: CommitSignature[] = style === 0 ? Array.from({ length: size }, () => ({ validatorIndex: index, signature }))
      : style === 1 ? Array.from({ length: size }, (_, validatorIndex) => ({ validatorIndex, signature }))
        : [{ validatorIndex: index, signature }];
    this.world.checker.forgedCommitsSent += 1;
    return { kind: 'commit', block, certificate: { height: stored.certificate.height, round, blockHash: block.hash, signatures } };
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
      key: equivocationKey(node.node, vote.height, vote.round, String(vote.type)),
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
      key: equivocationKey(node.node, proposal.height, proposal.round, 'proposal'),
      idA: toHex(proposal.signature),
      idB: toHex(signature),
    };
  }
}
