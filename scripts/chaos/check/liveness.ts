// Liveness from the run's own logs: every heal was followed by recovery within the bound, and the
// chain moved on after the last heal.
import type { Findings } from './findings.js';
import type { RunLogs } from './run-files.js';

/** The longest a healed testnet may take to commit again. */
export const RECOVERY_MS_MAX = 30_000;

/**
 * `tipNow`: the highest height any node reports now (live) or holds (offline). The chain advanced
 * after the last heal when that is above every height seen by the time of the heal.
 */
export function checkLiveness(logs: RunLogs, tipNow: number, findings: Findings): void {
  const starts = new Map(logs.faults.map((f) => [f.id, f]));
  for (const heal of logs.heals) {
    const fault = starts.get(heal.id);
    const what = `fault ${heal.id}${fault === undefined ? '' : ` (${fault.kind} on ${fault.nodes.join(', ') || 'no node'})`}`;
    if (heal.recoveredAtMs === null) {
      findings.fail(`liveness: ${what} healed at ${heal.healedAtMs} and the chain never recovered`);
      continue;
    }
    const recoveryMs = heal.recoveredAtMs - heal.healedAtMs;
    findings.max('recoveryMsMax', recoveryMs);
    if (recoveryMs > RECOVERY_MS_MAX) {
      findings.fail(`liveness: ${what} healed at ${heal.healedAtMs}, recovered ${recoveryMs} ms later (> ${RECOVERY_MS_MAX} ms)`);
    }
  }
  if (logs.heals.length === 0) return;
  const lastHealMs = Math.max(...logs.heals.map((h) => h.healedAtMs));
  const before = logs.heights.filter((h) => h.seenAtMs <= lastHealMs).reduce((max, h) => Math.max(max, h.height), 0);
  const after = Math.max(tipNow, ...logs.heights.filter((h) => h.seenAtMs > lastHealMs).map((h) => h.height));
  findings.set('heightAtLastHeal', before);
  if (after <= before) {
    findings.fail(`liveness: no height above ${before} after the last heal at ${lastHealMs} (highest now ${after})`);
  }
}
