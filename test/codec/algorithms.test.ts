// One table of evidence algorithms for the state machine, the node, the API and the SDK: names and
// wire ids round-trip, and an id no version of the chain defines has no name (never a default).
import { describe, expect, it } from 'vitest';
import { ALGORITHM_IDS, HashAlgorithm, algorithmId, algorithmName } from '../../src/codec/index.js';
import { EVIDENCE_ALGORITHMS } from '../../src/crypto/hash.js';

describe('algorithm table', () => {
  it('maps every evidence algorithm to its proto enum value and back', () => {
    expect(ALGORITHM_IDS).toEqual({ sha256: HashAlgorithm.HASH_ALGORITHM_SHA256, sm3: HashAlgorithm.HASH_ALGORITHM_SM3 });
    for (const name of EVIDENCE_ALGORITHMS) expect(algorithmName(algorithmId(name))).toBe(name);
  });

  it('names no algorithm for an unknown id', () => {
    for (const id of [0, 3, 9, -1]) expect(algorithmName(id)).toBeUndefined();
  });
});
