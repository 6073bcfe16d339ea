// Witnesses of two organisations for a 4-validator testnet, every piece its own OS process on
// 127.0.0.1: two `tianping witness start` processes following the four validators' checkpoint keys
// with --log-quorum 3 (more than 2/3 of the power: the validators gather each other's checkpoint
// lines over gossip), and four validators that push their checkpoints to both (config witnesses.list). A receipt
// fetched with ?witnessed=2 carries both cosignatures and verifies with `tianping verify
// --witness-policy` under k = 2; without one of them it fails witness-cosignatures. A checkpoint of
// the size a witness holds with another root, signed by a validator key the test holds (what a
// retired validator's key could sign), is refused with WITNESS_FORK.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestnetFiles, startTestnet, stopAll, type TestnetLayout, type TestnetNodeHandle } from '../../scripts/testnet-lib.js';
import { ed25519NoteSigner, encodeCheckpoint, encodeVerifierKey, signNote } from '../../src/checkpoint/index.js';
import { run as runCheckpoint } from '../../src/cli/commands/checkpoint.js';
import { run as runKeygen } from '../../src/cli/commands/keygen.js';
import { run as runVerify } from '../../src/cli/commands/verify.js';
import { encodeSignedTx, encodeTxBody, txSignBytes } from '../../src/codec/index.js';
import { readKeyFile, sha256, sign } from '../../src/crypto/index.js';
import { fromHex, toBase64, toHex, utf8, type Hash32 } from '../../src/types/index.js';
import { addCheckpointBody } from '../../src/witness/index.js';
import { runInProcess } from '../cli/run-cli.js';
import { FAST_NODE_ENV, waitFor } from '../e2e/network-helpers.js';

/**
 * This test's own range, 30400-30899: API ports base+i, p2p base+100+i; below the ephemeral port
 * range (32768-60999 on Linux), where an outgoing socket of another test once took 34420.
 */
const BASE_PORT = 30_400 + (process.pid % 20) * 20;
const ORGANISATIONS = ['court.example/witness', 'notary.example/witness'];

interface WitnessProcess { readonly child: ChildProcess; readonly url: string; readonly verifierKey: string }

async function startWitnessProcess(dir: string, name: string, index: number, log: string): Promise<WitnessProcess> {
  const keyFile = join(dir, `witness-${index}.key`);
  const keygen = await runInProcess(runKeygen, ['--out', keyFile]);
  expect(keygen.code, keygen.stderr).toBe(0);
  const child = spawn(join(process.cwd(), 'node_modules/.bin/tsx'), [join(process.cwd(), 'src/cli/main.ts'), 'witness', 'start',
    '--key', keyFile, '--name', name, '--log', log, '--log-quorum', '3', '--state', join(dir, `witness-${index}.json`), '--listen', '127.0.0.1:0', '--json'],
  { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout!.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
  for (let i = 0; i < 600 && !stdout.includes('}'); i++) await new Promise((done) => setTimeout(done, 50));
  const { url, verifierKey } = JSON.parse(stdout) as { url: string; verifierKey: string };
  return { child, url, verifierKey };
}

/** Anchors the SHA-256 of `content` through `url` and waits for its commit. */
async function anchorFile(layout: TestnetLayout, url: string, content: Uint8Array): Promise<void> {
  const key = readKeyFile(layout.submitterKeyFile);
  const body = encodeTxBody({ chainId: layout.chainId, signer: key.publicKey, nonce: Date.now(), expiresAtMs: Date.now() + 600_000,
    anchorEvidence: { algorithm: 1, digest: sha256(content), category: 'copyright' } });
  const tx = encodeSignedTx(body, sign(key.seed, txSignBytes(layout.chainId, body)));
  const response = await fetch(`${url}/v1/txs?wait=commit&timeoutMs=30000`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tx: toBase64(tx) }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
}

describe('e2e: witnesses of two organisations for a 4-validator testnet', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tianping-witnesses-'));
  let layout: TestnetLayout;
  let handles: TestnetNodeHandle[] = [];
  const witnesses: WitnessProcess[] = [];

  beforeAll(async () => {
    layout = createTestnetFiles({ dir: join(dir, 'net'), validators: 4, observers: 0, basePort: BASE_PORT });
    const logKeys = layout.nodes.map((node) => encodeVerifierKey(layout.chainId, fromHex(node.nodeId)!));
    for (const [i, name] of ORGANISATIONS.entries()) {
      witnesses.push(await startWitnessProcess(dir, name, i, `${layout.chainId}=${logKeys.join(',')}`));
    }
    handles = await startTestnet(layout, { env: {
      ...FAST_NODE_ENV, TIANPING_WITNESSES_LIST: witnesses.map((w) => `${w.url} ${w.verifierKey}`).join(','),
      TIANPING_WITNESSES_INTERVAL_MS: '1000',
    } });
  }, 90_000);

  afterAll(async () => {
    await stopAll(handles);
    for (const witness of witnesses) witness.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  it('every node serves a checkpoint signed by at least three of the four validators', async () => {
    await waitFor('checkpoints with three validator lines', async () => {
      const notes = await Promise.all(layout.nodes.map(async (n) => (await fetch(`${n.apiUrl}/v1/checkpoint`)).text()));
      return notes.every((note) => note.split('\n').filter((line) => line.startsWith(`\u2014 ${layout.chainId} `)).length >= 3);
    }, 20_000);
  }, 30_000);

  it('a receipt with ?witnessed=2 carries both cosignatures and verifies with the CLI under k = 2', async () => {
    const file = join(dir, 'evidence.txt');
    const content = utf8(`evidence for the witnesses ${Date.now()}`);
    writeFileSync(file, content);
    const node = layout.nodes[0]!.apiUrl;
    await anchorFile(layout, node, content);
    let receipt = '';
    await waitFor('a receipt cosigned by both witnesses', async () => {
      const response = await fetch(`${node}/v1/evidence/${toHex(sha256(content))}/receipt?witnessed=2`);
      receipt = await response.text();
      if (response.status !== 200) expect(JSON.parse(receipt)).toMatchObject({ code: 'WITNESSED_CHECKPOINT_NOT_FOUND' });
      return response.status === 200;
    }, 20_000);
    const note = (JSON.parse(receipt) as { trusted: { witnessedCheckpoint: string } }).trusted.witnessedCheckpoint;
    for (const name of ORGANISATIONS) expect(note).toContain(`\u2014 ${name} `);
    const receiptFile = join(dir, 'receipt.json');
    const policyFile = join(dir, 'policy.json');
    writeFileSync(receiptFile, receipt);
    writeFileSync(policyFile, JSON.stringify({ chainId: layout.chainId, witnesses: witnesses.map((w) => w.verifierKey), k: 2 }));
    const valid = await runInProcess(runVerify, [file, '--receipt', receiptFile, '--witness-policy', policyFile]);
    expect(valid.code, valid.stdout + valid.stderr).toBe(0);
    expect(valid.stdout).toMatch(/^VALID RECEIPT/);
    for (const name of ORGANISATIONS) expect(valid.stdout).toContain(name);

    // The checkpoint itself, as a court's tool checks it: more than 2/3 of the genesis set signed it,
    // both witnesses cosigned it, and a later one extends the history of the one kept.
    const kept = join(dir, 'kept.note');
    const first = await runInProcess(runCheckpoint, ['--node', node, '--trust', layout.genesisFile, '--witness-policy', policyFile,
      '--out', kept, '--json']);
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ valid: true, witnesses: [{}, {}] });
    await anchorFile(layout, node, utf8(`a later anchor ${Date.now()}`));
    const later = await runInProcess(runCheckpoint, ['--node', node, '--trust', layout.genesisFile, '--since', kept]);
    expect(later.code, later.stdout + later.stderr).toBe(0);
    expect(later.stdout).toMatch(/^CHECKPOINT OK/);

    // One witness's line gone: k = 2 is not met.
    const stripped = JSON.parse(receipt) as { trusted: { witnessedCheckpoint: string } };
    stripped.trusted.witnessedCheckpoint = note.split('\n').filter((line) => !line.startsWith(`\u2014 ${ORGANISATIONS[1]} `)).join('\n');
    writeFileSync(receiptFile, JSON.stringify(stripped));
    const invalid = await runInProcess(runVerify, [file, '--receipt', receiptFile, '--witness-policy', policyFile, '--json']);
    expect(invalid.code).toBe(1);
    expect(JSON.parse(invalid.stdout)).toMatchObject({ valid: false, failed: 'witness-cosignatures' });
  }, 60_000);

  it('a witness refuses a checkpoint of the size it holds with another root, signed by a validator key, with WITNESS_FORK', async () => {
    // Three validators' keys, as a quorum of a retired set could still sign.
    const signers = [1, 2, 3].map((i) => ed25519NoteSigner(layout.chainId, readKeyFile(join(layout.nodes[i]!.dataDir, 'node.key'))));
    for (const witness of witnesses) {
      const post = async (body: string): Promise<{ status: number; type: string; text: string }> => {
        const response = await fetch(`${witness.url}/add-checkpoint`, { method: 'POST', body });
        return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
      };
      // The size it holds, from its 409; the nodes keep pushing, so a few tries may be needed to hit it.
      let answer = { status: 0, type: '', text: '' };
      for (let attempt = 0; attempt < 5 && !answer.text.startsWith('WITNESS_FORK'); attempt++) {
        const probe = signNote(encodeCheckpoint({ origin: layout.chainId, size: 1_000_000, root: new Uint8Array(32) as Hash32, extensions: [] }),
          signers);
        const held = Number((await post(addCheckpointBody(999_999, [], probe))).text.trim());
        expect(Number.isSafeInteger(held) && held > 0).toBe(true);
        const forged = signNote(encodeCheckpoint({ origin: layout.chainId, size: held, root: new Uint8Array(32).fill(9) as Hash32,
          extensions: [] }), signers);
        answer = await post(addCheckpointBody(held, [], forged));
      }
      expect(answer.status).toBe(409);
      expect(answer.text).toMatch(/^WITNESS_FORK: /);
    }
  }, 20_000);
});
