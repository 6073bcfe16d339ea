// The read model answers from data this node wrote; where that data is not what it wrote, it says
// so (LedgerError LEDGER_CORRUPT) instead of answering with a default (an empty block hash, SHA-256
// for an unknown algorithm). Also the ledger's own stable codes.
import { describe, expect, it } from 'vitest';
import { pb } from '../../src/codec/index.js';
import { NodeVerifier } from '../../src/crypto/index.js';
import { Ledger, LedgerError, MemStorage } from '../../src/ledger/index.js';
import { Mempool } from '../../src/mempool/index.js';
import { ReadModel } from '../../src/read/index.js';
import { evidenceCountKey, evidenceKey, proposalKey } from '../../src/state/index.js';
import { asTimeMs, toHex, u32be, type Clock, type Hash32 } from '../../src/types/index.js';
import { buildAndCommit, type BuilderComponents } from '../helpers/block-builder.js';
import { GENESIS_TIME_MS, anchorTxBytes, digestOf, makeTestChain } from '../helpers/chain.js';

const verifier = new NodeVerifier();
const chain = makeTestChain();
/** The ledger stores state under this prefix (src/ledger/ledger.ts); the tests write around it on purpose. */
const STATE_PREFIX = 's/';

async function oneAnchor(label: string) {
  const storage = new MemStorage();
  const ledger = await Ledger.open(storage, chain.genesis, chain.genesisHash);
  const clock: Clock = { nowMs: () => asTimeMs(GENESIS_TIME_MS + 1000) };
  const mempool = new Mempool({ chainId: chain.genesis.chainId, params: chain.genesis.params, verifier, clock, state: ledger.state },
    { txsMax: 100, bytesMax: 1 << 20 });
  const builder: BuilderComponents = { genesis: chain.genesis, ledger, mempool, verifier, key: chain.validator, validatorIndex: 0 };
  const { hash } = await mempool.add(anchorTxBytes(chain, digestOf(label)));
  await buildAndCommit(builder, 1, GENESIS_TIME_MS + 2000);
  return { storage, ledger, read: new ReadModel(ledger), txHash: hash };
}

async function rewriteRecord(storage: MemStorage, label: string, change: Partial<InstanceType<typeof pb.EvidenceRecord>>) {
  const key = STATE_PREFIX + evidenceKey(1, digestOf(label), 0);
  const record = pb.EvidenceRecord.decode((await storage.get(key))!);
  await storage.batch([{ type: 'put', key, value: pb.EvidenceRecord.encode({ ...record, ...change }).finish() }], { sync: true });
}

const page = { offset: 0, limit: 10 };

describe('ReadModel on data it wrote', () => {
  it('answers an anchor with its algorithm and the hash of its block', async () => {
    const { ledger, read, txHash } = await oneAnchor('fine');
    const { total, anchors } = await read.evidence(digestOf('fine'), 'sha256', page);
    expect(total).toBe(1);
    expect(anchors[0]).toMatchObject({ algorithm: 'sha256', height: 1, blockHash: toHex(ledger.tip.blockHash), txHash: toHex(txHash) });
    expect(await read.committedTx(txHash as Hash32)).toMatchObject({ height: 1, blockHash: toHex(ledger.tip.blockHash) });
  });

  it('refuses an anchor record naming an algorithm it never records: LEDGER_CORRUPT, not sha256', async () => {
    const { storage, read } = await oneAnchor('alg');
    // An id outside the HashAlgorithm enum: the type refuses it, which is the point of the test.
    await rewriteRecord(storage, 'alg', { algorithm: 9 as InstanceType<typeof pb.EvidenceRecord>['algorithm'] });
    await expect(read.evidence(digestOf('alg'), 'sha256', page)).rejects.toMatchObject({ name: 'LedgerError', code: 'LEDGER_CORRUPT' });
  });

  it('refuses an anchor at a height with no header: LEDGER_CORRUPT, not an empty block hash', async () => {
    const { storage, read } = await oneAnchor('height');
    await rewriteRecord(storage, 'height', { height: 7 });
    await expect(read.evidence(digestOf('height'), 'sha256', page)).rejects.toMatchObject({ code: 'LEDGER_CORRUPT' });
  });

  it('refuses a counted anchor that is not stored: LEDGER_CORRUPT', async () => {
    const { storage, read } = await oneAnchor('count');
    await storage.batch([{ type: 'put', key: STATE_PREFIX + evidenceCountKey(1, digestOf('count')), value: u32be(2) }], { sync: true });
    await expect(read.evidence(digestOf('count'), 'sha256', page)).rejects.toBeInstanceOf(LedgerError);
  });
});

describe('Ledger error codes', () => {
  it('a data directory of another genesis is GENESIS_MISMATCH', async () => {
    const { storage } = await oneAnchor('genesis');
    const other = makeTestChain('tianping-other');
    await expect(Ledger.open(storage, other.genesis, other.genesisHash)).rejects.toMatchObject({ code: 'GENESIS_MISMATCH' });
  });

  it('a tip without its block is LEDGER_CORRUPT', async () => {
    const { storage } = await oneAnchor('tip');
    await storage.batch([{ type: 'del', key: `b/${'1'.padStart(16, '0')}` }], { sync: true });
    await expect(Ledger.open(storage, chain.genesis, chain.genesisHash)).rejects.toMatchObject({ code: 'LEDGER_CORRUPT' });
  });
});

describe('ReadModel on proposals it wrote', () => {
  it('refuses a proposal whose opening tx is not committed: LEDGER_CORRUPT, not first in line', async () => {
    const { storage, read } = await oneAnchor('proposal');
    const id = digestOf('never-committed');
    const record = pb.ProposalRecord.create({ id, kind: 'remove', subject: chain.submitter.publicKey, opener: chain.validator.publicKey,
      openedHeight: 1, expiresAtMs: GENESIS_TIME_MS + 3_600_000, status: 'open', decidedHeight: 0, approvals: [], rejections: [],
      payload: new Uint8Array() });
    await storage.batch([{ type: 'put', key: STATE_PREFIX + proposalKey(id), value: pb.ProposalRecord.encode(record).finish() }],
      { sync: true });
    await expect(read.proposals()).rejects.toMatchObject({ code: 'LEDGER_CORRUPT' });
  });
  it('refuses a decided proposal whose height has no validator set: LEDGER_CORRUPT, not an empty tally', async () => {
    const { storage, read, txHash } = await oneAnchor('tally');
    // Opened by a committed tx (the anchor's, so the opening check passes), decided far beyond the tip.
    const record = pb.ProposalRecord.create({ id: txHash, kind: 'remove', subject: chain.submitter.publicKey,
      opener: chain.validator.publicKey, openedHeight: 1, expiresAtMs: GENESIS_TIME_MS + 3_600_000, status: 'approved',
      decidedHeight: 999, approvals: [chain.validator.publicKey], rejections: [], payload: new Uint8Array() });
    await storage.batch([{ type: 'put', key: STATE_PREFIX + proposalKey(txHash), value: pb.ProposalRecord.encode(record).finish() }],
      { sync: true });
    await expect(read.proposal(txHash)).rejects.toMatchObject({ code: 'LEDGER_CORRUPT', message: expect.stringMatching(/no validator set/) });
  });
});
