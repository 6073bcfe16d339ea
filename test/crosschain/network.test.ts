// Two testnets on one machine, every node its own OS process on 127.0.0.1: a main chain (a court's,
// 4 validators) and a side chain (a lender's, 4 validators), each with its own chain id, and
// `tianping relay` between them. The main chain registers the side chain by a governance vote; an
// anchor on the side chain is verified by the main chain's API after the next checkpoint, a court
// records the verification under a case number, and the two-hop receipt verifies offline with the
// main genesis alone (SDK and CLI). A validator joining the side chain is followed by the light
// client. Conflicting side commits, made here with 3 of the side chain's 4 keys, freeze the side
// chain's client: verifications then answer FOREIGN_CHAIN_FROZEN. Bad input is refused with codes
// and commits nothing.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestnetFiles, startTestnet, stopAll, type TestnetLayout, type TestnetNodeHandle } from '../../scripts/testnet-lib.js';
import {
  TianpingClient, buildAnchorTx, createCaseTx, crossChainVerificationTx, foreignChainProposalTx, foreignHeaderUpdateTx,
  foreignMisbehaviourTx, generateKeyPair, governanceVoteTx, identityCommitment, joinRequestTx, parseTwoHopReceiptJson,
  verifyTwoHopReceipt, type BuiltTx, type KeyPair,
} from '../../src/client/index.js';
import { signRequest } from '../../src/client/http-signature.js';
import { run as runVerify } from '../../src/cli/commands/verify.js';
import { encodeCommit } from '../../src/codec/block.js';
import { pb } from '../../src/codec/proto.js';
import { VOTE_PRECOMMIT, voteSignBytes } from '../../src/codec/sign-bytes.js';
import { readKeyFile, sha256, sign, writeKeyFile } from '../../src/crypto/index.js';
import { parseGenesis } from '../../src/state/index.js';
import { compareBytes, fromHex, toHex, utf8 } from '../../src/types/index.js';
import { runInProcess } from '../cli/run-cli.js';
import { FAST_NODE_ENV, waitFor } from '../e2e/network-helpers.js';

/** This test's own range, 30000-30299: main API base+i, side API base+4+i, p2p 100 above each. */
const BASE_PORT = 30_000 + (process.pid % 25) * 8;
const SIDE = 'lending-side';
const CASE_NO = '(2026)京0491民初1号';

interface ChainJson { standing: string; latestHeight: number; epoch: number; frozenHeight: number; updates: number }
interface VerdictJson { valid: boolean; failedCheck?: string; checks: { id: string; ok: boolean }[] }

async function json<T>(response: Response): Promise<{ status: number; body: T }> {
  return { status: response.status, body: (await response.json()) as T };
}

/** A GET signed by a member key (RFC 9421): case reads are for courts and the case's parties. */
function signedGet(url: string, keyPair: KeyPair): Promise<Response> {
  return fetch(url, { headers: { accept: 'application/json', ...signRequest({ method: 'GET', url, keyPair }) } });
}

describe('e2e: a main and a side testnet with a relayer', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tianping-crosschain-'));
  let main: TestnetLayout;
  let side: TestnetLayout;
  let handles: TestnetNodeHandle[] = [];
  let relay: ChildProcess | undefined;
  let relayLog = '';
  const court = generateKeyPair();
  const relayer = generateKeyPair();
  const relayerKeyFile = join(dir, 'relayer.key');
  const mainUrl = (): string => main.nodes[0]!.apiUrl;
  const sideUrl = (): string => side.nodes[0]!.apiUrl;
  const validatorKey = (layout: TestnetLayout, i: number): KeyPair => readKeyFile(join(layout.nodes[i]!.dataDir, 'node.key'));
  const commit = async (layout: TestnetLayout, tx: BuiltTx, url?: string): Promise<{ status: string; height?: number }> => {
    const result = await new TianpingClient(url ?? layout.nodes[0]!.apiUrl).submit(tx.bytes, { wait: 'commit', timeoutMs: 30_000 });
    return result as { status: string; height?: number };
  };
  const chain = async (): Promise<ChainJson> => (await json<ChainJson>(await fetch(`${mainUrl()}/v1/crosschain/chains/${SIDE}`))).body;

  beforeAll(async () => {
    side = createTestnetFiles({ dir: join(dir, 'side'), validators: 4, observers: 0, basePort: BASE_PORT + 4, chainId: 'lending-side-chain' });
    main = createTestnetFiles({ dir: join(dir, 'main'), validators: 4, observers: 0, basePort: BASE_PORT, chainId: 'court-main-chain' });
    const doc = JSON.parse(readFileSync(main.genesisFile, 'utf8')) as { members: object[] };
    doc.members.push(
      { name: 'court', organisation: 'Internet Court', role: 'court', publicKey: toHex(court.publicKey) },
      { name: 'relayer', organisation: 'Lending Platform', role: 'verifier', publicKey: toHex(relayer.publicKey) },
    );
    writeFileSync(main.genesisFile, JSON.stringify(doc, null, 2));
    writeKeyFile(relayerKeyFile, relayer, 'relayer');
    handles = [...await startTestnet(side, { env: FAST_NODE_ENV }),
      ...await startTestnet(main, { env: { ...FAST_NODE_ENV, TIANPING_CROSSCHAIN_SOURCES: `${SIDE} ${side.nodes[1]!.apiUrl}` } })];
  }, 180_000);

  afterAll(async () => {
    relay?.kill('SIGTERM');
    await stopAll(handles);
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('registers the side chain by vote, relays, verifies, records and serves a two-hop receipt', async () => {
    // The registration: opened by one main validator (its approval), passed by two more (30 of 40).
    const sideGenesis = parseGenesis(JSON.parse(readFileSync(side.genesisFile, 'utf8')));
    const opened = foreignChainProposalTx({ chainId: main.chainId, keyPair: validatorKey(main, 0), registration: {
      name: SIDE, kind: 'tianping', chainId: side.chainId, trustingPeriodMs: 3_600_000, description: 'a lender\'s side chain',
      tianping: { genesisTimeMs: sideGenesis.genesisTimeMs, nextValidators: sideGenesis.validators.map((v) => ({ publicKey: v.publicKey, power: v.power })) },
    } });
    expect((await commit(main, opened)).status).toBe('committed');
    for (const voter of [1, 2]) {
      const vote = governanceVoteTx({ chainId: main.chainId, keyPair: validatorKey(main, voter), proposalId: opened.hash, approve: true });
      expect((await commit(main, vote)).status).toBe('committed');
    }
    expect((await chain()).standing).toBe('active');

    relay = spawn(join(process.cwd(), 'node_modules/.bin/tsx'), [join(process.cwd(), 'src/cli/main.ts'), 'relay', '--from', sideUrl(),
      '--to', mainUrl(), '--key', relayerKeyFile, '--name', SIDE, '--every-blocks', '3', '--every-seconds', '2'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
    relay.stdout!.on('data', (chunk: Buffer) => void (relayLog += chunk.toString()));
    relay.stderr!.on('data', (chunk: Buffer) => void (relayLog += chunk.toString()));

    // An anchor on the side chain, then the next checkpoint above it on the main chain.
    const content = utf8(`loan contract ${Date.now()}`);
    const submitter = readKeyFile(side.submitterKeyFile);
    const anchored = await commit(side, buildAnchorTx({ chainId: side.chainId, keyPair: submitter, digest: sha256(content),
      algorithm: 'sha256', category: 'copyright' }));
    expect(anchored.status).toBe('committed');
    const anchorHeight = anchored.height!;
    await waitFor('the main chain trusts a side header above the anchor', async () => (await chain()).latestHeight > anchorHeight, 60_000);

    // The main chain's API verifies the side receipt (version 1, from the side node) against its client.
    const sideReceipt = await (await fetch(`${sideUrl()}/v1/evidence/${toHex(sha256(content))}/receipt`)).json();
    const verified = await json<VerdictJson>(await fetch(`${mainUrl()}/v1/crosschain/verify`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ chain: SIDE, receipt: sideReceipt }) }));
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    expect(verified.body.valid, JSON.stringify(verified.body)).toBe(true);
    expect(verified.body.checks[0]).toMatchObject({ id: 'chain', ok: true });

    // A court records it under a case of the main chain.
    const document = sha256(utf8(`judgment ${CASE_NO} ${Date.now()}`));
    expect((await commit(main, buildAnchorTx({ chainId: main.chainId, keyPair: readKeyFile(main.submitterKeyFile), digest: document,
      algorithm: 'sha256', category: 'judicial-forensics' }))).status).toBe('committed');
    const creditor = { identityCommitment: toHex(identityCommitment('某某小贷公司 91110000000000000X', utf8('a salt the court keeps, one'))) };
    expect((await commit(main, createCaseTx({ chainId: main.chainId, keyPair: court, terms: { json: {
      format: 'tianping-case-terms/1', templateVersion: 1, caseNo: CASE_NO, document: { algorithm: 'sha256', digest: toHex(document) },
      creditors: [creditor], debtor: { identityCommitment: toHex(identityCommitment('王某 110101199001011234', utf8('a salt the court keeps, two'))) },
      payees: [{ party: creditor, weight: 1 }], caseAccountRef: 'BJ0491-2026-1', currency: 'CNY',
      instalments: [{ amountFen: 100_000, dueAt: new Date(Date.now() + 30 * 86_400_000).toISOString() }],
      grace: 'P1D', acceleration: false, delay: { kind: 'statutory' }, graceDelaysInterest: false, paymentOrder: 'principalFirst',
      exemptClaimTypes: [], autoFile: false, feePolicy: 'cumulative/1',
    } } }))).status).toBe('committed');
    const record = crossChainVerificationTx({ chainId: main.chainId, keyPair: court, caseNo: CASE_NO, name: SIDE, algorithm: 'sha256',
      digest: sha256(content), valid: true, foreignHeight: anchorHeight, receiptDigest: sha256(utf8(JSON.stringify(sideReceipt))),
      platform: submitter.publicKey });
    expect((await commit(main, record)).status).toBe('committed');
    const listed = await json<{ verifications: { chain: string; valid: boolean; chainStanding: string }[]; counts: { chain: string }[] }>(
      await signedGet(`${mainUrl()}/v1/cases/${encodeURIComponent(CASE_NO)}/verifications`, court));
    expect(listed.status).toBe(200);
    expect(listed.body.verifications).toHaveLength(1);
    expect(listed.body.verifications[0]).toMatchObject({ chain: SIDE, valid: true, chainStanding: 'active' });
    expect(listed.body.counts.map((c) => c.chain)).toEqual([SIDE]);

    // The two-hop receipt, verified offline with the main genesis alone: the SDK, then the CLI.
    const twoHop = await fetch(`${mainUrl()}/v1/crosschain/${SIDE}/receipt?digest=${toHex(sha256(content))}`);
    const twoHopText = await twoHop.text();
    expect(twoHop.status, twoHopText).toBe(200);
    const mainGenesis = parseGenesis(JSON.parse(readFileSync(main.genesisFile, 'utf8')));
    const offline = verifyTwoHopReceipt(parseTwoHopReceiptJson(twoHopText), { file: content }, mainGenesis);
    expect(offline.valid, JSON.stringify(offline)).toBe(true);
    const receiptFile = join(dir, 'two-hop.json');
    const evidenceFile = join(dir, 'loan-contract.txt');
    writeFileSync(receiptFile, twoHopText);
    writeFileSync(evidenceFile, content);
    const cli = await runInProcess(runVerify, [evidenceFile, '--receipt', receiptFile, '--trust', main.genesisFile]);
    expect(cli.code, cli.stdout + cli.stderr).toBe(0);
    writeFileSync(evidenceFile, utf8('another file'));
    expect((await runInProcess(runVerify, [evidenceFile, '--receipt', receiptFile, '--trust', main.genesisFile])).code).toBe(1);
  }, 240_000);

  it('follows a validator joining the side chain', async () => {
    const joiner = generateKeyPair();
    const join = joinRequestTx({ chainId: side.chainId, keyPair: joiner, name: 'fifth-lender-node', organisation: 'Fifth Lender',
      role: 'validator', power: 10, addresses: ['/ip4/127.0.0.1/tcp/1'], evaluationReportDigest: sha256(utf8('evaluation')) });
    expect((await commit(side, join)).status).toBe('committed');
    let passed = 0;
    for (const voter of [0, 1, 2]) {
      const vote = await commit(side, governanceVoteTx({ chainId: side.chainId, keyPair: validatorKey(side, voter), proposalId: join.hash, approve: true }));
      expect(vote.status).toBe('committed');
      passed = vote.height!;
    }
    // The set of five signs from passed + 2; the client must walk that change to trust anything above.
    await waitFor('the main chain trusts a side header signed by the set of five', async () => (await chain()).latestHeight > passed + 3, 60_000);
    const detail = (await json<{ trustedHeaders: { height: number; nextValidators: unknown[] }[] }>(
      await fetch(`${mainUrl()}/v1/crosschain/chains/${SIDE}`))).body;
    expect(detail.trustedHeaders[0]!.nextValidators).toHaveLength(5);
    expect(relayLog).not.toMatch(/"level":50/);
  }, 180_000);

  it('refuses bad input with codes and commits nothing', async () => {
    const before = await chain();
    const post = async (body: unknown): Promise<{ status: number; body: { code?: string } }> => json(await fetch(`${mainUrl()}/v1/crosschain/verify`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));
    expect(await post({ chain: 'no-such-chain', receipt: {} })).toMatchObject({ status: 404, body: { code: 'FOREIGN_CHAIN_UNKNOWN' } });
    expect(await post({ chain: SIDE, receipt: { format: 'tianping-receipt', version: 1, tx: 'zz' } }))
      .toMatchObject({ status: 400, body: { code: 'FOREIGN_RECEIPT_MALFORMED' } });

    // An old header again (a replay of a relayed update): stale.
    const light = (await json<{ header: { hex: string }; commit: { hex: string }; nextValidators: { publicKey: string; power: number }[] }>(
      await fetch(`${sideUrl()}/v1/light-blocks/${before.latestHeight - 1}`))).body;
    const stale = foreignHeaderUpdateTx({ chainId: main.chainId, keyPair: relayer, name: SIDE, header: fromHex(light.header.hex)!,
      commit: fromHex(light.commit.hex)!, nextValidators: light.nextValidators });
    await expectRefused(stale, 'FOREIGN_HEADER_STALE');
    // A header signed by keys that are no validators of the side chain.
    const strangers = [generateKeyPair(), generateKeyPair(), generateKeyPair(), generateKeyPair()];
    const tip = (await chain()).latestHeight;
    const forged = forgedBlock(fromHex(light.header.hex)!, tip + 50, strangers);
    await expectRefused(foreignHeaderUpdateTx({ chainId: main.chainId, keyPair: relayer, name: SIDE, header: forged.header,
      commit: forged.commit, nextValidators: light.nextValidators }), 'FOREIGN_HEADER_INVALID');
    // A record by a key without the court role.
    await expectRefused(crossChainVerificationTx({ chainId: main.chainId, keyPair: relayer, caseNo: CASE_NO, name: SIDE, algorithm: 'sha256',
      digest: sha256(utf8('x')), valid: true, receiptDigest: sha256(utf8('y')) }), 'SIGNER_NOT_MEMBER');
    const after = await chain();
    expect(after.frozenHeight).toBe(0);
    // Nothing refused was committed: the relayer's updates alone moved the client, and the case holds one record.
    expect(after.latestHeight).toBeGreaterThanOrEqual(before.latestHeight);
    const records = (await json<{ verifications: unknown[] }>(await signedGet(`${mainUrl()}/v1/cases/${encodeURIComponent(CASE_NO)}/verifications`, court))).body;
    expect(records.verifications).toHaveLength(1);
  }, 60_000);

  it('freezes on conflicting side commits made with 3 of the 4 side keys', async () => {
    relay?.kill('SIGTERM');
    relay = undefined;
    // A height the old set of four signs: the first trusted header's successor (the set of five came later).
    const detail = (await json<{ trustedHeaders: { height: number }[] }>(await fetch(`${mainUrl()}/v1/crosschain/chains/${SIDE}`))).body;
    const oldest = detail.trustedHeaders[detail.trustedHeaders.length - 1]!.height;
    const height = oldest + 1;
    const honest = (await json<{ header: { hex: string }; commit: { hex: string }; nextValidators: { publicKey: string; power: number }[] }>(
      await fetch(`${sideUrl()}/v1/light-blocks/${height}?since=${oldest}`))).body;
    expect(honest.nextValidators).toHaveLength(4);
    const keys = [0, 1, 2].map((i) => validatorKey(side, i));
    const forged = forgedBlock(fromHex(honest.header.hex)!, height, keys, sideSet(honest.nextValidators));
    const misbehaviour = foreignMisbehaviourTx({ chainId: main.chainId, keyPair: relayer, name: SIDE,
      first: { header: fromHex(honest.header.hex)!, commit: fromHex(honest.commit.hex)!, nextValidators: honest.nextValidators },
      second: { header: forged.header, commit: forged.commit, nextValidators: honest.nextValidators } });
    expect((await commit(main, misbehaviour)).status).toBe('committed');
    const frozen = await chain();
    expect(frozen.standing).toBe('frozen');
    expect(frozen.frozenHeight).toBeGreaterThan(0);
    const sideReceipt = await (await fetch(`${sideUrl()}/v1/evidence/${toHex(sha256(utf8('x')))}/receipt`)).json().catch(() => ({}));
    const answer = await json<{ code?: string }>(await fetch(`${mainUrl()}/v1/crosschain/verify`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ chain: SIDE, receipt: sideReceipt }) }));
    expect(answer).toMatchObject({ status: 409, body: { code: 'FOREIGN_CHAIN_FROZEN' } });
  }, 60_000);

  async function expectRefused(tx: BuiltTx, code: string): Promise<void> {
    const response = await fetch(`${mainUrl()}/v1/txs`, { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tx: Buffer.from(tx.bytes).toString('base64') }) });
    const body = (await response.json()) as { code?: string };
    expect(response.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
    expect(body.code).toBe(code);
  }
});

/** The side set ordered by key bytes, as commits index it. */
function sideSet(validators: readonly { publicKey: string; power: number }[]): Uint8Array[] {
  return validators.map((v) => fromHex(v.publicKey)!).sort(compareBytes);
}

/**
 * A header like `template` at `height` with another app hash, and a commit for it signed by `keys`
 * at their indexes in `set` (by default the keys themselves, as their own set).
 */
function forgedBlock(template: Uint8Array, height: number, keys: readonly KeyPair[], set?: readonly Uint8Array[]):
  { header: Uint8Array; commit: Uint8Array } {
  const decoded = pb.Header.decode(template);
  const header = pb.Header.encode(pb.Header.create({ ...decoded, height, appHash: sha256(utf8(`forged ${height}`)) })).finish();
  const hash = sha256(header);
  const order = set ?? keys.map((k) => k.publicKey).sort(compareBytes);
  const signBytes = voteSignBytes(decoded.chainId, height, 0, VOTE_PRECOMMIT, hash);
  const signatures = keys.map((k) => ({ validatorIndex: order.findIndex((p) => compareBytes(p, k.publicKey) === 0),
    signature: sign(k.seed, signBytes) })).sort((a, b) => a.validatorIndex - b.validatorIndex);
  return { header, commit: encodeCommit({ height, round: 0, blockHash: hash, signatures }) };
}
