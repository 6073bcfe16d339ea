// The SDK's cross-chain builders make txs the state rules accept: each built tx is decoded and
// executed by executeBlock on the test chain, as a node would after POST /v1/txs.
import { describe, expect, it } from 'vitest';
import {
  crossChainVerificationTx, foreignChainProposalTx, foreignCheckpointUpdateTx, foreignHeaderUpdateTx, foreignMisbehaviourTx, governanceVoteTx,
} from '../../../src/client/index.js';
import { decodeTx } from '../../../src/codec/tx.js';
import { sha256 } from '../../../src/crypto/hash.js';
import { readForeignChain } from '../../../src/state/crosschain/index.js';
import { toHex, utf8 } from '../../../src/types/index.js';
import {
  CASE_NO, CHAIN_ID, LOG_ORIGIN, MainChain, checkpointNote, court, logKey, logLeaves, platform, sideBlock, sideKeys, validatorA, validatorB,
  witnessVkeys, commitOf, SIDE_CHAIN_ID, SIDE_GENESIS_MS,
} from './fixture.js';
import { encodeVerifierKey } from '../../../src/checkpoint/index.js';

const S1 = sideKeys('set one', 3);
const set = S1.map((v) => ({ publicKey: toHex(v.publicKey), power: v.power }));

describe('the SDK\'s cross-chain txs', () => {
  it('register, update, record and freeze as the state rules expect', async () => {
    const chain = new MainChain();
    const common = (keyPair: typeof validatorA) => ({ chainId: CHAIN_ID, keyPair, nowMs: chain.at });
    const built = (tx: { bytes: Uint8Array }) => decodeTx(tx.bytes, chain.genesis.params.txBytesMax);
    const vote = async (opened: { hash: Uint8Array }) =>
      chain.commit([built(governanceVoteTx({ ...common(validatorB), proposalId: opened.hash, approve: true }))], chain.next());

    const side = foreignChainProposalTx({ ...common(validatorA), registration: { name: 'side', kind: 'tianping', chainId: SIDE_CHAIN_ID,
      trustingPeriodMs: 3_600_000, tianping: { genesisTimeMs: SIDE_GENESIS_MS, nextValidators: [...set].reverse() } } });
    await chain.commit([built(side)], chain.next());
    await vote(side);
    const log = foreignChainProposalTx({ ...common(validatorA), registration: { name: 'log', kind: 'c2sp-checkpoint', chainId: LOG_ORIGIN,
      trustingPeriodMs: 3_600_000, c2sp: { origin: LOG_ORIGIN, logKey: encodeVerifierKey('test-log', logKey.publicKey), witnessKeys: witnessVkeys,
        witnessQuorum: 2 } } });
    await chain.commit([built(log)], chain.next());
    await vote(log);
    await chain.openCase();

    const block = sideBlock(3, S1);
    const updateTx = foreignHeaderUpdateTx({ ...common(platform), name: 'side', header: block.header, commit: commitOf(block), nextValidators: set });
    const checkpoint = foreignCheckpointUpdateTx({ ...common(platform), name: 'log', checkpoint: checkpointNote(logLeaves('log', 3)) });
    const record = crossChainVerificationTx({ ...common(court), caseNo: CASE_NO, name: 'side', algorithm: 'sha256', digest: sha256(utf8('item')),
      valid: true, foreignHeight: 3, receiptDigest: toHex(sha256(utf8('receipt'))), platform: platform.publicKey });
    const result = await chain.commit([built(updateTx), built(checkpoint), built(record)], chain.next());
    expect(result.included).toHaveLength(3);
    expect((await readForeignChain(chain.view, 'side'))?.latestHeight).toBe(3);
    expect((await readForeignChain(chain.view, 'log'))?.latestHeight).toBe(3);

    const fork = sideBlock(5, S1, S1, { appHash: new Uint8Array(32).fill(5) });
    const honest = sideBlock(5, S1);
    const half = (b: typeof honest) => ({ header: b.header, commit: commitOf(b), nextValidators: set });
    await chain.commit([built(foreignMisbehaviourTx({ ...common(platform), name: 'side', first: half(honest), second: half(fork) }))], chain.next());
    expect((await readForeignChain(chain.view, 'side'))?.status).toBe('frozen');
  });
});
