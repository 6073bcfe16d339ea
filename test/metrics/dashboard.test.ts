// config/grafana/tianping.json is a sound Grafana dashboard (the TypeBox schema of the part of the
// model it uses, plus ids, grid and refIds), and every metric its queries name is a series a
// running node exports. Bad dashboards next to the good one: the same checker must refuse them.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardProblems, isExported, metricNamesOf, type Dashboard } from './dashboard.js';
import { startMetricsNode, type MetricsNode } from './node.js';

const DASHBOARD_FILE = new URL('../../config/grafana/tianping.json', import.meta.url);

let node: MetricsNode;
let families: ReadonlyMap<string, string>;
const dashboard = (): Dashboard => JSON.parse(readFileSync(DASHBOARD_FILE, 'utf8')) as Dashboard;

beforeAll(async () => {
  node = await startMetricsNode();
  families = (await node.scrape()).exposition.types;
});
afterAll(async () => node?.close());

describe('metric names of a PromQL expression', () => {
  it.each([
    ['tianping_chain_height{instance=~"$instance"}', ['tianping_chain_height']],
    ['histogram_quantile(0.95, sum by (le, step) (rate(tianping_consensus_step_duration_seconds_bucket{a="b,c"}[5m])))',
      ['tianping_consensus_step_duration_seconds_bucket']],
    ['sum(rate(a_sum[1m])) / sum without (code) (rate(a_count{x="}"}[1m])) > bool 0', ['a_sum', 'a_count']],
    ['max by (instance) (up) unless on (instance) other_total offset 5m', ['up', 'other_total']],
  ])('%s', (expr, names) => {
    expect(metricNamesOf(expr)).toEqual(names);
  });

  it('a histogram\'s series are its _bucket, _sum and _count; a counter has no _bucket', () => {
    const types = new Map([['h_seconds', 'histogram'], ['c_total', 'counter'], ['s', 'summary']]);
    expect(['h_seconds_bucket', 'h_seconds_sum', 'h_seconds_count', 'c_total', 's_sum'].every((n) => isExported(n, types))).toBe(true);
    expect(['h_seconds_total', 'c_total_bucket', 's_bucket', 'h_bucket', 'missing'].some((n) => isExported(n, types))).toBe(false);
  });
});

describe('config/grafana/tianping.json', () => {
  it('is a sound dashboard whose every query names a series of a running node', () => {
    expect(dashboardProblems(dashboard(), families)).toEqual([]);
  });

  it('has a panel for every group of series the node exports', () => {
    const named = new Set(dashboard().panels.flatMap((panel) => panel.targets.flatMap((target) => metricNamesOf(target.expr)))
      .map((name) => name.replace(/_(bucket|sum|count)$/, '')));
    const ours = [...families.keys()].filter((name) => name.startsWith('tianping_'));
    expect(ours.length).toBeGreaterThan(15);
    expect(ours.filter((name) => !named.has(name))).toEqual([]);
  });

  it('is refused when a query names a series the node does not export', () => {
    const bad = dashboard();
    bad.panels[0]!.targets[0]!.expr = 'rate(tianping_payouts_total[5m])';
    expect(dashboardProblems(bad, families)).toEqual([`panel 1 "${bad.panels[0]!.title}" A: no series tianping_payouts_total`]);
  });

  it('is refused when a histogram suffix is put on a gauge', () => {
    const bad = dashboard();
    bad.panels[0]!.targets[0]!.expr = 'tianping_chain_height_bucket';
    expect(dashboardProblems(bad, families)).toHaveLength(1);
  });

  it.each([
    ['a panel without expr', (d: Dashboard) => { delete (d.panels[1]!.targets[0] as { expr?: string }).expr; }, /expr/],
    ['a gridPos that is not a number', (d: Dashboard) => { (d.panels[2]!.gridPos as { w: unknown }).w = '8'; }, /gridPos\/w/],
    ['a panel id used twice', (d: Dashboard) => { d.panels[3]!.id = d.panels[2]!.id; }, /id used twice/],
    ['a panel past the grid', (d: Dashboard) => { d.panels[0]!.gridPos.x = 20; }, /past the 24 columns/],
    ['a data source that is not the input', (d: Dashboard) => { (d.panels[0]!.datasource as { uid: string }).uid = 'my-prom'; }, /datasource\/uid/],
    ['no uid', (d: Dashboard) => { delete (d as { uid?: string }).uid; }, /uid/],
  ])('is refused with %s', (_what, spoil, problem) => {
    const bad = dashboard();
    spoil(bad);
    const problems = dashboardProblems(bad, families);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).toMatch(problem);
  });
});
