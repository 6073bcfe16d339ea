import { describe, expect, it } from 'vitest';
import type { Sample } from '../../scripts/chaos/observe.js';
import { RSS_WARMUP_MS, nodeFigures, rssVerdict } from '../../scripts/chaos/report.js';

const MB = 1024 * 1024;
const MINUTE_MS = 60_000;
const SAMPLE_MS = 5_000;

/** Samples of one node over `minutes`, every 5 s, with the pid and RSS a function of the minute gives. */
function run(node: string, minutes: number, at: (minute: number) => { pid: number; rssMB: number }): Sample[] {
  const samples: Sample[] = [];
  for (let ms = 0; ms <= minutes * MINUTE_MS; ms += SAMPLE_MS) {
    const { pid, rssMB } = at(ms / MINUTE_MS);
    samples.push({ atMs: 1_000_000 + ms, node, pid, rssBytes: rssMB * MB, rssAnonBytes: (rssMB - 50) * MB, rssFileBytes: 50 * MB,
      heapUsedBytes: 60 * MB, heapTotalBytes: 100 * MB, externalBytes: 8 * MB, arrayBuffersBytes: 4 * MB, fds: 100,
      dataDirBytes: ms * 10, height: ms / 1000, acked: ms / 10 });
  }
  return samples;
}

/** A process's warm-up: RSS climbs 60 MB over its first 8 minutes, then holds. */
const warming = (sinceStartMin: number): number => 200 + 60 * Math.min(1, sinceStartMin / 8);

describe('chaos report: RSS slope of a soak', () => {
  it('measures a steady leak in the last half and judges it against the limit', () => {
    const leaking = run('node1', 60, (minute) => ({ pid: 1, rssMB: warming(minute) + (40 * minute) / 60 }));
    const nodes = nodeFigures(leaking, 1);
    expect(nodes['node1']!.rssSlopeMBPerHour).toBeCloseTo(40, 0);
    expect(nodes['node1']!.rssWindowFromMin).toBeCloseTo(30, 0);
    const verdict = rssVerdict(nodes, 60);
    expect(verdict['judged']).toEqual(['node1']);
    expect(verdict['ratio']).toBeCloseTo(2, 1);
  });

  it('leaves out a restarted process\'s warm-up, and does not judge one restarted too late', () => {
    const restartedEarly = run('node2', 60, (minute) => (minute < 26
      ? { pid: 1, rssMB: warming(minute) }
      : { pid: 2, rssMB: warming(minute - 26) }));
    const restartedLate = run('node3', 60, (minute) => (minute < 50
      ? { pid: 1, rssMB: warming(minute) }
      : { pid: 2, rssMB: warming(minute - 50) }));
    const nodes = nodeFigures([...restartedEarly, ...restartedLate], 1);
    // The window starts once the new process has run RSS_WARMUP_MS: flat from there.
    expect(nodes['node2']!.rssWindowFromMin).toBeCloseTo(26 + RSS_WARMUP_MS / MINUTE_MS, 0);
    expect(Math.abs(nodes['node2']!.rssSlopeMBPerHour!)).toBeLessThan(1);
    expect(nodes['node3']!.rssSlopeMBPerHour).toBeNull();
    const verdict = rssVerdict(nodes, 60);
    expect(verdict['judged']).toEqual(['node2']);
    expect(verdict['notJudged']).toEqual(['node3']);
    expect(verdict['slopeMBPerHourMax']).toBeLessThan(1);
  });
});
