import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_CONFIG, loadConfig } from '../../src/config/index.js';

const dir = mkdtempSync(join(tmpdir(), 'tianping-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileCount = 0;
function configFile(content: unknown): string {
  const path = join(dir, `config-${fileCount++}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).code).toBe('CONFIG_INVALID');
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig precedence', () => {
  it('gives the defaults when nothing is set', () => {
    expect(loadConfig({ env: {}, flags: {} })).toEqual(DEFAULT_CONFIG);
  });

  it('file overrides defaults, environment overrides file, flags override environment', () => {
    const file = configFile({ api: { port: 7001, host: '0.0.0.0' }, moniker: 'from-file', consensus: { blockDelayMs: 5 } });
    const env = { TIANPING_API_PORT: '7002', TIANPING_MONIKER: 'from-env' };
    const config = loadConfig({ file, env, flags: { port: '7003' } });
    expect(config.api.port).toBe(7003);
    expect(config.moniker).toBe('from-env');
    expect(config.api.host).toBe('0.0.0.0');
    expect(config.consensus.blockDelayMs).toBe(5);
    expect(config.consensus.heartbeatIntervalMs).toBe(DEFAULT_CONFIG.consensus.heartbeatIntervalMs);
  });

  it('maps camelCase paths to upper-snake environment variables', () => {
    const config = loadConfig({
      env: { TIANPING_CONSENSUS_HEARTBEAT_INTERVAL_MS: '2500', TIANPING_DATA_DIR: '/srv/chain', TIANPING_API_TLS_CERT_FILE: 'c.pem', TIANPING_API_TLS_KEY_FILE: 'k.pem' },
      flags: {},
    });
    expect(config.consensus.heartbeatIntervalMs).toBe(2500);
    expect(config.dataDir).toBe('/srv/chain');
    expect(config.api.tlsCertFile).toBe('c.pem');
  });

  it('refuses a ledger open-files bound LevelDB would clip, and takes one it keeps', () => {
    expect(configError(() => loadConfig({ env: { TIANPING_MEMORY_LEDGER_OPEN_FILES_MAX: '64' }, flags: {} })).message)
      .toContain('memory.ledgerOpenFilesMax');
    expect(loadConfig({ env: { TIANPING_MEMORY_LEDGER_OPEN_FILES_MAX: '200' }, flags: {} }).memory.ledgerOpenFilesMax).toBe(200);
  });

  it('an explicit --set wins over the friendly flag of the same setting', () => {
    const config = loadConfig({ env: {}, flags: { 'api.port': '9090', port: '9091', 'data-dir': 'x', 'log-level': 'debug' } });
    expect(config.api.port).toBe(9090);
    expect(config.dataDir).toBe('x');
    expect(config.log.level).toBe('debug');
  });

  it('ignores unrelated and reserved environment variables', () => {
    const config = loadConfig({ env: { PATH: '/bin', TIANPING_CONFIG: 'x.json', HOME: undefined }, flags: {} });
    expect(config).toEqual(DEFAULT_CONFIG);
  });

  it('returns a frozen object', () => {
    const config = loadConfig({ env: {}, flags: {} });
    expect(Object.isFrozen(config.api)).toBe(true);
  });
});

describe('loadConfig refuses bad values, naming the setting and its source', () => {
  it('a non-integer port from the environment', () => {
    const error = configError(() => loadConfig({ env: { TIANPING_API_PORT: 'abc' }, flags: {} }));
    expect(error.message).toBe('config: api.port from TIANPING_API_PORT must be an integer 0..65535, got "abc"');
  });

  it('an out-of-range port from a friendly flag', () => {
    const error = configError(() => loadConfig({ env: {}, flags: { port: '65536' } }));
    expect(error.message).toBe('config: api.port from --port must be an integer 0..65535, got "65536"');
  });

  it('a zero limit from --set', () => {
    const error = configError(() => loadConfig({ env: {}, flags: { 'mempool.txsMax': '0' } }));
    expect(error.message).toBe('config: mempool.txsMax from --set mempool.txsMax must be a positive integer, got "0"');
  });

  it('a fractional number in the file', () => {
    const file = configFile({ api: { bodyBytesMax: 1.5 } });
    const error = configError(() => loadConfig({ file, env: {}, flags: {} }));
    expect(error.message).toBe(`config: api.bodyBytesMax from config file ${file} must be a positive integer, got 1.5`);
  });

  it('a number written as a string in the file (JSON types must match)', () => {
    const file = configFile({ api: { port: '8080' } });
    expect(configError(() => loadConfig({ file, env: {}, flags: {} })).message).toContain(`api.port from config file ${file}`);
  });

  it('a log level outside the list', () => {
    const error = configError(() => loadConfig({ env: { TIANPING_LOG_LEVEL: 'verbose' }, flags: {} }));
    expect(error.message).toBe('config: log.level from TIANPING_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "verbose"');
  });

  it('an empty data dir and a moniker with spaces', () => {
    expect(configError(() => loadConfig({ env: {}, flags: { 'data-dir': '' } })).message)
      .toBe('config: dataDir from --data-dir must be a non-empty string, got ""');
    expect(configError(() => loadConfig({ env: { TIANPING_MONIKER: 'my node' }, flags: {} })).message)
      .toContain('moniker from TIANPING_MONIKER must be a string of');
  });

  it('unknown keys in the file, with a suggestion', () => {
    const file = configFile({ api: { prot: 1 } });
    expect(configError(() => loadConfig({ file, env: {}, flags: {} })).message)
      .toBe(`config: unknown setting "api.prot" in config file ${file} (did you mean api.port?)`);
    const nested = configFile({ mempool: { txsMax: 5, extra: { a: 1 } } });
    expect(configError(() => loadConfig({ file: nested, env: {}, flags: {} })).message).toContain('unknown setting "mempool.extra"');
  });

  it('an unknown TIANPING_ variable in the environment', () => {
    expect(configError(() => loadConfig({ env: { TIANPING_API_PROT: '1' }, flags: {} })).message)
      .toBe('config: unknown setting TIANPING_API_PROT in the environment (did you mean TIANPING_API_PORT?)');
  });

  it('an unknown --set path', () => {
    expect(configError(() => loadConfig({ env: {}, flags: { 'api.nope': '1' } })).message).toContain('unknown setting "api.nope" from --set');
    expect(configError(() => loadConfig({ env: {}, flags: { toString: '1' } })).message).toContain('unknown setting "toString"');
  });

  it('a group given as a scalar, and a file that is not an object', () => {
    const file = configFile({ api: 5 });
    expect(configError(() => loadConfig({ file, env: {}, flags: {} })).message).toBe(`config: api from config file ${file} must be an object`);
    const list = configFile([]);
    expect(configError(() => loadConfig({ file: list, env: {}, flags: {} })).message).toContain('must hold a JSON object');
  });

  it('a missing or malformed file', () => {
    expect(configError(() => loadConfig({ file: join(dir, 'absent.json'), env: {}, flags: {} })).message).toContain('cannot read config file');
    const broken = configFile('{"api": ');
    expect(configError(() => loadConfig({ file: broken, env: {}, flags: {} })).message).toContain('is not valid JSON');
  });

  it('only one of the two TLS files', () => {
    expect(configError(() => loadConfig({ env: { TIANPING_API_TLS_CERT_FILE: 'cert.pem' }, flags: {} })).message)
      .toBe('config: api.tlsCertFile and api.tlsKeyFile must be set together, but only api.tlsCertFile (from TIANPING_API_TLS_CERT_FILE) is set');
  });
});

const PEER_A = '/ip4/10.0.0.2/tcp/26656/p2p/12D3KooWGzxzKZYveHXtpG6AsrUJBcWxHBFS2HsEoGTxrMLvKXtf';
const PEER_B = '/ip4/10.0.0.3/tcp/26656/p2p/12D3KooWAbCdEfGhiJkLmNoPqRsTuVwXyZ123456789abcdefgHi';

describe('list settings (p2p.listen, p2p.bootstrap)', () => {
  it('default to empty lists', () => {
    const config = loadConfig({ env: {}, flags: {} });
    expect(config.p2p.listen).toEqual([]);
    expect(config.p2p.bootstrap).toEqual([]);
  });

  it('take a JSON array in the file and comma-separated text in the environment and flags', () => {
    const file = configFile({ p2p: { listen: ['/ip4/0.0.0.0/tcp/26656', '/ip6/::/tcp/26656'], bootstrap: [PEER_A] } });
    expect(loadConfig({ file, env: {}, flags: {} }).p2p).toMatchObject({
      listen: ['/ip4/0.0.0.0/tcp/26656', '/ip6/::/tcp/26656'], bootstrap: [PEER_A] });
    const fromEnv = loadConfig({ file, env: { TIANPING_P2P_BOOTSTRAP: `${PEER_A}, ${PEER_B}` }, flags: {} });
    expect(fromEnv.p2p.bootstrap).toEqual([PEER_A, PEER_B]);
    const fromFlags = loadConfig({ file, env: {}, flags: { 'p2p-listen': '/ip4/127.0.0.1/tcp/9000', bootstrap: PEER_B } });
    expect(fromFlags.p2p.listen).toEqual(['/ip4/127.0.0.1/tcp/9000']);
    expect(fromFlags.p2p.bootstrap).toEqual([PEER_B]);
    expect(loadConfig({ env: {}, flags: { 'p2p.listen': '/ip4/127.0.0.1/tcp/1,/ip4/127.0.0.1/tcp/2' } }).p2p.listen)
      .toEqual(['/ip4/127.0.0.1/tcp/1', '/ip4/127.0.0.1/tcp/2']);
  });

  it('an empty text clears a list set in the file', () => {
    const file = configFile({ p2p: { bootstrap: [PEER_A] } });
    expect(loadConfig({ file, env: { TIANPING_P2P_BOOTSTRAP: '' }, flags: {} }).p2p.bootstrap).toEqual([]);
  });

  it('are frozen and do not share the defaults\' arrays', () => {
    const config = loadConfig({ env: {}, flags: {} });
    expect(Object.isFrozen(config.p2p.listen)).toBe(true);
    expect(config.p2p.listen).not.toBe(DEFAULT_CONFIG.p2p.listen);
    expect(Object.isFrozen(DEFAULT_CONFIG.p2p.listen)).toBe(false);
  });

  it('refuse a value that is not an array in the file', () => {
    const file = configFile({ p2p: { listen: '/ip4/0.0.0.0/tcp/26656' } });
    expect(configError(() => loadConfig({ file, env: {}, flags: {} })).message).toBe(
      `config: p2p.listen from config file ${file} must be a list (a JSON array in a file, comma-separated text in the environment and flags), got "/ip4/0.0.0.0/tcp/26656"`);
  });

  it('name the one bad item and its index', () => {
    const file = configFile({ p2p: { listen: ['/ip4/0.0.0.0/tcp/1', 7] } });
    expect(configError(() => loadConfig({ file, env: {}, flags: {} })).message).toBe(
      `config: p2p.listen[1] from config file ${file} must be a multiaddr such as /ip4/0.0.0.0/tcp/26656, got 7`);
    expect(configError(() => loadConfig({ env: { TIANPING_P2P_BOOTSTRAP: `${PEER_A},/ip4/10.0.0.3/tcp/26656` }, flags: {} })).message)
      .toBe('config: p2p.bootstrap[1] from TIANPING_P2P_BOOTSTRAP must be a multiaddr ending in /p2p/<peer id>, got "/ip4/10.0.0.3/tcp/26656"');
    expect(configError(() => loadConfig({ env: {}, flags: { 'p2p-listen': 'ip4/0.0.0.0/tcp/1' } })).message)
      .toBe('config: p2p.listen[0] from --p2p-listen must be a multiaddr such as /ip4/0.0.0.0/tcp/26656, got "ip4/0.0.0.0/tcp/1"');
  });

  it('refuse empty and repeated items', () => {
    expect(configError(() => loadConfig({ env: {}, flags: { bootstrap: `${PEER_A},,${PEER_B}` } })).message)
      .toBe('config: p2p.bootstrap[1] from --bootstrap must be a multiaddr ending in /p2p/<peer id>, got ""');
    expect(configError(() => loadConfig({ env: {}, flags: { bootstrap: `${PEER_A},` } })).message)
      .toContain('p2p.bootstrap[1] from --bootstrap must be');
    const file = configFile({ p2p: { bootstrap: [PEER_A, PEER_B, PEER_A] } });
    expect(configError(() => loadConfig({ file, env: {}, flags: {} })).message)
      .toBe(`config: p2p.bootstrap[2] from config file ${file} repeats "${PEER_A}"`);
  });
});

describe('consensus and p2p limits', () => {
  it('accept zero deltas but not zero base timeouts', () => {
    const config = loadConfig({ env: { TIANPING_CONSENSUS_TIMEOUT_PROPOSE_DELTA_MS: '0' }, flags: {} });
    expect(config.consensus.timeoutProposeDeltaMs).toBe(0);
    expect(configError(() => loadConfig({ env: { TIANPING_CONSENSUS_TIMEOUT_PREVOTE_MS: '0' }, flags: {} })).message)
      .toBe('config: consensus.timeoutPrevoteMs from TIANPING_CONSENSUS_TIMEOUT_PREVOTE_MS must be a positive integer, got "0"');
  });

  it('read the p2p limits from the file', () => {
    const file = configFile({ p2p: { messageBytesMax: 1024, syncBlocksMax: 5 }, consensus: { rebroadcastIntervalMs: 250 } });
    const config = loadConfig({ file, env: {}, flags: {} });
    expect(config.p2p).toMatchObject({ messageBytesMax: 1024, syncBlocksMax: 5 });
    expect(config.consensus.rebroadcastIntervalMs).toBe(250);
  });
});
