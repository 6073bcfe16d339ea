// Evidence hash algorithms by name and by their id on the wire (enum HashAlgorithm in
// proto/tianping.proto): the one table the state machine, the node, the API and the SDK use.
import type { EvidenceAlgorithm } from '../crypto/hash.js';
import { HashAlgorithm } from './proto.js';

export const ALGORITHM_IDS: Readonly<Record<EvidenceAlgorithm, number>> = {
  sha256: HashAlgorithm.HASH_ALGORITHM_SHA256,
  sm3: HashAlgorithm.HASH_ALGORITHM_SM3,
};

const NAMES = new Map<number, EvidenceAlgorithm>(Object.entries(ALGORITHM_IDS).map(([name, id]) => [id, name as EvidenceAlgorithm]));

/** The algorithm of a wire id; undefined for an id no version of the chain defines. */
export function algorithmName(id: number): EvidenceAlgorithm | undefined {
  return NAMES.get(id);
}

export function algorithmId(name: EvidenceAlgorithm): number {
  return ALGORITHM_IDS[name];
}
