// RFC 6962 / RFC 9162 Merkle trees over SHA-256. Browser-safe: no node:* imports.

export {
  HASH_LENGTH_BYTES,
  MerkleBuilder,
  emptyRoot,
  leafHash,
  leafHashesOfItems,
  nodeHash,
  rootFromLeafHashes,
  rootOfEqualLeaves,
} from './tree.js';
export {
  consistencyProof,
  consistencyProofRanges,
  inclusionProof,
  inclusionProofRanges,
  rootFromInclusion,
  verifyConsistency,
  verifyInclusion,
} from './proof.js';
export { Frontier } from './frontier.js';
