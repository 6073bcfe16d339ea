// The two catch-ups of bench:catchup: a new observer on the quiet chain, and validator 4 from
// genesis while anchors are submitted to the others. Each is timed from the start of the node's
// process (its start-up, ledger open and p2p dial included) until it holds the height asked.
import { getJson, keepAliveAgent, presignAnchorTxs, processCpuMs, sleep } from '../bench-lib.js';
import type { NodeStatus } from '../bench-chain.js';
import { newSubmitCounters, submitSingle, type SubmitCounters } from '../bench-net-submit.js';
import { startTestnetNode, type TestnetLayout, type TestnetNode, type TestnetNodeHandle } from '../testnet-lib.js';
import { readKeyFile } from '../../src/crypto/index.js';
import { CATEGORY } from './generate.js';

const POLL_MS = 200;
const STATUS_TIMEOUT_MS = 2_000;
/** Submitters per validator taking the load: each waits for its answer before the next tx. */
const SUBMITTERS_PER_NODE = 4;
const TX_LIFETIME_MS = 3_600_000;

export interface CatchUp {
  /** The node reached the height asked within the time allowed. */
  readonly reached: boolean;
  readonly seconds: number;
  /** Heights the node committed from its start until then. */
  readonly blocks: number;
  /** The node's CPU (user + system) over the catch-up, in s. */
  readonly cpuSeconds: number | undefined;
}

export async function heightOf(node: TestnetNode): Promise<number | undefined> {
  return getJson<NodeStatus>(`${node.apiUrl}/v1/status`, STATUS_TIMEOUT_MS).then((s) => s.latestHeight, () => undefined);
}

export interface CatchUpOptions {
  readonly layout: TestnetLayout;
  readonly name: string;
  readonly env: Readonly<Record<string, string>>;
  /** Where the running nodes are kept (the caller stops them). */
  readonly handles: TestnetNodeHandle[];
  /** The nodes it catches up with. */
  readonly peers: readonly TestnetNode[];
  /** Caught up: given its height and the peers' lowest (undefined while one does not answer). */
  caughtUp(height: number, peersHeight: number | undefined): boolean;
  readonly timeoutMs: number;
  readonly log: (line: string) => void;
}

/** Starts the node and polls until caughtUp() or the timeout. */
export async function timeCatchUp(o: CatchUpOptions): Promise<CatchUp> {
  const startMs = Date.now();
  const handle = startTestnetNode(o.layout, o.name, { env: o.env });
  o.handles.push(handle);
  let height = 0;
  let lastLogMs = startMs;
  for (;;) {
    if (!handle.running()) throw new Error(`${o.name} exited during its catch-up: ${handle.logTail(20)}`);
    const [own, ...peers] = await Promise.all([heightOf(handle.node), ...o.peers.map((p) => heightOf(p))]);
    height = own ?? height;
    const peersHeight = peers.some((h) => h === undefined) ? undefined : Math.min(...(peers as number[]));
    const elapsedMs = Date.now() - startMs;
    if (own !== undefined && o.caughtUp(own, peersHeight)) break;
    if (elapsedMs > o.timeoutMs) {
      o.log(`  ${o.name}: not caught up after ${Math.round(elapsedMs / 1000)} s (height ${height}, peers ${peersHeight ?? '?'})`);
      return { reached: false, seconds: elapsedMs / 1000, blocks: height, cpuSeconds: cpuSeconds(handle) };
    }
    if (Date.now() - lastLogMs >= 10_000) {
      lastLogMs = Date.now();
      o.log(`  ${o.name}: height ${height} of ${peersHeight ?? '?'} after ${Math.round(elapsedMs / 1000)} s`);
    }
    await sleep(POLL_MS);
  }
  return { reached: true, seconds: (Date.now() - startMs) / 1000, blocks: height, cpuSeconds: cpuSeconds(handle) };
}

function cpuSeconds(handle: TestnetNodeHandle): number | undefined {
  const ms = processCpuMs(handle.pid);
  return ms === undefined ? undefined : ms / 1000;
}

export interface Load {
  readonly counters: SubmitCounters;
  readonly startMs: number;
  /** Stops the submitters and resolves once they have; the load's seconds. */
  stop(): Promise<number>;
}

/**
 * `rate` anchors/s paced over the given validators with bench:net's sender (POST /v1/txs, one tx a
 * request): a submitter holds back while the txs handed out run ahead of rate × elapsed time.
 */
export function startLoad(layout: TestnetLayout, targets: readonly TestnetNode[], rate: number, maxSeconds: number): Load {
  const keyPair = readKeyFile(layout.submitterKeyFile);
  const txs = presignAnchorTxs({ chainId: layout.chainId, keyPair, count: Math.max(1, Math.ceil(rate * maxSeconds)), category: CATEGORY,
    // Above every nonce of the written chain (those are 1..anchors): distinct txs in any case, with other digests.
    firstNonce: 1_000_000_000, expiresAtMs: Date.now() + TX_LIFETIME_MS });
  const counters = newSubmitCounters();
  const startMs = Date.now();
  const endMs = startMs + maxSeconds * 1000;
  const agent = keepAliveAgent(targets.length * SUBMITTERS_PER_NODE);
  const ahead = (): boolean => counters.next >= (rate * (Date.now() - startMs)) / 1000;
  const submitters = rate === 0 ? [] : targets.flatMap((node) => Array.from({ length: SUBMITTERS_PER_NODE }, () =>
    submitSingle({ txs, agent, url: new URL(node.apiUrl), endMs, counters, backlogged: ahead, pauseMs: 20, bulkSize: 1 })
      .catch(() => undefined)));
  return {
    counters, startMs,
    stop: async () => {
      // No tx is handed out after this: every submitter ends after its answer in flight.
      counters.next = txs.length;
      await Promise.all(submitters);
      agent.destroy();
      return (Date.now() - startMs) / 1000;
    },
  };
}
