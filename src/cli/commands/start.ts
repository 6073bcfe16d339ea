// tianping start: loads the configuration, (with --dev) creates a dev chain on first run, starts
// the node and stops it cleanly on SIGINT/SIGTERM, so that the last block is fully written.
import { existsSync } from 'node:fs';
import { pino, type Logger } from 'pino';
import { FRIENDLY_FLAGS, loadConfig, resolveDataPath, type NodeConfig } from '../../config/index.js';
import { applyHeapGrowingPercent, checkNodeConfig, startNode } from '../../node/index.js';
import { DEV_CHAIN_ID, initDevChain } from './init.js';
import { createLogDestination } from '../log-destination.js';
import { EXIT_ERROR, EXIT_OK, UsageError, booleanOption, listOption, runCommand, stringOption,
  type CliIo, type CommandSpec, type ParsedArgs } from '../common.js';

const spec: CommandSpec = {
  name: 'start',
  usage: `Usage: tianping start [--config FILE] [--dev] [config flags]

Starts a node. Settings come from defaults < FILE (or $TIANPING_CONFIG) < TIANPING_* environment
variables < flags; docs/configuration.md lists them all. Logs are JSON lines (pino) on stdout.
SIGINT or SIGTERM stops the node cleanly (exit 0).

Options:
  --config FILE         JSON config file
  --dev                 on first run, create a single-node dev chain in the data directory
                        (as "tianping init" does), then start it
  --set PATH=VALUE      any setting by its dotted path, e.g. --set api.port=9090 (repeatable)
  --data-dir DIR        same as --set dataDir=DIR
  --port N              same as --set api.port=N
  --host ADDR           same as --set api.host=ADDR
  --log-level LEVEL     same as --set log.level=LEVEL
  --moniker NAME        same as --set moniker=NAME
  --p2p-listen ADDRS    same as --set p2p.listen=ADDRS (comma-separated multiaddrs)
  --bootstrap ADDRS     same as --set p2p.bootstrap=ADDRS (comma-separated, each ending in /p2p/<peer id>)
  --json                accepted for uniformity: the logs are JSON already
  -h, --help            show this help
`,
  options: {
    config: { type: 'string' }, dev: { type: 'boolean' }, set: { type: 'string', multiple: true },
    ...Object.fromEntries(Object.keys(FRIENDLY_FLAGS).map((name) => [name, { type: 'string' } as const])),
  },
  positionals: { min: 0, max: 0 },
};

/** --set a.b=c and the friendly flags, as loadConfig expects them. */
export function configFlags(args: ParsedArgs): Record<string, string> {
  const flags: Record<string, string> = {};
  for (const name of Object.keys(FRIENDLY_FLAGS)) {
    const value = stringOption(args, name);
    if (value !== undefined) flags[name] = value;
  }
  for (const assignment of listOption(args, 'set')) {
    const at = assignment.indexOf('=');
    if (at <= 0) throw new UsageError(`--set expects PATH=VALUE, got "${assignment}"`);
    flags[assignment.slice(0, at)] = assignment.slice(at + 1);
  }
  return flags;
}

export function run(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(spec, argv, io, async (args) => {
    const file = stringOption(args, 'config') ?? io.env['TIANPING_CONFIG'];
    const config = loadConfig({ ...(file === undefined ? {} : { file }), env: io.env, flags: configFlags(args) });
    // A log that cannot be written (a full disk under it) must not take the node down with it.
    const logger = pino({ level: config.log.level, base: { moniker: config.moniker } }, createLogDestination().stream);
    // A dev chain is written only once the rest of the configuration is known to be good.
    if (booleanOption(args, 'dev')) {
      checkNodeConfig(config);
      initDevChainOnce(config, logger);
    }
    applyHeapGrowingPercent(config.memory.heapGrowingPercent);
    const node = await startNode({ config, logger });
    return waitForSignal(logger, node);
  });
}

function initDevChainOnce(config: NodeConfig, logger: Logger): void {
  const genesisPath = resolveDataPath(config, config.genesisFile);
  if (existsSync(genesisPath)) return;
  const chain = initDevChain({
    dataDir: config.dataDir, genesisPath, nodeKeyPath: resolveDataPath(config, config.nodeKeyFile),
    chainId: DEV_CHAIN_ID, validatorName: config.moniker, force: false, nowMs: Date.now(),
  });
  logger.info({ chainId: chain.genesis.chainId, genesis: chain.genesisPath, submitterKey: chain.submitterKeyPath },
    'created a dev chain (first run with --dev)');
}

/** Resolves with the exit code once a signal has stopped the node; a second signal exits at once. */
function waitForSignal(logger: Logger, node: { close(): Promise<void> }): Promise<number> {
  return new Promise((resolve) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals): void => {
      if (stopping) {
        logger.warn({ signal }, 'second signal: exiting without waiting for a clean stop');
        process.exit(EXIT_ERROR);
      }
      stopping = true;
      logger.info({ signal }, 'stopping');
      node.close().then(() => resolve(EXIT_OK), (error: unknown) => {
        logger.error({ err: error }, 'node did not stop cleanly');
        resolve(EXIT_ERROR);
      });
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
