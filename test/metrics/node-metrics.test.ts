// GET /metrics of a running node (startNode, the composition root): after anchors commit, every
// group of series is there and has moved. Each check reads a value the production code recorded;
// an instrumentation point left unwired leaves its series at zero or absent, and the check fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Exposition } from '../../src/metrics/index.js';
import { METRICS_CONTENT_TYPE, startMetricsNode, sumOf, valueOf, type MetricsNode } from './node.js';

const ANCHORS = 3;

let node: MetricsNode;
let before: Exposition;
let after: Exposition;
let refusedTx: { status: number; code: string };

beforeAll(async () => {
  node = await startMetricsNode();
  before = (await node.scrape()).exposition;
  const txs: Uint8Array[] = [];
  for (let i = 1; i <= ANCHORS; i++) txs.push(await node.anchor(i));
  // A request the API refuses (a digest that is no hex), and a committed tx sent again (refused at admission).
  const bad = await fetch(`${node.node.apiUrl}/v1/evidence/not-hex`);
  expect(bad.status).toBe(400);
  const again = await fetch(`${node.node.apiUrl}/v1/txs`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tx: Buffer.from(txs[0]!).toString('base64') }) });
  refusedTx = { status: again.status, code: ((await again.json()) as { code: string }).code };
  after = (await node.scrape()).exposition;
});
afterAll(async () => node?.close());

describe('GET /metrics of a running node', () => {
  it('answers 200 in the Prometheus text format', async () => {
    const { status, contentType, exposition } = await node.scrape();
    expect(status).toBe(200);
    expect(contentType).toBe(METRICS_CONTENT_TYPE);
    // The process defaults, under their standard names.
    expect(valueOf(exposition, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(exposition.types.get('nodejs_eventloop_lag_seconds')).toBe('gauge');
  });

  it('chain height, blocks and their sizes follow the commits', () => {
    expect(valueOf(after, 'tianping_chain_height')).toBeGreaterThanOrEqual(ANCHORS);
    expect(valueOf(after, 'tianping_chain_height')).toBeGreaterThan(valueOf(before, 'tianping_chain_height') ?? 0);
    expect(valueOf(after, 'tianping_block_size_bytes_count')).toBeGreaterThanOrEqual(ANCHORS);
    expect(valueOf(after, 'tianping_block_size_bytes_sum')).toBeGreaterThan(ANCHORS * 200);
    expect(valueOf(after, 'tianping_block_txs_sum')).toBeGreaterThanOrEqual(ANCHORS);
    // Heights after the first have an interval; each one this node decided has its round.
    expect(valueOf(after, 'tianping_block_interval_seconds_count')).toBeGreaterThanOrEqual(ANCHORS - 1);
    expect(valueOf(after, 'tianping_consensus_commit_round_count')).toBeGreaterThanOrEqual(ANCHORS);
    expect(valueOf(after, 'tianping_consensus_commit_round_sum')).toBe(0);
    expect(valueOf(after, 'tianping_consensus_late_round_commits_total')).toBe(0);
  });

  it('times every consensus step and the commit', () => {
    for (const step of ['propose', 'prevote', 'precommit', 'commit']) {
      expect(valueOf(after, 'tianping_consensus_step_duration_seconds_count', { step }), step).toBeGreaterThanOrEqual(ANCHORS);
    }
    expect(valueOf(after, 'tianping_ledger_commit_duration_seconds_count')).toBeGreaterThanOrEqual(ANCHORS);
  });

  it('times what is synced, and sizes the consensus WAL', () => {
    for (const target of ['block', 'consensus_wal', 'high_water']) {
      expect(valueOf(after, 'tianping_fsync_duration_seconds_count', { target }), target).toBeGreaterThanOrEqual(ANCHORS);
      expect(valueOf(after, 'tianping_fsync_duration_seconds_sum', { target }), target).toBeGreaterThan(0);
    }
    expect(valueOf(after, 'tianping_consensus_wal_bytes')).toBeGreaterThan(100);
  });

  it('counts signature verifications', () => {
    // Each anchor once at admission, and the validator's own votes and proposal.
    const verified = valueOf(after, 'tianping_signature_verifications_total')! - (valueOf(before, 'tianping_signature_verifications_total') ?? 0);
    expect(verified).toBeGreaterThanOrEqual(ANCHORS);
  });

  it('reads the mempool gauges at the scrape', () => {
    expect(valueOf(after, 'tianping_mempool_txs')).toBe(0);
    expect(valueOf(after, 'tianping_mempool_bytes')).toBe(0);
    expect(after.types.get('tianping_mempool_txs')).toBe('gauge');
  });

  it('times API requests by route template, method and status', () => {
    const labels = { route: '/v1/txs', method: 'POST', status_code: '200' };
    expect(valueOf(after, 'tianping_api_request_duration_seconds_count', labels)).toBe(ANCHORS);
    // The raw path of the refused lookup never becomes a label value: its template does.
    expect(valueOf(after, 'tianping_api_request_duration_seconds_count',
      { route: '/v1/evidence/:digest', method: 'GET', status_code: '400' })).toBe(1);
    expect(after.samples.some((sample) => Object.values(sample.labels).some((value) => value.includes('not-hex')))).toBe(false);
  });

  it('counts refusals by their code: API problems and txs refused at admission', () => {
    expect(valueOf(after, 'tianping_api_refusals_total', { code: 'DIGEST_INVALID' })).toBe(1);
    expect(refusedTx.status).toBe(409);
    expect(valueOf(after, 'tianping_api_refusals_total', { code: refusedTx.code })).toBe(1);
    expect(valueOf(after, 'tianping_tx_refusals_total', { code: refusedTx.code })).toBe(1);
  });

  it('exports the p2p series (a node alone: no peers, nothing sent)', () => {
    expect(after.types.get('tianping_p2p_peers_connected')).toBe('gauge');
    expect(valueOf(after, 'tianping_p2p_peers_connected')).toBe(0);
    expect(after.types.get('tianping_p2p_bytes_total')).toBe('counter');
    expect(after.types.get('tianping_p2p_penalties_total')).toBe('counter');
    expect(sumOf(after, 'tianping_p2p_penalties_total')).toBe(0);
  });
});
