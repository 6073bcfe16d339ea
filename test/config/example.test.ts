import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, SETTINGS, envVarOf, loadConfig } from '../../src/config/index.js';

function leafPaths(object: object, prefix = ''): string[] {
  return Object.entries(object).flatMap(([key, value]) => {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    // A list setting is one leaf, even when its default is the empty array.
    const isGroup = typeof value === 'object' && value !== null && !Array.isArray(value);
    return isGroup ? leafPaths(value as object, path) : [path];
  });
}

describe('config/example.json and docs/configuration.md', () => {
  it('example.json holds exactly the defaults', () => {
    const example: unknown = JSON.parse(readFileSync('config/example.json', 'utf8'));
    expect(example).toEqual(DEFAULT_CONFIG);
  });

  it('example.json loads as a config file', () => {
    expect(loadConfig({ file: 'config/example.json', env: {}, flags: {} })).toEqual(DEFAULT_CONFIG);
  });

  it('every default has a checked setting, and every setting a default', () => {
    expect(SETTINGS.map((s) => s.path).sort()).toEqual(leafPaths(DEFAULT_CONFIG).sort());
  });

  it('the docs list every setting with its environment variable', () => {
    const docs = readFileSync('docs/configuration.md', 'utf8');
    for (const { path } of SETTINGS) {
      expect(docs, path).toContain(`\`${path}\``);
      expect(docs, path).toContain(`\`${envVarOf(path)}\``);
    }
  });

  it('the environment variable names follow the documented rule', () => {
    expect(envVarOf('api.port')).toBe('TIANPING_API_PORT');
    expect(envVarOf('consensus.heartbeatIntervalMs')).toBe('TIANPING_CONSENSUS_HEARTBEAT_INTERVAL_MS');
    expect(envVarOf('dataDir')).toBe('TIANPING_DATA_DIR');
    expect(envVarOf('p2p.messageBytesMax')).toBe('TIANPING_P2P_MESSAGE_BYTES_MAX');
  });
});
