// An independent derivation of a libp2p peer id from an ed25519 public key, written from the spec
// rather than with libp2p, so tests can check what the code (which uses libp2p) puts in configs:
// base58btc, without multibase prefix, of the identity multihash (0x00, length 0x24) of the
// protobuf PublicKey { Type: Ed25519 = 1, Data: 32 bytes } = 08 01 12 20 ‖ key.
const BASE58_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

export function base58btc(bytes: Uint8Array): string {
  let value = 0n;
  for (const byte of bytes) value = value * 256n + BigInt(byte);
  let out = '';
  while (value > 0n) {
    out = BASE58_ALPHABET[Number(value % 58n)]! + out;
    value /= 58n;
  }
  // Each leading zero byte is written as a leading "1".
  for (const byte of bytes) {
    if (byte !== 0) break;
    out = '1' + out;
  }
  return out;
}

export function peerIdOfEd25519(publicKey: Uint8Array): string {
  if (publicKey.length !== 32) throw new Error(`an ed25519 public key has 32 bytes, got ${publicKey.length}`);
  return base58btc(Uint8Array.from([0x00, 0x24, 0x08, 0x01, 0x12, 0x20, ...publicKey]));
}
