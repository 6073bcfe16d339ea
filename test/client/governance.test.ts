// The SDK's governance builders and reads. The builders are checked byte by byte (what is signed,
// by whom, the rotation proof), then end to end: txs built by the SDK go through TianpingClient and
// the real API (app.inject) into a real single-validator node core, and the governance reads show
// what the state machine did.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { buildApp } from '../../src/api/index.js';
import {
  ApiError, TianpingClient, generateKeyPair, governanceVoteTx, joinRequestTx, memberChangeTx, rotateKeyTx, verifyStrict,
  type BuiltTx, type KeyPair,
} from '../../src/client/index.js';
import { decodeTx, pb, rotateProofBytes, txSignBytes } from '../../src/codec/index.js';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import { keyPairFromSeed } from '../../src/crypto/ed25519.js';
import { sha256 } from '../../src/crypto/hash.js';
import { NodeVerifier } from '../../src/crypto/verify-node.js';
import { Ledger, MemStorage } from '../../src/ledger/index.js';
import { NodeCore } from '../../src/node/index.js';
import { genesisHash, parseGenesis } from '../../src/state/index.js';
import { asTimeMs, isTianpingError, toHex, utf8 } from '../../src/types/index.js';

const CHAIN_ID = 'tianping-sdk-gov';
const NOW_MS = 1_760_000_000_000;
const key = (label: string): KeyPair => keyPairFromSeed(sha256(utf8(`sdk governance ${label}`)));
const REPORT = sha256(utf8('evaluation report'));

function decoded(tx: BuiltTx) {
  const d = decodeTx(tx.bytes, 8192);
  expect(toHex(d.hash)).toBe(toHex(tx.hash));
  expect(toHex(tx.hash)).toBe(toHex(sha256(tx.bytes)));
  expect(verifyStrict(d.body.signer, txSignBytes(CHAIN_ID, d.bodyBytes), d.signature)).toBe(true);
  return d;
}

const codeOf = (build: () => unknown): unknown => {
  try {
    build();
    return 'built';
  } catch (error) {
    return isTianpingError(error) ? error.code : error;
  }
};

describe('governance tx builders', () => {
  const applicant = key('applicant');
  const validator = key('validator');

  it('joinRequestTx: signed by the key asking to join, with every field of the request', () => {
    const tx = decoded(joinRequestTx({ chainId: CHAIN_ID, keyPair: applicant, name: 'node-5', organisation: 'Fifth Court',
      role: 'validator', power: 10, addresses: ['/ip4/10.0.0.5/tcp/26656'], evaluationReportDigest: toHex(REPORT),
      nonce: 7, expiresAtMs: NOW_MS + 1000 }));
    expect(toHex(tx.body.signer)).toBe(toHex(applicant.publicKey));
    expect({ nonce: tx.body.nonce, expiresAtMs: tx.body.expiresAtMs, action: tx.body.action }).toEqual({ nonce: 7, expiresAtMs: NOW_MS + 1000, action: 'joinRequest' });
    const join = tx.body.joinRequest!;
    expect({ name: join.name, organisation: join.organisation, role: join.role, power: join.power, addresses: join.addresses,
      digest: toHex(join.evaluationReportDigest!), categories: join.categories })
      .toEqual({ name: 'node-5', organisation: 'Fifth Court', role: pb.MemberRole.MEMBER_ROLE_VALIDATOR, power: 10,
        addresses: ['/ip4/10.0.0.5/tcp/26656'], digest: toHex(REPORT), categories: [] });
    const submitter = decoded(joinRequestTx({ chainId: CHAIN_ID, keyPair: applicant, name: 'p', organisation: 'P', role: 'submitter',
      categories: ['copyright'], evaluationReportDigest: REPORT }));
    expect(submitter.body.joinRequest?.role).toBe(pb.MemberRole.MEMBER_ROLE_SUBMITTER);
    expect(submitter.body.joinRequest?.categories).toEqual(['copyright']);
  });

  it('memberChangeTx and governanceVoteTx carry the kind, member, reason, proposal and decision', () => {
    const member = generateKeyPair().publicKey;
    for (const [kind, id] of [['remove', 1], ['suspend', 2], ['reinstate', 3]] as const) {
      const tx = decoded(memberChangeTx({ chainId: CHAIN_ID, keyPair: validator, kind, member: toHex(member), reason: 'audit' }));
      expect({ kind: tx.body.memberChange?.kind, member: toHex(tx.body.memberChange!.member!), reason: tx.body.memberChange?.reason })
        .toEqual({ kind: id, member: toHex(member), reason: 'audit' });
    }
    const proposalId = sha256(utf8('a proposal'));
    const no = decoded(governanceVoteTx({ chainId: CHAIN_ID, keyPair: validator, proposalId, approve: false }));
    expect({ id: toHex(no.body.governanceVote!.proposalId!), approve: no.body.governanceVote!.approve }).toEqual({ id: toHex(proposalId), approve: false });
    const yes = decoded(governanceVoteTx({ chainId: CHAIN_ID, keyPair: validator, proposalId: toHex(proposalId).toUpperCase(), approve: true }));
    expect(yes.body.governanceVote!.approve).toBe(true);
    // Two votes with random nonces are two txs.
    expect(toHex(governanceVoteTx({ chainId: CHAIN_ID, keyPair: validator, proposalId, approve: true }).hash)).not.toBe(toHex(yes.hash));
  });

  it('rotateKeyTx: signed by the current key, with the new key proving possession over the rotation bytes', () => {
    const old = key('old');
    const next = key('next');
    const tx = decoded(rotateKeyTx({ chainId: CHAIN_ID, keyPair: old, newKeyPair: next }));
    expect(toHex(tx.body.signer)).toBe(toHex(old.publicKey));
    const rotate = tx.body.rotateKey!;
    expect(toHex(rotate.newKey!)).toBe(toHex(next.publicKey));
    expect(verifyStrict(next.publicKey, rotateProofBytes(CHAIN_ID, old.publicKey), rotate.newKeyProof!)).toBe(true);
    // Bound to the chain and to the old key.
    expect(verifyStrict(next.publicKey, rotateProofBytes('other-chain', old.publicKey), rotate.newKeyProof!)).toBe(false);
    expect(verifyStrict(next.publicKey, rotateProofBytes(CHAIN_ID, next.publicKey), rotate.newKeyProof!)).toBe(false);
  });

  it('refuses what can never be valid before signing anything', () => {
    const base = { chainId: CHAIN_ID, keyPair: applicant, name: 'n', organisation: 'o', evaluationReportDigest: REPORT };
    expect(codeOf(() => joinRequestTx({ ...base, role: 'admin' as 'validator' }))).toBe('JOIN_FIELD_INVALID');
    expect(codeOf(() => joinRequestTx({ ...base, role: 'validator', power: -1 }))).toBe('JOIN_FIELD_INVALID');
    expect(codeOf(() => joinRequestTx({ ...base, role: 'observer', evaluationReportDigest: 'abcd' }))).toBe('DIGEST_INVALID');
    expect(codeOf(() => joinRequestTx({ ...base, role: 'observer', chainId: '' }))).toBe('TX_WRONG_CHAIN');
    expect(codeOf(() => joinRequestTx({ ...base, role: 'observer', nonce: 2 ** 53 }))).toBe('TX_NONCE_INVALID');
    expect(codeOf(() => memberChangeTx({ chainId: CHAIN_ID, keyPair: validator, kind: 'ban' as 'remove', member: applicant.publicKey })))
      .toBe('JOIN_FIELD_INVALID');
    expect(codeOf(() => memberChangeTx({ chainId: CHAIN_ID, keyPair: validator, kind: 'remove', member: 'ab'.repeat(31) }))).toBe('TX_KEY_INVALID');
    expect(codeOf(() => governanceVoteTx({ chainId: CHAIN_ID, keyPair: validator, proposalId: 'xyz', approve: true }))).toBe('HASH_INVALID');
    expect(codeOf(() => rotateKeyTx({ chainId: 'x'.repeat(65), keyPair: validator, newKeyPair: applicant }))).toBe('TX_WRONG_CHAIN');
  });
});

/** TianpingClient's fetch, answered by app.inject: the real API without a socket. */
function injectFetch(app: FastifyInstance): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const response = await app.inject({
      method: (init?.method ?? 'GET') as 'GET' | 'POST', url: url.pathname + url.search,
      // TianpingClient sends its headers as a plain object.
      headers: (init?.headers ?? {}) as Record<string, string>,
      ...(typeof init?.body === 'string' ? { payload: init.body } : {}),
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(response.headers)) if (value !== undefined) headers.set(name, String(value));
    return new Response(response.body, { status: response.statusCode, headers });
  }) as typeof fetch;
}

interface TestNode {
  readonly core: NodeCore;
  readonly app: FastifyInstance;
  readonly client: TianpingClient;
  close(): Promise<void>;
}

/** A one-validator chain in memory, producing blocks when txs wait, on the real clock. */
async function startNode(validator: KeyPair, submitter: KeyPair, params: Record<string, number> = {}): Promise<TestNode> {
  const genesisJson = {
    chainId: CHAIN_ID, genesisTimeMs: Date.now() - 60_000,
    validators: [{ name: 'node0', publicKey: toHex(validator.publicKey), power: 10 }],
    members: [{ name: 'platform', organisation: 'Platform Ltd', role: 'submitter', publicKey: toHex(submitter.publicKey), categories: ['copyright'] }],
    categories: ['copyright', 'notarial'], params,
  };
  const genesis = parseGenesis(genesisJson);
  const ledger = await Ledger.open(new MemStorage(), genesis, genesisHash(utf8(JSON.stringify(genesisJson))));
  const core = new NodeCore({
    genesis, ledger, key: validator, verifier: new NodeVerifier(), clock: { nowMs: () => asTimeMs(Date.now()) },
    logger: pino({ level: 'silent' }), moniker: 'sdk-test', version: 'test', mempool: { txsMax: 100, bytesMax: 1 << 20 },
    consensus: { ...DEFAULT_CONFIG.consensus, heartbeatIntervalMs: 600_000, blockDelayMs: 1 },
  });
  const app = await buildApp(core, { bodyBytesMax: 64 * 1024, commitWaitMsMax: 10_000, evidencePageMax: 100, logger: false,
    version: 'test', signatureWindowMs: 300_000 });
  await core.start();
  const client = new TianpingClient('http://node.test', { fetch: injectFetch(app) });
  return { core, app, client, close: async () => { await core.stop(); await app.close(); } };
}

async function expectApiError(promise: Promise<unknown>, status: number, code: string): Promise<void> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ApiError);
  expect(error).toMatchObject({ status, code });
}

describe('SDK → API → node core: governance round trip', () => {
  const validator = key('node0');
  const submitter = key('platform');
  const applicant = key('court applicant');
  const submitterNext = key('platform next');
  let node: TestNode;
  let chainId: string;

  beforeAll(async () => {
    node = await startNode(validator, submitter);
    chainId = (await node.client.status()).chainId;
  });
  afterAll(async () => node.close());

  async function commit(tx: BuiltTx): Promise<number> {
    const result = await node.client.submit(tx.bytes, { wait: 'commit' });
    expect(result.status).toBe('committed');
    return result.status === 'committed' ? result.height : -1;
  }

  it('a join opens a proposal that the validator\'s approval decides; the member then appears', async () => {
    const join = joinRequestTx({ chainId, keyPair: applicant, name: 'second-court', organisation: 'Second Internet Court',
      role: 'verifier', evaluationReportDigest: REPORT });
    const openedAt = await commit(join);
    const open = await node.client.proposal(join.hash);
    expect(open).toMatchObject({ id: toHex(join.hash), kind: 'join', subject: toHex(applicant.publicKey), subjectName: 'second-court',
      opener: toHex(applicant.publicKey), openedHeight: openedAt, status: 'open', decidedHeight: 0, approvals: [], rejections: [],
      tally: { height: openedAt + 1, approvalPower: 0, rejectionPower: 0, totalPower: 10 } });
    expect(open.payload).toEqual({ join: { name: 'second-court', organisation: 'Second Internet Court', role: 'verifier', addresses: [],
      evaluationReportDigest: toHex(REPORT), power: 0, categories: [] } });
    expect(new Date(open.expiresAt).getTime()).toBe(open.expiresAtMs);
    expect((await node.client.proposals({ status: 'open' })).proposals.map((p) => p.id)).toEqual([toHex(join.hash)]);

    const decidedAt = await commit(governanceVoteTx({ chainId, keyPair: validator, proposalId: join.hash, approve: true }));
    const approved = await node.client.proposal(toHex(join.hash));
    expect(approved).toMatchObject({ status: 'approved', decidedHeight: decidedAt,
      approvals: [{ publicKey: toHex(validator.publicKey), name: 'node0', power: 10 }],
      tally: { height: decidedAt, approvalPower: 10, rejectionPower: 0, totalPower: 10 } });
    expect((await node.client.proposals({ status: 'open' })).proposals).toEqual([]);
    expect((await node.client.proposals({ status: 'approved' })).proposals.map((p) => p.id)).toEqual([toHex(join.hash)]);
    const member = (await node.client.members()).members.find((m) => m.publicKey === toHex(applicant.publicKey));
    expect(member).toEqual({ name: 'second-court', organisation: 'Second Internet Court', role: 'verifier', publicKey: toHex(applicant.publicKey),
      status: 'active', sinceHeight: decidedAt, power: 0, categories: [], addresses: [], evaluationReportDigest: toHex(REPORT) });
  });

  it('a member change opened by the only validator passes at once', async () => {
    const suspend = memberChangeTx({ chainId, keyPair: validator, kind: 'suspend', member: applicant.publicKey, reason: 'audit' });
    const height = await commit(suspend);
    expect(await node.client.proposal(suspend.hash)).toMatchObject({ kind: 'suspend', status: 'approved', decidedHeight: height,
      subjectName: 'second-court', payload: { memberChange: { kind: 'suspend', member: toHex(applicant.publicKey), reason: 'audit' } } });
    expect((await node.client.members()).members.find((m) => m.name === 'second-court')?.status).toBe('suspended');
  });

  it('a key rotation built by the SDK is admitted, and the member lives on under the new key', async () => {
    const rotate = rotateKeyTx({ chainId, keyPair: submitter, newKeyPair: submitterNext });
    await commit(rotate);
    expect(await node.client.proposal(rotate.hash)).toMatchObject({ kind: 'rotate-key', status: 'open', subjectName: 'platform',
      payload: { rotateKey: { newKey: toHex(submitterNext.publicKey) } } });
    await commit(governanceVoteTx({ chainId, keyPair: validator, proposalId: rotate.hash, approve: true }));
    const members = (await node.client.members()).members.filter((m) => m.name === 'platform');
    expect(members.map((m) => [m.publicKey, m.status]).sort()).toEqual([
      [toHex(submitter.publicKey), 'removed'], [toHex(submitterNext.publicKey), 'active'],
    ].sort());
  });

  it('refusals come back as ApiErrors with the state machine\'s codes', async () => {
    const again = governanceVoteTx({ chainId, keyPair: validator, proposalId: sha256(utf8('nothing')), approve: true });
    await expectApiError(node.client.submit(again.bytes, { wait: 'commit' }), 422, 'GOV_PROPOSAL_NOT_FOUND');
    const byApplicant = governanceVoteTx({ chainId, keyPair: applicant, proposalId: sha256(utf8('nothing')), approve: true });
    await expectApiError(node.client.submit(byApplicant.bytes), 403, 'GOV_NOT_VALIDATOR');
    const taken = joinRequestTx({ chainId, keyPair: key('name thief'), name: 'platform', organisation: 'X', role: 'observer',
      evaluationReportDigest: REPORT });
    await expectApiError(node.client.submit(taken.bytes), 409, 'MEMBER_EXISTS');
  });

  it('validators(): the set of the next height by default, of a given height, and none beyond the next', async () => {
    const tip = (await node.client.status()).latestHeight;
    const next = await node.client.validators();
    expect(next).toEqual({ height: tip + 1, sinceHeight: 1, totalPower: 10,
      validators: [{ index: 0, publicKey: toHex(validator.publicKey), power: 10, name: 'node0' }] });
    expect((await node.client.validators(1)).height).toBe(1);
    await expectApiError(node.client.validators(tip + 2), 404, 'VALIDATORS_NOT_FOUND');
    await expectApiError(node.client.proposal(sha256(utf8('unknown'))), 404, 'PROPOSAL_NOT_FOUND');
  });
});

describe('SDK → API → node core: an undecided proposal past its expiry', () => {
  it('reads as expired once a block at or after its expiry exists, and votes on it are refused', async () => {
    const validator = key('expiry node0');
    const node = await startNode(validator, key('expiry platform'), { governanceProposalTtlMs: 1 });
    try {
      const { chainId } = await node.client.status();
      const join = joinRequestTx({ chainId, keyPair: key('slow applicant'), name: 'slow', organisation: 'Slow', role: 'observer',
        evaluationReportDigest: REPORT });
      const opened = await node.client.submit(join.bytes, { wait: 'commit' });
      expect(opened.status).toBe('committed');
      // Any later block has a later time: one more join commits one.
      const later = joinRequestTx({ chainId, keyPair: key('later applicant'), name: 'later', organisation: 'Later', role: 'observer',
        evaluationReportDigest: REPORT });
      await node.client.submit(later.bytes, { wait: 'commit' });
      expect((await node.client.proposal(join.hash)).status).toBe('expired');
      expect((await node.client.proposals({ status: 'expired' })).proposals.map((p) => p.id)).toContain(toHex(join.hash));
      const vote = governanceVoteTx({ chainId, keyPair: validator, proposalId: join.hash, approve: true });
      await expectApiError(node.client.submit(vote.bytes), 422, 'GOV_PROPOSAL_EXPIRED');
    } finally {
      await node.close();
    }
  });
});
