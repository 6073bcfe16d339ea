// The timeline of a chaos run once the nodes answer: (a soak's capacity probe,) the load, each
// planned fault at its offset and its heal, the recovery after each heal, the quiet tail, then
// everything healed and the chain seen moving on every node.
import { CHAOS_BAN_MS, type Cluster } from './cluster.js';
import { injectFault, type FaultEnv } from './faults.js';
import type { JsonlWriter } from './jsonl.js';
import type { Load } from './load.js';
import type { Observer } from './observe.js';
import { resourceTable } from './report.js';
import { faultyValidators, type PlannedFault } from './schedule.js';

const RECOVERY_TIMEOUT_MS = 90_000;
const RECOVERY_POLL_MS = 100;
const FINAL_LIVENESS_TIMEOUT_MS = 120_000;
const CAPACITY_PROBE_MS = 30_000;
const CAPACITY_INFLIGHT = 256;
const CAPACITY_OFFER_PER_S = 4_000;
const SOAK_TABLE_MS = 5 * 60_000;

export interface RunContext {
  readonly cluster: Cluster;
  readonly observer: Observer;
  readonly load: Load;
  readonly faultsFile: JsonlWriter;
  readonly runDir: string;
  readonly env: FaultEnv;
  readonly print: (line: string) => void;
  /** Set by Ctrl-C: the timeline stops at the next step. */
  readonly aborted: () => boolean;
}

export interface TimelineResult {
  readonly recoveriesMs: (number | null)[];
  readonly faultsByKind: Record<string, number>;
  readonly failures: string[];
  readonly skipped: string[];
  readonly byzantineNodes: string[];
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Measures what the testnet commits per second with many requests in flight. */
export async function measureCapacity(ctx: RunContext, inflightMax: number): Promise<number> {
  ctx.print(`capacity: ${CAPACITY_PROBE_MS / 1000} s at up to ${CAPACITY_INFLIGHT} requests in flight`);
  ctx.load.setInflightMax(CAPACITY_INFLIGHT);
  const before = ctx.load.stats.acked;
  ctx.load.setRate(CAPACITY_OFFER_PER_S);
  await sleep(CAPACITY_PROBE_MS);
  const perS = (ctx.load.stats.acked - before) / (CAPACITY_PROBE_MS / 1000);
  ctx.load.setRate(0);
  ctx.load.setInflightMax(inflightMax);
  ctx.print(`capacity: ${perS.toFixed(1)} committed/s`);
  return perS;
}

/** Runs the schedule from now (offset 0) for durationMs; the last fault heals before quietFromMs. */
export async function runTimeline(ctx: RunContext, schedule: readonly PlannedFault[], durationMs: number,
  quietFromMs: number, soak: boolean): Promise<TimelineResult> {
  const result: TimelineResult = { recoveriesMs: [], faultsByKind: {}, failures: [], skipped: [], byzantineNodes: [] };
  const t0 = Date.now();
  const stamp = (): string => `[+${((Date.now() - t0) / 1000).toFixed(1)}s]`;
  let nextTableMs = SOAK_TABLE_MS;
  const tableTimer = soak ? setInterval(() => {
    if (Date.now() - t0 < nextTableMs) return;
    nextTableMs += SOAK_TABLE_MS;
    ctx.print(resourceTable(ctx.observer.allSamples, Date.now() - t0));
  }, 1_000) : undefined;
  try {
    for (const plan of schedule) {
      await sleep(t0 + plan.atMs - Date.now());
      if (ctx.aborted()) break;
      // Recoveries may have pushed the timeline back: a fault that would not heal before the quiet tail is skipped.
      if (Date.now() - t0 + plan.durationMs > quietFromMs) {
        result.skipped.push(`fault ${plan.id} (${plan.kind}): no time left before the quiet tail`);
        ctx.print(`${stamp()} fault ${plan.id} ${plan.kind}: skipped, no time left before the quiet tail`);
        continue;
      }
      await oneFault(ctx, plan, result, stamp);
    }
    await sleep(t0 + durationMs - Date.now());
  } finally {
    clearInterval(tableTimer);
  }
  return result;
}

async function oneFault(ctx: RunContext, plan: PlannedFault, result: TimelineResult, stamp: () => string): Promise<void> {
  const validators = ctx.cluster.validators;
  const faulty = faultyValidators(plan, validators);
  const what = `fault ${plan.id} ${plan.kind} ${plan.nodes.join(',')}${plan.halts ? ' (halts the chain)' : ''}`;
  const atMs = Date.now();
  const started = Date.now();
  let injected;
  try {
    injected = await injectFault(ctx.env, plan);
  } catch (error) {
    const message = `fault ${plan.id} (${plan.kind}) could not be injected: ${(error as Error).message.split('\n')[0]}`;
    result.failures.push(message);
    ctx.print(`${stamp()} ${message}`);
    return;
  }
  result.faultsByKind[plan.kind] = (result.faultsByKind[plan.kind] ?? 0) + 1;
  if (plan.kind === 'byzantine') result.byzantineNodes.push(...plan.nodes);
  ctx.faultsFile.write({ id: plan.id, atMs, kind: plan.kind, nodes: plan.nodes,
    detail: { ...plan.detail, ...injected.outcome, faultyValidators: faulty, halts: plan.halts, plannedAtMs: plan.atMs } });
  ctx.print(`${stamp()} ${what}${Object.keys(injected.outcome).length > 0 ? ` ${JSON.stringify(injected.outcome)}` : ''}`);
  await sleep(started + plan.durationMs - Date.now());
  const heightAtHeal = ctx.observer.maxHeight();
  // Recovery counts from the start of the heal: restarting a node is part of recovering.
  const healedAtMs = Date.now();
  const heal = await injected.heal();
  result.failures.push(...heal.failures);
  // After a Byzantine fault the honest nodes ban the key the peer used, so the validator holding it
  // is refused until the ban passes: the chain's recovery is measured without it, and its rejoin
  // (awaited before the next fault, which must not meet a validator still cut off) apart.
  const keyBanned = plan.kind === 'byzantine' ? plan.nodes : [];
  const recoveredAtMs = await waitAllPast(ctx, heightAtHeal, RECOVERY_TIMEOUT_MS, keyBanned);
  const recoveryMs = recoveredAtMs === null ? null : recoveredAtMs - healedAtMs;
  result.recoveriesMs.push(recoveryMs);
  if (recoveredAtMs === null) {
    result.failures.push(`fault ${plan.id} (${plan.kind}): the running nodes did not all pass height ${heightAtHeal} `
      + `within ${RECOVERY_TIMEOUT_MS / 1000} s of the heal`);
  }
  if (keyBanned.length > 0) {
    const rejoinedAtMs = await waitAllPast(ctx, heightAtHeal, CHAOS_BAN_MS + RECOVERY_TIMEOUT_MS);
    heal.outcome['rejoinMs'] = rejoinedAtMs === null ? null : rejoinedAtMs - healedAtMs;
    if (rejoinedAtMs === null) {
      result.failures.push(`fault ${plan.id} (byzantine): ${keyBanned.join(', ')} did not rejoin within `
        + `${(CHAOS_BAN_MS + RECOVERY_TIMEOUT_MS) / 1000} s of the heal (ban ${CHAOS_BAN_MS / 1000} s)`);
    }
  }
  ctx.faultsFile.write({ id: plan.id, healedAtMs, recoveredAtMs, recoveryMs, outcome: heal.outcome });
  ctx.print(`${stamp()} heal ${plan.id} ${plan.kind}: ${recoveryMs === null ? 'NOT recovered' : `recovered in ${(recoveryMs / 1000).toFixed(1)} s`}`
    + `${Object.keys(heal.outcome).length > 0 ? ` ${JSON.stringify(heal.outcome)}` : ''}`);
}

/** When every running node (but those excluded) is seen above height (null on timeout). */
async function waitAllPast(ctx: RunContext, height: number, timeoutMs: number, excluded: readonly string[] = []): Promise<number | null> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !ctx.aborted()) {
    const up = ctx.cluster.upNames().filter((name) => !excluded.includes(name));
    if (up.length > 0 && up.every((name) => ctx.observer.height(name) > height)) return Date.now();
    await sleep(RECOVERY_POLL_MS);
  }
  return null;
}

/** Every link healed, every node running: waits until all pass the highest height seen now. */
export async function healEverything(ctx: RunContext): Promise<string[]> {
  const failures: string[] = [];
  ctx.cluster.setBlocks([]);
  for (const name of ctx.cluster.names) {
    if (ctx.cluster.handle(name)?.running() === true) {
      ctx.cluster.resume(name);
      continue;
    }
    try {
      await ctx.cluster.start(name);
    } catch (error) {
      failures.push(`${name} did not start for the final check: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  const height = ctx.observer.maxHeight();
  const at = await waitAllPast(ctx, height, FINAL_LIVENESS_TIMEOUT_MS);
  if (at === null) failures.push(`after the final heal not every node passed height ${height} within ${FINAL_LIVENESS_TIMEOUT_MS / 1000} s`);
  else ctx.print(`all ${ctx.cluster.upNames().length} nodes past height ${height}`);
  return failures;
}
