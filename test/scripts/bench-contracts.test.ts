// bench:contracts without processes: its genesis, the contracts it signs (checked by the chain's own
// case rules), the schedule's counting of due entries, and the carry-over and CPU figures it draws
// from a window's blocks.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeTx } from '../../src/codec/index.js';
import { evidenceCountKey } from '../../src/state/keys.js';
import { MapStateView } from '../../src/state/view.js';
import { DEFAULT_PARAMS, parseGenesis } from '../../src/state/genesis.js';
import { openCase } from '../../src/state/cases/terms.js';
import type { CaseTermsMsg } from '../../src/state/cases/record.js';
import { toHex } from '../../src/types/index.js';
import type { CpuSnapshot } from '../../scripts/bench-lib.js';
import { parse, type Args } from '../../scripts/bench-contracts/args.js';
import {
  anchoredDigest, benchTestnetFiles, dueAtMs, dueBy, makeSchedule, presignAnchors, presignCases,
} from '../../scripts/bench-contracts/setup.js';
import { windowFigures, type BlockFacts, type WindowRun } from '../../scripts/bench-contracts/windows.js';

const root = mkdtempSync(join(tmpdir(), 'tianping-bench-contracts-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const quickArgs = (extra: readonly string[] = []): Args => {
  const args = parse(['--quick', ...extra]);
  if (args === 'help') throw new Error('unexpected help');
  return args;
};

describe('the bench genesis', () => {
  it('admits the court key and sets caseEventsPerBlockMax, as the node parses it', () => {
    const { layout, court } = benchTestnetFiles(join(root, 'net'), quickArgs(['--events-max', '1234']));
    const genesis = parseGenesis(JSON.parse(readFileSync(layout.genesisFile, 'utf8')));
    expect(genesis.params.caseEventsPerBlockMax).toBe(1234);
    const member = genesis.members.find((m) => m.role === 'court');
    expect(member).toBeDefined();
    expect(member!.publicKey).toBe(toHex(court.publicKey));
  });
});

describe('the schedule', () => {
  const args = quickArgs(['--contracts', '777', '--rounds', '2']);
  const s = makeSchedule(args, 1_000_000, 0.75);

  it('counts the entries due by a time as the due times of the contracts say', () => {
    for (const r of [0, 1]) {
      const times = Array.from({ length: s.contracts }, (_, k) => dueAtMs(s, k, r));
      const probes = [s.contractStartsMs[r]! - 5, ...times.slice(0, 5), ...times.slice(-3), times[400]! - 1, times[400]!,
        s.contractStartsMs[r]! + s.windowMs];
      for (const t of probes) expect(dueBy(s, r, t)).toBe(times.filter((due) => due <= t).length);
    }
  });

  it('puts every due time inside its contracts window, after the control window of its round', () => {
    for (let r = 0; r < s.rounds; r++) {
      expect(s.contractStartsMs[r]!).toBeGreaterThanOrEqual(s.controlStartsMs[r]! + s.windowMs + s.gapMs);
      expect(dueAtMs(s, 0, r)).toBeGreaterThan(s.contractStartsMs[r]!);
      expect(dueAtMs(s, s.contracts - 1, r)).toBeLessThanOrEqual(s.contractStartsMs[r]! + s.windowMs);
    }
  });
});

describe('the contracts the court signs', () => {
  it('pass the chain\'s case rules once their documents are anchored, and are refused before', async () => {
    const { layout, submitter, court } = benchTestnetFiles(join(root, 'net-cases'), quickArgs());
    const documents = presignAnchors(layout, submitter, 3, 1);
    const s = makeSchedule(quickArgs(['--contracts', '3', '--rounds', '2']), Date.now() + 60_000, 0.75);
    const cases = presignCases(layout.chainId, court, documents.map(anchoredDigest), s);
    const view = new MapStateView(new Map(documents.map((d) => [evidenceCountKey(1, anchoredDigest(d)), Uint8Array.of(0, 0, 0, 1)])));
    for (const [k, tx] of cases.entries()) {
      const body = decodeTx(tx.bytes, DEFAULT_PARAMS.txBytesMax).body;
      expect(toHex(body.signer)).toBe(toHex(court.publicKey));
      const terms = body.caseCreate!.terms as unknown as CaseTermsMsg;
      const record = await openCase(terms, view, Date.now());
      expect(record.instalments.map((i) => i.legalAtMs)).toEqual([dueAtMs(s, k, 0), dueAtMs(s, k, 1)]);
      await expect(openCase(terms, new MapStateView(), Date.now()))
        .rejects.toMatchObject({ code: 'CASE_DOCUMENT_NOT_ANCHORED' });
    }
  });
});

describe('the figures of a window', () => {
  const args = quickArgs(['--contracts', '1000', '--rounds', '1', '--window', '10', '--gap', '5']);
  const s = makeSchedule(args, 100_000, 0.5);
  const snapshot = (atMs: number, nodesMs: number[]): CpuSnapshot => ({ atMs, nodesMs, clientMs: 0, machineBusyMs: undefined });
  const control: WindowRun = { kind: 'control', round: 0, startMs: s.controlStartsMs[0]!, endMs: s.controlStartsMs[0]! + 10_000,
    from: snapshot(s.controlStartsMs[0]!, [0, 0]), to: snapshot(s.controlStartsMs[0]! + 10_000, [500, 500]), sentTps: 100,
    p50Ms: 1, p99Ms: 2, errors: {} };
  const start = s.contractStartsMs[0]!;
  const contracts: WindowRun = { ...control, kind: 'contracts', startMs: start, endMs: start + 10_000,
    from: snapshot(start, [1000, 1000]), to: snapshot(start + 10_000, [1600, 1600]) };
  // 1,000 entries due evenly over 5 s; a block each second taking at most 150: the clock falls behind.
  const blocks: BlockFacts[] = [
    { height: 1, timeMs: control.startMs + 5_000, txCount: 500, eventCount: 0 },
    { height: 2, timeMs: control.startMs + 10_000, txCount: 400, eventCount: 0 },
    ...Array.from({ length: 10 }, (_, i) => ({ height: 3 + i, timeMs: start + 1_000 * (i + 1), txCount: 100,
      eventCount: i < 6 ? 150 : i === 6 ? 100 : 0 })),
  ];

  it('gives CPU per committed anchor and the clock\'s carry-over', () => {
    const [c, k] = windowFigures(s, [control, contracts], blocks);
    expect(c!.anchorsCommitted).toBe(900);
    expect(c!.nodeCpuMsPerAnchor).toBeCloseTo(1000 / 900, 9);
    expect(c!.clock.events).toBe(0);
    expect(k!.anchorsCommitted).toBe(1000);
    expect(k!.nodeCpuMsPerAnchor).toBeCloseTo(1200 / 1000, 9);
    expect(k!.clock).toMatchObject({ events: 1000, blocksWithEvents: 7, maxEventsPerBlock: 150, p99EventsPerBlock: 150 });
    // After block t (s): due min(1000, 200 t), processed 150 t up to 900, then 1000 at 7 s.
    const backlogs = [1, 2, 3, 4, 5, 6, 7].map((t) => Math.min(1000, 200 * t) - Math.min(1000, 150 * t + (t === 7 ? 100 : 0)));
    expect(k!.clock.maxBacklog).toBe(Math.max(...backlogs));
    expect(k!.clock.carriedBlocks).toBe(backlogs.filter((b) => b > 0).length);
    const lastDueMs = dueAtMs(s, s.contracts - 1, 0);
    expect(k!.clock.lastEntryLagMs).toBe(start + 7_000 - lastDueMs);
  });
});
