// What bench:net (scripts/bench-net.ts) watches while it loads the testnet: every validator's
// status (height, mempool), the public block headers, and the CPU time of the nodes, of the bench
// client and of the whole machine.
import { getJson } from './bench-lib.js';

export { cpuPercents, cpuSnapshot, type CpuSnapshot } from './bench-lib.js';

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

