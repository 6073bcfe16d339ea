// Two witnesses, as two organisations would run them, beside a real in-process node: `tianping
// witness submit` has each cosign the node's checkpoint at two heights, each cosignature verifies
// with verifyCosignatures, and both refuse checkpoints of another history signed with the same
// node key (what retired validator keys could sign).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import {
  ed25519NoteSigner, encodeCheckpoint, encodeVerifierKey, openNote, parseCheckpoint, parseVerifierKey, signNote,
} from '../../src/checkpoint/index.js';
import { run as runWitness, startWitness, type RunningWitness } from '../../src/cli/commands/witness.js';
import { toBase64, type Hash32 } from '../../src/types/index.js';
import { addCheckpointBody, ed25519Cosigner, parseLogSpec, verifyCosignatures } from '../../src/witness/index.js';
import { runInProcess } from '../cli/run-cli.js';
import { anchorTxBytes, digestOf, makeTestChain, seedKey } from '../helpers/chain.js';
import { startMemNode, type MemNode } from '../helpers/mem-node.js';

const chain = makeTestChain();
const chainId = chain.genesis.chainId;
const nodeVkey = encodeVerifierKey(chainId, chain.validator.publicKey);
let folder: string;
let node: MemNode;
let api: FastifyInstance;
let nodeUrl: string;
const witnesses: RunningWitness[] = [];

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'tianping-witness-e2e-'));
  node = await startMemNode(chain);
  api = node.app;
  nodeUrl = await api.listen({ host: '127.0.0.1', port: 0 });
  for (const [i, organisation] of ['court.example/witness', 'notary.example/witness'].entries()) {
    witnesses.push(await startWitness({
      cosigner: ed25519Cosigner(organisation, seedKey(`witness ${i}`)), logs: [parseLogSpec(`${chainId}=${nodeVkey}`, 1)],
      statePath: join(folder, `witness-${i}.json`), host: '127.0.0.1', port: 0,
    }));
  }
});
afterAll(async () => {
  for (const witness of witnesses) await witness.app.close();
  await node.stop();
  rmSync(folder, { recursive: true, force: true });
});

let anchors = 0;
async function commitAnchors(count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const tx = anchorTxBytes(chain, digestOf(`witnessed-${anchors++}`));
    const response = await api.inject({ method: 'POST', url: '/v1/txs?wait=commit', payload: { tx: toBase64(tx) } });
    expect(response.statusCode, response.body).toBe(200);
  }
}

/** Submits through the CLI; the first witness keeps a submit state file, the second is asked from 0 each time. */
async function submit(i: number): Promise<string> {
  const state = i === 0 ? ['--state', join(folder, 'submit.json')] : [];
  const result = await runInProcess(runWitness, ['submit', '--node', nodeUrl, '--witness', witnesses[i]!.url, ...state]);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

async function post(witness: RunningWitness, body: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`${witness.url}/add-checkpoint`, { method: 'POST', body });
  return { status: response.status, body: await response.text() };
}

describe('two witnesses beside a node', () => {
  it('cosign the node\'s checkpoints at two heights, and refuse another history signed by the node key', async () => {
    const sizes: number[] = [];
    for (const extra of [2, 3]) {
      await commitAnchors(extra);
      for (const i of [0, 1]) {
        const note = await submit(i);
        const { text } = openNote(note, [parseVerifierKey(nodeVkey)]);
        sizes[i] = parseCheckpoint(text).size;
        expect(verifyCosignatures(note, [witnesses[i]!.verifierKey], 1).ok).toBe(true);
        // Each cosigned only its own: the other witness's key finds nothing in this note.
        expect(verifyCosignatures(note, [witnesses[1 - i]!.verifierKey], 1).ok).toBe(false);
      }
    }
    expect(sizes[0]).toBeGreaterThanOrEqual(5);
    expect(JSON.parse(readFileSync(join(folder, 'witness-0.json'), 'utf8')).logs[chainId].size).toBe(sizes[0]);
    const submitState = JSON.parse(readFileSync(join(folder, 'submit.json'), 'utf8'));
    expect(submitState).toEqual({ version: 1, sizes: { [`${witnesses[0]!.url} ${chainId}`]: sizes[0] } });

    const signer = ed25519NoteSigner(chainId, chain.validator);
    for (const [i, witness] of witnesses.entries()) {
      const held = sizes[i]!;
      const root = new Uint8Array(32).fill(7 + i) as Hash32;
      const sameSize = signNote(encodeCheckpoint({ origin: chainId, size: held, root, extensions: [] }), [signer]);
      expect(await post(witness, addCheckpointBody(held, [], sameSize))).toMatchObject({ status: 409, body: expect.stringMatching(/^WITNESS_FORK/) });
      const larger = signNote(encodeCheckpoint({ origin: chainId, size: held + 4, root, extensions: [] }), [signer]);
      const fakeProof = [1, 2, 3].map((b) => toBase64(new Uint8Array(32).fill(b)));
      expect((await post(witness, addCheckpointBody(held, fakeProof, larger))).status).toBe(422);
      // A key that is not the log's gets nothing, whatever it signs.
      const stranger = signNote(encodeCheckpoint({ origin: chainId, size: held, root, extensions: [] }), [ed25519NoteSigner(chainId, seedKey('stranger'))]);
      expect((await post(witness, addCheckpointBody(held, [], stranger))).status).toBe(403);
      const answer = await fetch(witness.url);
      expect(await answer.text()).toBe(`${witness.verifierKey}\n`);
    }
    // The refusals moved neither witness: the honest node's next checkpoint is still cosigned.
    await commitAnchors(1);
    for (const i of [0, 1]) expect(verifyCosignatures(await submit(i), [witnesses[i]!.verifierKey], 1).ok).toBe(true);
  });

  it('reports a refusal as a negative answer, and usage errors in one line with exit 2', async () => {
    const otherLog = encodeVerifierKey(chainId, seedKey('another node').publicKey);
    const strict = await startWitness({
      cosigner: ed25519Cosigner('strict.example/witness', seedKey('strict witness')), logs: [parseLogSpec(`${chainId}=${otherLog}`, 1)],
      statePath: join(folder, 'strict.json'), host: '127.0.0.1', port: 0,
    });
    try {
      const refused = await runInProcess(runWitness, ['submit', '--node', nodeUrl, '--witness', strict.url, '--json']);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/^tianping witness submit: refused \(403\): /);
      expect(JSON.parse(refused.stdout)).toMatchObject({ ok: false, error: { code: 'WITNESS_LOG_SIGNATURE_MISSING', status: 403 } });
    } finally {
      await strict.app.close();
    }
    const key = join(folder, 'missing.key');
    for (const args of [
      ['start', '--state', 's.json', '--log', `${chainId}=${nodeVkey}`],
      ['start', '--key', key, '--state', 's.json'],
      ['start', '--key', key, '--state', 's.json', '--log', `${chainId}=not-a-key`],
      ['start', '--key', key, '--state', 's.json', '--log', `${chainId}=${nodeVkey}`, '--log-quorum', '2'],
      ['start', '--key', key, '--state', 's.json', '--log', `${chainId}=${nodeVkey}`, '--listen', 'localhost'],
      ['submit', '--node', nodeUrl],
      ['submit', '--witness', 'localhost:7380'],
      ['nonsense'],
    ]) {
      const result = await runInProcess(runWitness, args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr.split('\n').filter(Boolean), args.join(' ')).toHaveLength(1);
    }
  });
});

describe('tianping witness start as a process', () => {
  it('serves with a key from tianping keygen, prints its verifier key, and exits 0 on SIGTERM', async () => {
    const { spawn } = await import('node:child_process');
    const tsx = join(process.cwd(), 'node_modules/.bin/tsx');
    const main = join(process.cwd(), 'src/cli/main.ts');
    const keyFile = join(folder, 'process-witness.key');
    const keygen = await runInProcess((await import('../../src/cli/commands/keygen.js')).run, ['--out', keyFile]);
    expect(keygen.code, keygen.stderr).toBe(0);
    const child = spawn(tsx, [main, 'witness', 'start', '--key', keyFile, '--log', `${chainId}=${nodeVkey}`, '--name', 'process.example/w',
      '--state', join(folder, 'process-state.json'), '--listen', '127.0.0.1:0', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    for (let i = 0; i < 300 && !stdout.includes('}'); i++) await new Promise((done) => setTimeout(done, 50));
    const { verifierKey, url } = JSON.parse(stdout) as { verifierKey: string; url: string };
    expect(verifierKey.startsWith('process.example/w+')).toBe(true);
    expect(await (await fetch(url)).text()).toBe(`${verifierKey}\n`);
    const submitted = await runInProcess(runWitness, ['submit', '--node', nodeUrl, '--witness', url]);
    expect(verifyCosignatures(submitted.stdout, [verifierKey], 1).ok, submitted.stderr).toBe(true);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 30_000);
});
