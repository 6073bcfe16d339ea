// Everything the node can check before it writes a byte: the listen and bootstrap addresses parse
// as multiaddrs, the TLS certificate and key are readable and belong together, the node key file
// is a key, the genesis is valid and not absurdly far ahead. Only then does startNode lock the data
// directory and open the ledger, so a typo in a setting leaves the data directory as it was.
import { readFileSync, statSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import { isAbsolute, join } from 'node:path';
import { multiaddr } from '@multiformats/multiaddr';
import type { Logger } from 'pino';
import { ConfigError } from '../config/load.js';
import type { NodeConfig } from '../config/defaults.js';
import { readKeyFile, type KeyPair } from '../crypto/index.js';
import { parseGenesis, type Genesis } from '../state/index.js';
import type { Clock } from '../types/index.js';
import { StartupError } from './startup-error.js';

/**
 * A node refuses to start more than this long before its genesis time (7 days): further ahead is
 * a wrong date, not a launch. Within it the node starts, logs when the chain begins and answers
 * /healthz with 503 GENESIS_PENDING until then.
 */
export const GENESIS_WAIT_MS_MAX = 7 * 24 * 60 * 60 * 1000;

export function inDataDir(config: NodeConfig, path: string): string {
  return isAbsolute(path) ? path : join(config.dataDir, path);
}

export interface TlsFiles {
  readonly cert: Buffer;
  readonly key: Buffer;
}

/**
 * The checks that need no genesis: run by `start --dev` too, before it writes a dev chain.
 * Returns the TLS files read, if configured.
 */
export function checkNodeConfig(config: NodeConfig): TlsFiles | undefined {
  checkDataDir(config.dataDir);
  for (const [setting, list] of [['p2p.listen', config.p2p.listen], ['p2p.bootstrap', config.p2p.bootstrap]] as const) {
    list.forEach((text, i) => {
      try {
        multiaddr(text);
      } catch (error) {
        throw new ConfigError(`config: ${setting}[${i}] ${JSON.stringify(text)} is not a valid multiaddr: ${(error as Error).message}`);
      }
    });
  }
  if (config.api.tlsCertFile === '' || config.api.tlsKeyFile === '') return undefined;
  const read = (setting: string, file: string): Buffer => {
    const path = inDataDir(config, file);
    try {
      return readFileSync(path);
    } catch (error) {
      throw new ConfigError(`config: ${setting} ${path} cannot be read: ${(error as Error).message}`);
    }
  };
  const tls = { cert: read('api.tlsCertFile', config.api.tlsCertFile), key: read('api.tlsKeyFile', config.api.tlsKeyFile) };
  try {
    // Parses both and checks that the key is the certificate's: the HTTPS server would fail later.
    createSecureContext(tls);
  } catch (error) {
    throw new ConfigError(`config: api.tlsCertFile and api.tlsKeyFile do not form a usable certificate and key: ${(error as Error).message}`);
  }
  return tls;
}

/** A data directory that exists must be a directory; one that does not is created after the checks. */
function checkDataDir(dataDir: string): void {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(dataDir).isDirectory();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new StartupError('DATA_DIR_UNUSABLE', `data directory ${dataDir}: ${(error as Error).message}`);
  }
  if (!isDirectory) throw new StartupError('DATA_DIR_UNUSABLE', `data directory ${dataDir} is not a directory`);
}

export interface StartInputs {
  readonly genesis: Genesis;
  readonly genesisBytes: Uint8Array;
  readonly key: KeyPair;
  readonly tls: TlsFiles | undefined;
}

/** All checks, in the order an operator would fix them; nothing is written. */
export function preflight(config: NodeConfig, clock: Clock, logger: Logger): StartInputs {
  const tls = checkNodeConfig(config);
  const genesisPath = inDataDir(config, config.genesisFile);
  let genesisBytes: Uint8Array;
  try {
    genesisBytes = readFileSync(genesisPath);
  } catch (error) {
    throw new StartupError('GENESIS_UNREADABLE',
      `cannot read genesis ${genesisPath}: ${(error as Error).message} (run "tianping init" first)`);
  }
  let genesisJson: unknown;
  try {
    genesisJson = JSON.parse(new TextDecoder().decode(genesisBytes));
  } catch {
    throw new StartupError('GENESIS_UNREADABLE', `genesis ${genesisPath} is not JSON`);
  }
  const genesis = parseGenesis(genesisJson);
  checkGenesisTime(genesis, clock.nowMs(), logger);
  const key = readKeyFile(inDataDir(config, config.nodeKeyFile));
  return { genesis, genesisBytes, key, tls };
}

function checkGenesisTime(genesis: Genesis, nowMs: number, logger: Logger): void {
  const aheadMs = genesis.genesisTimeMs - nowMs;
  if (aheadMs <= 0) return;
  const startsAt = new Date(genesis.genesisTimeMs).toISOString();
  if (aheadMs > GENESIS_WAIT_MS_MAX) {
    throw new StartupError('GENESIS_TOO_FAR_AHEAD', `genesis: genesisTimeMs ${genesis.genesisTimeMs} (${startsAt}) is `
      + `${Math.round(aheadMs / 3_600_000)} h ahead of this node's clock, more than the ${GENESIS_WAIT_MS_MAX / 3_600_000} h `
      + 'a node waits for its chain to start; check the genesis time (milliseconds) and the clock');
  }
  logger.warn({ event: 'genesis.pending', genesisTimeMs: genesis.genesisTimeMs, startsAt, inMs: aheadMs },
    `the chain starts at ${startsAt} (genesis time): no block before then; /healthz answers 503 GENESIS_PENDING`);
}
