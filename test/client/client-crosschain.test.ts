// The SDK's cross-chain reads (docs/crosschain.md §4–§5) against a main and a side node listening on
// loopback in the test process: the side chain is registered on the main chain by its validator, a
// side header above an anchor is relayed from the side's light block, and a court records its
// verdict under a case, all through TianpingClient; then each method is checked against what the
// nodes hold, with the node's refusals as ApiError codes and a malformed two-hop answer refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateOf } from '../../src/cli/commands/relay.js';
import { ApiError, ClientError, TianpingClient } from '../../src/client/client.js';
import { crossChainVerificationTx, foreignChainProposalTx, foreignHeaderUpdateTx } from '../../src/client/crosschain-tx.js';
import { receiptToJson } from '../../src/client/receipt-json.js';
import { buildAnchorTx } from '../../src/client/tx.js';
import { verifyTwoHopReceipt } from '../../src/client/two-hop-verify.js';
import { sha256 } from '../../src/crypto/index.js';
import { toHex, utf8 } from '../../src/types/index.js';
import type { CaseNode } from '../helpers/case-node.js';
import { SIDE_CHAIN, mainChain, sideChain, sideValidator, startMain, startSide, type MainNode } from '../helpers/crosschain-nodes.js';
import { CASE_NO, CHAIN_ID, CaseChain, DOCUMENT, court, platform, terms, validatorA } from '../state/cases/fixture.js';

const ANCHORED = sha256(utf8('a delivery note anchored on the side chain'));
const NEVER_ANCHORED = sha256(utf8('a file nobody anchored'));

let side: CaseNode;
let main: MainNode;
let mainClient: TianpingClient;
let sideClient: TianpingClient;
/** Before any relay: the two-hop route's answer then. */
let beforeRelay: unknown;
let anchorHeight = 0;
let relayedHeight = 0;

async function commit(client: TianpingClient, bytes: Uint8Array): Promise<number> {
  const result = await client.submit(bytes, { wait: 'commit' });
  if (result.status !== 'committed') throw new Error(`not committed: ${JSON.stringify(result)}`);
  return result.height;
}

/** The code of the ApiError (or ClientError) a call rejects with. */
async function codeOf(call: Promise<unknown>): Promise<string> {
  const error = await call.then(() => undefined, (e: unknown) => e);
  if (error instanceof ApiError || error instanceof ClientError) return error.code;
  throw new Error(`expected an ApiError or ClientError, got ${String(error)}`);
}

beforeAll(async () => {
  side = await startSide();
  main = await startMain(mainChain, { side: side.url }, true);
  mainClient = new TianpingClient(main.url);
  sideClient = new TianpingClient(side.url);
  anchorHeight = await commit(sideClient, buildAnchorTx({ chainId: SIDE_CHAIN, keyPair: platform, digest: ANCHORED, algorithm: 'sha256',
    category: 'notarial' }).bytes);
  // A later side block, so that a header above the anchor can be recorded.
  await commit(sideClient, buildAnchorTx({ chainId: SIDE_CHAIN, keyPair: platform, digest: sha256(utf8('later')), algorithm: 'sha256',
    category: 'notarial' }).bytes);
  await commit(mainClient, foreignChainProposalTx({ chainId: CHAIN_ID, keyPair: validatorA, registration: { name: 'side', kind: 'tianping',
    chainId: SIDE_CHAIN, trustingPeriodMs: 10 * 86_400_000, tianping: { genesisTimeMs: Number(sideChain.json['genesisTimeMs']),
      nextValidators: [{ publicKey: sideValidator.publicKey, power: 10 }] } } }).bytes);
  beforeRelay = await mainClient.twoHopReceipt('side', ANCHORED).then(() => 'answered', (e: unknown) => e);
  // One relay round, as `tianping relay --once` does: the side's tip with its light block.
  relayedHeight = side.core.status().latestHeight;
  const block = await fetch(`${side.url}/v1/light-blocks/${relayedHeight}?since=0`);
  expect(block.status).toBe(200);
  await commit(mainClient, foreignHeaderUpdateTx({ chainId: CHAIN_ID, keyPair: platform,
    ...updateOf('side', await block.json() as Parameters<typeof updateOf>[1]) }).bytes);
  const caseTxs = new CaseChain(mainChain.genesis);
  await commit(mainClient, caseTxs.anchorTx(DOCUMENT, Date.now()).bytes);
  await commit(mainClient, caseTxs.createTx(terms([{ amountFen: 100_000, dueAtMs: Date.now() + 3_600_000 }]), Date.now()).bytes);
});

afterAll(async () => {
  await main?.stop();
  await side?.stop();
});

describe('foreign chains', () => {
  it('lists the registered chain with its standing and newest trusted height', async () => {
    const { atMs, chains } = await mainClient.foreignChains();
    expect(chains).toHaveLength(1);
    expect(chains[0]).toMatchObject({ name: 'side', kind: 'tianping', chainId: SIDE_CHAIN, standing: 'active', epoch: 0,
      latestHeight: relayedHeight, updates: 1, frozenHeight: 0 });
    expect(Date.parse(chains[0]!.expiresAt)).toBe(chains[0]!.expiresAtMs);
    expect(chains[0]!.expiresAtMs).toBeGreaterThan(atMs);
  });

  it('shows one chain with its anchor and trusted headers, newest first; an unknown name is FOREIGN_CHAIN_UNKNOWN', async () => {
    const chain = await mainClient.foreignChain('side');
    expect(chain.trustedHeaders.map((h) => h.height)).toEqual([relayedHeight, 0]);
    expect(chain.anchor.tianping?.nextValidators).toEqual([{ publicKey: toHex(sideValidator.publicKey), power: 10 }]);
    expect(chain.freeze).toBeUndefined();
    expect(chain.trustedHeaders[0]!.hash).toBe((await sideClient.headers(relayedHeight)).hash);
    expect(await codeOf(mainClient.foreignChain('nowhere'))).toBe('FOREIGN_CHAIN_UNKNOWN');
  });
});

describe('verifyForeign', () => {
  it('checks a side receipt given as the SDK\'s Receipt or as its JSON form, with the same verdict', async () => {
    const receipt = await sideClient.receipt(ANCHORED);
    const verdict = await mainClient.verifyForeign('side', receipt);
    expect(verdict).toMatchObject({ chain: 'side', kind: 'tianping', standing: 'active', valid: true, foreignHeight: anchorHeight,
      digest: toHex(ANCHORED), platform: toHex(platform.publicKey), algorithm: 'sha256' });
    expect(verdict.checks[0]!.id).toBe('chain');
    expect(verdict.checks.every((c) => c.ok)).toBe(true);
    const json = receiptToJson(receipt) as unknown as Readonly<Record<string, unknown>>;
    expect(await mainClient.verifyForeign('side', json)).toEqual(verdict);
  });

  it('answers a failed check as a verdict, and refusals as ApiError codes', async () => {
    const receipt = await sideClient.receipt(ANCHORED);
    const wrong = await mainClient.verifyForeign('side', receipt, { digest: NEVER_ANCHORED });
    expect(wrong).toMatchObject({ valid: false, failedCheck: 'item-digest', platform: '' });
    expect(wrong.skipped?.length).toBeGreaterThan(0);
    expect(await codeOf(mainClient.verifyForeign('nowhere', receipt))).toBe('FOREIGN_CHAIN_UNKNOWN');
    expect(await codeOf(mainClient.verifyForeign('side', { version: 1 }))).toBe('FOREIGN_RECEIPT_MALFORMED');
  });
});

describe('verification records', () => {
  it('reads a case\'s records and the counts with a case reader\'s signature; others are refused', async () => {
    const verdict = await mainClient.verifyForeign('side', await sideClient.receipt(ANCHORED));
    await commit(mainClient, crossChainVerificationTx({ chainId: CHAIN_ID, keyPair: court, caseNo: CASE_NO, name: 'side', algorithm: 'sha256',
      digest: verdict.digest, valid: verdict.valid, foreignHeight: verdict.foreignHeight, receiptDigest: verdict.receiptDigest,
      platform: verdict.platform }).bytes);

    const reader = new TianpingClient(main.url, { signer: court });
    const records = await reader.caseVerifications(CASE_NO);
    expect(records.caseNo).toBe(CASE_NO);
    expect(records.verifications).toHaveLength(1);
    expect(records.verifications[0]).toMatchObject({ seq: 0, chain: 'side', valid: true, failedCheck: '', digest: toHex(ANCHORED),
      receiptDigest: verdict.receiptDigest, court: toHex(court.publicKey), chainStanding: 'active', platformStanding: 'active',
      foreignHeight: anchorHeight, chainLatestHeight: relayedHeight });
    expect(Date.parse(records.verifications[0]!.time)).toBe(records.verifications[0]!.timeMs);
    expect(records.counts).toEqual([{ chain: 'side', total: 1, valid: 1, invalid: 0 }]);
    expect(await reader.crossChainCounts()).toEqual({ chains: [{ chain: 'side', total: 1, valid: 1, invalid: 0 }],
      cases: [{ caseNo: CASE_NO, total: 1, valid: 1, invalid: 0 }] });
    expect(await codeOf(reader.caseVerifications('NO-SUCH-CASE'))).toBe('CASE_UNKNOWN');

    // They name cases: unsigned, or signed by a platform, they are refused.
    expect(await codeOf(mainClient.caseVerifications(CASE_NO))).toBe('AUTH_REQUIRED');
    expect(await codeOf(mainClient.crossChainCounts())).toBe('AUTH_REQUIRED');
    expect(await codeOf(new TianpingClient(main.url, { signer: platform }).crossChainCounts())).toBe('AUTH_FORBIDDEN');
  });
});

describe('twoHopReceipt', () => {
  it('fetches a two-hop receipt that verifies offline from the main genesis, for a digest as bytes or hex', async () => {
    const receipt = await mainClient.twoHopReceipt('side', ANCHORED);
    expect(receipt).toMatchObject({ kind: 'two-hop', version: 1, chainId: CHAIN_ID, name: 'side' });
    const verification = verifyTwoHopReceipt(receipt, { fileDigest: ANCHORED }, mainChain.genesis);
    expect(verification.valid ? '' : verification.reason).toBe('');
    if (!verification.valid) return;
    expect(verification.receipt.item.height).toBe(anchorHeight);
    expect(verification.receipt.sideHeader.height).toBe(relayedHeight);
    expect(await mainClient.twoHopReceipt('side', toHex(ANCHORED).toUpperCase(), 'sha256')).toEqual(receipt);
  });

  it('passes on the node\'s refusals, and refuses an answer that is not a two-hop receipt', async () => {
    expect(beforeRelay instanceof ApiError ? beforeRelay.code : beforeRelay).toBe('FOREIGN_NOT_CHECKPOINTED');
    expect(await codeOf(mainClient.twoHopReceipt('side', NEVER_ANCHORED))).toBe('EVIDENCE_NOT_FOUND');
    expect(await codeOf(mainClient.twoHopReceipt('nowhere', ANCHORED))).toBe('FOREIGN_CHAIN_UNKNOWN');
    // A node (or a proxy) that answers the receipt without its checkpoint: the SDK's strict reader refuses it.
    const truncating: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const { checkpoint: _dropped, ...rest } = await response.json() as Record<string, unknown>;
      return new Response(JSON.stringify(rest), { status: response.status, headers: { 'content-type': 'application/json' } });
    };
    const error = await new TianpingClient(main.url, { fetch: truncating }).twoHopReceipt('side', ANCHORED).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientError);
    expect((error as ClientError).code).toBe('RESPONSE_INVALID');
    expect((error as ClientError).message).toContain('checkpoint');
  });
});
