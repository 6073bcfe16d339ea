// What one simulated run reports: the scenario's shape, what the faults and the workload did, and
// what the checkers checked (a run that broke an invariant throws instead).
export interface SimResult {
  readonly seed: number;
  /** Genesis validators. */
  readonly nodeCount: number;
  /** Nodes outside the genesis set that may join. */
  readonly spareCount: number;
  readonly byzantineCount: number;
  readonly simulatedMs: number;
  readonly maxHeight: number;
  /** Highest round any honest node reached. */
  readonly maxRound: number;
  readonly commits: number;
  readonly equivocations: number;
  readonly evidenceRecorded: number;
  readonly messagesSent: number;
  readonly messagesDropped: number;
  readonly crashes: number;
  /** Set changes planned, and seen passed on chain. */
  readonly setChangesPlanned: number;
  readonly setChangesCommitted: number;
  /** Distinct validator sets honest nodes ran (1: the genesis set throughout). */
  readonly setsInForce: number;
  /** Votes signed by Byzantine nodes outside their height's set (all ignored). */
  readonly ghostVotes: number;
  /** Honest restarts with a set change already in their ledger; spares that went on to vote. */
  readonly restartsAfterChange: number;
  readonly sparesThatVoted: number;
  /** Forged blocks with certificates sent to syncing nodes by Byzantine nodes. */
  readonly forgedCommits: number;
  readonly setsChecked: number;
  readonly certificatesChecked: number;
  /** Anchors a node answered as committed, and re-checks of those answers against ledgers after restarts. */
  readonly answeredCommitted: number;
  readonly answersRechecked: number;
  readonly events: number;
  /** Judgment contracts: planned, created, in default, filed for execution, suspended (at the end, on one node). */
  readonly casesPlanned: number;
  readonly casesCreated: number;
  readonly caseDefaults: number;
  readonly caseFilings: number;
  readonly caseSuspensions: number;
  /** Heights of a node whose case state, events and amounts owed matched another node's; events checked in place. */
  readonly caseStatesCompared: number;
  readonly caseEventsChecked: number;
  /** SHA-256 over every honest commit (node, height, hash, time): equal digests, equal runs. */
  readonly commitDigest: string;
}
