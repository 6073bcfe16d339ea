// The live phase: the nodes run, faults are healed, and only the public HTTP API is read.
import type { Findings } from './findings.js';
import { checkAcksLive, checkEquivocationsLive } from './live-acks.js';
import { compareHeaders, readHeaders, readStatuses, verifyCommits } from './live-chain.js';
import { checkLiveness } from './liveness.js';
import { checkBlockTimes } from './pbts.js';
import type { RunLogs } from './run-files.js';
import type { Trust } from './trust.js';

/** Heights compared at most (the newest ones beyond are left to the offline phase): 5 nodes × this many GETs. */
export const LIVE_HEIGHTS_MAX = 20_000;

export async function checkLive(trust: Trust, logs: RunLogs, pollIntervalMs: number, findings: Findings): Promise<void> {
  const live = await readStatuses(trust, findings);
  if (live.length === 0) return;
  const lowestTip = Math.min(LIVE_HEIGHTS_MAX, ...live.map((l) => l.status.latestHeight));
  await readHeaders(live, lowestTip, findings);
  compareHeaders(live, lowestTip, trust, findings);
  // Nodes agree on every header (checked above), so commits and times are checked once, on the first node that answers.
  const primary = live[0]!;
  await verifyCommits(primary, lowestTip, trust, findings);
  checkBlockTimes({ nodeName: primary.node.name, headers: primary.headers, heights: logs.heights, params: trust.genesis.params,
    genesisTimeMs: trust.genesis.genesisTimeMs, pollIntervalMs }, findings);
  await checkAcksLive(live, logs.acks, trust, findings);
  await checkEquivocationsLive(live, trust, findings);
  checkLiveness(logs, Math.max(...live.map((l) => l.status.latestHeight)), findings);
}
