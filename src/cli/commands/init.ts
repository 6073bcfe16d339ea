// tianping init: a single-node development chain in a data directory: this node as the only
// validator, one dev platform allowed to anchor in every category, and the genesis that says so.
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadConfig, resolveDataPath } from '../../config/index.js';
import { generateKeyPair, readKeyFile, writeKeyFile, type KeyPair } from '../../crypto/index.js';
import { DEFAULT_CATEGORIES, DEFAULT_PARAMS, parseGenesis, type Genesis } from '../../state/genesis.js';
import { toHex } from '../../types/index.js';
import { CliError, EXIT_OK, booleanOption, printJson, runCommand, stringOption, type CliIo, type CommandSpec } from '../common.js';

export const DEV_CHAIN_ID = 'tianping-dev';
export const DEV_SUBMITTER_KEY_FILE = 'submitter.key';
export const DEV_SUBMITTER_NAME = 'dev-platform';
const DEV_VALIDATOR_POWER = 10;

export interface DevChainOptions {
  readonly dataDir: string;
  readonly genesisPath: string;
  readonly nodeKeyPath: string;
  readonly chainId: string;
  readonly validatorName: string;
  readonly force: boolean;
  readonly nowMs: number;
}

export interface DevChain {
  readonly genesis: Genesis;
  readonly genesisPath: string;
  readonly nodeKeyPath: string;
  readonly submitterKeyPath: string;
  /** Key files that existed and were kept rather than created. */
  readonly reusedKeys: readonly string[];
}

/**
 * Writes the keys and genesis of a dev chain. Existing key files are reused, never replaced: with
 * --force only the genesis is rewritten, so no key is ever destroyed by this command.
 */
export function initDevChain(options: DevChainOptions): DevChain {
  if (existsSync(options.genesisPath) && !options.force) {
    throw new CliError(`${options.genesisPath} already exists; use --force to write a new genesis`);
  }
  const nodeKey = keyAt(options.nodeKeyPath, 'node key');
  const submitterKeyPath = resolve(options.dataDir, DEV_SUBMITTER_KEY_FILE);
  const submitterKey = keyAt(submitterKeyPath, DEV_SUBMITTER_NAME);
  const document = {
    chainId: options.chainId,
    genesisTimeMs: options.nowMs,
    validators: [{ name: options.validatorName, publicKey: toHex(nodeKey.pair.publicKey), power: DEV_VALIDATOR_POWER }],
    members: [{
      name: DEV_SUBMITTER_NAME, organisation: DEV_SUBMITTER_NAME, role: 'submitter',
      publicKey: toHex(submitterKey.pair.publicKey), categories: [...DEFAULT_CATEGORIES],
    }],
    categories: [...DEFAULT_CATEGORIES],
    params: DEFAULT_PARAMS,
  };
  // Checked by the same parser the node uses, so init never writes a genesis the node refuses;
  // and before anything is written, so a refused genesis leaves no keys or directory behind.
  const genesis = parseGenesis(document);
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  for (const key of [nodeKey, submitterKey]) key.write?.();
  writeAtomically(options.genesisPath, JSON.stringify(document, null, 2) + '\n');
  const reusedKeys = [nodeKey, submitterKey].filter((key) => key.write === undefined).map((key) => key.path);
  return { genesis, genesisPath: options.genesisPath, nodeKeyPath: options.nodeKeyPath, submitterKeyPath, reusedKeys };
}

/** The key file at path if it exists; otherwise a new key and how to write it. */
function keyAt(path: string, label: string): { pair: KeyPair; path: string; write?: () => void } {
  if (existsSync(path)) return { pair: readKeyFile(path), path };
  const pair = generateKeyPair();
  return { pair, path, write: () => writeKeyFile(path, pair, label) };
}

/** A crash mid-write leaves the old genesis or none, never half a file. */
function writeAtomically(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.tmp-${process.pid}`;
  writeFileSync(temporary, text, { mode: 0o644 });
  renameSync(temporary, path);
}

const spec: CommandSpec = {
  name: 'init',
  usage: `Usage: tianping init [--data-dir DIR] [--chain-id ID] [--moniker NAME] [--force] [--json]

Creates a single-node development chain in DIR (default $TIANPING_DATA_DIR or ./data):
  node.key        this node's key; the node is the only validator (power ${DEV_VALIDATOR_POWER})
  submitter.key   a dev platform key, member "${DEV_SUBMITTER_NAME}" allowed to anchor in every category
  genesis.json    chain id, time, validator, member and the default evidence categories
Existing key files are reused. Refuses when genesis.json exists, unless --force (which rewrites
only genesis.json: delete DIR/ledger as well to start a new chain).

Options:
  --data-dir DIR   data directory
  --chain-id ID    chain id (default ${DEV_CHAIN_ID})
  --moniker NAME   validator name in the genesis (default node0)
  --force          overwrite an existing genesis.json
  --json           print the result as JSON
  -h, --help       show this help
`,
  options: { 'data-dir': { type: 'string' }, 'chain-id': { type: 'string' }, moniker: { type: 'string' }, force: { type: 'boolean' } },
  positionals: { min: 0, max: 0 },
};

export function run(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(spec, argv, io, async (args) => {
    const dataDir = stringOption(args, 'data-dir');
    const moniker = stringOption(args, 'moniker');
    // The same loader as `start`, so init writes where the node will look (TIANPING_DATA_DIR etc.).
    const config = loadConfig({ env: io.env, flags: { ...(dataDir === undefined ? {} : { 'data-dir': dataDir }),
      ...(moniker === undefined ? {} : { moniker }) } });
    const chain = initDevChain({
      dataDir: config.dataDir,
      genesisPath: resolveDataPath(config, config.genesisFile),
      nodeKeyPath: resolveDataPath(config, config.nodeKeyFile),
      chainId: stringOption(args, 'chain-id') ?? DEV_CHAIN_ID,
      validatorName: moniker ?? 'node0',
      force: booleanOption(args, 'force'),
      nowMs: Date.now(),
    });
    const summary = {
      ok: true, chainId: chain.genesis.chainId, genesis: chain.genesisPath, nodeKey: chain.nodeKeyPath,
      nodePublicKey: chain.genesis.validators[0]?.publicKey, submitterKey: chain.submitterKeyPath,
      submitterPublicKey: chain.genesis.members[0]?.publicKey, reusedKeys: chain.reusedKeys,
    };
    if (args.json) printJson(io, summary);
    else io.stdout(describeChain(chain));
    return EXIT_OK;
  });
}

function describeChain(chain: DevChain): string {
  const validator = chain.genesis.validators[0];
  const member = chain.genesis.members[0];
  return [
    `dev chain "${chain.genesis.chainId}" written`,
    `  genesis     ${chain.genesisPath}`,
    `  validator   ${validator?.name} ${validator?.publicKey} (${chain.nodeKeyPath})`,
    `  submitter   ${member?.name} ${member?.publicKey} (${chain.submitterKeyPath})`,
    ...chain.reusedKeys.map((path) => `  kept existing key ${path}`),
    '',
  ].join('\n');
}
