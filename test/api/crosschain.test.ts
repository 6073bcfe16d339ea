// The cross-chain routes on two production node cores: a side chain (one validator, a platform that
// anchors, its API listening on loopback) and a main chain (the judgment-contract test chain: a
// validator, a court, a platform) whose validator registers the side chain by governance and that
// composes two-hop receipts from the side node. Headers are relayed as `tianping relay` does, from
// the side's light blocks; the frozen and expired chains and the transparency log are registered
// beside it with the state tests' foreign fixtures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { updateOf } from '../../src/cli/commands/relay.js';
import { buildAnchorTx } from '../../src/client/tx.js';
import { governanceVoteTx, joinRequestTx } from '../../src/client/governance.js';
import {
  crossChainVerificationTx, foreignChainProposalTx, foreignHeaderUpdateTx, foreignMisbehaviourTx, type ForeignChainRegistrationParams,
} from '../../src/client/crosschain-tx.js';
import { receiptFromJson } from '../../src/client/receipt-json.js';
import { verifyTwoHopReceipt } from '../../src/client/two-hop-verify.js';
import { parseTwoHopReceiptJson } from '../../src/client/two-hop.js';
import { keyPairFromSeed, sha256, type KeyPair } from '../../src/crypto/index.js';
import { MerkleBuilder } from '../../src/merkle/index.js';
import { toBase64, toHex, utf8, type ErrorCode } from '../../src/types/index.js';
import type { CaseNode } from '../helpers/case-node.js';
import { SIDE_CHAIN, mainChain, sideChain, sideValidator, startMain, startSide, type MainNode } from '../helpers/crosschain-nodes.js';
import { CASE_NO, CHAIN_ID, CaseChain, DOCUMENT, court, platform, terms, validatorA } from '../state/cases/fixture.js';
import { c2spRegistration, checkpointNote, commitOf, logLeaves, setMsg, sideBlock, sideKeys } from '../state/crosschain/fixture.js';
import { injectSigned } from './signed.js';

const keyOf = (label: string): KeyPair => keyPairFromSeed(sha256(utf8(`crosschain api test ${label}`)));
const ANCHORED = sha256(utf8('a contract anchored on the side chain'));
const caseTxs = new CaseChain(mainChain.genesis);

let side: CaseNode;
let main: MainNode;

async function submit(app: FastifyInstance, bytes: Uint8Array): Promise<LightMyRequestResponse> {
  const response = await app.inject({ method: 'POST', url: '/v1/txs?wait=commit', payload: Buffer.from(bytes),
    headers: { 'content-type': 'application/x-protobuf' } });
  expect(response.statusCode, response.body).toBe(200);
  return response;
}

const sideSet = [{ publicKey: sideValidator.publicKey, power: 10 }];

/** The side's light block at its tip since T, submitted as a relay tx; returns the relayed height. */
async function relay(since: number): Promise<number> {
  const tip = side.core.status().latestHeight;
  const block = await side.app!.inject({ url: `/v1/light-blocks/${tip}?since=${since}` });
  expect(block.statusCode, block.body).toBe(200);
  await submit(main.app, foreignHeaderUpdateTx({ chainId: CHAIN_ID, keyPair: platform, ...updateOf('side', block.json()) }).bytes);
  return tip;
}

function expectProblem(response: LightMyRequestResponse, status: number, code: ErrorCode): void {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toContain('application/problem+json');
  expect(response.json<{ code: string }>().code).toBe(code);
}

const verify = (body: Record<string, unknown>): Promise<LightMyRequestResponse> =>
  main.app.inject({ method: 'POST', url: '/v1/crosschain/verify', payload: body });

let relayedHeight = 0;
let anchorHeight = 0;

beforeAll(async () => {
  side = await startSide();
  main = await startMain(mainChain, { side: side.url });
  const anchor = buildAnchorTx({ chainId: SIDE_CHAIN, keyPair: platform, digest: ANCHORED, algorithm: 'sha256', category: 'notarial' });
  anchorHeight = (await submit(side.app!, anchor.bytes)).json<{ height: number }>().height;
  // A later side block, so that a header above the anchor can be recorded.
  await submit(side.app!, buildAnchorTx({ chainId: SIDE_CHAIN, keyPair: platform, digest: sha256(utf8('later')), algorithm: 'sha256',
    category: 'notarial' }).bytes);
  const now = Date.now();
  await submit(main.app, foreignChainProposalTx({ chainId: CHAIN_ID, keyPair: validatorA, registration: { name: 'side', kind: 'tianping',
    chainId: SIDE_CHAIN, trustingPeriodMs: 10 * 86_400_000, tianping: { genesisTimeMs: Number(sideChain.json['genesisTimeMs']),
      nextValidators: sideSet } } }).bytes);
  await submit(main.app, foreignChainProposalTx({ chainId: CHAIN_ID, keyPair: validatorA, registration: { name: 'stale', kind: 'tianping',
    chainId: 'stale-chain', trustingPeriodMs: 60_000, tianping: { genesisTimeMs: now - 86_400_000, nextValidators: sideSet } } }).bytes);
  const log = c2spRegistration('log') as { chainId: string; trustingPeriodMs: number; c2sp: NonNullable<ForeignChainRegistrationParams['c2sp']> };
  await submit(main.app, foreignChainProposalTx({ chainId: CHAIN_ID, keyPair: validatorA, registration: { name: 'log', kind: 'c2sp-checkpoint',
    chainId: log.chainId, trustingPeriodMs: log.trustingPeriodMs, c2sp: log.c2sp } }).bytes);
  relayedHeight = await relay(0);
  // The case the verification records go under.
  await submit(main.app, caseTxs.anchorTx(DOCUMENT, Date.now()).bytes);
  await submit(main.app, caseTxs.createTx(terms([{ amountFen: 100_000, dueAtMs: Date.now() + 3_600_000 }]), Date.now()).bytes);
});

afterAll(async () => {
  await main?.stop();
  await side?.stop();
});

describe('GET /v1/crosschain/chains', () => {
  it('lists every registered chain with its standing at the newest block time', async () => {
    const response = await main.app.inject({ url: '/v1/crosschain/chains' });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<{ atMs: number; chains: { name: string; standing: string; kind: string; latestHeight: number; expiresAt: string }[] }>();
    expect(body.chains.map((c) => [c.name, c.kind, c.standing])).toEqual([
      ['log', 'c2sp-checkpoint', 'active'], ['side', 'tianping', 'active'], ['stale', 'tianping', 'expired']]);
    expect(body.chains[1]!.latestHeight).toBe(relayedHeight);
    expect(Date.parse(body.chains[1]!.expiresAt)).toBeGreaterThan(body.atMs);
  });

  it('shows one chain with its trusted headers, newest first; an unknown name is FOREIGN_CHAIN_UNKNOWN', async () => {
    const response = await main.app.inject({ url: '/v1/crosschain/chains/side' });
    expect(response.statusCode, response.body).toBe(200);
    const chain = response.json<{ trustedHeaders: { height: number; hash: string }[]; anchor: { tianping?: { nextValidators: unknown[] } } }>();
    expect(chain.trustedHeaders.map((h) => h.height)).toEqual([relayedHeight, 0]);
    expect(chain.anchor.tianping?.nextValidators).toEqual([{ publicKey: toHex(sideValidator.publicKey), power: 10 }]);
    expectProblem(await main.app.inject({ url: '/v1/crosschain/chains/nowhere' }), 404, 'FOREIGN_CHAIN_UNKNOWN');
  });
});

describe('GET /v1/light-blocks/:height', () => {
  it('serves the header, commit and next set of a committed height; beyond the tip is BLOCK_NOT_FOUND', async () => {
    const response = await side.app!.inject({ url: `/v1/light-blocks/${relayedHeight}?since=0` });
    expect(response.statusCode).toBe(200);
    const block = response.json<{ header: { hex: string }; nextValidators: unknown[]; setChanges: unknown[] }>();
    expect(block.nextValidators).toEqual([{ publicKey: toHex(sideValidator.publicKey), power: 10 }]);
    expect(block.setChanges).toEqual([]);
    expectProblem(await side.app!.inject({ url: '/v1/light-blocks/999999' }), 404, 'BLOCK_NOT_FOUND');
    expectProblem(await side.app!.inject({ url: '/v1/light-blocks/0' }), 400, 'HEIGHT_INVALID');
  });
});

describe('POST /v1/crosschain/verify', () => {
  const sideReceipt = async (query = ''): Promise<Record<string, unknown>> =>
    (await side.app!.inject({ url: `/v1/evidence/${toHex(ANCHORED)}/receipt${query}` })).json();

  it('verifies a version 1 receipt from the newest recorded header at or below its block, chain check first', async () => {
    const response = await verify({ chain: 'side', receipt: await sideReceipt() });
    expect(response.statusCode, response.body).toBe(200);
    const verdict = response.json<{ valid: boolean; checks: { id: string }[]; foreignHeight: number; digest: string; platform: string;
      receiptDigest: string }>();
    expect(verdict.valid).toBe(true);
    expect(verdict.checks[0]!.id).toBe('chain');
    expect(verdict.checks.at(-1)!.id).toBe('commit-signatures');
    expect(verdict.foreignHeight).toBe(anchorHeight);
    expect(verdict.digest).toBe(toHex(ANCHORED));
    expect(verdict.platform).toBe(toHex(platform.publicKey));
    expect(verdict.receiptDigest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('verifies a version 2 receipt against a recorded header; one against a header not recorded fails trusted-header', async () => {
    const good = await verify({ chain: 'side', receipt: await sideReceipt(`?trusted=${relayedHeight}`) });
    expect(good.json<{ valid: boolean; trustHeight: number }>()).toMatchObject({ valid: true, trustHeight: relayedHeight });
    const tip = side.core.status().latestHeight;
    // A side header the main chain never recorded: the receipt may be right, but the light client cannot vouch for it.
    await submit(side.app!, buildAnchorTx({ chainId: SIDE_CHAIN, keyPair: platform, digest: sha256(utf8('newer')), algorithm: 'sha256',
      category: 'notarial' }).bytes);
    const bad = await verify({ chain: 'side', receipt: await sideReceipt(`?trusted=${tip + 1}`) });
    expect(bad.statusCode).toBe(200);
    expect(bad.json<{ valid: boolean; failedCheck: string }>()).toMatchObject({ valid: false, failedCheck: 'trusted-header' });
  });

  it('answers a receipt that fails a check with 200 and the failed check', async () => {
    const receipt = await sideReceipt();
    const response = await verify({ chain: 'side', receipt, digest: toHex(sha256(utf8('another file'))) });
    expect(response.statusCode).toBe(200);
    expect(response.json<{ valid: boolean; failedCheck: string }>()).toMatchObject({ valid: false, failedCheck: 'item-digest' });
  });

  it('refuses a receipt that does not decode, an unknown chain and an expired one', async () => {
    expectProblem(await verify({ chain: 'side', receipt: { format: 'tianping-receipt', version: 1 } }), 400, 'FOREIGN_RECEIPT_MALFORMED');
    expectProblem(await verify({ chain: 'nowhere', receipt: await sideReceipt() }), 404, 'FOREIGN_CHAIN_UNKNOWN');
    expectProblem(await verify({ chain: 'stale', receipt: await sideReceipt() }), 409, 'FOREIGN_CHAIN_EXPIRED');
    expectProblem(await verify({ chain: 'side' }), 400, 'REQUEST_INVALID');
  });

  it('verifies a log entry\'s inclusion against the registered log', async () => {
    const leaves = logLeaves('api', 5);
    const proof = new MerkleBuilder(leaves).proof(3).map(toHex);
    const receipt = { leafHash: toHex(leaves[3]!), index: 3, proof, checkpoint: checkpointNote(leaves) };
    const response = await verify({ chain: 'log', receipt });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<{ valid: boolean; foreignHeight: number; checks: { id: string }[] }>()).toMatchObject({ valid: true, foreignHeight: 5 });
    const wrong = await verify({ chain: 'log', receipt: { ...receipt, index: 2 } });
    expect(wrong.json<{ valid: boolean; failedCheck: string }>()).toMatchObject({ valid: false, failedCheck: 'inclusion' });
    expectProblem(await verify({ chain: 'log', receipt: { ...receipt, entry: toBase64(utf8('x')) } }), 400, 'FOREIGN_RECEIPT_MALFORMED');
  });
});

describe('version 1 receipts across a side validator-set change', () => {
  const anchorOnSide = async (label: string): Promise<{ digest: Uint8Array; height: number }> => {
    const digest = sha256(utf8(label));
    const response = await submit(side.app!, buildAnchorTx({ chainId: SIDE_CHAIN, keyPair: platform, digest, algorithm: 'sha256',
      category: 'notarial' }).bytes);
    return { digest, height: response.json<{ height: number }>().height };
  };
  const verifyV1 = async (digest: Uint8Array): Promise<{ valid: boolean; trustHeight: number; failedCheck?: string }> =>
    (await verify({ chain: 'side', receipt: (await side.app!.inject({ url: `/v1/evidence/${toHex(digest)}/receipt` })).json() })).json();

  it('checks from a recorded header with the set that signed it, before and after the change', async () => {
    const trusted = (await main.app.inject({ url: '/v1/crosschain/chains/side' })).json<{ latestHeight: number }>().latestHeight;
    // A second side validator of small power joins: the side chain still commits with the first alone.
    const joiner = keyOf('side joiner');
    const join = joinRequestTx({ chainId: SIDE_CHAIN, keyPair: joiner, name: 'side-val-1', organisation: 'side', role: 'validator', power: 1,
      evaluationReportDigest: sha256(utf8('report')) });
    await submit(side.app!, join.bytes);
    await submit(side.app!, governanceVoteTx({ chainId: SIDE_CHAIN, keyPair: sideValidator, proposalId: join.hash, approve: true }).bytes);
    const afterVote = await anchorOnSide('after the vote');
    const afterChange = await anchorOnSide('after the change');
    const validators = (await side.app!.inject({ url: `/v1/validators?height=${afterChange.height}` })).json<{ validators: unknown[] }>();
    expect(validators.validators).toHaveLength(2);
    // The newest recorded header is below the change: its set changes from there are walked.
    expect(await verifyV1(afterChange.digest)).toMatchObject({ valid: true, trustHeight: trusted });
    // Relayed past the change (the update carries it): a later receipt is checked from that header, with the new set.
    const newer = await relay(trusted);
    const later = await anchorOnSide('after the second relay');
    expect(await verifyV1(later.digest)).toMatchObject({ valid: true, trustHeight: newer });
    // The block of the relayed header itself is checked from that header (its bytes must be the recorded ones)...
    expect(newer).toBe(afterChange.height);
    expect(await verifyV1(afterChange.digest)).toMatchObject({ valid: true, trustHeight: newer });
    // ...and one below it from the recorded header below.
    expect(await verifyV1(afterVote.digest)).toMatchObject({ valid: true, trustHeight: trusted });
  });
});

describe('GET /v1/crosschain/:name/receipt', () => {
  it('composes a two-hop receipt that verifies offline from the main genesis', async () => {
    const response = await main.app.inject({ url: `/v1/crosschain/side/receipt?digest=${toHex(ANCHORED)}` });
    expect(response.statusCode, response.body).toBe(200);
    const receipt = parseTwoHopReceiptJson(response.json<object>());
    const verdict = verifyTwoHopReceipt(receipt, { fileDigest: ANCHORED }, mainChain.genesis);
    expect(verdict.valid, JSON.stringify(verdict.checks.filter((c) => !c.ok))).toBe(true);
    expect(receiptFromJson(response.json<{ side: unknown }>().side).trusted).toBeDefined();
  });

  it('answers FOREIGN_NOT_CHECKPOINTED, EVIDENCE_NOT_FOUND, FOREIGN_SOURCE_UNAVAILABLE and the chain codes', async () => {
    // An anchor above every recorded header.
    const later = sha256(utf8('not yet checkpointed'));
    await submit(side.app!, buildAnchorTx({ chainId: SIDE_CHAIN, keyPair: platform, digest: later, algorithm: 'sha256', category: 'notarial' }).bytes);
    expectProblem(await main.app.inject({ url: `/v1/crosschain/side/receipt?digest=${toHex(later)}` }), 404, 'FOREIGN_NOT_CHECKPOINTED');
    expectProblem(await main.app.inject({ url: `/v1/crosschain/side/receipt?digest=${'ab'.repeat(32)}` }), 404, 'EVIDENCE_NOT_FOUND');
    expectProblem(await main.app.inject({ url: `/v1/crosschain/stale/receipt?digest=${toHex(ANCHORED)}` }), 502, 'FOREIGN_SOURCE_UNAVAILABLE');
    expectProblem(await main.app.inject({ url: `/v1/crosschain/log/receipt?digest=${toHex(ANCHORED)}` }), 422, 'FOREIGN_CHAIN_KIND_MISMATCH');
    expectProblem(await main.app.inject({ url: `/v1/crosschain/nowhere/receipt?digest=${toHex(ANCHORED)}` }), 404, 'FOREIGN_CHAIN_UNKNOWN');
    expectProblem(await main.app.inject({ url: '/v1/crosschain/side/receipt?digest=xyz' }), 400, 'DIGEST_INVALID');
  });
});

describe('verification records', () => {
  it('lists a case\'s records with counts per chain, and the counts per chain and per case', async () => {
    const verdict = (await verify({ chain: 'side', receipt: (await side.app!.inject({ url: `/v1/evidence/${toHex(ANCHORED)}/receipt` })).json() }))
      .json<{ digest: string; receiptDigest: string; foreignHeight: number }>();
    await submit(main.app, crossChainVerificationTx({ chainId: CHAIN_ID, keyPair: court, caseNo: CASE_NO, name: 'side', algorithm: 'sha256',
      digest: verdict.digest, valid: true, foreignHeight: verdict.foreignHeight, receiptDigest: verdict.receiptDigest,
      platform: platform.publicKey }).bytes);
    const url = `/v1/cases/${encodeURIComponent(CASE_NO)}/verifications`;
    const response = await injectSigned(main.app, { url, keyPair: court, nowMs: Date.now() });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<{ verifications: Record<string, unknown>[]; counts: unknown[] }>();
    expect(body.verifications).toHaveLength(1);
    expect(body.verifications[0]).toMatchObject({ seq: 0, chain: 'side', valid: true, chainStanding: 'active', platformStanding: 'active',
      court: toHex(court.publicKey), foreignHeight: anchorHeight });
    expect(body.counts).toEqual([{ chain: 'side', total: 1, valid: 1, invalid: 0 }]);
    const counts = await injectSigned(main.app, { url: '/v1/crosschain/verifications', keyPair: court, nowMs: Date.now() });
    expect(counts.json()).toEqual({ chains: [{ chain: 'side', total: 1, valid: 1, invalid: 0 }],
      cases: [{ caseNo: CASE_NO, total: 1, valid: 1, invalid: 0 }] });
  });

  it('answers CASE_UNKNOWN for an unknown case, and needs a signed read', async () => {
    expectProblem(await injectSigned(main.app, { url: '/v1/cases/NO-SUCH-CASE/verifications', keyPair: court, nowMs: Date.now() }),
      404, 'CASE_UNKNOWN');
    expectProblem(await main.app.inject({ url: '/v1/crosschain/verifications' }), 401, 'AUTH_REQUIRED');
  });
});

describe('a frozen chain', () => {
  it('answers FOREIGN_CHAIN_FROZEN once conflicting commits are proved', async () => {
    const set = sideKeys('api fork', 1);
    const genesisTimeMs = Date.now() - 60_000;
    await submit(main.app, foreignChainProposalTx({ chainId: CHAIN_ID, keyPair: validatorA, registration: { name: 'forked', kind: 'tianping',
      chainId: 'side-chain-1', trustingPeriodMs: 86_400_000, tianping: { genesisTimeMs, nextValidators: setMsg(set).validators } } }).bytes);
    const half = (tag: string): { header: Uint8Array; commit: Uint8Array; nextValidators: { publicKey: Uint8Array; power: number }[] } => {
      const block = sideBlock(1, set, set, { timeMs: genesisTimeMs + 1_000, appHash: sha256(utf8(tag)) });
      return { header: block.header, commit: commitOf(block), nextValidators: setMsg(set).validators };
    };
    await submit(main.app, foreignMisbehaviourTx({ chainId: CHAIN_ID, keyPair: platform, name: 'forked', first: half('a'), second: half('b') }).bytes);
    const chain = (await main.app.inject({ url: '/v1/crosschain/chains/forked' })).json<{ standing: string; freeze?: { height: number } }>();
    expect(chain).toMatchObject({ standing: 'frozen', freeze: { height: 1 } });
    expectProblem(await verify({ chain: 'forked', receipt: {} }), 409, 'FOREIGN_CHAIN_FROZEN');
  });
});
