// Receipts that carry witness cosignatures, in process: a node's WitnessPush sends its checkpoints
// to two witnesses of two organisations (the production Witness, reached through an injected post),
// keeps what they cosigned beside the ledger, and serves GET …/receipt?witnessed=K; a verifier with
// a witness policy (k of the two) accepts the real receipt and refuses a backdated fork signed by
// the genesis keys (a set that, in the story, retired long ago), whatever the forger attaches.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/index.js';
import { TrustFileError, parseTrustAnchor, verifyWithTrust } from '../../src/api/web/verifier-entry.js';
import { encodeVerifierKey } from '../../src/checkpoint/index.js';
import { decodeReceipt, type Receipt } from '../../src/client/receipt.js';
import { parseReceiptJson } from '../../src/client/receipt-json.js';
import { verifyReceipt, type ReceiptEvidence } from '../../src/client/receipt-verify.js';
import { parseWitnessPolicy, verifyWitnessedReceipt, type WitnessPolicy } from '../../src/client/witness-policy.js';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import { NodeVerifier } from '../../src/crypto/index.js';
import { Ledger, MemStorage } from '../../src/ledger/index.js';
import { Mempool } from '../../src/mempool/index.js';
import { NodeCore } from '../../src/node/index.js';
import { WitnessPush, witnessTargets } from '../../src/node/witness-push.js';
import { ReadModel } from '../../src/read/index.js';
import { asTimeMs, fromUtf8, toHex, utf8, type Clock, type Timers } from '../../src/types/index.js';
import {
  MemoryWitnessStore, Witness, encodeCosignerKey, ed25519Cosigner, parseLogSpec, type WitnessReply,
} from '../../src/witness/index.js';
import { buildAndCommit, type BuilderComponents } from '../helpers/block-builder.js';
import { GENESIS_TIME_MS, anchorTxBytes, digestOf, makeTestChain, seedKey } from '../helpers/chain.js';

const chain = makeTestChain();
const chainId = chain.genesis.chainId;
const verifier = new NodeVerifier();
const ANCHOR_HEIGHT = 2;
const HEIGHTS = 12;
const digest = digestOf('contract signed on the first day');
const evidence: ReceiptEvidence = { fileDigest: digest };
const REAL_ANCHOR_TIME_MS = GENESIS_TIME_MS + 86_400_000;
const silent = pino({ level: 'silent' });
const clock: Clock = { nowMs: () => asTimeMs(REAL_ANCHOR_TIME_MS + 60_000) };
/** Timers that never fire: the test runs each push round itself. */
const still: Timers = { schedule: () => () => undefined, elapsedMs: () => 0 };

async function ledgerWith(heights: number, anchorTimeMs: number): Promise<Ledger> {
  const ledger = await Ledger.open(new MemStorage(), chain.genesis, chain.genesisHash);
  const at: Clock = { nowMs: () => asTimeMs(anchorTimeMs) };
  const mempool = new Mempool({ chainId, params: chain.genesis.params, verifier, clock: at, state: ledger.state },
    { txsMax: 100, bytesMax: 1 << 20 });
  const builder: BuilderComponents = { genesis: chain.genesis, ledger, mempool, verifier, key: chain.validator, validatorIndex: 0 };
  for (let height = 1; height <= heights; height++) {
    if (height === ANCHOR_HEIGHT) await mempool.add(anchorTxBytes(chain, digest, { expiresAtMs: anchorTimeMs + 3_600_000 }));
    await buildAndCommit(builder, height, anchorTimeMs + (height - ANCHOR_HEIGHT) * 1_000);
  }
  return ledger;
}

// Two witnesses of two organisations, each following the chain's validator key.
const logSpec = `${chainId}=${encodeVerifierKey(chainId, chain.validator.publicKey)}`;
const cosigners = [ed25519Cosigner('court.example/witness', seedKey('court witness')),
  ed25519Cosigner('notary.example/witness', seedKey('notary witness'))];
const witnessKeys = cosigners.map((c) => encodeCosignerKey(c.name, c.publicKey));
const witnesses = cosigners.map((cosigner) => new Witness({ cosigner, logs: [parseLogSpec(logSpec, 1)], store: new MemoryWitnessStore(), clock }));
const urls = ['http://court.invalid', 'http://notary.invalid'];
const policy = (k: number): WitnessPolicy => parseWitnessPolicy({ witnesses: witnessKeys, k });

async function post(url: string, body: string): Promise<WitnessReply> {
  const answer = await witnesses[urls.indexOf(url)]!.addCheckpoint(utf8(body));
  return { status: answer.status, contentType: answer.contentType, body: answer.body };
}

let real: Ledger;
let core: NodeCore;
let push: WitnessPush;
let app: FastifyInstance;
let dataDir: string;

function pushFor(target: NodeCore, ledger: Ledger): WitnessPush {
  return new WitnessPush({
    witnesses: witnessTargets(urls.map((url, i) => `${url} ${witnessKeys[i]}`)), intervalMs: 1_000, everyHeights: 0, dataDir,
    checkpoint: () => target.checkpoint(), tipHeight: () => ledger.tip.height,
    consistency: (from, to) => target.historyConsistency(from, to), timers: still, clock, logger: silent, post,
  });
}

function coreFor(ledger: Ledger, witnessed?: (count: number) => ReturnType<WitnessPush['cosigned']>): NodeCore {
  return new NodeCore({
    genesis: chain.genesis, ledger, key: chain.validator, verifier, clock, logger: silent, moniker: 'test', version: 'test',
    mempool: { txsMax: 100, bytesMax: 8 << 20 }, consensus: { ...DEFAULT_CONFIG.consensus }, ...(witnessed === undefined ? {} : { witnessed }),
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'tianping-witnessed-'));
  real = await ledgerWith(HEIGHTS, REAL_ANCHOR_TIME_MS);
  core = coreFor(real, (count) => push.cosigned(count));
  push = pushFor(core, real);
  push.start();
  app = await buildApp(core, { bodyBytesMax: 4 << 20, commitWaitMsMax: 5_000, evidencePageMax: 100, logger: false, version: 'test',
    signatureWindowMs: 300_000 });
}, 60_000);
afterAll(async () => {
  await push.stop();
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function served(query: string, accept?: string): Promise<{ status: number; body: string; raw: Buffer; code?: string }> {
  const response = await app.inject({ method: 'GET', url: `/v1/evidence/${toHex(digest)}/receipt${query}`,
    ...(accept === undefined ? {} : { headers: { accept } }) });
  const code = response.statusCode === 200 ? undefined : (response.json() as { code: string }).code;
  return { status: response.statusCode, body: response.body, raw: response.rawPayload, ...(code === undefined ? {} : { code }) };
}

function verdict(receipt: Receipt, k = 2): string {
  const result = verifyWitnessedReceipt(receipt, evidence, { chainId, policy: policy(k) });
  return result.valid ? 'valid' : result.failed;
}

/** The note with one witness's cosignature line removed, or changed in one base64 character. */
function withLine(receipt: Receipt, name: string, change: 'remove' | 'tamper'): Receipt {
  const note = receipt.trusted!.witnessedCheckpoint!;
  const lines = note.split('\n').map((line) => {
    if (!line.startsWith(`\u2014 ${name} `)) return line;
    if (change === 'remove') return undefined;
    const at = line.length - 10;
    return line.slice(0, at) + (line[at] === 'A' ? 'B' : 'A') + line.slice(at + 1);
  }).filter((line) => line !== undefined);
  return { ...receipt, trusted: { ...receipt.trusted!, witnessedCheckpoint: lines.join('\n') } };
}

describe('receipts with witness cosignatures', () => {
  it('answers WITNESSED_CHECKPOINT_NOT_FOUND before any witness cosigned, and refuses bad queries', async () => {
    expect(await served('?witnessed=1')).toMatchObject({ status: 404, code: 'WITNESSED_CHECKPOINT_NOT_FOUND' });
    for (const bad of ['0', '-1', 'x', '100']) expect(await served(`?witnessed=${bad}`)).toMatchObject({ status: 400, code: 'REQUEST_INVALID' });
    expect(await served('?witnessed=1&trusted=5')).toMatchObject({ status: 400, code: 'REQUEST_INVALID' });
  });

  it('the node pushes to both witnesses and serves the receipt against the header they cosigned, which k = 2 of 2 accepts', async () => {
    await push.runRound();
    expect(push.cosigned(2)).toMatchObject({ size: HEIGHTS - 1 });
    expect(await served('?witnessed=3')).toMatchObject({ status: 404, code: 'WITNESSED_CHECKPOINT_NOT_FOUND' });
    const response = await served('?witnessed=2');
    expect(response.status, response.body).toBe(200);
    const receipt = parseReceiptJson(response.body);
    expect(receipt.version).toBe(2);
    expect(receipt.trusted!.historyProof.treeSize).toBe(HEIGHTS - 1);
    const result = verifyWitnessedReceipt(receipt, evidence, { chainId, policy: policy(2) });
    expect(result.valid, result.valid ? '' : `${result.failed}: ${result.reason}`).toBe(true);
    if (result.valid) {
      expect(result.receipt.witnessed.witnesses.map((w) => w.name)).toEqual(cosigners.map((c) => c.name));
      expect(result.receipt).toMatchObject({ height: ANCHOR_HEIGHT, blockTimeMs: REAL_ANCHOR_TIME_MS, trustHeight: HEIGHTS });
      expect(result.checks.at(-1)?.id).toBe('witness-cosignatures');
    }
    // The protobuf form carries the same note, and a verifier given H's hash still reads the receipt.
    const bytes = decodeReceipt((await served('?witnessed=2', 'application/x-protobuf')).raw);
    expect(bytes.trusted!.witnessedCheckpoint).toBe(receipt.trusted!.witnessedCheckpoint);
    expect(verdict(bytes)).toBe('valid');
    const hash = toHex((await real.header(HEIGHTS))!.hash);
    expect(verifyReceipt(receipt, evidence, { chainId, trustedHeaderHash: hash }).valid).toBe(true);
  });

  it('fails witness-cosignatures with k = 2 when a cosignature is removed or tampered, and passes k = 1', async () => {
    const receipt = parseReceiptJson((await served('?witnessed=2')).body);
    const removed = withLine(receipt, cosigners[1]!.name, 'remove');
    const tampered = withLine(receipt, cosigners[0]!.name, 'tamper');
    expect(verdict(removed)).toBe('witness-cosignatures');
    expect(verdict(tampered)).toBe('witness-cosignatures');
    expect(verdict(removed, 1)).toBe('valid');
    expect(verdict(tampered, 1)).toBe('valid');
    const { trusted, ...rest } = receipt;
    const { witnessedCheckpoint: _note, ...bare } = trusted!;
    expect(verdict({ ...rest, trusted: bare })).toBe('witness-cosignatures');
    // Witnesses the policy does not list count for nothing.
    const other = encodeCosignerKey('other.example/witness', seedKey('other witness').publicKey);
    const result = verifyWitnessedReceipt(receipt, evidence, { chainId, policy: parseWitnessPolicy({ witnesses: [other], k: 1 }) });
    expect(result.valid ? 'valid' : result.failed).toBe('witness-cosignatures');
  });

  it('keeps the cosigned checkpoints beside the ledger across a restart', async () => {
    const again = pushFor(core, real);
    again.start();
    expect(again.cosigned(2)).toEqual(push.cosigned(2));
    await again.stop();
  });

  it('the web page takes a policy file as its trust anchor and verifies with it', async () => {
    const receipt = parseReceiptJson((await served('?witnessed=2')).body);
    const loaded = parseTrustAnchor(utf8(JSON.stringify({ chainId, witnesses: witnessKeys, k: 2 })));
    expect(loaded).toMatchObject({ kind: 'witness-policy', chainId });
    expect(verifyWithTrust(receipt, evidence, loaded.anchor).valid).toBe(true);
    expect(verifyWithTrust(withLine(receipt, cosigners[0]!.name, 'remove'), evidence, loaded.anchor)).toMatchObject({
      valid: false, failed: 'witness-cosignatures' });
    expect(() => parseTrustAnchor(utf8(JSON.stringify({ witnesses: witnessKeys, k: 2 })))).toThrow(TrustFileError);
    expect(() => parseTrustAnchor(utf8(JSON.stringify({ chainId, witnesses: witnessKeys, k: 0 })))).toThrow(TrustFileError);
  });

  it('refuses policies it cannot apply, as errors rather than verdicts', () => {
    expect(() => parseWitnessPolicy({ witnesses: witnessKeys, k: 3 })).toThrow(/"k" must be an integer in 1\.\.2/);
    expect(() => parseWitnessPolicy({ witnesses: [witnessKeys[0], witnessKeys[0]], k: 1 })).toThrow(/listed twice/);
    expect(() => parseWitnessPolicy({ witnesses: ['nope'], k: 1 })).toThrow(/witnesses\[0\]/);
    expect(() => parseWitnessPolicy({ witnesses: witnessKeys, k: 1, extra: 1 })).toThrow(/"extra" is not a field/);
  });
});

describe('a backdated fork signed by a retired set, against a verifier that requires the witnesses', () => {
  it('is refused whatever it carries, and the witnesses refuse to cosign its checkpoint (WITNESS_FORK)', async () => {
    const backdatedMs = REAL_ANCHOR_TIME_MS - 86_400_000 + 5_000;
    const fork = await ledgerWith(HEIGHTS, backdatedMs);
    const forkRead = new ReadModel(fork);
    const fromGenesis = verifyReceipt(parseReceiptJson(JSON.stringify((await forkRead.receipt(digest, 'sha256')).json)), evidence, chain.genesis);
    expect(fromGenesis.valid).toBe(true);
    // Its version 2 receipt against its own header: no cosignatures.
    const forkV2 = parseReceiptJson(JSON.stringify((await forkRead.receipt(digest, 'sha256', undefined, HEIGHTS)).json));
    expect(verdict(forkV2)).toBe('witness-cosignatures');
    // A real note (cosigned by both) attached to the fork's header: its root is not the fork's.
    const realReceipt = parseReceiptJson((await served('?witnessed=2')).body);
    const note = realReceipt.trusted!.witnessedCheckpoint!;
    expect(verdict({ ...forkV2, trusted: { ...forkV2.trusted!, witnessedCheckpoint: note } })).toBe('witness-cosignatures');
    // The fork's block under the real header and note: not in the real history.
    expect(verdict({ ...forkV2, trusted: realReceipt.trusted! })).toBe('history-inclusion');
    // A version 1 receipt of the fork: not what a witness policy reads.
    expect(verdict(parseReceiptJson(JSON.stringify((await forkRead.receipt(digest, 'sha256')).json)))).toBe('format');

    // The forger's node pushes the fork's checkpoint (same size, another root, signed by the validator key).
    const forkCore = coreFor(fork);
    const forkNote = await forkCore.checkpoint();
    for (const witness of witnesses) {
      const held = witness.latest(chainId)!;
      expect(held.size).toBe(HEIGHTS - 1);
      const answer = await witness.addCheckpoint(utf8(`old ${held.size}\n\n${forkNote}`));
      expect({ status: answer.status, code: answer.code }).toEqual({ status: 409, code: 'WITNESS_FORK' });
      expect(fromUtf8(utf8(answer.body))).toMatch(/^WITNESS_FORK: /);
    }
  });
});
