// The table of every setting: its dotted path, how a value is checked, and its environment
// variable. The loader, the docs test and the CLI's help all read this one table, so a setting
// added to defaults.ts without an entry here fails a test instead of being silently unsettable.

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export type SettingKind =
  | { readonly type: 'int'; readonly min: number; readonly max: number }
  | { readonly type: 'string'; readonly allowEmpty: boolean; readonly pattern?: RegExp; readonly patternText?: string }
  | { readonly type: 'enum'; readonly values: readonly string[] }
  /** true or false: JSON booleans in a file, the text "true" or "false" in the environment and flags. */
  | { readonly type: 'boolean' }
  /**
   * Non-empty strings: an array in a JSON file, comma-separated text in the environment and flags
   * (an empty text is the empty list). itemPattern checks each item.
   */
  | { readonly type: 'list'; readonly itemPattern?: RegExp; readonly itemPatternText?: string };

export interface SettingSpec {
  /** Dotted path into NodeConfig, e.g. "api.port". */
  readonly path: string;
  readonly kind: SettingKind;
}

const INT_MAX = Number.MAX_SAFE_INTEGER;
const positive = { type: 'int', min: 1, max: INT_MAX } as const;
const nonNegative = { type: 'int', min: 0, max: INT_MAX } as const;
const pathString = { type: 'string', allowEmpty: false } as const;
const optionalPath = { type: 'string', allowEmpty: true } as const;
// Same rule as genesis names: the moniker doubles as the validator name of a dev genesis, and
// keeping it to these characters keeps log lines unambiguous.
const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
// Multiaddrs are only shape-checked here (config/ imports no libp2p): a leading "/", no spaces or
// commas (the list separator). libp2p parses them at start and names the bad one.
const MULTIADDR_RE = /^\/[^\s,]+$/;
// A bootstrap peer must name its peer id: the connection gater admits member node keys only, so
// an address without one could never be verified as the member it claims to be.
const PEER_MULTIADDR_RE = /^\/[^\s,]+\/p2p\/[1-9A-HJ-NP-Za-km-z]+$/;

// A witness to push checkpoints to: its URL and its verifier key, one space between (neither holds
// a space or a comma, the list separator).
const WITNESS_RE = /^https?:\/\/[^\s,]+ [^\s,+]+\+[0-9a-f]{8}\+[A-Za-z0-9+/=]+$/;

// A side chain's node for two-hop receipts: the registered name, one space, its base URL (neither
// holds a space or a comma, the list separator).
const CROSSCHAIN_SOURCE_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63} https?:\/\/[^\s,]+$/;

export const SETTINGS: readonly SettingSpec[] = [
  { path: 'dataDir', kind: pathString },
  { path: 'moniker', kind: { type: 'string', allowEmpty: false, pattern: NAME_RE,
    patternText: '1..64 characters of A-Z a-z 0-9 . _ - starting with a letter or digit' } },
  { path: 'genesisFile', kind: pathString },
  { path: 'nodeKeyFile', kind: pathString },
  { path: 'api.host', kind: pathString },
  { path: 'api.port', kind: { type: 'int', min: 0, max: 65535 } },
  { path: 'api.bodyBytesMax', kind: positive },
  { path: 'api.commitWaitMsMax', kind: positive },
  { path: 'api.evidencePageMax', kind: positive },
  { path: 'api.signatureWindowMs', kind: positive },
  { path: 'api.tlsCertFile', kind: optionalPath },
  { path: 'api.tlsKeyFile', kind: optionalPath },
  { path: 'api.keepAliveTimeoutMs', kind: positive },
  { path: 'api.headersTimeoutMs', kind: positive },
  { path: 'api.requestTimeoutMs', kind: positive },
  { path: 'api.connectionTimeoutMs', kind: positive },
  { path: 'api.connectionsMax', kind: positive },
  { path: 'api.connectionsPerClientMax', kind: positive },
  { path: 'mempool.txsMax', kind: positive },
  { path: 'mempool.bytesMax', kind: positive },
  { path: 'consensus.heartbeatIntervalMs', kind: positive },
  // Zero is meaningful here: propose as soon as a tx arrives.
  { path: 'consensus.blockDelayMs', kind: nonNegative },
  { path: 'consensus.timeoutProposeMs', kind: positive },
  // Zero deltas keep every round's timeouts equal; allowed, though liveness under slow networks
  // then rests on the base timeouts alone.
  { path: 'consensus.timeoutProposeDeltaMs', kind: nonNegative },
  { path: 'consensus.timeoutPrevoteMs', kind: positive },
  { path: 'consensus.timeoutPrevoteDeltaMs', kind: nonNegative },
  { path: 'consensus.timeoutPrecommitMs', kind: positive },
  { path: 'consensus.timeoutPrecommitDeltaMs', kind: nonNegative },
  { path: 'consensus.rebroadcastIntervalMs', kind: positive },
  { path: 'consensus.proposeTxsMax', kind: positive },
  { path: 'consensus.proposeBytesMax', kind: positive },
  { path: 'p2p.listen', kind: { type: 'list', itemPattern: MULTIADDR_RE,
    itemPatternText: 'a multiaddr such as /ip4/0.0.0.0/tcp/26656' } },
  { path: 'p2p.bootstrap', kind: { type: 'list', itemPattern: PEER_MULTIADDR_RE,
    itemPatternText: 'a multiaddr ending in /p2p/<peer id>' } },
  { path: 'p2p.messageBytesMax', kind: positive },
  { path: 'p2p.syncBlocksMax', kind: positive },
  { path: 'p2p.denyListFile', kind: optionalPath },
  { path: 'p2p.banMs', kind: positive },
  { path: 'log.level', kind: { type: 'enum', values: LOG_LEVELS } },
  // 0: V8's own factor. Above 400 (5x) nothing is bounded any more.
  { path: 'memory.heapGrowingPercent', kind: { type: 'int', min: 0, max: 400 } },
  // LevelDB clips max_open_files to 64 tables + 10 other files at least, 50,000 at most: a value it
  // would change silently is refused instead.
  { path: 'memory.ledgerOpenFilesMax', kind: { type: 'int', min: 74, max: 50_000 } },
  // The key is checked in full (key ID, type, a usable Ed25519 key) by the loader: see checkWitnesses.
  { path: 'witnesses.list', kind: { type: 'list', itemPattern: WITNESS_RE,
    itemPatternText: '"<http(s) URL> <witness verifier key>", e.g. "https://witness.example:7380 court.example/witness+1a2b3c4d+BK..."' } },
  // A floor of a second: each round is a request per witness, and a witness serialises its requests.
  { path: 'witnesses.intervalMs', kind: { type: 'int', min: 1_000, max: INT_MAX } },
  { path: 'witnesses.everyHeights', kind: nonNegative },
  // Names and URLs are checked further by the loader: see checkCrosschainSources.
  { path: 'crosschain.sources', kind: { type: 'list', itemPattern: CROSSCHAIN_SOURCE_RE,
    itemPatternText: '"<registered name> <http(s) URL>", e.g. "lender-side https://side.lender.example:8080"' } },
  { path: 'payouts.enabled', kind: { type: 'boolean' } },
  // Checked together by the loader when payouts.enabled: see checkPayouts.
  { path: 'payouts.keyFile', kind: pathString },
  { path: 'payouts.gatewayUrl', kind: { type: 'string', allowEmpty: true, pattern: /^(https?:\/\/\S+)?$/,
    patternText: 'an http(s) URL, e.g. "http://127.0.0.1:7390"' } },
  { path: 'payouts.bankTimeoutMs', kind: { type: 'int', min: 100, max: 600_000 } },
  { path: 'payouts.accountsFile', kind: pathString },
  { path: 'payouts.accountsKeyFile', kind: pathString },
  { path: 'payouts.outboxDir', kind: pathString },
  { path: 'payouts.fromAccount', kind: optionalPath },
  // No commas: the environment and flags separate list items with them.
  { path: 'payouts.webhookSecrets', kind: { type: 'list', itemPattern: /^[^\s,]{16,}$/,
    itemPatternText: 'a secret of 16 or more characters without spaces or commas' } },
];

export const ENV_PREFIX = 'TIANPING_';

/** "consensus.heartbeatIntervalMs" → "TIANPING_CONSENSUS_HEARTBEAT_INTERVAL_MS". */
export function envVarOf(path: string): string {
  const snake = path
    .split('.')
    .map((part) => part.replace(/([a-z0-9])([A-Z])/g, '$1_$2'))
    .join('_');
  return ENV_PREFIX + snake.toUpperCase();
}

/** Short flags for the settings people change most; every setting also takes --set path=value. */
export const FRIENDLY_FLAGS: Readonly<Record<string, string>> = {
  'data-dir': 'dataDir',
  port: 'api.port',
  host: 'api.host',
  'log-level': 'log.level',
  moniker: 'moniker',
  'p2p-listen': 'p2p.listen',
  bootstrap: 'p2p.bootstrap',
};

/** Describes what a setting accepts, for error messages. */
export function expectation(kind: SettingKind): string {
  switch (kind.type) {
    case 'int':
      if (kind.max === INT_MAX) return kind.min === 1 ? 'a positive integer' : `an integer >= ${kind.min}`;
      return `an integer ${kind.min}..${kind.max}`;
    case 'enum':
      return `one of ${kind.values.join(', ')}`;
    case 'boolean':
      return 'true or false';
    case 'string':
      if (kind.patternText !== undefined) return `a string of ${kind.patternText}`;
      return kind.allowEmpty ? 'a string' : 'a non-empty string';
    case 'list':
      return 'a list (a JSON array in a file, comma-separated text in the environment and flags)';
  }
}

/** What one item of a list setting must be. */
export function itemExpectation(kind: SettingKind & { type: 'list' }): string {
  return kind.itemPatternText ?? 'a non-empty string';
}
