// Injects one planned fault and returns how to heal it. Each heal says what happened (the
// outcome, written to faults.jsonl) and what went wrong that should fail the run.
import { join } from 'node:path';
import { blocksBetween, type Cluster } from './cluster.js';
import { startByzantinePeer } from './byzantine.js';
import {
  fillUntilFull, moveLedgerAside, moveOffTmpfs, moveOntoTmpfs, removeFiller, truncateNewestLog,
} from './faults-disk.js';
import { inNamespace, type Netns } from './netns.js';
import type { Observer } from './observe.js';
import type { PlannedFault } from './schedule.js';

const HALT_WAIT_MS = 3_000;

export interface FaultEnv {
  readonly cluster: Cluster;
  readonly observer: Observer;
  readonly net: Netns | undefined;
  readonly runDir: string;
  readonly log: (line: string) => void;
}

export interface HealResult {
  readonly outcome: Record<string, unknown>;
  /** What should fail the run (a node that will not come back, an unexpected refusal). */
  readonly failures: readonly string[];
}

export interface Injected {
  /** What the injection itself found (bytes written, the file cut). */
  readonly outcome: Record<string, unknown>;
  heal(): Promise<HealResult>;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const groupsOf = (plan: PlannedFault): string[][] => (plan.detail['groups'] as string[][] | undefined) ?? [];

export async function injectFault(env: FaultEnv, plan: PlannedFault): Promise<Injected> {
  const { cluster } = env;
  switch (plan.kind) {
    case 'kill':
      for (const name of plan.nodes) await cluster.kill9(name);
      return { outcome: {}, heal: () => restartAll(env, plan, plan.nodes, false) };
    case 'pause':
      for (const name of plan.nodes) cluster.pause(name);
      return { outcome: {}, heal: async () => {
        for (const name of plan.nodes) cluster.resume(name);
        return { outcome: {}, failures: [] };
      } };
    case 'partition':
    case 'bridge':
      cluster.setBlocks(blocksBetween(groupsOf(plan)));
      return { outcome: {}, heal: healLinks(cluster) };
    case 'oneway': {
      const to = plan.detail['dropTo'] as string[];
      cluster.setBlocks(to.map((other) => ({ from: plan.nodes[0]!, to: other, both: false })));
      return { outcome: {}, heal: healLinks(cluster) };
    }
    case 'skew': {
      const name = plan.nodes[0]!;
      await cluster.stop(name);
      const skewS = plan.detail['skewS'] as number;
      try {
        await cluster.start(name, skewS);
      } catch (error) {
        // A node that will not run with its clock off is an outcome to report, not a crash of the run.
        cluster.expectExit(name);
        return { outcome: { startedSkewed: false, error: firstLine(error) }, heal: () => restartAll(env, plan, [name], false) };
      }
      return { outcome: { startedSkewed: true }, heal: async () => {
        await cluster.stop(name);
        return restartAll(env, plan, [name], false);
      } };
    }
    case 'diskfull':
      return diskFull(env, plan);
    case 'byzantine':
      return byzantine(env, plan);
    case 'truncate': {
      const name = plan.nodes[0]!;
      await cluster.kill9(name);
      const cut = truncateNewestLog(cluster.layout.nodes.find((n) => n.name === name)!.dataDir, plan.detail['cutPercent'] as number);
      return { outcome: { ...cut }, heal: () => restartAll(env, plan, [name], true) };
    }
  }
}

function healLinks(cluster: Cluster): () => Promise<HealResult> {
  return async () => {
    cluster.setBlocks([]);
    return { outcome: {}, failures: [] };
  };
}

async function diskFull(env: FaultEnv, plan: PlannedFault): Promise<Injected> {
  const { cluster, observer } = env;
  const name = plan.nodes[0]!;
  const { tmpfsBytes } = await moveOntoTmpfs(cluster, name);
  const fillerBytes = fillUntilFull(cluster, name);
  return {
    outcome: { tmpfsBytes, fillerBytes },
    heal: async () => {
      const haltedWhileFull = observer.views.get(name)?.halted === true || !cluster.isUp(name);
      removeFiller(cluster, name);
      await sleep(HALT_WAIT_MS);
      const haltedAfterFree = observer.views.get(name)?.halted === true || cluster.handle(name)?.running() !== true;
      await moveOffTmpfs(cluster, name);
      const restarted = await restartAll(env, plan, [name], false);
      return { outcome: { haltedWhileFull, haltedAfterFree, ...restarted.outcome }, failures: restarted.failures };
    },
  };
}

async function byzantine(env: FaultEnv, plan: PlannedFault): Promise<Injected> {
  const { cluster } = env;
  const name = plan.nodes[0]!;
  const index = cluster.names.indexOf(name);
  const node = cluster.layout.nodes[index]!;
  await cluster.stop(name);
  const run = startByzantinePeer({
    testnetDir: cluster.layout.dir, keyFile: join(node.dataDir, 'node.key'), seconds: Math.max(1, Math.round(plan.durationMs / 1000)),
    seed: plan.detail['byzantineSeed'] as number, prefix: env.net === undefined ? [] : inNamespace(env.net, index),
    logFile: join(env.runDir, `byzantine-${plan.id}.log`),
  });
  return {
    outcome: {},
    heal: async () => {
      const peer = await run.finish();
      const restarted = await restartAll(env, plan, [name], false);
      return { outcome: { peer, ...restarted.outcome }, failures: restarted.failures };
    },
  };
}

/**
 * Starts each node again. A start refused with LEDGER_DAMAGED is answered as an operator would:
 * the ledger goes aside (the high-water mark stays, so the node re-fetches up to it), and if that
 * is refused too, the mark goes aside as well. The refusal fails the run unless damage was expected.
 * Several nodes start at once.
 */
async function restartAll(env: FaultEnv, plan: PlannedFault, names: readonly string[], damageExpected: boolean): Promise<HealResult> {
  const outcome: Record<string, unknown> = {};
  const failures: string[] = [];
  // In parallel, as an operator restarting a halted chain would: a node start takes seconds.
  await Promise.all(names.map(async (name) => {
    const steps: string[] = [];
    const dataDir = env.cluster.layout.nodes.find((n) => n.name === name)!.dataDir;
    for (const keepMark of [true, false, undefined]) {
      try {
        await env.cluster.start(name);
        steps.push('started');
        break;
      } catch (error) {
        env.cluster.expectExit(name);
        const why = firstLine(error);
        const damaged = /LEDGER_DAMAGED|HIGH_WATER_MISMATCH/.test(String((error as Error).message));
        steps.push(`refused: ${damaged ? 'LEDGER_DAMAGED ' : ''}${why}`);
        if (!damaged || !damageExpected) failures.push(`fault ${plan.id} (${plan.kind}): ${name} did not start again: ${why}`);
        if (!damaged || keepMark === undefined) break;
        const aside = moveLedgerAside(dataDir, `${plan.id}${keepMark ? '' : '-mark'}`, keepMark);
        env.log(`${name}: ledger refused at start; moved ${keepMark ? 'the ledger' : 'the high-water mark too'} aside to ${aside}, `
          + 'the node re-syncs from its peers');
        steps.push(keepMark ? 'ledger moved aside' : 'high-water mark moved aside');
      }
    }
    outcome[name] = steps;
  }));
  return { outcome: { restarts: outcome }, failures };
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const damaged = /LEDGER_DAMAGED[^\n]*/.exec(message);
  return (damaged?.[0] ?? message.split('\n')[0] ?? '').slice(0, 400);
}
