// A checkpoint note checked offline (src/client/checkpoint-verify.ts): validators' lines against a
// trusted set (more than 2/3 of the power), a witness policy's k cosignatures, and consistency
// with an older checkpoint. Good notes next to bad ones.
import { describe, expect, it } from 'vitest';
import { ed25519NoteSigner, encodeCheckpoint, signNote, type Checkpoint } from '../../src/checkpoint/index.js';
import { verifyCheckpoint } from '../../src/client/checkpoint-verify.js';
import { Frontier, consistencyProof } from '../../src/merkle/index.js';
import { sha256 } from '../../src/crypto/hash.js';
import { toHex, utf8, type Hash32 } from '../../src/types/index.js';
import { ed25519Cosigner, encodeCosignerKey } from '../../src/witness/index.js';
import { seedKey } from '../helpers/chain.js';

const CHAIN = 'tianping-checkpoint-verify';
const keys = [0, 1, 2, 3].map((i) => seedKey(`cp-validator-${i}`));
const validators = keys.map((k) => ({ publicKey: toHex(k.publicKey), power: 10 }));
const leaves = Array.from({ length: 20 }, (_, i) => sha256(utf8(`block ${i}`)) as Hash32);

function checkpointOf(size: number): Checkpoint {
  const tree = Frontier.empty();
  for (const leaf of leaves.slice(0, size)) tree.append(leaf);
  return { origin: CHAIN, size, root: tree.root() as Hash32, extensions: [] };
}
const note = (size: number, signers: number[]): string =>
  signNote(encodeCheckpoint(checkpointOf(size)), signers.map((i) => ed25519NoteSigner(CHAIN, keys[i]!)));

describe('verifyCheckpoint', () => {
  it('accepts lines of more than 2/3 of the power and refuses 2/3 or less', () => {
    expect(verifyCheckpoint(note(12, [0, 1, 2]), { chainId: CHAIN, validators })).toMatchObject({ valid: true, signedPower: 30, totalPower: 40 });
    expect(verifyCheckpoint(note(12, [0, 1]), { chainId: CHAIN, validators })).toMatchObject({ valid: false, failed: 'validators' });
    const stranger = signNote(encodeCheckpoint(checkpointOf(12)), [ed25519NoteSigner(CHAIN, seedKey('cp-stranger'))]);
    expect(verifyCheckpoint(stranger, { chainId: CHAIN, validators })).toMatchObject({ valid: false, failed: 'validators' });
  });

  it('refuses a note that is no checkpoint, or of another chain', () => {
    expect(verifyCheckpoint('not a note', { chainId: CHAIN, validators })).toMatchObject({ valid: false, failed: 'note' });
    expect(verifyCheckpoint(note(12, [0, 1, 2]), { chainId: 'other-chain', validators })).toMatchObject({ valid: false, failed: 'origin' });
  });

  it('requires k of the policy\'s witnesses when given a policy', () => {
    const witnesses = [0, 1].map((i) => seedKey(`cp-witness-${i}`));
    const names = ['a.example/w', 'b.example/w'];
    const policy = { witnesses: witnesses.map((w, i) => encodeCosignerKey(names[i]!, w.publicKey)), k: 2 };
    const signed = note(12, [0, 1, 2]);
    const text = encodeCheckpoint(checkpointOf(12));
    const lines = witnesses.map((w, i) => ed25519Cosigner(names[i]!, w).cosign(text, 1_800_000_000)).join('');
    expect(verifyCheckpoint(signed + lines, { chainId: CHAIN, validators, policy })).toMatchObject({ valid: true });
    const one = signed + ed25519Cosigner(names[0]!, witnesses[0]!).cosign(text, 1_800_000_000);
    expect(verifyCheckpoint(one, { chainId: CHAIN, validators, policy })).toMatchObject({ valid: false, failed: 'witnesses' });
  });

  it('checks consistency with a kept checkpoint: a proof that leads there, not one of another history', () => {
    const proof = consistencyProof(leaves.slice(0, 12), 5);
    const newer = note(12, [0, 1, 2]);
    expect(verifyCheckpoint(newer, { chainId: CHAIN, validators }, { note: note(5, [0, 1, 2]), proof })).toMatchObject({ valid: true });
    // A kept checkpoint of another history at size 5 (a fork): the same proof leads nowhere.
    const forked = signNote(encodeCheckpoint({ ...checkpointOf(5), root: sha256(utf8('fork')) as Hash32 }), [ed25519NoteSigner(CHAIN, keys[0]!)]);
    expect(verifyCheckpoint(newer, { chainId: CHAIN, validators }, { note: forked, proof })).toMatchObject({ valid: false, failed: 'consistency' });
    expect(verifyCheckpoint(note(5, [0, 1, 2]), { chainId: CHAIN, validators }, { note: newer, proof: [] }))
      .toMatchObject({ valid: false, failed: 'consistency' });
  });
});
