// The API connection bounds are settings like any other, and those that bound each other are
// checked together, naming both values and where they came from.
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_CONFIG, loadConfig } from '../../src/config/index.js';

function refusal(env: Record<string, string>): string {
  try {
    loadConfig({ env, flags: {} });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('loadConfig accepted the configuration');
}

describe('API connection bounds', () => {
  it('are read from the environment', () => {
    const config = loadConfig({ env: { TIANPING_API_HEADERS_TIMEOUT_MS: '2000', TIANPING_API_CONNECTIONS_PER_CLIENT_MAX: '4' }, flags: {} });
    expect(config.api).toMatchObject({ headersTimeoutMs: 2000, connectionsPerClientMax: 4,
      keepAliveTimeoutMs: DEFAULT_CONFIG.api.keepAliveTimeoutMs });
  });

  it('refuse a headers bound above the request bound', () => {
    expect(refusal({ TIANPING_API_HEADERS_TIMEOUT_MS: '40000' })).toBe(
      'config: api.headersTimeoutMs (40000, from TIANPING_API_HEADERS_TIMEOUT_MS) must be at most api.requestTimeoutMs (30000, from defaults)');
  });

  it('refuse an idle bound that a ?wait=commit would outlast', () => {
    expect(refusal({ TIANPING_API_CONNECTION_TIMEOUT_MS: '60000' })).toBe(
      'config: api.commitWaitMsMax (60000, from defaults) must be below api.connectionTimeoutMs (60000, from TIANPING_API_CONNECTION_TIMEOUT_MS)');
  });

  it('refuse a per-client cap above the total cap', () => {
    expect(refusal({ TIANPING_API_CONNECTIONS_MAX: '64' })).toMatch(/api\.connectionsPerClientMax \(128, from defaults\) must be at most api\.connectionsMax \(64/);
  });

  it('refuse zero', () => {
    expect(refusal({ TIANPING_API_KEEP_ALIVE_TIMEOUT_MS: '0' })).toMatch(/api\.keepAliveTimeoutMs from TIANPING_API_KEEP_ALIVE_TIMEOUT_MS must be a positive integer/);
  });
});
