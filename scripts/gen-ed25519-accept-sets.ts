// Measures which of the C2SP CCTV ed25519 vectors each verifier we ship accepts, and writes them to
// test/vectors/ed25519-accept-sets.json, where test/crypto/ed25519-vectors.test.ts pins them.
//
//   npx tsx scripts/gen-ed25519-accept-sets.ts
//
// Run it only on purpose: after upgrading sodium-native (libsodium) or @noble/ed25519 changed a verifier's rule.
// Review the diff of the JSON before committing it: consensus needs every node to accept exactly
// the same signatures, and the SDK (noble) must accept every member signature a node accepts.
import { writeFileSync } from 'node:fs';
import { verifyStrict } from '../src/crypto/ed25519.js';
import { NodeVerifier } from '../src/crypto/verify-node.js';
import {
  ACCEPT_SETS_FILE, VECTORS_FILE, VECTOR_COUNT, acceptedNumbers, loadVectors, vectorsPresent, type AcceptSets,
} from '../test/helpers/ed25519-vectors.js';

if (!vectorsPresent()) {
  console.error(`ed25519 vectors not found at ${VECTORS_FILE} (expected ../shared/vectors/ beside the project)`);
  process.exit(1);
}
const vectors = loadVectors();
if (vectors.length !== VECTOR_COUNT) {
  console.error(`expected ${VECTOR_COUNT} vectors, found ${vectors.length}`);
  process.exit(1);
}
const node = new NodeVerifier();
const nodeAccepted = acceptedNumbers(vectors, (pk, msg, sig) => node.verify(pk, msg, sig));
const nobleAccepted = acceptedNumbers(vectors, verifyStrict);
const sets: AcceptSets = {
  vectors: vectors.length,
  nodeVerifier: { count: nodeAccepted.length, accepted: nodeAccepted },
  nobleStrict: { count: nobleAccepted.length, accepted: nobleAccepted },
};
writeFileSync(ACCEPT_SETS_FILE, formatSets(sets));
console.log(`NodeVerifier (libsodium, sodium-native) accepts ${nodeAccepted.length} of ${vectors.length}`);
console.log(`@noble/ed25519 zip215:false accepts ${nobleAccepted.length} of ${vectors.length}`);
console.log(`wrote ${ACCEPT_SETS_FILE}`);

/** JSON with the numbers in rows of 20, so a change of one vector shows as a small diff. */
function formatSets(value: AcceptSets): string {
  const list = (numbers: readonly number[]): string => {
    const rows: string[] = [];
    for (let i = 0; i < numbers.length; i += 20) rows.push('      ' + numbers.slice(i, i + 20).join(', '));
    return `[\n${rows.join(',\n')}\n    ]`;
  };
  const entry = (set: AcceptSets['nodeVerifier']): string =>
    `{\n    "count": ${set.count},\n    "accepted": ${list(set.accepted)}\n  }`;
  return `{\n  "vectors": ${value.vectors},\n  "nodeVerifier": ${entry(value.nodeVerifier)},\n` +
    `  "nobleStrict": ${entry(value.nobleStrict)}\n}\n`;
}
