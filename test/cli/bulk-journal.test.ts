// The bulk anchor's journal and progress line, without a node: a torn last line is cut off and
// nothing it named counts, a journal that does not add up is refused, item runs round-trip, and the
// progress line says what a person needs (counts, rate, ETA) on a terminal and in a log.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JournalError, JournalWriter, fromRuns, readJournal, toRuns, type JournalRecord, type RunRecord }
  from '../../src/cli/bulk/journal.js';
import { Progress, formatSeconds, type ProgressCounts } from '../../src/cli/bulk/progress.js';
import { BulkState } from '../../src/cli/bulk/state.js';

const RUN: RunRecord = { type: 'run', version: 1, chainId: 'c', signer: 'ab'.repeat(32), mode: 'indexed', algorithm: 'sha256',
  category: 'copyright', salted: false };
const digest = (i: number): string => i.toString(16).padStart(64, '0');
const item = (n: number, path = `f${n}`): JournalRecord => ({ type: 'item', n, path, sizeBytes: 1, mtimeMs: 1, digest: digest(n + 1) });
const batch = (b: number, items: [number, number][]): JournalRecord => ({ type: 'batch', b, txHash: digest(100 + b), tx: 'AAAA',
  expiresAtMs: 1, items });
const lines = (records: readonly JournalRecord[]): string => records.map((r) => JSON.stringify(r) + '\n').join('');

describe('bulk journal', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tianping-journal-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('cuts off a torn last line, and appends after the last whole one', async () => {
    const path = join(dir, 'torn.jsonl');
    const whole = lines([RUN, item(0), item(1)]);
    writeFileSync(path, whole + '{"type":"batch","b":0,"txH');
    const read = await readJournal(path);
    expect(read?.records.map((r) => r.type)).toEqual(['run', 'item', 'item']);
    expect(read?.validBytes).toBe(Buffer.byteLength(whole));
    const writer = await JournalWriter.open(path, read!.validBytes);
    await writer.appendSynced(batch(0, [[0, 2]]));
    await writer.close();
    const again = await readJournal(path);
    expect(again?.records.map((r) => r.type)).toEqual(['run', 'item', 'item', 'batch']);
    expect(readFileSync(path, 'utf8')).toBe(whole + lines([batch(0, [[0, 2]])]));
  });

  it('treats an unparsable last line as torn, but refuses one in the middle', async () => {
    const last = join(dir, 'last.jsonl');
    writeFileSync(last, lines([RUN, item(0)]) + '{"type":\n');
    expect((await readJournal(last))?.records).toHaveLength(2);
    const middle = join(dir, 'middle.jsonl');
    writeFileSync(middle, lines([RUN]) + 'garbage\n' + lines([item(0)]));
    await expect(readJournal(middle)).rejects.toThrow(JournalError);
    expect(await readJournal(join(dir, 'none.jsonl'))).toBeUndefined();
  });

  it('buffers appends until sync, which makes them durable in order', async () => {
    const path = join(dir, 'order.jsonl');
    const writer = await JournalWriter.open(path, 0);
    await writer.append(RUN);
    await writer.append(item(0));
    expect(readFileSync(path, 'utf8')).toBe('');
    await writer.appendSynced(batch(0, [[0, 1]]));
    expect(readFileSync(path, 'utf8')).toBe(lines([RUN, item(0), batch(0, [[0, 1]])]));
    await writer.close();
  });

  it('replays items, batches, commits and supersessions, and refuses a journal that does not add up', () => {
    const state = BulkState.replay([RUN, item(0), item(1), item(2), batch(0, [[0, 2]]),
      { type: 'committed', b: 0, height: 5, txIndex: 0, blockTimeMs: 9 }, batch(1, [[2, 1]]), { type: 'superseded', b: 1, reason: 'expired' }],
    'j');
    expect(state.batches.map((b) => b.state)).toEqual(['committed', 'superseded']);
    expect(state.items.map((i) => i.batch?.b)).toEqual([0, 0, undefined]);
    expect(state.batches[0]!.committedEarlier).toBe(true);
    // Only items of a batch that may still commit carry their digests.
    expect([...state.byDigest.keys()]).toEqual([digest(1), digest(2)]);

    const refused = (records: JournalRecord[]): void => {
      expect(() => BulkState.replay(records, 'j')).toThrow(JournalError);
    };
    refused([item(0)]);
    refused([RUN, item(1)]);
    refused([RUN, item(0), batch(0, [[0, 2]])]);
    refused([RUN, item(0), batch(0, [[0, 1]]), batch(1, [[0, 1]])]);
    refused([RUN, item(0), { type: 'committed', b: 0, height: 1, txIndex: 0, blockTimeMs: 1 }]);
    refused([RUN, item(0, '../escape')]);
    refused([RUN, { ...item(0), salt: digest(7) } as JournalRecord]);
  });

  it('writes item numbers as runs and reads them back', () => {
    const numbers = [0, 1, 2, 3, 7, 8, 10];
    expect(toRuns(numbers)).toEqual([[0, 4], [7, 2], [10, 1]]);
    expect(fromRuns(toRuns(numbers))).toEqual(numbers);
    expect(toRuns([])).toEqual([]);
  });
});

describe('bulk progress', () => {
  function progress(isTty: boolean): { progress: Progress; counts: ProgressCounts & Record<string, number>; out: string[]; clock: { ms: number } } {
    const counts = { total: 100, hashed: 0, submitted: 0, committed: 0 };
    const out: string[] = [];
    const clock = { ms: 1_000_000 };
    return { progress: new Progress({ counts: () => counts, write: (t) => out.push(t), isTty, nowMs: () => clock.ms, plainIntervalMs: 3_600_000,
      ttyIntervalMs: 3_600_000 }), counts, out, clock };
  }

  it('shows counts, rate and an ETA once something moved', () => {
    const { progress: p, counts, clock } = progress(false);
    p.start();
    expect(p.line()).toMatch(/^hashed 0\/100 · submitted 0 · committed 0 · 0\.0 items\/s · ETA \?$/);
    clock.ms += 10_000;
    Object.assign(counts, { hashed: 50, submitted: 20, committed: 20 });
    // Hashing 5/s, committing 2/s: committing sets the pace, 80 items left at 2/s.
    expect(p.line()).toBe('hashed 50/100 · submitted 20 · committed 20 · 2.0 items/s · ETA 40s');
    p.stop();
  });

  it('does not count what the journal had done before toward the rate', () => {
    const { progress: p, counts, clock } = progress(false);
    Object.assign(counts, { hashed: 90, submitted: 90, committed: 90 });
    p.start();
    clock.ms += 5_000;
    Object.assign(counts, { hashed: 100, submitted: 100, committed: 95 });
    expect(p.line()).toBe('hashed 100/100 · submitted 100 · committed 95 · 1.0 items/s · ETA 5s');
    p.stop();
  });

  it('redraws one line on a terminal, prints plain lines elsewhere', () => {
    const tty = progress(true);
    tty.progress.start();
    tty.progress.note('a warning');
    tty.progress.stop();
    expect(tty.out[0]).toBe('a warning\n');
    expect(tty.out[1]?.startsWith('\r\u001b[Khashed ')).toBe(true);
    expect(tty.out[2]).toBe('\n');
    const plain = progress(false);
    plain.progress.start();
    plain.progress.stop();
    expect(plain.out).toHaveLength(1);
    expect(plain.out[0]).toMatch(/^hashed 0\/100 .*\n$/);
    expect(plain.out.join('')).not.toContain('\r');
  });

  it('formats durations', () => {
    expect([formatSeconds(0), formatSeconds(59.2), formatSeconds(61), formatSeconds(7322)]).toEqual(['0s', '1m00s', '1m01s', '2h02m']);
  });
});
