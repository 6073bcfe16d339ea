// The request handlers of the consensus wire ("blocks", "push", "catchup") against junk: what is
// the peer's fault is thrown as PeerFaultError (the p2p layer refuses and penalises it), before any
// work is done for it; bounds hold (a blocks range is clipped to syncBlocksMax, a push holds no more
// votes than the validator set casts in a round).
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { pb } from '../../src/codec/index.js';
import type { ConsensusEvent } from '../../src/consensus/tendermint/index.js';
import type { Ledger } from '../../src/ledger/index.js';
import type { Mempool } from '../../src/mempool/index.js';
import { isPeerFaultError, type PeerFault, type RequestHandler } from '../../src/p2p/index.js';
import { systemTimers } from '../../src/node/system-env.js';
import { asTimeMs } from '../../src/types/index.js';
import { ConsensusWire } from '../../src/wire/index.js';

const VALIDATORS = 4;

function fixture() {
  const handlers = new Map<string, RequestHandler>();
  const fed: ConsensusEvent[] = [];
  const blocksRead: number[] = [];
  const ledger = {
    tip: { height: 1_000 },
    rawBlock: async (height: number) => {
      blocksRead.push(height);
      return { block: Uint8Array.of(height & 0xff), commit: Uint8Array.of(1) };
    },
  } as unknown as Ledger;
  const wire = new ConsensusWire({
    timers: systemTimers,
    network: {
      publish: async () => undefined,
      subscribe: () => undefined,
      handle: async (name, handler) => { handlers.set(name, handler); },
      request: async () => new Uint8Array(0),
      connectedNodes: () => [],
    },
    mempool: { txBytes: () => undefined, add: async () => undefined } as unknown as Mempool,
    ledger,
    logger: pino({ level: 'silent' }),
    clock: { nowMs: () => asTimeMs(1_000) },
    syncBlocksMax: 10, blockTxsMax: 100,
    currentHeight: () => 1_001,
    nodeIdOf: (height, index) => (height === 1_001 && index < VALIDATORS ? `node-${index}` : undefined),
    feed: (event) => fed.push(event),
    enqueue: () => undefined,
    onFutureHeight: () => undefined, onTxAdmitted: () => undefined, onNextHeightMessage: () => undefined,
  });
  const call = (name: string, bytes: Uint8Array): Promise<Uint8Array> => handlers.get(name)!(bytes, 'peer-x');
  return { wire, call, fed, blocksRead };
}

async function faultOf(promise: Promise<unknown>): Promise<PeerFault | 'answered' | unknown> {
  try {
    await promise;
    return 'answered';
  } catch (error) {
    return isPeerFaultError(error) ? error.fault : error;
  }
}

function vote(index: number, type = 1): InstanceType<typeof pb.Vote> {
  return pb.Vote.create({ type, height: 1_001, round: 0, blockHash: new Uint8Array(32).fill(9), validatorIndex: index,
    signature: new Uint8Array(64).fill(index + 1) });
}

const push = (votes: InstanceType<typeof pb.Vote>[]): Uint8Array => pb.CatchUpResponse.encode({ votes }).finish();

describe('blocks requests', () => {
  it('refuses heights 1..2^64 as the peer\'s fault, reading no block', async () => {
    const f = fixture();
    await f.wire.register();
    // from_height = 1, to_height = 2^64 - 1 (a ten-byte varint).
    const bytes = Uint8Array.of(0x08, 0x01, 0x10, ...new Array<number>(9).fill(0xff), 0x01);
    expect(await faultOf(f.call('blocks', bytes))).toBe('non-canonical');
    expect(await faultOf(f.call('blocks', pb.BlocksRequest.encode({ fromHeight: 0, toHeight: 5 }).finish()))).toBe('out-of-bounds');
    expect(await faultOf(f.call('blocks', pb.BlocksRequest.encode({ fromHeight: 9, toHeight: 5 }).finish()))).toBe('out-of-bounds');
    expect(await faultOf(f.call('blocks', Uint8Array.of(0xff, 0xff, 0xff)))).toBe('malformed');
    expect(f.blocksRead).toEqual([]);
  });

  it('clips a long range to syncBlocksMax blocks', async () => {
    const f = fixture();
    await f.wire.register();
    const answer = await f.call('blocks', pb.BlocksRequest.encode({ fromHeight: 5, toHeight: 900 }).finish());
    expect(pb.BlocksResponse.decode(answer).blocks).toHaveLength(10);
    expect(f.blocksRead).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
  });
});

describe('push', () => {
  it('refuses more votes than the validator set casts in a round, feeding none of them', async () => {
    const f = fixture();
    await f.wire.register();
    const many = Array.from({ length: 500 }, (_, i) => vote(i % VALIDATORS));
    expect(await faultOf(f.call('push', push(many)))).toBe('abuse');
    expect(await faultOf(f.call('push', push(Array.from({ length: 2 * VALIDATORS + 1 }, (_, i) => vote(i % VALIDATORS))))))
      .toBe('abuse');
    expect(f.fed).toEqual([]);
    // A prevote and a precommit from every validator is the most a round has.
    const full = Array.from({ length: 2 * VALIDATORS }, (_, i) => vote(i % VALIDATORS, 1 + Math.floor(i / VALIDATORS)));
    expect(await faultOf(f.call('push', push(full)))).toBe('answered');
    expect(f.fed).toHaveLength(2 * VALIDATORS);
  });

  it('blames garbage, a non-canonical encoding and an invalid vote inside', async () => {
    const f = fixture();
    await f.wire.register();
    expect(await faultOf(f.call('push', Uint8Array.of(0x0a, 0xff, 0x01)))).toBe('malformed');
    // tip_height = 0 written out: decodes, but is a second encoding of the empty push.
    expect(await faultOf(f.call('push', Uint8Array.of(0x18, 0x00)))).toBe('non-canonical');
    expect(await faultOf(f.call('push', push([vote(0), vote(1, 3)])))).toBe('malformed');
    expect(f.fed).toHaveLength(1);
  });
});

describe('catch-up requests', () => {
  it('blames garbage and unknown kinds', async () => {
    const f = fixture();
    await f.wire.register();
    expect(await faultOf(f.call('catchup', Uint8Array.of(0x12, 0xff)))).toBe('malformed');
    expect(await faultOf(f.call('catchup', pb.CatchUpRequest.encode({ kind: 'everything', height: 3 }).finish()))).toBe('malformed');
  });
});
