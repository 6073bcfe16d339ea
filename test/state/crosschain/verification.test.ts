// The courts' verification records (docs/crosschain.md §4) through executeBlock: who may record,
// the case and chain they name, the fields, the chain's standing; what state adds to the record;
// and the whole cross-chain scenario executed twice, giving the same app hashes.
import { describe, expect, it } from 'vitest';
import { allForeignChains, allVerifications, verificationsOfCase } from '../../../src/state/crosschain/index.js';
import type { ScannableState } from '../../../src/state/view.js';
import { toHex, utf8 } from '../../../src/types/index.js';
import { sha256 } from '../../../src/crypto/hash.js';
import {
  CASE_NO, MainChain, c2spRegistration, checkpointNote, court, creditor, expectRefused, logLeaves, platform, sideBlock, sideKeys,
  tianpingRegistration, update,
} from './fixture.js';

const NAME = 'side-1';
const S1 = sideKeys('set one', 3);
const DIGEST = sha256(utf8('the contract anchored on the side chain'));
const RECEIPT = sha256(utf8('the side receipt bytes'));

function scannable(chain: MainChain): ScannableState {
  const entries = chain.view.entries;
  return {
    get: (key) => Promise.resolve(entries.get(key)),
    async *entries(prefix) {
      for (const key of [...entries.keys()].filter((k) => k.startsWith(prefix)).sort()) yield [key, entries.get(key)!];
    },
  };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

async function chainWithCase(): Promise<MainChain> {
  const chain = new MainChain();
  await chain.register(tianpingRegistration(NAME, S1));
  await chain.openCase();
  return chain;
}

const verification = (fields: Record<string, unknown> = {}) => ({
  caseNo: CASE_NO, name: NAME, algorithm: 1, digest: DIGEST, valid: true, failedCheck: '', foreignHeight: 3, receiptDigest: RECEIPT,
  platform: platform.publicKey, ...fields,
});
const recordTx = (chain: MainChain, fields: Record<string, unknown> = {}, signer = court) =>
  chain.tx(signer, { crossChainVerification: verification(fields) }, chain.at + 1_000);

describe('a cross-chain verification record', () => {
  it('is recorded for a court, under its case in order, with the chain\'s and the platform\'s standing', async () => {
    const chain = await chainWithCase();
    const first = recordTx(chain);
    await chain.commit([first, recordTx(chain, { valid: false, failedCheck: 'commit', platform: creditor.publicKey.slice().fill(3) })], chain.next());
    const records = await collect(verificationsOfCase(scannable(chain), CASE_NO));
    expect(records.map((r) => [r.verification?.valid, r.chainStanding, r.platformStanding, r.chainLatestHeight])).toEqual([
      [true, 'active', 'active', 0], [false, 'active', 'not-member', 0],
    ]);
    expect(records[0]).toMatchObject({ height: chain.height, timeMs: chain.at });
    expect(toHex(records[0]!.court)).toBe(toHex(court.publicKey));
    expect(toHex(records[0]!.txHash)).toBe(first.id);
    expect(await collect(allVerifications(scannable(chain)))).toHaveLength(2);
    expect(await collect(verificationsOfCase(scannable(chain), 'another case'))).toEqual([]);
    expect((await collect(allForeignChains(scannable(chain)))).map((r) => r.registration?.name)).toEqual([NAME]);
  });

  it('refuses a signer that is no court, an unknown case or chain, and bad fields, writing nothing', async () => {
    const chain = await chainWithCase();
    await expectRefused(chain, recordTx(chain, {}, creditor), 'SIGNER_NOT_MEMBER', chain.next());
    await expectRefused(chain, recordTx(chain, { caseNo: '(2026)京0491民初9999号' }), 'CASE_UNKNOWN', chain.next());
    await expectRefused(chain, recordTx(chain, { name: 'unknown' }), 'FOREIGN_CHAIN_UNKNOWN', chain.next());
    const bad: Record<string, unknown>[] = [
      { digest: DIGEST.slice(1) }, { algorithm: 3 }, { failedCheck: 'header' }, { valid: false }, { valid: false, failedCheck: 'x'.repeat(65) },
      { platform: new Uint8Array(5) }, { receiptDigest: new Uint8Array() },
    ];
    for (const fields of bad) await expectRefused(chain, recordTx(chain, fields), 'CROSSCHAIN_VERIFICATION_INVALID', chain.next());
  });

  it('refuses a valid verdict against a frozen or an expired chain, and records the invalid one with that standing', async () => {
    const chain = await chainWithCase();
    const fork = sideBlock(4, S1, S1, { appHash: new Uint8Array(32).fill(2) });
    await chain.commit([chain.tx(platform, { foreignMisbehaviour: { name: NAME, first: update(NAME, sideBlock(4, S1)), second: update(NAME, fork) } },
      chain.at + 1_000)], chain.next());
    await expectRefused(chain, recordTx(chain), 'FOREIGN_CHAIN_FROZEN', chain.next());
    await chain.commit([recordTx(chain, { valid: false, failedCheck: 'chain' })], chain.next());
    const [record] = await collect(verificationsOfCase(scannable(chain), CASE_NO));
    expect(record?.chainStanding).toBe('frozen');

    const other = await chainWithCase();
    other.at += 3_600_000;
    await expectRefused(other, recordTx(other), 'FOREIGN_CHAIN_EXPIRED', other.next());
  });
});

describe('determinism', () => {
  /** Registration, updates, a log's checkpoints, records and a freeze: the app hash of every block. */
  async function scenario(): Promise<string[]> {
    const chain = new MainChain();
    const hashes: string[] = [];
    const commit = async (txs: Parameters<MainChain['commit']>[0]) => hashes.push(toHex((await chain.commit(txs, chain.next())).appHash));
    await chain.register(tianpingRegistration(NAME, S1));
    await chain.register(c2spRegistration('ct-log', { quorum: 1 }));
    await chain.openCase();
    await commit([chain.tx(platform, { foreignHeaderUpdate: update(NAME, sideBlock(3, S1)) }, chain.at + 1_000)]);
    const leaves = logLeaves('log', 4);
    await commit([chain.tx(platform, { foreignCheckpointUpdate: { name: 'ct-log', checkpoint: checkpointNote(leaves) } }, chain.at + 1_000),
      recordTx(chain)]);
    await commit([chain.tx(platform, { foreignCheckpointUpdate: { name: 'ct-log', checkpoint: checkpointNote(logLeaves('fork', 4)) } },
      chain.at + 1_000)]);
    hashes.push(toHex(chain.view.entries.get('meta/app-hash')!));
    return hashes;
  }

  it('gives the same app hashes on two executions of the same blocks', async () => {
    const one = await scenario();
    const two = await scenario();
    expect(one).toEqual(two);
    expect(new Set(one).size).toBe(one.length - 1);
  });
});
