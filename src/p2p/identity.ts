// The libp2p identity IS the node key: the peer id embeds the ed25519 public key whose hex is the
// node id that membership lists. Converting both ways needs no lookup.
import { generateKeyPairFromSeed, publicKeyFromRaw } from '@libp2p/crypto/keys';
import type { Ed25519PrivateKey, PeerId } from '@libp2p/interface';
import { peerIdFromPublicKey, peerIdFromString } from '@libp2p/peer-id';
import { fromHex, toHex } from '../types/index.js';
import { P2PError } from './errors.js';

const SEED_BYTES = 32;
const NODE_ID_RE = /^[0-9a-f]{64}$/;

/** ed25519 key from a 32-byte seed (privateKeyFromRaw would read 32 bytes as secp256k1: a trap). */
export async function privateKeyFromSeed(seed: Uint8Array): Promise<Ed25519PrivateKey> {
  if (seed.length !== SEED_BYTES) {
    throw new P2PError('INVALID_CONFIG', `node seed must be ${SEED_BYTES} bytes, got ${seed.length}`);
  }
  return generateKeyPairFromSeed('Ed25519', seed);
}

/** Lowercases and checks a node id; throws INVALID_NODE_ID. */
export function normaliseNodeId(nodeId: string): string {
  const lower = nodeId.toLowerCase();
  if (!NODE_ID_RE.test(lower)) throw new P2PError('INVALID_NODE_ID', `not a hex ed25519 public key: ${nodeId}`);
  return lower;
}

export function nodeIdToPeerId(hexPublicKey: string): string {
  const raw = fromHex(normaliseNodeId(hexPublicKey));
  if (raw === undefined) throw new P2PError('INVALID_NODE_ID', `not hex: ${hexPublicKey}`);
  try {
    return peerIdFromPublicKey(publicKeyFromRaw(raw)).toString();
  } catch (error) {
    throw new P2PError('INVALID_NODE_ID', `not an ed25519 public key: ${hexPublicKey}`, { cause: error });
  }
}

export function peerIdToNodeId(peerId: string | PeerId): string {
  let parsed: PeerId;
  try {
    parsed = typeof peerId === 'string' ? peerIdFromString(peerId) : peerId;
  } catch (error) {
    throw new P2PError('INVALID_NODE_ID', `not a peer id: ${String(peerId)}`, { cause: error });
  }
  if (parsed.type !== 'Ed25519') {
    throw new P2PError('INVALID_NODE_ID', `peer id ${parsed.toString()} is ${parsed.type}, not Ed25519`);
  }
  return toHex(parsed.publicKey.raw);
}
