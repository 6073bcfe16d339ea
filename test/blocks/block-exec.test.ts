// A received block that breaks a rule is refused with BLOCK_INVALID, whatever the rule: a header
// field, a tx that does not decode, bytes that are no block. The tx codes stay the mempool's.
import { describe, expect, it } from 'vitest';
import { buildBlock, checkBlock, isValidBlock, type BlockExecComponents } from '../../src/blocks/index.js';
import { encodeBlock, encodeHeader, pb } from '../../src/codec/index.js';
import { NodeVerifier } from '../../src/crypto/index.js';
import { Ledger, MemStorage } from '../../src/ledger/index.js';
import { Mempool } from '../../src/mempool/index.js';
import { asTimeMs, isTianpingError, type Clock } from '../../src/types/index.js';
import { GENESIS_TIME_MS, anchorTxBytes, digestOf, makeTestChain } from '../helpers/chain.js';

const verifier = new NodeVerifier();
const chain = makeTestChain();

async function components(): Promise<BlockExecComponents> {
  const ledger = await Ledger.open(new MemStorage(), chain.genesis, chain.genesisHash);
  const clock: Clock = { nowMs: () => asTimeMs(GENESIS_TIME_MS + 1000) };
  const mempool = new Mempool({ chainId: chain.genesis.chainId, params: chain.genesis.params, verifier, clock, state: ledger.state },
    { txsMax: 100, bytesMax: 1 << 20 });
  return { genesis: chain.genesis, ledger, mempool, verifier };
}

async function codeOf(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    if (isTianpingError(error)) return `${error.code}: ${error.message}`;
    throw error;
  }
  return 'no error';
}

/** A fresh block of height 1 with one anchor, built by another node (our mempool never saw its tx). */
async function proposed(): Promise<{ headerBytes: Uint8Array; txs: Uint8Array[] }> {
  const proposer = await components();
  await proposer.mempool.add(anchorTxBytes(chain, digestOf('block-exec')));
  const built = await buildBlock(proposer, 1, GENESIS_TIME_MS + 2000, chain.validator.publicKey);
  return { headerBytes: built.headerBytes, txs: built.result.included.map((tx) => tx.bytes) };
}

describe('checkBlock', () => {
  it('accepts the block another node built', async () => {
    const { headerBytes, txs } = await proposed();
    const checked = await checkBlock(await components(), encodeBlock(headerBytes, txs));
    expect(checked.result.included).toHaveLength(1);
  });

  it('refuses bytes that are no block with BLOCK_INVALID', async () => {
    const c = await components();
    expect(await codeOf(() => checkBlock(c, Uint8Array.of(0xff, 0xff, 0xff)))).toMatch(/^BLOCK_INVALID: invalid block: does not decode/);
  });

  it('refuses a header field that differs from execution with BLOCK_INVALID', async () => {
    const { headerBytes, txs } = await proposed();
    const header = pb.Header.decode(headerBytes);
    const tampered = encodeHeader({ ...header, appHash: new Uint8Array(32).fill(7) });
    expect(await codeOf(async () => checkBlock(await components(), encodeBlock(tampered, txs))))
      .toBe('BLOCK_INVALID: invalid block: app hash');
  });

  it('refuses a block holding a tx that does not decode with BLOCK_INVALID, naming the tx', async () => {
    const { headerBytes } = await proposed();
    const check = await isValidBlock(await components(), encodeBlock(headerBytes, [Uint8Array.of(0xff, 0xff)]));
    expect(check.ok).toBe(false);
    expect(await codeOf(async () => checkBlock(await components(), encodeBlock(headerBytes, [Uint8Array.of(0xff, 0xff)]))))
      .toMatch(/^BLOCK_INVALID: invalid block: tx 0: /);
  });
});

describe('the events root in the header', () => {
  it('leaves a block without events as it was: neither field 13 nor 14 is written', async () => {
    const { headerBytes } = await proposed();
    const header = pb.Header.decode(headerBytes);
    expect(header.eventsRoot).toHaveLength(0);
    expect(header.eventCount).toBe(0);
    // The header as the twelve fields before the events root encode it: the same bytes, the same hash.
    const { chainId, height, timeMs, prevBlockHash, historyRoot, txRoot, appHash, resultsHash, validatorsHash,
      nextValidatorsHash, proposer, txCount } = header;
    expect(encodeHeader({ chainId, height, timeMs, prevBlockHash, historyRoot, txRoot, appHash, resultsHash, validatorsHash,
      nextValidatorsHash, proposer, txCount })).toEqual(headerBytes);
  });

  it('refuses an events root in a block that has no events', async () => {
    const { headerBytes, txs } = await proposed();
    const header = pb.Header.decode(headerBytes);
    const forged = encodeHeader({ ...header, eventsRoot: new Uint8Array(32).fill(9), eventCount: 1 });
    expect(await codeOf(async () => checkBlock(await components(), encodeBlock(forged, txs))))
      .toBe('BLOCK_INVALID: invalid block: events root');
  });

  it('refuses an event count that is not the number of events', async () => {
    const { headerBytes, txs } = await proposed();
    const forged = encodeHeader({ ...pb.Header.decode(headerBytes), eventCount: 3 });
    expect(await codeOf(async () => checkBlock(await components(), encodeBlock(forged, txs))))
      .toBe('BLOCK_INVALID: invalid block: event count');
  });

  it('refuses a header that writes an empty events root (tag 13, length 0): a second hash for the same block', async () => {
    const { headerBytes, txs } = await proposed();
    const padded = Uint8Array.of(...headerBytes, 0x6a, 0x00);
    expect(pb.Header.decode(padded).eventsRoot).toHaveLength(0);
    expect(await codeOf(async () => checkBlock(await components(), encodeBlock(padded, txs))))
      .toBe('BLOCK_INVALID: invalid block: header is not canonically encoded');
  });
});
