// The chaos checker: after a run under faults, it reads only what the nodes publish (their HTTP
// API, live) and what they stored (their ledgers, offline), and trusts neither. Its trust anchors
// are the genesis file and the testnet layout; the run's logs say what was acked, which faults
// were made and when heights were seen. check/ holds the checks; check.ts is the command line.
import type { TestnetLayout } from '../testnet-files.js';
import { Findings } from './check/findings.js';
import { checkLive } from './check/live.js';
import { checkOffline } from './check/offline.js';
import { POLL_INTERVAL_MS_DEFAULT } from './check/pbts.js';
import { readRunLogs } from './check/run-files.js';
import { loadTrust } from './check/trust.js';

export interface CheckInput {
  dir: string;
  layout: TestnetLayout;
  byzantineNodeIds: string[];
  phase: 'live' | 'offline';
}

export interface CheckReport {
  ok: boolean;
  failures: string[];
  counts: Record<string, number>;
}

export async function checkRun(input: CheckInput): Promise<CheckReport> {
  const findings = new Findings();
  let trust;
  try {
    trust = loadTrust(input.layout, input.byzantineNodeIds);
  } catch (error) {
    findings.fail(`genesis ${input.layout.genesisFile}: ${(error as Error).message}`);
    return { ok: false, failures: findings.list(), counts: findings.counts };
  }
  const logs = readRunLogs(input.dir, findings);
  if (input.phase === 'live') await checkLive(trust, logs, POLL_INTERVAL_MS_DEFAULT, findings);
  else await checkOffline(trust, logs, findings);
  findings.set('failures', findings.counts['failures'] ?? 0);
  return { ok: findings.failures.length === 0, failures: findings.list(), counts: findings.counts };
}
