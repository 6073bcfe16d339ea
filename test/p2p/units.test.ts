// The p2p parts that need no network, driven through their minimal Components.
import { TopicValidatorResult } from '@libp2p/gossipsub';
import { generateKeyPair } from '@libp2p/crypto/keys';
import type { PeerId, Stream } from '@libp2p/interface';
import { peerIdFromPrivateKey, peerIdFromString } from '@libp2p/peer-id';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { P2PError } from '../../src/p2p/errors.js';
import { encodeFrame, encodeVarint, StreamReader } from '../../src/p2p/frame.js';
import { FaultLog } from '../../src/p2p/fault-log.js';
import { PeerGate } from '../../src/p2p/gate.js';
import { privateKeyFromSeed } from '../../src/p2p/identity.js';
import { isP2PError, nodeIdToPeerId, peerIdToNodeId, type P2PErrorCode, type Verdict } from '../../src/p2p/index.js';
import { Topics, topicName, type TopicsComponents } from '../../src/p2p/pubsub.js';
import { DEFAULT_P2P_LIMITS } from '../../src/p2p/types.js';
import { CHAIN_ID, ManualClock, nodeIdOf, seedOf } from './harness.js';

const silent = pino({ level: 'silent' });

function codeOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return isP2PError(error) ? error.code : error;
  }
  return 'no error';
}

async function asyncCodeOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => 'no error', (error: unknown) => (isP2PError(error) ? error.code : error));
}

describe('identity', () => {
  it('derives the libp2p identity from the node seed: the peer id embeds the node key', async () => {
    const peerId = peerIdFromPrivateKey(await privateKeyFromSeed(seedOf('id')));
    expect(peerIdToNodeId(peerId)).toBe(nodeIdOf('id'));
    expect(nodeIdToPeerId(nodeIdOf('id'))).toBe(peerId.toString());
    expect(peerIdToNodeId(peerId.toString())).toBe(nodeIdOf('id'));
    expect(nodeIdToPeerId(nodeIdOf('id').toUpperCase())).toBe(peerId.toString());
  });

  it('refuses what is not an ed25519 node id or peer id', async () => {
    const secp = peerIdFromPrivateKey(await generateKeyPair('secp256k1')).toString();
    const bad: P2PErrorCode = 'INVALID_NODE_ID';
    expect(codeOf(() => nodeIdToPeerId('zz'))).toBe(bad);
    expect(codeOf(() => nodeIdToPeerId(nodeIdOf('x').slice(2)))).toBe(bad);
    expect(codeOf(() => peerIdToNodeId('not-a-peer-id'))).toBe(bad);
    expect(codeOf(() => peerIdToNodeId(secp))).toBe(bad);
    await expect(asyncCodeOf(privateKeyFromSeed(new Uint8Array(31)))).resolves.toBe('INVALID_CONFIG');
  });
});

function streamOf(chunks: readonly number[][]): Stream {
  return {
    async *[Symbol.asyncIterator]() {
      for (const chunk of chunks) yield Uint8Array.from(chunk);
    },
  } as unknown as Stream;
}

describe('frames', () => {
  it('round-trips varint lengths, also split across chunks', async () => {
    for (const n of [0, 1, 127, 128, 300, 16_383, 16_384, 2 ** 28 - 1]) {
      const bytes = [...encodeVarint(n)];
      const split = bytes.map((byte) => [byte]);
      await expect(new StreamReader(streamOf(split)).readVarint()).resolves.toBe(n);
    }
    expect(() => encodeVarint(2 ** 28)).toThrow(RangeError);
    const frame = [...encodeFrame(Uint8Array.of(1, 2, 3))];
    const reader = new StreamReader(streamOf([frame.slice(0, 2), frame.slice(2)]));
    await expect(reader.readFrame(3, () => new P2PError('RESPONSE_TOO_LARGE'))).resolves.toEqual(Uint8Array.of(1, 2, 3));
  });

  it('refuses non-minimal and over-long varints, early ends and frames over the limit', async () => {
    await expect(asyncCodeOf(new StreamReader(streamOf([[0x80, 0x00]])).readVarint())).resolves.toBe('MALFORMED_FRAME');
    await expect(asyncCodeOf(new StreamReader(streamOf([[0xff, 0xff, 0xff, 0xff, 0x01]])).readVarint()))
      .resolves.toBe('MALFORMED_FRAME');
    await expect(asyncCodeOf(new StreamReader(streamOf([[5, 1, 2]])).readFrame(10, () => new P2PError('RESPONSE_TOO_LARGE'))))
      .resolves.toBe('PROTOCOL_ERROR');
    let bodyRead = false;
    const reader = new StreamReader({
      async *[Symbol.asyncIterator]() {
        yield Uint8Array.of(100);
        bodyRead = true;
        yield new Uint8Array(100);
      },
    } as unknown as Stream);
    await expect(asyncCodeOf(reader.readFrame(10, () => new P2PError('RESPONSE_TOO_LARGE')))).resolves.toBe('RESPONSE_TOO_LARGE');
    expect(bodyRead).toBe(false);
  });
});

describe('topic validation', () => {
  type Validator = (peer: PeerId, message: { data: Uint8Array }) => Promise<TopicValidatorResult>;
  const sender = peerIdFromString(nodeIdToPeerId(nodeIdOf('sender')));

  function setup(handler: (data: Uint8Array) => Verdict | Promise<Verdict>) {
    const validators = new Map<string, unknown>();
    const penalties: string[] = [];
    const published: Uint8Array[] = [];
    const calls: Uint8Array[] = [];
    const pubsub = {
      topicValidators: validators,
      subscribe: () => undefined,
      getSubscribers: () => [],
      publish: async (_topic: string, data: Uint8Array) => {
        published.push(data);
        return { recipients: [] };
      },
    } as unknown as TopicsComponents['pubsub'];
    const topics = new Topics({
      pubsub, chainId: CHAIN_ID, logger: silent, stopSignal: new AbortController().signal, connectedWithin: () => false,
      limits: { ...DEFAULT_P2P_LIMITS, messageBytesMax: { ...DEFAULT_P2P_LIMITS.messageBytesMax, votes: 8 }, publishWaitMs: 0 },
      penalise: (peerId) => penalties.push(peerId),
      faults: new FaultLog({ logger: silent, intervalMs: 60_000, stopSignal: new AbortController().signal }),
    });
    topics.subscribe('votes', (data) => {
      calls.push(data);
      return handler(data);
    });
    const validate = validators.get(topicName(CHAIN_ID, 'votes')) as Validator;
    return { topics, validate, penalties, published, calls };
  }

  it('maps verdicts, and penalises only a reject', async () => {
    const verdicts: Verdict[] = ['accept', 'ignore', 'reject'];
    const { validate, penalties } = setup((data) => verdicts[data[0]!]!);
    await expect(validate(sender, { data: Uint8Array.of(0) })).resolves.toBe(TopicValidatorResult.Accept);
    await expect(validate(sender, { data: Uint8Array.of(1) })).resolves.toBe(TopicValidatorResult.Ignore);
    expect(penalties).toEqual([]);
    await expect(validate(sender, { data: Uint8Array.of(2) })).resolves.toBe(TopicValidatorResult.Reject);
    expect(penalties).toEqual([sender.toString()]);
  });

  it('rejects an oversized message without calling the handler, and a throwing handler without blame', async () => {
    const { validate, penalties, calls } = setup(async () => {
      throw new Error('handler bug');
    });
    await expect(validate(sender, { data: new Uint8Array(9) })).resolves.toBe(TopicValidatorResult.Reject);
    expect(calls).toEqual([]);
    expect(penalties).toEqual([sender.toString()]);
    await expect(validate(sender, { data: new Uint8Array(8) })).resolves.toBe(TopicValidatorResult.Reject);
    expect(calls).toHaveLength(1);
    expect(penalties).toHaveLength(1);
  });

  it('refuses a second handler and an oversized publish; publishes to nobody quietly', async () => {
    const { topics, published } = setup(() => 'accept');
    expect(codeOf(() => topics.subscribe('votes', () => 'accept'))).toBe('ALREADY_REGISTERED');
    await expect(asyncCodeOf(topics.publish('votes', new Uint8Array(9)))).resolves.toBe('MESSAGE_TOO_LARGE');
    await expect(topics.publish('votes', new Uint8Array(8))).resolves.toBeUndefined();
    expect(published).toEqual([]);
  });
});

describe('peer gate', () => {
  const peer = nodeIdToPeerId(nodeIdOf('g-peer'));
  const limits = { penaltiesMax: 3, penaltyWindowMs: 1_000, banMs: 5_000 };

  it('bans at the threshold within the window, and lifts the ban after banMs', () => {
    const clock = new ManualClock(0);
    const gate = new PeerGate({ clock, logger: silent, limits });
    gate.setAllowed([nodeIdOf('g-peer')]);
    expect(gate.penalise(peer, 'one')).toBe(false);
    expect(gate.penalise(peer, 'two')).toBe(false);
    clock.nowValueMs += 1_000; // both fall out of the window
    expect(gate.penalise(peer, 'three')).toBe(false);
    expect(gate.penalise(peer, 'four')).toBe(false);
    expect(gate.admits(peer)).toBe(true);
    expect(gate.penalise(peer, 'five')).toBe(true);
    expect(gate.admits(peer)).toBe(false);
    clock.nowValueMs += 4_999;
    expect(gate.admits(peer)).toBe(false);
    clock.nowValueMs += 1;
    expect(gate.admits(peer)).toBe(true);
  });

  it('admits only allowed nodes, and a bad id leaves the list unchanged', async () => {
    const gate = new PeerGate({ clock: new ManualClock(0), logger: silent, limits });
    const gater = gate.connectionGater();
    const member = peerIdFromString(peer);
    expect(await gater.denyDialPeer!(member)).toBe(true);
    gate.setAllowed([nodeIdOf('g-peer')]);
    expect(await gater.denyDialPeer!(member)).toBe(false);
    expect(codeOf(() => gate.setAllowed([nodeIdOf('other'), 'nonsense']))).toBe('INVALID_NODE_ID');
    expect(gate.isAllowed(peer)).toBe(true);
    expect(gate.setAllowed([nodeIdOf('other')])).toEqual([peer]);
    expect(await gater.denyDialPeer!(member)).toBe(true);
  });
});
