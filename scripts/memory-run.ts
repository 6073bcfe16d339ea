// tsx scripts/memory-run.ts --dir D [--minutes 22] [--rate 180] [--base-port 24100] [--snapshots 8,20]
//   [--snapshot-node node1]: the chaos soak's load and memory samples without its faults, for
// finding what a node keeps (docs/reliability.md, "What grew, and what was fixed"). A new testnet
// of 4 validators and an observer under D, nodes started as the chaos run starts them (its fast
// consensus timeouts, the malloc settings of testnet-lib), single anchors with ?wait=commit at a
// steady rate to every node (scripts/chaos/load.ts), a sample of each node every 5 s in
// D/samples.jsonl (scripts/chaos/observe.ts), and heap snapshots of one node at the given minutes
// (written by the node into its data directory: compare them with scripts/heap-snapshot-diff.ts).
// At the end it prints the same per-node figures as the soak (RSS slope over the last half, split).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FAST_NODE_ENV } from '../test/e2e/network-helpers.js';
import { createTestnetFiles, startTestnet, stopAll } from './testnet-lib.js';
import { JsonlWriter } from './chaos/jsonl.js';
import { Load } from './chaos/load.js';
import { Observer } from './chaos/observe.js';
import { nodeFigures } from './chaos/report.js';

const MINUTE_MS = 60_000;
const INFLIGHT_MAX = 256;
/** A snapshot of a heap of ~70 MB takes a few seconds to write; the nodes stay up until it is done. */
const SNAPSHOT_GRACE_MS = 30_000;

function options(argv: string[]): { dir: string; minutes: number; rate: number; basePort: number; snapshots: number[]; snapshotNode: string } {
  const { values } = parseArgs({ args: argv, options: {
    dir: { type: 'string' }, minutes: { type: 'string', default: '22' }, rate: { type: 'string', default: '180' },
    'base-port': { type: 'string', default: '24100' }, snapshots: { type: 'string', default: '' },
    'snapshot-node': { type: 'string', default: 'node1' },
  } });
  const number = (name: string, text: string): number => {
    const value = Number(text);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number, not ${text}`);
    return value;
  };
  if (values.dir === undefined) throw new Error('--dir is required');
  return {
    dir: values.dir, minutes: number('minutes', values.minutes), rate: number('rate', values.rate),
    basePort: number('base-port', values['base-port']), snapshotNode: values['snapshot-node'],
    snapshots: values.snapshots === '' ? [] : values.snapshots.split(',').map((m) => number('snapshots', m)),
  };
}

async function main(): Promise<void> {
  const o = options(process.argv.slice(2));
  const layout = createTestnetFiles({ dir: o.dir, validators: 4, observers: 1, basePort: o.basePort, reset: true });
  const handles = await startTestnet(layout, { env: { ...FAST_NODE_ENV, NODE_OPTIONS: '--heapsnapshot-signal=SIGUSR2' } });
  const pidOf = (name: string): number | undefined => handles.find((h) => h.name === name && h.running())?.pid;
  let seed = 1;
  const random = (): number => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
  const load = new Load({ layout, seed: 1, inflightMax: INFLIGHT_MAX, upNodes: () => layout.nodes.map((n) => n.name),
    acks: undefined, random });
  const samples = new JsonlWriter(join(layout.dir, 'samples.jsonl'));
  const heights = new JsonlWriter(join(layout.dir, 'heights.jsonl'));
  const observer = new Observer({ layout, heights, samples, pidOf, isUp: (name) => pidOf(name) !== undefined,
    acked: () => load.stats.acked });
  const timers = o.snapshots.map((minute) => setTimeout(() => {
    const pid = pidOf(o.snapshotNode);
    if (pid !== undefined) process.kill(pid, 'SIGUSR2');
    process.stdout.write(`minute ${minute}: heap snapshot of ${o.snapshotNode} (pid ${pid ?? 'none'})\n`);
  }, minute * MINUTE_MS));
  observer.start();
  load.setRate(o.rate);
  await new Promise((resolve) => setTimeout(resolve, o.minutes * MINUTE_MS));
  timers.forEach((timer) => clearTimeout(timer));
  observer.stop();
  await load.stop();
  if (o.snapshots.some((minute) => minute >= o.minutes - 1)) await new Promise((resolve) => setTimeout(resolve, SNAPSHOT_GRACE_MS));
  await stopAll(handles);
  await Promise.all([samples.close(), heights.close()]);
  const { offered, shed, acked, errors } = load.stats;
  const summary = { minutes: o.minutes, ratePerS: o.rate, anchorsAcked: acked, offered, shed, errors,
    nodes: nodeFigures(observer.allSamples, acked) };
  // summary.json as the chaos run writes it, so that scripts/chaos/figures.ts reads this run too.
  writeFileSync(join(layout.dir, 'summary.json'), JSON.stringify(summary));
  process.stdout.write(JSON.stringify(summary) + '\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`memory-run: ${(error as Error).message}\n`);
  process.exitCode = 2;
});
