// The run checker (scripts/chaos/checker.ts), called twice: live, through the nodes' public API,
// then offline on the stopped nodes' ledgers. It is imported dynamically, so that a run still
// works (and says so) before the checker exists.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestnetLayout } from '../testnet-lib.js';
import type { CheckVerdict } from './report.js';

const CHECKER_FILE = fileURLToPath(new URL('./checker.ts', import.meta.url));
const FAILURES_PRINTED_MAX = 50;

export interface CheckInput {
  readonly dir: string;
  readonly layout: TestnetLayout;
  readonly byzantineNodeIds: string[];
  readonly phase: 'live' | 'offline';
}

export interface CheckReport {
  readonly ok: boolean;
  readonly failures: string[];
  readonly counts: Record<string, number>;
}

type CheckRun = (input: CheckInput) => Promise<CheckReport>;

async function loadChecker(): Promise<CheckRun | string> {
  if (!existsSync(CHECKER_FILE)) return 'scripts/chaos/checker.ts is not there yet: the run is not checked';
  const module = (await import(CHECKER_FILE)) as { checkRun?: unknown };
  if (typeof module.checkRun !== 'function') return 'scripts/chaos/checker.ts exports no checkRun';
  return module.checkRun as CheckRun;
}

/** Live check, then stopNodes(), then the offline check. A missing checker is a verdict of null. */
export async function checkBoth(input: Omit<CheckInput, 'phase'>, stopNodes: () => Promise<void>,
  print: (line: string) => void): Promise<CheckVerdict[]> {
  const checker = await loadChecker();
  const verdicts: CheckVerdict[] = [];
  for (const phase of ['live', 'offline'] as const) {
    if (phase === 'offline') await stopNodes();
    if (typeof checker === 'string') {
      print(`chaos: checker (${phase}): ${checker}`);
      verdicts.push({ phase, ok: null, failures: [], counts: {}, note: checker });
      continue;
    }
    let report: CheckReport;
    try {
      report = await checker({ ...input, phase });
    } catch (error) {
      report = { ok: false, failures: [`the checker threw: ${(error as Error).stack ?? String(error)}`], counts: {} };
    }
    print(`chaos: checker (${phase}): ${report.ok ? 'ok' : `${report.failures.length} failures`} ${JSON.stringify(report.counts)}`);
    for (const failure of report.failures.slice(0, FAILURES_PRINTED_MAX)) print(`  ${phase}: ${failure}`);
    if (report.failures.length > FAILURES_PRINTED_MAX) print(`  ... and ${report.failures.length - FAILURES_PRINTED_MAX} more`);
    verdicts.push({ phase, ok: report.ok, failures: report.failures, counts: report.counts });
  }
  return verdicts;
}
