// What the driver records from the core's states and the blocks it commits (node/consensus-metrics.ts),
// read back through NodeMetrics' exposition: step times, steps passed within one event, the commit
// phase and its round, late rounds, and case events counted by kind.
import { describe, expect, it } from 'vitest';
import type { ExecutedBlock } from '../../src/blocks/index.js';
import { pb } from '../../src/codec/index.js';
import type { ConsensusState } from '../../src/consensus/tendermint/index.js';
import { NodeMetrics, parseExposition, type Exposition } from '../../src/metrics/index.js';
import { ConsensusRecorder } from '../../src/node/consensus-metrics.js';
import { valueOf } from './node.js';

const at = (height: number, round: number, status: ConsensusState['status'], step: ConsensusState['step'] = 'propose'): ConsensusState =>
  ({ height, round, status, step }) as unknown as ConsensusState;

const stepCount = (e: Exposition, step: string): number | undefined =>
  valueOf(e, 'tianping_consensus_step_duration_seconds_count', { step });

const scrape = async (metrics: NodeMetrics): Promise<Exposition> => parseExposition(await metrics.exposition());

function block(timeMs: number, events: Uint8Array[]): ExecutedBlock {
  return { height: 2, timeMs, blockBytes: new Uint8Array(300), result: { included: [{}, {}], events } } as unknown as ExecutedBlock;
}

describe('ConsensusRecorder', () => {
  it('times each step, and counts steps passed within one event as 0', async () => {
    const metrics = new NodeMetrics();
    const recorder = new ConsensusRecorder(metrics);
    recorder.stepped(at(1, 0, 'running', 'propose'));
    recorder.stepped(at(1, 0, 'running', 'propose')); // no change: nothing observed
    // One event took the core from propose to the decision.
    recorder.stepped(at(1, 0, 'decided'));
    recorder.decided(0);
    // A late vote while still decided starts no new commit phase.
    recorder.stepped(at(1, 0, 'decided'));
    recorder.stepped(at(2, 0, 'running', 'propose'));
    recorder.stepped(at(2, 0, 'running', 'prevote'));
    // Round 1 from prevote: precommit of round 0 was never entered, so it gets no observation.
    recorder.stepped(at(2, 1, 'running', 'propose'));
    recorder.stepped(at(2, 1, 'decided'));
    recorder.decided(1);
    const e = await scrape(metrics);
    expect(stepCount(e, 'propose')).toBe(3);
    expect(stepCount(e, 'prevote')).toBe(3);
    expect(stepCount(e, 'precommit')).toBe(2);
    expect(stepCount(e, 'commit')).toBe(2);
    expect(valueOf(e, 'tianping_consensus_step_duration_seconds_bucket', { step: 'precommit', le: '0.001' })).toBe(2);
    expect(valueOf(e, 'tianping_consensus_commit_round_count')).toBe(2);
    expect(valueOf(e, 'tianping_consensus_commit_round_sum')).toBe(1);
    expect(valueOf(e, 'tianping_consensus_late_round_commits_total')).toBe(1);
  });

  it('records a committed block: size, txs, interval after the previous block, commit time, case events by kind', async () => {
    const metrics = new NodeMetrics();
    const recorder = new ConsensusRecorder(metrics);
    const event = (kind: number): Uint8Array => pb.CaseEvent.encode({ caseNo: 'CASE-1', seq: 3, kind }).finish();
    const { CASE_EVENT_KIND_CREATED: created, CASE_EVENT_KIND_DEFAULT: defaulted } = pb.CaseEventKind;
    recorder.committed(block(10_500, [event(created), event(defaulted), event(defaulted)]), 1, 10_000, 0.004);
    recorder.committed(block(11_000, []), 0, 0, 0.002); // block 1: no interval from the genesis time
    const e = await scrape(metrics);
    expect(valueOf(e, 'tianping_block_size_bytes_sum')).toBe(600);
    expect(valueOf(e, 'tianping_block_txs_sum')).toBe(4);
    expect(valueOf(e, 'tianping_block_interval_seconds_count')).toBe(1);
    expect(valueOf(e, 'tianping_block_interval_seconds_sum')).toBe(0.5);
    expect(valueOf(e, 'tianping_ledger_commit_duration_seconds_sum')).toBeCloseTo(0.006);
    expect(valueOf(e, 'tianping_case_events_total', { kind: 'created' })).toBe(1);
    expect(valueOf(e, 'tianping_case_events_total', { kind: 'default' })).toBe(2);
  });
});
