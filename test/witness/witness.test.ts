// The add-checkpoint protocol through the production Witness: what it cosigns, what it refuses
// with which status and code, and that its record survives a restart and no refusal moves it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { toBase64, utf8 } from '../../src/types/index.js';
import {
  FileWitnessStore, MemoryWitnessStore, WitnessError, encodeCosignerKey, parseLogSpec, verifyCosignatures, type Witness,
} from '../../src/witness/index.js';
import { COSIGNER, LOG_VKEYS, ORIGIN, bodyOf, makeWitness, noteOf, proofOf, rootOf } from './fixtures.js';

const WITNESS_VKEY = encodeCosignerKey(COSIGNER.name, COSIGNER.publicKey);

async function add(witness: Witness, oldSize: number, proof: readonly string[], note: string) {
  return witness.addCheckpoint(bodyOf(oldSize, proof, note));
}

/** Cosigns sizes in order from an empty record, each from the one before. */
async function advance(witness: Witness, ...sizes: number[]): Promise<void> {
  let old = witness.latest(ORIGIN)?.size ?? 0;
  for (const size of sizes) {
    const answer = await add(witness, old, old === 0 ? [] : proofOf(old, size), noteOf(size));
    expect(answer.status, answer.body).toBe(200);
    old = size;
  }
}

describe('add-checkpoint', () => {
  it('cosigns a first checkpoint and a consistent second one, recording each', async () => {
    const witness = makeWitness();
    const first = await add(witness, 0, [], noteOf(5));
    expect([first.status, first.contentType]).toEqual([200, 'text/plain; charset=utf-8']);
    expect(first.body).toMatch(/^— witness\.example\/w1 [A-Za-z0-9+/]+=*\n$/);
    expect(verifyCosignatures(noteOf(5) + first.body, [WITNESS_VKEY], 1).ok).toBe(true);
    expect(witness.latest(ORIGIN)).toEqual({ size: 5, root: rootOf(5) });

    const second = await add(witness, 5, proofOf(5, 13), noteOf(13));
    expect(second.status, second.body).toBe(200);
    const check = verifyCosignatures(noteOf(13) + second.body, [WITNESS_VKEY], 1);
    expect(check.verified).toEqual([{ name: COSIGNER.name, keyId: COSIGNER.keyId, timestamp: 1_760_000_000 }]);
    expect(witness.latest(ORIGIN)?.size).toBe(13);
    // The same checkpoint again (same size, same root) is cosigned again: nothing changed.
    expect((await add(witness, 13, [], noteOf(13))).status).toBe(200);
  });

  it('refuses a checkpoint of the recorded size with another root: a fork (409), record kept', async () => {
    const witness = makeWitness();
    await advance(witness, 8);
    const forged = rootOf(8).slice();
    forged[31] = forged[31]! ^ 1;
    const answer = await add(witness, 8, [], noteOf(8, { root: forged }));
    expect([answer.status, answer.code]).toEqual([409, 'WITNESS_FORK']);
    expect(witness.latest(ORIGIN)).toEqual({ size: 8, root: rootOf(8) });
  });

  it('refuses a smaller checkpoint: 409 with the size held, or 400 when the old size exceeds it', async () => {
    const witness = makeWitness();
    await advance(witness, 3, 20);
    const behind = await add(witness, 3, proofOf(3, 10), noteOf(10));
    expect([behind.status, behind.contentType, behind.body, behind.code]).toEqual([409, 'text/x.tlog.size', '20\n', 'WITNESS_OLD_SIZE_MISMATCH']);
    const fresh = await add(witness, 0, [], noteOf(10));
    expect([fresh.status, fresh.body]).toEqual([409, '20\n']);
    // An old size the witness never held, above its record or with no record at all: 409 too.
    const ahead = await add(witness, 25, proofOf(25, 30), noteOf(30));
    expect([ahead.status, ahead.body]).toEqual([409, '20\n']);
    const unseen = await add(makeWitness(), 5, proofOf(5, 30), noteOf(30));
    expect([unseen.status, unseen.body]).toEqual([409, '0\n']);
    const older = await add(witness, 20, [], noteOf(10));
    expect([older.status, older.code]).toEqual([400, 'WITNESS_OLD_SIZE_BEYOND_CHECKPOINT']);
    expect(witness.latest(ORIGIN)?.size).toBe(20);
  });

  it('refuses a consistency proof that does not verify (422) and a larger fork with an honest proof shape', async () => {
    const witness = makeWitness();
    await advance(witness, 6);
    const proof = proofOf(6, 11);
    const bent = proof.map((hash, i) => (i === 1 ? toBase64(utf8('x'.repeat(32))) : hash));
    expect((await add(witness, 6, bent, noteOf(11))).code).toBe('WITNESS_PROOF_INVALID');
    expect((await add(witness, 6, proof.slice(1), noteOf(11))).status).toBe(422);
    expect((await add(witness, 6, [], noteOf(11))).status).toBe(422);
    // A checkpoint of another history: its proof is of the right length but ties nothing to size 6.
    const other = rootOf(11).slice();
    other[0] = other[0]! ^ 0x80;
    expect((await add(witness, 6, proof, noteOf(11, { root: other }))).status).toBe(422);
    // A proof sent with the same size is no proof of equality.
    expect((await add(witness, 6, proofOf(5, 6), noteOf(6))).status).toBe(422);
    expect(witness.latest(ORIGIN)).toEqual({ size: 6, root: rootOf(6) });
    expect((await add(witness, 6, proof, noteOf(11))).status).toBe(200);
  });

  it('answers 404 for an unknown origin and 403 for a note no configured key signed (or signed badly)', async () => {
    const witness = makeWitness();
    const unknown = await add(witness, 0, [], noteOf(4, { origin: 'another-chain' }));
    expect([unknown.status, unknown.code]).toEqual([404, 'WITNESS_ORIGIN_UNKNOWN']);
    const strange = noteOf(4).replace(/— .*\n$/, '— tianping-witness-test AAAAAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKiss\n');
    expect((await add(witness, 0, [], strange)).code).toBe('WITNESS_LOG_SIGNATURE_MISSING');
    const note = noteOf(4);
    const line = note.slice(note.lastIndexOf('— '));
    const payload = Buffer.from(line.split(' ')[2]!.trim(), 'base64');
    payload[10] = payload[10]! ^ 1;
    const badSignature = note.replace(line, `— ${ORIGIN} ${payload.toString('base64')}\n`);
    expect((await add(witness, 0, [], badSignature)).status).toBe(403);
    expect(witness.latest(ORIGIN)).toBeUndefined();
  });

  it('counts the log\'s distinct signatures against the quorum', async () => {
    const witness = makeWitness(new MemoryWitnessStore(), 2);
    expect((await add(witness, 0, [], noteOf(4, { signers: [2] }))).status).toBe(403);
    expect((await add(witness, 0, [], noteOf(4, { signers: [0, 2] }))).status).toBe(200);
    expect(() => parseLogSpec(`${ORIGIN}=${LOG_VKEYS.join(',')}`, 4)).toThrow(WitnessError);
    expect(() => parseLogSpec(`${ORIGIN}=${LOG_VKEYS[0]},${LOG_VKEYS[0]}`, 1)).toThrow(/twice/);
    expect(() => parseLogSpec(`=${LOG_VKEYS[0]}`, 1)).toThrow(/ORIGIN=/);
  });

  it('answers 400 to malformed bodies', async () => {
    const witness = makeWitness();
    const note = noteOf(4);
    const cases = [
      '', 'old 0', `old 00\n\n${note}`, `old -1\n\n${note}`, `Old 0\n\n${note}`, `old 0\n${note}`, `old 0 \n\n${note}`,
      `old 1\nnot-base64\n\n${note}`, `old 1\n${toBase64(utf8('short'))}\n\n${note}`, `old 0\n\nno note at all\n`,
      `old 0\n\n${note.replace('\n4\n', '\n04\n')}`, `old 99999999999999999\n\n${note}`,
      `old 1\n${Array.from({ length: 64 }, () => toBase64(new Uint8Array(32))).join('\n')}\n\n${note}`,
    ];
    for (const body of cases) {
      const answer = await witness.addCheckpoint(utf8(body));
      expect([answer.status, answer.code], JSON.stringify(body)).toEqual([400, 'WITNESS_REQUEST_MALFORMED']);
    }
    expect(witness.latest(ORIGIN)).toBeUndefined();
  });
});

describe('the record', () => {
  let folder: string | undefined;
  afterEach(() => {
    if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
  });

  it('survives a restart in its file, and no refused request advances it', async () => {
    folder = mkdtempSync(join(tmpdir(), 'tianping-witness-'));
    const path = join(folder, 'witness-state.json');
    const first = makeWitness(new FileWitnessStore(path));
    await advance(first, 9);
    const forged = rootOf(12).slice();
    forged[5] = forged[5]! ^ 4;
    expect((await add(first, 9, proofOf(9, 12), noteOf(12, { root: forged }))).status).toBe(422);
    const saved = readFileSync(path, 'utf8');
    expect(JSON.parse(saved)).toEqual({ version: 1, logs: { [ORIGIN]: { size: 9, root: toBase64(rootOf(9)) } } });

    const restarted = makeWitness(new FileWitnessStore(path));
    await restarted.open();
    expect(restarted.latest(ORIGIN)).toEqual({ size: 9, root: rootOf(9) });
    // After the restart the witness still holds size 9: a fresh start from 0 is a conflict, a fork refused.
    expect((await add(restarted, 0, [], noteOf(12))).body).toBe('9\n');
    const fork = rootOf(9).slice();
    fork[0] = fork[0]! ^ 1;
    expect((await add(restarted, 9, [], noteOf(9, { root: fork }))).code).toBe('WITNESS_FORK');
    expect(readFileSync(path, 'utf8')).toBe(saved);
    expect((await add(restarted, 9, proofOf(9, 12), noteOf(12))).status).toBe(200);
    const again = makeWitness(new FileWitnessStore(path));
    await again.open();
    expect(again.latest(ORIGIN)?.size).toBe(12);
  });

  it('refuses to open a state file that does not parse', async () => {
    folder = mkdtempSync(join(tmpdir(), 'tianping-witness-'));
    const path = join(folder, 'witness-state.json');
    for (const text of ['{', '{"version":2,"logs":{}}', `{"version":1,"logs":{"${ORIGIN}":{"size":1.5,"root":"${toBase64(rootOf(1))}"}}}`,
      `{"version":1,"logs":{"${ORIGIN}":{"size":1,"root":"AAAA"}}}`]) {
      writeFileSync(path, text);
      await expect(makeWitness(new FileWitnessStore(path)).open()).rejects.toMatchObject({ code: 'WITNESS_STATE_INVALID' });
    }
  });

  it('checks and records one request at a time', async () => {
    const witness = makeWitness();
    await advance(witness, 2);
    // Both are checked against size 2: the second sent must find the record already at 30.
    const [larger, smaller] = await Promise.all([
      add(witness, 2, proofOf(2, 30), noteOf(30)),
      add(witness, 2, proofOf(2, 10), noteOf(10)),
    ]);
    expect([larger.status, smaller.status, smaller.body]).toEqual([200, 409, '30\n']);
    expect(witness.latest(ORIGIN)?.size).toBe(30);
  });
});
