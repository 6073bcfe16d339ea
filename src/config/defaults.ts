// Every limit, port, interval and path the node uses, with its default. config/example.json shows
// the same values as a file (a test keeps the two equal).

export interface NodeConfig {
  /** Where the ledger, keys and genesis live. */
  readonly dataDir: string;
  /** Human-readable node name in logs and /v1/status. */
  readonly moniker: string;
  /** Genesis file; relative paths are resolved against dataDir. */
  readonly genesisFile: string;
  /** This node's ed25519 key file (0600); relative to dataDir. */
  readonly nodeKeyFile: string;
  readonly api: {
    readonly host: string;
    readonly port: number;
    readonly bodyBytesMax: number;
    /** Upper bound of ?wait=commit. */
    readonly commitWaitMsMax: number;
    /** Anchors returned by one evidence lookup page at most. */
    readonly evidencePageMax: number;
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
  };
  readonly log: {
    readonly level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
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
    tlsCertFile: '',
    tlsKeyFile: '',
  },
  mempool: {
    txsMax: 100_000,
    bytesMax: 256 * 1024 * 1024,
  },
  consensus: {
    heartbeatIntervalMs: 10_000,
    blockDelayMs: 50,
  },
  log: {
    level: 'info',
  },
};
