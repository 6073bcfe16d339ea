// Compact proposals: a proposal's block as header + tx hashes, rebuilt from the mempool into the
// very bytes the proposer signed a hash of; bad encodings refused; and, when txs are missing, a
// wait for tx gossip and then a request for the whole proposal.
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { pb, encodeBlock, txHash } from '../../src/codec/index.js';
import type { Proposal } from '../../src/consensus/tendermint/index.js';
import { decodeCompactProposal, encodeCompactProposal, proposalFromCompact, consensusBlock, MISSING_WAIT_MS, MissingTxs } from '../../src/wire/index.js';
import { asHeight, asRound, asTimeMs, isTianpingError, toHex, type TimeMs } from '../../src/types/index.js';
import { systemTimers } from '../../src/node/system-env.js';

const TXS_MAX = 10_000;
const header = pb.Header.encode({ chainId: 'tianping-test', height: 7, timeMs: 1_760_000_000_000, txCount: 3 }).finish();
const txs = [1, 2, 3].map((i) => new Uint8Array(150 + i).fill(i));

function proposalOf(blockTxs: readonly Uint8Array[], round = 0): Proposal {
  return { height: asHeight(7), round: asRound(round), validRound: -1, block: consensusBlock(encodeBlock(header, blockTxs)),
    proposerIndex: 2, signature: new Uint8Array(64).fill(9) };
}

/** A proposal's fields with bytes as hex: decoded messages hold Buffers where the original held Uint8Arrays. */
function summary(p: Proposal): Record<string, unknown> {
  return { height: p.height, round: p.round, validRound: p.validRound, hash: toHex(p.block.hash), timeMs: p.block.timeMs,
    bytes: toHex(p.block.bytes), proposerIndex: p.proposerIndex, signature: toHex(p.signature) };
}

const expandedSummary = (h: { expanded: { proposal: Proposal; receivedAtMs: TimeMs }[] }) =>
  h.expanded.map((e) => ({ ...summary(e.proposal), receivedAtMs: e.receivedAtMs }));

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return isTianpingError(error) ? error.code : `not a TianpingError: ${String(error)}`;
  }
  return undefined;
}

describe('compact proposal encoding', () => {
  it('rebuilds the exact block bytes, hash and signature from the txs named by hash', () => {
    const proposal = proposalOf(txs);
    const bytes = encodeCompactProposal(proposal);
    const compact = decodeCompactProposal(bytes, TXS_MAX);
    expect(compact.txHashes.map(toHex)).toEqual(txs.map((tx) => toHex(txHash(tx))));
    expect(summary(proposalFromCompact(compact, txs))).toEqual(summary(proposal));
  });

  it('is a fraction of the whole proposal for a block of many txs', () => {
    const many = Array.from({ length: 500 }, (_, i) => new Uint8Array(175).fill(i & 0xff).map((b, j) => (j === 0 ? i >> 8 : b)));
    const proposal = proposalOf(many);
    const whole = pb.Proposal.encode({ height: 7, round: 0, validRound: -1, block: proposal.block.bytes, proposerIndex: 2,
      signature: proposal.signature }).finish();
    expect(encodeCompactProposal(proposal).length).toBeLessThan(whole.length / 4);
  });

  it('keeps an empty block and a re-proposal (valid round) intact', () => {
    const empty = { ...proposalOf([]), validRound: asRound(0), round: asRound(1) };
    expect(summary(proposalFromCompact(decodeCompactProposal(encodeCompactProposal(empty), TXS_MAX), []))).toEqual(summary(empty));
  });

  it('refuses hashes that are not 32 bytes each, more txs than a block holds, a bad header or round', () => {
    const good = pb.CompactProposal.decode(encodeCompactProposal(proposalOf(txs)));
    const encode = (patch: Record<string, unknown>): Uint8Array => pb.CompactProposal.encode({ ...good, ...patch }).finish();
    expect(codeOf(() => decodeCompactProposal(encode({ txHashes: new Uint8Array(33) }), TXS_MAX))).toBe('TX_MALFORMED');
    expect(codeOf(() => decodeCompactProposal(encode({}), 2))).toBe('TX_MALFORMED');
    expect(codeOf(() => decodeCompactProposal(encode({ header: Uint8Array.from([0xff, 0xff, 0xff]) }), TXS_MAX))).toBe('TX_MALFORMED');
    expect(codeOf(() => decodeCompactProposal(encode({ validRound: -2 }), TXS_MAX))).toBe('TX_MALFORMED');
    expect(codeOf(() => decodeCompactProposal(Uint8Array.from([0xff, 0x01]), TXS_MAX))).toBe('TX_MALFORMED');
    // An unknown field appended: the same message, not in its one canonical encoding.
    expect(codeOf(() => decodeCompactProposal(Uint8Array.from([...encode({}), 0x40, 0x01]), TXS_MAX))).toBe('TX_NOT_CANONICAL');
    expect(codeOf(() => decodeCompactProposal(encode({}), TXS_MAX))).toBeUndefined();
  });
});

interface Harness {
  readonly missing: MissingTxs;
  readonly pool: Map<string, Uint8Array>;
  readonly expanded: { proposal: Proposal; receivedAtMs: TimeMs }[];
  readonly wholeRequests: { height: number; round: number }[];
  height: number;
  settle: () => void;
}

function harness(): Harness {
  const settlers: (() => void)[] = [];
  const h: Harness = {
    pool: new Map(), expanded: [], wholeRequests: [], height: 7,
    settle: () => { for (const resolve of settlers.splice(0)) resolve(); },
    missing: undefined as unknown as MissingTxs,
  };
  (h as { missing: MissingTxs }).missing = new MissingTxs({
    logger: pino({ level: 'silent' }), timers: systemTimers,
    txOf: (hash) => h.pool.get(toHex(hash)),
    gossipSettled: () => new Promise<void>((resolve) => { settlers.push(resolve); }),
    currentHeight: () => h.height,
    onExpanded: (proposal, receivedAtMs) => h.expanded.push({ proposal, receivedAtMs }),
    requestWhole: (height, round) => h.wholeRequests.push({ height, round }),
  });
  return h;
}

const compactOf = (proposal: Proposal) => decodeCompactProposal(encodeCompactProposal(proposal), TXS_MAX);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const admit = (h: Harness, tx: Uint8Array) => h.pool.set(toHex(txHash(tx)), tx);

describe('rebuilding compact proposals from the mempool', () => {
  it('feeds the proposal at once, with its arrival time, when every tx is pending', () => {
    const h = harness();
    for (const tx of txs) admit(h, tx);
    h.missing.expand(compactOf(proposalOf(txs)), asTimeMs(1234));
    expect(expandedSummary(h)).toEqual([{ ...summary(proposalOf(txs)), receivedAtMs: 1234 }]);
    expect(h.wholeRequests).toEqual([]);
  });

  it('waits for the tx batches being admitted, then for late txs, and never asks when they come', async () => {
    const h = harness();
    admit(h, txs[0]!);
    h.missing.expand(compactOf(proposalOf(txs)), asTimeMs(1));
    h.missing.expand(compactOf(proposalOf(txs)), asTimeMs(2)); // the same proposal again: one wait
    await sleep(20);
    expect(h.expanded).toEqual([]);
    admit(h, txs[1]!);
    h.settle();
    await sleep(50);
    expect(h.expanded).toEqual([]);
    admit(h, txs[2]!);
    await sleep(60);
    expect(expandedSummary(h)).toEqual([{ ...summary(proposalOf(txs)), receivedAtMs: 1 }]);
    expect(h.wholeRequests).toEqual([]);
  });

  it('asks peers for the whole proposal once, when txs are still missing after the wait', async () => {
    const h = harness();
    admit(h, txs[0]!);
    h.missing.expand(compactOf(proposalOf(txs, 2)), asTimeMs(1));
    h.settle();
    await sleep(MISSING_WAIT_MS + 150);
    expect(h.expanded).toEqual([]);
    expect(h.wholeRequests).toEqual([{ height: 7, round: 2 }]);
  });

  it('asks once per round however many compact proposals of it lack txs, and drops a flood', async () => {
    const h = harness();
    const headers = Array.from({ length: 12 }, (_, i) =>
      pb.Header.encode({ chainId: 'tianping-test', height: 7, timeMs: 1_760_000_000_000 + i, txCount: 3 }).finish());
    for (const made of headers) h.missing.expand({ ...compactOf(proposalOf(txs)), header: made }, asTimeMs(1));
    h.settle();
    await sleep(MISSING_WAIT_MS + 150);
    expect(h.wholeRequests).toEqual([{ height: 7, round: 0 }]);
    h.missing.expand(compactOf(proposalOf(txs, 1)), asTimeMs(2));
    h.settle();
    await sleep(MISSING_WAIT_MS + 150);
    expect(h.wholeRequests).toEqual([{ height: 7, round: 0 }, { height: 7, round: 1 }]);
  });

  it('drops the wait when the height is decided meanwhile', async () => {
    const h = harness();
    h.missing.expand(compactOf(proposalOf(txs)), asTimeMs(1));
    h.height = 8;
    h.settle();
    await sleep(MISSING_WAIT_MS + 150);
    expect(h.expanded).toEqual([]);
    expect(h.wholeRequests).toEqual([]);
  });
});
