// Receipts of version 2 served by a node (GET /v1/evidence/:digest/receipt?trusted=H) over a ledger
// built in process: an anchor proved against a header 1,000 heights newer verifies with its hash
// alone, no validator set given; a backdated fork signed by the genesis keys (a set that, in the
// story, retired long ago) verifies from the genesis as version 1 does, and is refused by a verifier
// holding the real chain's newer header. Also the route's stable codes and the proof's read budget.
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/index.js';
import { decodeReceipt, type Receipt } from '../../src/client/receipt.js';
import { parseReceiptJson } from '../../src/client/receipt-json.js';
import { verifyReceipt, type HeaderHashTrust, type ReceiptEvidence } from '../../src/client/receipt-verify.js';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import { NodeVerifier } from '../../src/crypto/index.js';
import { Ledger, MemStorage } from '../../src/ledger/index.js';
import { Mempool } from '../../src/mempool/index.js';
import { inclusionProof } from '../../src/merkle/index.js';
import { NodeCore } from '../../src/node/index.js';
import { ReadModel } from '../../src/read/index.js';
import { HistoryTree } from '../../src/read/history.js';
import { asTimeMs, toHex, type Clock } from '../../src/types/index.js';
import { buildAndCommit, type BuilderComponents } from '../helpers/block-builder.js';
import { GENESIS_TIME_MS, anchorTxBytes, digestOf, makeTestChain } from '../helpers/chain.js';

const chain = makeTestChain();
const verifier = new NodeVerifier();
const ANCHOR_HEIGHT = 2;
const TRUSTED_HEIGHT = ANCHOR_HEIGHT + 1_000;
const BLOCK_INTERVAL_MS = 1_000;
const digest = digestOf('contract signed on the first day');
const evidence: ReceiptEvidence = { fileDigest: digest };

/** A ledger of `heights` blocks from the test genesis, with the anchor in block ANCHOR_HEIGHT at `anchorTimeMs`. */
async function ledgerWith(heights: number, anchorTimeMs: number): Promise<Ledger> {
  const ledger = await Ledger.open(new MemStorage(), chain.genesis, chain.genesisHash);
  const clock: Clock = { nowMs: () => asTimeMs(anchorTimeMs) };
  const mempool = new Mempool({ chainId: chain.genesis.chainId, params: chain.genesis.params, verifier, clock, state: ledger.state },
    { txsMax: 100, bytesMax: 1 << 20 });
  const builder: BuilderComponents = { genesis: chain.genesis, ledger, mempool, verifier, key: chain.validator, validatorIndex: 0 };
  for (let height = 1; height <= heights; height++) {
    if (height === ANCHOR_HEIGHT) {
      await mempool.add(anchorTxBytes(chain, digest, { expiresAtMs: anchorTimeMs + 3_600_000 }));
      await buildAndCommit(builder, height, anchorTimeMs);
    } else {
      await buildAndCommit(builder, height, anchorTimeMs + (height - ANCHOR_HEIGHT) * BLOCK_INTERVAL_MS);
    }
  }
  return ledger;
}

const REAL_ANCHOR_TIME_MS = GENESIS_TIME_MS + 86_400_000;
let real: Ledger;
let core: NodeCore;
let app: FastifyInstance;
let trust: HeaderHashTrust;

beforeAll(async () => {
  real = await ledgerWith(TRUSTED_HEIGHT, REAL_ANCHOR_TIME_MS);
  core = new NodeCore({
    genesis: chain.genesis, ledger: real, key: chain.validator, verifier, clock: { nowMs: () => asTimeMs(REAL_ANCHOR_TIME_MS) },
    logger: pino({ level: 'silent' }), moniker: 'test', version: 'test', mempool: { txsMax: 100, bytesMax: 8 << 20 },
    consensus: { ...DEFAULT_CONFIG.consensus },
  });
  app = await buildApp(core, { bodyBytesMax: 4 << 20, commitWaitMsMax: 5_000, evidencePageMax: 100, logger: false, version: 'test',
    signatureWindowMs: 300_000 });
  trust = { chainId: chain.genesis.chainId, trustedHeaderHash: toHex((await real.header(TRUSTED_HEIGHT))!.hash) };
}, 120_000);
afterAll(async () => {
  await app.close();
});

async function served(query: string, accept?: string): Promise<{ status: number; body: string; raw: Buffer; code?: string }> {
  const response = await app.inject({ method: 'GET', url: `/v1/evidence/${toHex(digest)}/receipt${query}`,
    ...(accept === undefined ? {} : { headers: { accept } }) });
  const code = response.statusCode === 200 ? undefined : (response.json() as { code: string }).code;
  return { status: response.statusCode, body: response.body, raw: response.rawPayload, ...(code === undefined ? {} : { code }) };
}

describe('a receipt proved against a trusted header 1,000 heights newer', () => {
  it('verifies with the header hash alone: no validator set, no commit, no set change', async () => {
    const response = await served(`?trusted=${TRUSTED_HEIGHT}`);
    expect(response.status, response.body).toBe(200);
    const receipt = parseReceiptJson(response.body);
    expect(receipt.version).toBe(2);
    expect(receipt.commit.length).toBe(0);
    expect(receipt.setChanges).toEqual([]);
    expect(receipt.trusted!.historyProof).toMatchObject({ leafIndex: ANCHOR_HEIGHT - 1, treeSize: TRUSTED_HEIGHT - 1 });
    const result = verifyReceipt(receipt, evidence, trust);
    expect(result.valid, result.valid ? '' : `${result.failed}: ${result.reason}`).toBe(true);
    if (!result.valid) return;
    expect(result.receipt).toMatchObject({ height: ANCHOR_HEIGHT, blockTimeMs: REAL_ANCHOR_TIME_MS, trustHeight: TRUSTED_HEIGHT });
    // The same bytes in protobuf.
    const bytes = await served(`?trusted=${TRUSTED_HEIGHT}`, 'application/x-protobuf');
    expect(verifyReceipt(decodeReceipt(bytes.raw), evidence, trust).valid).toBe(true);
  });

  it('the proof is the RFC 6962 audit path over every block hash below H, with and without kept group roots', async () => {
    const hashes: Uint8Array[] = [];
    for (let h = 1; h < TRUSTED_HEIGHT; h++) hashes.push((await real.header(h))!.hash);
    for (const height of [1, ANCHOR_HEIGHT, 256, 257, 513, TRUSTED_HEIGHT - 1]) {
      const expected = inclusionProof(hashes, height - 1).map(toHex);
      expect((await new HistoryTree(real).inclusion(height, TRUSTED_HEIGHT)).map(toHex), `height ${height}`).toEqual(expected);
    }
  });

  it('a cold proof past the read budget answers HISTORY_PROOF_BUSY, and retries finish it with the groups kept', async () => {
    const cold = new HistoryTree({ header: real.header.bind(real), tip: real.tip }, 800);
    let busy = 0;
    let proof: Uint8Array[] | undefined;
    while (proof === undefined && busy < 10) {
      try {
        proof = await cold.inclusion(ANCHOR_HEIGHT, TRUSTED_HEIGHT);
      } catch (error) {
        expect(error).toMatchObject({ code: 'HISTORY_PROOF_BUSY' });
        busy++;
      }
    }
    expect(busy).toBeGreaterThan(0);
    expect(proof?.map(toHex)).toEqual((await new HistoryTree(real).inclusion(ANCHOR_HEIGHT, TRUSTED_HEIGHT)).map(toHex));
  });

  it('answers stable codes for a trusted height that is not committed, not above the anchor, or not a height', async () => {
    expect(await served(`?trusted=${TRUSTED_HEIGHT + 1}`)).toMatchObject({ status: 404, code: 'TRUSTED_HEIGHT_UNKNOWN' });
    expect(await served(`?trusted=${ANCHOR_HEIGHT}`)).toMatchObject({ status: 422, code: 'TRUSTED_HEIGHT_NOT_ABOVE' });
    expect(await served('?trusted=1')).toMatchObject({ status: 422, code: 'TRUSTED_HEIGHT_NOT_ABOVE' });
    for (const bad of ['0', '-3', 'abc', '1.5']) expect({ bad, ...(await served(`?trusted=${bad}`)) }).toMatchObject({ bad, status: 400, code: 'REQUEST_INVALID' });
    expect((await served(`?trusted=${ANCHOR_HEIGHT + 1}`)).status).toBe(200);
  });
});

describe('a backdated fork signed by a retired set', () => {
  it('verifies from the genesis alone, and is refused against the real chain\'s newer trusted header', async () => {
    // The genesis keys sign a second chain from the same genesis, the anchor a day earlier than on the real chain.
    const backdatedMs = REAL_ANCHOR_TIME_MS - 86_400_000 + 5_000;
    const fork = await ledgerWith(ANCHOR_HEIGHT + 3, backdatedMs);
    const forkRead = new ReadModel(fork);
    const v1 = parseReceiptJson(JSON.stringify((await forkRead.receipt(digest, 'sha256')).json));
    const fromGenesis = verifyReceipt(v1, evidence, chain.genesis);
    expect(fromGenesis.valid).toBe(true);
    if (fromGenesis.valid) expect(fromGenesis.receipt.blockTimeMs).toBe(backdatedMs);

    // Given with the real chain's trusted header hash, none of the forger's receipts passes.
    const verdict = (receipt: Receipt): string => {
      const result = verifyReceipt(receipt, evidence, trust);
      return result.valid ? 'valid' : result.failed;
    };
    expect(verdict(v1)).toBe('format');
    const forkV2 = parseReceiptJson(JSON.stringify((await forkRead.receipt(digest, 'sha256', undefined, ANCHOR_HEIGHT + 3)).json));
    expect(verifyReceipt(forkV2, evidence, { ...trust, trustedHeaderHash: toHex((await fork.header(ANCHOR_HEIGHT + 3))!.hash) }).valid)
      .toBe(true);
    expect(verdict(forkV2)).toBe('trusted-header');
    // The forged block under the real header H, with the real proof of the real block at that height.
    const realV2 = parseReceiptJson((await served(`?trusted=${TRUSTED_HEIGHT}`)).body);
    expect(verdict({ ...forkV2, trusted: realV2.trusted! })).toBe('history-inclusion');
  });
});
