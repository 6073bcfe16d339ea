// Blocks that carry case events, for the tests of event receipts. commitWithEvents stands in for
// the case state machine: it builds the block with the node's own buildBlock, then adds the events
// the way executeBlock does when the contracts emit them (under the block's bev/ key, the header's
// events root and count over them) and commits it signed by the one validator of the test chain.
// eventHeader/signedCommit build the same parts for a chain of several validators, without a ledger.
import { blockHashOfHeader, encodeBlock, encodeCommit, encodeHeader, pb, validatorSetHash, voteSignBytes, VOTE_PRECOMMIT,
  type ValidatorEntry } from '../../src/codec/index.js';
import { sign, type KeyPair } from '../../src/crypto/ed25519.js';
import { leafHash, rootFromLeafHashes, emptyRoot } from '../../src/merkle/index.js';
import { buildBlock } from '../../src/blocks/index.js';
import { blockEventsKey } from '../../src/state/index.js';
import { encodeBlockEvents } from '../../src/state/cases/index.js';
import { NodeVerifier } from '../../src/crypto/index.js';
import { Ledger, MemStorage } from '../../src/ledger/index.js';
import { Mempool } from '../../src/mempool/index.js';
import { ReadModel } from '../../src/read/index.js';
import { asTimeMs, compareBytes, utf8, type Clock } from '../../src/types/index.js';
import { buildAndCommit, type BuilderComponents } from './block-builder.js';
import { GENESIS_TIME_MS, anchorTxBytes, digestOf, makeTestChain } from './chain.js';

export const eventsRootOf = (events: readonly Uint8Array[]): Uint8Array => rootFromLeafHashes(events.map((e) => leafHash(e)));

export async function commitWithEvents(c: BuilderComponents, height: number, timeMs: number, events: readonly Uint8Array[]):
  Promise<{ headerBytes: Uint8Array; commitBytes: Uint8Array }> {
  const block = await buildBlock(c, height, timeMs, c.key.publicKey);
  const header = pb.Header.decode(block.headerBytes);
  const headerBytes = encodeHeader({ ...header, eventsRoot: eventsRootOf(events), eventCount: events.length });
  const hash = blockHashOfHeader(headerBytes);
  const commitBytes = encodeCommit({ height, round: 0, blockHash: hash,
    signatures: [{ validatorIndex: c.validatorIndex, signature: sign(c.key.seed, voteSignBytes(c.genesis.chainId, height, 0, VOTE_PRECOMMIT, hash)) }] });
  await c.ledger.commitBlock({
    height, hash, timeMs, headerBytes, commitBytes, appHash: block.result.appHash,
    blockBytes: encodeBlock(headerBytes, block.result.included.map((tx) => tx.bytes)),
    stateWrites: [...block.result.writes, ...(events.length === 0 ? [] : [[blockEventsKey(height), encodeBlockEvents(events)] as [string, Uint8Array]])],
  });
  return { headerBytes, commitBytes };
}

export interface SignedValidator extends ValidatorEntry {
  readonly key: KeyPair;
}

/** Validators in commit order (by public key bytes). */
export function validatorSet(keys: readonly KeyPair[], power = 10): SignedValidator[] {
  return keys.map((key) => ({ key, publicKey: key.publicKey, power })).sort((a, b) => compareBytes(a.publicKey, b.publicKey));
}

export function eventHeader(chainId: string, height: number, set: readonly ValidatorEntry[], events: readonly Uint8Array[]): Uint8Array {
  return encodeHeader({
    chainId, height, timeMs: 1_760_000_000_000 + height * 1000, prevBlockHash: new Uint8Array(32).fill(height),
    historyRoot: emptyRoot(), txRoot: emptyRoot(), appHash: new Uint8Array(32).fill(0xaa), resultsHash: emptyRoot(),
    validatorsHash: validatorSetHash(set), nextValidatorsHash: validatorSetHash(set), proposer: set[0]!.publicKey,
    eventsRoot: events.length === 0 ? new Uint8Array() : eventsRootOf(events), eventCount: events.length,
  });
}

/** The commit of a header, signed by the validators at `signers` (indexes in the set). */
export function signedCommit(chainId: string, headerBytes: Uint8Array, set: readonly SignedValidator[], signers: readonly number[]):
  Uint8Array {
  const height = pb.Header.decode(headerBytes).height;
  const hash = blockHashOfHeader(headerBytes);
  const signBytes = voteSignBytes(chainId, height, 0, VOTE_PRECOMMIT, hash);
  return encodeCommit({ height, round: 0, blockHash: hash,
    signatures: signers.map((i) => ({ validatorIndex: i, signature: sign(set[i]!.key.seed, signBytes) })) });
}

const verifier = new NodeVerifier();
export const EVENTS = [0, 1, 2, 3, 4, 5, 6].map((i) => utf8(`case event ${i}`));

/** Block 1 an anchor, block 2 seven events, block 3 empty. */
export async function ledgerWithEvents(chainId = 'tianping-test'): Promise<{ storage: MemStorage; ledger: Ledger; read: ReadModel }> {
  const chain = makeTestChain(chainId);
  const storage = new MemStorage();
  const ledger = await Ledger.open(storage, chain.genesis, chain.genesisHash);
  const clock: Clock = { nowMs: () => asTimeMs(GENESIS_TIME_MS + 1000) };
  const mempool = new Mempool({ chainId: chain.genesis.chainId, params: chain.genesis.params, verifier, clock, state: ledger.state },
    { txsMax: 100, bytesMax: 1 << 20 });
  const builder: BuilderComponents = { genesis: chain.genesis, ledger, mempool, verifier, key: chain.validator, validatorIndex: 0 };
  await mempool.add(anchorTxBytes(chain, digestOf('before the events')));
  await buildAndCommit(builder, 1, GENESIS_TIME_MS + 2000);
  await commitWithEvents(builder, 2, GENESIS_TIME_MS + 3000, EVENTS);
  await buildAndCommit(builder, 3, GENESIS_TIME_MS + 4000);
  return { storage, ledger, read: new ReadModel(ledger) };
}
