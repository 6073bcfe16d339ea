// Every limit, port, interval and path the node uses, with its default. config/example.json shows
// the same values as a file (a test keeps the two equal).
import type { ConnectionBounds } from '../api/connection-limits.js';

export interface NodeConfig {
  /** Where the ledger, keys and genesis live. */
  readonly dataDir: string;
  /** Human-readable node name in logs and /v1/status. */
  readonly moniker: string;
  /** Genesis file; relative paths are resolved against dataDir. */
  readonly genesisFile: string;
  /** This node's ed25519 key file (0600); relative to dataDir. */
  readonly nodeKeyFile: string;
  /** The connection bounds are documented where they are enforced (api/connection-limits.ts). */
  readonly api: ConnectionBounds & {
    readonly host: string;
    readonly port: number;
    readonly bodyBytesMax: number;
    /** Upper bound of ?wait=commit. */
    readonly commitWaitMsMax: number;
    /** Anchors returned by one evidence lookup page at most. */
    readonly evidencePageMax: number;
    /**
     * How far a signed request's `created` and Date may lie from the node clock, either way; the
     * replay cache remembers each accepted signature this long.
     */
    readonly signatureWindowMs: number;
    /** HTTPS when both are set. */
    readonly tlsCertFile: string;
    readonly tlsKeyFile: string;
  };
  readonly mempool: {
    readonly txsMax: number;
    readonly bytesMax: number;
  };
  readonly consensus: {
    /** An empty block is made after this long without one, so that time moves on chain. */
    readonly heartbeatIntervalMs: number;
    /** Txs wait at most this long to be gathered into a block. */
    readonly blockDelayMs: number;
    /** Tendermint timeouts: base + round × delta (a node's own choice, not a chain rule). */
    readonly timeoutProposeMs: number;
    readonly timeoutProposeDeltaMs: number;
    readonly timeoutPrevoteMs: number;
    readonly timeoutPrevoteDeltaMs: number;
    readonly timeoutPrecommitMs: number;
    readonly timeoutPrecommitDeltaMs: number;
    /** Own votes and the current proposal are sent again at this interval until the height commits. */
    readonly rebroadcastIntervalMs: number;
    /**
     * Txs a proposer puts in one block at most (a local choice, below the chain's blockTxsMax): a
     * block must be built, sent and re-executed well within the proposal's time window.
     */
    readonly proposeTxsMax: number;
    /** Bytes of txs a proposer puts in one block at most (below the chain's blockBytesMax), likewise. */
    readonly proposeBytesMax: number;
  };
  readonly p2p: {
    /** libp2p listen multiaddrs. Empty: no p2p (a single-validator chain needs none). */
    readonly listen: readonly string[];
    /** Multiaddrs with /p2p/<peer id> of other members' nodes, dialled at start and redialled. */
    readonly bootstrap: readonly string[];
    /** Largest gossip message accepted (a proposal carries its block). */
    readonly messageBytesMax: number;
    /** Blocks per block-sync response at most. */
    readonly syncBlocksMax: number;
    /**
     * A file of node ids (hex public keys, one per line) this node refuses on the wire even though
     * they are members: the operator's switch to cut a misbehaving peer at once. Re-read when it
     * changes. Empty: none.
     */
    readonly denyListFile: string;
    /**
     * How long a peer is refused after repeated penalties (junk on the wire). Its key is refused,
     * so a validator whose key a Byzantine peer used rejoins only once the ban has passed.
     */
    readonly banMs: number;
  };
  readonly log: {
    readonly level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  };
  /** The process's memory behaviour (docs/configuration.md, "Memory"). */
  readonly memory: {
    /**
     * How far V8 lets the JavaScript heap grow past what survived the last full collection, in
     * percent (V8's --heap-growing-percent); 0 leaves V8's own factor (up to 4x, after a fast
     * collection). Lower: a flatter RSS for a little more CPU spent collecting.
     */
    readonly heapGrowingPercent: number;
    /**
     * Files LevelDB keeps open for the ledger (its max_open_files): tables beyond this minus 10 are
     * closed least recently used first, and with them the pages of the table read through mmap,
     * which otherwise stay in RSS as the ledger grows. LevelDB takes 74..50,000.
     */
    readonly ledgerOpenFilesMax: number;
  };
  /** Witnesses this node pushes its checkpoints to (docs/checkpoints.md §6, node/witness-push.ts). */
  readonly witnesses: {
    /** `<URL> <witness verifier key>` each: the witness's base URL and the key it cosigns with. Empty: no push. */
    readonly list: readonly string[];
    /** A push round starts at most this often (when the chain moved since the last one). */
    readonly intervalMs: number;
    /** A round starts as soon as this many heights committed since the last one; 0: by the interval alone. */
    readonly everyHeights: number;
  };
  /** Foreign chains this node composes two-hop receipts for (docs/crosschain.md §5). */
  readonly crosschain: {
    /** `<name> <URL>` each: a registered foreign chain's name and the base URL of a node of that chain. */
    readonly sources: readonly string[];
  };
  /** The payout dispatcher this node runs for its operator's executor key (docs/payouts.md §6). */
  readonly payouts: {
    readonly enabled: boolean;
    /** The executor's ed25519 key file (0600); relative to dataDir. */
    readonly keyFile: string;
    /** The bank gateway's base URL. */
    readonly gatewayUrl: string;
    /** A bank call without an answer by then is an unknown outcome: the dispatcher asks its status by key, then retries. */
    readonly bankTimeoutMs: number;
    /** The encrypted account store and its 32-byte key file (0600); relative to dataDir. */
    readonly accountsFile: string;
    readonly accountsKeyFile: string;
    /** The outbox (LevelDB); relative to dataDir. */
    readonly outboxDir: string;
    /** The court's case account the transfers leave from. */
    readonly fromAccount: string;
    /** The gateway's webhook secrets: the current one first, then the previous one during a rotation. */
    readonly webhookSecrets: readonly string[];
  };
}

export const DEFAULT_CONFIG: NodeConfig = {
  dataDir: './data',
  moniker: 'tianping-node',
  genesisFile: 'genesis.json',
  nodeKeyFile: 'node.key',
  api: {
    host: '127.0.0.1',
    port: 8080,
    bodyBytesMax: 1024 * 1024,
    commitWaitMsMax: 60_000,
    evidencePageMax: 1000,
    signatureWindowMs: 300_000,
    tlsCertFile: '',
    tlsKeyFile: '',
    keepAliveTimeoutMs: 5_000,
    headersTimeoutMs: 10_000,
    requestTimeoutMs: 30_000,
    connectionTimeoutMs: 120_000,
    connectionsMax: 1_024,
    connectionsPerClientMax: 128,
  },
  mempool: {
    txsMax: 100_000,
    bytesMax: 256 * 1024 * 1024,
  },
  consensus: {
    heartbeatIntervalMs: 10_000,
    blockDelayMs: 50,
    timeoutProposeMs: 3_000,
    timeoutProposeDeltaMs: 500,
    timeoutPrevoteMs: 1_000,
    timeoutPrevoteDeltaMs: 500,
    timeoutPrecommitMs: 1_000,
    timeoutPrecommitDeltaMs: 500,
    rebroadcastIntervalMs: 1_000,
    proposeTxsMax: 2_000,
    proposeBytesMax: 1024 * 1024,
  },
  p2p: {
    listen: [],
    bootstrap: [],
    messageBytesMax: 16 * 1024 * 1024,
    syncBlocksMax: 50,
    denyListFile: '',
    banMs: 10 * 60_000,
  },
  log: {
    level: 'info',
  },
  memory: {
    heapGrowingPercent: 20,
    ledgerOpenFilesMax: 74,
  },
  witnesses: {
    list: [],
    intervalMs: 30_000,
    everyHeights: 0,
  },
  crosschain: {
    sources: [],
  },
  payouts: {
    enabled: false,
    keyFile: 'executor.key',
    gatewayUrl: '',
    bankTimeoutMs: 10_000,
    accountsFile: 'payout-accounts.bin',
    accountsKeyFile: 'payout-accounts.key',
    outboxDir: 'payouts-outbox',
    fromAccount: '',
    webhookSecrets: [],
  },
};
