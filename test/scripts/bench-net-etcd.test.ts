// bench:net reads etcd's writes/s from what `etcdctl check perf` prints (etcd 3.4): a pass and a
// fail of its own expectations give the same figures; output without a throughput line is an error.
import { describe, expect, it } from 'vitest';
import { parseCheckPerf } from '../../scripts/bench-net-etcd.js';

const PROGRESS = ' 59 / 60    98.33% 00m01s 60 / 60  100.00% 1m0s\n';

describe('parseCheckPerf', () => {
  it('reads a run that missed etcd\'s own expectations', () => {
    const out = `${PROGRESS}FAIL: Throughput too low: 2681 writes/s\nSlowest request took too long: 0.616738s\nPASS: Stddev is 0.073502s\nFAIL\n`;
    expect(parseCheckPerf(out)).toEqual({ writesPerSec: 2681, slowestMs: 616.738, stddevMs: 73.502, etcdPass: false });
  });

  it('reads a run that met them', () => {
    const out = `${PROGRESS}PASS: Throughput is 7992 writes/s\nPASS: Slowest request took 0.183341s\nPASS: Stddev is 0.021101s\nPASS\n`;
    const figures = parseCheckPerf(out);
    expect(figures.writesPerSec).toBe(7992);
    expect(figures.slowestMs).toBeCloseTo(183.341, 6);
    expect(figures.etcdPass).toBe(true);
  });

  it('refuses output without a throughput, quoting it', () => {
    expect(() => parseCheckPerf('Error: context deadline exceeded\n')).toThrow(/printed no throughput: Error: context deadline exceeded/);
    const warning = '{"level":"warn","msg":"retrying of unary invoker failed","error":"rpc error: code = Unavailable"}';
    expect(() => parseCheckPerf(`${PROGRESS}${warning}\nError: etcdserver: request timed out\n`))
      .toThrow(/printed no throughput: Error: etcdserver: request timed out$/);
  });
});
