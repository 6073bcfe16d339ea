// Cross-chain tests' two worlds: the main chain (the judgment-contract test chain: two validators, a
// court, a platform that relays, a creditor of role verifier), executed block by block with the
// production executeBlock, and foreign chains made in the test: a Tianping network whose headers
// and commits are signed with test keys, and a C2SP log whose checkpoints are signed and cosigned.
import { encodeCheckpoint, ed25519NoteSigner, encodeVerifierKey, signNote } from '../../../src/checkpoint/index.js';
import { blockHashOfHeader, encodeCommit, encodeHeader, sortValidators, validatorSetHash } from '../../../src/codec/block.js';
import { pb } from '../../../src/codec/proto.js';
import { VOTE_PRECOMMIT, txSignBytes, voteSignBytes } from '../../../src/codec/sign-bytes.js';
import { decodeTx, encodeSignedTx, encodeTxBody, type DecodedTx } from '../../../src/codec/tx.js';
import { keyPairFromSeed, sign, type KeyPair } from '../../../src/crypto/ed25519.js';
import { sha256 } from '../../../src/crypto/hash.js';
import { consistencyProof, leafHash, rootFromLeafHashes } from '../../../src/merkle/index.js';
import { ed25519Cosigner, encodeCosignerKey } from '../../../src/witness/index.js';
import { compareBytes, utf8, type Hash32 } from '../../../src/types/index.js';
import { CHAIN_ID, CaseChain, GENESIS_TIME_MS, caseGenesis, terms, validatorA, validatorB } from '../cases/fixture.js';

export { CASE_NO, CHAIN_ID, GENESIS_TIME_MS, expectRefused } from '../cases/fixture.js';
export { court, creditor, outsider, platform, validatorA, validatorB } from '../cases/fixture.js';

type Action = Omit<NonNullable<Parameters<typeof encodeTxBody>[0]>, 'chainId' | 'signer' | 'nonce' | 'expiresAtMs'>;
const keyOf = (label: string): KeyPair => keyPairFromSeed(sha256(utf8(`tianping crosschain test ${label}`)));

/** The main chain, with its own nonce counter so that two runs of one scenario make the same txs. */
export class MainChain extends CaseChain {
  private nonce = 1;
  at = GENESIS_TIME_MS + 100_000;

  constructor() {
    super(caseGenesis());
  }

  override tx(signer: KeyPair, action: Action, atMs: number): DecodedTx {
    const body = encodeTxBody({ chainId: CHAIN_ID, signer: signer.publicKey, nonce: this.nonce++, expiresAtMs: atMs + 3_600_000, ...action });
    return decodeTx(encodeSignedTx(body, sign(signer.seed, txSignBytes(CHAIN_ID, body))), this.genesis.params.txBytesMax);
  }

  /** The time of the next block: a second after the last. */
  next(): number {
    this.at += 1_000;
    return this.at;
  }

  /** A validator opens the proposal, the other approves: a registration (or reset) in two blocks. */
  async register(registration: Record<string, unknown>, reset = false): Promise<void> {
    const open = this.tx(validatorA, { foreignChainProposal: { registration, reset } }, this.at + 1_000);
    await this.commit([open], this.next());
    await this.commit([this.tx(validatorB, { governanceVote: { proposalId: open.hash, approve: true } }, this.at + 1_000)], this.next());
  }

  /** The case the verification records go under: its document anchored, then the case created. */
  async openCase(): Promise<void> {
    const t1 = this.next();
    const t2 = this.next();
    await this.open(terms([{ amountFen: 100_000, dueAtMs: GENESIS_TIME_MS + 90 * 86_400_000 }]), t1, t2);
  }
}

// ---------------------------------------------------------------- a foreign Tianping network

export const SIDE_CHAIN_ID = 'side-chain-1';
export const SIDE_GENESIS_MS = GENESIS_TIME_MS;
export const sideTime = (height: number): number => SIDE_GENESIS_MS + height * 1_000;

export interface SideValidator extends KeyPair {
  readonly power: number;
}
export const sideKeys = (label: string, n: number, power = 10): SideValidator[] =>
  [...Array(n).keys()].map((i) => ({ ...keyOf(`${label} ${i}`), power }))
    .sort((a, b) => compareBytes(a.publicKey, b.publicKey));

export const setMsg = (set: readonly SideValidator[]): { validators: { publicKey: Uint8Array; power: number }[] } =>
  ({ validators: sortValidators(set.map((v) => ({ publicKey: v.publicKey, power: v.power }))) });

export interface SideBlock {
  readonly height: number;
  readonly header: Uint8Array;
  readonly hash: Hash32;
  readonly set: readonly SideValidator[];
  readonly next: readonly SideValidator[];
}

export interface BlockOptions {
  readonly chainId?: string;
  readonly timeMs?: number;
  /** Makes another block of the same height (a fork). */
  readonly appHash?: Uint8Array;
}

/** A header of the side chain signed by `set`, announcing `next` for the height after. */
export function sideBlock(height: number, set: readonly SideValidator[], next: readonly SideValidator[] = set, o: BlockOptions = {}): SideBlock {
  const zero = new Uint8Array(32);
  const header = encodeHeader({
    chainId: o.chainId ?? SIDE_CHAIN_ID, height, timeMs: o.timeMs ?? sideTime(height), prevBlockHash: zero, historyRoot: sha256(utf8(`history ${height}`)),
    txRoot: zero, appHash: o.appHash ?? sha256(utf8(`app ${height}`)), resultsHash: zero,
    validatorsHash: validatorSetHash(set), nextValidatorsHash: validatorSetHash(next), proposer: set[0]!.publicKey,
  });
  return { height, header, hash: blockHashOfHeader(header), set, next };
}

/** The block's commit signed by `signers` (default: all of its set), indexes in the set's key order. */
export function commitOf(block: SideBlock, signers: readonly SideValidator[] = block.set, chainId = SIDE_CHAIN_ID): Uint8Array {
  const sorted = sortValidators(block.set);
  const signBytes = voteSignBytes(chainId, block.height, 0, VOTE_PRECOMMIT, block.hash);
  const signatures = signers.map((s) => ({ validatorIndex: sorted.findIndex((v) => compareBytes(v.publicKey, s.publicKey) === 0),
    signature: sign(s.seed, signBytes) })).sort((a, b) => a.validatorIndex - b.validatorIndex);
  return encodeCommit({ height: block.height, round: 0, blockHash: block.hash, signatures });
}

/** A ForeignHeaderUpdate's fields for `block` through `changes` (oldest first). */
export function update(name: string, block: SideBlock, changes: readonly SideBlock[] = [], signers?: readonly SideValidator[]): Record<string, unknown> {
  return {
    name, header: block.header, commit: commitOf(block, signers), nextValidators: setMsg(block.next),
    setChanges: changes.map((c) => ({ header: c.header, commit: commitOf(c), nextValidators: setMsg(c.next) })),
  };
}

export function tianpingRegistration(name: string, set: readonly SideValidator[], o: { trustingPeriodMs?: number; anchor?: SideBlock } = {}):
  Record<string, unknown> {
  const tianping = o.anchor === undefined ? { genesisTimeMs: SIDE_GENESIS_MS, nextValidators: setMsg(set) }
    : { header: o.anchor.header, nextValidators: setMsg(o.anchor.next) };
  return { name, kind: pb.ForeignChainKind.FOREIGN_CHAIN_KIND_TIANPING, chainId: SIDE_CHAIN_ID, trustingPeriodMs: o.trustingPeriodMs ?? 3_600_000,
    tianping, description: 'a side chain of the platform' };
}

// ---------------------------------------------------------------- a C2SP transparency log

export const LOG_ORIGIN = 'log.example/test-log';
export const logKey = keyOf('log');
export const otherLogKey = keyOf('impostor log');
export const witnessKeys = [keyOf('witness 0'), keyOf('witness 1'), keyOf('witness 2')];
export const witnessVkeys = witnessKeys.map((k, i) => encodeCosignerKey(`witness-${i}`, k.publicKey));

export const logLeaves = (tag: string, n: number): Uint8Array[] => [...Array(n).keys()].map((i) => leafHash(utf8(`${tag} entry ${i}`)));
export const rootOf = (leaves: readonly Uint8Array[]): Uint8Array => rootFromLeafHashes(leaves);
export const proofBetween = (leaves: readonly Uint8Array[], oldSize: number): Uint8Array[] => consistencyProof(leaves, oldSize);

/** A checkpoint note of the log's first `size` leaves, signed by `key` and cosigned by `witnesses` of witnessKeys. */
export function checkpointNote(leaves: readonly Uint8Array[], o: { key?: KeyPair; witnesses?: readonly number[] } = {}): string {
  const text = encodeCheckpoint({ origin: LOG_ORIGIN, size: leaves.length, root: rootOf(leaves) as Hash32, extensions: [] });
  let note = signNote(text, [ed25519NoteSigner('test-log', o.key ?? logKey)]);
  for (const i of o.witnesses ?? [0, 1]) note += ed25519Cosigner(`witness-${i}`, witnessKeys[i]!).cosign(text, 1_700_000_000 + i);
  return note;
}

export function c2spRegistration(name: string, o: { quorum?: number } = {}): Record<string, unknown> {
  return { name, kind: pb.ForeignChainKind.FOREIGN_CHAIN_KIND_C2SP_CHECKPOINT, chainId: LOG_ORIGIN, trustingPeriodMs: 86_400_000,
    c2sp: { origin: LOG_ORIGIN, logKey: encodeVerifierKey('test-log', logKey.publicKey), witnessKeys: witnessVkeys, witnessQuorum: o.quorum ?? 2 } };
}
