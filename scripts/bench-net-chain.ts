// What bench:net (scripts/bench-net.ts) watches while it loads the testnet: every validator's
// status (height, mempool), the public block headers, and the CPU time of the nodes, of the bench
// client and of the whole machine.
import { getJson, processCpuMs, round, systemCpuMs } from './bench-lib.js';
import type { TestnetNodeHandle } from './testnet-lib.js';

/** How often the status is polled: submitters pace themselves on it, so a few times a second. */
export const STATUS_POLL_MS = 250;

export interface NodeStatus {
  readonly latestHeight: number;
  readonly mempoolSize: number;
}

export interface BlockView {
  readonly height: number;
  readonly timeMs: number;
  readonly txCount: number;
  /** Round the block committed in: above 0, a round failed first (late proposal, timeouts). */
  readonly round: number;
}

/** Polls every validator's /v1/status; submitters read the largest mempool to pace themselves. */
export class StatusPoller {
  statuses: (NodeStatus | undefined)[];
  private timer: NodeJS.Timeout | undefined;
  private polling = false;

  constructor(private readonly urls: readonly string[]) {
    this.statuses = urls.map(() => undefined);
  }

  start(): void {
    this.timer = setInterval(() => void this.poll(), STATUS_POLL_MS);
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
  }

  async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      this.statuses = await Promise.all(this.urls.map((url) => getJson<NodeStatus>(`${url}/v1/status`).catch(() => undefined)));
    } finally {
      this.polling = false;
    }
  }

  get mempoolMax(): number {
    return Math.max(0, ...this.statuses.map((s) => s?.mempoolSize ?? 0));
  }

  get heightMin(): number {
    return Math.min(...this.statuses.map((s) => s?.latestHeight ?? 0));
  }
}

/** Heights, times and tx counts from the public headers (a block's tx list needs a signed read). */
export async function blocks(url: string, fromHeight: number, toHeight: number): Promise<BlockView[]> {
  const out: BlockView[] = [];
  for (let height = fromHeight; height <= toHeight; height++) {
    const block = await getJson<BlockView & { commit: { round: number } }>(`${url}/v1/headers/${height}`, 30_000);
    out.push({ height: block.height, timeMs: block.timeMs, txCount: block.txCount, round: block.commit.round });
  }
  return out;
}

export interface CpuSnapshot {
  readonly atMs: number;
  readonly nodesMs: readonly (number | undefined)[];
  readonly clientMs: number;
  readonly machineBusyMs: number | undefined;
}

export function cpuSnapshot(handles: readonly TestnetNodeHandle[]): CpuSnapshot {
  const client = process.cpuUsage();
  return { atMs: Date.now(), nodesMs: handles.map((h) => processCpuMs(h.pid)), clientMs: (client.user + client.system) / 1000,
    machineBusyMs: systemCpuMs()?.busyMs };
}

/** CPU between two snapshots in % of one core (a machine of C cores has C × 100 %). */
export function cpuPercents(from: CpuSnapshot, to: CpuSnapshot): { nodes: number[]; client: number; machine: number } {
  const wallMs = to.atMs - from.atMs;
  const percent = (a: number | undefined, b: number | undefined): number =>
    a === undefined || b === undefined || wallMs <= 0 ? Number.NaN : round(((b - a) * 100) / wallMs);
  return { nodes: from.nodesMs.map((ms, i) => percent(ms, to.nodesMs[i])), client: percent(from.clientMs, to.clientMs),
    machine: percent(from.machineBusyMs, to.machineBusyMs) };
}
