// The cross-chain reads stay bounded however many headers a light client recorded: a side chain
// relayed 600 times (sparse heights, one set change) through the production executeBlock into a
// ledger on a storage that counts its reads. Each lookup (at or below a height, the lowest relayed
// above one, by hash, the detail view's newest headers) answers what a scan of every recorded header
// answers, and reads a number of entries that does not grow with them. A chain of 1,100 headers no
// relay tx recorded shows where the walks stop.
import { beforeAll, describe, expect, it } from 'vitest';
import { blockHashOfHeader, encodeBlock, encodeCommit, encodeHeader, pb, validatorSetHash, type DecodedTx } from '../../src/codec/index.js';
import type { ForeignChainRecordMsg, ForeignTrustedHeaderMsg } from '../../src/codec/index.js';
import { decodeHeader } from '../../src/client/receipt-verify.js';
import { sha256 } from '../../src/crypto/hash.js';
import { Ledger, MemStorage, type BatchOp, type Storage } from '../../src/ledger/index.js';
import { ANCHOR_CANDIDATES_MAX, anchorAtOrBelow, recordedHeaderOf } from '../../src/node/crosschain-verify.js';
import { RELAYED_CANDIDATES_MAX, lowestRelayedAbove } from '../../src/node/crosschain-two-hop.js';
import { TRUSTED_HEADERS_LISTED, readForeignChainDetail, recordingUpdate, trustedHeaderView } from '../../src/read/crosschain.js';
import {
  foreignChainKey, newestTrustedBelow, readForeignChain, trustedHeaderKey, trustedHeaders, trustedHeadersAbove,
} from '../../src/state/crosschain/index.js';
import { equalBytes, toHex, utf8, type Hash32 } from '../../src/types/index.js';
import {
  CHAIN_ID, MainChain, SIDE_GENESIS_MS, platform, setMsg, sideBlock, sideKeys, tianpingRegistration, update, validatorA, validatorB,
  type SideBlock,
} from '../state/crosschain/fixture.js';

const NAME = 'side-1';
const BARE = 'bare-1';
const S1 = sideKeys('bounded one', 1);
const S2 = sideKeys('bounded two', 1);
const RELAYS = 600;
const RELAYS_PER_BLOCK = 50;
const ANCHOR_HEIGHT = 5;
/** The side change from S1 to S2 comes with the relay of this index. */
const CHANGE_AT = 300;

/** A storage that counts what it reads: calls (gets, range scans, iterators opened) and entries read. */
class CountingStorage implements Storage {
  calls = 0;
  entriesRead = 0;
  constructor(private readonly inner: Storage) {}

  reset(): void {
    this.calls = 0;
    this.entriesRead = 0;
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    this.calls += 1;
    const value = await this.inner.get(key);
    if (value !== undefined) this.entriesRead += 1;
    return value;
  }

  batch(ops: readonly BatchOp[], options: { readonly sync: boolean }): Promise<void> {
    return this.inner.batch(ops, options);
  }

  async *entries(prefix: string, options?: { readonly limit?: number; readonly reverse?: boolean; readonly after?: string }):
    AsyncIterable<[string, Uint8Array]> {
    this.calls += 1;
    for await (const entry of this.inner.entries(prefix, options)) {
      this.entriesRead += 1;
      yield entry;
    }
  }

  async range(prefix: string, options: { readonly limit: number; readonly after?: string | undefined }): Promise<[string, Uint8Array][]> {
    this.calls += 1;
    const found = await this.inner.range(prefix, options);
    this.entriesRead += found.length;
    return found;
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

/** The main chain executed by the production executeBlock, each block also committed to a ledger. */
class LedgerChain {
  readonly chain = new MainChain();
  readonly storage = new CountingStorage(new MemStorage());
  ledger!: Ledger;

  async open(): Promise<void> {
    this.ledger = await Ledger.open(this.storage, this.chain.genesis, sha256(utf8('crosschain bounded test genesis')) as Hash32);
  }

  async commit(txs: readonly DecodedTx[], extraWrites: readonly [string, Uint8Array][] = []): Promise<void> {
    const timeMs = this.chain.next();
    const result = await this.chain.commit(txs, timeMs);
    expect(result.rejected, JSON.stringify(result.rejected.map((r) => r.error.message))).toEqual([]);
    await this.commitToLedger(timeMs, result.included, result.appHash, [...result.writes, ...extraWrites]);
  }

  /** The block as the ledger stores it: its header is this test's (nothing here reads its other fields). */
  private async commitToLedger(timeMs: number, included: readonly DecodedTx[], appHash: Uint8Array,
    stateWrites: readonly [string, Uint8Array][]): Promise<void> {
    const height = this.ledger.tip.height + 1;
    const zero = new Uint8Array(32);
    const set = setMsg(S1).validators;
    const headerBytes = encodeHeader({ chainId: CHAIN_ID, height, timeMs, prevBlockHash: zero, historyRoot: zero, txRoot: zero, appHash,
      resultsHash: zero, validatorsHash: validatorSetHash(set), nextValidatorsHash: validatorSetHash(set), proposer: set[0]!.publicKey });
    const hash = blockHashOfHeader(headerBytes);
    await this.ledger.commitBlock({ height, hash, timeMs, headerBytes, appHash, stateWrites,
      blockBytes: encodeBlock(headerBytes, included.map((tx) => tx.bytes)),
      commitBytes: encodeCommit({ height, round: 0, blockHash: hash, signatures: [] }) });
  }
}

/** A side header whose time grows by a millisecond a height: far below the main chain's future bound. */
const sideAt = (height: number, set: typeof S1, next: typeof S1 = set): SideBlock =>
  sideBlock(height, set, next, { timeMs: SIDE_GENESIS_MS + height });

const world = new LedgerChain();
/** Every side header relayed, by height (and the anchor's). */
const sideHeaders = new Map<number, SideBlock>();
let record: ForeignChainRecordMsg;
let all: ForeignTrustedHeaderMsg[];
let bare: ForeignChainRecordMsg;

/** The side chain: heights with gaps of 1..7, relayed in blocks of RELAYS_PER_BLOCK txs; S1 hands over to S2 once. */
async function relaySide(): Promise<void> {
  const anchor = sideAt(ANCHOR_HEIGHT, S1);
  sideHeaders.set(ANCHOR_HEIGHT, anchor);
  const registration = tianpingRegistration(NAME, S1, { anchor, trustingPeriodMs: 86_400_000 });
  const open = world.chain.tx(validatorA, { foreignChainProposal: { registration } }, world.chain.at + 1_000);
  await world.commit([open]);
  await world.commit([world.chain.tx(validatorB, { governanceVote: { proposalId: open.hash, approve: true } }, world.chain.at + 1_000)]);
  let height = ANCHOR_HEIGHT;
  let pending: DecodedTx[] = [];
  for (let i = 0; i < RELAYS; i++) {
    height += 1 + ((i * 5) % 7);
    let fields: Record<string, unknown>;
    if (i < CHANGE_AT) {
      fields = update(NAME, sideAt(height, S1));
    } else if (i === CHANGE_AT) {
      const change = sideAt(height - 1, S1, S2);
      fields = update(NAME, sideAt(height, S2), [change]);
    } else {
      fields = update(NAME, sideAt(height, S2));
    }
    sideHeaders.set(height, i < CHANGE_AT ? sideAt(height, S1) : sideAt(height, S2));
    pending.push(world.chain.tx(platform, { foreignHeaderUpdate: fields }, world.chain.at + 1_000));
    if (pending.length === RELAYS_PER_BLOCK) {
      await world.commit(pending);
      pending = [];
    }
  }
  if (pending.length > 0) await world.commit(pending);
}

/** A chain whose 1,100 trusted headers (heights 1, 3, 5, ...) no relay tx recorded and whose bytes this chain lacks. */
async function bareChain(): Promise<void> {
  const registration = { name: BARE, kind: pb.ForeignChainKind.FOREIGN_CHAIN_KIND_TIANPING, chainId: 'bare-chain', trustingPeriodMs: 86_400_000,
    tianping: { genesisTimeMs: SIDE_GENESIS_MS, nextValidators: setMsg(S1) } };
  const writes: [string, Uint8Array][] = [[foreignChainKey(BARE), pb.ForeignChainRecord.encode({ registration, status: 'active',
    registeredHeight: 1, latestHeight: 2_199, latestTimeMs: SIDE_GENESIS_MS + 2_199, epoch: 0 }).finish()]];
  for (let i = 0; i < 1_100; i++) {
    const height = 1 + 2 * i;
    writes.push([trustedHeaderKey(BARE, 0, height), pb.ForeignTrustedHeader.encode({ height, hash: sha256(utf8(`bare ${height}`)),
      timeMs: SIDE_GENESIS_MS + height, nextValidators: setMsg(S1) }).finish()]);
  }
  await world.commit([], writes);
}

/** Reads of one request: resets the counter, runs it, returns its answer and what it read. */
async function counted<T>(run: () => Promise<T>): Promise<{ value: T; calls: number; entries: number }> {
  world.storage.reset();
  const value = await run();
  return { value, calls: world.storage.calls, entries: world.storage.entriesRead };
}

const heightOf = (h: ForeignTrustedHeaderMsg | undefined): number | undefined => (h === undefined ? undefined : Number(h.height));

/** Heights to ask about: below, at and between recorded heights, and beyond the newest. */
function probes(): number[] {
  const heights = all.map((h) => Number(h.height));
  const out = new Set<number>([0, 1, ANCHOR_HEIGHT - 1, heights.at(-1)! + 1, heights.at(-1)! + 1_000]);
  for (let i = 0; i < heights.length; i += 37) {
    out.add(heights[i]!);
    out.add(heights[i]! - 1);
    out.add(heights[i]! + 1);
  }
  return [...out].filter((h) => h >= 0).sort((a, b) => a - b);
}

/** 2 + ⌈log2 h⌉: the scans of one key a binary search below height h makes at most. */
const searchScans = (h: number): number => 2 + Math.ceil(Math.log2(h + 2));

beforeAll(async () => {
  await world.open();
  await relaySide();
  await bareChain();
  record = (await readForeignChain(world.ledger.state, NAME))!;
  bare = (await readForeignChain(world.ledger.state, BARE))!;
  all = [];
  for await (const h of trustedHeaders(world.ledger.state, NAME, 0)) all.push(h);
}, 120_000);

describe('a light client with hundreds of recorded headers', () => {
  it('holds the anchor and every relayed header', () => {
    expect(all).toHaveLength(RELAYS + 1);
    expect(Number(record.latestHeight)).toBe(Number(all.at(-1)!.height));
  });

  it('finds the newest header at or below a height as a full scan does, in a bounded number of one-key scans', async () => {
    let most = 0;
    for (const h of probes()) {
      const expected = [...all].reverse().find((t) => Number(t.height) <= h);
      const { value, calls } = await counted(() => newestTrustedBelow(world.ledger.state, NAME, 0, h + 1));
      expect(heightOf(value), `at or below ${h}`).toBe(heightOf(expected));
      expect(calls, `at or below ${h}`).toBeLessThanOrEqual(searchScans(h));
      most = Math.max(most, calls);
    }
    expect(most).toBeLessThan(all.length / 20);
  });

  it('pages the headers above a height as a full scan does', async () => {
    for (const h of probes()) {
      const expected = all.filter((t) => Number(t.height) > h).slice(0, 64).map((t) => Number(t.height));
      const { value, calls, entries } = await counted(() => trustedHeadersAbove(world.ledger.state, NAME, 0, h, 64));
      expect(value.map((t) => Number(t.height)), `above ${h}`).toEqual(expected);
      expect([calls, entries]).toEqual([1, expected.length]);
    }
  });

  it('finds the lowest header above a height that a relay tx recorded: the anchor is passed over', async () => {
    for (const h of probes()) {
      let expected: ForeignTrustedHeaderMsg | undefined;
      for (const t of all.filter((x) => Number(x.height) > h)) {
        if (await recordingUpdate(world.ledger, t) !== undefined) {
          expected = t;
          break;
        }
      }
      const { value, entries } = await counted(() => lowestRelayedAbove(world.ledger, record, h));
      if (expected === undefined) {
        expect(value, `above ${h}`).toEqual({ examined: 0 });
      } else {
        expect(value, `above ${h}`).toMatchObject({ height: Number(expected.height), hash: expected.hash, mainHeight: Number(expected.mainHeight) });
      }
      // One page of keys, the tx index and block of at most two headers (the anchor's and the one found).
      expect(entries, `above ${h}`).toBeLessThanOrEqual(64 + 2 * 3);
    }
    expect(heightOf(all[0])).toBe(ANCHOR_HEIGHT);
    expect((await lowestRelayedAbove(world.ledger, record, 0)) as { height: number }).toMatchObject({ height: Number(all[1]!.height) });
  });

  it('finds a recorded header by its bytes with one read; a fork, an unrecorded height or bytes that do not decode find none', async () => {
    for (let i = 0; i < all.length; i += 23) {
      const t = all[i]!;
      const bytes = sideHeaders.get(Number(t.height))!.header;
      const { value, calls } = await counted(() => recordedHeaderOf(world.ledger, record, bytes));
      expect(heightOf(value)).toBe(Number(t.height));
      expect(equalBytes(value!.hash, sha256(bytes))).toBe(true);
      expect(calls).toBe(1);
    }
    const newest = Number(all.at(-1)!.height);
    const fork = sideBlock(newest, S2, S2, { timeMs: SIDE_GENESIS_MS + newest, appHash: sha256(utf8('a fork')) });
    expect(await recordedHeaderOf(world.ledger, record, fork.header)).toBeUndefined();
    const gap = all.map((t) => Number(t.height)).find((h, i, heights) => heights[i + 1] !== undefined && heights[i + 1]! > h + 1)! + 1;
    expect(await recordedHeaderOf(world.ledger, record, sideAt(gap, S1).header)).toBeUndefined();
    expect(await recordedHeaderOf(world.ledger, record, utf8('not a header'))).toBeUndefined();
  });

  it('takes a version 1 receipt\'s anchor from the newest header at or below its block, with its bytes and signing set', async () => {
    for (const h of probes()) {
      const expected = [...all].reverse().find((t) => Number(t.height) <= h);
      const { value, calls } = await counted(() => anchorAtOrBelow(world.ledger, record, h));
      if (expected === undefined) {
        expect(value, `at or below ${h}`).toEqual({ examined: 0 });
        continue;
      }
      const anchor = value as Exclude<typeof value, { examined: number }>;
      expect(anchor.height, `at or below ${h}`).toBe(Number(expected.height));
      const bytes = sideHeaders.get(anchor.height)!.header;
      expect(equalBytes(anchor.trust.trustedHeader!, bytes)).toBe(true);
      // The set that signs t: its hash is t's validators_hash (the node's sets hold keys as bytes).
      const set = anchor.trust.validators.map((v) => ({ publicKey: v.publicKey as Uint8Array, power: v.power }));
      expect(toHex(validatorSetHash(set))).toBe(toHex(decodeHeader(bytes, 'header').validatorsHash));
      // Two binary searches (t and the header below it) and the tx index, block and commit of t's relay tx.
      expect(calls, `at or below ${h}`).toBeLessThanOrEqual(2 * searchScans(h) + 3);
    }
  });

  it('lists the newest headers in the detail view as the full list would, reading that many', async () => {
    const { value, entries } = await counted(() => readForeignChainDetail(world.ledger, NAME));
    expect(value.trustedHeaders).toEqual(all.slice(-TRUSTED_HEADERS_LISTED).reverse().map(trustedHeaderView));
    // The record, the listed headers and the freeze record's absence.
    expect(entries).toBeLessThanOrEqual(TRUSTED_HEADERS_LISTED + 2);
    expect(all.length).toBeGreaterThan(5 * TRUSTED_HEADERS_LISTED);
  });
});

describe('a light client whose headers this chain cannot use', () => {
  it('stops the walk for a relayed header after RELAYED_CANDIDATES_MAX headers', async () => {
    const { value, calls, entries } = await counted(() => lowestRelayedAbove(world.ledger, bare, 0));
    expect(value).toEqual({ examined: RELAYED_CANDIDATES_MAX });
    expect(calls).toBe(RELAYED_CANDIDATES_MAX / 64);
    expect(entries).toBe(RELAYED_CANDIDATES_MAX);
    expect(await lowestRelayedAbove(world.ledger, bare, 2_150)).toEqual({ examined: 25 });
  });

  it('stops the walk down for a trust anchor after ANCHOR_CANDIDATES_MAX headers', async () => {
    const { value, calls } = await counted(() => anchorAtOrBelow(world.ledger, bare, 2_000));
    expect(value).toEqual({ examined: ANCHOR_CANDIDATES_MAX });
    expect(calls).toBeLessThanOrEqual((ANCHOR_CANDIDATES_MAX + 1) * searchScans(2_000));
    expect(await anchorAtOrBelow(world.ledger, bare, 20)).toEqual({ examined: 10 });
  });
});
