// Face of config/: the node's settings, their defaults and the layered loader.
import { isAbsolute, resolve } from 'node:path';
import type { NodeConfig } from './defaults.js';

export { DEFAULT_CONFIG, type NodeConfig } from './defaults.js';
export { loadConfig, ConfigError, RESERVED_ENV_VARS, type LoadConfigOptions } from './load.js';
export { SETTINGS, FRIENDLY_FLAGS, LOG_LEVELS, envVarOf, type SettingSpec } from './settings.js';

/** genesisFile and nodeKeyFile are relative to dataDir unless absolute; dataDir to the cwd. */
export function resolveDataPath(config: NodeConfig, file: string): string {
  return isAbsolute(file) ? file : resolve(config.dataDir, file);
}
