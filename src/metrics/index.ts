// Face of metrics/: the node's Prometheus series in a registry of its own. Only the composition
// root (node/index.ts) builds NodeMetrics; every other piece records through its own minimal
// interface, and records nothing when it is given none. parseExposition reads a scrape back
// (bench:net compares two; tests check them).
export { NodeMetrics, type MetricSources } from './node-metrics.js';
export { parseExposition, sampleKey, type Exposition, type Sample } from './exposition.js';
