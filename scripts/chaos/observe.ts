// What a chaos run watches while it runs: each node's height (GET /v1/status every POLL_MS; the
// first time a height is seen goes to heights.jsonl), and every SAMPLE_MS a resource sample per node
// (RSS and open files from /proc, the data directory's bytes, the heap the node reports).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { TestnetLayout } from '../testnet-lib.js';
import type { JsonlWriter } from './jsonl.js';

const POLL_MS = 250;
const STATUS_TIMEOUT_MS = 1_500;
export const SAMPLE_MS = 5_000;
const DIR_ENTRIES_MAX = 100_000;

export interface NodeView {
  height: number;
  seenAtMs: number;
  halted: boolean;
  heapUsedBytes: number | null;
  memory: ReportedMemory | null;
}

/** What the node's status says of its memory beside the heap in use (absent from older nodes). */
export interface ReportedMemory {
  readonly heapTotalBytes: number | null;
  readonly externalBytes: number | null;
  readonly arrayBuffersBytes: number | null;
}

export interface Sample {
  readonly atMs: number;
  readonly node: string;
  readonly pid: number | null;
  readonly rssBytes: number | null;
  /** RSS split as the kernel counts it: anonymous (heap, malloc) and file-backed (LevelDB's mapped tables, code). */
  readonly rssAnonBytes: number | null;
  readonly rssFileBytes: number | null;
  readonly heapUsedBytes: number | null;
  readonly heapTotalBytes: number | null;
  readonly externalBytes: number | null;
  readonly arrayBuffersBytes: number | null;
  readonly fds: number | null;
  readonly dataDirBytes: number;
  readonly height: number;
  readonly acked: number;
}

export interface ObserverOptions {
  readonly layout: TestnetLayout;
  readonly heights: JsonlWriter;
  readonly samples: JsonlWriter;
  /** The node's pid while it runs and is not paused (a paused node is not asked: it cannot answer). */
  readonly pidOf: (name: string) => number | undefined;
  readonly isUp: (name: string) => boolean;
  readonly acked: () => number;
}

export class Observer {
  readonly views = new Map<string, NodeView>();
  /** Every sample, for the summary (a soak of an hour is 720 per node). */
  readonly allSamples: Sample[] = [];
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly busy = new Set<string>();
  private readonly recorded = new Map<string, number>();

  constructor(private readonly o: ObserverOptions) {
    for (const node of o.layout.nodes) this.views.set(node.name, { height: 0, seenAtMs: 0, halted: false, heapUsedBytes: null, memory: null });
  }

  start(): void {
    this.timers.push(setInterval(() => this.pollAll(), POLL_MS), setInterval(() => this.sampleAll(), SAMPLE_MS));
  }

  stop(): void {
    this.timers.splice(0).forEach((timer) => clearInterval(timer));
  }

  height(name: string): number {
    return this.views.get(name)?.height ?? 0;
  }

  /** The highest height any node has been seen at. */
  maxHeight(): number {
    return Math.max(0, ...[...this.views.values()].map((v) => v.height));
  }

  private pollAll(): void {
    for (const node of this.o.layout.nodes) {
      if (this.busy.has(node.name) || !this.o.isUp(node.name)) continue;
      this.busy.add(node.name);
      void this.poll(node.name, node.apiUrl).finally(() => this.busy.delete(node.name));
    }
  }

  private async poll(name: string, apiUrl: string): Promise<void> {
    let status: { latestHeight?: unknown; halted?: unknown; process?: Record<string, unknown> };
    try {
      const response = await fetch(`${apiUrl}/v1/status`, { signal: AbortSignal.timeout(STATUS_TIMEOUT_MS) });
      status = (await response.json()) as typeof status;
    } catch {
      return; // down, paused or cut off: the next poll tries again
    }
    const view = this.views.get(name)!;
    const nowMs = Date.now();
    view.halted = status.halted === true;
    const memory = status.process ?? {};
    const bytes = (key: string): number | null => (typeof memory[key] === 'number' ? memory[key] : null);
    view.heapUsedBytes = bytes('heapUsedBytes');
    view.memory = { heapTotalBytes: bytes('heapTotalBytes'), externalBytes: bytes('externalBytes'),
      arrayBuffersBytes: bytes('arrayBuffersBytes') };
    const height = typeof status.latestHeight === 'number' ? status.latestHeight : 0;
    // A node whose ledger was moved aside starts again from zero: a height is recorded once only.
    const recorded = this.recorded.get(name) ?? 0;
    for (let h = recorded + 1; h <= height; h++) this.o.heights.write({ node: name, height: h, seenAtMs: nowMs });
    if (height > recorded) this.recorded.set(name, height);
    if (height !== view.height) {
      view.height = height;
      view.seenAtMs = nowMs;
    }
  }

  private sampleAll(): void {
    const atMs = Date.now();
    for (const node of this.o.layout.nodes) {
      const pid = this.o.pidOf(node.name) ?? null;
      const rss = pid === null ? null : rssOf(pid);
      const view = this.views.get(node.name);
      const sample: Sample = {
        atMs, node: node.name, pid, rssBytes: rss?.rssBytes ?? null,
        rssAnonBytes: rss?.rssAnonBytes ?? null, rssFileBytes: rss?.rssFileBytes ?? null,
        heapUsedBytes: view?.heapUsedBytes ?? null, heapTotalBytes: view?.memory?.heapTotalBytes ?? null,
        externalBytes: view?.memory?.externalBytes ?? null, arrayBuffersBytes: view?.memory?.arrayBuffersBytes ?? null,
        fds: pid === null ? null : fdsOf(pid), dataDirBytes: dirBytes(node.dataDir),
        height: this.height(node.name), acked: this.o.acked(),
      };
      this.allSamples.push(sample);
      this.o.samples.write(sample);
    }
  }
}

interface Rss {
  readonly rssBytes: number | null;
  readonly rssAnonBytes: number | null;
  readonly rssFileBytes: number | null;
}

function rssOf(pid: number): Rss | null {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const kB = (field: string): number | null => {
    const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(status);
    return match === null ? null : Number(match[1]) * 1024;
  };
  return { rssBytes: kB('VmRSS'), rssAnonBytes: kB('RssAnon'), rssFileBytes: kB('RssFile') };
}

function fdsOf(pid: number): number | null {
  try {
    return readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return null;
  }
}

/** Bytes of the regular files under dir (a walk bounded by DIR_ENTRIES_MAX entries). */
export function dirBytes(dir: string): number {
  let total = 0;
  let seen = 0;
  const stack = [dir];
  while (stack.length > 0 && seen < DIR_ENTRIES_MAX) {
    const current = stack.pop()!;
    let entries;
    try {
      entries = readdirSync(current, { withFileTypes: true });
    } catch {
      continue; // removed while walking (LevelDB compactions)
    }
    for (const entry of entries) {
      seen++;
      const path = join(current, entry.name);
      if (entry.isDirectory()) stack.push(path);
      else if (entry.isFile()) {
        try {
          total += statSync(path).size;
        } catch {
          // removed while walking
        }
      }
    }
  }
  return total;
}
