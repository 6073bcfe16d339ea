// Tx gossip in batches, without a network: when batches leave, how they are bounded, and what a
// received batch does to the mempool and which verdict it earns the peer that relayed it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pino } from 'pino';
import { decodeTxBatch, encodeTxBatch, TX_BATCH_TXS_MAX } from '../../src/codec/index.js';
import { TX_GOSSIP_BATCH_BYTES_MAX, TX_GOSSIP_INTERVAL_MS, TxGossip } from '../../src/wire/index.js';
import { TianpingError, toHex, type ErrorCode } from '../../src/types/index.js';
import { systemTimers } from '../../src/node/system-env.js';

const logger = pino({ level: 'silent' });
const txOf = (label: number, length = 200): Uint8Array => new Uint8Array(length).fill(label & 0xff);

interface Fixture {
  readonly gossip: TxGossip;
  /** Each published batch, decoded to the first byte of each tx. */
  readonly published: number[][];
  readonly added: string[];
  wakeUps: number;
}

/** outcome(tx) says how the fake mempool answers: admitted, or refused with a code. */
function fixture(outcome: (tx: Uint8Array) => ErrorCode | 'admitted' = () => 'admitted'): Fixture {
  const f: Fixture = {
    published: [], added: [], wakeUps: 0,
    gossip: new TxGossip({
      logger, timers: systemTimers,
      mempool: {
        add: async (tx) => {
          f.added.push(toHex(tx));
          const result = outcome(tx);
          if (result !== 'admitted') throw new TianpingError(result);
          return undefined as never;
        },
      },
      publish: (batch) => f.published.push(decodeTxBatch(batch).map((tx) => tx[0]!)),
      onTxsAdmitted: () => { f.wakeUps++; },
    }),
  };
  return f;
}

describe('sending: txs this node admitted', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends the first txs at once (one batch per turn of the event loop), then at most one batch per interval', () => {
    const f = fixture();
    f.gossip.queue(txOf(1));
    f.gossip.queue(txOf(2));
    expect(f.published).toEqual([]);
    vi.advanceTimersToNextTimer();
    expect(f.published).toEqual([[1, 2]]);

    f.gossip.queue(txOf(3));
    vi.advanceTimersByTime(TX_GOSSIP_INTERVAL_MS / 2);
    f.gossip.queue(txOf(4));
    expect(f.published).toHaveLength(1);
    vi.advanceTimersByTime(TX_GOSSIP_INTERVAL_MS / 2);
    expect(f.published).toEqual([[1, 2], [3, 4]]);

    // Idle for longer than the interval: the next tx leaves at once again.
    vi.advanceTimersByTime(10 * TX_GOSSIP_INTERVAL_MS);
    f.gossip.queue(txOf(5));
    vi.advanceTimersToNextTimer();
    expect(f.published).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('sends a batch as soon as it reaches its byte bound, and a tx larger than the bound alone', () => {
    const f = fixture();
    const txBytes = 40 * 1024;
    const fitting = Math.floor(TX_GOSSIP_BATCH_BYTES_MAX / (txBytes + 4));
    for (let i = 0; i <= fitting; i++) f.gossip.queue(txOf(i, txBytes));
    // The tx that would cross the bound went into the next batch; the full one left without a timer.
    expect(f.published).toEqual([Array.from({ length: fitting }, (_, i) => i)]);
    f.gossip.queue(txOf(99, TX_GOSSIP_BATCH_BYTES_MAX + 1));
    expect(f.published.slice(1)).toEqual([[fitting], [99]]);
    vi.runAllTimers();
    expect(f.published).toHaveLength(3);
  });

  it('sends a batch as soon as it holds TX_BATCH_TXS_MAX txs', () => {
    const f = fixture();
    for (let i = 0; i < TX_BATCH_TXS_MAX + 1; i++) f.gossip.queue(txOf(i, 8));
    expect(f.published.map((b) => b.length)).toEqual([TX_BATCH_TXS_MAX]);
    vi.runAllTimers();
    expect(f.published.map((b) => b.length)).toEqual([TX_BATCH_TXS_MAX, 1]);
  });

  it('flush() sends what waits now and leaves no timer behind', () => {
    const f = fixture();
    f.gossip.flush();
    f.gossip.queue(txOf(1));
    f.gossip.flush();
    expect(f.published).toEqual([[1]]);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('receiving: a batch from a peer', () => {
  it('admits every tx, wakes block production once and accepts the batch', async () => {
    const f = fixture();
    const verdict = await f.gossip.onBatch(encodeTxBatch([txOf(1), txOf(2), txOf(3)]));
    expect(verdict).toBe('accept');
    expect(f.added).toHaveLength(3);
    expect(f.wakeUps).toBe(1);
    expect(f.published).toEqual([]); // not gossiped again: gossipsub forwards the batch
  });

  it('ignores a batch that brings nothing new (duplicates, full, committed, expired)', async () => {
    const codes: ErrorCode[] = ['TX_DUPLICATE', 'MEMPOOL_FULL', 'TX_ALREADY_COMMITTED', 'TX_EXPIRED'];
    const f = fixture((tx) => codes[tx[0]!]!);
    expect(await f.gossip.onBatch(encodeTxBatch(codes.map((_, i) => txOf(i))))).toBe('ignore');
    expect(f.wakeUps).toBe(0);
  });

  it('rejects a batch holding a tx that is invalid by the sender\'s fault, after admitting the valid ones', async () => {
    for (const bad of ['TX_BAD_SIGNATURE', 'TX_MALFORMED', 'TX_NOT_CANONICAL', 'TX_WRONG_CHAIN'] as const) {
      const f = fixture((tx) => (tx[0] === 2 ? bad : tx[0] === 3 ? 'TX_DUPLICATE' : 'admitted'));
      expect(await f.gossip.onBatch(encodeTxBatch([txOf(1), txOf(2), txOf(3), txOf(4)]))).toBe('reject');
      expect(f.added).toHaveLength(4);
      expect(f.wakeUps).toBe(1);
    }
  });

  it('rejects a batch that does not decode, is empty or too long, without admitting anything', async () => {
    const f = fixture();
    const tooLong = encodeTxBatch(Array.from({ length: TX_BATCH_TXS_MAX + 1 }, (_, i) => txOf(i, 4)));
    for (const data of [Uint8Array.of(0x0a, 0x09, 0x01), new Uint8Array(0), tooLong, Uint8Array.of(0x12, 0x01, 0x00)]) {
      expect(await f.gossip.onBatch(data)).toBe('reject');
    }
    expect(f.added).toEqual([]);
  });

  it('lets other work run while a long batch is admitted', async () => {
    const busyMs = 2;
    const f = fixture(() => {
      const untilMs = performance.now() + busyMs;
      while (performance.now() < untilMs) { /* a signature check's worth of work */ }
      return 'admitted';
    });
    let ranMeanwhile = false;
    setImmediate(() => { ranMeanwhile = true; });
    const admission = f.gossip.onBatch(encodeTxBatch(Array.from({ length: 10 }, (_, i) => txOf(i))));
    expect(await admission).toBe('accept');
    expect(ranMeanwhile).toBe(true);
  });
});
