// The part of sodium-native (which ships no type declarations) that the node uses.
declare module 'sodium-native' {
  /** libsodium crypto_sign_verify_detached: whether `signature` is a valid Ed25519 signature of `message`. */
  export function crypto_sign_verify_detached(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean;
  const sodium: { crypto_sign_verify_detached: typeof crypto_sign_verify_detached };
  export default sodium;
}
