// Figures of a chaos run from what it recorded: percentiles, each node's RSS peak and its slope over
// the last half of the run, disk bytes per acked anchor, the resource table a soak prints every
// 5 minutes, and the one JSON line that ends the summary.
import type { Sample } from './observe.js';

const MB = 1024 * 1024;
const HOUR_MS = 3_600_000;

/** The soak's limit on RSS growth over its last half (the last 30 minutes of an hour). */
export const RSS_SLOPE_LIMIT_MB_PER_HOUR = 20;
/** RSS of a process in its first minutes after a start is warm-up, not growth: measured in the 20-minute
 *  runs, a restarted node's RSS rises for 5 to 10 minutes (193 to 257 MB in its first 5) before it levels. */
export const RSS_WARMUP_MS = 10 * 60_000;
/** A node's slope is judged when its window (last half, after warm-up) covers at least this share of the half. */
const RSS_WINDOW_SHARE_MIN = 0.5;

export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Least-squares slope of y over x (per unit of x), or null with fewer than two distinct x. */
export function slope(points: readonly (readonly [number, number])[]): number | null {
  if (points.length < 2) return null;
  const n = points.length;
  const meanX = points.reduce((s, [x]) => s + x, 0) / n;
  const meanY = points.reduce((s, [, y]) => s + y, 0) / n;
  let num = 0;
  let den = 0;
  for (const [x, y] of points) {
    num += (x - meanX) * (y - meanY);
    den += (x - meanX) ** 2;
  }
  return den === 0 ? null : num / den;
}

const round = (value: number | null, digits = 1): number | null =>
  value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits;

export interface NodeFigures {
  readonly rssPeakMB: number | null;
  /** RSS growth over the last half of the run, MB per hour (restarts within it reset the process). */
  readonly rssSlopeMBPerHour: number | null;
  /** Minutes of the last half that the slope covers (the last process's samples, after its warm-up), and
   *  where that window starts, in minutes from the first sample. */
  readonly rssWindowMin: number | null;
  readonly rssWindowFromMin: number | null;
  /** The same slope for the anonymous and the file-backed part of RSS, and for V8's reserved heap. */
  readonly rssAnonSlopeMBPerHour: number | null;
  readonly rssFileSlopeMBPerHour: number | null;
  readonly heapTotalSlopeMBPerHour: number | null;
  readonly externalPeakMB: number | null;
  readonly heapPeakMB: number | null;
  readonly fdsPeak: number | null;
  readonly dataDirMB: number | null;
  readonly diskBytesPerAnchor: number | null;
}

export function nodeFigures(samples: readonly Sample[], acked: number): Record<string, NodeFigures> {
  const byNode = new Map<string, Sample[]>();
  for (const sample of samples) {
    const list = byNode.get(sample.node);
    if (list === undefined) byNode.set(sample.node, [sample]);
    else list.push(sample);
  }
  const out: Record<string, NodeFigures> = {};
  for (const [node, list] of byNode) {
    const startMs = list[0]!.atMs;
    const endMs = list[list.length - 1]!.atMs;
    // Only the last process's samples, from the later of the half's start and the end of its warm-up:
    // a restart drops RSS, and a fresh process fills its caches, JIT code and LevelDB's tables for
    // minutes; neither is a leak's slope.
    const withRss = list.filter((s) => s.rssBytes !== null);
    const lastPid = withRss[withRss.length - 1]?.pid;
    const processStartMs = withRss.find((s) => s.pid === lastPid)?.atMs ?? startMs;
    const windowStartMs = Math.max((startMs + endMs) / 2, processStartMs + RSS_WARMUP_MS);
    const lastProcess = withRss.filter((s) => s.pid === lastPid && s.atMs >= windowStartMs);
    const slopeMBPerHour = (bytes: (s: Sample) => number | null): number | null => {
      const points = lastProcess.flatMap((s) => { const y = bytes(s); return y === null ? [] : [[s.atMs, y] as const]; });
      const perMs = slope(points);
      return round(perMs === null ? null : (perMs * HOUR_MS) / MB);
    };
    const max = (values: (number | null)[]): number | null => {
      const known = values.filter((v): v is number => v !== null);
      return known.length === 0 ? null : Math.max(...known);
    };
    const grownBytes = list[list.length - 1]!.dataDirBytes - list[0]!.dataDirBytes;
    const ackedInWindow = list[list.length - 1]!.acked - list[0]!.acked;
    out[node] = {
      rssPeakMB: round(mbOf(max(list.map((s) => s.rssBytes)))),
      rssSlopeMBPerHour: slopeMBPerHour((s) => s.rssBytes),
      rssWindowMin: lastProcess.length < 2 ? null : round((lastProcess[lastProcess.length - 1]!.atMs - lastProcess[0]!.atMs) / 60_000),
      rssWindowFromMin: lastProcess.length < 2 ? null : round((lastProcess[0]!.atMs - startMs) / 60_000),
      rssAnonSlopeMBPerHour: slopeMBPerHour((s) => s.rssAnonBytes),
      rssFileSlopeMBPerHour: slopeMBPerHour((s) => s.rssFileBytes),
      heapTotalSlopeMBPerHour: slopeMBPerHour((s) => s.heapTotalBytes),
      externalPeakMB: round(mbOf(max(list.map((s) => s.externalBytes)))),
      heapPeakMB: round(mbOf(max(list.map((s) => s.heapUsedBytes)))),
      fdsPeak: max(list.map((s) => s.fds)),
      dataDirMB: round(mbOf(list[list.length - 1]!.dataDirBytes)),
      diskBytesPerAnchor: ackedInWindow > 0 && acked > 0 ? Math.round(grownBytes / ackedInWindow) : null,
    };
  }
  return out;
}

const mbOf = (bytes: number | null): number | null => (bytes === null ? null : bytes / MB);

/** The soak's periodic table: the latest sample of each node. */
export function resourceTable(samples: readonly Sample[], elapsedMs: number): string {
  const latest = new Map<string, Sample>();
  for (const sample of samples) latest.set(sample.node, sample);
  const first = new Map<string, Sample>();
  for (const sample of samples) if (!first.has(sample.node)) first.set(sample.node, sample);
  const cell = (value: number | null, digits = 1): string => (value === null ? '-' : value.toFixed(digits));
  const rows = [['node', 'height', 'rss MB', 'anon MB', 'file MB', 'heap MB', 'ext MB', 'fds', 'data MB', 'B/anchor', 'acked']];
  for (const [node, s] of latest) {
    const f = first.get(node)!;
    const perAnchor = s.acked > f.acked ? (s.dataDirBytes - f.dataDirBytes) / (s.acked - f.acked) : null;
    rows.push([node, String(s.height), cell(mbOf(s.rssBytes)), cell(mbOf(s.rssAnonBytes)),
      cell(mbOf(s.rssFileBytes)), cell(mbOf(s.heapUsedBytes)), cell(mbOf(s.externalBytes)), s.fds === null ? '-' : String(s.fds),
      cell(mbOf(s.dataDirBytes)), cell(perAnchor, 0), String(s.acked)]);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const lines = rows.map((r) => r.map((v, c) => (c === 0 ? v.padEnd(widths[c]!) : v.padStart(widths[c]!))).join('  '));
  return [`resources at +${Math.round(elapsedMs / 1000)} s:`, ...lines].join('\n');
}

export interface CheckVerdict {
  readonly phase: string;
  readonly ok: boolean | null;
  readonly failures: readonly string[];
  readonly counts: Readonly<Record<string, number>>;
  readonly note?: string;
}

export interface SummaryInput {
  readonly seed: number;
  readonly minutes: number;
  readonly mode: 'netns' | 'loopback';
  readonly soak: boolean;
  readonly capacityPerS: number | null;
  readonly ratePerS: number;
  readonly offered: number;
  readonly shed: number;
  readonly acked: number;
  readonly errors: Readonly<Record<string, number>>;
  readonly latenciesMs: readonly number[];
  readonly faultsByKind: Readonly<Record<string, number>>;
  readonly skipped: readonly string[];
  readonly recoveriesMs: readonly (number | null)[];
  readonly checks: readonly CheckVerdict[];
  readonly runFailures: readonly string[];
  readonly nodes: Readonly<Record<string, NodeFigures>>;
}

export function summaryLine(s: SummaryInput): Record<string, unknown> {
  const recovered = s.recoveriesMs.filter((v): v is number => v !== null);
  const perAnchor = Object.values(s.nodes).map((n) => n.diskBytesPerAnchor).filter((v): v is number => v !== null);
  // A checker not there yet (ok null) is reported as such, not as a failure of the run.
  const checkerOk = s.checks.every((c) => c.ok !== false);
  return {
    ok: checkerOk && s.runFailures.length === 0,
    seed: s.seed, minutes: s.minutes, mode: s.mode, soak: s.soak, capacityPerS: s.capacityPerS, ratePerS: s.ratePerS,
    anchorsAcked: s.acked, offered: s.offered, shed: s.shed, errors: s.errors,
    latencyMs: { p50: percentile(s.latenciesMs, 50), p99: percentile(s.latenciesMs, 99), max: percentile(s.latenciesMs, 100) },
    faultsByKind: s.faultsByKind, skipped: s.skipped,
    recoveryMs: { max: recovered.length === 0 ? null : Math.max(...recovered), p50: percentile(recovered, 50),
      unrecovered: s.recoveriesMs.length - recovered.length },
    checker: Object.fromEntries(s.checks.map((c) => [c.phase, { ok: c.ok, failures: c.failures.length, counts: c.counts,
      ...(c.note === undefined ? {} : { note: c.note }) }])),
    runFailures: s.runFailures.length,
    nodes: s.nodes,
    ...(s.soak ? { rss: rssVerdict(s.nodes, s.minutes) } : {}),
    diskBytesPerAnchor: perAnchor.length === 0 ? null : Math.round(perAnchor.reduce((a, b) => a + b, 0) / perAnchor.length),
  };
}


/** The highest RSS slope among the nodes whose window covers enough of the last half, against the limit. */
export function rssVerdict(nodes: Readonly<Record<string, NodeFigures>>, minutes: number): Record<string, unknown> {
  const halfMin = minutes / 2;
  const judged = Object.entries(nodes).filter(([, n]) => n.rssSlopeMBPerHour !== null
    && n.rssWindowMin !== null && n.rssWindowMin >= halfMin * RSS_WINDOW_SHARE_MIN);
  const slopes = judged.map(([, n]) => n.rssSlopeMBPerHour!);
  const slopeMax = slopes.length === 0 ? null : Math.max(...slopes);
  return {
    slopeMBPerHourMax: slopeMax, limitMBPerHour: RSS_SLOPE_LIMIT_MB_PER_HOUR,
    ratio: round(slopeMax === null ? null : slopeMax / RSS_SLOPE_LIMIT_MB_PER_HOUR, 2),
    judged: judged.map(([name]) => name),
    // Restarted too late for a window of half the half: reported in `nodes`, not judged.
    notJudged: Object.keys(nodes).filter((name) => !judged.some(([j]) => j === name)),
  };
}
