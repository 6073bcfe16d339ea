// The version 2 receipt vectors (docs/receipt-format.md §13), written by gen-receipt-vectors.ts
// into the same directory and manifest: a chain of 12 blocks signed by the genesis set, whose history
// roots follow §4 (the block hash is the leaf node), an anchor in block 3, and its receipt proved
// against header 12. Each tampered vector changes one thing of the proof and names the check that
// must refuse it, by construction.
import type { Receipt, ReceiptTrusted } from '../src/client/receipt.js';
import { inclusionProof } from '../src/merkle/index.js';
import { toHex } from '../src/types/index.js';
import { HashAlgorithm, pb } from '../src/codec/proto.js';
import type { Block, BlockSpec, Evidence, Expect, Item } from './receipt-vectors-types.js';

interface TrustedVectorContext {
  /** An empty chain whose history roots follow §4. */
  readonly chain: { readonly chainId: string; add(spec: BlockSpec): Block; at(height: number): Block; readonly blocks: readonly Block[] };
  readonly set: BlockSpec['set'];
  readonly txA: Uint8Array;
  readonly filler: (n: number) => Uint8Array;
  readonly digestA: Uint8Array;
  readonly evidenceA: Evidence;
  /** good-evidence, the version 1 receipt: refused by a verifier that holds a header hash. */
  readonly v1Receipt: Receipt;
  /** The version 1 receipt of the item, from `chain`: its commit and set changes are then dropped. */
  readonly receiptFor: (block: Block, tx: Uint8Array, item: Item) => Receipt;
  readonly addVector: (name: string, description: string, receipt: Receipt, evidence: Evidence, expect: Expect, trust?: string,
    receiptFile?: string) => void;
  readonly files: Map<string, string | Uint8Array>;
  readonly expect: (block: Block, receipt: Receipt, trustHeight: number) => Expect;
}

const ANCHOR_HEIGHT = 3;
const TRUSTED_HEIGHT = 12;

/** The proof of block `height` in the history of header `trusted`, over the chain's block hashes. */
function historyProof(blocks: readonly Block[], height: number, trusted: number, size = trusted - 1): ReceiptTrusted['historyProof'] {
  return { leafIndex: height - 1, treeSize: size, hashes: inclusionProof(blocks.slice(0, size).map((b) => b.hash), height - 1) };
}

function flipBit(bytes: Uint8Array, at: number): Uint8Array {
  const out = new Uint8Array(bytes);
  out[at] = out[at]! ^ 0x01;
  return out;
}

/** Returns the good version 2 receipt and its expectation, for the vectors of other rules built on it. */
export function addTrustedVectors(c: TrustedVectorContext): { receipt: Receipt; expect: Expect } {
  for (let height = 1; height <= TRUSTED_HEIGHT; height++) {
    c.chain.add({ set: c.set, ...(height === ANCHOR_HEIGHT ? { txs: [c.filler(1), c.txA, c.filler(2)] } : {}) });
  }
  const blocks = c.chain.blocks;
  const block = c.chain.at(ANCHOR_HEIGHT);
  const trustedAt = (height: number, proof = historyProof(blocks, ANCHOR_HEIGHT, height)): Receipt => ({
    ...c.receiptFor(block, c.txA, { algorithm: HashAlgorithm.HASH_ALGORITHM_SHA256, digest: c.digestA }),
    version: 2, commit: new Uint8Array(), setChanges: [], trusted: { header: c.chain.at(height).headerBytes, historyProof: proof },
  });
  const good = trustedAt(TRUSTED_HEIGHT);
  const json = (value: unknown): string => JSON.stringify(value, null, 2) + '\n';
  const hashTrust = (height: number): string => json({ chainId: c.chain.chainId, trustedHeaderHash: toHex(c.chain.at(height).hash) });
  c.files.set('trusted-header-hash.json', hashTrust(TRUSTED_HEIGHT));
  c.files.set('trusted-header-hash-3.json', hashTrust(ANCHOR_HEIGHT));
  const fail = (failedCheck: string): Expect => ({ valid: false, failedCheck });
  const add = (name: string, description: string, receipt: Receipt, expect: Expect, trust = 'trusted-header-hash.json'): void =>
    c.addVector(name, description, receipt, c.evidenceA, expect, trust);
  const proof = good.trusted!.historyProof;

  const goodExpect = c.expect(block, good, TRUSTED_HEIGHT);
  add('good-evidence-v2', `Version 2: the anchor of block ${ANCHOR_HEIGHT} proved against trusted header ${TRUSTED_HEIGHT} `
    + 'by its history tree, with no commit and no validator set', good, goodExpect);
  add('tampered-v2-leaf-index', 'The history proof names leaf 3 instead of 2 (the block\'s height - 1)',
    { ...good, trusted: { ...good.trusted!, historyProof: { ...proof, leafIndex: 3 } } }, fail('history-inclusion'));
  add('tampered-v2-tree-size', 'The history proof is for a tree of 10 blocks (header 11\'s history), under header 12',
    { ...good, trusted: { ...good.trusted!, historyProof: historyProof(blocks, ANCHOR_HEIGHT, TRUSTED_HEIGHT, 10) } },
    fail('history-inclusion'));
  add('tampered-v2-proof-other-size', 'The tree size says 11, the hashes are the audit path in a tree of 10 blocks',
    { ...good, trusted: { ...good.trusted!, historyProof: { ...proof, hashes: historyProof(blocks, ANCHOR_HEIGHT, TRUSTED_HEIGHT, 10).hashes } } },
    fail('history-inclusion'));
  add('tampered-v2-proof-hash', 'One bit of one hash of the history proof is flipped',
    { ...good, trusted: { ...good.trusted!, historyProof: { ...proof, hashes: proof.hashes.map((h, i) => (i === 1 ? flipBit(h, 0) : h)) } } },
    fail('history-inclusion'));
  add('tampered-v2-trusted-header', 'The receipt is proved (correctly) against header 11; the verifier trusts header 12',
    trustedAt(TRUSTED_HEIGHT - 1), fail('trusted-header'));
  add('tampered-v2-not-above', `The trusted header is block ${ANCHOR_HEIGHT} itself: a block is proved only against a newer header`,
    trustedAt(ANCHOR_HEIGHT, historyProof(blocks, ANCHOR_HEIGHT, ANCHOR_HEIGHT, ANCHOR_HEIGHT)), fail('trusted-header'),
    'trusted-header-hash-3.json');
  // A fork of block 3: same txs, one hour earlier, re-encoded. Its block hash is not in header 12's history.
  const backdated = pb.Header.decode(block.headerBytes);
  backdated.timeMs -= 3_600_000;
  add('tampered-v2-backdated-block', 'The block\'s header is backdated by one hour and re-encoded; the proof is the real one',
    { ...good, header: pb.Header.encode(backdated).finish() }, fail('history-inclusion'));
  c.addVector('v1-with-header-hash', 'A version 1 receipt (good-evidence) given to a verifier that holds only a trusted header hash',
    c.v1Receipt, c.evidenceA, fail('format'), 'trusted-header-hash.json', 'good-evidence.json');
  c.addVector('v2-with-genesis', 'good-evidence-v2 given to a verifier that holds only the genesis', good, c.evidenceA, fail('format'),
    'genesis.json', 'good-evidence-v2.json');
  return { receipt: good, expect: goodExpect };
}
