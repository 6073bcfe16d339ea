// Reading the Prometheus text format (0.0.4) back: the samples of an exposition, for tools that
// compare two scrapes (bench:net) and for tests. Only what prom-client writes: `# HELP`/`# TYPE`
// lines, and `name{label="value",...} number` samples with escaped label values.

export interface Sample {
  /** The sample's name, with a histogram's _bucket, _sum or _count suffix. */
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface Exposition {
  readonly samples: readonly Sample[];
  /** Metric family names by their # TYPE (counter, gauge, histogram, summary, untyped). */
  readonly types: ReadonlyMap<string, string>;
}

const SAMPLE_RE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+-?\d+)?$/;
const LABEL_RE = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*,?/gy;

function unescape(value: string): string {
  return value.replace(/\\(.)/g, (_match, c: string) => (c === 'n' ? '\n' : c));
}

function parseValue(text: string, line: string): number {
  if (text === '+Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  const value = Number(text);
  if (text.toLowerCase() === 'nan') return Number.NaN;
  if (Number.isNaN(value)) throw new Error(`not a sample value in "${line}"`);
  return value;
}

function parseLabels(text: string, line: string): Record<string, string> {
  const labels: Record<string, string> = {};
  LABEL_RE.lastIndex = 0;
  let at = 0;
  for (let match = LABEL_RE.exec(text); match !== null; match = LABEL_RE.exec(text)) {
    labels[match[1]!] = unescape(match[2]!);
    at = LABEL_RE.lastIndex;
  }
  if (at !== text.length) throw new Error(`labels do not parse in "${line}"`);
  return labels;
}

/** The samples and family types of an exposition; throws naming the first line that does not parse. */
export function parseExposition(text: string): Exposition {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    if (line.startsWith('#')) {
      const type = /^# TYPE (\S+) (\S+)$/.exec(line);
      if (type !== null) types.set(type[1]!, type[2]!);
      continue;
    }
    const match = SAMPLE_RE.exec(line);
    if (match === null) throw new Error(`not a sample line: "${line}"`);
    samples.push({ name: match[1]!, labels: match[2] === undefined ? {} : parseLabels(match[2], line), value: parseValue(match[3]!, line) });
  }
  return { samples, types };
}

/** A sample's identity: its name and labels in a fixed order, e.g. `x_total{code="A"}`. */
export function sampleKey(sample: Sample): string {
  const labels = Object.keys(sample.labels).sort().map((key) => `${key}="${sample.labels[key]!}"`);
  return labels.length === 0 ? sample.name : `${sample.name}{${labels.join(',')}}`;
}
