// The part of Grafana's dashboard model that config/grafana/tianping.json uses, as a TypeBox schema,
// and the checks a schema cannot say: unique panel ids and refIds, panels inside the 24-column
// grid, and every metric a query names being a series the node exports.
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

/** A panel or query's data source: the Prometheus chosen at import (`${DS_PROMETHEUS}`). */
const DatasourceSchema = Type.Object({
  type: Type.Literal('prometheus'),
  uid: Type.Literal('${DS_PROMETHEUS}'),
});

const TargetSchema = Type.Object({
  refId: Type.String({ pattern: '^[A-Z]$' }),
  expr: Type.String({ minLength: 1 }),
  legendFormat: Type.Optional(Type.String()),
  datasource: Type.Optional(DatasourceSchema),
});

/** Grafana lays panels on 24 columns; heights in grid rows. */
const GridPosSchema = Type.Object({
  h: Type.Integer({ minimum: 1, maximum: 100 }),
  w: Type.Integer({ minimum: 1, maximum: 24 }),
  x: Type.Integer({ minimum: 0, maximum: 23 }),
  y: Type.Integer({ minimum: 0 }),
});

const PanelSchema = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  type: Type.Union([Type.Literal('timeseries'), Type.Literal('stat')]),
  title: Type.String({ minLength: 1 }),
  description: Type.Optional(Type.String()),
  datasource: DatasourceSchema,
  gridPos: GridPosSchema,
  targets: Type.Array(TargetSchema, { minItems: 1 }),
  fieldConfig: Type.Object({ defaults: Type.Object({ unit: Type.String({ minLength: 1 }) }), overrides: Type.Array(Type.Unknown()) }),
  options: Type.Record(Type.String(), Type.Unknown()),
});

const VariableSchema = Type.Object({
  name: Type.String({ pattern: '^[a-zA-Z_][a-zA-Z0-9_]*$' }),
  type: Type.Literal('query'),
  datasource: DatasourceSchema,
  query: Type.Object({ query: Type.String({ minLength: 1 }), refId: Type.String() }),
  definition: Type.String(),
  refresh: Type.Integer({ minimum: 0, maximum: 2 }),
  includeAll: Type.Boolean(),
  multi: Type.Boolean(),
}, { additionalProperties: true });

export const DashboardSchema = Type.Object({
  __inputs: Type.Array(Type.Object({
    name: Type.Literal('DS_PROMETHEUS'), label: Type.String(), type: Type.Literal('datasource'), pluginId: Type.Literal('prometheus'),
  }, { additionalProperties: true }), { minItems: 1, maxItems: 1 }),
  title: Type.String({ minLength: 1 }),
  uid: Type.String({ pattern: '^[a-zA-Z0-9_-]{1,40}$' }),
  schemaVersion: Type.Integer({ minimum: 36 }),
  version: Type.Integer({ minimum: 0 }),
  time: Type.Object({ from: Type.String(), to: Type.String() }),
  refresh: Type.String(),
  templating: Type.Object({ list: Type.Array(VariableSchema) }),
  panels: Type.Array(PanelSchema, { minItems: 1 }),
}, { additionalProperties: true });

export type Dashboard = Static<typeof DashboardSchema>;

/** PromQL words that look like identifiers but name no series: aggregations, their modifiers, binary operators. */
const PROMQL_WORDS: ReadonlySet<string> = new Set(['sum', 'min', 'max', 'avg', 'group', 'stddev', 'stdvar', 'count', 'count_values',
  'bottomk', 'topk', 'quantile', 'limitk', 'limit_ratio', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right',
  'and', 'or', 'unless', 'offset', 'bool', 'atan2', 'inf', 'nan']);

/**
 * The metric names a PromQL expression selects. Strings, label matchers `{...}`, ranges `[5m]` and
 * the label lists of by/without/on/ignoring/group_left/group_right are taken out first; of what
 * is left, a name followed by `(` is a function, and the words above are the language's own.
 */
export function metricNamesOf(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = new Set<string>();
  for (const match of bare.matchAll(/(?<![\w:.$])([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?/g)) {
    const [, name, call] = match;
    if (call === undefined && !PROMQL_WORDS.has(name!.toLowerCase())) names.add(name!);
  }
  return [...names];
}

/**
 * Whether `name` is a series of a family the node exports, given the families' types (# TYPE): the
 * family itself, or a histogram's _bucket/_sum/_count, a summary's _sum/_count.
 */
export function isExported(name: string, families: ReadonlyMap<string, string>): boolean {
  if (families.has(name)) return true;
  const suffix = /^(.*)_(bucket|sum|count)$/.exec(name);
  if (suffix === null) return false;
  const type = families.get(suffix[1]!);
  return type === 'histogram' || (type === 'summary' && suffix[2] !== 'bucket');
}

/** Every problem of a dashboard: schema violations, then the checks beyond the schema. [] when it is sound. */
export function dashboardProblems(json: unknown, families: ReadonlyMap<string, string>): string[] {
  if (!Value.Check(DashboardSchema, json)) {
    return [...Value.Errors(DashboardSchema, json)].map((error) => `${error.path || '/'}: ${error.message}`);
  }
  const problems: string[] = [];
  const ids = new Set<number>();
  for (const panel of json.panels) {
    const where = `panel ${panel.id} "${panel.title}"`;
    if (ids.has(panel.id)) problems.push(`${where}: id used twice`);
    ids.add(panel.id);
    if (panel.gridPos.x + panel.gridPos.w > 24) problems.push(`${where}: x + w is past the 24 columns`);
    const refIds = panel.targets.map((target) => target.refId);
    if (new Set(refIds).size !== refIds.length) problems.push(`${where}: refIds repeat`);
    for (const target of panel.targets) {
      const names = metricNamesOf(target.expr);
      if (names.length === 0) problems.push(`${where} ${target.refId}: the query names no metric`);
      for (const name of names) if (!isExported(name, families)) problems.push(`${where} ${target.refId}: no series ${name}`);
    }
  }
  for (const variable of json.templating.list) {
    // label_values(series, label): the label is no series.
    const labelValues = /^label_values\((.+),\s*[a-zA-Z_][a-zA-Z0-9_]*\s*\)$/.exec(variable.query.query);
    for (const name of metricNamesOf(labelValues?.[1] ?? variable.query.query)) {
      if (!isExported(name, families)) problems.push(`variable ${variable.name}: no series ${name}`);
    }
  }
  return problems;
}
