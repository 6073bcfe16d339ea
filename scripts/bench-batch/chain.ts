// Watching the testnet's chain during the load phase: the validators' status, the headers of a
// window, the drain of the mempools after it, and why a stalled chain stopped.
import { sleep } from '../bench-lib.js';
import { STALL_MS, type StatusPoller } from '../bench-chain.js';
import type { TestnetNodeHandle } from '../testnet-lib.js';
import { log, PROGRESS_EVERY_MS, STATUS_POLL_MS } from './common.js';

export { headers, StatusPoller, type HeaderView } from '../bench-chain.js';

const DRAIN_TIMEOUT_MS = 180_000;

/** The chain committed nothing for STALL_MS with txs waiting: a result of the load phase, not a failure of the bench. */
export class ChainStalledError extends Error {}

/** A pino error line in one line: its message, the error and where it was thrown. */
function describeLogError(line: string): string {
  try {
    const entry = JSON.parse(line) as { msg?: string; err?: { type?: string; message?: string; stack?: string } };
    const at = entry.err?.stack?.split('\n').find((l) => l.trim().startsWith('at '))?.trim()
      .replace(/\(.*?\/(src|scripts|node_modules)\//, '($1/');
    return [entry.msg, entry.err === undefined ? undefined : `${entry.err.type ?? 'Error'}: ${entry.err.message ?? ''}`, at]
      .filter((part) => part !== undefined && part !== '').join(' ');
  } catch {
    return line.slice(0, 300);
  }
}

/** What each node says about itself once the chain has stopped: health and its last error lines. */
export async function stallReport(handles: readonly TestnetNodeHandle[], poller: StatusPoller): Promise<string> {
  const lines = [`no block for ${STALL_MS / 1000} s with txs waiting (${poller.describe()})`];
  for (const handle of handles) {
    const health = await fetch(`${handle.node.apiUrl}/healthz`, { signal: AbortSignal.timeout(2_000) })
      .then((r) => String(r.status), (e: unknown) => (e as Error).message);
    const errors = handle.logTail(400).split('\n').filter((l) => /"level":(50|60)/.test(l));
    lines.push(`  ${handle.name}: /healthz ${health}${handle.running() ? '' : ' (exited)'}`
      + `${errors.length === 0 ? '' : `; last error: ${describeLogError(errors.at(-1)!)}`}`);
  }
  return lines.join('\n');
}

export async function drain(poller: StatusPoller, handles: readonly TestnetNodeHandle[]): Promise<{ drained: boolean; ms: number }> {
  const startMs = Date.now();
  let lastLogMs = startMs;
  while (Date.now() - startMs < DRAIN_TIMEOUT_MS) {
    await poller.poll();
    if (poller.statuses.every((s) => s !== undefined && s.mempoolSize === 0)) return { drained: true, ms: Date.now() - startMs };
    if (poller.stalled) throw new ChainStalledError(`the chain stopped committing (seen after the load): ${await stallReport(handles, poller)}`);
    if (Date.now() - lastLogMs >= PROGRESS_EVERY_MS) {
      lastLogMs = Date.now();
      log(`  draining: ${poller.describe()}`);
    }
    await sleep(STATUS_POLL_MS);
  }
  return { drained: false, ms: Date.now() - startMs };
}
