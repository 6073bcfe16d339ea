// The judgment contracts a seed runs (docs/contracts.md): each case's document is anchored first,
// then a court key creates the case with instalments due a few simulated seconds apart (the fake
// clock makes the days of a real schedule pass in seconds), an oracle reports the money for the
// first instalments and the rest are missed, and the court may suspend and resume the case and the
// creditor file for execution. Drawn from the seed after every other draw, so a seed keeps the
// faults it had before contracts existed; withoutCases() gives back that older scenario.
import type { Prng } from './prng.js';

export type CaseDelayPlan = 'statutory' | 'penaltyFixed' | 'penaltyShare';

export interface CasePlan {
  /** When the workload starts: it anchors the document, then creates the case once the anchor committed. */
  readonly startAtMs: number;
  /** Amount of each instalment, in fen. */
  readonly instalmentsFen: readonly number[];
  /** The first instalment falls due this long after the time the case is created at; the others follow. */
  readonly firstDueAfterMs: number;
  readonly gapMs: number;
  readonly graceMs: number;
  /** The oracle reports the money for instalments 0 .. paidCount - 1 (principal first pays them in order); the rest are missed. */
  readonly paidCount: number;
  readonly acceleration: boolean;
  readonly autoFile: boolean;
  readonly delay: CaseDelayPlan;
  /** The court suspends the case this long after its creation, and resumes it `forMs` after the suspension. */
  readonly suspension?: { readonly afterMs: number; readonly forMs: number; readonly reason: string; readonly resumeReason: string };
  /** The creditor (a member key) files for execution once the case is in default. */
  readonly creditorFiles: boolean;
}

/** Per-seed bound: the clock's per-block limit (1,000 entries) is never reached, so no due entry is carried. */
export const CASES_PER_SEED_MAX = 3;

const SUSPEND_REASONS = ['COURT_REVIEW', 'RETRIAL', 'CREDITOR_AGREED', 'OTHER'] as const;
const RESUME_REASONS = ['CAUSE_ENDED', 'REVIEW_CONCLUDED', 'RETRIAL_CONCLUDED', 'OTHER'] as const;
const DELAYS: readonly CaseDelayPlan[] = ['statutory', 'penaltyFixed', 'penaltyShare'];

function drawCase(prng: Prng, healAtMs: number): CasePlan {
  const count = prng.range(2, 4);
  const suspended = prng.chance(500);
  return {
    // Most cases run while the faults do; their schedules end a few seconds after their creation.
    startAtMs: prng.range(0, Math.max(0, healAtMs - 3000)),
    instalmentsFen: Array.from({ length: count }, () => 100 * prng.range(1, 100_000)),
    firstDueAfterMs: prng.range(2000, 4000),
    gapMs: prng.range(500, 2000),
    graceMs: prng.range(0, 1500),
    paidCount: prng.range(0, count),
    acceleration: prng.chance(600),
    autoFile: prng.chance(300),
    delay: prng.pick(DELAYS),
    ...(suspended ? {
      suspension: {
        afterMs: prng.range(0, 5000), forMs: prng.range(300, 3000),
        reason: prng.pick(SUSPEND_REASONS), resumeReason: prng.pick(RESUME_REASONS),
      },
    } : {}),
    creditorFiles: prng.chance(600),
  };
}

/** About seven seeds in ten run 1 to 3 cases. */
export function drawCases(prng: Prng, healAtMs: number): CasePlan[] {
  if (!prng.chance(700)) return [];
  return Array.from({ length: prng.range(1, CASES_PER_SEED_MAX) }, () => drawCase(prng, healAtMs));
}
