// The consensus WAL keeps each block once beside a record that names it by hash: the record
// round-trips, a block is written once however often the record changes, a block no longer named
// is deleted in the same synced batch, a restart reads everything back, and a record naming a
// block that is missing (or stored under the wrong hash) is corruption, not a silent null.
import { describe, expect, it } from 'vitest';
import { encodeBlock, encodeHeader, pb } from '../../src/codec/index.js';
import type { DurableRecord, Proposal, Vote } from '../../src/consensus/tendermint/index.js';
import { sha256 } from '../../src/crypto/hash.js';
import { Ledger, MemStorage, type BatchOp } from '../../src/ledger/index.js';
import { consensusBlock, proposalMessage } from '../../src/wire/index.js';
import { decodeWal, encodeWal, WalCorruptError } from '../../src/node/consensus-wal.js';
import { asHeight, asRound, toHex, utf8 } from '../../src/types/index.js';
import { makeTestChain, GENESIS_TIME_MS } from '../helpers/chain.js';

const chain = makeTestChain();

/** A block of `txCount` made-up txs of 200 bytes at height 1 (the WAL does not execute it). */
function block(label: string, txCount: number) {
  const txs = Array.from({ length: txCount }, (_, i) => new Uint8Array(200).fill(i % 251));
  const header = encodeHeader({
    chainId: chain.genesis.chainId, height: 1, timeMs: GENESIS_TIME_MS + 1_000, prevBlockHash: sha256(utf8(`prev ${label}`)),
    historyRoot: sha256(utf8('history')), txRoot: sha256(utf8(`txs ${label}`)), appHash: sha256(utf8('app')),
    resultsHash: sha256(utf8('results')), validatorsHash: sha256(utf8('v')), nextValidatorsHash: sha256(utf8('v')),
    proposer: chain.validator.publicKey, txCount,
  });
  return consensusBlock(encodeBlock(header, txs));
}

const blockA = block('a', 500);
const blockB = block('b', 300);

const vote: Vote = { type: 2, height: asHeight(1), round: asRound(0), blockHash: blockA.hash, validatorIndex: 0,
  signature: new Uint8Array(64).fill(7) };
const proposal = (b: typeof blockA): Proposal => ({ height: asHeight(1), round: asRound(0), validRound: -1, block: b,
  proposerIndex: 0, signature: new Uint8Array(64).fill(9) });

function record(overrides: Partial<DurableRecord> = {}): DurableRecord {
  return {
    height: asHeight(1), round: asRound(0),
    lastSigned: { height: asHeight(1), round: asRound(0), signStep: 2, signBytes: utf8('sign bytes'), signature: new Uint8Array(64).fill(3) },
    locked: { round: asRound(0), block: blockA }, valid: { round: asRound(0), block: blockA },
    ownVotes: [vote], ownProposals: [proposal(blockA)],
    ...overrides,
  };
}

/** The value with every byte array (Buffer or Uint8Array: protobufjs decodes bytes as Buffers) as hex. */
function plain(value: unknown): unknown {
  if (value instanceof Uint8Array) return toHex(value);
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, plain(inner)]));
  }
  return value;
}

/** Storage that records every batch it is given. */
function recording(): { storage: MemStorage; batches: BatchOp[][] } {
  const storage = new MemStorage();
  const batches: BatchOp[][] = [];
  const batch = storage.batch.bind(storage);
  storage.batch = async (ops, options) => {
    batches.push([...ops]);
    return batch(ops, options);
  };
  return { storage, batches };
}

describe('WAL record encoding', () => {
  it('names each block once by hash, and decodes to the same record', () => {
    const r = record();
    const { record: bytes, blocks } = encodeWal(r);
    expect(blocks.map((b) => toHex(b.hash))).toEqual([toHex(blockA.hash)]);
    // Locked, valid and the own proposal are the one block: the record itself stays small.
    expect(bytes.length).toBeLessThan(1_000);
    expect(blockA.bytes.length).toBeGreaterThan(100_000);
    const decoded = decodeWal(bytes, new Map(blocks.map((b) => [toHex(b.hash), b.bytes])));
    expect(plain(decoded)).toEqual(plain(r));
  });

  it('a record with no lock, no proposal and a nil vote names no block', () => {
    const r = record({ locked: null, valid: null, ownProposals: [], ownVotes: [{ ...vote, blockHash: null }] });
    const { record: bytes, blocks } = encodeWal(r);
    expect(blocks).toEqual([]);
    expect(plain(decodeWal(bytes, new Map()))).toEqual(plain(r));
  });

  it('refuses a record whose block is missing, or stored under another hash', () => {
    const { record: bytes } = encodeWal(record());
    expect(() => decodeWal(bytes, new Map())).toThrow(WalCorruptError);
    expect(() => decodeWal(bytes, new Map())).toThrow(expect.objectContaining({ code: 'WAL_CORRUPT' }));
    expect(() => decodeWal(bytes, new Map([[toHex(blockA.hash), blockB.bytes]]))).toThrow(/has hash/);
  });

  it('still reads a record written with its blocks inline (the earlier format)', () => {
    const r = record();
    const inline = pb.ConsensusWal.encode({
      height: r.height, round: r.round,
      lastSigned: { ...r.lastSigned! },
      locked: { round: 0, block: blockA.bytes }, valid: { round: 0, block: blockA.bytes },
      ownVotes: [{ type: 2, height: 1, round: 0, blockHash: blockA.hash, validatorIndex: 0, signature: vote.signature }],
      ownProposals: [proposalMessage(proposal(blockA))],
    }).finish();
    expect(plain(decodeWal(inline, new Map()))).toEqual(plain(r));
  });
});

describe('Ledger WAL blocks', () => {
  it('writes a block once while records name it, deletes it once none does, and reads all back after a restart', async () => {
    const { storage, batches } = recording();
    const ledger = await Ledger.open(storage, chain.genesis, chain.genesisHash);
    batches.length = 0;
    const blockKeys = (ops: BatchOp[]) => ops.filter((op) => op.key.startsWith('meta/consensus-wal-block/'));

    const first = encodeWal(record({ locked: null, valid: null }));
    await ledger.writeConsensusWal(first.record, first.blocks);
    const second = encodeWal(record());
    await ledger.writeConsensusWal(second.record, second.blocks);
    // Valid, locked and own proposal of a later round on another block: A goes, B comes.
    const third = encodeWal(record({ round: asRound(1), locked: { round: asRound(1), block: blockB },
      valid: { round: asRound(1), block: blockB }, ownProposals: [] }));
    await ledger.writeConsensusWal(third.record, third.blocks);

    expect(batches.map((ops) => blockKeys(ops).map((op) => `${op.type} ${op.key.slice(-8)}`))).toEqual([
      [`put ${toHex(blockA.hash).slice(-8)}`],
      [],
      [`put ${toHex(blockB.hash).slice(-8)}`, `del ${toHex(blockA.hash).slice(-8)}`],
    ]);
    expect(storage.syncedBatches).toBeGreaterThanOrEqual(3);

    // A restart: a new ledger over the same storage reads the record and exactly its blocks.
    const reopened = await Ledger.open(storage, chain.genesis, chain.genesisHash);
    const wal = await reopened.readConsensusWal();
    expect(wal).toBeDefined();
    expect([...wal!.blocks.keys()]).toEqual([toHex(blockB.hash)]);
    const decoded = decodeWal(wal!.record, wal!.blocks);
    expect(decoded.locked?.block.hash).toEqual(blockB.hash);
    expect(decoded.round).toBe(1);

    // The reopened ledger knows what is stored: a record of the next height with no block clears B.
    batches.length = 0;
    const next = encodeWal(record({ height: asHeight(2), lastSigned: null, locked: null, valid: null, ownVotes: [], ownProposals: [] }));
    await reopened.writeConsensusWal(next.record, next.blocks);
    expect(blockKeys(batches[0]!).map((op) => op.type)).toEqual(['del']);
    expect((await reopened.readConsensusWal())!.blocks.size).toBe(0);
  });

  it('a ledger that writes before it ever read the WAL still finds and deletes blocks left by an earlier run', async () => {
    const { storage, batches } = recording();
    const first = encodeWal(record());
    await (await Ledger.open(storage, chain.genesis, chain.genesisHash)).writeConsensusWal(first.record, first.blocks);
    const reopened = await Ledger.open(storage, chain.genesis, chain.genesisHash);
    batches.length = 0;
    const next = encodeWal(record({ height: asHeight(2), lastSigned: null, locked: null, valid: null, ownVotes: [], ownProposals: [] }));
    await reopened.writeConsensusWal(next.record, next.blocks);
    expect(batches[0]!.filter((op) => op.key.startsWith('meta/consensus-wal-block/')).map((op) => op.type)).toEqual(['del']);
  });

  it('a record not yet synced is lost in a crash together with its new block, and the old pair survives', async () => {
    const { storage } = recording();
    const ledger = await Ledger.open(storage, chain.genesis, chain.genesisHash);
    const first = encodeWal(record());
    await ledger.writeConsensusWal(first.record, first.blocks);
    storage.failNextSync = true;
    const second = encodeWal(record({ round: asRound(1), locked: { round: asRound(1), block: blockB },
      valid: { round: asRound(1), block: blockB }, ownProposals: [] }));
    await expect(ledger.writeConsensusWal(second.record, second.blocks)).rejects.toThrow();
    const wal = await (await Ledger.open(storage, chain.genesis, chain.genesisHash)).readConsensusWal();
    expect(plain(decodeWal(wal!.record, wal!.blocks))).toEqual(plain(record()));
  });
});
