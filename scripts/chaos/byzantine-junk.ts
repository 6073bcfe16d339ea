// What the Byzantine peer sends (byzantine-peer.ts): junk for every gossip topic and request
// protocol, and conflicting messages signed with a real validator's key. Deterministic per seed.
import { pb, proposalSignBytes, voteSignBytes, VOTE_PRECOMMIT, VOTE_PREVOTE } from '../../src/codec/index.js';
import { sha256, sign, type KeyPair } from '../../src/crypto/index.js';
import type { Topic } from '../../src/p2p/index.js';
import { asHash32, asHeight, asRound, concatBytes, u64be } from '../../src/types/index.js';
import { encodeVote } from '../../src/wire/index.js';

/** Over every node's inbound gossip frame limit (3 MiB for proposals + 64 KiB of envelope). */
export const OVERSIZED_GOSSIP_BYTES = 3.5 * 1024 * 1024;
/** Over the default request limit (64 KiB). */
export const OVERSIZED_REQUEST_BYTES = 100 * 1024;
export const PUSH_VOTES = 500;

/** A small seeded generator (sha256 in counter mode): the same seed sends the same junk. */
export class Random {
  private counter = 0;
  private pool: Uint8Array = new Uint8Array(0);
  private offset = 0;

  constructor(private readonly seed: string) {}

  bytes(length: number): Uint8Array {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) {
      if (this.offset >= this.pool.length) {
        this.pool = sha256(concatBytes(new TextEncoder().encode(this.seed), u64be(this.counter++)));
        this.offset = 0;
      }
      out[i] = this.pool[this.offset++]!;
    }
    return out;
  }

  int(below: number): number {
    const [a, b, c] = this.bytes(3);
    return ((a! << 16) | (b! << 8) | c!) % below;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
}

export interface Signer {
  readonly chainId: string;
  readonly key: KeyPair;
  readonly validatorIndex: number;
}

export function signedVote(s: Signer, type: number, height: number, round: number, blockHash: Uint8Array): Uint8Array {
  const signature = sign(s.key.seed, voteSignBytes(s.chainId, height, round, type, blockHash));
  return encodeVote({ type: type as 1 | 2, height: asHeight(height), round: asRound(round), blockHash: asHash32(blockHash),
    validatorIndex: s.validatorIndex, signature });
}

/** Two votes of one type for one height and round, for different blocks: equivocation. */
export function conflictingVotes(s: Signer, random: Random, height: number, round: number): Uint8Array[] {
  const type = random.pick([VOTE_PREVOTE, VOTE_PRECOMMIT]);
  return [signedVote(s, type, height, round, random.bytes(32)), signedVote(s, type, height, round, random.bytes(32))];
}

/** Two signed compact proposals of one height and round for different (empty) blocks. */
export function conflictingProposals(s: Signer, random: Random, height: number, round: number): Uint8Array[] {
  return [0, 1].map((i) => {
    const header = pb.Header.encode({ chainId: s.chainId, height, timeMs: Date.now() + i, txCount: 0,
      proposer: s.key.publicKey, appHash: random.bytes(32) }).finish();
    const signature = sign(s.key.seed, proposalSignBytes(s.chainId, height, round, -1, sha256(header)));
    return pb.CompactProposal.encode({ height, round, validRound: -1, header, txHashes: new Uint8Array(0),
      proposerIndex: s.validatorIndex, signature }).finish();
  });
}

export type GossipJunkKind = 'gossip-garbage' | 'gossip-truncated' | 'gossip-non-canonical';

/** A junk message for a topic: random bytes, a signed vote cut short, or one with a zero field written out. */
export function gossipJunk(s: Signer, random: Random, kind: GossipJunkKind, height: number): { topic: Topic; data: Uint8Array } {
  const topic = random.pick<Topic>(['txs', 'proposals', 'votes', 'evidence']);
  const vote = signedVote(s, VOTE_PREVOTE, height, 0, random.bytes(32));
  if (kind === 'gossip-truncated') return { topic, data: vote.subarray(0, 1 + random.int(vote.length - 2)) };
  // Field 3 (round) = 0 written out: decodes to the same vote, but is a second encoding of it.
  if (kind === 'gossip-non-canonical') return { topic, data: concatBytes(vote, Uint8Array.of(0x18, 0x00)) };
  return { topic, data: random.bytes(1 + random.int(2048)) };
}

export type RequestJunkKind = 'catchup-garbage' | 'catchup-non-canonical' | 'blocks-huge-range' | 'blocks-garbage'
  | 'push-many-votes' | 'push-garbage' | 'request-oversized';

export const REQUEST_JUNK_KINDS: readonly RequestJunkKind[] = ['catchup-garbage', 'catchup-non-canonical', 'blocks-huge-range',
  'blocks-garbage', 'push-many-votes', 'push-garbage', 'request-oversized'];

/** A well-formed catch-up request for the height being decided: nothing wrong with it but how many come at once. */
export function validCatchUp(height: number): { name: string; data: Uint8Array } {
  return { name: 'catchup', data: pb.CatchUpRequest.encode({ kind: 'votes', height, round: 0, voteType: 1 }).finish() };
}

/** A junk request: which protocol, and the bytes. */
export function requestJunk(s: Signer, random: Random, kind: RequestJunkKind, height: number): { name: string; data: Uint8Array } {
  switch (kind) {
    case 'catchup-garbage': return { name: 'catchup', data: random.bytes(1 + random.int(512)) };
    case 'catchup-non-canonical': {
      const request = pb.CatchUpRequest.encode({ kind: 'votes', height, round: 0, voteType: 1 }).finish();
      return { name: 'catchup', data: concatBytes(request, Uint8Array.of(0x18, 0x00)) };
    }
    // from_height 1, to_height 2^64 - 1.
    case 'blocks-huge-range':
      return { name: 'blocks', data: Uint8Array.of(0x08, 0x01, 0x10, ...new Array<number>(9).fill(0xff), 0x01) };
    case 'blocks-garbage': return { name: 'blocks', data: random.bytes(1 + random.int(64)) };
    case 'push-many-votes': {
      const vote = pb.Vote.decode(signedVote(s, VOTE_PREVOTE, height, 0, random.bytes(32)));
      return { name: 'push', data: pb.CatchUpResponse.encode({ votes: new Array(PUSH_VOTES).fill(vote) }).finish() };
    }
    case 'push-garbage': return { name: 'push', data: random.bytes(1 + random.int(4096)) };
    case 'request-oversized': return { name: random.pick(['catchup', 'push', 'blocks']), data: random.bytes(OVERSIZED_REQUEST_BYTES) };
  }
}
