// Two chains built from scratch for the two-hop receipt tests: a side chain of one validator whose
// block 1 anchors a file and whose block 3 is the header H, and a main chain of four validators that
// changes its set at block 1 and records H at block 2 with a signed ForeignHeaderUpdate. Each option
// builds one tampered variant through the same code, so a test changes one link and nothing else.
import { buildAnchorTx } from '../../src/client/tx.js';
import { signTx, type TxAction } from '../../src/client/tx.js';
import type { Receipt } from '../../src/client/receipt.js';
import type { ReceiptEvidence, TrustAnchor } from '../../src/client/receipt-verify.js';
import { TWO_HOP_RECEIPT_KIND, TWO_HOP_RECEIPT_VERSION, type TwoHopReceipt } from '../../src/client/two-hop.js';
import { blockHashOfHeader, encodeHeader, validatorSetHash, type ValidatorEntry } from '../../src/codec/index.js';
import { keyPairFromSeed } from '../../src/crypto/ed25519.js';
import { sha256 } from '../../src/crypto/hash.js';
import { emptyRoot, inclusionProof, leafHash, rootFromLeafHashes } from '../../src/merkle/index.js';
import { toHex, utf8 } from '../../src/types/index.js';
import { signedCommit, validatorSet, type SignedValidator } from '../helpers/event-block.js';

export const MAIN_CHAIN = 'court-main';
export const SIDE_CHAIN = 'lender-side';
export const SIDE_NAME = 'lender';
export const FILE = utf8('loan agreement 2025-117, signed copy');
const GENESIS_TIME_MS = 1_760_000_000_000;

const keys = (from: number, n: number) => Array.from({ length: n }, (_, i) => keyPairFromSeed(new Uint8Array(32).fill(from + i)));
const SIDE_SET = validatorSet(keys(1, 1));
/** The main chain's genesis set, and the set it changes to at block 1 (signs block 2). */
const MAIN_SET_A = validatorSet(keys(11, 4));
const MAIN_SET_B = validatorSet(keys(21, 4));
const RELAYER = keyPairFromSeed(new Uint8Array(32).fill(40));

export const mainGenesis: TrustAnchor = {
  chainId: MAIN_CHAIN, genesisTimeMs: GENESIS_TIME_MS,
  validators: MAIN_SET_A.map((v, i) => ({ publicKey: toHex(v.publicKey), power: v.power, name: `court-validator-${i}` })),
};

/** The genesis file of the main chain as `tianping verify --trust` reads it. */
export const mainGenesisJson = (): string => JSON.stringify({ chainId: MAIN_CHAIN, genesisTimeMs: GENESIS_TIME_MS,
  validators: mainGenesis.validators.map((v) => ({ publicKey: v.publicKey, power: v.power, name: v.name })) });

interface HeaderFields {
  readonly chainId: string;
  readonly height: number;
  readonly timeMs: number;
  readonly prev?: Uint8Array;
  readonly historyRoot?: Uint8Array;
  readonly txHashes?: readonly Uint8Array[];
  readonly set: readonly ValidatorEntry[];
  readonly nextSet?: readonly ValidatorEntry[];
}

function header(f: HeaderFields): Uint8Array {
  const txs = f.txHashes ?? [];
  return encodeHeader({
    chainId: f.chainId, height: f.height, timeMs: f.timeMs, prevBlockHash: f.prev ?? new Uint8Array(32),
    historyRoot: f.historyRoot ?? emptyRoot(), txRoot: txs.length === 0 ? emptyRoot() : rootFromLeafHashes(txs.map((h) => leafHash(h))),
    appHash: new Uint8Array(32).fill(0xaa), resultsHash: emptyRoot(), validatorsHash: validatorSetHash(f.set),
    nextValidatorsHash: validatorSetHash(f.nextSet ?? f.set), proposer: f.set[0]!.publicKey, txCount: txs.length,
  });
}

interface SideChain {
  readonly receipt: Receipt;
  /** H, its commit, and another header of H's height (not in any receipt's history). */
  readonly h: Uint8Array;
  readonly hCommit: Uint8Array;
  readonly other: Uint8Array;
}

function sideChain(): SideChain {
  const anchor = buildAnchorTx({ chainId: SIDE_CHAIN, keyPair: keyPairFromSeed(new Uint8Array(32).fill(50)), digest: sha256(FILE),
    algorithm: 'sha256', category: 'contract', externalRef: 'loan-117', nonce: 7, nowMs: GENESIS_TIME_MS });
  const block1 = header({ chainId: SIDE_CHAIN, height: 1, timeMs: GENESIS_TIME_MS + 1000, txHashes: [anchor.hash], set: SIDE_SET });
  const hash1 = blockHashOfHeader(block1);
  const block2 = header({ chainId: SIDE_CHAIN, height: 2, timeMs: GENESIS_TIME_MS + 2000, prev: hash1,
    historyRoot: rootFromLeafHashes([hash1]), set: SIDE_SET });
  const hash2 = blockHashOfHeader(block2);
  // The history tree's leaves are the block hashes themselves (receipt-format §4).
  const h = header({ chainId: SIDE_CHAIN, height: 3, timeMs: GENESIS_TIME_MS + 3000, prev: hash2,
    historyRoot: rootFromLeafHashes([hash1, hash2]), set: SIDE_SET });
  const other = header({ chainId: SIDE_CHAIN, height: 3, timeMs: GENESIS_TIME_MS + 3500, prev: hash2,
    historyRoot: rootFromLeafHashes([hash1, hash2]), set: SIDE_SET });
  const receipt: Receipt = {
    version: 2, chainId: SIDE_CHAIN, algorithm: 1, digest: sha256(FILE), salted: false, tx: anchor.bytes, txIndex: 0, txCount: 1,
    txProof: [], header: block1, commit: new Uint8Array(), setChanges: [],
    trusted: { header: h, historyProof: { leafIndex: 0, treeSize: 2, hashes: inclusionProof([hash1, hash2], 0) } },
  };
  return { receipt, h, hCommit: signedCommit(SIDE_CHAIN, h, SIDE_SET, [0]), other };
}

export interface TwoHopOptions {
  /** The name the relay tx updates (default: the receipt's). */
  readonly relayName?: string;
  /** Relay `other` instead of H: a side header that is not the one the side receipt is proved against. */
  readonly relayOtherHeader?: boolean;
  /** The relay tx's action instead of a ForeignHeaderUpdate. */
  readonly relayAction?: TxAction;
  /** The chain the relay tx is signed for (default: the main chain). */
  readonly relayChainId?: string;
  /** Indexes in set B of the validators that sign main block 2 (default: three of four). */
  readonly mainSigners?: readonly number[];
}

export interface TwoHopFixture {
  readonly receipt: TwoHopReceipt;
  readonly evidence: ReceiptEvidence;
  /** The side header H's hash, hex. */
  readonly h: string;
}

export function makeTwoHop(options: TwoHopOptions = {}): TwoHopFixture {
  const side = sideChain();
  const relayed = options.relayOtherHeader === true ? side.other : side.h;
  const action: TxAction = options.relayAction ?? { foreignHeaderUpdate: {
    name: options.relayName ?? SIDE_NAME, header: relayed, commit: side.hCommit,
    nextValidators: { validators: SIDE_SET.map((v) => ({ publicKey: v.publicKey, power: v.power })) },
  } };
  const relay = signTx({ chainId: options.relayChainId ?? MAIN_CHAIN, keyPair: RELAYER, nonce: 1, nowMs: GENESIS_TIME_MS }, action);
  // A second tx in the block, so that the relay tx's proof is not empty.
  const neighbour = buildAnchorTx({ chainId: MAIN_CHAIN, keyPair: RELAYER, digest: sha256(utf8('another file')), algorithm: 'sha256',
    category: 'contract', nonce: 2, nowMs: GENESIS_TIME_MS });
  // Block 1 announces set B, signed by set A; set B signs block 2, which holds the relay tx at index 1.
  const main1 = header({ chainId: MAIN_CHAIN, height: 1, timeMs: GENESIS_TIME_MS + 4000, set: MAIN_SET_A, nextSet: MAIN_SET_B });
  const txHashes = [neighbour.hash, relay.hash];
  const main2 = header({ chainId: MAIN_CHAIN, height: 2, timeMs: GENESIS_TIME_MS + 5000, prev: blockHashOfHeader(main1),
    historyRoot: rootFromLeafHashes([blockHashOfHeader(main1)]), txHashes, set: MAIN_SET_B });
  const receipt: TwoHopReceipt = {
    kind: TWO_HOP_RECEIPT_KIND, version: TWO_HOP_RECEIPT_VERSION, chainId: MAIN_CHAIN, name: SIDE_NAME, side: side.receipt,
    checkpoint: {
      tx: relay.bytes, txIndex: 1, txCount: 2, txProof: inclusionProof(txHashes.map((hash) => leafHash(hash)), 1), header: main2,
      commit: signedCommit(MAIN_CHAIN, main2, MAIN_SET_B, options.mainSigners ?? [0, 1, 3]),
      setChanges: [{ header: main1, commit: signedCommit(MAIN_CHAIN, main1, MAIN_SET_A, [0, 1, 2, 3]), nextValidators: plain(MAIN_SET_B) }],
    },
  };
  return { receipt, evidence: { file: FILE }, h: toHex(blockHashOfHeader(side.h)) };
}

function plain(set: readonly SignedValidator[]): { publicKey: Uint8Array; power: number }[] {
  return set.map((v) => ({ publicKey: v.publicKey, power: v.power }));
}
