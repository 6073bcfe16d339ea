// bench:net's comparison of two scrapes: a family moved when any sample of it changed, appeared or
// went on any node; histograms are weighed by their _count.
import { describe, expect, it } from 'vitest';
import { parseExposition } from '../../src/metrics/index.js';
import { metricsMovement } from '../../scripts/bench-metrics.js';

const scrape = (body: string) => parseExposition(`# TYPE tianping_a_total counter
# TYPE tianping_h_seconds histogram
# TYPE tianping_g gauge
# TYPE tianping_l_total counter
# TYPE process_cpu_seconds_total counter
${body}`);

const STILL = `tianping_h_seconds_bucket{le="+Inf"} 2
tianping_h_seconds_sum 0.5
tianping_h_seconds_count 2
tianping_g 7
process_cpu_seconds_total 1`;

describe('metricsMovement', () => {
  it('names the tianping_ families that moved on any node and those that did not', () => {
    const before = [scrape(`tianping_a_total 1\n${STILL}`), scrape(`tianping_a_total 5\n${STILL}`)];
    const after = [scrape(`tianping_a_total 1\n${STILL}`), scrape(`tianping_a_total 9\n${STILL}\ntianping_l_total{code="X"} 1`)];
    const movement = metricsMovement(before, after);
    expect(movement.changed).toEqual(['tianping_a_total', 'tianping_l_total']);
    expect(movement.unchanged).toEqual(['tianping_g', 'tianping_h_seconds']);
    expect(movement.families['tianping_a_total']).toEqual({ type: 'counter', before: 6, after: 10 });
    expect(movement.families['tianping_h_seconds']).toEqual({ type: 'histogram', before: 4, after: 4 });
    expect(movement.families['process_cpu_seconds_total']).toBeUndefined();
  });

  it('sees a histogram move by its _sum alone, its _count unchanged', () => {
    const after = scrape(STILL.replace('tianping_h_seconds_sum 0.5', 'tianping_h_seconds_sum 0.75'));
    expect(metricsMovement([scrape(STILL)], [after]).changed).toEqual(['tianping_h_seconds']);
  });

  it('sees a gauge that moved during the load and was back by the end', () => {
    const busy = scrape(STILL.replace('tianping_g 7', 'tianping_g 900'));
    expect(metricsMovement([scrape(STILL)], [scrape(STILL)]).changed).toEqual([]);
    const movement = metricsMovement([scrape(STILL)], [scrape(STILL)], [[scrape(STILL)], [busy]]);
    expect(movement.changed).toEqual(['tianping_g']);
    expect(movement.families['tianping_g']).toEqual({ type: 'gauge', before: 7, after: 7 });
  });

  it('refuses scrapes of different node counts', () => {
    expect(() => metricsMovement([scrape(STILL)], [])).toThrow(/1 scrapes before, 0 after/);
  });
});
