// The consensus wire with a stub network: proposals leave compact (after the txs waiting for
// gossip), a compact proposal is rebuilt from the mempool, and one whose txs never arrive is asked
// for whole through catch-up; re-sends go out compact over "push".
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { pb, encodeBlock, txHash, decodeTxBatch } from '../../src/codec/index.js';
import type { ConsensusEvent, Proposal } from '../../src/consensus/tendermint/index.js';
import type { Ledger } from '../../src/ledger/index.js';
import type { Mempool } from '../../src/mempool/index.js';
import { decodeCompactProposal, encodeCompactProposal, consensusBlock, decodeCatchUpRequest, encodeProposal, ConsensusWire,
  MISSING_WAIT_MS } from '../../src/wire/index.js';
import type { RequestHandler, TopicHandler } from '../../src/p2p/index.js';
import { asHeight, asRound, asTimeMs, toHex } from '../../src/types/index.js';
import { systemTimers } from '../../src/node/system-env.js';

const header = pb.Header.encode({ chainId: 'tianping-test', height: 7, timeMs: 1_760_000_000_000, txCount: 2 }).finish();
const txs = [1, 2].map((i) => new Uint8Array(160).fill(i));
const proposal: Proposal = { height: asHeight(7), round: asRound(0), validRound: -1,
  block: consensusBlock(encodeBlock(header, txs)), proposerIndex: 1, signature: new Uint8Array(64).fill(5) };

function fixture(pending: readonly Uint8Array[], onFutureHeight: () => void = () => undefined,
  connected: readonly string[] = ['peer-a']) {
  const published: { topic: string; data: Uint8Array }[] = [];
  const requests: { peer: string; name: string; data: Uint8Array }[] = [];
  const topics = new Map<string, TopicHandler>();
  const handlers = new Map<string, RequestHandler>();
  const fed: ConsensusEvent[] = [];
  const pool = new Map(pending.map((tx) => [toHex(txHash(tx)), tx]));
  let answer: Uint8Array = pb.CatchUpResponse.encode({ tipHeight: 6 }).finish();
  const wire = new ConsensusWire({
    timers: systemTimers,
    network: {
      publish: async (topic, data) => { published.push({ topic, data }); },
      subscribe: (topic, handler) => { topics.set(topic, handler); },
      handle: async (name, handler) => { handlers.set(name, handler); },
      request: async (peer, name, data) => { requests.push({ peer, name, data }); return answer; },
      connectedNodes: () => [...connected],
    },
    mempool: { txBytes: (hash: Uint8Array) => pool.get(toHex(hash)), add: async () => undefined } as unknown as Mempool,
    ledger: { tip: { height: 6 } } as unknown as Ledger,
    logger: pino({ level: 'silent' }),
    clock: { nowMs: () => asTimeMs(1_000) },
    syncBlocksMax: 10, blockTxsMax: 100,
    currentHeight: () => 7,
    // The proposer of the test proposal (index 1) is peer-p.
    nodeIdOf: (height, index) => (height === 7 && index === 1 ? 'peer-p' : undefined),
    feed: (event) => fed.push(event),
    enqueue: () => undefined,
    onFutureHeight, onTxAdmitted: () => undefined, onNextHeightMessage: () => undefined,
  });
  return { wire, published, requests, topics, handlers, fed, setAnswer: (bytes: Uint8Array) => { answer = bytes; } };
}

const fedBlocks = (fed: ConsensusEvent[]) =>
  fed.flatMap((e) => (e.kind === 'proposalReceived' ? [toHex(e.proposal.block.bytes)] : []));

describe('consensus wire: compact proposals', () => {
  it('publishes the txs waiting for gossip first, then the proposal compact', async () => {
    const f = fixture([]);
    await f.wire.register();
    f.wire.publishTx(txs[0]!);
    f.wire.sendProposal(proposal, false);
    await new Promise((resolve) => setImmediate(resolve));
    expect(f.published.map((p) => p.topic)).toEqual(['txs', 'proposals']);
    expect(decodeTxBatch(f.published[0]!.data).map(toHex)).toEqual([toHex(txs[0]!)]);
    expect(f.published[1]!.data.length).toBeLessThan(proposal.block.bytes.length);
    expect(decodeCompactProposal(f.published[1]!.data, 100).txHashes.map(toHex)).toEqual(txs.map((tx) => toHex(txHash(tx))));
  });

  it('re-sends go over push, compact', async () => {
    const f = fixture([]);
    await f.wire.register();
    f.wire.sendProposal(proposal, true);
    await new Promise((resolve) => setImmediate(resolve));
    expect(f.requests.map((r) => r.name)).toEqual(['push']);
    const pushed = pb.CatchUpResponse.decode(f.requests[0]!.data);
    expect(pushed.proposals).toHaveLength(0);
    expect(pushed.compactProposals).toHaveLength(1);
  });

  it('rebuilds a gossiped compact proposal from the mempool and feeds it whole', async () => {
    const f = fixture(txs);
    await f.wire.register();
    expect(await f.topics.get('proposals')!(encodeCompactProposal(proposal), 'peer-a')).toBe('accept');
    expect(fedBlocks(f.fed)).toEqual([toHex(proposal.block.bytes)]);
    expect(f.requests).toEqual([]);
  });

  it('takes compact proposals from push too', async () => {
    const f = fixture(txs);
    await f.wire.register();
    const pushed = pb.CatchUpResponse.encode({ compactProposals: [pb.CompactProposal.decode(encodeCompactProposal(proposal))] }).finish();
    await f.handlers.get('push')!(pushed, 'peer-a');
    expect(fedBlocks(f.fed)).toEqual([toHex(proposal.block.bytes)]);
  });

  it('asks a peer for the whole proposal when a tx never arrives, and feeds the answer', async () => {
    const f = fixture([txs[0]!]);
    await f.wire.register();
    f.setAnswer(pb.CatchUpResponse.encode({ proposals: [pb.Proposal.decode(encodeProposal(proposal))], tipHeight: 6 }).finish());
    expect(await f.topics.get('proposals')!(encodeCompactProposal(proposal), 'peer-a')).toBe('accept');
    expect(f.fed).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, MISSING_WAIT_MS + 200));
    const asked = f.requests.filter((r) => r.name === 'catchup').map((r) => decodeCatchUpRequest(r.data));
    expect(asked).toEqual([{ kind: 'proposal', height: 7, round: 0 }]);
    expect(fedBlocks(f.fed)).toEqual([toHex(proposal.block.bytes)]);
  });

  it('asks the proposer first for a proposal it misses, then the other peers in turn', () => {
    const f = fixture([], undefined, ['peer-a', 'peer-b', 'peer-p', 'peer-c']);
    const request = { kind: 'proposal' as const, height: asHeight(7), round: asRound(0) };
    f.wire.requestCatchUp(request, 'peer-p');
    f.wire.requestCatchUp(request, 'peer-p');
    f.wire.requestCatchUp(request);
    f.wire.requestCatchUp(request, 'peer-gone');
    // Two peers a request: the proposer, then one of the others in turn; without a connected proposer, two in turn.
    expect(f.requests.map((r) => r.peer)).toEqual(['peer-p', 'peer-a', 'peer-p', 'peer-c', 'peer-b', 'peer-p', 'peer-c', 'peer-a']);
  });

  it('refuses a compact proposal that does not decode, penalising its relay', async () => {
    const f = fixture(txs);
    await f.wire.register();
    const bad = pb.CompactProposal.encode({ ...pb.CompactProposal.decode(encodeCompactProposal(proposal)), txHashes: new Uint8Array(31) }).finish();
    expect(await f.topics.get('proposals')!(bad, 'peer-a')).toBe('reject');
    expect(await f.topics.get('proposals')!(encodeProposal(proposal), 'peer-a')).toBe('reject');
    expect(f.fed).toEqual([]);
  });

  it('hands the core a proposal of the height after ours (it keeps it), not forwarded, and asks to sync', async () => {
    let syncs = 0;
    const f = fixture(txs, () => { syncs++; });
    await f.wire.register();
    const next = { ...proposal, height: asHeight(8) };
    expect(await f.topics.get('proposals')!(encodeCompactProposal(next), 'peer-a')).toBe('ignore');
    expect(fedBlocks(f.fed)).toEqual([toHex(next.block.bytes)]);
    expect(syncs).toBe(1);
    // Two heights ahead, or behind: nothing for the core.
    expect(await f.topics.get('proposals')!(encodeCompactProposal({ ...proposal, height: asHeight(9) }), 'peer-a')).toBe('ignore');
    expect(await f.topics.get('proposals')!(encodeCompactProposal({ ...proposal, height: asHeight(6) }), 'peer-a')).toBe('ignore');
    expect(f.fed).toHaveLength(1);
  });
});
