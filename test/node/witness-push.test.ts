// The node's push of checkpoints to witnesses (node/witness-push.ts) against witnesses that fail in
// the ways a network does: unreachable, refusing, answering with a cosignature under another key,
// holding a larger size than the node's; and the record beside the ledger (node/witness-cosigned.ts).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ed25519NoteSigner, encodeCheckpoint, signNote } from '../../src/checkpoint/index.js';
import { COSIGNED_FILE, mergeCosigned } from '../../src/node/witness-cosigned.js';
import { BACKOFF_MAX_MS, WitnessPush, witnessTargets } from '../../src/node/witness-push.js';
import { asTimeMs, type Hash32, type Timers } from '../../src/types/index.js';
import { ed25519Cosigner, encodeCosignerKey, type WitnessReply } from '../../src/witness/index.js';
import { seedKey } from '../helpers/chain.js';

const ORIGIN = 'tianping-push-test';
const logKey = seedKey('push log');
const cosigners = ['a.example/w', 'b.example/w'].map((name) => ed25519Cosigner(name, seedKey(name)));
const list = cosigners.map((c, i) => `http://w${i}.invalid ${encodeCosignerKey(c.name, c.publicKey)}`);
const still: Timers = { schedule: () => () => undefined, elapsedMs: () => 0 };
const noteOf = (size: number): string =>
  signNote(encodeCheckpoint({ origin: ORIGIN, size, root: new Uint8Array(32).fill(size) as Hash32, extensions: [] }),
    [ed25519NoteSigner(ORIGIN, logKey)]);
const textOf = (note: string): string => note.slice(0, note.lastIndexOf('\n\n') + 1);

let dir: string;
let tip: number;
let nowMs: number;
let answer: (witness: number, body: string) => WitnessReply | Error;
let posted: number[];

function pusher(): WitnessPush {
  return new WitnessPush({
    witnesses: witnessTargets(list), intervalMs: 1_000, everyHeights: 0, dataDir: dir,
    checkpoint: () => Promise.resolve(noteOf(tip - 1)), tipHeight: () => tip,
    consistency: () => Promise.resolve({ proof: ['ab'.repeat(32)] }), timers: still, clock: { nowMs: () => asTimeMs(nowMs) },
    logger: pino({ level: 'silent' }),
    post: (url, body) => {
      const i = Number(/w(\d)/.exec(url)![1]);
      posted.push(i);
      const reply = answer(i, body);
      return reply instanceof Error ? Promise.reject(reply) : Promise.resolve(reply);
    },
  });
}

const cosign = (i: number, body: string): WitnessReply => {
  const note = body.slice(body.indexOf('\n\n') + 2);
  return { status: 200, contentType: 'text/plain', body: cosigners[i]!.cosign(textOf(note), 1_760_000_000) };
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tianping-push-'));
  tip = 10;
  nowMs = 1_000_000;
  posted = [];
  answer = cosign;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('WitnessPush', () => {
  it('pushes one note to every witness, keeps the cosigned notes on disk, and merges their lines', async () => {
    const push = pusher();
    push.start();
    await push.runRound();
    expect(posted.sort()).toEqual([0, 1]);
    const merged = push.cosigned(2)!;
    expect(merged.size).toBe(9);
    for (const c of cosigners) expect(merged.note).toContain(`\u2014 ${c.name} `);
    expect(JSON.parse(readFileSync(join(dir, COSIGNED_FILE), 'utf8'))).toMatchObject({ version: 1 });
    // Nothing committed since: no round.
    await push.runRound();
    expect(posted.sort()).toEqual([0, 1]);
  });

  it('backs off a failing witness, doubling up to the cap, and keeps serving what the other cosigned', async () => {
    answer = (i, body) => (i === 1 ? new Error('connection refused') : cosign(i, body));
    const push = pusher();
    push.start();
    await push.runRound();
    expect(push.cosigned(1)?.size).toBe(9);
    expect(push.cosigned(2)).toBeUndefined();
    tip = 11;
    nowMs += 500;
    posted = [];
    await push.runRound();
    expect(posted).toEqual([0]);
    // Past the first backoff (one interval) it is tried again, and fails again: two intervals now.
    for (const wait of [1_000, 2_000]) {
      tip++;
      nowMs += wait;
      posted = [];
      await push.runRound();
      expect(posted.sort()).toEqual([0, 1]);
    }
    expect(BACKOFF_MAX_MS).toBe(600_000);
  });

  it('refuses a cosignature that does not verify under the configured key', async () => {
    answer = (i, body) => (i === 1 ? cosign(0, body) : cosign(i, body));
    const push = pusher();
    push.start();
    await push.runRound();
    expect(push.cosigned(2)).toBeUndefined();
    expect(push.cosigned(1)!.note).not.toContain(`\u2014 ${cosigners[1]!.name} `);
  });

  it('takes a larger size held by a witness as no failure, and proves from it next round', async () => {
    answer = (i, body) => (body.startsWith('old 0\n') ? { status: 409, contentType: 'text/x.tlog.size', body: '12\n' } : cosign(i, body));
    const push = pusher();
    push.start();
    await push.runRound();
    expect(push.cosigned(1)).toBeUndefined();
    tip = 20;
    nowMs += 10;
    posted = [];
    const bodies: string[] = [];
    answer = (i, body) => {
      bodies.push(body);
      return cosign(i, body);
    };
    await push.runRound();
    expect(posted.sort()).toEqual([0, 1]);
    expect(bodies.every((body) => body.startsWith('old 12\n'))).toBe(true);
    expect(push.cosigned(2)?.size).toBe(19);
  });

  it('starts without a record that does not read, and a restart reads the one it wrote', async () => {
    writeFileSync(join(dir, COSIGNED_FILE), '{"version": 7}');
    const push = pusher();
    push.start();
    expect(push.cosigned(1)).toBeUndefined();
    await push.runRound();
    const again = pusher();
    again.start();
    expect(again.cosigned(2)).toEqual(push.cosigned(2));
  });
});

describe('mergeCosigned', () => {
  it('takes the largest size with enough witnesses, and never merges two texts of one size', () => {
    const [a, b] = cosigners;
    const at = (size: number, who: typeof a): string => noteOf(size) + who!.cosign(textOf(noteOf(size)), 1);
    const records = new Map([
      ['a', { held: 9, cosigned: { size: 9, note: at(9, a) } }],
      ['b', { held: 7, cosigned: { size: 7, note: at(7, b) } }],
    ]);
    expect(mergeCosigned(records, 1)?.size).toBe(9);
    expect(mergeCosigned(records, 2)).toBeUndefined();
    const other = signNote(encodeCheckpoint({ origin: ORIGIN, size: 9, root: new Uint8Array(32).fill(1) as Hash32, extensions: [] }),
      [ed25519NoteSigner(ORIGIN, logKey)]);
    records.set('b', { held: 9, cosigned: { size: 9, note: other + b!.cosign(textOf(other), 1) } });
    expect(mergeCosigned(records, 1)!.note).not.toContain(b!.name);
  });
});
