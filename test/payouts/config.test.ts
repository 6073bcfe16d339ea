// The payouts.* settings: off by default, a boolean from a file or the environment, the gateway and
// the paying account required once enabled, webhook secrets as a list.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/index.js';

describe('payouts settings', () => {
  it('are off by default, with paths relative to the data directory', () => {
    const config = loadConfig({ env: {}, flags: {} });
    expect(config.payouts).toEqual({ enabled: false, keyFile: 'executor.key', gatewayUrl: '', bankTimeoutMs: 10_000, accountsFile: 'payout-accounts.bin',
      accountsKeyFile: 'payout-accounts.key', outboxDir: 'payouts-outbox', fromAccount: '', webhookSecrets: [] });
  });

  it('turn on from the environment with the gateway, the account and two secrets', () => {
    const config = loadConfig({ flags: {}, env: { TIANPING_PAYOUTS_ENABLED: 'true', TIANPING_PAYOUTS_GATEWAY_URL: 'http://127.0.0.1:7390',
      TIANPING_PAYOUTS_FROM_ACCOUNT: 'court-1', TIANPING_PAYOUTS_WEBHOOK_SECRETS: 'current-secret-0001,previous-secret-001',
      TIANPING_PAYOUTS_FAILPOINT: 'after-call' } });
    expect(config.payouts.enabled).toBe(true);
    expect(config.payouts.webhookSecrets).toEqual(['current-secret-0001', 'previous-secret-001']);
  });

  it('refuse a non-boolean, a missing gateway or account when enabled, a bad URL and a short secret', () => {
    expect(() => loadConfig({ flags: {}, env: { TIANPING_PAYOUTS_ENABLED: 'yes' } })).toThrow(/payouts.enabled from TIANPING_PAYOUTS_ENABLED must be true or false/);
    expect(() => loadConfig({ flags: { 'payouts.enabled': 'true', 'payouts.fromAccount': 'a' }, env: {} }))
      .toThrow(/payouts.gatewayUrl must be set when payouts.enabled is true/);
    expect(() => loadConfig({ flags: { 'payouts.enabled': 'true', 'payouts.gatewayUrl': 'http://g' }, env: {} }))
      .toThrow(/payouts.fromAccount must be set/);
    expect(() => loadConfig({ flags: { 'payouts.gatewayUrl': '127.0.0.1:7390' }, env: {} })).toThrow(ConfigError);
    expect(() => loadConfig({ flags: { 'payouts.webhookSecrets': 'short' }, env: {} })).toThrow(/16 or more characters/);
  });
});
