// The nodes' /metrics scraped before and after a bench's load: which tianping_ series moved, and
// by how much summed over the nodes. A series that stays still under load is an instrumentation
// point that records nothing (or a path the load never took): the bench shows which.
import { parseExposition, sampleKey, type Exposition, type Sample } from '../src/metrics/index.js';

const PREFIX = 'tianping_';

/** One family summed over the nodes: a counter's or gauge's samples, a histogram's observations (_count). */
export interface FamilyFigures {
  readonly type: string;
  readonly before: number;
  readonly after: number;
}

export interface MetricsMovement {
  /** tianping_ families with a sample that changed, appeared or went on any node. */
  readonly changed: readonly string[];
  readonly unchanged: readonly string[];
  readonly families: Readonly<Record<string, FamilyFigures>>;
}

/** GET /metrics of every node, parsed. */
export async function scrapeMetrics(apiUrls: readonly string[]): Promise<Exposition[]> {
  return Promise.all(apiUrls.map(async (url) => {
    const response = await fetch(`${url}/metrics`);
    if (response.status !== 200) throw new Error(`GET ${url}/metrics answered ${response.status}`);
    return parseExposition(await response.text());
  }));
}

/** The family a sample belongs to: its name, or a histogram's or summary's name less the suffix. */
function familyOf(sample: Sample, types: ReadonlyMap<string, string>): string {
  if (types.has(sample.name)) return sample.name;
  const suffix = /^(.*)_(bucket|sum|count)$/.exec(sample.name);
  return suffix !== null && types.has(suffix[1]!) ? suffix[1]! : sample.name;
}

/** The family's figure in one scrape: a histogram by its _count, anything else by its samples' sum. */
function total(exposition: Exposition, family: string): number {
  const type = exposition.types.get(family);
  const name = type === 'histogram' || type === 'summary' ? `${family}_count` : family;
  return exposition.samples.filter((sample) => sample.name === name).reduce((sum, sample) => sum + sample.value, 0);
}

function samplesByFamily(exposition: Exposition): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const family of exposition.types.keys()) if (family.startsWith(PREFIX)) out.set(family, new Map());
  for (const sample of exposition.samples) {
    const family = familyOf(sample, exposition.types);
    out.get(family)?.set(sampleKey(sample), sample.value);
  }
  return out;
}

const sameSamples = (a: ReadonlyMap<string, number> | undefined, b: ReadonlyMap<string, number> | undefined): boolean =>
  (a?.size ?? 0) === (b?.size ?? 0) && [...(a ?? [])].every(([key, value]) => b?.get(key) === value);

/**
 * Compares scrapes of the same nodes, node by node: `before`, then `after` and any `during` (a
 * gauge such as the mempool's holds something only while the load runs, and is back where it was
 * once the load has drained: a scrape during the load sees it move). The figures are before/after.
 */
export function metricsMovement(before: readonly Exposition[], after: readonly Exposition[],
  during: readonly (readonly Exposition[])[] = []): MetricsMovement {
  for (const later of [after, ...during]) {
    if (before.length !== later.length) throw new Error(`${before.length} scrapes before, ${later.length} after`);
  }
  const families = new Set<string>();
  for (const exposition of [...before, ...after, ...during.flat()]) {
    for (const family of exposition.types.keys()) if (family.startsWith(PREFIX)) families.add(family);
  }
  const changed = new Set<string>();
  before.forEach((then, node) => {
    const a = samplesByFamily(then);
    for (const later of [after, ...during]) {
      const b = samplesByFamily(later[node]!);
      for (const family of families) if (!sameSamples(a.get(family), b.get(family))) changed.add(family);
    }
  });
  const sorted = [...families].sort();
  const figures: Record<string, FamilyFigures> = {};
  for (const family of sorted) {
    const type = after.find((e) => e.types.has(family))?.types.get(family) ?? 'untyped';
    figures[family] = { type, before: before.reduce((sum, e) => sum + total(e, family), 0),
      after: after.reduce((sum, e) => sum + total(e, family), 0) };
  }
  return { changed: sorted.filter((f) => changed.has(f)), unchanged: sorted.filter((f) => !changed.has(f)), families: figures };
}

/** Scrapes every node every intervalMs until stopped; a scrape that fails is left out. */
export function watchMetrics(apiUrls: readonly string[], intervalMs: number): { stop(): Promise<Exposition[][]> } {
  const scrapes: Exposition[][] = [];
  let inFlight: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    inFlight = inFlight.then(() => scrapeMetrics(apiUrls)).then((scrape) => { scrapes.push(scrape); }, () => undefined);
  }, intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await inFlight;
      return scrapes;
    },
  };
}
