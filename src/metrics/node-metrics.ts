// The node's Prometheus series, in a registry of its own (never prom-client's global one: tests
// run several nodes in one process, and each must show its own). The pieces of the node never see
// this class: each takes its own minimal interface (types/metrics.ts, and P2PMetrics, LedgerMetrics,
// MempoolMetrics, DriverMetrics, ApiMetrics beside the piece), which the composition root
// (node/index.ts) fills from here. Names follow Prometheus: the tianping_ prefix, base units last
// (_seconds, _bytes), _total on counters.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CounterLike, ErrorCode, ObserverLike } from '../types/index.js';

/** The core's steps and the commit phase (node/consensus-metrics.ts), each a series from the start. */
type Phase = 'propose' | 'prevote' | 'precommit' | 'commit';

/** Step and commit phases last milliseconds on a quiet chain, up to the timeouts (seconds) when a round fails. */
const PHASE_BUCKETS_S = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** From blockDelayMs (50 ms) under load to the heartbeat (10 s) when idle, and beyond when stalled. */
const INTERVAL_BUCKETS_S = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30, 60];
/** An empty block is ~200 bytes; a full one up to blockBytesMax (MiBs). */
const BLOCK_BUCKETS_BYTES = [256, 1024, 4096, 16_384, 65_536, 262_144, 1_048_576, 4_194_304, 16_777_216];
/** Up to proposeTxsMax (2,000) and the chain's blockTxsMax. */
const BLOCK_BUCKETS_TXS = [0, 1, 10, 50, 100, 250, 500, 1000, 2000, 5000, 10_000];
const ROUND_BUCKETS = [0, 1, 2, 3, 5, 8];
/** fsync of a small file or batch: ~0.1 ms on a fast SSD with a volatile cache, tens of ms on a disk. */
const SYNC_BUCKETS_S = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];
const REQUEST_BUCKETS_S = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/** What the gauges read at each scrape, set once the node's pieces exist (watch()). */
export interface MetricSources {
  /** The committed height (the ledger's tip). */
  readonly height: () => number;
  readonly mempool: { readonly size: number; readonly bytes: number };
}

/** Label children of a metric got once per label values, so that counting costs a map lookup. */
class Children<T> {
  private readonly byKey = new Map<string, T>();

  constructor(private readonly make: (values: readonly string[]) => T) {}

  of(...values: string[]): T {
    const key = values.join('\u0000');
    let child = this.byKey.get(key);
    if (child === undefined) {
      child = this.make(values);
      this.byKey.set(key, child);
    }
    return child;
  }
}

export class NodeMetrics {
  readonly registry = new Registry();
  private sources: MetricSources | undefined;

  readonly signatureVerifications: CounterLike;
  // The ledger's and the high-water mark's synced writes, the WAL's size (LedgerMetrics).
  readonly blockSyncSeconds: ObserverLike;
  readonly walSyncSeconds: ObserverLike;
  readonly highWaterSyncSeconds: ObserverLike;
  readonly walBytes: Gauge;
  // The driver (DriverMetrics).
  readonly phaseSeconds: Readonly<Record<Phase, ObserverLike>>;
  readonly commitRound: ObserverLike;
  readonly lateRoundCommits: CounterLike;
  readonly blockIntervalSeconds: ObserverLike;
  readonly blockBytes: ObserverLike;
  readonly blockTxs: ObserverLike;
  readonly commitSeconds: ObserverLike;
  // p2p (P2PMetrics).
  readonly peersConnected: Gauge;
  private readonly p2pBytes: Children<CounterLike>;
  private readonly p2pPenalties: Children<CounterLike>;
  // Refusals and answers.
  private readonly txRefusals: Children<CounterLike>;
  private readonly apiRefusals: Children<CounterLike>;
  private readonly requestSeconds: Children<ObserverLike>;
  private readonly caseEventCounters: Children<CounterLike>;

  constructor() {
    const registers = [this.registry];
    // process_* and nodejs_*: CPU, memory, heap spaces, event-loop lag, GC, handles, file descriptors.
    collectDefaultMetrics({ register: this.registry });
    const counter = (name: string, help: string, labelNames: string[] = []): Counter =>
      new Counter({ name, help, labelNames, registers });
    const histogram = (name: string, help: string, buckets: number[], labelNames: string[] = []): Histogram =>
      new Histogram({ name, help, buckets, labelNames, registers });
    const sources = (): MetricSources | undefined => this.sources;

    new Gauge({ name: 'tianping_chain_height', help: 'Height of the newest committed block', registers,
      collect() { const s = sources(); if (s !== undefined) this.set(s.height()); } });
    new Gauge({ name: 'tianping_mempool_txs', help: 'Txs admitted and waiting to be committed', registers,
      collect() { const s = sources(); if (s !== undefined) this.set(s.mempool.size); } });
    new Gauge({ name: 'tianping_mempool_bytes', help: 'Bytes of the txs waiting to be committed', registers,
      collect() { const s = sources(); if (s !== undefined) this.set(s.mempool.bytes); } });

    this.signatureVerifications = counter('tianping_signature_verifications_total',
      'Ed25519 signatures verified by the node (txs, votes, proposals, commits, signed requests)');

    // What is written with fsync: a block's batch, the consensus WAL record, the high-water mark file.
    const sync = histogram('tianping_fsync_duration_seconds',
      'Time of each write made durable with fsync, by what was written', SYNC_BUCKETS_S, ['target']);
    this.blockSyncSeconds = sync.labels('block');
    this.walSyncSeconds = sync.labels('consensus_wal');
    this.highWaterSyncSeconds = sync.labels('high_water');
    this.walBytes = new Gauge({ name: 'tianping_consensus_wal_bytes', registers,
      help: 'Bytes of the consensus WAL as last written: the record and the blocks it names' });
    this.commitSeconds = histogram('tianping_ledger_commit_duration_seconds',
      'Time to commit an executed block: its synced batch, then its txs cleared from the mempool', SYNC_BUCKETS_S.concat([2.5, 5]));

    const phases = histogram('tianping_consensus_step_duration_seconds',
      'Time the consensus core spent in each step of a round; commit: from the decision to the block being durable',
      PHASE_BUCKETS_S, ['step']);
    this.phaseSeconds = { propose: phases.labels('propose'), prevote: phases.labels('prevote'),
      precommit: phases.labels('precommit'), commit: phases.labels('commit') };
    this.commitRound = histogram('tianping_consensus_commit_round',
      'The round at which each height this node decided was committed (0: the first)', ROUND_BUCKETS);
    this.lateRoundCommits = counter('tianping_consensus_late_round_commits_total',
      'Heights this node decided after round 0: each cost at least one timeout');
    this.blockIntervalSeconds = histogram('tianping_block_interval_seconds',
      'Block time minus the previous block\'s time, per committed block', INTERVAL_BUCKETS_S);
    this.blockBytes = histogram('tianping_block_size_bytes', 'Bytes of each committed block', BLOCK_BUCKETS_BYTES);
    this.blockTxs = histogram('tianping_block_txs', 'Txs in each committed block', BLOCK_BUCKETS_TXS);
    const caseEvents = counter('tianping_case_events_total', 'Judgment-contract case events committed, by kind', ['kind']);
    this.caseEventCounters = new Children(([kind]) => caseEvents.labels(kind!));

    this.peersConnected = new Gauge({ name: 'tianping_p2p_peers_connected', help: 'Peers with an open connection', registers });
    const bytes = counter('tianping_p2p_bytes_total',
      'Payload bytes of gossip messages, requests and responses, by protocol and direction', ['protocol', 'direction']);
    this.p2pBytes = new Children(([protocol, direction]) => bytes.labels(protocol!, direction!));
    const penalties = counter('tianping_p2p_penalties_total',
      'Penalties given to peers, by the protocol their fault was found on', ['protocol']);
    this.p2pPenalties = new Children(([protocol]) => penalties.labels(protocol!));

    const txRefusals = counter('tianping_tx_refusals_total',
      'Txs refused at admission (from the API or from peers), by code', ['code']);
    this.txRefusals = new Children(([code]) => txRefusals.labels(code!));
    const apiRefusals = counter('tianping_api_refusals_total', 'API answers that were problems (problem+json), by code', ['code']);
    this.apiRefusals = new Children(([code]) => apiRefusals.labels(code!));
    const requests = histogram('tianping_api_request_duration_seconds',
      'Time to answer API requests, by route template, method and status code', REQUEST_BUCKETS_S, ['route', 'method', 'status_code']);
    this.requestSeconds = new Children(([route, method, status]) => requests.labels(route!, method!, status!));
  }

  /** The gauges read at scrape time read from these from now on. */
  watch(sources: MetricSources): void {
    this.sources = sources;
  }

  // --- MempoolMetrics
  txRefused(code: ErrorCode): void {
    this.txRefusals.of(code).inc();
  }

  // --- DriverMetrics
  caseEvents(kind: string): CounterLike {
    return this.caseEventCounters.of(kind);
  }

  // --- P2PMetrics
  bytes(protocol: string, direction: 'in' | 'out'): CounterLike {
    return this.p2pBytes.of(protocol, direction);
  }

  penalties(protocol: string): CounterLike {
    return this.p2pPenalties.of(protocol);
  }

  // --- ApiMetrics
  get contentType(): string {
    return this.registry.contentType;
  }

  exposition(): Promise<string> {
    return this.registry.metrics();
  }

  requestAnswered(route: string, method: string, statusCode: number, durationSeconds: number): void {
    this.requestSeconds.of(route, method, String(statusCode)).observe(durationSeconds);
  }

  refused(code: ErrorCode): void {
    this.apiRefusals.of(code).inc();
  }
}
