// A case event made by the block clock, proven offline from its receipt with the genesis alone:
// real case txs go through a proposer's mempool and buildBlock, another node checks each block
// (its events root and count included) before both commit it with the precommits of both
// validators; the node's read model then builds the receipt of the clock's DEFAULT event, which
// the SDK verifies against the genesis. A forged events root in the same block is refused.
import { describe, expect, it } from 'vitest';
import { buildBlock, checkBlock, commitExecuted, type BlockExecComponents } from '../../src/blocks/index.js';
import { encodeBlock, encodeCommit, encodeHeader, pb, sortValidators, voteSignBytes, VOTE_PRECOMMIT } from '../../src/codec/index.js';
import { eventReceiptFromJson } from '../../src/client/event-receipt.js';
import { verifyEventReceipt } from '../../src/client/event-receipt-verify.js';
import { sign } from '../../src/crypto/ed25519.js';
import { sha256 } from '../../src/crypto/hash.js';
import { NodeVerifier } from '../../src/crypto/index.js';
import { Ledger, MemStorage } from '../../src/ledger/index.js';
import { leafHash, rootFromLeafHashes } from '../../src/merkle/index.js';
import { Mempool } from '../../src/mempool/index.js';
import { ReadModel } from '../../src/read/index.js';
import { decodeBlockEvents, decodeEvent } from '../../src/state/cases/index.js';
import { blockEventsKey } from '../../src/state/index.js';
import { asTimeMs, isTianpingError, utf8, type Clock, type Hash32 } from '../../src/types/index.js';
import {
  CASE_NO, CaseChain, DOCUMENT, EVENT, GENESIS_TIME_MS, STATUS, caseGenesis, terms, validatorA, validatorB,
} from '../state/cases/fixture.js';

const genesis = caseGenesis();
const verifier = new NodeVerifier();
const T0 = GENESIS_TIME_MS + 60_000;
const SECOND = 1_000;

async function node(): Promise<BlockExecComponents & { time: { nowMs: number } }> {
  const ledger = await Ledger.open(new MemStorage(), genesis, sha256(utf8('case genesis')) as Hash32);
  const time = { nowMs: T0 };
  const clock: Clock = { nowMs: () => asTimeMs(time.nowMs) };
  const mempool = new Mempool({ chainId: genesis.chainId, params: genesis.params, verifier, clock, state: ledger.state },
    { txsMax: 100, bytesMax: 1 << 20 });
  return { genesis, ledger, mempool, verifier, time };
}

/** Precommits of both validators (power 10 each: one alone is not more than 2/3). */
function commitOf(height: number, blockHash: Uint8Array): Uint8Array {
  const signBytes = voteSignBytes(genesis.chainId, height, 0, VOTE_PRECOMMIT, blockHash);
  const order = sortValidators([validatorA, validatorB].map((k) => ({ key: k, publicKey: k.publicKey, power: 10 })));
  return encodeCommit({ height, round: 0, blockHash, signatures: order.map((v, i) => ({ validatorIndex: i, signature: sign(v.key.seed, signBytes) })) });
}

describe('a case event made by the block clock', () => {
  it('is in the header\'s events root, checked by every node, and proven offline from the genesis', async () => {
    const proposer = await node();
    const validator = await node();
    const txs = new CaseChain(genesis);
    const due = T0 + 10 * SECOND;
    const blocks: [number, Uint8Array[]][] = [
      [T0, [txs.anchorTx(DOCUMENT, T0).bytes]],
      [T0 + SECOND, [txs.createTx(terms([{ amountFen: 1_000_000, dueAtMs: due }]), T0 + SECOND).bytes]],
      // Past due + grace: the clock records the default, with no tx in the block.
      [T0 + 20 * SECOND, []],
    ];
    let height = 0;
    let forgedRefused = false;
    for (const [timeMs, blockTxs] of blocks) {
      height++;
      proposer.time.nowMs = timeMs;
      for (const tx of blockTxs) await proposer.mempool.add(tx);
      const built = await buildBlock(proposer, height, timeMs, validatorA.publicKey);
      expect(built.result.rejected).toEqual([]);
      const checked = await checkBlock(validator, built.blockBytes);
      expect(checked.hash).toEqual(built.hash);
      if (built.result.events.length > 0 && !forgedRefused) {
        const header = pb.Header.decode(built.headerBytes);
        const forged = encodeHeader({ ...header, eventsRoot: rootFromLeafHashes([leafHash(utf8('an event that never happened'))]) });
        const error = await checkBlock(validator, encodeBlock(forged, built.result.included.map((tx) => tx.bytes))).catch((e: unknown) => e);
        expect(isTianpingError(error) ? error.message : error).toBe('invalid block: events root');
        forgedRefused = true;
      }
      const commitBytes = commitOf(height, built.hash);
      await commitExecuted(proposer, built, commitBytes);
      await commitExecuted(validator, checked, commitBytes);
    }
    expect(forgedRefused).toBe(true);

    // Block 3's only event is the clock's default; every node keeps it under the block's bev/ key.
    const header = (await validator.ledger.header(3))!.header;
    expect(header.eventCount).toBe(1);
    const stored = await validator.ledger.state.get(blockEventsKey(3));
    const event = decodeEvent(decodeBlockEvents(stored!)[0]!);
    expect({ kind: event.kind, caseNo: event.caseNo, status: event.status, legalAtMs: event.legalAtMs, txHash: event.txHash.length })
      .toEqual({ kind: EVENT.CASE_EVENT_KIND_DEFAULT, caseNo: CASE_NO, status: STATUS.CASE_STATUS_DEFAULTED, legalAtMs: due, txHash: 0 });
    expect((await validator.ledger.header(1))!.header.eventCount).toBe(0);

    const forms = await new ReadModel(validator.ledger).eventReceipt(3, 0);
    const receipt = eventReceiptFromJson(JSON.parse(JSON.stringify(forms.json)));
    const result = verifyEventReceipt(receipt, genesis);
    expect(result.valid ? 'valid' : result.reason).toBe('valid');
    if (!result.valid) return;
    expect(result.receipt).toMatchObject({ height: 3, eventIndex: 0, eventCount: 1, signedPower: 20, totalPower: 20 });
    expect(decodeEvent(receipt.event)).toMatchObject({ caseNo: CASE_NO, legalAtMs: due });
  });
});
