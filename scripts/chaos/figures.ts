// Recomputes a chaos run's per-node resource figures and the soak's RSS verdict from the files the
// run left (samples.jsonl, summary.json), so that a rule of the report can be applied to runs made
// before it: `tsx scripts/chaos/figures.ts RUN_DIR` prints one JSON line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Sample } from './observe.js';
import { nodeFigures, rssVerdict } from './report.js';

const EXIT_USAGE = 2;

function main(argv: readonly string[]): number {
  const dir = argv[0];
  if (dir === undefined || argv.length !== 1) {
    process.stderr.write('usage: tsx scripts/chaos/figures.ts RUN_DIR\n');
    return EXIT_USAGE;
  }
  let summary: { minutes?: unknown; anchorsAcked?: unknown };
  let samples: Sample[];
  try {
    summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as typeof summary;
    samples = readFileSync(join(dir, 'samples.jsonl'), 'utf8').split('\n').filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Sample);
  } catch (error) {
    process.stderr.write(`figures: ${(error as Error).message}\n`);
    return EXIT_USAGE;
  }
  const minutes = typeof summary.minutes === 'number' ? summary.minutes : null;
  const acked = typeof summary.anchorsAcked === 'number' ? summary.anchorsAcked : 0;
  const nodes = nodeFigures(samples, acked);
  process.stdout.write(JSON.stringify({ dir, nodes, ...(minutes === null ? {} : { rss: rssVerdict(nodes, minutes) }) }) + '\n');
  return 0;
}

process.exitCode = main(process.argv.slice(2));
