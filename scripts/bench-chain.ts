// What the benches watch while they load a testnet: every validator's status (height, mempool),
// whether the chain stalled, and the public block headers of a window. CPU snapshots live in
// bench-lib.ts and are re-exported here for the benches' convenience.
import { getJson } from './bench-lib.js';

export { cpuPercents, cpuSnapshot, type CpuPercents, type CpuSnapshot } from './bench-lib.js';

/** How often the status is polled: submitters pace themselves on it, so a few times a second. */
export const STATUS_POLL_MS = 250;
/** No block for this long while txs wait: the chain is stuck. */
export const STALL_MS = 30_000;

export interface NodeStatus {
  readonly latestHeight: number;
  readonly mempoolSize: number;
}

export interface HeaderView {
  readonly height: number;
  readonly timeMs: number;
  readonly txCount: number;
  /** The round the block was committed in: above 0 when earlier rounds failed (timeouts). */
  readonly round: number;
}

/** Polls every validator's /v1/status; submitters read the largest mempool to pace themselves. */
export class StatusPoller {
  statuses: (NodeStatus | undefined)[];
  private timer: NodeJS.Timeout | undefined;
  private polling = false;
  private lastHeight = -1;
  private lastAdvanceMs = Date.now();

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
      if (this.heightMin > this.lastHeight) {
        this.lastHeight = this.heightMin;
        this.lastAdvanceMs = Date.now();
      }
    } finally {
      this.polling = false;
    }
  }

  /** True once no validator has committed a block for STALL_MS while some mempool holds txs. */
  get stalled(): boolean {
    return Date.now() - this.lastAdvanceMs > STALL_MS && this.mempoolMax > 0;
  }

  get mempoolMax(): number {
    return Math.max(0, ...this.statuses.map((s) => s?.mempoolSize ?? 0));
  }

  get heightMin(): number {
    return Math.min(...this.statuses.map((s) => s?.latestHeight ?? 0));
  }

  describe(): string {
    return `heights ${this.statuses.map((s) => s?.latestHeight ?? '?').join('/')}, `
      + `mempools ${this.statuses.map((s) => s?.mempoolSize ?? '?').join('/')}`;
  }
}

/** Heights, times, tx counts and commit rounds from the public headers (a block's tx list needs a signed read). */
export async function headers(url: string, fromHeight: number, toHeight: number): Promise<HeaderView[]> {
  const out: HeaderView[] = [];
  for (let height = fromHeight; height <= toHeight; height++) {
    const header = await getJson<Omit<HeaderView, 'round'> & { commit?: { round?: number } }>(`${url}/v1/headers/${height}`, 30_000);
    out.push({ height: header.height, timeMs: header.timeMs, txCount: header.txCount, round: header.commit?.round ?? 0 });
  }
  return out;
}
