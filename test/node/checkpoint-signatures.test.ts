// Validators' checkpoint lines gathered over gossip (src/node/checkpoint-signatures.ts): four
// validators of one chain, each with its own gatherer, the gossip played by hand so that order and
// timing are the test's. A quorum note opens with the validators' verifier keys and counts more
// than 2/3 of the power; forged, foreign and malformed notes are rejected, early ones held.
import { describe, expect, it } from 'vitest';
import { encodeCheckpoint, encodeVerifierKey, openNote, parseVerifierKey, signNote, ed25519NoteSigner, type Checkpoint } from '../../src/checkpoint/index.js';
import type { ValidatorEntry } from '../../src/codec/block.js';
import { sha256 } from '../../src/crypto/hash.js';
import { verifyStrict, type KeyPair } from '../../src/crypto/ed25519.js';
import { CHECKPOINT_HEIGHTS_KEPT, CheckpointSignatures } from '../../src/node/checkpoint-signatures.js';
import { utf8, type Hash32 } from '../../src/types/index.js';
import { seedKey } from '../helpers/chain.js';

const CHAIN = 'tianping-cosign';
const keys = [0, 1, 2, 3].map((i) => seedKey(`cosign-${i}`));
const outsider = seedKey('cosign-outsider');
const powers = [10, 10, 10, 10];
const validators: ValidatorEntry[] = keys.map((k, i) => ({ publicKey: k.publicKey, power: powers[i]! }));
const rootAt = (height: number): Hash32 => sha256(utf8(`history root ${height}`)) as Hash32;
const checkpointAt = (height: number): Checkpoint => ({ origin: CHAIN, size: height - 1, root: rootAt(height), extensions: [] });

interface Peer {
  readonly gatherer: CheckpointSignatures;
  readonly sent: Uint8Array[];
  tip: number;
}

function peer(key: KeyPair, set: readonly ValidatorEntry[] = validators): Peer {
  const p: Peer = {
    sent: [],
    tip: 0,
    gatherer: undefined as unknown as CheckpointSignatures,
  };
  (p as { gatherer: CheckpointSignatures }).gatherer = new CheckpointSignatures({
    chainId: CHAIN, key,
    checkpointAt: async (height) => (height <= p.tip && height >= 1 ? checkpointAt(height) : undefined),
    validatorsAt: async () => set,
    tipHeight: () => p.tip,
    verify: (publicKey, message, signature) => verifyStrict(publicKey, message, signature),
    publish: (note) => p.sent.push(note),
  });
  return p;
}

async function commit(p: Peer, height: number): Promise<void> {
  p.tip = height;
  await p.gatherer.onCommit(height);
}

const verifierKeys = keys.map((k) => parseVerifierKey(encodeVerifierKey(CHAIN, k.publicKey)));

describe('checkpoint lines gathered over gossip', () => {
  it('three of four validators\' lines make a quorum note that opens with their keys', async () => {
    const peers = keys.map((k) => peer(k));
    for (const p of peers) await commit(p, 5);
    const observer = peer(outsider);
    await commit(observer, 5);
    expect(observer.sent).toEqual([]); // not a validator: it signs nothing
    // Only the first two lines reach the observer: half the power, no quorum.
    for (const p of peers.slice(0, 2)) expect(await observer.gatherer.onGossip(p.sent[0]!)).toBe('accept');
    expect(observer.gatherer.quorumNote()).toBeUndefined();
    expect(await observer.gatherer.onGossip(peers[2]!.sent[0]!)).toBe('accept');
    const quorum = observer.gatherer.quorumNote();
    expect(quorum?.height).toBe(5);
    const opened = openNote(quorum!.note, verifierKeys);
    expect(opened.text).toBe(encodeCheckpoint(checkpointAt(5)));
    expect(opened.verified).toHaveLength(3);
    // A repeat is ignored, not scored.
    expect(await observer.gatherer.onGossip(peers[2]!.sent[0]!)).toBe('ignore');
  });

  it('a validator\'s own line counts: with the others\' it serves the newest height with a quorum', async () => {
    const peers = keys.map((k) => peer(k));
    for (const height of [7, 8]) {
      for (const p of peers) await commit(p, height);
    }
    const me = peers[0]!;
    // Height 8's lines of two others arrive, height 7's of one other: 8 has 3 of 4, 7 has 2 of 4.
    expect(await me.gatherer.onGossip(peers[1]!.sent[1]!)).toBe('accept');
    expect(await me.gatherer.onGossip(peers[2]!.sent[1]!)).toBe('accept');
    expect(await me.gatherer.onGossip(peers[1]!.sent[0]!)).toBe('accept');
    expect(me.gatherer.quorumNote()?.height).toBe(8);
  });

  it('a line that arrives before this node committed its height is held and counted at the commit', async () => {
    const [a, b, c] = keys.map((k) => peer(k));
    await commit(b!, 3);
    await commit(c!, 3);
    a!.tip = 2; // one height behind them
    expect(await a!.gatherer.onGossip(b!.sent[0]!)).toBe('ignore');
    expect(await a!.gatherer.onGossip(c!.sent[0]!)).toBe('ignore');
    expect(a!.gatherer.quorumNote()).toBeUndefined();
    await commit(a!, 3);
    expect(a!.gatherer.quorumNote()?.height).toBe(3);
    // Far ahead of the tip: not held.
    const far = peer(keys[1]!);
    await commit(far, 40);
    expect(await a!.gatherer.onGossip(far.sent[0]!)).toBe('ignore');
  });

  it('refuses notes signed by no validator, over another root, badly, of another chain, or malformed', async () => {
    const me = peer(keys[0]!);
    await commit(me, 4);
    const text = encodeCheckpoint(checkpointAt(4));
    const outsiderNote = signNote(text, [ed25519NoteSigner(CHAIN, outsider)]);
    expect(await me.gatherer.onGossip(utf8(outsiderNote))).toBe('reject');
    const otherRoot = encodeCheckpoint({ ...checkpointAt(4), root: rootAt(99) });
    expect(await me.gatherer.onGossip(utf8(signNote(otherRoot, [ed25519NoteSigner(CHAIN, keys[1]!)])))).toBe('reject');
    const good = signNote(text, [ed25519NoteSigner(CHAIN, keys[1]!)]);
    // The signature of one text over another's line: flip one character of the signature.
    const lines = good.split('\n');
    const sigLine = lines[lines.length - 2]!;
    const flipped = sigLine.slice(0, -3) + (sigLine.at(-3) === 'A' ? 'B' : 'A') + sigLine.slice(-2);
    expect(await me.gatherer.onGossip(utf8(good.replace(sigLine, flipped)))).toBe('reject');
    const foreign = signNote(encodeCheckpoint({ ...checkpointAt(4), origin: 'other-chain' }), [ed25519NoteSigner('other-chain', keys[1]!)]);
    expect(await me.gatherer.onGossip(utf8(foreign))).toBe('reject');
    const two = signNote(text, [ed25519NoteSigner(CHAIN, keys[1]!), ed25519NoteSigner(CHAIN, keys[2]!)]);
    expect(await me.gatherer.onGossip(utf8(two))).toBe('reject');
    expect(await me.gatherer.onGossip(utf8('not a note'))).toBe('reject');
    expect(await me.gatherer.onGossip(new Uint8Array(2_000))).toBe('reject');
    // None of these counted; the good one does.
    expect(me.gatherer.quorumNote()).toBeUndefined();
    expect(await me.gatherer.onGossip(utf8(good))).toBe('accept');
  });

  it('keeps only the newest heights: an old height\'s line is ignored, its lines dropped', async () => {
    const peers = keys.map((k) => peer(k));
    for (const p of peers) await commit(p, 2);
    const me = peers[0]!;
    for (const p of peers.slice(1)) expect(await me.gatherer.onGossip(p.sent[0]!)).toBe('accept');
    expect(me.gatherer.quorumNote()?.height).toBe(2);
    await commit(me, 2 + CHECKPOINT_HEIGHTS_KEPT);
    expect(await me.gatherer.onGossip(peers[1]!.sent[0]!)).toBe('ignore');
    // Height 2 is pruned; the new tip has only this node's own line (a quarter of the power).
    expect(me.gatherer.quorumNote()).toBeUndefined();
  });
});
